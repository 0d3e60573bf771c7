// libFuzzer target for the passive listener's frame parser: any bytes a device on the LAN could send.
#include "core/monitor/AnnounceParser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace lanwatch::monitor;

namespace {

// A broken invariant is a crash, so the fuzzer (and the corpus replay without sanitizers) reports it.
void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_announce: invariant broken: %s\n", what);
        std::abort();
    }
}

bool inside(std::string_view view, const std::uint8_t *data, std::size_t size)
{
    if (view.empty())
        return true;
    const auto *begin = reinterpret_cast<const std::uint8_t *>(view.data());
    return begin >= data && begin + view.size() <= data + size;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    ParsedAnnouncement a;
    if (parseFrame(data, size, a) != ParseStatus::Ok)
        return 0;
    check(inside(a.hostName, data, size), "host name outside the frame");
    check(inside(a.vendorClass, data, size), "vendor class outside the frame");
    check(!(a.mac[0] & 1), "a multicast device MAC");
    check(a.ip < 0xe0000000u, "a multicast or broadcast device address");
    check(a.vlanId < 4096, "VLAN id out of range");
    check(a.hostName.empty() || a.hostName.back() != '\0', "host name ends in NUL");
    return 0;
}
