// The sync side of the GUI (offscreen): the pair model under QAbstractItemModelTester following a real
// run, the dialog's validation at the wrong field, Preview's table, and the pane's Sync now / Pause.
#include "core/Settings.h"
#include "core/sync/SyncScheduler.h"
#include "ui/sync/SyncPairModel.h"
#include "ui/sync/SyncPairsDialog.h"
#include "ui/sync/SyncPane.h"

#include "../sync/SyncTestTree.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch;
using namespace lanwatch::sync;
using namespace synctest;

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
        QVERIFY(model.index(0, ui::SyncPairModel::LastRun).data().toString() != QStringLiteral("never"));
        scheduler.setPaused(p.id, true);
        QCOMPARE(model.index(0, ui::SyncPairModel::State).data().toString(), QStringLiteral("paused"));
    }

    void dialogShowsErrorsAtTheField()
    {
        ui::SyncPairsDialog dialog({SyncPair::create(src(), src() + QStringLiteral("/backup"))});
        auto *dstError = dialog.findChild<QLabel *>(QStringLiteral("destinationError"));
        auto *srcError = dialog.findChild<QLabel *>(QStringLiteral("sourceError"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!dstError->isHidden());
        QVERIFY(dstError->text().contains(QStringLiteral("inside the source")));
        QVERIFY(srcError->isHidden());
        QVERIFY(!ok->isEnabled());
        dialog.findChild<QLineEdit *>(QStringLiteral("destination"))->setText(dst());
        QVERIFY(dstError->isHidden());
        QVERIFY(ok->isEnabled());
        dialog.findChild<QLineEdit *>(QStringLiteral("source"))->setText(m_tmp.filePath(QStringLiteral("missing")));
        QVERIFY(!srcError->isHidden());
        QVERIFY(srcError->text().contains(QStringLiteral("does not exist")));
        QVERIFY(!ok->isEnabled());
        dialog.addPair(); // a new, empty pair is invalid until filled in
        QVERIFY(!ok->isEnabled());
        dialog.removeCurrent();
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
        ui::SyncPane pane(&settings);
        QCOMPARE(pane.model()->rowCount(), 1);
        pane.selectRow(0);
        pane.syncSelectedNow();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dst() + QStringLiteral("/b/c.txt")), 10000);
        QTRY_VERIFY(pane.logLines().join(QLatin1Char('\n')).contains(QStringLiteral("Run finished")));
        pane.togglePauseSelected();
        QCOMPARE(pane.scheduler()->status(p.id).state, PairState::Paused);
        QCOMPARE(pane.findChild<QPushButton *>(QStringLiteral("pause"))->text(), QStringLiteral("&Resume"));
    }
};

QTEST_MAIN(TstSyncUi)
#include "tst_syncui.moc"
