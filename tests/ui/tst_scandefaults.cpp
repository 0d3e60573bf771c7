// Scan defaults and ranges are defined once (core/scan/ScanDefaults.h): the settings dialog's spin
// boxes, core::Settings and lanwatch-cli scan's accepted values all agree with that definition.
#include "TestSupport.h"
#include "core/Settings.h"
#include "core/scan/ScanDefaults.h"
#include "core/scan/ScanTypes.h"
#include "ui/SettingsDialog.h"

#include <QComboBox>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch;
namespace SD = lanwatch::scan::ScanDefaults;

class TstScanDefaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    // Exit status of 'lanwatch-cli scan OPTION VALUE 127.0.0.1' (a loopback scan, no DNS: quick).
    static int cli(const QString &option, int value)
    {
        QProcess p;
        p.start(lanwatch::test::binaryPath("app/lanwatch-cli"),
                {QStringLiteral("scan"), QStringLiteral("--no-dns"), QStringLiteral("--method"), QStringLiteral("tcp"),
                 option, QString::number(value), QStringLiteral("--"), QStringLiteral("127.0.0.1")});
        if (!p.waitForFinished(30000))
            return -1;
        return p.exitCode();
    }

private Q_SLOTS:
    void optionsStartFromTheDefinition()
    {
        const scan::ScanOptions o;
        QCOMPARE(o.timeoutMs, SD::TimeoutMs);
        QCOMPARE(o.retries, SD::Retries);
        QCOMPARE(o.ratePps, SD::AutoRatePps);
        QCOMPARE(scan::ScanOptions::DefaultRatePps, SD::AutomaticRatePps);
        QCOMPARE(o.resolveNames, SD::ResolveNames);
        QCOMPARE(o.tcpPorts, SD::tcpPorts());
        QCOMPARE(scan::methodChoiceName(o.method), SD::methodNames().constFirst());
    }

    void dialogAndSettingsAgree()
    {
        core::Settings settings(m_tmp.filePath(QStringLiteral("defaults.ini")));
        QCOMPARE(settings.scanTimeoutMs(), SD::TimeoutMs);
        QCOMPARE(settings.scanRetries(), SD::Retries);
        QCOMPARE(settings.scanRatePps(), SD::AutoRatePps);
        QCOMPARE(settings.scanMethod(), SD::methodNames().constFirst());
        QCOMPARE(settings.resolveNames(), SD::ResolveNames);

        ui::SettingsDialog dialog(&settings);
        const auto range = [&dialog](const char *name) {
            const auto *box = dialog.findChild<QSpinBox *>(QString::fromLatin1(name));
            return box ? std::pair{box->minimum(), box->maximum()} : std::pair{-1, -1};
        };
        QCOMPARE(range("timeout"), (std::pair{SD::MinTimeoutMs, SD::MaxTimeoutMs}));
        QCOMPARE(range("retries"), (std::pair{SD::MinRetries, SD::MaxRetries}));
        // The rate's minimum is the "automatic" special value, just below the explicit range.
        QCOMPARE(range("rate"), (std::pair{SD::AutoRatePps, SD::MaxRatePps}));
        QCOMPARE(SD::AutoRatePps, SD::MinRatePps - 1);
        auto *method = dialog.findChild<QComboBox *>(QStringLiteral("method"));
        QVERIFY(method);
        QStringList methods;
        for (int i = 0; i < method->count(); ++i)
            methods << method->itemData(i).toString();
        QCOMPARE(methods, SD::methodNames());

        // Settings clamp into the same ranges.
        settings.setScanTimeoutMs(SD::MaxTimeoutMs + 1);
        QCOMPARE(settings.scanTimeoutMs(), SD::MaxTimeoutMs);
        settings.setScanTimeoutMs(SD::MinTimeoutMs - 1);
        QCOMPARE(settings.scanTimeoutMs(), SD::MinTimeoutMs);
        settings.setScanRetries(SD::MaxRetries + 1);
        QCOMPARE(settings.scanRetries(), SD::MaxRetries);
        settings.setScanRatePps(SD::MaxRatePps + 1);
        QCOMPARE(settings.scanRatePps(), SD::MaxRatePps);
    }

    void cliAcceptsExactlyTheRange_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<int>("min");
        QTest::addColumn<int>("max");
        QTest::newRow("timeout") << "--timeout" << SD::MinTimeoutMs << SD::MaxTimeoutMs;
        QTest::newRow("retries") << "--retries" << SD::MinRetries << SD::MaxRetries;
        QTest::newRow("rate") << "--rate" << SD::MinRatePps << SD::MaxRatePps;
    }
    void cliAcceptsExactlyTheRange()
    {
        QFETCH(QString, option);
        QFETCH(int, min);
        QFETCH(int, max);
        QCOMPARE(cli(option, min - 1), 2);
        QCOMPARE(cli(option, min), 0);
        QCOMPARE(cli(option, max), 0);
        QCOMPARE(cli(option, max + 1), 2);
    }
};

QTEST_MAIN(TstScanDefaults)
#include "tst_scandefaults.moc"
