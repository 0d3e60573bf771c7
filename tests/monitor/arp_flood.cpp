// lanwatch-arpflood: sends gratuitous ARP frames from one interface (a test helper for the passive
// listener: one announcement, or a flood). Needs CAP_NET_RAW; run it inside a lab namespace.
//   lanwatch-arpflood IFACE COUNT [--ip A.B.C.D] [--distinct]
// --ip        the address announced (default 10.251.7.250)
// --distinct  every frame claims another (MAC, IP) pair, from this interface's own Ethernet source:
//             one namespace spoofing many stations, without teaching the lab's bridge 100,000 MACs
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <net/if.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

#include <linux/if_ether.h>
#include <linux/if_packet.h>

namespace {

int usage()
{
    std::fprintf(stderr, "usage: lanwatch-arpflood IFACE COUNT [--ip A.B.C.D] [--distinct]\n");
    return 2;
}

void put32(unsigned char *p, unsigned v)
{
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    const std::string ifname = argv[1];
    const long count = std::strtol(argv[2], nullptr, 10);
    unsigned ip = (10u << 24) | (251u << 16) | (7u << 8) | 250u;
    bool distinct = false;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--distinct") {
            distinct = true;
        } else if (a == "--ip" && i + 1 < argc) {
            in_addr parsed{};
            if (::inet_pton(AF_INET, argv[++i], &parsed) != 1)
                return usage();
            ip = ntohl(parsed.s_addr);
        } else {
            return usage();
        }
    }
    if (count <= 0)
        return usage();
    const int fd = ::socket(AF_PACKET, SOCK_RAW, 0); // protocol 0: send only, nothing is queued to us
    if (fd < 0) {
        std::perror("socket(AF_PACKET)");
        return 1;
    }
    ifreq request{};
    std::snprintf(request.ifr_name, sizeof(request.ifr_name), "%s", ifname.c_str());
    if (::ioctl(fd, SIOCGIFHWADDR, &request) != 0) {
        std::perror("SIOCGIFHWADDR");
        return 1;
    }
    unsigned char own[6];
    std::memcpy(own, request.ifr_hwaddr.sa_data, 6);
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = static_cast<int>(::if_nametoindex(ifname.c_str()));
    to.sll_halen = 6;
    std::memset(to.sll_addr, 0xff, 6);

    unsigned char frame[60] = {};
    std::memset(frame, 0xff, 6);
    std::memcpy(frame + 6, own, 6);
    frame[12] = 0x08, frame[13] = 0x06;
    unsigned char *arp = frame + 14;
    arp[1] = 1;                // Ethernet
    arp[2] = 0x08, arp[3] = 0; // IPv4
    arp[4] = 6, arp[5] = 4;
    arp[7] = 1; // request: the common form of gratuitous ARP (arping -U)
    long sent = 0;
    for (long n = 0; n < count; ++n) {
        unsigned char *sha = arp + 8;
        std::memcpy(sha, own, 6);
        unsigned claimed = ip;
        if (distinct) {
            // 02:f1:00:xx:xx:xx (locally administered), 10.252.x.x: n-th pair, all different
            sha[0] = 0x02, sha[1] = 0xf1, sha[2] = 0;
            sha[3] = static_cast<unsigned char>(n >> 16), sha[4] = static_cast<unsigned char>(n >> 8);
            sha[5] = static_cast<unsigned char>(n);
            claimed = ((10u << 24) | (252u << 16)) + static_cast<unsigned>(n); // 10.252.0.0 onwards
        }
        put32(arp + 14, claimed);
        std::memset(arp + 18, 0, 6);
        put32(arp + 24, claimed);
        while (::sendto(fd, frame, sizeof(frame), 0, reinterpret_cast<const sockaddr *>(&to), sizeof(to)) < 0) {
            if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
                std::perror("sendto");
                return 1;
            }
        }
        ++sent;
    }
    std::printf("sent %ld\n", sent);
    return 0;
}
