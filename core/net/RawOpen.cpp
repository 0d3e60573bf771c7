// The raw sockets and their kernel filters; Qt-free so the privileged helper links nothing else.
#include "core/net/RawOpen.h"

#include <cerrno>
#include <cstddef>
#include <utility>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/icmp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

namespace lanwatch::net {

namespace {

// Classic BPF written with labels, so no jump offset is counted by hand.
class BpfBuilder
{
public:
    enum Label : int { Accept = -1, Reject = -2, Ip0 = -3, Vlan = -4, Ip4 = -5 };
    void label(Label l) { m_labels.emplace_back(l, m_prog.size()); }
    void stmt(std::uint16_t code, std::uint32_t k) { m_prog.push_back({code, 0, 0, k}); }
    void jump(std::uint16_t code, std::uint32_t k, int jt, int jf) { m_prog.push_back({code, jt, jf, k}); }
    std::vector<sock_filter> build() const
    {
        std::vector<sock_filter> out;
        out.reserve(m_prog.size());
        auto resolve = [&](int target, std::size_t at) -> std::uint8_t {
            if (target >= 0)
                return std::uint8_t(target);
            for (const auto &[l, position] : m_labels)
                if (l == target)
                    return std::uint8_t(position - at - 1);
            return 0;
        };
        for (std::size_t i = 0; i < m_prog.size(); ++i) {
            const Insn &in = m_prog[i];
            const bool conditional = BPF_CLASS(in.code) == BPF_JMP;
            out.push_back(sock_filter{in.code, conditional ? resolve(in.jt, i) : std::uint8_t(0),
                                      conditional ? resolve(in.jf, i) : std::uint8_t(0), in.k});
        }
        return out;
    }

private:
    struct Insn
    {
        std::uint16_t code;
        int jt, jf; // >= 0: a relative offset already; < 0: a Label
        std::uint32_t k;
    };
    std::vector<Insn> m_prog;
    std::vector<std::pair<int, std::size_t>> m_labels;
};

// ARP, and IPv4 UDP from port 68 to 67 that is not a fragment, untagged or with one 802.1Q tag in the
// frame (a tag the NIC strips arrives in PACKET_AUXDATA instead, and the filter sees the untagged frame).
std::vector<sock_filter> arpDhcpFilter()
{
    using B = BpfBuilder;
    B b;
    auto ipChecks = [&](std::uint32_t o) { // o: the offset of the IPv4 header
        b.stmt(BPF_LD | BPF_B | BPF_ABS, o + 9);
        b.jump(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, B::Reject);
        b.stmt(BPF_LD | BPF_H | BPF_ABS, o + 6);
        b.jump(BPF_JMP | BPF_JSET | BPF_K, 0x3fff, B::Reject, 0);
        b.stmt(BPF_LDX | BPF_B | BPF_MSH, o);
        b.stmt(BPF_LD | BPF_H | BPF_IND, o);
        b.jump(BPF_JMP | BPF_JEQ | BPF_K, 68, 0, B::Reject);
        b.stmt(BPF_LD | BPF_H | BPF_IND, o + 2);
        b.jump(BPF_JMP | BPF_JEQ | BPF_K, 67, B::Accept, B::Reject);
    };
    b.stmt(BPF_LD | BPF_H | BPF_ABS, 12);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_ARP, B::Accept, 0);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, B::Ip0, 0);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_8021Q, B::Vlan, B::Reject);
    b.label(B::Vlan);
    b.stmt(BPF_LD | BPF_H | BPF_ABS, 16);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_ARP, B::Accept, 0);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, B::Ip4, B::Reject);
    b.label(B::Ip0);
    ipChecks(14);
    b.label(B::Ip4);
    ipChecks(18);
    b.label(B::Accept);
    b.stmt(BPF_RET | BPF_K, 0x40000);
    b.label(B::Reject);
    b.stmt(BPF_RET | BPF_K, 0);
    return b.build();
}

// ARP replies (EtherType 0x0806, opcode 2): the sweep's own broadcast requests, which a packet socket
// also sees, never wake it up. The EtherType is checked too, so a socket rebound to ETH_P_ALL by whoever
// holds it still hears nothing but ARP replies.
std::vector<sock_filter> arpReplyFilter()
{
    using B = BpfBuilder;
    B b;
    b.stmt(BPF_LD | BPF_H | BPF_ABS, 12);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_ARP, 0, B::Reject);
    b.stmt(BPF_LD | BPF_H | BPF_ABS, 20);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, 2, B::Accept, B::Reject);
    b.label(B::Accept);
    b.stmt(BPF_RET | BPF_K, 0xffff);
    b.label(B::Reject);
    b.stmt(BPF_RET | BPF_K, 0);
    return b.build();
}

int attachAndLock(int fd, const std::vector<sock_filter> &code, int *err, const char **step)
{
    const sock_fprog program{static_cast<unsigned short>(code.size()), const_cast<sock_filter *>(code.data())};
    const int one = 1;
    if (::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof(program)) != 0) {
        *step = "SO_ATTACH_FILTER";
    } else if (::setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &one, sizeof(one)) != 0) {
        *step = "SO_LOCK_FILTER";
    } else {
        return fd;
    }
    *err = errno;
    ::close(fd);
    return -1;
}

bool capabilities(__user_cap_data_struct (&data)[2])
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    return ::syscall(SYS_capget, &header, data) == 0;
}

bool setCapabilities(__user_cap_data_struct (&data)[2])
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    return ::syscall(SYS_capset, &header, data) == 0;
}

constexpr std::uint32_t NetRawBit = 1u << CAP_NET_RAW; // CAP_NET_RAW (13) is in the first word

} // namespace

std::vector<sock_filter> packetFilterCode(PacketFilter filter)
{
    return filter == PacketFilter::ArpReply ? arpReplyFilter() : arpDhcpFilter();
}

std::vector<sock_filter> icmpEchoReplyFilterCode()
{
    // A raw IPv4 socket's filter sees the IP header first: protocol 1, then the ICMP type after the header.
    using B = BpfBuilder;
    B b;
    b.stmt(BPF_LD | BPF_B | BPF_ABS, 9);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_ICMP, 0, B::Reject);
    b.stmt(BPF_LDX | BPF_B | BPF_MSH, 0);
    b.stmt(BPF_LD | BPF_B | BPF_IND, 0);
    b.jump(BPF_JMP | BPF_JEQ | BPF_K, ICMP_ECHOREPLY, B::Accept, B::Reject);
    b.label(B::Accept);
    b.stmt(BPF_RET | BPF_K, 0xffff);
    b.label(B::Reject);
    b.stmt(BPF_RET | BPF_K, 0);
    return b.build();
}

int openFilteredPacketSocket(int ifindex, PacketFilter filter, int *err, const char **step)
{
    // Protocol 0: the socket receives nothing until bind(), so no frame is queued before the filter is on.
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *err = errno;
        *step = "socket(AF_PACKET)";
        return -1;
    }
    if (attachAndLock(fd, packetFilterCode(filter), err, step) < 0)
        return -1;
    sockaddr_ll address{};
    address.sll_family = AF_PACKET;
    address.sll_protocol = htons(filter == PacketFilter::ArpReply ? ETH_P_ARP : ETH_P_ALL);
    address.sll_ifindex = ifindex;
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0) {
        *err = errno;
        *step = "bind(AF_PACKET)";
        ::close(fd);
        return -1;
    }
    return fd;
}

int openFilteredIcmpSocket(int *err, const char **step)
{
    const int fd = ::socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0) {
        *err = errno;
        *step = "socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)";
        return -1;
    }
    icmp_filter icmpFilter{~(1u << ICMP_ECHOREPLY)};
    ::setsockopt(fd, SOL_RAW, ICMP_FILTER, &icmpFilter, sizeof(icmpFilter)); // cheap first cut; BPF is the lock
    return attachAndLock(fd, icmpEchoReplyFilterCode(), err, step);
}

bool threadHasNetRaw(bool effective)
{
    __user_cap_data_struct data[2]{};
    return capabilities(data) && ((effective ? data[0].effective : data[0].permitted) & NetRawBit);
}

bool raiseNetRaw()
{
    __user_cap_data_struct data[2]{};
    if (!capabilities(data) || !(data[0].permitted & NetRawBit) || (data[0].effective & NetRawBit))
        return false;
    data[0].effective |= NetRawBit;
    return setCapabilities(data);
}

void lowerNetRaw()
{
    __user_cap_data_struct data[2]{};
    if (capabilities(data) && (data[0].effective & NetRawBit)) {
        data[0].effective &= ~NetRawBit;
        setCapabilities(data);
    }
}

} // namespace lanwatch::net
