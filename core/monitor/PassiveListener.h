// PassiveListener: between sweeps, hears devices announce themselves (ARP, DHCP client messages) on the
// watched interfaces, or, without CAP_NET_RAW, follows the kernel's neighbour table instead.
#pragma once

#include "core/Result.h"
#include "core/monitor/AnnounceParser.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace lanwatch::monitor {

// One device announcement as the owner receives it (copied out of the frame; the strings are the only
// allocations, and only for announcements that survive coalescing).
struct Announcement
{
    AnnounceKind kind = AnnounceKind::ArpRequest;
    MacAddress mac{};
    quint32 ip = 0; // host byte order; 0 when the device said none (ARP probe, first DHCP DISCOVER)
    MacAddress frameSource{};
    bool frameSourceDiffers = false;
    quint32 arpTargetIp = 0;
    quint8 dhcpMessageType = 0;
    int vlanId = -1;
    int interfaceIndex = 0;
    QString interfaceName;
    QString hostName;    // DHCP option 12
    QString vendorClass; // DHCP option 60
    qint64 seenMs = 0;   // CLOCK_MONOTONIC ms when the frame was read (comparable to QElapsedTimer)
};

// Counters, readable from any thread at any time.
struct PassiveStats
{
    quint64 framesRead = 0;    // frames that passed the kernel filter and reached us
    quint64 framesIgnored = 0; // parsed to nothing (not an announcement, truncated, malformed)
    quint64 announcements = 0; // frames that were an announcement
    quint64 coalesced = 0;     // the same announcement again within one batch
    quint64 suppressed = 0;    // seen recently (within the repeat window) in an earlier batch
    quint64 dropped = 0;       // a full batch or a slow owner: thrown away, not queued
    quint64 kernelDrops = 0;   // the socket buffer overflowed (PACKET_STATISTICS)
    quint64 posted = 0;        // announcements delivered in batches
    quint64 batches = 0;
};

class PassiveListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PassiveListener)

public:
    enum class Mode { Stopped, Packet, NeighbourTable };
    Q_ENUM(Mode)

    // Limits that bound the listener's memory whatever arrives; tests shrink the timings.
    struct Options
    {
        int batchIntervalMs = 100;  // at most one batch per interval
        int repeatWindowMs = 5000;  // the same MAC+IP again within this is not posted again
        int maxBatch = 512;         // announcements per batch; more in one interval are dropped
        int recentCapacity = 4096;  // pairs remembered for the repeat window (fixed table)
        int maxBatchesInFlight = 4; // posted but not yet delivered: beyond this, announcements wait
    };

    // Opens the packet socket for one interface (index) and returns its descriptor. The default opens
    // an AF_PACKET socket with the kernel filter; the privileged helper (issue 11) replaces it with a
    // descriptor it receives. Failure with permission denied selects the neighbour-table fallback.
    struct OpenError
    {
        bool permission = false;
        QString message;
    };
    using SocketOpener = std::function<int(int ifindex, OpenError *error)>;

    explicit PassiveListener(QObject *parent = nullptr);
    PassiveListener(Options options, QObject *parent);
    ~PassiveListener() override;

    void setSocketOpener(SocketOpener opener); // before start()

    // Starts listening on the named interfaces. Opens every socket here, on the calling thread (so a
    // caller that entered a network namespace gets sockets in it), then reads on a thread of its own.
    Result<void> start(const QStringList &interfaces);
    // Stops and joins the reading thread; returns within one wake-up of it, never waits on the network.
    void stop();

    Mode mode() const { return m_mode; }
    PassiveStats stats() const;

    static QString fallbackWarning();

Q_SIGNALS:
    void announced(const QList<lanwatch::monitor::Announcement> &batch);
    void warning(const QString &message);              // once per start, e.g. the fallback
    void dropped(quint64 newlyDropped, quint64 total); // with the batch that follows an overload

private:
    struct Worker;
    void deliver(const QList<Announcement> &batch, quint64 newlyDropped, quint64 totalDropped);

    Options m_options;
    SocketOpener m_opener;
    Mode m_mode = Mode::Stopped;
    bool m_warned = false;
    std::unique_ptr<Worker> m_worker;
    QThread *m_thread = nullptr;
};

// The kernel filter and socket the default SocketOpener uses: AF_PACKET, only ARP and IPv4 UDP 68 -> 67
// (with or without a VLAN tag), bound to ifindex, filter attached before any frame is queued.
int openPassiveSocket(int ifindex, PassiveListener::OpenError *error);
// The same filter on any socket (tests check it on a datagram socketpair, no privilege needed).
bool attachPassiveFilter(int fd);

} // namespace lanwatch::monitor

Q_DECLARE_METATYPE(lanwatch::monitor::Announcement)
