// Raw sockets for the sweep and the passive listener: opened directly with CAP_NET_RAW, else by lanwatch-netcap.
#include "core/net/RawSockets.h"
#include "core/ErrnoText.h"
#include "core/net/NetcapProtocol.h"

#include <QByteArray>
#include <QFileInfo>
#include <QMutex>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lanwatch::net {

namespace {

QMutex pathMutex;
QString pathOverride;
bool pathOverridden = false;

void closeAll(std::vector<int> &fds)
{
    for (int fd : fds)
        if (fd >= 0)
            ::close(fd);
    fds.clear();
}

RawSockets failed(RawSockets out, QString error, bool permission)
{
    closeAll(out.packetFds);
    if (out.icmpFd >= 0)
        ::close(out.icmpFd);
    out.packetFds.clear();
    out.icmpFd = -1;
    out.error = std::move(error);
    out.permission = permission;
    return out;
}

RawSockets openDirectly(const RawRequest &request)
{
    RawSockets out;
    const bool raised = raiseNetRaw(); // permitted but not effective: the CLI after it dropped privileges
    auto lower = [raised] {
        if (raised)
            lowerNetRaw();
    };
    for (const RawRequest::Packet &p : request.packet) {
        const int ifindex = int(::if_nametoindex(p.interfaceName.toLocal8Bit().constData()));
        if (ifindex == 0) {
            lower();
            return failed(std::move(out), QStringLiteral("%1: no such interface").arg(p.interfaceName), false);
        }
        int err = 0;
        const char *step = "";
        const int fd = openFilteredPacketSocket(ifindex, p.filter, &err, &step);
        if (fd < 0) {
            lower();
            return failed(std::move(out),
                          QStringLiteral("%1: %2: %3").arg(p.interfaceName, QLatin1String(step), errnoText(err)),
                          err == EPERM || err == EACCES);
        }
        out.packetFds.push_back(fd);
    }
    if (request.icmp) {
        int err = 0;
        const char *step = "";
        out.icmpFd = openFilteredIcmpSocket(&err, &step);
        if (out.icmpFd < 0) {
            lower();
            return failed(std::move(out), QStringLiteral("%1: %2").arg(QLatin1String(step), errnoText(err)),
                          err == EPERM || err == EACCES);
        }
    }
    lower();
    return out;
}

QByteArray requestText(const RawRequest &request)
{
    QByteArray text = QByteArray(netcap::Greeting) + '\n';
    for (const RawRequest::Packet &p : request.packet)
        text +=
            (p.filter == PacketFilter::ArpReply ? "arp-reply " : "arp-dhcp ") + p.interfaceName.toLocal8Bit() + '\n';
    if (request.icmp)
        text += "icmp\n";
    return text;
}

} // namespace

QString netcapHelperPath()
{
    {
        const QMutexLocker lock(&pathMutex);
        if (pathOverridden)
            return pathOverride;
    }
    // Next to the running binary (the build tree, a copied bundle), then where `cmake --install` puts it.
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    const QString beside = QFileInfo(self).absolutePath() + QLatin1Char('/') + QLatin1String(netcap::HelperName);
    const QString installed = QStringLiteral(LANWATCH_LIBEXECDIR "/") + QLatin1String(netcap::HelperName);
    for (const QString &candidate : {beside, installed}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return candidate;
    }
    return {};
}

void setNetcapHelperPath(const QString &path)
{
    const QMutexLocker lock(&pathMutex);
    pathOverride = path;
    pathOverridden = !path.isEmpty();
}

HelperExchange exchangeWithHelper(const QString &helper, const QByteArray &request, int timeoutMs)
{
    HelperExchange out;
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
        out.answer = QStringLiteral("socketpair: ") + errnoText(errno);
        return out;
    }
    // The helper's standard input is its end of the pair; it gets no environment and no output of ours.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pair[1], 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const QByteArray program = helper.toLocal8Bit();
    char *argv[] = {const_cast<char *>(program.constData()), nullptr};
    char *envp[] = {nullptr};
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, program.constData(), &actions, nullptr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pair[1]);
    if (spawned != 0) {
        ::close(pair[0]);
        out.answer = QStringLiteral("cannot run %1: %2").arg(helper, errnoText(spawned));
        return out;
    }
    ::send(pair[0], request.constData(), std::size_t(request.size()), MSG_NOSIGNAL);

    pollfd p{pair[0], POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) == 1) {
        char text[512];
        iovec iov{text, sizeof(text) - 1};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 253)];
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof(control);
        const ssize_t n = ::recvmsg(pair[0], &msg, MSG_CMSG_CLOEXEC);
        if (n > 0)
            out.answer = QString::fromLatin1(text, int(n)).trimmed();
        if (n >= 0)
            for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
                    const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
                    for (std::size_t i = 0; i < count; ++i) {
                        int fd = -1;
                        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
                        out.fds.push_back(fd);
                    }
                }
    } else {
        ::kill(pid, SIGKILL); // our own child, by its pid
        out.answer = QStringLiteral("%1 did not answer within %2 ms").arg(helper).arg(timeoutMs);
    }
    ::close(pair[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    out.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

RawSockets openRawSockets(const RawRequest &request)
{
    RawSockets direct = openDirectly(request);
    if (direct.error.isEmpty() || !direct.permission)
        return direct;
    const QString helper = netcapHelperPath();
    if (helper.isEmpty())
        return direct;

    HelperExchange exchange = exchangeWithHelper(helper, requestText(request));
    const std::size_t expected = request.packet.size() + (request.icmp ? 1 : 0);
    RawSockets out;
    out.fromHelper = true;
    if (exchange.exitCode != netcap::ExitOk || exchange.fds.size() != expected ||
        exchange.answer != QStringLiteral("ok %1").arg(expected)) {
        closeAll(exchange.fds);
        QString why = exchange.answer;
        if (why.startsWith(QLatin1String("error: ")))
            why = why.mid(7);
        // The helper that cannot open a socket either is the one that lacks the capability.
        return failed(std::move(out), QStringLiteral("%1: %2").arg(helper, why),
                      exchange.exitCode == netcap::ExitFailed);
    }
    out.packetFds.assign(exchange.fds.begin(), exchange.fds.begin() + qsizetype(request.packet.size()));
    if (request.icmp)
        out.icmpFd = exchange.fds.back();
    return out;
}

bool rawSocketsAvailable()
{
    RawRequest probe;
    probe.icmp = true;
    RawSockets sockets = openRawSockets(probe);
    if (sockets.icmpFd < 0)
        return false;
    ::close(sockets.icmpFd);
    return true;
}

} // namespace lanwatch::net
