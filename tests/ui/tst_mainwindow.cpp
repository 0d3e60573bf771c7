// MainWindow with QT_QPA_PLATFORM=offscreen: target validation in the field, a real loopback scan
// into the table and the device inventory (new-device notifications), export files' exact bytes, settings
// round trip, close-to-tray with and without a tray.
#include "core/Session.h"
#include "core/Settings.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/Monitor.h"
#include "ui/monitor/DeviceTableModel.h"
#include "ui/monitor/DevicesTab.h"
#include "ui/HostTableModel.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayController.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QTabWidget>
#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch;
using lanwatch::ui::HostTableModel;
using lanwatch::ui::MainWindow;
using lanwatch::ui::TrayController;

class TstMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString settingsFile(const char *name) const { return m_tmp.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // Grace periods of a second (the monitor reads this once), so a test can make devices overdue.
        qputenv("LANWATCH_TEST_MIN_INTERVAL", "1");
    }

    void cleanup()
    {
        TrayController::setAvailabilityCheckForTesting([] { return false; });
    }

    void targetIsValidatedAsYouType()
    {
        core::Settings settings(settingsFile("validate.ini"));
        settings.setLastTarget(QStringLiteral("127.0.0.0/30"));
        core::Session session(&settings);
        MainWindow window(&session);
        auto *target = window.findChild<QComboBox *>(QStringLiteral("target"));
        auto *hint = window.findChild<QLabel *>(QStringLiteral("targetHint"));
        auto *scan = window.findChild<QPushButton *>(QStringLiteral("scanButton"));
        QVERIFY(target && hint && scan);
        QVERIFY(scan->isEnabled());
        QVERIFY(hint->isHidden());
        target->setEditText(QStringLiteral("10.0.0.0/33"));
        QVERIFY(!scan->isEnabled());
        QVERIFY(!hint->isHidden());
        QVERIFY2(hint->text().contains(QStringLiteral("prefix length must be a number from 0 to 32")),
                 qPrintable(hint->text()));
        target->setEditText(QStringLiteral("10.0.1.50-10"));
        QVERIFY(hint->text().contains(QStringLiteral("reversed range")));
        target->setEditText(QStringLiteral("127.0.0.1-5"));
        QVERIFY(scan->isEnabled());
        QVERIFY(hint->isHidden());
    }

    void loopbackScanFillsTheTable()
    {
        core::Settings settings(settingsFile("scan.ini"));
        settings.setScanMethod(QStringLiteral("tcp")); // loopback only: the one network a unit test may touch
        settings.setResolveNames(false);
        core::Session session(&settings);
        MainWindow window(&session);
        QSignalSpy finished(&window, &MainWindow::scanFinished);
        QVERIFY(window.startScan(QStringLiteral("127.0.0.1-127.0.0.6")).ok());
        QVERIFY(window.isScanning());
        QVERIFY(!window.startScan(QStringLiteral("127.0.0.1")).ok()); // one scan at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(window.hostModel()->rowCount(), 6);
        QCOMPARE(window.hostModel()->upCount(), 6);
        QCOMPARE(settings.recentTargets().first(), QStringLiteral("127.0.0.1-127.0.0.6"));
        // The next scan of a smaller range leaves the others as down rows.
        QVERIFY(window.startScan(QStringLiteral("127.0.0.1-127.0.0.2")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15000);
        QCOMPARE(window.hostModel()->rowCount(), 6);
        QCOMPARE(window.hostModel()->upCount(), 2);
    }

    void exportWritesExactFiles()
    {
        core::Settings settings(settingsFile("export.ini"));
        core::Session session(&settings);
        MainWindow window(&session);
        scan::HostRecord a;
        a.ip = 0x0a00000au; // 10.0.0.10
        a.mac = scan::macFromString(QStringLiteral("00:11:32:00:00:0a"));
        a.vendor = QStringLiteral("Synology Incorporated");
        a.hostname = QStringLiteral("nas.lan");
        a.rttMs = 1.25;
        a.foundBy = scan::FoundBy::Arp;
        scan::HostRecord b;
        b.ip = 0x0a000009u; // 10.0.0.9
        b.foundBy = scan::FoundBy::Tcp;
        window.hostModel()->addOrUpdate(a);
        window.hostModel()->addOrUpdate(b);
        window.hostModel()->flush();
        const QString csv = m_tmp.filePath(QStringLiteral("hosts.csv"));
        QVERIFY(window.exportHosts(csv, MainWindow::ExportFormat::Csv).ok());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("ip,mac,vendor,hostname,rtt_ms,found_by\r\n"
                                         "10.0.0.9,,,,,tcp\r\n"
                                         "10.0.0.10,00:11:32:00:00:0a,Synology Incorporated,nas.lan,1.250,arp\r\n"));
        const QString json = m_tmp.filePath(QStringLiteral("hosts.json"));
        QVERIFY(window.exportHosts(json, MainWindow::ExportFormat::Json).ok());
        QFile j(json);
        QVERIFY(j.open(QIODevice::ReadOnly));
        const QByteArray bytes = j.readAll();
        QVERIFY(bytes.contains("\"hostname\": \"nas.lan\""));
        QVERIFY(bytes.indexOf("10.0.0.9") < bytes.indexOf("10.0.0.10"));
        const auto bad =
            window.exportHosts(QStringLiteral("/nonexistent/dir/hosts.csv"), MainWindow::ExportFormat::Csv);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().contains(QStringLiteral("/nonexistent/dir/hosts.csv")));
    }

    void settingsRoundTrip()
    {
        const QString file = settingsFile("dialog.ini");
        {
            core::Settings settings(file);
            ui::SettingsDialog dialog(&settings);
            dialog.findChild<QSpinBox *>(QStringLiteral("timeout"))->setValue(750);
            dialog.findChild<QSpinBox *>(QStringLiteral("retries"))->setValue(4);
            dialog.findChild<QSpinBox *>(QStringLiteral("rate"))->setValue(2500);
            auto *method = dialog.findChild<QComboBox *>(QStringLiteral("method"));
            method->setCurrentIndex(method->findData(QStringLiteral("icmp")));
            dialog.findChild<QCheckBox *>(QStringLiteral("resolveNames"))->setChecked(false);
            dialog.findChild<QCheckBox *>(QStringLiteral("closeToTray"))->setChecked(false);
            dialog.accept();
        }
        core::Settings reopened(file);
        QCOMPARE(reopened.scanTimeoutMs(), 750);
        QCOMPARE(reopened.scanRetries(), 4);
        QCOMPARE(reopened.scanRatePps(), 2500);
        QCOMPARE(reopened.scanMethod(), QStringLiteral("icmp"));
        QCOMPARE(reopened.resolveNames(), false);
        QCOMPARE(reopened.closeToTray(), false);
        // And the dialog shows stored values when opened again.
        ui::SettingsDialog again(&reopened);
        QCOMPARE(again.findChild<QSpinBox *>(QStringLiteral("timeout"))->value(), 750);
    }

    void notificationSwitchesRoundTrip_data()
    {
        QTest::addColumn<QString>("box");
        QTest::addColumn<int>("kindValue"); // core::Settings::Notification
        using N = core::Settings::Notification;
        QTest::newRow("new device") << QStringLiteral("notifyNew") << int(N::NewDevice);
        QTest::newRow("watched offline/online") << QStringLiteral("notifyWatched") << int(N::WatchedPresence);
        QTest::newRow("spoofing, duplicate IP") << QStringLiteral("notifyConflicts") << int(N::AddressConflict);
        QTest::newRow("sync problems") << QStringLiteral("notifySync") << int(N::SyncProblem);
    }

    // Each switch is on by default, is stored by the dialog on its own (the others stay on), and is shown as
    // stored when the dialog opens again.
    void notificationSwitchesRoundTrip()
    {
        QFETCH(QString, box);
        QFETCH(int, kindValue);
        const auto kind = core::Settings::Notification(kindValue);
        const QList<core::Settings::Notification> all = {
            core::Settings::Notification::NewDevice, core::Settings::Notification::WatchedPresence,
            core::Settings::Notification::AddressConflict, core::Settings::Notification::SyncProblem};
        const QString file = m_tmp.filePath(QStringLiteral("notify-%1.ini").arg(box));
        {
            core::Settings settings(file);
            for (auto k : all)
                QVERIFY(settings.notifies(k));
            ui::SettingsDialog dialog(&settings);
            auto *check = dialog.findChild<QCheckBox *>(box);
            QVERIFY(check);
            QVERIFY(check->isChecked());
            check->setChecked(false);
            dialog.accept();
        }
        {
            core::Settings reopened(file);
            for (auto k : all)
                QCOMPARE(reopened.notifies(k), k != kind);
            ui::SettingsDialog again(&reopened);
            QVERIFY(!again.findChild<QCheckBox *>(box)->isChecked());
            again.findChild<QCheckBox *>(box)->setChecked(true);
            again.accept();
        }
        core::Settings back(file);
        QVERIFY(back.notifies(kind));
    }

    void closeGoesToTrayOnlyWithATray()
    {
        QVERIFY(!TrayController::shouldHideToTray(false, true)); // no tray: never hide the only way back
        QVERIFY(TrayController::shouldHideToTray(true, true));
        QVERIFY(!TrayController::shouldHideToTray(true, false));

        core::Settings settings(settingsFile("tray.ini"));
        settings.setCloseToTray(true);
        TrayController::setAvailabilityCheckForTesting([] { return false; });
        {
            core::Session session(&settings);
            MainWindow window(&session);
            QVERIFY(!window.closeHidesToTray());
        }
        TrayController::setAvailabilityCheckForTesting([] { return true; });
        core::Session session(&settings);
        MainWindow window(&session);
        QVERIFY(window.closeHidesToTray());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!settings.trayNoticeShown());
        window.close(); // hides to the tray instead of quitting
        QVERIFY(!window.isVisible());
        QVERIFY(settings.trayNoticeShown()); // the one-time notice was given
        window.toggleVisible();
        QVERIFY(window.isVisible());
        settings.setCloseToTray(false);
        QVERIFY(!window.closeHidesToTray());
    }

    // A manual scan goes into the device inventory through the monitor: the Devices tab has its hosts; the
    // first scan of a network gives one summary, a host that appears later a new-device notification, and
    // none when that switch is off. A rescan of one host leaves the others online although they are overdue.
    void manualScanFillsTheInventory()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("manual"));
        QVERIFY(QDir().mkpath(dir));
        {
            // A file from before the inventory still has the window's old list of known MACs: it is ignored.
            QSettings old(dir + QStringLiteral("/manual.ini"), QSettings::IniFormat);
            old.setValue(QStringLiteral("hosts/knownMacs"), QStringList{QStringLiteral("00:11:32:00:00:0a")});
        }
        core::Settings settings(dir + QStringLiteral("/manual.ini"));
        settings.setScanMethod(QStringLiteral("tcp"));
        settings.setResolveNames(false);
        settings.setMonitorGraceSeconds(1);
        core::Session session(&settings);
        QVERIFY2(session.deviceStore(), qPrintable(session.deviceStoreProblem()));
        monitor::DeviceStore *store = session.deviceStore();
        MainWindow window(&session);
        window.show(); // a hidden window would add "Scan finished" notifications
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *devices = window.findChild<lanwatch::ui::DevicesTab *>();
        QVERIFY(devices);
        QSignalSpy finished(&window, &MainWindow::scanFinished);
        QSignalSpy notified(window.tray(), &TrayController::notified);
        QSignalSpy batches(session.monitor(), &monitor::Monitor::eventBatch);
        const auto scan = [&](const char *target) {
            const qsizetype before = finished.size();
            QVERIFY(window.startScan(QString::fromLatin1(target)).ok());
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), before + 1, 15000);
        };
        const auto ip = [](const char *text) { return QHostAddress(QString::fromLatin1(text)).toIPv4Address(); };

        scan("127.0.0.1");
        QTRY_COMPARE(devices->model()->rowCount(), 1);
        QCOMPARE(batches.size(), 1);
        QVERIFY(batches.at(0).at(1).toBool()); // the first scan of the network: a burst
        QTRY_COMPARE(notified.size(), 1);       // summarised once the burst is over
        QVERIFY2(notified.at(0).at(0).toString().startsWith(QStringLiteral("1 device")),
                 qPrintable(notified.at(0).at(0).toString()));

        scan("127.0.0.1-127.0.0.2");
        QTRY_COMPARE(devices->model()->rowCount(), 2);
        QCOMPARE(batches.size(), 2);
        QVERIFY(!batches.at(1).at(1).toBool());
        const auto events = batches.at(1).at(0).value<QList<monitor::Event>>();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).kind, monitor::EventKind::NewDevice);
        QCOMPARE(events.at(0).ip, ip("127.0.0.2"));
        QCOMPARE(notified.size(), 2);
        QVERIFY2(notified.at(1).at(0).toString().contains(QStringLiteral("127.0.0.2")),
                 qPrintable(notified.at(1).at(0).toString()));

        settings.setNotifies(core::Settings::Notification::NewDevice, false);
        scan("127.0.0.1-127.0.0.3");
        QTRY_COMPARE(devices->model()->rowCount(), 3);
        QCOMPARE(batches.size(), 3);
        QCOMPARE(batches.at(2).at(0).value<QList<monitor::Event>>().size(), 1); // recorded, not notified
        QCOMPARE(notified.size(), 2);

        // The grace period (1 s) passes for all three; rescanning one host must not take the others offline.
        QTest::qWait(2100);
        scan("127.0.0.2");
        for (const char *address : {"127.0.0.1", "127.0.0.2", "127.0.0.3"}) {
            const auto d = store->deviceByIp(ip(address));
            QVERIFY2(d && d.value(), address);
            QVERIFY2(d.value()->online, address);
        }
        monitor::EventFilter offline;
        offline.kind = monitor::EventKind::Offline;
        QCOMPARE(store->events(offline)->size(), 0);
        QCOMPARE(notified.size(), 2);
    }

    // Without an inventory (its file cannot be opened) a manual scan still works; the status bar says once
    // why new devices are not reported.
    void manualScanWithoutInventory()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("noinventory"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/devices.sqlite"))); // a folder where the file should be
        core::Settings settings(dir + QStringLiteral("/noinventory.ini"));
        settings.setScanMethod(QStringLiteral("tcp"));
        settings.setResolveNames(false);
        core::Session session(&settings);
        QVERIFY(!session.deviceStore());
        QVERIFY(!session.deviceStoreProblem().isEmpty());
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(&window, &MainWindow::scanFinished);
        QSignalSpy notified(window.tray(), &TrayController::notified);
        QVERIFY(window.startScan(QStringLiteral("127.0.0.1")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(window.hostModel()->upCount(), 1);
        const QString message = window.statusBar()->currentMessage();
        QVERIFY2(message.startsWith(QStringLiteral("New devices are not reported")), qPrintable(message));
        QVERIFY2(message.contains(session.deviceStoreProblem()), qPrintable(message));
        window.statusBar()->clearMessage();
        QVERIFY(window.startScan(QStringLiteral("127.0.0.1")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15000);
        QCOMPARE(window.statusBar()->currentMessage(), QString()); // said once
        QCOMPARE(notified.size(), 0);
    }

    // The session's inventory and monitor reach the window: Devices and Events tabs, and Monitor > Watch
    // puts the target under watch (its first sweep fills the Devices tab), which survives a restart.
    // A first sweep publishes its devices in several batches (those heard while it ran come one by one):
    // the tray still says it once, with the total, after the burst.
    void aFirstSweepInSeveralBatchesIsOneNotification()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("burst"));
        QVERIFY(QDir().mkpath(dir));
        core::Settings settings(dir + QStringLiteral("/burst.ini"));
        core::Session session(&settings);
        QVERIFY2(session.monitor(), qPrintable(session.deviceStoreProblem()));
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy notified(window.tray(), &TrayController::notified);
        const auto newDevice = [](quint32 ip, const char *mac) {
            monitor::Event e;
            e.kind = monitor::EventKind::NewDevice;
            e.ip = ip;
            e.mac = QString::fromLatin1(mac);
            e.time = QDateTime::currentDateTimeUtc();
            return e;
        };
        Q_EMIT session.monitor()->eventBatch({newDevice(0x0a000001, "00:16:3e:00:00:01"),
                                              newDevice(0x0a000002, "00:16:3e:00:00:02")},
                                             true);
        for (quint32 i = 3; i <= 10; ++i)
            Q_EMIT session.monitor()->eventBatch({newDevice(0x0a000000 + i, "00:16:3e:00:00:09")}, true);
        QTRY_COMPARE(notified.size(), 1);
        // One notification carrying all ten: the batches were summed, not notified one by one.
        QVERIFY2(notified.at(0).at(0).toString().startsWith(QStringLiteral("10 device")),
                 qPrintable(notified.at(0).at(0).toString()));
    }

    void monitorViewsAndWatchingATarget()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("monitor"));
        QVERIFY(QDir().mkpath(dir));
        core::Settings settings(dir + QStringLiteral("/watch.ini"));
        settings.setLastTarget(QStringLiteral("127.0.0.1"));
        {
            core::Session session(&settings);
            QVERIFY2(session.deviceStore(), qPrintable(session.deviceStoreProblem()));
            QVERIFY(QFileInfo::exists(dir + QStringLiteral("/devices.sqlite")));
            MainWindow window(&session);
            auto *tabs = window.findChild<QTabWidget *>();
            QVERIFY(tabs);
            QStringList names;
            for (int i = 0; i < tabs->count(); ++i)
                names << tabs->tabText(i);
            QVERIFY2(names.contains(QStringLiteral("Devices")), qPrintable(names.join(QLatin1Char(','))));
            QVERIFY(names.filter(QStringLiteral("Events")).size() == 1);
            auto *watch = window.findChild<QAction *>(QStringLiteral("watchTarget"));
            QVERIFY(watch);
            QVERIFY(!watch->isChecked());
            watch->trigger();
            QVERIFY(watch->isChecked());
            QVERIFY(session.monitor()->isRunning());
            QCOMPARE(session.monitor()->watched().size(), 1);
            QCOMPARE(session.monitor()->watched().first().target, QStringLiteral("127.0.0.1"));
            auto *devices = window.findChild<lanwatch::ui::DevicesTab *>();
            QVERIFY(devices);
            QTRY_VERIFY_WITH_TIMEOUT(devices->model()->rowCount() == 1, 15000);
        }
        core::Session again(&settings);
        QVERIFY(again.monitor());
        QCOMPARE(again.monitor()->watched().size(), 1);
        QVERIFY(again.monitor()->isRunning());
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
