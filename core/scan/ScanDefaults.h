// ScanDefaults: the one definition of each scan option's default and valid range, used by ScanOptions,
// core::Settings, the settings dialog and lanwatch-cli scan (tests/ui/tst_scandefaults checks they agree).
#pragma once

#include <QList>
#include <QStringList>
#include <QtGlobal>

#include <array>

namespace lanwatch::scan::ScanDefaults {

// Longest wait for a reply before a retry, in ms (the sweep adapts it down to the measured RTT).
inline constexpr int TimeoutMs = 500;
inline constexpr int MinTimeoutMs = 10, MaxTimeoutMs = 60'000;

// Extra tries per target and method after the first.
inline constexpr int Retries = 2;
inline constexpr int MinRetries = 0, MaxRetries = 10;

// Packets per second across all methods. AutoRatePps (0) means "the engine's rate", AutomaticRatePps;
// an explicit rate is MinRatePps..MaxRatePps (the CLI takes only explicit rates: leaving --rate out is
// automatic; the dialog shows AutoRatePps as its "Automatic" special value).
inline constexpr int AutoRatePps = 0;
inline constexpr int AutomaticRatePps = 10'000;
inline constexpr int MinRatePps = 1, MaxRatePps = 1'000'000;

// Methods by their stable names (settings, CLI, JSON); the first is the default.
inline const QStringList &methodNames()
{
    static const QStringList names{QStringLiteral("auto"), QStringLiteral("arp"), QStringLiteral("icmp"),
                                   QStringLiteral("tcp")};
    return names;
}

// TCP ports probed when the user gives none.
inline constexpr std::array<quint16, 8> TcpPorts{22, 80, 443, 445, 139, 3389, 8080, 53};
inline QList<quint16> tcpPorts()
{
    return QList<quint16>(TcpPorts.begin(), TcpPorts.end());
}
inline constexpr quint16 MinPort = 1, MaxPort = 65535;

// Reverse DNS of each live host.
inline constexpr bool ResolveNames = true;
// Names the devices announce themselves (mDNS, NetBIOS, SSDP) of each live host.
inline constexpr bool LocalNames = true;
// How long a scan waits for names after its sweep, in ms: one resolver try (core/net/ReverseResolver's
// per-try timeout). Names that come later still update the hosts; a dead DNS server only costs this.
inline constexpr int NameGraceMs = 1500;

} // namespace lanwatch::scan::ScanDefaults
