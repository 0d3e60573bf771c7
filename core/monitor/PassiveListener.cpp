// The passive listener: sockets opened on the caller's thread, one epoll loop on a QThread that reads,
// parses into fixed storage, coalesces, and posts at most one batch per interval to the owner.
#include "core/monitor/PassiveListener.h"
#include "core/ErrnoText.h"

#include "core/net/RawSockets.h"
#include "core/scan/NetInfo.h"

#include <QCoreApplication>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

#include <arpa/inet.h>
#include <net/if.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

namespace lanwatch::monitor {

namespace {

qint64 monotonicMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

// Which announcements count as "the same": the device, the address it claims, how it said it, where.
struct Key
{
    MacAddress mac{};
    quint8 group = 0; // 0 ARP, 1 DHCP, 2 neighbour table
    quint8 differs = 0;
    quint32 ip = 0;
    int ifindex = 0;

    bool operator==(const Key &o) const
    {
        return mac == o.mac && group == o.group && differs == o.differs && ip == o.ip && ifindex == o.ifindex;
    }
    quint64 hash() const
    {
        quint64 h = 1469598103934665603ull; // FNV-1a
        auto mix = [&h](quint64 v) {
            for (int i = 0; i < 8; ++i) {
                h ^= (v >> (8 * i)) & 0xff;
                h *= 1099511628211ull;
            }
        };
        quint64 m = 0;
        for (quint8 b : mac)
            m = (m << 8) | b;
        mix(m);
        mix((quint64(ip) << 32) | (quint64(group) << 8) | differs);
        mix(quint64(quint32(ifindex)));
        return h;
    }
};

quint8 groupOf(AnnounceKind kind)
{
    switch (kind) {
    case AnnounceKind::DhcpDiscover:
    case AnnounceKind::DhcpRequest:
    case AnnounceKind::DhcpInform:
        return 1;
    case AnnounceKind::Neighbour:
        return 2;
    default:
        return 0;
    }
}

std::size_t powerOfTwoAtLeast(std::size_t n)
{
    std::size_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

// The pairs seen in the last repeat window: a fixed set-associative table (4 ways per bucket, the oldest
// way replaced), so a flood of distinct pairs evicts old entries instead of growing anything.
class RecentPairs
{
public:
    explicit RecentPairs(std::size_t capacity) : m_slots(powerOfTwoAtLeast(std::max<std::size_t>(capacity, 4))) {}

    // True when key was seen within windowMs (not refreshed: a chattering device is posted once a window).
    bool seenRecently(const Key &key, quint64 hash, qint64 nowMs, qint64 windowMs)
    {
        Slot *bucket = bucketOf(hash);
        for (int w = 0; w < Ways; ++w)
            if (bucket[w].used && bucket[w].key == key)
                return nowMs - bucket[w].atMs < windowMs;
        return false;
    }
    void remember(const Key &key, quint64 hash, qint64 nowMs)
    {
        Slot *bucket = bucketOf(hash);
        Slot *victim = &bucket[0];
        for (int w = 0; w < Ways; ++w) {
            Slot &s = bucket[w];
            if (s.used && s.key == key) {
                victim = &s;
                break;
            }
            if (!s.used || (victim->used && s.atMs < victim->atMs))
                victim = &s;
        }
        victim->used = true;
        victim->key = key;
        victim->atMs = nowMs;
    }

private:
    static constexpr int Ways = 4;
    struct Slot
    {
        Key key;
        qint64 atMs = 0;
        bool used = false;
    };
    Slot *bucketOf(quint64 hash) { return &m_slots[(hash & ((m_slots.size() / Ways) - 1)) * Ways]; }
    std::vector<Slot> m_slots;
};

// Keys already in the batch being filled: open addressing over twice the batch size, cleared per batch.
class BatchKeys
{
public:
    explicit BatchKeys(std::size_t maxBatch) : m_slots(powerOfTwoAtLeast(maxBatch * 2)) {}
    // Inserts; false when the key was there already.
    bool insert(const Key &key, quint64 hash)
    {
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot &s = m_slots[i];
            if (!s.used) {
                s.used = true;
                s.key = key;
                return true;
            }
            if (s.key == key)
                return false;
        }
    }
    void clear()
    {
        for (Slot &s : m_slots)
            s.used = false;
    }

private:
    struct Slot
    {
        Key key;
        bool used = false;
    };
    std::vector<Slot> m_slots;
};

constexpr int FramesPerRead = 32;
constexpr std::size_t FrameBytes = 2048; // an Ethernet frame with two tags fits; longer ones are cut
constexpr int ReadsPerWake = 16;         // then back to the loop, so a flood cannot delay a batch

} // namespace

struct PassiveListener::Worker
{
    struct Source
    {
        int fd = -1;
        int ifindex = 0;
        QString name;
        bool netlink = false;
    };

    PassiveListener *owner = nullptr;
    Options options;
    std::vector<Source> sources;
    int epollFd = -1;
    int stopFd = -1;

    // Statistics: written by the reading thread only, read by anyone.
    std::atomic<quint64> framesRead{0}, framesIgnored{0}, announcements{0}, coalesced{0}, suppressed{0}, dropped{0},
        kernelDrops{0}, posted{0}, batches{0};
    std::shared_ptr<std::atomic<int>> inFlight = std::make_shared<std::atomic<int>>(0);

    RecentPairs recent;
    BatchKeys batchKeys;
    QList<Announcement> batch;
    qint64 lastPostMs = 0;
    quint64 droppedAtLastPost = 0;

    // recvmmsg storage, allocated once.
    std::vector<std::array<quint8, FrameBytes>> frames;
    std::vector<std::array<char, CMSG_SPACE(sizeof(tpacket_auxdata))>> controls;
    std::vector<sockaddr_ll> addresses;
    std::vector<iovec> iovecs;
    std::vector<mmsghdr> messages;
    alignas(nlmsghdr) char netlinkBuffer[16384];

    Worker(PassiveListener *o, const Options &opts)
        : owner(o), options(opts), recent(std::size_t(std::max(opts.recentCapacity, 4))),
          batchKeys(std::size_t(std::max(opts.maxBatch, 1))), frames(FramesPerRead), controls(FramesPerRead),
          addresses(FramesPerRead), iovecs(FramesPerRead), messages(FramesPerRead)
    {
        batch.reserve(options.maxBatch);
    }

    ~Worker() { closeAll(); }

    void closeAll()
    {
        for (Source &s : sources) {
            if (s.fd >= 0)
                ::close(s.fd);
            s.fd = -1;
        }
        for (int *fd : {&epollFd, &stopFd}) {
            if (*fd >= 0)
                ::close(*fd);
            *fd = -1;
        }
    }

    void offer(const ParsedAnnouncement &p, int ifindex, const QString &ifname, qint64 nowMs)
    {
        announcements.fetch_add(1, std::memory_order_relaxed);
        const Key key{p.mac, groupOf(p.kind), quint8(p.frameSourceDiffers), p.ip, ifindex};
        const quint64 hash = key.hash();
        if (recent.seenRecently(key, hash, nowMs, options.repeatWindowMs)) {
            // In this batch already, or posted in an earlier one within the window.
            if (!batchKeys.insert(key, hash))
                coalesced.fetch_add(1, std::memory_order_relaxed);
            else
                suppressed.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        if (batch.size() >= options.maxBatch) {
            dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        if (!batchKeys.insert(key, hash)) { // the recent table evicted it under a flood: still once
            coalesced.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        recent.remember(key, hash, nowMs);
        Announcement a;
        a.kind = p.kind;
        a.mac = p.mac;
        a.ip = p.ip;
        a.frameSource = p.frameSource;
        a.frameSourceDiffers = p.frameSourceDiffers;
        a.arpTargetIp = p.arpTargetIp;
        a.dhcpMessageType = p.dhcpMessageType;
        a.vlanId = p.vlanId;
        a.interfaceIndex = ifindex;
        a.interfaceName = ifname; // implicitly shared: no copy
        if (!p.hostName.empty())
            a.hostName = QString::fromUtf8(p.hostName.data(), qsizetype(p.hostName.size()));
        if (!p.vendorClass.empty())
            a.vendorClass = QString::fromUtf8(p.vendorClass.data(), qsizetype(p.vendorClass.size()));
        a.seenMs = nowMs;
        batch.append(std::move(a));
    }

    void readPackets(const Source &s)
    {
        for (int round = 0; round < ReadsPerWake; ++round) {
            for (int i = 0; i < FramesPerRead; ++i) {
                iovecs[i] = iovec{frames[i].data(), FrameBytes};
                messages[i].msg_hdr = msghdr{};
                messages[i].msg_hdr.msg_name = &addresses[i];
                messages[i].msg_hdr.msg_namelen = sizeof(sockaddr_ll);
                messages[i].msg_hdr.msg_iov = &iovecs[i];
                messages[i].msg_hdr.msg_iovlen = 1;
                messages[i].msg_hdr.msg_control = controls[i].data();
                messages[i].msg_hdr.msg_controllen = controls[i].size();
                messages[i].msg_len = 0;
            }
            const int n = ::recvmmsg(s.fd, messages.data(), FramesPerRead, MSG_DONTWAIT, nullptr);
            if (n <= 0)
                return;
            const qint64 nowMs = monotonicMs();
            framesRead.fetch_add(quint64(n), std::memory_order_relaxed);
            for (int i = 0; i < n; ++i) {
                if (addresses[i].sll_pkttype == PACKET_OUTGOING) { // our own, where IGNORE_OUTGOING is missing
                    framesIgnored.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                const std::size_t length = std::min<std::size_t>(messages[i].msg_len, FrameBytes);
                ParsedAnnouncement p;
                if (parseFrame(frames[i].data(), length, p) != ParseStatus::Ok) {
                    framesIgnored.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                if (p.vlanId < 0)
                    p.vlanId = strippedVlan(messages[i].msg_hdr);
                offer(p, s.ifindex, s.name, nowMs);
            }
            if (n < FramesPerRead)
                return;
        }
    }

    // A tag the NIC (or veth) removed before the filter saw the frame is reported in PACKET_AUXDATA.
    static int strippedVlan(msghdr &header)
    {
        for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
            if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA ||
                c->cmsg_len < CMSG_LEN(sizeof(tpacket_auxdata)))
                continue;
            tpacket_auxdata aux{};
            std::memcpy(&aux, CMSG_DATA(c), sizeof(aux));
            if (aux.tp_status & TP_STATUS_VLAN_VALID)
                return aux.tp_vlan_tci & 0x0fff;
        }
        return -1;
    }

    void readNeighbours(const Source &s)
    {
        for (int round = 0; round < ReadsPerWake; ++round) {
            const ssize_t n = ::recv(s.fd, netlinkBuffer, sizeof(netlinkBuffer), MSG_DONTWAIT);
            if (n < 0) {
                if (errno == ENOBUFS) // notifications were lost: the kernel's queue overflowed
                    kernelDrops.fetch_add(1, std::memory_order_relaxed);
                if (errno == ENOBUFS || errno == EINTR)
                    continue;
                return;
            }
            const qint64 nowMs = monotonicMs();
            int remaining = int(n);
            for (auto *h = reinterpret_cast<nlmsghdr *>(netlinkBuffer); NLMSG_OK(h, remaining);
                 h = NLMSG_NEXT(h, remaining)) {
                framesRead.fetch_add(1, std::memory_order_relaxed);
                const auto entry = scan::parseNeighbourMessage(h, std::size_t(remaining));
                const Source *watched = nullptr;
                for (const Source &src : sources)
                    if (entry && src.ifindex == entry->interfaceIndex)
                        watched = &src;
                // Only entries that prove a device is there: a MAC, learnt from the device, not static.
                if (!entry || !watched || !entry->resolved() || (entry->state & NUD_PERMANENT)) {
                    framesIgnored.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                ParsedAnnouncement p;
                p.kind = AnnounceKind::Neighbour;
                p.mac = *entry->mac;
                p.ip = entry->ip;
                offer(p, watched->ifindex, watched->name, nowMs);
            }
        }
    }

    void collectKernelDrops()
    {
        for (const Source &s : sources) {
            if (s.netlink)
                continue;
            tpacket_stats st{};
            socklen_t len = sizeof(st);
            if (::getsockopt(s.fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0) // reads and resets
                kernelDrops.fetch_add(st.tp_drops, std::memory_order_relaxed);
        }
    }

    // Posts the batch when the interval since the last one has passed and the owner keeps up.
    void maybePost(qint64 nowMs)
    {
        if (batch.isEmpty() && dropped.load(std::memory_order_relaxed) == droppedAtLastPost)
            return;
        if (nowMs - lastPostMs < options.batchIntervalMs)
            return;
        if (inFlight->load() >= options.maxBatchesInFlight) // the owner is behind: keep filling, then drop
            return;
        collectKernelDrops();
        const quint64 totalDropped = dropped.load(std::memory_order_relaxed);
        const quint64 newlyDropped = totalDropped - droppedAtLastPost;
        droppedAtLastPost = totalDropped;
        lastPostMs = nowMs;
        posted.fetch_add(quint64(batch.size()), std::memory_order_relaxed);
        batches.fetch_add(1, std::memory_order_relaxed);
        inFlight->fetch_add(1);
        QList<Announcement> out;
        out.swap(batch);
        batch.reserve(options.maxBatch);
        batchKeys.clear();
        QMetaObject::invokeMethod(
            owner,
            [o = owner, out = std::move(out), newlyDropped, totalDropped, inFlight = inFlight] {
                inFlight->fetch_sub(1);
                o->deliver(out, newlyDropped, totalDropped);
            },
            Qt::QueuedConnection);
    }

    int waitMs(qint64 nowMs) const
    {
        if (batch.isEmpty() && dropped.load(std::memory_order_relaxed) == droppedAtLastPost)
            return -1;
        return int(std::clamp<qint64>(lastPostMs + options.batchIntervalMs - nowMs, 0, options.batchIntervalMs));
    }

    void run()
    {
        epoll_event events[8];
        for (;;) {
            const int n = ::epoll_wait(epollFd, events, 8, waitMs(monotonicMs()));
            if (n < 0 && errno != EINTR)
                return;
            for (int i = 0; i < n; ++i) {
                const std::size_t index = events[i].data.u64;
                if (index == sources.size())
                    return; // the stop eventfd
                const Source &s = sources[index];
                if (s.netlink)
                    readNeighbours(s);
                else
                    readPackets(s);
            }
            maybePost(monotonicMs());
        }
    }
};

int openPassiveSocket(int ifindex, PassiveListener::OpenError *error)
{
    // Filtered (ARP and DHCP client messages), locked and bound by core/net/RawSockets: here, or by the
    // lanwatch-netcap helper when this process has no CAP_NET_RAW.
    char name[IF_NAMESIZE] = {};
    if (!::if_indextoname(unsigned(ifindex), name)) {
        if (error) {
            error->permission = false;
            error->message = QStringLiteral("if_indextoname: ") + errnoText(errno);
        }
        return -1;
    }
    net::RawRequest request;
    request.packet.push_back({net::PacketFilter::ArpDhcp, QString::fromLocal8Bit(name)});
    const net::RawSockets sockets = net::openRawSockets(request);
    if (!sockets.error.isEmpty()) {
        if (error) {
            error->permission = sockets.permission;
            error->message = sockets.error;
        }
        return -1;
    }
    const int fd = sockets.packetFds.front();
    const int one = 1;
    // Best effort: outgoing frames are our own sweep's; a larger buffer rides out bursts (capped by
    // net.core.rmem_max).
    ::setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one));
    ::setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
    const int buffer = 1 << 20;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
    return fd;
}

bool attachPassiveFilter(int fd)
{
    const std::vector<sock_filter> filter = net::packetFilterCode(net::PacketFilter::ArpDhcp);
    const sock_fprog program{static_cast<unsigned short>(filter.size()), const_cast<sock_filter *>(filter.data())};
    return ::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof(program)) == 0;
}

PassiveListener::PassiveListener(QObject *parent) : PassiveListener(Options{}, parent) {}

PassiveListener::PassiveListener(Options options, QObject *parent)
    : QObject(parent), m_options(options), m_opener(&openPassiveSocket)
{
    qRegisterMetaType<Announcement>();
    qRegisterMetaType<QList<Announcement>>();
}

PassiveListener::~PassiveListener()
{
    stop();
}

void PassiveListener::setSocketOpener(SocketOpener opener)
{
    m_opener = std::move(opener);
}

QString PassiveListener::fallbackWarning()
{
    return tr("passive listening needs CAP_NET_RAW; using the kernel's neighbour table instead");
}

Result<void> PassiveListener::start(const QStringList &interfaces)
{
    stop();
    m_worker.reset();
    if (interfaces.isEmpty())
        return Result<void>::failure(tr("No interface to listen on."));
    auto worker = std::make_unique<Worker>(this, m_options);
    bool fallback = false;
    for (const QString &name : interfaces) {
        const int ifindex = int(::if_nametoindex(name.toLocal8Bit().constData()));
        if (ifindex == 0)
            return Result<void>::failure(tr("Cannot listen on %1: there is no such interface here.").arg(name));
        if (!fallback) {
            OpenError error;
            const int fd = m_opener ? m_opener(ifindex, &error) : -1;
            if (fd >= 0) {
                worker->sources.push_back({fd, ifindex, name, false});
                continue;
            }
            if (!error.permission)
                return Result<void>::failure(tr("Cannot listen on %1: %2").arg(name, error.message));
            // Not allowed: every interface uses the neighbour table (one socket for all of them).
            fallback = true;
            for (const Worker::Source &s : worker->sources)
                ::close(s.fd);
            worker->sources.clear();
            for (const QString &n : interfaces.mid(0, interfaces.indexOf(name)))
                worker->sources.push_back({-1, int(::if_nametoindex(n.toLocal8Bit().constData())), n, true});
        }
        worker->sources.push_back({-1, ifindex, name, true});
    }
    if (fallback) {
        const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
        if (fd < 0)
            return Result<void>::failure(tr("Cannot follow the neighbour table: %1").arg(errnoText(errno)));
        sockaddr_nl address{};
        address.nl_family = AF_NETLINK;
        address.nl_groups = RTMGRP_NEIGH;
        if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0) {
            const int err = errno;
            ::close(fd);
            return Result<void>::failure(tr("Cannot follow the neighbour table: %1").arg(errnoText(err)));
        }
        // One socket reads the changes of every watched interface; the others only name them.
        worker->sources.front().fd = fd;
        for (std::size_t i = 1; i < worker->sources.size(); ++i)
            worker->sources[i].fd = -1;
    }

    worker->epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    worker->stopFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (worker->epollFd < 0 || worker->stopFd < 0)
        return Result<void>::failure(tr("Cannot start listening: %1").arg(errnoText(errno)));
    for (std::size_t i = 0; i <= worker->sources.size(); ++i) {
        const int fd = i == worker->sources.size() ? worker->stopFd : worker->sources[i].fd;
        if (fd < 0)
            continue;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = i;
        if (::epoll_ctl(worker->epollFd, EPOLL_CTL_ADD, fd, &ev) != 0)
            return Result<void>::failure(tr("Cannot start listening: %1").arg(errnoText(errno)));
    }
    m_mode = fallback ? Mode::NeighbourTable : Mode::Packet;
    Worker *w = worker.get();
    m_worker = std::move(worker);
    m_thread = QThread::create([w] { w->run(); });
    m_thread->setObjectName(QStringLiteral("PassiveListener"));
    m_thread->start();
    if (fallback && !m_warned) {
        m_warned = true;
        Q_EMIT warning(fallbackWarning());
    }
    return {};
}

void PassiveListener::stop()
{
    if (m_thread) {
        const quint64 one = 1;
        // The loop wakes on the eventfd whatever the network does; the write cannot block (a counter).
        [[maybe_unused]] const ssize_t written = ::write(m_worker->stopFd, &one, sizeof(one));
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        m_worker->closeAll(); // the counters stay readable until the next start
    }
    m_mode = Mode::Stopped;
}

PassiveStats PassiveListener::stats() const
{
    PassiveStats s;
    if (!m_worker)
        return s;
    const Worker &w = *m_worker;
    s.framesRead = w.framesRead.load();
    s.framesIgnored = w.framesIgnored.load();
    s.announcements = w.announcements.load();
    s.coalesced = w.coalesced.load();
    s.suppressed = w.suppressed.load();
    s.dropped = w.dropped.load();
    s.kernelDrops = w.kernelDrops.load();
    s.posted = w.posted.load();
    s.batches = w.batches.load();
    return s;
}

void PassiveListener::deliver(const QList<Announcement> &batch, quint64 newlyDropped, quint64 totalDropped)
{
    if (newlyDropped > 0)
        Q_EMIT dropped(newlyDropped, totalDropped);
    if (!batch.isEmpty())
        Q_EMIT announced(batch);
}

} // namespace lanwatch::monitor
