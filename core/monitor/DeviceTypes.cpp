// Value types of the device inventory: stable names for the CLI/JSON, MAC helpers, event sentences.
#include "core/monitor/DeviceTypes.h"

#include "core/scan/ScanTypes.h"

#include <QCoreApplication>

namespace lanwatch::monitor {

namespace {

struct KindName
{
    EventKind kind;
    const char *name;
};
constexpr KindName kEventKinds[] = {
    {EventKind::NewDevice, "new-device"},
    {EventKind::Offline, "offline"},
    {EventKind::Online, "online"},
    {EventKind::IpChanged, "ip-changed"},
    {EventKind::IpClaimed, "ip-claimed"},
    {EventKind::DuplicateIp, "duplicate-ip"},
    {EventKind::NameChanged, "name-changed"},
};

struct SourceName
{
    NameSource source;
    const char *name;
};
constexpr SourceName kNameSources[] = {
    {NameSource::Dns, "dns"},
    {NameSource::Dhcp, "dhcp"},
    {NameSource::Mdns, "mdns"},
    {NameSource::NetBios, "netbios"},
};

} // namespace

QString nameSourceName(NameSource source)
{
    for (const auto &s : kNameSources)
        if (s.source == source)
            return QString::fromLatin1(s.name);
    return QStringLiteral("?");
}

std::optional<NameSource> nameSourceFromName(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (const auto &s : kNameSources)
        if (t == QLatin1String(s.name))
            return s.source;
    return std::nullopt;
}

QString eventKindName(EventKind kind)
{
    for (const auto &k : kEventKinds)
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    return QStringLiteral("?");
}

std::optional<EventKind> eventKindFromName(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (const auto &k : kEventKinds)
        if (t == QLatin1String(k.name))
            return k.kind;
    return std::nullopt;
}

QList<EventKind> allEventKinds()
{
    QList<EventKind> kinds;
    for (const auto &k : kEventKinds)
        kinds.append(k.kind);
    return kinds;
}

QString normalizedMac(const QString &mac)
{
    const auto parsed = scan::macFromString(mac);
    return parsed ? scan::macToString(*parsed) : QString();
}

bool isRandomizedMac(const QString &mac)
{
    const auto parsed = scan::macFromString(mac);
    return parsed && ((*parsed)[0] & 0x02) != 0;
}

QString ipToString(quint32 ip)
{
    return QStringLiteral("%1.%2.%3.%4").arg(ip >> 24).arg((ip >> 16) & 0xff).arg((ip >> 8) & 0xff).arg(ip & 0xff);
}

QString Device::displayName() const
{
    if (!customName.isEmpty())
        return customName;
    if (!lockedName.isEmpty())
        return lockedName;
    if (!seenName.isEmpty())
        return seenName;
    if (!vendor.isEmpty())
        return vendor;
    return kind == DeviceKind::Mac ? mac : ipToString(keyIp);
}

QString Event::describe() const
{
    QString who = deviceName.isEmpty() ? (mac.isEmpty() ? ipToString(ip) : mac) : deviceName;
    if (!vendor.isEmpty() && vendor != who)
        who = QCoreApplication::translate("DeviceStore", "%1 (%2)").arg(who, vendor);
    const QString at = ip ? ipToString(ip) : QString();
    switch (kind) {
    case EventKind::NewDevice:
        return (randomizedMac ? QCoreApplication::translate("DeviceStore", "New device: %1 at %2 (randomized MAC)")
                              : QCoreApplication::translate("DeviceStore", "New device: %1 at %2"))
            .arg(who, at);
    case EventKind::Offline:
        return QCoreApplication::translate("DeviceStore", "%1 went offline").arg(who);
    case EventKind::Online:
        return QCoreApplication::translate("DeviceStore", "%1 is back online at %2").arg(who, at);
    case EventKind::IpChanged:
        return otherIp ? QCoreApplication::translate("DeviceStore", "%1 changed its IP from %2 to %3")
                             .arg(who, ipToString(otherIp), at)
                       : QCoreApplication::translate("DeviceStore", "%1 has a new IP: %2").arg(who, at);
    case EventKind::IpClaimed:
        return QCoreApplication::translate("DeviceStore",
                                           "%1 is now answered by %2 (%3), held before by %4: possible ARP spoofing")
            .arg(at, mac, who, otherMac);
    case EventKind::DuplicateIp:
        return QCoreApplication::translate("DeviceStore", "Duplicate IP %1: answered by both %2 and %3")
            .arg(at, mac, otherMac);
    case EventKind::NameChanged:
        return QCoreApplication::translate("DeviceStore", "%1 changed its name from %2 to %3")
            .arg(who, nameBefore, nameAfter);
    }
    return who;
}

} // namespace lanwatch::monitor
