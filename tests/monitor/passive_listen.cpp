// lanwatch-passive-listen: runs a PassiveListener on the named interfaces and prints, one line each,
// its mode, its warnings and every announcement it posts, until stdin closes. The unprivileged lab test
// runs it without CAP_NET_RAW (setpriv), which a test binary cannot do to itself half-way.
#include "core/monitor/PassiveListener.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <cstdio>
#include <unistd.h>

using namespace lanwatch::monitor;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList interfaces = app.arguments().mid(1);
    PassiveListener listener;
    auto print = [](const QString &line) {
        std::fprintf(stdout, "%s\n", qPrintable(line));
        std::fflush(stdout);
    };
    QObject::connect(&listener, &PassiveListener::warning, &app,
                     [&](const QString &message) { print(QStringLiteral("warning ") + message); });
    QObject::connect(&listener, &PassiveListener::announced, &app, [&](const QList<Announcement> &batch) {
        for (const Announcement &a : batch) {
            const quint32 ip = a.ip;
            print(QStringLiteral("announce %1 %2 %3.%4.%5.%6 %7")
                      .arg(QLatin1String(announceKindName(a.kind)), lanwatch::scan::macToString(a.mac))
                      .arg(ip >> 24)
                      .arg((ip >> 16) & 0xff)
                      .arg((ip >> 8) & 0xff)
                      .arg(ip & 0xff)
                      .arg(a.hostName));
        }
    });
    const auto started = listener.start(interfaces);
    if (!started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error()));
        return 1;
    }
    print(QStringLiteral("mode ") +
          (listener.mode() == PassiveListener::Mode::Packet ? QStringLiteral("packet") : QStringLiteral("neighbour")));
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof(buffer)) <= 0)
            app.quit();
    });
    return app.exec();
}
