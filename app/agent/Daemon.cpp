// Daemon: pid file lock, double fork with a status pipe, and signal delivery through a self-pipe.
#include "agent/Daemon.h"

#include "core/ErrnoText.h"

#include <QFile>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lanwatch::agent {

namespace {
int g_statusFd = -1; // the daemon's end of the pipe to the waiting original process
int g_signalPipe[2] = {-1, -1};

void writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += n;
    }
}

void onSignal(int signal)
{
    const int saved = errno;
    const char c = char(signal);
    [[maybe_unused]] const ssize_t r = ::write(g_signalPipe[1], &c, 1);
    errno = saved;
}
} // namespace

Result<std::unique_ptr<PidFile>> PidFile::acquire(const QString &path)
{
    const QByteArray p = QFile::encodeName(path);
    const int fd = ::open(p.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return Result<std::unique_ptr<PidFile>>::failure(
            QStringLiteral("cannot open the pid file %1: %2").arg(path, errnoText(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        char buf[32] = {};
        const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
        ::close(fd);
        if (error == EWOULDBLOCK)
            return Result<std::unique_ptr<PidFile>>::failure(
                QStringLiteral("another lanwatch-agent (pid %1) is running with the pid file %2")
                    .arg(n > 0 ? QString::fromLatin1(buf).trimmed() : QStringLiteral("?"), path));
        return Result<std::unique_ptr<PidFile>>::failure(
            QStringLiteral("cannot lock the pid file %1: %2").arg(path, errnoText(error)));
    }
    return std::unique_ptr<PidFile>(new PidFile(path, fd));
}

PidFile::~PidFile()
{
    // Removed while still locked, so a new agent never finds our stale pid in a file it then locks.
    ::unlink(QFile::encodeName(m_path).constData());
    ::close(m_fd);
}

Result<void> PidFile::writePid()
{
    const QByteArray text = QByteArray::number(qint64(::getpid())) + '\n';
    if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, text.constData(), size_t(text.size()), 0) != text.size())
        return Result<void>::failure(QStringLiteral("cannot write the pid file %1: %2").arg(m_path, errnoText(errno)));
    return {};
}

Result<void> daemonize(const QString &logFile)
{
    int status[2];
    if (::pipe2(status, O_CLOEXEC) != 0)
        return Result<void>::failure(QStringLiteral("cannot create a pipe: %1").arg(errnoText(errno)));
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t first = ::fork();
    if (first < 0)
        return Result<void>::failure(QStringLiteral("cannot fork: %1").arg(errnoText(errno)));
    if (first > 0) {
        // The original process: wait for the daemon's word, then exit with it.
        ::close(status[1]);
        int childStatus = 0;
        ::waitpid(first, &childStatus, 0); // the intermediate child exits at once
        QByteArray message;
        char buf[512];
        ssize_t n;
        while ((n = ::read(status[0], buf, sizeof buf)) != 0) {
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                break;
            message.append(buf, n);
        }
        if (message == "ok")
            std::_Exit(0);
        const QByteArray text = message.isEmpty() ? QByteArrayLiteral("the daemon exited before it started") : message;
        std::fprintf(stderr, "lanwatch-agent: %s\n", text.constData());
        std::_Exit(1);
    }
    ::close(status[0]);
    if (::setsid() < 0)
        std::_Exit(1);
    const pid_t second = ::fork(); // not a session leader: it can never reacquire a terminal
    if (second < 0)
        std::_Exit(1);
    if (second > 0)
        std::_Exit(0);
    g_statusFd = status[1];
    if (::chdir("/") != 0)
        return Result<void>::failure(QStringLiteral("cannot change to /: %1").arg(errnoText(errno)));
    ::umask(027);
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const int log = logFile.isEmpty() ? null
                                      : ::open(QFile::encodeName(logFile).constData(),
                                               O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (null < 0 || log < 0)
        return Result<void>::failure(
            QStringLiteral("cannot open %1: %2")
                .arg(logFile.isEmpty() ? QStringLiteral("/dev/null") : logFile, errnoText(errno)));
    ::dup2(null, STDIN_FILENO);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    return {};
}

void reportStarted()
{
    if (g_statusFd < 0)
        return;
    writeAll(g_statusFd, QByteArrayLiteral("ok"));
    ::close(g_statusFd);
    g_statusFd = -1;
}

void reportFailed(const QString &message)
{
    if (g_statusFd < 0)
        return;
    writeAll(g_statusFd, message.toUtf8());
    ::close(g_statusFd);
    g_statusFd = -1;
}

void onSignals(QObject *context, std::function<void(int)> handler)
{
    if (g_signalPipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [handler] {
        char c;
        while (::read(g_signalPipe[0], &c, 1) == 1)
            handler(int(c));
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaction(s, &sa, nullptr);
}

} // namespace lanwatch::agent
