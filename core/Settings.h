// Settings: the one typed facade over QSettings for scan defaults, window state and sync pairs.
#pragma once

#include "core/monitor/MonitorTypes.h"

#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QVariantList>

#include <memory>

namespace lanwatch::core {

class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

public:
    // Default: the user's native settings (~/.config/lanwatch/lanwatch.conf). Tests pass a file path.
    explicit Settings(QObject *parent = nullptr);
    explicit Settings(const QString &filePath, QObject *parent = nullptr);
    ~Settings() override;

    // Scan options (defaults and ranges: core/scan/ScanDefaults.h; out-of-range values are clamped).
    int scanTimeoutMs() const;
    void setScanTimeoutMs(int ms);
    int scanRetries() const;
    void setScanRetries(int retries);
    int scanRatePps() const; // 0 = engine's automatic rate
    void setScanRatePps(int pps);
    QString scanMethod() const; // "auto", "arp", "icmp", "tcp"
    void setScanMethod(const QString &method);
    bool resolveNames() const;
    void setResolveNames(bool on);

    // Target field: last target and a most-recent-first list (capped).
    QString lastTarget() const;
    void setLastTarget(const QString &target);
    QStringList recentTargets() const;
    void addRecentTarget(const QString &target);

    // Tray behaviour.
    bool closeToTray() const;
    void setCloseToTray(bool on);
    bool minimizeToTray() const;
    void setMinimizeToTray(bool on);
    bool trayNoticeShown() const;
    void setTrayNoticeShown(bool shown);

    // Which tray notifications are given; each kind is on unless the user turned it off (the defaults are
    // in one table in Settings.cpp).
    enum class Notification {
        NewDevice,       // a device the inventory has never seen (a first scan of a network: one summary)
        WatchedPresence, // a device marked "watch" went offline or came back
        AddressConflict, // an address claimed by another MAC (possible spoofing), or answered by two (duplicate IP)
        SyncProblem,     // a folder sync run failed, was held back or was incomplete
    };
    bool notifies(Notification kind) const;
    void setNotifies(Notification kind, bool on);

    // Window state blobs (QMainWindow::saveState, QHeaderView::saveState, geometry).
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray hostTableHeader() const;
    void setHostTableHeader(const QByteArray &state);
    // The hosts table of the last scan (the GUI's own JSON), shown at the next start as from the last session.
    QByteArray lastHosts() const;
    void setLastHosts(const QByteArray &json);

    // Sync pairs, stored as a list of maps; core/sync converts them to SyncPair values.
    QVariantList syncPairs() const;
    void setSyncPairs(const QVariantList &pairs);

    // The monitor: watched targets (each with its interval), the grace period before a device that stopped
    // answering is called offline (0: automatic, see monitor::effectiveGraceSeconds) and passive listening.
    QList<monitor::WatchedTarget> watchedTargets() const;
    void setWatchedTargets(const QList<monitor::WatchedTarget> &targets);
    int monitorGraceSeconds() const;
    void setMonitorGraceSeconds(int seconds);
    bool monitorPassive() const;
    void setMonitorPassive(bool on);

    QString fileName() const;
    void sync();

    static constexpr int MaxRecentTargets = 10;

Q_SIGNALS:
    void changed(const QString &key);

private:
    QVariant value(const QString &key, const QVariant &defaultValue) const;
    void setValue(const QString &key, const QVariant &value);
    static int validRate(int pps);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace lanwatch::core
