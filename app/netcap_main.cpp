// lanwatch-netcap: the only lanwatch binary that holds CAP_NET_RAW (setcap cap_net_raw+ep). It opens the
// raw sockets named in a request read from its standard input (a SOCK_SEQPACKET socket), hands them back
// with SCM_RIGHTS and exits. It runs on behalf of an unprivileged caller: it drops everything but
// CAP_NET_RAW before reading a byte, and refuses any request that is not exactly one of the few it knows
// (core/net/NetcapProtocol.h). No Qt: this file, core/net/RawOpen.cpp and the C library are all of it.
#include "core/net/NetcapProtocol.h"
#include "core/net/RawOpen.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <grp.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

using namespace lanwatch::net;

namespace {

constexpr int Channel = 0; // the caller's end of the socketpair is our standard input

struct Wanted
{
    bool icmp = false;
    PacketFilter filter = PacketFilter::ArpReply;
    std::string ifname;
    int ifindex = 0;
};

[[noreturn]] void finish(int code, const std::string &message)
{
    const std::string line = "error: " + message + "\n";
    ::send(Channel, line.data(), line.size(), MSG_NOSIGNAL);
    std::fprintf(stderr, "lanwatch-netcap: %s\n", message.c_str());
    ::_exit(code);
}

// Everything but CAP_NET_RAW goes, in every set, before the request is read; a setuid install gives up
// its user first. Nothing gained here survives an exec (no_new_privs; we never exec anyway).
bool dropPrivileges()
{
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (::geteuid() != uid || ::getegid() != gid) {
        ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
        ::setgroups(0, nullptr);
        if (::setresgid(gid, gid, gid) != 0 || ::setresuid(uid, uid, uid) != 0)
            return false;
    }
    for (int cap = 0; cap < 64; ++cap) // EPERM without CAP_SETPCAP, EINVAL beyond the kernel's last: both fine
        if (cap != CAP_NET_RAW)
            ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    const std::uint32_t keep = data[0].permitted & (1u << CAP_NET_RAW);
    data[0] = {keep, keep, 0};
    data[1] = {0, 0, 0};
    if (::syscall(SYS_capset, &header, data) != 0)
        return false;
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return false;
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); // the caller may not ptrace its way into what is left
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    return (data[0].permitted & ~keep) == 0 && data[0].inheritable == 0 && data[1].permitted == 0;
}

// An interface name as the kernel allows it, restricted further to the usual characters, that names an
// Ethernet interface present here.
bool checkInterface(const std::string &name, int *ifindex, std::string *why)
{
    if (name.empty() || name.size() >= IFNAMSIZ || name == "." || name == "..") {
        *why = "not an interface name";
        return false;
    }
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) {
            *why = "not an interface name";
            return false;
        }
    }
    *ifindex = int(::if_nametoindex(name.c_str()));
    if (*ifindex == 0) {
        *why = "no such interface";
        return false;
    }
    ifreq request{};
    std::memcpy(request.ifr_name, name.c_str(), name.size() + 1);
    const int probe = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const bool ethernet =
        probe >= 0 && ::ioctl(probe, SIOCGIFHWADDR, &request) == 0 && request.ifr_hwaddr.sa_family == ARPHRD_ETHER;
    if (probe >= 0)
        ::close(probe);
    if (!ethernet)
        *why = "not an Ethernet interface";
    return ethernet;
}

std::vector<Wanted> parse(std::string_view text)
{
    if (text.empty() || text.back() != '\n')
        finish(netcap::ExitRefused, "request refused: it must end with a newline");
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = text.find('\n', at);
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    if (lines.front() != netcap::Greeting)
        finish(netcap::ExitRefused,
               "request refused: it does not start with \"" + std::string(netcap::Greeting) + "\"");
    if (lines.size() < 2)
        finish(netcap::ExitRefused, "request refused: it asks for no socket");
    if (lines.size() - 1 > netcap::MaxSockets)
        finish(netcap::ExitRefused, "request refused: more than " + std::to_string(netcap::MaxSockets) + " sockets");
    std::vector<Wanted> wanted;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string line(lines[i]);
        const std::string where = "request refused: line " + std::to_string(i + 1);
        for (const char c : line)
            if (c < 0x20 || c > 0x7e)
                finish(netcap::ExitRefused, where + " holds a byte that is not printable ASCII");
        Wanted w;
        const std::size_t space = line.find(' ');
        const std::string word = line.substr(0, space);
        if (word == "icmp" && space == std::string::npos) {
            w.icmp = true;
        } else if ((word == "arp-reply" || word == "arp-dhcp") && space != std::string::npos) {
            w.filter = word == "arp-reply" ? PacketFilter::ArpReply : PacketFilter::ArpDhcp;
            w.ifname = line.substr(space + 1);
            std::string why;
            if (!checkInterface(w.ifname, &w.ifindex, &why))
                finish(netcap::ExitRefused, where + ": \"" + w.ifname.substr(0, 32) + "\": " + why);
        } else {
            finish(netcap::ExitRefused, where + " is not \"arp-reply IFNAME\", \"arp-dhcp IFNAME\" or \"icmp\"");
        }
        for (const Wanted &seen : wanted)
            if (seen.icmp == w.icmp && seen.filter == w.filter && seen.ifname == w.ifname)
                finish(netcap::ExitRefused, where + " repeats an earlier line");
        wanted.push_back(w);
    }
    return wanted;
}

} // namespace

int main(int argc, char *argv[])
{
    (void)argv;
    ::alarm(10); // a caller that never writes does not keep a privileged process around
    if (!dropPrivileges())
        finish(netcap::ExitFailed, std::string("cannot drop privileges: ") + std::strerror(errno));
    ::syscall(SYS_close_range, 3u, ~0u, 0u); // nothing inherited by accident stays open
    if (argc != 1)
        finish(netcap::ExitRefused, "takes no arguments; lanwatch runs it with a request on its standard input");
    int domain = 0, type = 0;
    socklen_t size = sizeof(int);
    const bool socketIn = ::getsockopt(Channel, SOL_SOCKET, SO_DOMAIN, &domain, &size) == 0 &&
                          ::getsockopt(Channel, SOL_SOCKET, SO_TYPE, &type, &size) == 0;
    if (!socketIn || domain != AF_UNIX || type != SOCK_SEQPACKET) {
        std::fprintf(stderr, "lanwatch-netcap: standard input is not a SOCK_SEQPACKET socket; lanwatch runs this "
                             "helper itself, it is not meant to be run by hand\n");
        return netcap::ExitRefused;
    }

    char buffer[netcap::MaxRequest + 1];
    const ssize_t n = ::recv(Channel, buffer, sizeof(buffer), MSG_TRUNC);
    if (n < 0)
        finish(netcap::ExitFailed, std::string("cannot read the request: ") + std::strerror(errno));
    if (std::size_t(n) > netcap::MaxRequest)
        finish(netcap::ExitRefused, "request refused: longer than " + std::to_string(netcap::MaxRequest) + " bytes");
    const std::vector<Wanted> wanted = parse(std::string_view(buffer, std::size_t(n)));

    std::vector<int> fds;
    for (const Wanted &w : wanted) {
        int err = 0;
        const char *step = "";
        const int fd =
            w.icmp ? openFilteredIcmpSocket(&err, &step) : openFilteredPacketSocket(w.ifindex, w.filter, &err, &step);
        if (fd < 0)
            finish(netcap::ExitFailed,
                   (w.icmp ? std::string("icmp") : w.ifname) + ": " + step + ": " + std::strerror(err));
        fds.push_back(fd);
    }
    const std::string answer = "ok " + std::to_string(fds.size()) + "\n";
    std::vector<char> control(CMSG_SPACE(sizeof(int) * fds.size()));
    iovec iov{const_cast<char *>(answer.data()), answer.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
    if (::sendmsg(Channel, &msg, MSG_NOSIGNAL) < 0)
        finish(netcap::ExitFailed, std::string("cannot hand the sockets over: ") + std::strerror(errno));
    return netcap::ExitOk;
}
