// Value types shared by the scan engine, the CLI and the dashboard: options, methods and host records.
#pragma once

#include "core/scan/TargetSet.h"

#include "core/scan/ScanDefaults.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <optional>

namespace lanwatch::scan {

// How a host was found. The first method that proved a host alive wins. Local: one of this machine's
// own addresses (reported like nmap does, without probing).
enum class FoundBy : std::uint8_t { Arp, Icmp, Tcp, Neighbour, Local };
QString foundByName(FoundBy method); // "arp", "icmp", "tcp", "neigh", "local" (stable: JSON/CSV output)

// What the user asked for; Auto picks per target (ARP on attached subnets when privileged, else ICMP+TCP).
enum class MethodChoice : std::uint8_t { Auto, Arp, Icmp, Tcp };
std::optional<MethodChoice> methodChoiceFromString(const QString &text); // "auto", "arp", "icmp", "tcp"
QString methodChoiceName(MethodChoice choice);

struct ScanOptions
{
    // Defaults and valid ranges: core/scan/ScanDefaults.h.
    int timeoutMs = ScanDefaults::TimeoutMs; // longest wait for a reply before a retry (adapts down to the
                                             // measured RTT, never below 100 ms); each retry waits 1.5x longer
    int retries = ScanDefaults::Retries;     // extra tries per target and method after the first
    int ratePps = ScanDefaults::AutoRatePps; // packets per second across all methods; 0 = DefaultRatePps
    static constexpr int DefaultRatePps = ScanDefaults::AutomaticRatePps;
    MethodChoice method = MethodChoice::Auto;
    bool allowLarge = false;                        // allow more than TargetSet::LargeLimit addresses
    bool resolveNames = ScanDefaults::ResolveNames; // reverse DNS in the second stage
    bool localNames = ScanDefaults::LocalNames;     // mDNS, NetBIOS and SSDP names in the second stage
    int nameGraceMs = ScanDefaults::NameGraceMs;    // longest wait for names after the sweep
    QList<quint16> tcpPorts = ScanDefaults::tcpPorts();
    // Set: only these addresses get the retries; every other one is tried once, its one try waiting the
    // full timeout (the monitor's re-sweeps: an address no device holds is probed again at the next sweep).
    std::optional<TargetSet> retryOnly;
};

// Name sources, best first: names that identify the host on the network (DNS set by an administrator,
// mDNS and NetBIOS chosen by the host and unique on the link) before SSDP's friendlyName (describes a
// service and is often not unique) and the DHCP host name (claimed by the client, nothing checks it).
const QStringList &nameSources();

using MacAddress = std::array<quint8, 6>;
QString macToString(const MacAddress &mac); // "aa:bb:cc:dd:ee:ff", lower case
std::optional<MacAddress> macFromString(const QString &text);

struct HostRecord
{
    quint32 ip = 0;                // IPv4 in host byte order
    std::optional<MacAddress> mac; // from the ARP reply or the neighbour table
    QString vendor;                // IEEE registry name, "Locally administered", or empty
    QString hostname;              // reverse DNS, empty when none (also names["dns"])
    // Every name found, by source: "dns", "mdns", "netbios", "ssdp", "dhcp" (nameSources()).
    QMap<QString, QString> names;
    QStringList services; // mDNS service types the host advertises ("_ipp._tcp"), sorted
    QString model;        // a model hint from mDNS TXT (ty=, md=, model=), else UPnP manufacturer + model
    double rttMs = -1;    // < 0: unknown
    FoundBy foundBy = FoundBy::Icmp;
    bool enriched = false; // true once the second stage (MAC, vendor, name) has finished
    // Anomalies the ARP replies showed: other MACs that answered for this IP in the same scan (a duplicate
    // address, or someone answering for it), and an ARP sender MAC unlike its frame's source MAC.
    QList<MacAddress> otherMacs;
    bool macMismatch = false;
    bool duplicate() const { return !otherMacs.isEmpty(); }

    QString bestName() const; // the first of names by nameSources(), else hostname; empty when none
    QString ipString() const;
    QString macString() const; // empty when unknown
};

// What this process may do here; the CLI and status bar explain what is missing.
struct Capabilities
{
    bool rawPacket = false;    // AF_PACKET raw socket (CAP_NET_RAW): ARP sweep
    bool rawIcmp = false;      // SOCK_RAW IPPROTO_ICMP (CAP_NET_RAW)
    bool icmpDatagram = false; // SOCK_DGRAM IPPROTO_ICMP allowed by net.ipv4.ping_group_range
};
Capabilities probeCapabilities();

} // namespace lanwatch::scan

Q_DECLARE_METATYPE(lanwatch::scan::HostRecord)
