// libFuzzer target for the rtnetlink parsers (neighbour and route messages): the kernel is trusted, but
// every length in a message is checked as if it were not, and a message is read from a buffer of its size.
#include "core/scan/NetInfo.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace lanwatch::scan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // A copy in its own allocation, aligned as the kernel's buffer is, so a read past size is caught by ASan.
    std::vector<std::uint32_t> aligned((size + 3) / 4);
    if (size)
        std::memcpy(aligned.data(), data, size);
    if (const auto n = parseNeighbourMessage(aligned.data(), size)) {
        if (n->confirmedAgoMs < -1) {
            std::fprintf(stderr, "fuzz_netlink: negative confirmation age\n");
            std::abort();
        }
    }
    if (const auto r = parseRouteMessage(aligned.data(), size)) {
        if (r->prefix < 0 || r->prefix > 32 || !r->contains(r->dst)) {
            std::fprintf(stderr, "fuzz_netlink: a route that does not hold its own destination\n");
            std::abort();
        }
        (void)routeFor({*r}, r->dst);
    }
    return 0;
}
