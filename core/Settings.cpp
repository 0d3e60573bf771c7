// Settings: typed facade over QSettings; one key name per setting, defaults in one place.
#include "core/Settings.h"

#include "core/scan/ScanDefaults.h"

#include <algorithm>
#include <array>

namespace lanwatch::core {

namespace {
const QString kTimeout = QStringLiteral("scan/timeoutMs");
const QString kRetries = QStringLiteral("scan/retries");
const QString kRate = QStringLiteral("scan/ratePps");
const QString kMethod = QStringLiteral("scan/method");
const QString kResolve = QStringLiteral("scan/resolveNames");
const QString kLastTarget = QStringLiteral("scan/lastTarget");
const QString kRecent = QStringLiteral("scan/recentTargets");
const QString kCloseToTray = QStringLiteral("tray/closeToTray");
const QString kMinimizeToTray = QStringLiteral("tray/minimizeToTray");
const QString kNoticeShown = QStringLiteral("tray/noticeShown");
// hosts/knownMacs, where the window once kept every MAC it had seen, is no longer read or written: the device
// inventory knows which devices are new. A file that still has it is left as it is.
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kHeader = QStringLiteral("window/hostTableHeader");
const QString kLastHosts = QStringLiteral("window/lastHosts");
const QString kPairs = QStringLiteral("sync/pairs");
const QString kWatched = QStringLiteral("monitor/targets");
const QString kGrace = QStringLiteral("monitor/graceSeconds");
const QString kPassive = QStringLiteral("monitor/passive");

struct NotificationSetting
{
    Settings::Notification kind;
    const char *key;
    bool defaultOn;
};
// tray/notifyNewDevices keeps the key of the one switch earlier versions had, so a user's choice survives.
constexpr std::array kNotifications{
    NotificationSetting{Settings::Notification::NewDevice, "tray/notifyNewDevices", true},
    NotificationSetting{Settings::Notification::WatchedPresence, "tray/notifyWatchedPresence", true},
    NotificationSetting{Settings::Notification::AddressConflict, "tray/notifyAddressConflicts", true},
    NotificationSetting{Settings::Notification::SyncProblem, "tray/notifySyncProblems", true},
};

const NotificationSetting &notificationSetting(Settings::Notification kind)
{
    const auto it = std::find_if(kNotifications.begin(), kNotifications.end(),
                                 [kind](const NotificationSetting &n) { return n.kind == kind; });
    Q_ASSERT(it != kNotifications.end());
    return *it;
}
} // namespace

Settings::Settings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("lanwatch"),
                                             QStringLiteral("lanwatch")))
{
}

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QVariant Settings::value(const QString &key, const QVariant &defaultValue) const
{
    return m_settings->value(key, defaultValue);
}

void Settings::setValue(const QString &key, const QVariant &value)
{
    if (m_settings->contains(key) && m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
    Q_EMIT changed(key);
}

// Defaults and ranges: core/scan/ScanDefaults.h; a stored value out of range is clamped into it.
namespace SD = lanwatch::scan::ScanDefaults;
int Settings::scanTimeoutMs() const
{
    return std::clamp(value(kTimeout, SD::TimeoutMs).toInt(), SD::MinTimeoutMs, SD::MaxTimeoutMs);
}
void Settings::setScanTimeoutMs(int ms) { setValue(kTimeout, std::clamp(ms, SD::MinTimeoutMs, SD::MaxTimeoutMs)); }
int Settings::scanRetries() const
{
    return std::clamp(value(kRetries, SD::Retries).toInt(), SD::MinRetries, SD::MaxRetries);
}
void Settings::setScanRetries(int retries) { setValue(kRetries, std::clamp(retries, SD::MinRetries, SD::MaxRetries)); }
// 0 (or less) is "automatic"; anything else is an explicit rate within the range.
int Settings::scanRatePps() const { return validRate(value(kRate, SD::AutoRatePps).toInt()); }
void Settings::setScanRatePps(int pps) { setValue(kRate, validRate(pps)); }
int Settings::validRate(int pps)
{
    return pps <= SD::AutoRatePps ? SD::AutoRatePps : std::clamp(pps, SD::MinRatePps, SD::MaxRatePps);
}

QString Settings::scanMethod() const
{
    const QString m = value(kMethod, SD::methodNames().constFirst()).toString();
    return SD::methodNames().contains(m) ? m : SD::methodNames().constFirst();
}
void Settings::setScanMethod(const QString &method) { setValue(kMethod, method); }
bool Settings::resolveNames() const { return value(kResolve, SD::ResolveNames).toBool(); }
void Settings::setResolveNames(bool on) { setValue(kResolve, on); }

QString Settings::lastTarget() const { return value(kLastTarget, QString()).toString(); }
void Settings::setLastTarget(const QString &target) { setValue(kLastTarget, target); }
QStringList Settings::recentTargets() const { return value(kRecent, QStringList()).toStringList(); }

void Settings::addRecentTarget(const QString &target)
{
    const QString t = target.trimmed();
    if (t.isEmpty())
        return;
    QStringList list = recentTargets();
    list.removeAll(t);
    list.prepend(t);
    while (list.size() > MaxRecentTargets)
        list.removeLast();
    setValue(kRecent, list);
}

bool Settings::closeToTray() const { return value(kCloseToTray, true).toBool(); }
void Settings::setCloseToTray(bool on) { setValue(kCloseToTray, on); }
bool Settings::minimizeToTray() const { return value(kMinimizeToTray, true).toBool(); }
void Settings::setMinimizeToTray(bool on) { setValue(kMinimizeToTray, on); }
bool Settings::trayNoticeShown() const { return value(kNoticeShown, false).toBool(); }
void Settings::setTrayNoticeShown(bool shown) { setValue(kNoticeShown, shown); }
bool Settings::notifies(Notification kind) const
{
    const NotificationSetting &n = notificationSetting(kind);
    return value(QLatin1String(n.key), n.defaultOn).toBool();
}
void Settings::setNotifies(Notification kind, bool on)
{
    setValue(QLatin1String(notificationSetting(kind).key), on);
}

QByteArray Settings::windowGeometry() const { return value(kGeometry, QByteArray()).toByteArray(); }
void Settings::setWindowGeometry(const QByteArray &geometry) { setValue(kGeometry, geometry); }
QByteArray Settings::windowState() const { return value(kState, QByteArray()).toByteArray(); }
void Settings::setWindowState(const QByteArray &state) { setValue(kState, state); }
QByteArray Settings::hostTableHeader() const { return value(kHeader, QByteArray()).toByteArray(); }
void Settings::setHostTableHeader(const QByteArray &state) { setValue(kHeader, state); }
QByteArray Settings::lastHosts() const { return value(kLastHosts, QByteArray()).toByteArray(); }
void Settings::setLastHosts(const QByteArray &json) { setValue(kLastHosts, json); }

QVariantList Settings::syncPairs() const { return value(kPairs, QVariantList()).toList(); }
void Settings::setSyncPairs(const QVariantList &pairs) { setValue(kPairs, pairs); }

QList<monitor::WatchedTarget> Settings::watchedTargets() const
{
    using monitor::MonitorLimits;
    QList<monitor::WatchedTarget> targets;
    for (const QVariant &v : value(kWatched, QVariantList()).toList()) {
        const QVariantMap m = v.toMap();
        monitor::WatchedTarget t;
        t.target = m.value(QStringLiteral("target")).toString().trimmed();
        // A hand-edited file may hold anything: out-of-range intervals are clamped, not trusted.
        t.intervalSeconds =
            std::clamp(m.value(QStringLiteral("interval"), MonitorLimits::DefaultIntervalSeconds).toInt(),
                       monitor::minimumIntervalSeconds(), int(MonitorLimits::MaxIntervalSeconds));
        if (!t.target.isEmpty())
            targets.append(t);
    }
    return targets;
}

void Settings::setWatchedTargets(const QList<monitor::WatchedTarget> &targets)
{
    QVariantList list;
    for (const monitor::WatchedTarget &t : targets)
        list.append(QVariantMap{{QStringLiteral("target"), t.target}, {QStringLiteral("interval"), t.intervalSeconds}});
    setValue(kWatched, list);
}

int Settings::monitorGraceSeconds() const
{
    const int s = value(kGrace, 0).toInt();
    return s <= 0 ? 0 : std::clamp(s, monitor::minimumIntervalSeconds(), int(monitor::MonitorLimits::MaxGraceSeconds));
}

void Settings::setMonitorGraceSeconds(int seconds) { setValue(kGrace, std::max(0, seconds)); }
bool Settings::monitorPassive() const { return value(kPassive, true).toBool(); }
void Settings::setMonitorPassive(bool on) { setValue(kPassive, on); }

QString Settings::fileName() const { return m_settings->fileName(); }
void Settings::sync() { m_settings->sync(); }

} // namespace lanwatch::core
