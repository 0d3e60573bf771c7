// libFuzzer target for the sweep's reply parsers: ARP replies and ICMP echo replies (with and without their
// IP header), bytes any device on the LAN can send.
#include "core/scan/Packets.h"

#include <cstdint>
#include <vector>

using namespace lanwatch::scan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::vector<quint8> frame(data, data + size); // its own allocation: a read past size is caught
    (void)packets::parseArpReply(frame.data(), frame.size());
    (void)packets::parseEchoReply(frame.data(), frame.size(), true);
    (void)packets::parseEchoReply(frame.data(), frame.size(), false);
    return 0;
}
