// Value types of the scan engine: names used in CLI/JSON output, MAC text form, capability probe.
#include "core/scan/ScanTypes.h"
#include "core/net/RawSockets.h"

#include "core/scan/TargetSet.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_ether.h>

namespace lanwatch::scan {

QString foundByName(FoundBy method)
{
    switch (method) {
    case FoundBy::Arp:
        return QStringLiteral("arp");
    case FoundBy::Icmp:
        return QStringLiteral("icmp");
    case FoundBy::Tcp:
        return QStringLiteral("tcp");
    case FoundBy::Neighbour:
        return QStringLiteral("neigh");
    case FoundBy::Local:
        return QStringLiteral("local");
    }
    return QStringLiteral("?");
}

std::optional<MethodChoice> methodChoiceFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("auto"))
        return MethodChoice::Auto;
    if (t == QLatin1String("arp"))
        return MethodChoice::Arp;
    if (t == QLatin1String("icmp"))
        return MethodChoice::Icmp;
    if (t == QLatin1String("tcp"))
        return MethodChoice::Tcp;
    return std::nullopt;
}

QString methodChoiceName(MethodChoice choice)
{
    switch (choice) {
    case MethodChoice::Auto:
        return QStringLiteral("auto");
    case MethodChoice::Arp:
        return QStringLiteral("arp");
    case MethodChoice::Icmp:
        return QStringLiteral("icmp");
    case MethodChoice::Tcp:
        return QStringLiteral("tcp");
    }
    return QStringLiteral("auto");
}

QString macToString(const MacAddress &mac)
{
    static constexpr char hex[] = "0123456789abcdef";
    QString out(17, QLatin1Char(':'));
    for (int i = 0; i < 6; ++i) {
        out[i * 3] = QLatin1Char(hex[mac[static_cast<size_t>(i)] >> 4]);
        out[i * 3 + 1] = QLatin1Char(hex[mac[static_cast<size_t>(i)] & 0xf]);
    }
    return out;
}

std::optional<MacAddress> macFromString(const QString &text)
{
    const QString t = text.trimmed();
    // Accept aa:bb:cc:dd:ee:ff and aa-bb-cc-dd-ee-ff (the form Windows tools and the IEEE lists print).
    const QStringList parts = t.split(t.contains(QLatin1Char('-')) ? QLatin1Char('-') : QLatin1Char(':'));
    if (parts.size() != 6)
        return std::nullopt;
    MacAddress mac{};
    for (int i = 0; i < 6; ++i) {
        if (parts[i].size() != 2)
            return std::nullopt;
        bool ok = false;
        const uint v = parts[i].toUInt(&ok, 16);
        if (!ok)
            return std::nullopt;
        mac[static_cast<size_t>(i)] = static_cast<quint8>(v);
    }
    return mac;
}

const QStringList &nameSources()
{
    static const QStringList sources{QStringLiteral("dns"), QStringLiteral("mdns"), QStringLiteral("netbios"),
                                     QStringLiteral("ssdp"), QStringLiteral("dhcp")};
    return sources;
}

QString HostRecord::bestName() const
{
    for (const QString &source : nameSources())
        if (const QString name = names.value(source); !name.isEmpty())
            return name;
    return hostname;
}

QString HostRecord::ipString() const
{
    return ipv4ToString(ip);
}

QString HostRecord::macString() const
{
    return mac ? macToString(*mac) : QString();
}

Capabilities probeCapabilities()
{
    // Opening a socket is the only reliable test: capabilities, ping_group_range, seccomp and
    // user namespaces all decide, and the kernel is the one place that knows the combined answer.
    const auto canOpen = [](int domain, int type, int protocol) {
        const int fd = ::socket(domain, type | SOCK_CLOEXEC, protocol);
        if (fd < 0)
            return false;
        ::close(fd);
        return true;
    };
    Capabilities caps;
    caps.rawPacket = canOpen(AF_PACKET, SOCK_RAW, htons(ETH_P_ARP));
    caps.rawIcmp = canOpen(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    caps.icmpDatagram = canOpen(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
    // Not here, but CAP_NET_RAW permitted (raised to open) or lanwatch-netcap: both kinds come from there.
    if ((!caps.rawPacket || !caps.rawIcmp) && net::rawSocketsAvailable())
        caps.rawPacket = caps.rawIcmp = true;
    return caps;
}

} // namespace lanwatch::scan
