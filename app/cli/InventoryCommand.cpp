// lanwatch-cli devices / events: the inventory as a table, CSV or JSON; user edits of one device.
#include "cli/InventoryCommand.h"

#include "cli/CliCommon.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/InventoryJson.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>
#include <QRegularExpression>

#include <algorithm>

namespace lanwatch::cli {

using namespace lanwatch::monitor;

namespace {

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QString localTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

QString ipList(const QList<quint32> &ips)
{
    QStringList list;
    for (quint32 ip : ips)
        list.append(ipToString(ip));
    return list.join(QLatin1Char(' '));
}

QString csvField(const QString &text)
{
    if (!text.contains(QRegularExpression(QStringLiteral("[\",\\r\\n]"))))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

// Parses args; returns ExitOk, -1 after --help was printed, or ExitUsage after printing why.
int parseArgs(QCommandLineParser &parser, const QString &command, const QStringList &args)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("InventoryCommand", "Show this help."));
    parser.addOption(help);
    if (!parser.parse(QStringList{QStringLiteral("lanwatch-cli ") + command} + args)) {
        printErr(QCoreApplication::translate("InventoryCommand", "%1; see 'lanwatch-cli %2 --help'.")
                     .arg(parser.errorText(), command));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        printOut(commandHelp(parser.helpText(), command));
        return -1;
    }
    return ExitOk;
}

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QCoreApplication::translate("InventoryCommand", "The device inventory (default: %1).")
                                  .arg(DeviceStore::defaultPath()),
                              QStringLiteral("PATH"));
}

int runDevicesSet(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "InventoryCommand",
        "Edit one device of the inventory: its name, notes, whether it is known, whether to watch it.\n"
        "\n"
        "Exit status: 0 changed, 1 no such device or the inventory could not be written, 2 bad arguments."));
    const QCommandLineOption name(
        QStringLiteral("name"),
        QCoreApplication::translate("InventoryCommand", "Show the device as N (empty: its seen name)."),
        QStringLiteral("N"));
    const QCommandLineOption notes(
        QStringLiteral("notes"), QCoreApplication::translate("InventoryCommand", "Replace the device's notes with T."),
        QStringLiteral("T"));
    const QCommandLineOption known(
        QStringLiteral("known"),
        QCoreApplication::translate("InventoryCommand", "Mark the device as known (not new)."));
    const QCommandLineOption unknown(QStringLiteral("unknown"),
                                     QCoreApplication::translate("InventoryCommand", "Mark the device as not known."));
    const QCommandLineOption watchOn(
        QStringLiteral("watch"),
        QCoreApplication::translate("InventoryCommand", "Report when the device goes offline or comes back."));
    const QCommandLineOption watchOff(
        QStringLiteral("no-watch"),
        QCoreApplication::translate("InventoryCommand", "Stop reporting the device's offline/online."));
    const QCommandLineOption db = dbOption();
    parser.addOptions({name, notes, known, unknown, watchOn, watchOff, db});
    parser.addPositionalArgument(
        QStringLiteral("MAC"),
        QCoreApplication::translate("InventoryCommand", "The device's MAC address (or one merged into it)."));
    if (const int rc = parseArgs(parser, QStringLiteral("devices set"), args); rc != ExitOk)
        return rc < 0 ? ExitOk : rc;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printErr(QCoreApplication::translate("InventoryCommand",
                                             "give exactly one MAC address; see 'lanwatch-cli devices set --help'."));
        return ExitUsage;
    }
    const QString mac = normalizedMac(positional.first());
    if (mac.isEmpty()) {
        printErr(QCoreApplication::translate("InventoryCommand", "'%1' is not a MAC address (aa:bb:cc:dd:ee:ff).")
                     .arg(positional.first()));
        return ExitUsage;
    }
    if ((parser.isSet(known) && parser.isSet(unknown)) || (parser.isSet(watchOn) && parser.isSet(watchOff))) {
        printErr(QCoreApplication::translate(
            "InventoryCommand", "--known and --unknown (or --watch and --no-watch) contradict each other; give one."));
        return ExitUsage;
    }
    if (!parser.isSet(name) && !parser.isSet(notes) && !parser.isSet(known) && !parser.isSet(unknown) &&
        !parser.isSet(watchOn) && !parser.isSet(watchOff)) {
        printErr(QCoreApplication::translate(
            "InventoryCommand", "nothing to change: give --name, --notes, --known/--unknown or --watch/--no-watch."));
        return ExitUsage;
    }
    int rc = ExitOk;
    const auto store = openInventory(parser.value(db), true, &rc);
    if (!store)
        return rc;
    const auto device = store->deviceByMac(mac);
    if (!device) {
        printErr(device.error());
        return ExitFailure;
    }
    if (!device.value()) {
        printErr(
            QCoreApplication::translate("InventoryCommand", "no device with MAC %1 in %2.").arg(mac, store->path()));
        return ExitFailure;
    }
    const DeviceId id = device.value()->id;
    QList<Result<void>> results;
    if (parser.isSet(name))
        results.append(store->setCustomName(id, parser.value(name)));
    if (parser.isSet(notes))
        results.append(store->setNotes(id, parser.value(notes)));
    if (parser.isSet(known) || parser.isSet(unknown))
        results.append(store->setKnown(id, parser.isSet(known)));
    if (parser.isSet(watchOn) || parser.isSet(watchOff))
        results.append(store->setWatch(id, parser.isSet(watchOn)));
    for (const Result<void> &r : results)
        if (!r) {
            printErr(r.error());
            return ExitFailure;
        }
    const auto after = store->device(id);
    printOut(QCoreApplication::translate("InventoryCommand", "Updated %1 (%2).\n")
                 .arg(after && after.value() ? after.value()->displayName() : mac, mac));
    return ExitOk;
}

} // namespace

std::unique_ptr<DeviceStore> openInventory(const QString &path, bool mustExist, int *exitCode)
{
    const QString file = path.isEmpty() ? DeviceStore::defaultPath() : path;
    if (mustExist && !QFileInfo::exists(file)) {
        printErr(QCoreApplication::translate(
                     "InventoryCommand",
                     "no device inventory at %1 yet; 'lanwatch-cli monitor' (or the lanwatch window) creates it.")
                     .arg(file));
        *exitCode = ExitFailure;
        return nullptr;
    }
    auto store = DeviceStore::open(file);
    if (!store) {
        printErr(store.error());
        *exitCode = ExitFailure;
        return nullptr;
    }
    if (!store.value()->notice().isEmpty())
        printErr(store.value()->notice());
    return std::move(store).value();
}

QString eventText(const Event &e)
{
    return QStringLiteral("%1 %2").arg(localTime(e.time), e.describe());
}

QString eventJsonLine(const Event &e, bool firstSweep)
{
    return QString::fromUtf8(QJsonDocument(monitor::eventJson(e, firstSweep)).toJson(QJsonDocument::Compact));
}

namespace {

// GET URL/api/v1/devices from a lanwatch-agent. Errors start with "bad " when the user's input is at fault.
Result<QList<Device>> fetchAgentDevices(const QString &base, const QString &tokenPath)
{
    using R = Result<QList<Device>>;
    QUrl url(base.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return R::failure(QStringLiteral("bad --agent '%1': give the agent's address, e.g. http://nas:9617").arg(base));
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/api/v1/devices"));
    QByteArray token;
    if (!tokenPath.isEmpty()) {
        QFile f(tokenPath);
        if (!f.open(QIODevice::ReadOnly))
            return R::failure(QStringLiteral("bad --token-file: cannot read %1: %2").arg(tokenPath, f.errorString()));
        token = f.read(4097).trimmed();
        if (token.isEmpty() || token.size() > 4096)
            return R::failure(QStringLiteral("bad --token-file: %1 must hold one token").arg(tokenPath));
    }
    QNetworkAccessManager net;
    QNetworkRequest request(url);
    request.setTransferTimeout(15000);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = net.get(request);
    // The CLI's event loop runs only for this request; a huge answer is cut off rather than held in memory.
    constexpr qint64 MaxBytes = 256LL << 20;
    QByteArray body;
    bool tooBig = false;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        body += reply->readAll();
        if (body.size() > MaxBytes) {
            tooBig = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    body += reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = url.toDisplayString(QUrl::RemoveUserInfo); // reply is deleted with net
    if (tooBig)
        return R::failure(QStringLiteral("%1 answered more than 256 MiB: not a lanwatch-agent?").arg(where));
    if (status == 401)
        return R::failure(QStringLiteral("%1 refused the request (401): give the agent's token with --token-file F")
                              .arg(where));
    if (reply->error() != QNetworkReply::NoError && status == 0)
        return R::failure(QStringLiteral("cannot read %1: %2").arg(where, reply->errorString()));
    if (status != 200)
        return R::failure(QStringLiteral("%1 answered HTTP %2").arg(where).arg(status));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return R::failure(QStringLiteral("%1 did not answer a JSON array of devices: not a lanwatch-agent?").arg(where));
    QList<Device> devices;
    for (const QJsonValue &v : doc.array())
        devices.append(deviceFromJson(v.toObject()));
    return devices;
}

} // namespace

// Joins two devices that are one (a phone's old and new private MAC, a laptop's Wi-Fi and Ethernet).
int runDevicesMerge(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "InventoryCommand",
        "Merge the device OTHER into KEEP: OTHER's MAC addresses become aliases of KEEP (a lookup by them "
        "finds KEEP), and its names, IPs, presence, round-trip times and events join KEEP's history.\n"
        "\n"
        "Exit status: 0 merged, 1 no such device or the inventory could not be written, 2 bad arguments."));
    const QCommandLineOption db = dbOption();
    parser.addOption(db);
    parser.addPositionalArgument(QStringLiteral("KEEP"),
                                 QCoreApplication::translate("InventoryCommand", "The MAC of the device to keep."));
    parser.addPositionalArgument(QStringLiteral("OTHER"),
                                 QCoreApplication::translate("InventoryCommand", "The MAC of the device merged into it."));
    if (const int rc = parseArgs(parser, QStringLiteral("devices merge"), args); rc != ExitOk)
        return rc < 0 ? ExitOk : rc;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        printErr(QCoreApplication::translate("InventoryCommand",
                                             "give two MAC addresses, KEEP and OTHER; see 'lanwatch-cli devices merge "
                                             "--help'."));
        return ExitUsage;
    }
    QList<QString> macs;
    for (const QString &text : positional) {
        const QString mac = normalizedMac(text);
        if (mac.isEmpty()) {
            printErr(QCoreApplication::translate("InventoryCommand", "'%1' is not a MAC address (aa:bb:cc:dd:ee:ff).")
                         .arg(text));
            return ExitUsage;
        }
        macs << mac;
    }
    int rc = ExitOk;
    const auto store = openInventory(parser.value(db), true, &rc);
    if (!store)
        return rc;
    QList<DeviceId> ids;
    for (const QString &mac : macs) {
        const auto device = store->deviceByMac(mac);
        if (!device) {
            printErr(device.error());
            return ExitFailure;
        }
        if (!device.value()) {
            printErr(QCoreApplication::translate("InventoryCommand", "no device with MAC %1 in %2.")
                         .arg(mac, store->path()));
            return ExitFailure;
        }
        ids << device.value()->id;
    }
    if (const auto merged = store->mergeDevices(ids.at(0), ids.at(1)); !merged) {
        printErr(merged.error());
        return ExitFailure;
    }
    printOut(QCoreApplication::translate("InventoryCommand", "Merged %1 into %2.\n").arg(macs.at(1), macs.at(0)));
    return ExitOk;
}

int runDevicesCommand(const QStringList &args)
{
    if (!args.isEmpty() && args.first() == QLatin1String("merge"))
        return runDevicesMerge(args.mid(1));
    if (!args.isEmpty() && args.first() == QLatin1String("set"))
        return runDevicesSet(args.mid(1));
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "InventoryCommand",
        "List every device of the inventory: name, IPs, MAC, vendor, online or offline, known or new, last seen.\n"
        "'lanwatch-cli devices set MAC ...' edits one (see 'lanwatch-cli devices set --help');\n"
        "'lanwatch-cli devices merge KEEP OTHER' joins two devices that are one.\n"
        "\n"
        "Exit status: 0 ok, 1 the inventory could not be read, 2 bad arguments."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("InventoryCommand", "Print a JSON array of devices."));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 QCoreApplication::translate("InventoryCommand", "Print CSV with a header line."));
    const QCommandLineOption db = dbOption();
    // English only, like the agent it talks to (the CLI's other strings predate that rule).
    const QCommandLineOption agent(
        QStringLiteral("agent"),
        QStringLiteral("Read the inventory of a lanwatch-agent (its /api/v1/devices), e.g. http://nas:9617."),
        QStringLiteral("URL"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("With --agent: the bearer token the agent asks for, from FILE."),
                                       QStringLiteral("FILE"));
    parser.addOptions({json, csv, db, agent, tokenFile});
    if (const int rc = parseArgs(parser, QStringLiteral("devices"), args); rc != ExitOk)
        return rc < 0 ? ExitOk : rc;
    if (parser.isSet(json) && parser.isSet(csv)) {
        printErr(QCoreApplication::translate("InventoryCommand", "give --json or --csv, not both."));
        return ExitUsage;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QCoreApplication::translate("InventoryCommand",
                                             "unexpected argument '%1'; see 'lanwatch-cli devices --help'.")
                     .arg(parser.positionalArguments().first()));
        return ExitUsage;
    }
    if (parser.isSet(agent) && parser.isSet(db)) {
        printErr(QStringLiteral("give --agent or --db, not both."));
        return ExitUsage;
    }
    if (parser.isSet(tokenFile) && !parser.isSet(agent)) {
        printErr(QStringLiteral("--token-file goes with --agent URL."));
        return ExitUsage;
    }
    Result<QList<Device>> devices = QList<Device>();
    std::unique_ptr<DeviceStore> store;
    if (parser.isSet(agent)) {
        devices = fetchAgentDevices(parser.value(agent), parser.value(tokenFile));
        if (!devices) {
            printErr(devices.error());
            return devices.error().startsWith(QLatin1String("bad ")) ? ExitUsage : ExitFailure;
        }
    } else {
        int rc = ExitOk;
        store = openInventory(parser.value(db), true, &rc);
        if (!store)
            return rc;
        devices = store->devices();
        if (!devices) {
            printErr(devices.error());
            return ExitFailure;
        }
    }
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const Device &d : devices.value())
            list.append(deviceJson(d));
        printOut(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    if (parser.isSet(csv)) {
        QString out = QStringLiteral("name,ips,mac,vendor,online,known,watch,first_seen,last_seen,notes\n");
        for (const Device &d : devices.value())
            out += QStringList{csvField(d.displayName()),
                               csvField(ipList(d.ips)),
                               csvField(d.mac),
                               csvField(d.vendor),
                               d.online ? QStringLiteral("1") : QStringLiteral("0"),
                               d.known ? QStringLiteral("1") : QStringLiteral("0"),
                               d.watch ? QStringLiteral("1") : QStringLiteral("0"),
                               isoUtc(d.firstSeen),
                               isoUtc(d.lastSeen),
                               csvField(d.notes)}
                       .join(QLatin1Char(',')) +
                   QLatin1Char('\n');
        printOut(out);
        return ExitOk;
    }
    QList<QStringList> rows{{QCoreApplication::translate("InventoryCommand", "NAME"),
                             QCoreApplication::translate("InventoryCommand", "IP"),
                             QCoreApplication::translate("InventoryCommand", "MAC"),
                             QCoreApplication::translate("InventoryCommand", "VENDOR"),
                             QCoreApplication::translate("InventoryCommand", "STATE"),
                             QCoreApplication::translate("InventoryCommand", "KNOWN"),
                             QCoreApplication::translate("InventoryCommand", "LAST SEEN")}};
    for (const Device &d : devices.value())
        rows.append({d.displayName(), d.ips.isEmpty() ? QStringLiteral("-") : ipList(d.ips),
                     d.mac.isEmpty() ? QStringLiteral("-") : d.mac, d.vendor.isEmpty() ? QStringLiteral("-") : d.vendor,
                     d.online ? QCoreApplication::translate("InventoryCommand", "online")
                              : QCoreApplication::translate("InventoryCommand", "offline"),
                     d.known ? QCoreApplication::translate("InventoryCommand", "known")
                             : QCoreApplication::translate("InventoryCommand", "new"),
                     localTime(d.lastSeen)});
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : std::as_const(rows))
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    QString out;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        out += line + QLatin1Char('\n');
    }
    out += QCoreApplication::translate("InventoryCommand", "%n device(s)\n", nullptr, int(devices->size()));
    printOut(out);
    return ExitOk;
}

int runEventsCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "InventoryCommand",
        "Print the inventory's events, oldest first: new devices, offline/online, IP changes, duplicate IPs,\n"
        "possible ARP spoofing and name changes.\n"
        "\n"
        "Exit status: 0 ok, 1 the inventory could not be read, 2 bad arguments."));
    QStringList kinds;
    for (EventKind k : allEventKinds())
        kinds.append(eventKindName(k));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QCoreApplication::translate("InventoryCommand",
                                    "Only events from TIME on: 2026-03-01T12:00:00Z, 2026-03-01 12:00 (local), "
                                    "2026-03-01, or an age such as 30m, 2h, 7d."),
        QStringLiteral("TIME"));
    const QCommandLineOption kind(QStringLiteral("kind"),
                                  QCoreApplication::translate("InventoryCommand", "Only events of kind K: %1.")
                                      .arg(kinds.join(QStringLiteral(", "))),
                                  QStringLiteral("K"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("InventoryCommand", "Print one JSON object per line."));
    const QCommandLineOption db = dbOption();
    parser.addOptions({since, kind, json, db});
    if (const int rc = parseArgs(parser, QStringLiteral("events"), args); rc != ExitOk)
        return rc < 0 ? ExitOk : rc;
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QCoreApplication::translate("InventoryCommand",
                                             "unexpected argument '%1'; see 'lanwatch-cli events --help'.")
                     .arg(parser.positionalArguments().first()));
        return ExitUsage;
    }
    EventFilter filter;
    if (parser.isSet(since)) {
        const auto t = parseSince(parser.value(since));
        if (!t) {
            printErr(QCoreApplication::translate(
                         "InventoryCommand",
                         "--since must be a time such as 2026-03-01T12:00:00Z or an age such as 2h, not '%1'.")
                         .arg(parser.value(since)));
            return ExitUsage;
        }
        filter.since = *t;
    }
    if (parser.isSet(kind)) {
        const auto k = eventKindFromName(parser.value(kind));
        if (!k) {
            printErr(QCoreApplication::translate("InventoryCommand", "--kind must be one of %1, not '%2'.")
                         .arg(kinds.join(QStringLiteral(", ")), parser.value(kind)));
            return ExitUsage;
        }
        filter.kind = *k;
    }
    int rc = ExitOk;
    const auto store = openInventory(parser.value(db), true, &rc);
    if (!store)
        return rc;
    const auto events = store->events(filter);
    if (!events) {
        printErr(events.error());
        return ExitFailure;
    }
    QString out;
    for (auto it = events->crbegin(); it != events->crend(); ++it)
        out += (parser.isSet(json) ? eventJsonLine(*it) : eventText(*it)) + QLatin1Char('\n');
    printOut(out);
    return ExitOk;
}

} // namespace lanwatch::cli
