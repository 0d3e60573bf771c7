// Value types of the device inventory: devices, the names and IPs they were seen with, presence, RTT, events.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <optional>

namespace lanwatch::monitor {

using DeviceId = qint64; // rowid in the database; never reused (AUTOINCREMENT), so a view may hold it
using EventId = qint64;

// How a device is identified. A device on an attached network is known by its MAC; one across a router
// shows only its IP, so it is keyed by that IP until the user merges it into a MAC-keyed device.
enum class DeviceKind : std::uint8_t { Mac = 0, Ip = 1 };

// Where a name came from. Values are stored in the database: never renumber, only append.
enum class NameSource : std::uint8_t { Dns = 1, Dhcp = 2, Mdns = 3, NetBios = 4 };
QString nameSourceName(NameSource source); // "dns", "dhcp", "mdns", "netbios" (stable: JSON/CLI)
std::optional<NameSource> nameSourceFromName(const QString &text);

// Values are stored in the database: never renumber, only append.
enum class EventKind : std::uint8_t {
    NewDevice = 1,
    Offline = 2,
    Online = 3,
    IpChanged = 4,   // ip = the new address, otherIp = the one it left
    IpClaimed = 5,   // ip now answered by mac, held before by otherMac (online): possible ARP spoofing
    DuplicateIp = 6, // mac and otherMac both answered for ip in the same sweep
    NameChanged = 7, // nameBefore -> nameAfter (the newest seen name, not the custom one)
};
QString eventKindName(EventKind kind); // "new-device", "offline", ... (stable: JSON/CLI --kind)
std::optional<EventKind> eventKindFromName(const QString &text);
QList<EventKind> allEventKinds();

// True when the locally administered bit is set: a randomized ("private") MAC, as phones use per network.
bool isRandomizedMac(const QString &mac);
// "aa:bb:cc:dd:ee:ff" (lower case) from any form scan::macFromString accepts; empty when invalid.
QString normalizedMac(const QString &mac);

QString ipToString(quint32 ip); // host byte order -> dotted quad

struct SeenName
{
    QString name;
    NameSource source = NameSource::Dns;
    QDateTime firstSeen;
    QDateTime lastSeen;
    bool locked = false; // the user pinned this name: it wins over newer seen names
};

struct Device
{
    DeviceId id = 0;
    DeviceKind kind = DeviceKind::Mac;
    QString mac;         // primary MAC ("aa:bb:..."), empty for DeviceKind::Ip
    quint32 keyIp = 0;   // DeviceKind::Ip: the IP the device is known by
    QStringList aliases; // MACs merged into this device
    QList<quint32> ips;  // current IPs, most recently seen first
    QString customName;  // set by the user
    QString lockedName;  // seen name the user locked, empty if none
    QString seenName;    // newest seen name (any source), empty if none
    QString vendor;
    QString notes;
    bool known = false;
    bool watch = false; // notify when it goes offline/online
    bool randomizedMac = false;
    bool online = false;
    QDateTime onlineSince; // start of the open presence session (invalid when offline)
    QDateTime firstSeen;
    QDateTime lastSeen;

    // custom > locked > newest seen name > vendor > MAC/IP: what a list shows in its Name column.
    QString displayName() const;
};

struct IpSpan // one holding of an IP by a device: the IP history
{
    quint32 ip = 0;
    QDateTime firstSeen;
    QDateTime lastSeen;
    QDateTime ended; // invalid while the device still holds it
};

struct PresenceSpan // online from-to; an open session ends "now" in query results
{
    QDateTime from;
    QDateTime to;
    bool open = false;
};

struct PresenceStats
{
    qint64 uptimeMs = 0;   // length of the current session (0 when offline)
    double fraction7d = 0; // share of the last 7 days (7 x 24 h, not since first seen) spent online, 0..1
    qint64 onlineMs7d = 0;
};

struct RttPoint // one bucket of the downsampled RTT series
{
    QDateTime bucketStart;
    qint64 bucketMs = 0; // 5 min for the last 48 h, 1 h before that
    int samples = 0;
    double minMs = 0;
    double avgMs = 0;
    double maxMs = 0;
};

struct Event
{
    EventId id = 0;
    QDateTime time;
    EventKind kind = EventKind::NewDevice;
    DeviceId deviceId = 0;
    quint32 ip = 0; // 0: none
    QString mac;
    quint32 otherIp = 0;
    QString otherMac;
    QString nameBefore;
    QString nameAfter;
    bool seen = false;
    // Joined from the device at query time, so a name found after the event still shows in it.
    QString deviceName;
    QString vendor;
    bool randomizedMac = false;
    bool watch = false;

    QString describe() const; // one translated sentence, e.g. "New device: Pixel-7 (Google) at 10.0.0.7"
};

struct NameSighting
{
    QString name;
    NameSource source = NameSource::Dns;
};

// What a sweep (or the passive listener) saw of one host.
struct Observation
{
    quint32 ip = 0; // host byte order; 0 = unknown
    QString mac;    // empty: not knowable (across a router): the device is keyed by ip
    QString vendor; // empty: leave the stored vendor
    QList<NameSighting> names;
    double rttMs = -1; // < 0: not measured
};

struct IpRange // inclusive, host byte order
{
    quint32 first = 0;
    quint32 last = 0;
    bool contains(quint32 ip) const { return ip >= first && ip <= last; }
};

struct Sweep
{
    QList<Observation> observations;
    // The addresses this sweep probed. A device seen here that no longer answers on one of its current
    // IPs inside these ranges has left that IP (IP changed). Empty (passive listening): IPs are only added.
    QList<IpRange> covered;
    QDateTime time; // invalid: the store's clock
};

struct SweepResult
{
    QList<DeviceId> devices; // per observation, in order
    QList<Event> events;     // stored by this sweep, oldest first
    int newDevices = 0;
};

struct EventFilter
{
    QDateTime since; // invalid: all
    std::optional<EventKind> kind;
    std::optional<DeviceId> device;
    bool unseenOnly = false;
    int limit = 0; // 0: no limit; newest first
};

} // namespace lanwatch::monitor

Q_DECLARE_METATYPE(lanwatch::monitor::Device)
Q_DECLARE_METATYPE(lanwatch::monitor::Event)
