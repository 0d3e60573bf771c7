// core::Session without a QApplication (as the coming headless agent runs it): it owns the scan engine
// and the sync scheduler, takes its options and pairs from the settings, runs a loopback scan and a
// sync pair, and stops everything on shutdown.
#include "core/Session.h"
#include "core/Settings.h"
#include "core/scan/ScanEngine.h"
#include "core/scan/TargetSet.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncScheduler.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch;

class TstSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

private Q_SLOTS:
    void noWidgetsNeeded()
    {
        // The point of the test binary: this is a QCoreApplication, not a QApplication.
        QVERIFY(QCoreApplication::instance());
        QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
    }

    void scanOptionsComeFromTheSettings()
    {
        core::Settings settings(m_tmp.filePath(QStringLiteral("options.ini")));
        settings.setScanTimeoutMs(321);
        settings.setScanRetries(4);
        settings.setScanMethod(QStringLiteral("icmp"));
        settings.setResolveNames(false);
        core::Session session(&settings);
        const scan::ScanOptions o = session.scanOptions();
        QCOMPARE(o.timeoutMs, 321);
        QCOMPARE(o.retries, 4);
        QCOMPARE(o.method, scan::MethodChoice::Icmp);
        QCOMPARE(o.resolveNames, false);
        // Without settings: the defaults.
        core::Session bare;
        QCOMPARE(bare.scanOptions().timeoutMs, scan::ScanDefaults::TimeoutMs);
        QCOMPARE(bare.scanOptions().resolveNames, scan::ScanDefaults::ResolveNames);
    }

    void loopbackScanThroughTheSession()
    {
        core::Settings settings(m_tmp.filePath(QStringLiteral("scan.ini")));
        settings.setScanMethod(QStringLiteral("tcp")); // loopback only: the one network a unit test may touch
        settings.setResolveNames(false);
        core::Session session(&settings);
        QSet<QString> found;
        connect(session.scanEngine(), &scan::ScanEngine::hostUpdated, this,
                [&found](const scan::HostRecord &h) { found.insert(h.ipString()); });
        QSignalSpy finished(session.scanEngine(), &scan::ScanEngine::finished);
        const auto targets = scan::TargetSet::parse(QStringLiteral("127.0.0.1"));
        QVERIFY(targets.ok());
        QVERIFY(session.startScan(targets.value()).ok());
        QVERIFY(session.isScanning());
        QVERIFY(!session.startScan(targets.value()).ok()); // one scan at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(found, QSet<QString>{QStringLiteral("127.0.0.1")}); // this machine's own address
        QVERIFY(!session.isScanning());
    }

    void syncPairFromTheSettingsRuns()
    {
        const QString src = m_tmp.filePath(QStringLiteral("src"));
        const QString dst = m_tmp.filePath(QStringLiteral("dst"));
        writeFile(src + QStringLiteral("/a.txt"), "alpha");
        writeFile(src + QStringLiteral("/sub/b.txt"), "beta");
        core::Settings settings(m_tmp.filePath(QStringLiteral("sync.ini")));
        sync::SyncPair p = sync::SyncPair::create(src, dst);
        p.delaySeconds = 0;
        sync::savePairs(settings, {p});

        core::Session session(&settings); // loads the stored pair: nothing else is asked of it
        sync::SyncScheduler *scheduler = session.syncScheduler();
        QCOMPARE(scheduler->pairs().size(), 1);
        QSignalSpy finished(scheduler, &sync::SyncScheduler::runFinished);
        scheduler->syncNow(p.id);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
        const auto report = finished.at(0).at(1).value<sync::SyncReport>();
        QCOMPARE(report.outcome(), sync::RunOutcome::Ok);
        QCOMPARE(report.copied, 2);
        QCOMPARE(readFile(dst + QStringLiteral("/a.txt")), QByteArray("alpha"));
        QCOMPARE(readFile(dst + QStringLiteral("/sub/b.txt")), QByteArray("beta"));

        // shutdown leaves nothing running or scheduled.
        session.shutdown();
        QVERIFY(scheduler->pairs().isEmpty());
        QVERIFY(!session.isScanning());
    }

    void bareSessionRunsNoStoredPair()
    {
        // lanwatch-cli watch uses a session without settings: the user's pairs are never run by it.
        core::Session bare;
        QVERIFY(bare.settings() == nullptr);
        QVERIFY(bare.syncScheduler()->pairs().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
