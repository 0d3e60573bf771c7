// WakeOnLan: a broadcast UDP datagram, bound to the chosen interface so it leaves where the device is.
#include "core/scan/WakeOnLan.h"

#include "core/scan/NetInfo.h"
#include "core/scan/TargetSet.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lanwatch::scan {

QByteArray magicPacket(const MacAddress &mac)
{
    QByteArray packet(6, char(0xff));
    for (int i = 0; i < 16; ++i)
        packet.append(reinterpret_cast<const char *>(mac.data()), 6);
    return packet;
}

Result<QString> wakeOnLan(const WakeRequest &request)
{
    const QList<InterfaceInfo> interfaces = ipv4Interfaces();
    const InterfaceInfo *chosen = nullptr;
    for (const InterfaceInfo &i : interfaces) {
        if (!request.interfaceName.isEmpty()) {
            if (i.name == request.interfaceName) {
                chosen = &i;
                break;
            }
            continue;
        }
        if (i.loopback)
            continue;
        if (request.hostIp && i.onLink(*request.hostIp)) {
            chosen = &i;
            break;
        }
        if (!chosen)
            chosen = &i;
    }
    if (!request.interfaceName.isEmpty() && !chosen)
        return Result<QString>::failure(
            QCoreApplication::translate("lanwatch::scan::WakeOnLan", "There is no interface %1 with an IPv4 address.")
                .arg(request.interfaceName));
    if (!chosen && !request.broadcast)
        return Result<QString>::failure(QCoreApplication::translate(
            "lanwatch::scan::WakeOnLan",
            "There is no network interface to send the wake-up from; give the broadcast address."));
    const quint32 target = request.broadcast ? *request.broadcast : (chosen->ip | ~chosen->netmask());

    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Result<QString>::failure(
            QCoreApplication::translate("lanwatch::scan::WakeOnLan", "Cannot open a UDP socket: %1")
                .arg(QString::fromLocal8Bit(std::strerror(errno))));
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
    if (chosen) {
        // Leave through the chosen interface also for 255.255.255.255 (needs no privilege since Linux 5.7;
        // older kernels fall back to the routing table, which is right for a subnet's own broadcast).
        const QByteArray name = chosen->name.toLocal8Bit();
        ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name.constData(), socklen_t(name.size()));
    }
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(WakePort);
    to.sin_addr.s_addr = htonl(target);
    const QByteArray packet = magicPacket(request.mac);
    const ssize_t sent = ::sendto(fd, packet.constData(), size_t(packet.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&to), sizeof(to));
    const int error = errno;
    ::close(fd);
    if (sent != packet.size())
        return Result<QString>::failure(
            QCoreApplication::translate("lanwatch::scan::WakeOnLan", "Could not send the wake-up to %1: %2")
                .arg(ipv4ToString(target), QString::fromLocal8Bit(std::strerror(error))));
    return chosen ? QCoreApplication::translate("lanwatch::scan::WakeOnLan", "%1:%2 on %3")
                        .arg(ipv4ToString(target))
                        .arg(WakePort)
                        .arg(chosen->name)
                  : QStringLiteral("%1:%2").arg(ipv4ToString(target)).arg(WakePort);
}

} // namespace lanwatch::scan
