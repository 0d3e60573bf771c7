// lanwatch-agent: the monitor without a desktop, as a Prometheus target. Reads its config (or quick-start
// flags), checks all of it before anything starts, optionally detaches, then runs agent::Agent until SIGTERM.
#include "agent/Agent.h"
#include "agent/AgentConfig.h"
#include "agent/Daemon.h"

#include "core/Privileges.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <cstdio>

using namespace lanwatch;
using namespace lanwatch::agent;

namespace {

enum ExitCode : int {
    ExitOk = 0,      // stopped by SIGTERM/SIGINT
    ExitFailure = 1, // could not start: inventory, listen address, pid file held by another agent
    ExitUsage = 2,   // bad arguments or config; nothing was started
};

void printLine(FILE *stream, const QString &text)
{
    const QByteArray bytes = (QStringLiteral("lanwatch-agent: ") + text + QLatin1Char('\n')).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

struct Options
{
    QCommandLineOption config{
        QStringLiteral("config"),
        QStringLiteral("The config file (default: %1).").arg(QLatin1String(AgentDefaults::ConfigPath)),
        QStringLiteral("FILE")};
    QCommandLineOption watch{QStringLiteral("watch"),
                             QStringLiteral("Watch TARGET (a subnet, range or list; repeatable); replaces the file's "
                                            "watch lines."),
                             QStringLiteral("TARGET")};
    QCommandLineOption interval{QStringLiteral("interval"),
                                QStringLiteral("Sweep targets without their own interval every S seconds (default "
                                               "%1).")
                                    .arg(monitor::MonitorLimits::DefaultIntervalSeconds),
                                QStringLiteral("S")};
    QCommandLineOption grace{QStringLiteral("grace"),
                             QStringLiteral("Call a device offline after S seconds without an answer (default: "
                                            "automatic)."),
                             QStringLiteral("S")};
    QCommandLineOption db{QStringLiteral("db"), QStringLiteral("The device inventory (SQLite)."),
                          QStringLiteral("PATH")};
    QCommandLineOption listen{QStringLiteral("listen"),
                              QStringLiteral("Serve /metrics and /api/v1 on ADDR:PORT (default %1:%2).")
                                  .arg(QLatin1String(AgentDefaults::ListenAddress))
                                  .arg(AgentDefaults::ListenPort),
                              QStringLiteral("ADDR:PORT")};
    QCommandLineOption tokenFile{QStringLiteral("token-file"),
                                 QStringLiteral("Ask every client for the bearer token in FILE."),
                                 QStringLiteral("FILE")};
    QCommandLineOption noPassive{QStringLiteral("no-passive"),
                                 QStringLiteral("Do not listen for devices between sweeps.")};
    QCommandLineOption daemon{QStringLiteral("daemon"),
                              QStringLiteral("Detach from the terminal (double fork); exits 0 once the agent "
                                             "listens, 1 with the reason when it cannot start.")};
    QCommandLineOption pidFile{QStringLiteral("pidfile"),
                               QStringLiteral("Write the pid to FILE and hold it locked: a second agent with the "
                                              "same FILE refuses to start."),
                               QStringLiteral("FILE")};
    QCommandLineOption check{QStringLiteral("check-config"),
                             QStringLiteral("Only check the config and the flags, print the result and exit.")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};
};

// The file (when there is one) with the flags on top. Called at start and again on SIGHUP.
Result<AgentConfig> buildConfig(const QCommandLineParser &parser, const Options &o)
{
    AgentConfig config;
    const bool explicitFile = parser.isSet(o.config);
    const QString path = explicitFile ? parser.value(o.config) : QString::fromLatin1(AgentDefaults::ConfigPath);
    if (explicitFile || QFile::exists(path)) {
        auto loaded = AgentConfig::load(path);
        if (!loaded)
            return loaded;
        config = std::move(loaded).value();
    } else if (!parser.isSet(o.watch)) {
        return Result<AgentConfig>::failure(
            QStringLiteral("no config file at %1: give --config FILE, or --watch TARGET for a quick start").arg(path));
    }
    auto flag = [](const QString &name, const Result<void> &r) {
        return r ? Result<void>() : Result<void>::failure(QStringLiteral("--%1: %2").arg(name, r.error()));
    };
    QList<Result<void>> results;
    if (parser.isSet(o.listen))
        results << flag(QStringLiteral("listen"), config.setListen(parser.value(o.listen)));
    if (parser.isSet(o.interval))
        results << flag(QStringLiteral("interval"), config.setInterval(parser.value(o.interval)));
    if (parser.isSet(o.grace))
        results << flag(QStringLiteral("grace"), config.setGrace(parser.value(o.grace)));
    // Paths from the command line are taken from the current folder now: --daemon changes to / later.
    if (parser.isSet(o.db))
        config.database = QFileInfo(parser.value(o.db)).absoluteFilePath();
    if (parser.isSet(o.tokenFile)) {
        config.tokenFile = QFileInfo(parser.value(o.tokenFile)).absoluteFilePath();
        results << flag(QStringLiteral("token-file"), config.readToken());
    }
    if (parser.isSet(o.noPassive))
        config.passive = false;
    if (parser.isSet(o.watch)) {
        config.watch.clear();
        for (const QString &t : parser.values(o.watch))
            results << flag(QStringLiteral("watch"), config.addWatch(t));
    }
    for (const Result<void> &r : std::as_const(results))
        if (!r)
            return Result<AgentConfig>::failure(r.error());
    return config;
}

QString summary(const AgentConfig &config, quint16 port)
{
    QStringList targets;
    for (const monitor::WatchedTarget &w : config.targets())
        targets << QStringLiteral("%1 every %2 s").arg(w.target).arg(w.intervalSeconds);
    AgentConfig shown = config;
    shown.listenPort = port;
    QString text = QStringLiteral("listening on http%1://%2/metrics%3; watching %4; inventory %5")
                       .arg(config.tlsCertPem.isEmpty() ? QString() : QStringLiteral("s"), shown.listenText(),
                            config.token.isEmpty() ? QString() : QStringLiteral(" (bearer token)"),
                            targets.isEmpty() ? QStringLiteral("nothing") : targets.join(QStringLiteral(", ")),
                            config.databasePath());
    QStringList pairs;
    for (const sync::SyncPair &p : config.pairs)
        pairs << QStringLiteral("%1 (%2)").arg(p.id, p.displayName());
    if (!pairs.isEmpty())
        text += QStringLiteral("; syncing ") + pairs.join(QStringLiteral(", "));
    if (config.notify.webhook)
        text += QStringLiteral("; notifying %1").arg(config.notify.webhook->url);
    if (config.notify.mail)
        text += QStringLiteral("; mailing %1").arg(config.notify.mail->to.join(QStringLiteral(", ")));
    if (config.notify.dailyReport)
        text += QStringLiteral(" (daily report at %1)")
                    .arg(config.notify.dailyReport->toString(QStringLiteral("HH:mm:ss")));
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    // Arguments and config are checked before QCoreApplication exists and before any fork, so a mistake
    // exits 2 having started nothing (no thread, no socket, no file).
    // Set first: the default inventory path (AppDataLocation) depends on them, also for --check-config.
    QCoreApplication::setApplicationName(QStringLiteral("lanwatch"));
    QCoreApplication::setOrganizationName(QStringLiteral("lanwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANWATCH_VERSION));
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    Options o;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(
        QStringLiteral("Watch networks without a desktop and serve what is seen to Prometheus (/metrics) and as JSON\n"
                       "(/api/v1/devices, /api/v1/events). SIGHUP reloads the config; SIGTERM stops within 2 s.\n"
                       "\n"
                       "Exit status: 0 stopped by SIGTERM/SIGINT, 1 could not start, 2 bad arguments or config."));
    parser.addOptions({o.config, o.watch, o.interval, o.grace, o.db, o.listen, o.tokenFile, o.noPassive, o.daemon,
                       o.pidFile, o.check, o.help, o.version});
    if (!parser.parse(args)) {
        printLine(stderr, parser.errorText() + QStringLiteral("; see 'lanwatch-agent --help'."));
        return ExitUsage;
    }
    if (parser.isSet(o.help) || parser.isSet(o.version)) {
        QCoreApplication app(argc, argv);
        const QByteArray text = parser.isSet(o.help) ? parser.helpText().toUtf8()
                                                     : QByteArrayLiteral("lanwatch-agent " LANWATCH_VERSION "\n");
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printLine(stderr, QStringLiteral("unexpected argument '%1'; targets go after --watch.")
                              .arg(parser.positionalArguments().first()));
        return ExitUsage;
    }
    if (parser.isSet(o.daemon) && !parser.isSet(o.pidFile)) {
        printLine(stderr, QStringLiteral("--daemon needs --pidfile FILE (how else would you stop it?)"));
        return ExitUsage;
    }
    const auto initial = buildConfig(parser, o);
    if (!initial) {
        printLine(stderr, initial.error());
        return ExitUsage;
    }
    if (parser.isSet(o.check)) {
        printLine(stdout, QStringLiteral("config ok: ") + summary(initial.value(), initial->listenPort));
        return ExitOk;
    }

    std::unique_ptr<PidFile> pidFile;
    if (parser.isSet(o.pidFile)) {
        auto acquired = PidFile::acquire(QFileInfo(parser.value(o.pidFile)).absoluteFilePath());
        if (!acquired) {
            printLine(stderr, acquired.error());
            return ExitFailure;
        }
        pidFile = std::move(acquired).value();
    }
    if (parser.isSet(o.daemon)) {
        if (const auto r = daemonize(initial->logFile); !r) {
            printLine(stderr, r.error());
            reportFailed(r.error());
            return ExitFailure;
        }
    }
    if (pidFile)
        if (const auto r = pidFile->writePid(); !r) {
            printLine(stderr, r.error());
            reportFailed(r.error());
            return ExitFailure;
        }

    // While this is the only thread: give up root's or the unit's capabilities, keeping CAP_NET_RAW permitted
    // for the sweeps. Not with sync pairs (keeping owners needs root's file capabilities) or a port below 1024.
    const bool keepPrivileges = !initial->pairs.isEmpty() || (initial->listenPort > 0 && initial->listenPort < 1024);
    if (!keepPrivileges)
        if (const auto dropped = dropPrivilegesKeepingNetRaw(); !dropped)
            printLine(stderr,
                      QStringLiteral("could not give up capabilities (%1); going on with them.").arg(dropped.error()));

    QCoreApplication app(argc, argv);
    std::signal(SIGPIPE, SIG_IGN); // a scraper that hangs up mid-answer is not a reason to die

    Agent agent;
    QObject::connect(&agent, &Agent::log, [](const QString &line) { printLine(stdout, line); });
    if (const auto r = agent.start(initial.value()); !r) {
        printLine(stderr, r.error());
        reportFailed(r.error());
        return ExitFailure;
    }
    printLine(stderr, summary(agent.config(), agent.port()));
    reportStarted();

    onSignals(&agent, [&](int signal) {
        if (signal == SIGHUP) {
            const auto next = buildConfig(parser, o);
            if (!next) {
                printLine(stderr, QStringLiteral("reload refused, the running config stays: ") + next.error());
                return;
            }
            const auto applied = agent.reload(next.value());
            if (!applied) {
                printLine(stderr, QStringLiteral("reload failed: ") + applied.error());
                return;
            }
            if (!applied->isEmpty())
                printLine(stderr, applied.value());
            printLine(stderr, QStringLiteral("reloaded: ") + summary(agent.config(), agent.port()));
            return;
        }
        printLine(stderr, QStringLiteral("stopping (%1)")
                              .arg(signal == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM")));
        agent.stop();
        QCoreApplication::exit(ExitOk);
    });
    return QCoreApplication::exec();
}
