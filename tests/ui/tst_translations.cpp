// The Simplified Chinese translation is complete and is what the binary loads: no unfinished entry in
// the .ts, every entry has a translation, and the compiled .qm turns known source strings into Chinese.
#include "TestSupport.h"
#include "core/scan/ScanEngine.h"
#include "core/sync/SyncScheduler.h"
#include "ui/HostTableModel.h"
#include "ui/MainWindow.h"
#include "ui/TrayController.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

class TstTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tsIsComplete()
    {
        QFile ts(lanwatch::test::sourcePath("translations/lanwatch_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        const qsizetype messages = text.count(QStringLiteral("<message"));
        QVERIFY2(messages > 200, qPrintable(QString::number(messages)));
        QCOMPARE(text.count(QStringLiteral("type=\"unfinished\"")), 0);
        QCOMPARE(text.count(QStringLiteral("type=\"vanished\"")) + text.count(QStringLiteral("type=\"obsolete\"")), 0);
        // Every translation holds Chinese text (or is a pure placeholder/unit such as " %"). lupdate
        // writes a plural (numerus) translation over several lines, one <numerusform> each.
        const QRegularExpression translation(QStringLiteral("<translation>(.*?)</translation>"),
                                             QRegularExpression::DotMatchesEverythingOption);
        QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("<numerusform>\\s*</numerusform>"))),
                 "an empty plural form");
        int chinese = 0;
        for (auto it = translation.globalMatch(text); it.hasNext();) {
            const QString t = it.next().captured(1).remove(QRegularExpression(QStringLiteral("</?numerusform>")));
            QVERIFY2(!t.trimmed().isEmpty(), "an empty translation");
            if (t.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))))
                ++chinese;
        }
        QVERIFY2(chinese > messages - 5, qPrintable(QStringLiteral("%1 of %2").arg(chinese).arg(messages)));
    }

    void compiledTranslationIsUsed_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("chinese");
        // Contexts as the running code asks for them: tr() uses the class's qualified meta-object name.
        const auto ctx = [](const QMetaObject &mo) { return QString::fromLatin1(mo.className()); };
        QTest::newRow("scan button") << ctx(lanwatch::ui::MainWindow::staticMetaObject) << "&Scan"
                                     << "扫描(&S)";
        QTest::newRow("column") << ctx(lanwatch::ui::HostTableModel::staticMetaObject) << "Vendor"
                                << "厂商";
        QTest::newRow("tray") << ctx(lanwatch::ui::TrayController::staticMetaObject) << "Quit lanwatch"
                              << "退出 lanwatch";
        QTest::newRow("engine") << ctx(lanwatch::scan::ScanEngine::staticMetaObject) << "ICMP echo (raw socket)"
                                << "ICMP 回显（原始套接字）";
        QTest::newRow("scheduler log") << ctx(lanwatch::sync::SyncScheduler::staticMetaObject) << "Paused."
                                       << "已暂停。";
        QTest::newRow("core message") << "TargetSet"
                                      << "The target list has an empty entry: remove the extra comma."
                                      << "目标列表中有空项：请删除多余的逗号。";
        QTest::newRow("sync state") << "SyncScheduler"
                                    << "held back"
                                    << "已暂缓";
        QTest::newRow("vendor") << "OuiDatabase"
                                << "Locally administered"
                                << "本地管理地址";
    }
    void compiledTranslationIsUsed()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, chinese);
        QTranslator translator;
        QVERIFY(translator.load(lanwatch::test::binaryPath("app/lanwatch_zh_CN.qm")));
        QCOMPARE(translator.translate(qPrintable(context), qPrintable(source)), chinese);
    }
};

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
