// Shared pieces of lanwatch-cli's sub-commands.
#include "cli/CliCommon.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace lanwatch::cli {

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

QString commandHelp(const QString &helpText, const QString &command)
{
    QString text = helpText;
    const QString program = QCoreApplication::arguments().value(0);
    const QString usage = QStringLiteral("Usage: ");
    if (text.startsWith(usage + program))
        text.replace(usage.size(), program.size(), QStringLiteral("lanwatch-cli ") + command);
    return text;
}

void printErr(const QString &text)
{
    const QByteArray bytes = QStringLiteral("lanwatch-cli: %1\n").arg(text).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

namespace {
int g_signalPipe[2] = {-1, -1};
void writeSignalByte(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t r = ::write(g_signalPipe[1], &c, 1);
}
} // namespace

void onInterrupt(QObject *context, std::function<void()> handler)
{
    if (g_signalPipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return; // no pipe: the default action (terminate) stays, which is still a clean exit for the kernel
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [handler] {
        char c;
        [[maybe_unused]] const ssize_t r = ::read(g_signalPipe[0], &c, 1);
        handler();
    });
    struct sigaction sa = {};
    sa.sa_handler = writeSignalByte;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

} // namespace lanwatch::cli
