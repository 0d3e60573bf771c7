// MainWindow with QT_QPA_PLATFORM=offscreen: target validation in the field, a real loopback scan
// into the table, export files' exact bytes, settings round trip, close-to-tray with and without a tray.
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
#include <QSignalSpy>
#include <QSpinBox>
#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QTabWidget>
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

    // The session's inventory and monitor reach the window: Devices and Events tabs, and Monitor > Watch
    // puts the target under watch (its first sweep fills the Devices tab), which survives a restart.
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
