// The sync side of the GUI (offscreen): the pair model under QAbstractItemModelTester following a real
// run (copied and updated counted apart; error / held back with the reason and a readable colour), the
// dialog's validation at the wrong field (off the GUI thread), its longest-wait and one-file-system
// fields, Preview's table, and the pane's Sync now / Pause / Sync anyway.
#include "PaletteCheck.h"
#include "core/Session.h"
#include "core/Settings.h"
#include "core/sync/SyncScheduler.h"
#include "ui/sync/SyncPairModel.h"
#include "ui/sync/SyncPairsDialog.h"
#include "ui/sync/SyncPane.h"

#include "../sync/SyncTestTree.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPalette>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lanwatch;
using namespace lanwatch::sync;
using namespace synctest;

using lanwatch::test::contrast;
using lanwatch::test::darkPalette;

namespace {
QMessageBox *visibleQuestion(QWidget *parent, const QString &containing)
{
    for (QMessageBox *box : parent->findChildren<QMessageBox *>(QStringLiteral("heldBackQuestion")))
        if (box->isVisible() && box->text().contains(containing))
            return box;
    return nullptr;
}
} // namespace

class TstSyncUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString src() const { return m_tmp.filePath(QStringLiteral("src")); }
    QString dst() const { return m_tmp.filePath(QStringLiteral("dst")); }

private Q_SLOTS:
    void init()
    {
        QDir(src()).removeRecursively();
        QDir(dst()).removeRecursively();
        writeFile(src() + QStringLiteral("/a.txt"), "a");
        writeFile(src() + QStringLiteral("/b/c.txt"), "c");
    }

    void modelFollowsARun()
    {
        SyncScheduler scheduler;
        ui::SyncPairModel model(&scheduler);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SyncPair p = SyncPair::create(src(), dst());
        p.delaySeconds = 1;
        scheduler.setPairs({p});
        model.reload();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ui::SyncPairModel::Source).data().toString(), src());
        QVERIFY2(model.index(0, ui::SyncPairModel::State).data().toString().startsWith(QStringLiteral("pending")),
                 qPrintable(model.index(0, ui::SyncPairModel::State).data().toString()));
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(model.index(0, ui::SyncPairModel::State).data().toString(), QStringLiteral("idle"));
        QCOMPARE(model.index(0, ui::SyncPairModel::Copied).data().toInt(), 2);
        QCOMPARE(model.index(0, ui::SyncPairModel::Updated).data().toInt(), 0);
        QVERIFY(model.index(0, ui::SyncPairModel::LastRun).data().toString() != QStringLiteral("never"));
        QVERIFY(!model.index(0, ui::SyncPairModel::State).data(Qt::ForegroundRole).isValid()); // plain text
        // One file replaced: counted as updated, not as copied (the log says "0 copied, 1 updated").
        writeFile(src() + QStringLiteral("/a.txt"), "a, longer now");
        scheduler.syncNow(p.id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(model.index(0, ui::SyncPairModel::Copied).data().toInt(), 0);
        QCOMPARE(model.index(0, ui::SyncPairModel::Updated).data().toInt(), 1);
        QCOMPARE(model.headerData(ui::SyncPairModel::Updated, Qt::Horizontal).toString(), QStringLiteral("Updated"));
        QVERIFY(!model.headerData(ui::SyncPairModel::Copied, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        scheduler.setPaused(p.id, true);
        QCOMPARE(model.index(0, ui::SyncPairModel::State).data().toString(), QStringLiteral("paused"));
    }

    void dialogShowsErrorsAtTheField()
    {
        ui::SyncPairsDialog dialog({SyncPair::create(src(), src() + QStringLiteral("/backup"))});
        auto *dstError = dialog.findChild<QLabel *>(QStringLiteral("destinationError"));
        auto *srcError = dialog.findChild<QLabel *>(QStringLiteral("sourceError"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        // Validation runs on core's pool: wait for its answer, not for a fixed time.
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(!dstError->isHidden());
        QVERIFY(dstError->text().contains(QStringLiteral("inside the source")));
        QVERIFY(srcError->isHidden());
        QVERIFY(!ok->isEnabled());
        dialog.findChild<QLineEdit *>(QStringLiteral("destination"))->setText(dst());
        QVERIFY(!ok->isEnabled()); // until the answer about the new text is in
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(dstError->isHidden());
        QVERIFY(ok->isEnabled());
        // Typing fast: only the last text's answer is shown.
        auto *source = dialog.findChild<QLineEdit *>(QStringLiteral("source"));
        source->setText(m_tmp.filePath(QStringLiteral("mis")));
        source->setText(m_tmp.filePath(QStringLiteral("missing")));
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(!srcError->isHidden());
        QVERIFY(srcError->text().contains(QStringLiteral("missing")));
        QVERIFY(srcError->text().contains(QStringLiteral("does not exist")));
        QVERIFY(!ok->isEnabled());
        source->setText(src());
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(ok->isEnabled());
        dialog.addPair(); // a new, empty pair is invalid until filled in
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(!ok->isEnabled());
        dialog.removeCurrent();
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.pairs().size(), 1);
    }

    void previewListsThePlan()
    {
        writeFile(dst() + QStringLiteral("/stale.txt"), "s");
        ui::SyncPairsDialog dialog({SyncPair::create(src(), dst())});
        dialog.preview();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning(), 10000);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("previewTable"));
        QTRY_VERIFY(table->rowCount() > 0);
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, 0)->text() + QLatin1Char(' ') + table->item(r, 1)->text();
        // Folder times are not a row of their own (they follow from the rest), as in the CLI.
        QCOMPARE(rows, (QStringList{"copy a.txt", "create folder b/", "copy b/c.txt", "delete stale.txt"}));
        QVERIFY(
            dialog.findChild<QLabel *>(QStringLiteral("previewSummary"))->text().contains(QStringLiteral("2 to copy")));
        QVERIFY(!QFile::exists(dst() + QStringLiteral("/a.txt"))); // a preview touches nothing
    }

    void paneSyncNowAndPause()
    {
        core::Settings settings(m_tmp.filePath(QStringLiteral("pane.ini")));
        SyncPair p = SyncPair::create(src(), dst());
        p.delaySeconds = 3600; // only "Sync now" can make this run soon
        savePairs(settings, {p});
        core::Session session(&settings);
        ui::SyncPane pane(&session);
        QCOMPARE(pane.model()->rowCount(), 1);
        pane.selectRow(0);
        pane.syncSelectedNow();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dst() + QStringLiteral("/b/c.txt")), 10000);
        QTRY_VERIFY(pane.logLines().join(QLatin1Char('\n')).contains(QStringLiteral("Run finished")));
        pane.togglePauseSelected();
        QCOMPARE(pane.scheduler()->status(p.id).state, PairState::Paused);
        QCOMPARE(pane.findChild<QPushButton *>(QStringLiteral("pause"))->text(), QStringLiteral("&Resume"));
    }
    // Error and held back show their reason in the tooltip, in a colour that reads on the palette's base.
    void modelShowsProblemsReadably()
    {
        for (int i = 0; i < 4; ++i)
            writeFile(dst() + QStringLiteral("/backup%1").arg(i), "b");
        const QString empty = m_tmp.filePath(QStringLiteral("empty"));
        QDir().mkpath(empty);
        SyncScheduler scheduler;
        ui::SyncPairModel model(&scheduler);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SyncPair failing = SyncPair::create(m_tmp.filePath(QStringLiteral("unplugged")), dst() + QStringLiteral("2"));
        SyncPair held = SyncPair::create(empty, dst());
        failing.delaySeconds = held.delaySeconds = 0;
        scheduler.setPairs({failing, held});
        model.reload();
        QTRY_COMPARE_WITH_TIMEOUT(model.index(0, ui::SyncPairModel::State).data(ui::SyncPairModel::StateRole).toInt(),
                                  int(PairState::Error), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(model.index(1, ui::SyncPairModel::State).data(ui::SyncPairModel::StateRole).toInt(),
                                  int(PairState::HeldBack), 10000);
        QVERIFY(model.index(0, ui::SyncPairModel::State).data().toString().startsWith(QStringLiteral("error")));
        QVERIFY(model.index(0, ui::SyncPairModel::State)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("does not exist")));
        QVERIFY(model.index(1, ui::SyncPairModel::State)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("is empty")));
        const QPalette light = QApplication::palette();
        for (const QPalette &palette : {light, darkPalette()}) {
            QApplication::setPalette(palette);
            for (int row = 0; row < 2; ++row) {
                const QVariant fg = model.index(row, ui::SyncPairModel::State).data(Qt::ForegroundRole);
                QVERIFY(fg.canConvert<QBrush>());
                const double ratio = contrast(fg.value<QBrush>().color(), palette.color(QPalette::Base));
                QVERIFY2(ratio >= 3.0, qPrintable(QString::number(ratio)));
            }
        }
        QApplication::setPalette(light);
    }

    void stateColoursAreReadable_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("dark");
        for (const PairState st : {PairState::Partial, PairState::Error, PairState::HeldBack})
            for (const bool dark : {false, true})
                QTest::addRow("%s, %s", qPrintable(pairStateName(st)), dark ? "dark" : "light") << int(st) << dark;
    }
    void stateColoursAreReadable()
    {
        QFETCH(int, state);
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : QPalette(Qt::white);
        const QColor c = ui::SyncPairModel::stateColor(PairState(state), palette);
        QVERIFY(c.isValid());
        const double ratio = contrast(c, palette.color(QPalette::Base));
        QVERIFY2(
            ratio >= 3.0,
            qPrintable(QStringLiteral("%1 on %2: %3").arg(c.name(), palette.color(QPalette::Base).name()).arg(ratio)));
        QVERIFY(!ui::SyncPairModel::stateColor(PairState::Idle, palette).isValid());
    }

    void dialogEditsLongestWaitAndOneFileSystem()
    {
        ui::SyncPairsDialog dialog({SyncPair::create(src(), dst())});
        auto *maxWait = dialog.findChild<QSpinBox *>(QStringLiteral("maxWait"));
        auto *oneFs = dialog.findChild<QCheckBox *>(QStringLiteral("oneFileSystem"));
        QVERIFY(maxWait && oneFs);
        QCOMPARE(maxWait->minimum(), SyncLimits::MinMaxWait);
        QCOMPARE(maxWait->maximum(), SyncLimits::MaxMaxWait);
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("poll"))->maximum(), SyncLimits::MaxPoll);
        QCOMPARE(maxWait->value(), SyncPair().maxWaitSeconds);
        QVERIFY(!oneFs->isChecked());
        maxWait->setValue(120);
        oneFs->setChecked(true);
        QCOMPARE(dialog.pairs().first().maxWaitSeconds, 120);
        QVERIFY(dialog.pairs().first().oneFileSystem);
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    // The pane's question applies the plan it showed: when the source changed in between, nothing is done
    // and the question comes back with the new plan.
    // A held-back run while the pane was hidden (another tab, the tray) asks nothing; "Sync now" on the
    // pair later must reach the question, not just hold the run back again.
    void syncNowOnAHeldBackPairAsks()
    {
        for (int i = 0; i < 4; ++i)
            writeFile(dst() + QStringLiteral("/kept%1").arg(i), "k");
        const QString empty = m_tmp.filePath(QStringLiteral("emptied-hidden"));
        QDir(empty).removeRecursively();
        QDir().mkpath(empty);
        core::Settings settings(m_tmp.filePath(QStringLiteral("hidden.ini")));
        SyncPair p = SyncPair::create(empty, dst());
        p.delaySeconds = 0;
        p.pollSeconds = 3600;
        savePairs(settings, {p});
        core::Session session(&settings);
        ui::SyncPane pane(&session); // not shown: the first held-back run asks nothing
        pane.scheduler()->setUseInotify(false);
        QTRY_COMPARE_WITH_TIMEOUT(pane.scheduler()->status(p.id).state, PairState::HeldBack, 10000);
        QVERIFY(!visibleQuestion(&pane, QStringLiteral("is empty")));
        pane.show();
        auto *table = pane.findChild<QTableView *>();
        QVERIFY(table);
        table->selectRow(0);
        pane.findChild<QPushButton *>(QStringLiteral("syncNow"))->click();
        QMessageBox *question = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((question = visibleQuestion(&pane, QStringLiteral("is empty"))), 5000);
        QVERIFY(question->informativeText().contains(QStringLiteral("delete 4")));
        QCOMPARE(QDir(dst()).entryList(QDir::Files).size(), 4);
        question->reject();
    }

    void paneSyncAnywayAppliesTheShownPlan()
    {
        for (int i = 0; i < 4; ++i)
            writeFile(dst() + QStringLiteral("/backup%1").arg(i), "b");
        const QString empty = m_tmp.filePath(QStringLiteral("emptied"));
        QDir(empty).removeRecursively();
        QDir().mkpath(empty);
        core::Settings settings(m_tmp.filePath(QStringLiteral("anyway.ini")));
        SyncPair p = SyncPair::create(empty, dst());
        p.delaySeconds = 0;
        p.pollSeconds = 3600;
        savePairs(settings, {p});
        core::Session session(&settings);
        ui::SyncPane pane(&session);
        pane.scheduler()->setUseInotify(false); // only the question's answer may plan again
        pane.show();
        QMessageBox *first = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((first = visibleQuestion(&pane, QStringLiteral("is empty"))), 10000);
        QVERIFY(first->informativeText().contains(QStringLiteral("delete 4")));
        writeFile(empty + QStringLiteral("/new.txt"), "n"); // changed after the question was shown
        first->findChild<QPushButton *>(QStringLiteral("syncAnyway"))->click();
        QMessageBox *second = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((second = visibleQuestion(&pane, QStringLiteral("changed since"))), 10000);
        QCOMPARE(QDir(dst()).entryList(QDir::Files).size(), 4); // nothing was done
        QVERIFY(second->informativeText().contains(QStringLiteral("copy 1")));
        second->findChild<QPushButton *>(QStringLiteral("syncAnyway"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(QDir(dst()).entryList(QDir::Files), QStringList{QStringLiteral("new.txt")}, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(pane.scheduler()->status(p.id).state, PairState::Idle,
                                  10000); // the report follows the files
    }

    // Issue 10, defect 7: the red error border stays on its field (a folder picker opened from it must not
    // inherit it), and Browse is off while no pair is selected.
    void errorBorderAndBrowseButtons()
    {
        ui::SyncPairsDialog dialog({SyncPair::create(m_tmp.filePath(QStringLiteral("missing")), dst())});
        auto *source = dialog.findChild<QLineEdit *>(QStringLiteral("source"));
        QTRY_VERIFY(!dialog.isValidating());
        QVERIFY(!source->styleSheet().isEmpty());
        // A line edit inside a child of the field (as QFileDialog's Directory field is) keeps the default look.
        QWidget child(source);
        QLineEdit inner(&child);
        inner.setObjectName(QStringLiteral("fileNameEdit"));
        QLineEdit plain;
        inner.resize(200, 30);
        plain.resize(200, 30);
        QCOMPARE(inner.grab().toImage().convertToFormat(QImage::Format_RGB32),
                 plain.grab().toImage().convertToFormat(QImage::Format_RGB32));
        auto *browse = dialog.findChild<QPushButton *>(QStringLiteral("sourceBrowse"));
        QVERIFY(browse);
        QVERIFY(browse->isEnabled());
        dialog.removeCurrent();
        QVERIFY(!browse->isEnabled());
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("destinationBrowse"))->isEnabled());
    }

    // Issue 10, defect 6/7: "Next check" to the second; a long path is elided but whole in the tooltip.
    void nextCheckToTheSecondAndLongPaths()
    {
        SyncScheduler scheduler;
        scheduler.setUseInotify(false);
        ui::SyncPairModel model(&scheduler);
        SyncPair p = SyncPair::create(src(), dst());
        p.pollSeconds = 3600;
        p.delaySeconds = 0;
        scheduler.setPairs({p});
        model.reload();
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const QString next = model.index(0, ui::SyncPairModel::NextCheck).data().toString();
        QVERIFY2(QRegularExpression(QStringLiteral("\\d:\\d\\d:\\d\\d")).match(next).hasMatch(), qPrintable(next));
        QCOMPARE(model.index(0, ui::SyncPairModel::Source).data(Qt::ToolTipRole).toString(), src());
        QCOMPARE(model.index(0, ui::SyncPairModel::Destination).data(Qt::ToolTipRole).toString(), dst());
    }
};

QTEST_MAIN(TstSyncUi)
#include "tst_syncui.moc"
