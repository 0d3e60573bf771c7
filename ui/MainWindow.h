// MainWindow: the dashboard. Target field validated as you type, Scan/Stop, progress, the live hosts
// table, export, settings, and the tray; the folder-sync pane in a second tab. A view of core::Session.
#pragma once

#include "core/Result.h"
#include "core/scan/ScanTypes.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace lanwatch::core {
class Session;
class Settings;
} // namespace lanwatch::core
namespace lanwatch::scan {
class ScanEngine;
}

namespace lanwatch::monitor {
struct Event;
}

namespace lanwatch::ui {

class DevicesTab;
class EventsPane;

class HostFilterProxy;
class HostTableModel;
class SyncPane;
class TrayController;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // A view of session (which must have settings): it observes the session's engines and owns none.
    explicit MainWindow(lanwatch::core::Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts a scan of target (also used by --scan). Fails with the parser's or the engine's message.
    Result<void> startScan(const QString &target);
    // Rescans only these addresses: the other rows, the target field and the saved target stay as they are.
    Result<void> rescanHosts(const QList<quint32> &ips);
    void stopScan();
    bool isScanning() const;

    enum class ExportFormat { Csv, Json };
    Result<void> exportHosts(const QString &path, ExportFormat format) const;
    void setDumpFile(const QString &path) { m_dumpFile = path; } // JSON after each finished scan
    void setQuitAfterScan(bool quit) { m_quitAfterScan = quit; }

    HostTableModel *hostModel() const { return m_model; }
    HostFilterProxy *hostProxy() const { return m_proxy; }
    SyncPane *syncPane() const { return m_syncPane; }
    // Shows the window with the tab a notification was about (sync: that pair selected).
    void showSyncPair(const QString &pairId);
    TrayController *tray() const { return m_tray; }
    // What closing the window does now: true = hide to the tray, false = quit.
    bool closeHidesToTray() const;

public Q_SLOTS:
    void showFromTray();
    void toggleVisible();
    void quitApplication();

Q_SIGNALS:
    void scanFinished(bool cancelled);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    Result<void> startScanOf(const QString &text, bool partial);
    void applyTones();
    void updateShownCount();
    void updateSyncBadge();
    void updateTrayState();
    void saveLastHosts();
    void clampToScreen();
    QList<int> selectedSourceRows() const;
    void openUrlFor(const QString &scheme);
    void showManual();
    void showAbout();
    void buildMenus();
    void validateTarget();
    void updateStatusLine();
    void onScanFinished(bool cancelled);
    void showContextMenu(const QPoint &pos);
    void showDetails(const QModelIndex &proxyIndex);
    void exportDialog(ExportFormat format);
    void openSettings();
    void rescanSelected();
    void buildMonitorViews();
    void toggleWatchTarget();
    void updateWatchAction();
    void onMonitorEvents(const QList<lanwatch::monitor::Event> &events, bool firstSweep);
    void notifyBurst();

    lanwatch::core::Session *m_session;
    lanwatch::core::Settings *m_settings;
    lanwatch::scan::ScanEngine *m_engine; // the session's
    HostTableModel *m_model;
    HostFilterProxy *m_proxy;
    TrayController *m_tray;
    SyncPane *m_syncPane = nullptr;
    DevicesTab *m_devicesTab = nullptr; // with the session's device inventory only
    EventsPane *m_eventsPane = nullptr;
    QAction *m_watchAction = nullptr;

    QTabWidget *m_tabs = nullptr;
    QComboBox *m_target = nullptr;
    QLabel *m_targetHint = nullptr;
    QPushButton *m_scanButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_elapsed = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_methods = nullptr;
    QLabel *m_privilege = nullptr;
    QLabel *m_shownCount = nullptr;
    QLabel *m_emptyHint = nullptr;
    QAction *m_scanAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_settingsAction = nullptr;
    bool m_partialScan = false;
    bool m_largeTarget = false; // the field holds more than TargetSet::LargeLimit addresses: Scan confirms it
    int m_unseenEvents = 0;
    int m_syncProblems = 0;
    QString m_lastSummary;

    QElapsedTimer m_clock;
    QTimer m_elapsedTimer;
    QString m_currentTarget;
    // New devices of first sweeps, summed until the burst is over (a first sweep publishes its held
    // devices in several batches): one summary notification, not one per batch.
    int m_burstFound = 0;
    QStringList m_burstLines;
    QTimer m_burstTimer;
    bool m_scanNotified = false;           // the inventory's events for the current scan gave a notification
    bool m_noInventoryNoticeGiven = false; // "new devices are not reported" is said once
    QString m_dumpFile;
    bool m_quitAfterScan = false;
    bool m_quitting = false;
};

} // namespace lanwatch::ui
