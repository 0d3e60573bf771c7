// lanwatch-cli wake: parse MAC and options (its own QCommandLineParser), send through core's wakeOnLan().
#include "cli/WakeCommand.h"

#include "cli/CliCommon.h"
#include "core/scan/TargetSet.h"
#include "core/scan/WakeOnLan.h"

#include <QCommandLineParser>

namespace lanwatch::cli {

int runWakeCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Wake a device with Wake-on-LAN: one magic packet (6 x ff, then the MAC 16 times) as UDP to port 9 on\n"
        "the subnet's broadcast address. The device must have Wake-on-LAN enabled (firmware and NIC).\n"
        "\n"
        "Exit status: 0 sent (whether the device wakes cannot be known from here), 1 could not send,\n"
        "2 bad arguments."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption interface(
        QStringLiteral("interface"),
        QStringLiteral("Send from this interface, to its subnet's broadcast address (default: the first up one)."),
        QStringLiteral("IF"));
    const QCommandLineOption ip(QStringLiteral("ip"),
                                QStringLiteral("Send to this broadcast (or unicast) address instead."),
                                QStringLiteral("BROADCAST"));
    parser.addOptions({interface, ip, help});
    parser.addPositionalArgument(QStringLiteral("MAC"), QStringLiteral("The device's MAC address, aa:bb:cc:dd:ee:ff."));
    if (!parser.parse(QStringList{QStringLiteral("lanwatch-cli wake")} + args)) {
        printErr(QStringLiteral("%1; see 'lanwatch-cli wake --help'.").arg(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        printOut(commandHelp(parser.helpText(), QStringLiteral("wake")));
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("wake takes one MAC address; see 'lanwatch-cli wake --help'."));
        return ExitUsage;
    }
    scan::WakeRequest request;
    const auto mac = scan::macFromString(parser.positionalArguments().constFirst());
    if (!mac) {
        printErr(QStringLiteral("'%1' is not a MAC address (aa:bb:cc:dd:ee:ff).")
                     .arg(parser.positionalArguments().constFirst()));
        return ExitUsage;
    }
    request.mac = *mac;
    request.interfaceName = parser.value(interface);
    if (parser.isSet(ip)) {
        request.broadcast = scan::ipv4FromString(parser.value(ip));
        if (!request.broadcast) {
            printErr(QStringLiteral("--ip must be an IPv4 address, not '%1'.").arg(parser.value(ip)));
            return ExitUsage;
        }
    }
    const auto sent = scan::wakeOnLan(request);
    if (!sent.ok()) {
        printErr(sent.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("magic packet for %1 sent to %2\n").arg(scan::macToString(*mac), sent.value()));
    return ExitOk;
}

} // namespace lanwatch::cli
