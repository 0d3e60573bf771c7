// The sweep loop: epoll over an ARP socket per attached interface, one ICMP socket and the TCP probes
// in flight; a token bucket paces sends; per-attempt FIFOs give each target its timeout and retries.
#include "core/scan/Sweep.h"
#include "core/ErrnoText.h"

#include "core/net/RawSockets.h"
#include "core/scan/Packets.h"
#include "core/scan/RateLimiter.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <deque>
#include <unordered_map>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/icmp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

namespace lanwatch::scan {

qint64 monotonicNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

namespace {

enum Method : quint8 { MArp = 1, MIcmp = 2, MTcp = 4, MNeigh = 8 };

// epoll tags: the kind of source in the top byte, a number (interface slot or fd) below.
enum Tag : quint64 { TagWake = 1ull << 56, TagArp = 2ull << 56, TagIcmp = 3ull << 56, TagTcp = 4ull << 56 };
constexpr quint64 TagMask = 0xffull << 56;

constexpr qint64 MinTimeoutNs = 100'000'000; // the adaptive timeout never goes below 100 ms
constexpr qint64 NeighbourPollNs = 100'000'000;
constexpr qint64 ProgressEveryNs = 50'000'000;
constexpr std::size_t TcpQueueHighWater = 256; // admit new targets only while their ports keep up

void raiseFileLimit()
{
    // Each TCP probe is a socket: lift the soft limit to the hard one (capped), as fping/nmap users expect.
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = std::min<rlim_t>(lim.rlim_max, 65536);
        ::setrlimit(RLIMIT_NOFILE, &lim);
    }
}

int currentFileLimit()
{
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return 1024;
    return int(std::min<rlim_t>(lim.rlim_cur, 1 << 20));
}

// recvmsg() with the kernel's receive timestamp (SO_TIMESTAMPNS, CLOCK_REALTIME) turned into our
// monotonic clock, so an RTT does not include the time the reply waited for this loop to read it.
ssize_t receiveStamped(int fd, void *buffer, std::size_t size, void *from, socklen_t fromSize, qint64 *rxNs)
{
    iovec iov{buffer, size};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
    msghdr msg{};
    msg.msg_name = from;
    msg.msg_namelen = fromSize;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    const ssize_t n = ::recvmsg(fd, &msg, 0);
    if (n < 0)
        return n;
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(c), sizeof(stamp));
            timespec real{};
            ::clock_gettime(CLOCK_REALTIME, &real);
            const qint64 ageNs = (qint64(real.tv_sec) - stamp.tv_sec) * 1'000'000'000 + (real.tv_nsec - stamp.tv_nsec);
            if (ageNs >= 0 && ageNs < 10'000'000'000)
                *rxNs = monotonicNs() - ageNs;
        }
    }
    return n;
}

void enableTimestamps(int fd)
{
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on));
}

} // namespace

struct Sweep::Private
{
    struct InFlight
    {
        qint64 sentNs = 0;  // the latest try's send
        qint64 firstNs = 0; // the first try's send
        quint8 attempt = 0;
        quint8 methods = 0;
        qint16 iface = -1;
    };
    struct Pending
    {
        quint64 index;
        qint64 sentNs;
    };
    struct TcpItem
    {
        quint64 index;
        int port;
    };
    struct TcpProbe
    {
        quint64 index;
        qint64 sentNs;
    };

    SweepPlan plan;
    SweepCallbacks cb;
    const std::atomic_bool *cancel;
    int wakeFd;

    int epfd = -1;
    std::vector<int> arpFd; // per interface slot, -1 when none
    int icmpFd = -1;
    bool icmpRaw = false;
    quint16 icmpId = 0;
    quint64 token = 0;

    quint64 total = 0;
    quint64 nextNew = 0;
    std::vector<quint64> rangeOffset; // index of each range's first address
    std::unordered_map<quint64, InFlight> inflight;
    std::vector<std::deque<Pending>> fifos;
    std::deque<quint64> retryReady;
    std::deque<TcpItem> tcpQueue;
    std::unordered_map<int, TcpProbe> tcpProbes;
    std::unordered_map<quint64, std::vector<int>> tcpByTarget;
    std::size_t tcpCap = 1024;
    std::vector<quint64> finalCheck;
    std::unordered_map<quint64, std::vector<MacAddress>> arpAnswered; // every MAC that answered, by target
    quint64 unsolicited = 0; // ARP replies to us for addresses not (yet) asked
    bool anyNeighbour = false;

    RateLimiter limiter{1, 1, 0};
    double srttNs = -1;
    double rttvarNs = 0;

    qint64 startNs = 0;
    qint64 lastNeighbourNs = 0;
    qint64 lastProgressNs = 0;
    quint64 probed = 0;
    int found = 0;
    bool progressDirty = true;
    bool warnedTcpLimit = false;

    Private(SweepPlan p, SweepCallbacks c, const std::atomic_bool *cancelFlag, int wake)
        : plan(std::move(p)), cb(std::move(c)), cancel(cancelFlag), wakeFd(wake)
    {}

    ~Private()
    {
        for (auto &[fd, probe] : tcpProbes)
            closeTcpFd(fd);
        for (int fd : arpFd)
            if (fd >= 0)
                ::close(fd);
        if (icmpFd >= 0)
            ::close(icmpFd);
        if (epfd >= 0)
            ::close(epfd);
    }

    // ---- targets ----
    quint32 targetAt(quint64 index) const
    {
        const auto it = std::upper_bound(rangeOffset.begin(), rangeOffset.end(), index);
        const auto r = std::size_t(std::distance(rangeOffset.begin(), it) - 1);
        return plan.targets.ranges()[qsizetype(r)].first + quint32(index - rangeOffset[r]);
    }
    std::optional<quint64> indexOf(quint32 ip) const
    {
        const auto &ranges = plan.targets.ranges();
        const auto it = std::upper_bound(ranges.begin(), ranges.end(), ip,
                                         [](quint32 v, const TargetSet::Range &r) { return v < r.first; });
        if (it == ranges.begin())
            return std::nullopt;
        const auto r = std::prev(it);
        if (ip > r->last)
            return std::nullopt;
        return rangeOffset[std::size_t(std::distance(ranges.begin(), r))] + (ip - r->first);
    }

    const InterfaceInfo *localInterface(quint32 ip) const
    {
        for (const InterfaceInfo &i : plan.interfaces)
            if (i.ip == ip)
                return &i;
        return nullptr;
    }

    // 0.0.0.0/8 ("this network"), multicast, the reserved 240/4 and the broadcast addresses of the attached
    // subnets are no host's address: a connect() to 0.0.0.0 reaches this machine, a ping to a broadcast
    // address is answered by others. They are counted as probed and never reported up.
    bool probeable(quint32 ip) const
    {
        if ((ip >> 24) == 0 || ip >= 0xe0000000u)
            return false;
        for (const InterfaceInfo &i : plan.interfaces)
            if (i.prefix < 31 && !i.loopback && i.onLink(ip) && ip == (i.ip | ~i.netmask()))
                return false;
        return true;
    }

    quint8 methodsFor(quint32 ip, int *ifaceOut) const
    {
        const int iface = onLinkInterface(plan.interfaces, plan.routes, ip);
        *ifaceOut = iface;
        const bool ethernet = iface >= 0 && plan.interfaces[iface].mac && !plan.interfaces[iface].loopback;
        if (plan.arp && ethernet && arpFd[std::size_t(iface)] >= 0)
            return MArp;
        quint8 m = 0;
        if (icmpFd >= 0)
            m |= MIcmp;
        if (plan.tcp && !plan.options.tcpPorts.isEmpty())
            m |= MTcp;
        if (plan.neighbour && ethernet)
            m |= MNeigh;
        return m;
    }

    // ---- timing ----
    qint64 timeoutNs(int attempt) const
    {
        const qint64 configured = qint64(std::max(1, plan.options.timeoutMs)) * 1'000'000;
        qint64 base = configured;
        if (srttNs >= 0) {
            const qint64 adaptive = qint64(srttNs + 4 * rttvarNs);
            base = std::clamp(adaptive, std::min(MinTimeoutNs, configured), configured);
        }
        return qint64(double(base) * std::pow(1.5, attempt));
    }
    void rttSample(qint64 rttNs)
    {
        if (rttNs <= 0)
            return;
        const double r = double(rttNs);
        if (srttNs < 0) {
            srttNs = r;
            rttvarNs = r / 2;
        } else {
            rttvarNs = 0.75 * rttvarNs + 0.25 * std::abs(srttNs - r);
            srttNs = 0.875 * srttNs + 0.125 * r;
        }
    }

    // ---- setup ----
    bool addToEpoll(int fd, quint64 tag, quint32 events = EPOLLIN)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = tag;
        return ::epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) == 0;
    }

    bool interfaceHasTargets(const InterfaceInfo &i) const
    {
        const quint32 net = i.ip & i.netmask();
        const quint32 bcast = net | ~i.netmask();
        for (const TargetSet::Range &r : plan.targets.ranges())
            if (r.first <= bcast && r.last >= net)
                return true;
        return false;
    }

    // The sockets come filtered and bound (core/net/RawSockets); what is set here needs no privilege.
    void tuneReceiveSocket(int fd)
    {
        const int buffer = 4 << 20;
        if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof(buffer)) != 0)
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
        enableTimestamps(fd);
    }

    bool setup()
    {
        raiseFileLimit();
        tcpCap = std::size_t(std::max(64, std::min(4096, currentFileLimit() - 128)));
        epfd = ::epoll_create1(EPOLL_CLOEXEC);
        if (epfd < 0) {
            cb.warning(QCoreApplication::translate("Sweep", "Cannot start the sweep: %1").arg(errnoText(errno)));
            return false;
        }
        if (wakeFd >= 0)
            addToEpoll(wakeFd, TagWake);

        quint64 offset = 0;
        for (const TargetSet::Range &r : plan.targets.ranges()) {
            rangeOffset.push_back(offset);
            offset += quint64(r.last) - r.first + 1;
        }
        total = offset;

        arpFd.assign(std::size_t(plan.interfaces.size()), -1);
        // Every raw socket of the sweep in one request: with the helper, that is one short-lived process.
        net::RawRequest raw;
        std::vector<qsizetype> arpSlots;
        if (plan.arp) {
            for (qsizetype k = 0; k < plan.interfaces.size(); ++k) {
                const InterfaceInfo &i = plan.interfaces[k];
                if (i.loopback || !i.mac || !interfaceHasTargets(i))
                    continue;
                raw.packet.push_back({net::PacketFilter::ArpReply, i.name});
                arpSlots.push_back(k);
            }
        }
        icmpRaw = plan.icmp == SweepPlan::Icmp::Raw;
        raw.icmp = icmpRaw;
        net::RawSockets sockets;
        if (!raw.packet.empty() || raw.icmp)
            sockets = net::openRawSockets(raw);
        // The request is all or nothing: when one interface fails for a reason of its own (down, an odd
        // name), the others are asked for one by one so they keep their ARP.
        const bool eachAlone = !sockets.error.isEmpty() && !sockets.permission && raw.packet.size() + raw.icmp > 1;
        auto alone = [&](net::RawRequest one, QString *error) {
            const net::RawSockets s = net::openRawSockets(one);
            *error = s.error;
            return !s.error.isEmpty() ? -1 : one.icmp ? s.icmpFd : s.packetFds.front();
        };
        for (std::size_t n = 0; n < arpSlots.size(); ++n) {
            const qsizetype k = arpSlots[n];
            QString error = sockets.error;
            const int fd = sockets.error.isEmpty() ? sockets.packetFds[n]
                           : eachAlone             ? alone({{raw.packet[n]}, false}, &error)
                                                   : -1;
            if (fd < 0) {
                cb.warning(QCoreApplication::translate(
                               "Sweep", "ARP on %1 is not available (%2); probing its hosts with ICMP/TCP instead.")
                               .arg(plan.interfaces[k].name, error));
                continue;
            }
            tuneReceiveSocket(fd);
            arpFd[std::size_t(k)] = fd;
            addToEpoll(fd, TagArp | quint64(k));
        }
        if (plan.icmp != SweepPlan::Icmp::None) {
            QString error;
            if (icmpRaw) {
                error = sockets.error;
                icmpFd = sockets.error.isEmpty() ? sockets.icmpFd : eachAlone ? alone({{}, true}, &error) : -1;
            } else {
                icmpFd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
                if (icmpFd < 0)
                    error = errnoText(errno);
            }
            if (icmpFd < 0) {
                cb.warning(
                    QCoreApplication::translate("Sweep", "ICMP echo is not available (%1); using the other methods.")
                        .arg(error));
            } else {
                tuneReceiveSocket(icmpFd);
                addToEpoll(icmpFd, TagIcmp);
            }
        }
        for (const InterfaceInfo &i : plan.interfaces)
            if (plan.neighbour && i.mac && !i.loopback && interfaceHasTargets(i))
                anyNeighbour = true;

        icmpId = quint16(QRandomGenerator::global()->generate());
        token = QRandomGenerator::global()->generate64();
        fifos.resize(std::size_t(std::max(0, plan.options.retries)) + 1);
        const int rate = plan.options.ratePps > 0 ? plan.options.ratePps : ScanOptions::DefaultRatePps;
        startNs = monotonicNs();
        limiter = RateLimiter(rate, std::clamp(rate / 200, 1, 64), startNs);
        return true;
    }

    // ---- outcomes ----
    void closeTcpFd(int fd)
    {
        // RST instead of FIN: a probe must not leave half-closed connections on the target.
        linger l{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
        ::epoll_ctl(epfd, EPOLL_CTL_DEL, fd, nullptr);
        ::close(fd);
    }
    void closeTcpFor(quint64 index)
    {
        const auto it = tcpByTarget.find(index);
        if (it == tcpByTarget.end())
            return;
        for (int fd : it->second) {
            closeTcpFd(fd);
            tcpProbes.erase(fd);
        }
        tcpByTarget.erase(it);
    }
    void markAlive(quint64 index, FoundBy by, std::optional<MacAddress> mac, qint64 rttNs, bool sample = true,
                   bool macMismatch = false)
    {
        const auto it = inflight.find(index);
        if (it == inflight.end())
            return; // answered already, or given up on: a late or duplicate reply is ignored
        inflight.erase(it);
        closeTcpFor(index);
        HostRecord host;
        host.ip = targetAt(index);
        host.mac = mac;
        host.rttMs = rttNs > 0 ? double(rttNs) / 1e6 : -1;
        host.foundBy = by;
        host.macMismatch = macMismatch;
        if (sample)
            rttSample(rttNs);
        ++probed;
        ++found;
        progressDirty = true;
        cb.alive(host);
    }
    void markDead(quint64 index)
    {
        if (inflight.erase(index) == 0)
            return;
        closeTcpFor(index);
        ++probed;
        progressDirty = true;
    }

    // ---- sending ----
    void sendArp(int iface, quint32 target)
    {
        const InterfaceInfo &i = plan.interfaces[iface];
        const auto frame = packets::buildArpRequest(*i.mac, i.ip, target);
        sockaddr_ll to{};
        to.sll_family = AF_PACKET;
        to.sll_protocol = htons(ETH_P_ARP);
        to.sll_ifindex = i.index;
        to.sll_halen = 6;
        std::memset(to.sll_addr, 0xff, 6);
        ::sendto(arpFd[std::size_t(iface)], frame.data(), frame.size(), 0, reinterpret_cast<sockaddr *>(&to),
                 sizeof(to));
        // Errors (ENOBUFS under load) are not fatal: the timeout and retry cover a lost request.
    }
    void sendIcmp(quint64 index, quint32 target)
    {
        // The payload carries this packet's own send time, so the RTT is the answered try's, whichever it is.
        const qint64 now = monotonicNs();
        const QByteArray packet =
            packets::buildEchoRequest(icmpId, quint16(index & 0xffff), packets::EchoPayload{token, now});
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(target);
        ::sendto(icmpFd, packet.constData(), std::size_t(packet.size()), MSG_DONTWAIT,
                 reinterpret_cast<sockaddr *>(&to), sizeof(to));
        // EHOSTUNREACH/EPERM (a firewall on our side) only mean this probe proves nothing.
    }
    // Returns false when the process is out of sockets: the item goes back to the queue.
    bool sendTcp(const TcpItem &item)
    {
        const quint32 target = targetAt(item.index);
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            if ((errno == EMFILE || errno == ENFILE) && !tcpProbes.empty()) {
                tcpCap = std::max<std::size_t>(16, tcpProbes.size() - 8);
                return false;
            }
            if (!warnedTcpLimit) {
                warnedTcpLimit = true;
                cb.warning(QCoreApplication::translate("Sweep", "TCP probes are failing: %1").arg(errnoText(errno)));
            }
            return true;
        }
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(target);
        to.sin_port = htons(quint16(item.port));
        const qint64 sentNs = monotonicNs(); // each probe's own send time, not the loop turn's
        const int rc = ::connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof(to));
        if (rc == 0 || errno == ECONNREFUSED) { // loopback answers at once
            linger l{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
            ::close(fd);
            markAlive(item.index, FoundBy::Tcp, std::nullopt, 1);
            return true;
        }
        if (errno != EINPROGRESS) {
            ::close(fd);
            return true;
        }
        addToEpoll(fd, TagTcp | quint64(fd), EPOLLOUT);
        tcpProbes.emplace(fd, TcpProbe{item.index, sentNs});
        tcpByTarget[item.index].push_back(fd);
        return true;
    }

    void sendAttempt(quint64 index, int attempt, qint64 loopNow)
    {
        auto it = inflight.find(index);
        if (it == inflight.end())
            return;
        InFlight &f = it->second;
        const quint32 ip = targetAt(index);
        // Stamped right before its own send: the probes sent earlier in this loop turn are not its RTT.
        const qint64 now = std::max(loopNow, monotonicNs());
        const bool first = f.firstNs == 0;
        if (first)
            f.firstNs = now;
        if (f.methods & MArp)
            sendArp(f.iface, ip);
        if (f.methods & MIcmp)
            sendIcmp(index, ip);
        if (first && (f.methods & MTcp))
            for (quint16 port : std::as_const(plan.options.tcpPorts))
                tcpQueue.push_back(TcpItem{index, port});
        f.sentNs = now;
        f.attempt = quint8(attempt);
        fifos[std::size_t(attempt)].push_back(Pending{index, now});
    }

    // Admits the next new target; returns false when none is left.
    bool admitNext(qint64 now, bool *needsToken)
    {
        while (nextNew < total) {
            const quint64 index = nextNew++;
            const quint32 ip = targetAt(index);
            if (const InterfaceInfo *local = localInterface(ip)) {
                inflight.emplace(index, InFlight{});
                markAlive(index, FoundBy::Local, local->mac, -1);
                continue;
            }
            int iface = -1;
            const quint8 m = probeable(ip) ? methodsFor(ip, &iface) : 0;
            if (m == 0) {
                ++probed;
                progressDirty = true;
                continue;
            }
            inflight.emplace(index, InFlight{now, 0, 0, m, qint16(iface)});
            *needsToken = (m & (MArp | MIcmp)) != 0;
            // A target without retries starts at the last try, so its one try waits what a last try waits.
            const bool retried = !plan.options.retryOnly || plan.options.retryOnly->contains(ip);
            sendAttempt(index, retried ? 0 : int(fifos.size()) - 1, now);
            return true;
        }
        return false;
    }

    void sendSome(qint64 now)
    {
        for (int budget = 512; budget > 0; --budget) {
            if (!tcpQueue.empty() && tcpProbes.size() < tcpCap) {
                const TcpItem item = tcpQueue.front();
                if (!inflight.count(item.index)) {
                    tcpQueue.pop_front();
                    continue;
                }
                if (!limiter.tryTake(now))
                    return;
                tcpQueue.pop_front();
                if (!sendTcp(item)) {
                    tcpQueue.push_front(item);
                    return;
                }
                continue;
            }
            if (!retryReady.empty()) {
                const quint64 index = retryReady.front();
                const auto it = inflight.find(index);
                if (it == inflight.end()) {
                    retryReady.pop_front();
                    continue;
                }
                const bool needsToken = it->second.methods & (MArp | MIcmp);
                if (needsToken && !limiter.tryTake(now))
                    return;
                retryReady.pop_front();
                sendAttempt(index, it->second.attempt + 1, now);
                continue;
            }
            if (nextNew < total && tcpQueue.size() < TcpQueueHighWater) {
                if (limiter.waitNs(now) > 0)
                    return;
                bool needsToken = false;
                if (!admitNext(now, &needsToken))
                    continue;
                if (needsToken)
                    limiter.tryTake(now);
                continue;
            }
            return;
        }
    }

    // ---- receiving ----
    void readArp(int slot, qint64 loopNow)
    {
        const InterfaceInfo &i = plan.interfaces[slot];
        quint8 buffer[256];
        for (;;) {
            sockaddr_ll from{};
            qint64 now = loopNow;
            const ssize_t n =
                receiveStamped(arpFd[std::size_t(slot)], buffer, sizeof(buffer), &from, sizeof(from), &now);
            if (n < 0)
                return;
            if (from.sll_pkttype == PACKET_OUTGOING)
                continue;
            const auto reply = packets::parseArpReply(buffer, std::size_t(n));
            // Only answers to our question count: addressed to our IP and MAC, from a target we asked.
            if (!reply || reply->targetIp != i.ip || reply->targetMac != *i.mac)
                continue;
            const auto index = indexOf(reply->senderIp);
            if (!index || *index >= nextNew) {
                ++unsolicited; // an answer to a question this scan did not ask (yet): counted, ignored
                continue;
            }
            const auto it = inflight.find(*index);
            if (it == inflight.end()) {
                // Answered already: a second MAC for the address is a duplicate IP (arp-scan's DUP).
                const auto answered = arpAnswered.find(*index);
                if (answered != arpAnswered.end() &&
                    std::find(answered->second.begin(), answered->second.end(), reply->senderMac) ==
                        answered->second.end()) {
                    answered->second.push_back(reply->senderMac);
                    if (cb.duplicate)
                        cb.duplicate(reply->senderIp, reply->senderMac);
                }
                continue;
            }
            if (!(it->second.methods & MArp))
                continue;
            arpAnswered[*index].push_back(reply->senderMac);
            // The frame's own source MAC should be the one the ARP payload claims; a difference is worth saying.
            const bool mismatch =
                from.sll_halen == 6 && std::memcmp(from.sll_addr, reply->senderMac.data(), 6) != 0;
            // An ARP reply does not say which try it answers. Answered at the first try, the RTT is exact; after
            // retries it is shown from the first try (a slow host answers the first try late far more often
            // than a LAN loses a request) and, as Karn's rule says, not fed to the timeout estimator.
            const InFlight &f = it->second;
            const bool oneTry = f.sentNs == f.firstNs;
            markAlive(*index, FoundBy::Arp, reply->senderMac, now - f.firstNs, oneTry, mismatch);
        }
    }

    void readIcmp(qint64 loopNow)
    {
        quint8 buffer[1500];
        for (;;) {
            sockaddr_in from{};
            qint64 now = loopNow;
            const ssize_t n = receiveStamped(icmpFd, buffer, sizeof(buffer), &from, sizeof(from), &now);
            if (n < 0)
                return;
            const auto reply = packets::parseEchoReply(buffer, std::size_t(n), icmpRaw);
            if (!reply || reply->payload.token != token)
                continue; // someone else's ping, or a reply to an earlier scan
            if (icmpRaw && reply->identifier != icmpId)
                continue;
            const quint32 source = ntohl(from.sin_addr.s_addr);
            const auto index = indexOf(source);
            if (!index || reply->sequence != quint16(*index & 0xffff))
                continue;
            const auto it = inflight.find(*index);
            if (it == inflight.end() || !(it->second.methods & MIcmp))
                continue;
            const qint64 rtt =
                reply->payload.sentNs > startNs - 1 && reply->payload.sentNs <= now ? now - reply->payload.sentNs : -1;
            markAlive(*index, FoundBy::Icmp, std::nullopt, rtt);
        }
    }

    void tcpEvent(int fd, qint64 now)
    {
        const auto it = tcpProbes.find(fd);
        if (it == tcpProbes.end())
            return;
        const TcpProbe probe = it->second;
        int err = 0;
        socklen_t len = sizeof(err);
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err == 0 || err == ECONNREFUSED) {
            // A handshake or a refusal: either way a live TCP stack answered.
            markAlive(probe.index, FoundBy::Tcp, std::nullopt, now - probe.sentNs);
            return;
        }
        tcpProbes.erase(it);
        auto &fds = tcpByTarget[probe.index];
        fds.erase(std::remove(fds.begin(), fds.end(), fd), fds.end());
        closeTcpFd(fd);
    }

    void refreshNeighbours(qint64 now)
    {
        lastNeighbourNs = now;
        const auto table = neighbourTable();
        if (!table)
            return;
        for (const NeighbourEntry &e : table.value()) {
            const auto index = indexOf(e.ip);
            if (!index)
                continue;
            const auto it = inflight.find(*index);
            if (it == inflight.end() || !(it->second.methods & MNeigh))
                continue;
            // Only an entry the host confirmed after our first probe to it is proof: REACHABLE alone lasts
            // reachable_time (15-45 s) after a host left, and a PERMANENT entry may name a host that never
            // existed. The kernel counts in clock ticks (10 ms here), hence the margin.
            const qint64 sinceProbeMs = (now - it->second.firstNs) / 1'000'000 + 10;
            if (!e.confirmedWithin(sinceProbeMs))
                continue;
            // Give the target's own ICMP/TCP answer a moment first, so "found by" names the better proof.
            if (it->second.attempt == 0 && now - it->second.sentNs < 50'000'000)
                continue;
            markAlive(*index, FoundBy::Neighbour, e.mac, -1);
        }
    }

    // How long try k waits before the next try (or, for the last, before the target is given up). The tries
    // are paced by the adaptive timeout, but the last one waits at least the user's --timeout: a host that
    // answers slower than the fast ones (Wi-Fi power save) still answers an earlier try in time, and any
    // try's answer counts until then.
    qint64 waitNs(int k) const
    {
        const qint64 adaptive = timeoutNs(k);
        if (k < int(fifos.size()) - 1)
            return adaptive;
        return std::max(adaptive, qint64(std::max(1, plan.options.timeoutMs)) * 1'000'000);
    }

    void expire(qint64 now)
    {
        const int last = int(fifos.size()) - 1;
        for (int k = 0; k <= last; ++k) {
            const qint64 limit = waitNs(k);
            auto &fifo = fifos[std::size_t(k)];
            while (!fifo.empty() && fifo.front().sentNs + limit <= now) {
                const Pending p = fifo.front();
                fifo.pop_front();
                const auto it = inflight.find(p.index);
                if (it == inflight.end() || it->second.attempt != k || it->second.sentNs != p.sentNs)
                    continue;
                if (k < last)
                    retryReady.push_back(p.index);
                else if (it->second.methods & MNeigh)
                    finalCheck.push_back(p.index);
                else
                    markDead(p.index);
            }
        }
        if (!finalCheck.empty()) {
            if (now - lastNeighbourNs > 20'000'000)
                refreshNeighbours(now);
            for (quint64 index : finalCheck)
                markDead(index);
            finalCheck.clear();
        }
    }

    qint64 nextWakeNs(qint64 now)
    {
        qint64 wake = now + 50'000'000;
        for (std::size_t k = 0; k < fifos.size(); ++k)
            if (!fifos[k].empty())
                wake = std::min(wake, fifos[k].front().sentNs + waitNs(int(k)));
        const bool canSend = (!tcpQueue.empty() && tcpProbes.size() < tcpCap) || !retryReady.empty() ||
                             (nextNew < total && tcpQueue.size() < TcpQueueHighWater);
        if (canSend)
            wake = std::min(wake, now + limiter.waitNs(now));
        if (anyNeighbour && !inflight.empty())
            wake = std::min(wake, lastNeighbourNs + NeighbourPollNs);
        return wake;
    }

    bool finished() const { return nextNew >= total && inflight.empty(); }

    void reportProgress(qint64 now, bool force)
    {
        if (!progressDirty || (!force && now - lastProgressNs < ProgressEveryNs))
            return;
        lastProgressNs = now;
        progressDirty = false;
        cb.progress(probed, total, found);
    }
};

Sweep::Sweep(SweepPlan plan, SweepCallbacks callbacks, const std::atomic_bool *cancel, int wakeFd)
    : d(new Private(std::move(plan), std::move(callbacks), cancel, wakeFd))
{}

Sweep::~Sweep()
{
    delete d;
}

int Sweep::onLinkInterface(const QList<InterfaceInfo> &interfaces, const QList<RouteEntry> &routes, quint32 ip)
{
    int best = -1;
    if (!routes.isEmpty()) {
        const auto route = routeFor(routes, ip);
        if (!route || !route->onLink())
            return -1;
        for (qsizetype k = 0; k < interfaces.size(); ++k) {
            const InterfaceInfo &i = interfaces[k];
            if (i.index != route->interfaceIndex)
                continue;
            // The address on that link whose subnet holds the target, else any: ARP asks from it.
            if (best < 0 || (i.onLink(ip) && !interfaces[best].onLink(ip)))
                best = int(k);
        }
        return best;
    }
    for (qsizetype k = 0; k < interfaces.size(); ++k) {
        const InterfaceInfo &i = interfaces[k];
        if (i.prefix >= 32 && i.ip != ip)
            continue;
        if (i.onLink(ip) && (best < 0 || i.prefix > interfaces[best].prefix))
            best = int(k);
    }
    return best;
}

bool Sweep::run()
{
    if (!d->setup())
        return !d->cancel->load();
    epoll_event events[256];
    for (;;) {
        if (d->cancel->load())
            return false;
        qint64 now = monotonicNs();
        d->expire(now);
        d->sendSome(now);
        d->reportProgress(now, false);
        if (d->finished())
            break;
        const qint64 wakeNs = d->nextWakeNs(now);
        const int timeoutMs = int(std::clamp<qint64>((wakeNs - now + 999'999) / 1'000'000, 0, 50));
        const int n = ::epoll_wait(d->epfd, events, int(std::size(events)), timeoutMs);
        now = monotonicNs();
        for (int e = 0; e < n; ++e) {
            const quint64 tag = events[e].data.u64;
            switch (tag & TagMask) {
            case TagWake: {
                quint64 value = 0;
                [[maybe_unused]] const ssize_t r = ::read(d->wakeFd, &value, sizeof(value));
                break;
            }
            case TagArp:
                d->readArp(int(tag & ~TagMask), now);
                break;
            case TagIcmp:
                d->readIcmp(now);
                break;
            case TagTcp:
                d->tcpEvent(int(tag & ~TagMask), now);
                break;
            default:
                break;
            }
        }
        if (d->anyNeighbour && !d->inflight.empty() && now - d->lastNeighbourNs >= NeighbourPollNs)
            d->refreshNeighbours(now);
    }
    d->reportProgress(monotonicNs(), true);
    if (d->unsolicited > 0)
        d->cb.warning(QCoreApplication::translate("Sweep", "ARP replies for addresses this scan had not asked about, "
                                                           "ignored (possible spoofing): %1")
                          .arg(d->unsolicited));
    return true;
}

} // namespace lanwatch::scan
