// RawSockets: where the sweep and the passive listener get their raw sockets. Opened here when this thread
// has CAP_NET_RAW (effective, or permitted and raised for the moment of opening), else asked of
// lanwatch-netcap, the small helper that alone carries the capability; without either, the callers fall
// back to what an unprivileged process can do.
#pragma once

#include "core/net/RawOpen.h"

#include <QString>

#include <vector>

namespace lanwatch::net {

struct RawRequest
{
    struct Packet
    {
        PacketFilter filter = PacketFilter::ArpReply;
        QString interfaceName;
    };
    std::vector<Packet> packet;
    bool icmp = false; // a raw ICMP socket (echo replies only)
};

struct RawSockets
{
    std::vector<int> packetFds; // one per RawRequest::packet, same order; the caller closes them
    int icmpFd = -1;
    QString error;           // empty on success
    bool permission = false; // failed for want of the privilege (not a wrong interface, say)
    bool fromHelper = false;
};

// All or nothing: on failure every descriptor is -1 and error says why.
RawSockets openRawSockets(const RawRequest &request);

// Whether a raw socket can be had at all (directly or from the helper), for the method choice.
bool rawSocketsAvailable();

// The helper used when this process lacks CAP_NET_RAW: next to the running binary, then
// LANWATCH_LIBEXECDIR/lanwatch-netcap. Empty when neither exists. Tests point it elsewhere.
QString netcapHelperPath();
void setNetcapHelperPath(const QString &path); // empty: back to the search above

// The exchange with the helper as it is, for tests: sends request bytes, returns the helper's exit status,
// its answer text and every descriptor it passed.
struct HelperExchange
{
    int exitCode = -1; // -1: did not exit normally (killed, or could not be started)
    QString answer;
    std::vector<int> fds;
};
HelperExchange exchangeWithHelper(const QString &helper, const QByteArray &request, int timeoutMs = 5000);

} // namespace lanwatch::net
