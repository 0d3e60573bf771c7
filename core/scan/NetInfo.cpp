// Interfaces through getifaddrs(), neighbours through an rtnetlink dump (no /proc parsing, no privileges).
#include "core/scan/NetInfo.h"

#include <QCoreApplication>
#include <QHash>

#include <arpa/inet.h>
#include <cerrno>
#include <functional>
#include <cstring>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_packet.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

namespace lanwatch::scan {

QList<InterfaceInfo> ipv4Interfaces()
{
    QList<InterfaceInfo> result;
    ifaddrs *list = nullptr;
    if (::getifaddrs(&list) != 0)
        return result;
    QHash<QString, MacAddress> macs;
    for (ifaddrs *a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_PACKET)
            continue;
        const auto *ll = reinterpret_cast<const sockaddr_ll *>(a->ifa_addr);
        if (ll->sll_halen == 6) {
            MacAddress mac{};
            std::memcpy(mac.data(), ll->sll_addr, 6);
            macs.insert(QString::fromLocal8Bit(a->ifa_name), mac);
        }
    }
    for (ifaddrs *a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET || !(a->ifa_flags & IFF_UP))
            continue;
        InterfaceInfo info;
        info.name = QString::fromLocal8Bit(a->ifa_name);
        info.index = int(::if_nametoindex(a->ifa_name));
        info.ip = ntohl(reinterpret_cast<const sockaddr_in *>(a->ifa_addr)->sin_addr.s_addr);
        if (a->ifa_netmask) {
            const quint32 mask = ntohl(reinterpret_cast<const sockaddr_in *>(a->ifa_netmask)->sin_addr.s_addr);
            info.prefix = __builtin_popcount(mask);
        }
        info.loopback = a->ifa_flags & IFF_LOOPBACK;
        if (!info.loopback && macs.contains(info.name))
            info.mac = macs.value(info.name);
        result.append(info);
    }
    ::freeifaddrs(list);
    return result;
}

bool NeighbourEntry::resolved() const
{
    return mac.has_value() && !(state & (NUD_INCOMPLETE | NUD_FAILED | NUD_NOARP));
}

bool NeighbourEntry::confirmedWithin(qint64 ms) const
{
    return mac.has_value() && (state & NUD_REACHABLE) && !(state & (NUD_PERMANENT | NUD_NOARP)) &&
           confirmedAgoMs >= 0 && confirmedAgoMs <= ms;
}

std::optional<NeighbourEntry> parseNeighbourMessage(const void *message, std::size_t length)
{
    if (length < NLMSG_LENGTH(sizeof(ndmsg)))
        return std::nullopt;
    const auto *h = static_cast<const nlmsghdr *>(message);
    if (h->nlmsg_type != RTM_NEWNEIGH || h->nlmsg_len < NLMSG_LENGTH(sizeof(ndmsg)) || h->nlmsg_len > length)
        return std::nullopt;
    const auto *nd = static_cast<const ndmsg *>(NLMSG_DATA(h));
    if (nd->ndm_family != AF_INET)
        return std::nullopt;
    // USER_HZ ticks: cache times in nda_cacheinfo are reported in clock_t units.
    static const long ticksPerSecond = ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
    NeighbourEntry e;
    e.interfaceIndex = nd->ndm_ifindex;
    e.state = nd->ndm_state;
    bool haveIp = false;
    int attrLength = int(h->nlmsg_len) - int(NLMSG_LENGTH(sizeof(ndmsg)));
    for (auto *a = reinterpret_cast<const rtattr *>(reinterpret_cast<const char *>(nd) + NLMSG_ALIGN(sizeof(ndmsg)));
         RTA_OK(a, attrLength); a = RTA_NEXT(a, attrLength)) {
        if (a->rta_type == NDA_DST && RTA_PAYLOAD(a) == 4) {
            quint32 ip = 0;
            std::memcpy(&ip, RTA_DATA(a), 4);
            e.ip = ntohl(ip);
            haveIp = true;
        } else if (a->rta_type == NDA_LLADDR && RTA_PAYLOAD(a) == 6) {
            MacAddress mac{};
            std::memcpy(mac.data(), RTA_DATA(a), 6);
            e.mac = mac;
        } else if (a->rta_type == NDA_CACHEINFO && RTA_PAYLOAD(a) >= sizeof(nda_cacheinfo)) {
            nda_cacheinfo info{};
            std::memcpy(&info, RTA_DATA(a), sizeof(info));
            e.confirmedAgoMs = qint64(info.ndm_confirmed) * 1000 / ticksPerSecond;
        }
    }
    if (!haveIp)
        return std::nullopt;
    return e;
}

std::optional<RouteEntry> parseRouteMessage(const void *message, std::size_t length)
{
    if (length < NLMSG_LENGTH(sizeof(rtmsg)))
        return std::nullopt;
    const auto *h = static_cast<const nlmsghdr *>(message);
    if (h->nlmsg_type != RTM_NEWROUTE || h->nlmsg_len < NLMSG_LENGTH(sizeof(rtmsg)) || h->nlmsg_len > length)
        return std::nullopt;
    const auto *rt = static_cast<const rtmsg *>(NLMSG_DATA(h));
    if (rt->rtm_family != AF_INET || rt->rtm_type != RTN_UNICAST || rt->rtm_dst_len > 32)
        return std::nullopt;
    RouteEntry r;
    r.prefix = rt->rtm_dst_len;
    quint32 table = rt->rtm_table;
    int attrLength = int(h->nlmsg_len) - int(NLMSG_LENGTH(sizeof(rtmsg)));
    for (auto *a = reinterpret_cast<const rtattr *>(reinterpret_cast<const char *>(rt) + NLMSG_ALIGN(sizeof(rtmsg)));
         RTA_OK(a, attrLength); a = RTA_NEXT(a, attrLength)) {
        quint32 value = 0;
        if (RTA_PAYLOAD(a) == 4)
            std::memcpy(&value, RTA_DATA(a), 4);
        switch (a->rta_type) {
        case RTA_DST:
            if (RTA_PAYLOAD(a) == 4)
                r.dst = ntohl(value);
            break;
        case RTA_GATEWAY:
            if (RTA_PAYLOAD(a) == 4)
                r.gateway = ntohl(value);
            break;
        case RTA_OIF:
            if (RTA_PAYLOAD(a) == 4)
                r.interfaceIndex = int(value);
            break;
        case RTA_TABLE:
            if (RTA_PAYLOAD(a) == 4)
                table = value;
            break;
        case RTA_MULTIPATH:
            r.multipath = true;
            break;
        default:
            break;
        }
    }
    if (table != RT_TABLE_MAIN)
        return std::nullopt;
    if (r.prefix < 32 && r.prefix > 0)
        r.dst &= ~quint32(0) << (32 - r.prefix);
    else if (r.prefix == 0)
        r.dst = 0;
    return r;
}

std::optional<RouteEntry> routeFor(const QList<RouteEntry> &routes, quint32 ip)
{
    std::optional<RouteEntry> best;
    for (const RouteEntry &r : routes)
        if (r.contains(ip) && (!best || r.prefix > best->prefix))
            best = r;
    return best;
}

namespace {

// One rtnetlink dump (RTM_GETROUTE, RTM_GETNEIGH...) for IPv4: each message handed to take. Fails with
// cannotRead ("Cannot read the routing table: %1", translated) completed by what the kernel or socket said.
template<typename Header>
Result<void> dumpIpv4(quint16 type, const QString &cannotRead, const std::function<void(const nlmsghdr *)> &take)
{
    const auto failure = [&cannotRead](const QString &reason) { return Result<void>::failure(cannotRead.arg(reason)); };
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return failure(QString::fromLocal8Bit(std::strerror(errno)));
    struct
    {
        nlmsghdr header;
        Header body;
    } request{};
    request.header.nlmsg_len = sizeof(request);
    request.header.nlmsg_type = type;
    request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.header.nlmsg_seq = 1;
    reinterpret_cast<unsigned char *>(&request.body)[0] = AF_INET; // rtm_family / ndm_family come first
    if (::send(fd, &request, sizeof(request), 0) < 0) {
        const int err = errno;
        ::close(fd);
        return failure(QString::fromLocal8Bit(std::strerror(err)));
    }
    alignas(nlmsghdr) char buffer[32768];
    bool done = false;
    QString error;
    while (!done) {
        const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = QString::fromLocal8Bit(std::strerror(errno));
            break;
        }
        auto remaining = static_cast<unsigned int>(n);
        for (auto *h = reinterpret_cast<nlmsghdr *>(buffer); NLMSG_OK(h, remaining); h = NLMSG_NEXT(h, remaining)) {
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
                if (h->nlmsg_type == NLMSG_ERROR && h->nlmsg_len >= NLMSG_LENGTH(sizeof(nlmsgerr))) {
                    const int code = static_cast<const nlmsgerr *>(NLMSG_DATA(h))->error; // 0: an acknowledgement
                    if (code != 0)
                        error = QString::fromLocal8Bit(std::strerror(-code));
                }
                done = true;
                break;
            }
            take(h);
        }
    }
    ::close(fd);
    if (!error.isEmpty())
        return failure(error);
    return {};
}

} // namespace

Result<QList<RouteEntry>> ipv4Routes()
{
    QList<RouteEntry> routes;
    const auto r = dumpIpv4<rtmsg>(RTM_GETROUTE, QCoreApplication::translate("NetInfo", "Cannot read the routing table: %1"),
                                    [&](const nlmsghdr *h) {
        if (const auto route = parseRouteMessage(h, h->nlmsg_len))
            routes.append(*route);
    });
    if (!r)
        return Result<QList<RouteEntry>>::failure(r.error());
    return routes;
}

Result<QList<NeighbourEntry>> neighbourTable()
{
    QList<NeighbourEntry> entries;
    const auto r = dumpIpv4<ndmsg>(RTM_GETNEIGH, QCoreApplication::translate("NetInfo", "Cannot read the neighbour table: %1"),
                                    [&](const nlmsghdr *h) {
        if (const auto e = parseNeighbourMessage(h, h->nlmsg_len))
            entries.append(*e);
    });
    if (!r)
        return Result<QList<NeighbourEntry>>::failure(r.error());
    return entries;
}

} // namespace lanwatch::scan
