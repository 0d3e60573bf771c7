// WakeOnLan: the magic packet, and sending it as UDP to port 9 on a subnet's broadcast address.
#pragma once

#include "core/Result.h"
#include "core/scan/ScanTypes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace lanwatch::scan {

inline constexpr quint16 WakePort = 9; // "discard": what NICs and routers' WoL relays expect

// 6 x 0xff, then the MAC 16 times (102 bytes; AMD's Magic Packet).
QByteArray magicPacket(const MacAddress &mac);

struct WakeRequest
{
    MacAddress mac{};
    QString interfaceName;            // empty: the interface on-link to hostIp, else the first up one
    std::optional<quint32> broadcast; // empty: the chosen interface's subnet broadcast
    std::optional<quint32> hostIp;    // the device's last known address, to pick the interface
};

// Sends one magic packet; on success says where it went ("10.0.0.255:9 on eth0"), for the user.
Result<QString> wakeOnLan(const WakeRequest &request);

} // namespace lanwatch::scan
