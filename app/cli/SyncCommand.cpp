// lanwatch-cli sync / watch: one-shot mirror/update of a folder pair, or keep it in step until interrupted.
#include "cli/SyncCommand.h"

#include "cli/CliCommon.h"
#include "core/Session.h"
#include "core/sync/SyncPlan.h"
#include "core/sync/SyncRunner.h"
#include "core/sync/SyncScheduler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLocale>

#include <atomic>
#include <csignal>

namespace lanwatch::cli {

using namespace lanwatch::sync;

namespace {

std::atomic_bool g_cancel{false};
void cancelOnSignal(int)
{
    g_cancel.store(true);
}

constexpr char SyncDescription[] =
    "Make DST a mirror (or an update) of SRC once, printing each action and a summary.\n"
    "\n"
    "Safety: nothing is acted on through a symlink or a path that changed kind; copies are\n"
    "written to a temporary file and renamed into place; replaced and deleted files are kept\n"
    "in DST/.lanwatch-versions/<time>/ (see 'lanwatch-cli restore'); deletions come after the\n"
    "copies and are skipped entirely when any part of SRC could not be read (as rsync does);\n"
    "a run that would empty DST or delete more than the limit, or whose SRC is empty (an\n"
    "unmounted disk?), is held back; a run that cannot fit in DST's free space is refused, and\n"
    "a full or failing disk stops the run at the first error.\n"
    "\n"
    "Exit status: 0 ok, 1 failed (the run stopped or could not start; message on stderr),\n"
    "2 bad arguments, 3 held back by a safety check (check, then re-run with --force),\n"
    "4 partial (some entries could not be read or written; each is named on stderr),\n"
    "130 interrupted.";

constexpr char WatchDescription[] =
    "Keep DST in step with SRC until interrupted (Ctrl-C): SRC's folders are watched (inotify)\n"
    "and polled; after a change and a quiet delay, a sync runs and is logged. A source that\n"
    "keeps changing is still synced at least every --max-wait seconds; a failed or held-back\n"
    "run is retried with back-off while the pair keeps being watched.\n"
    "\n"
    "Exit status: 0 after an interrupt, 1 the pair is invalid, 2 bad arguments.";

struct Parsed
{
    SyncPair pair;
    bool dryRun = false;
    bool force = false;
    bool quiet = false;
    bool verbose = false;
};

// Fills out from the command line; returns ExitOk, or the exit code after printing why.
int parse(const QStringList &args, bool watch, Parsed *out)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(watch ? WatchDescription : SyncDescription));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const SyncPair defaults;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption mode(QStringLiteral("mode"),
                                  QStringLiteral("mirror (default): DST becomes an exact copy of SRC; update: copy new "
                                                 "and changed files, never delete."),
                                  QStringLiteral("M"), QStringLiteral("mirror"));
    const QCommandLineOption exclude(QStringLiteral("exclude"),
                                     QStringLiteral("Skip names matching PAT (repeatable): '*.tmp' any name, '.cache/' "
                                                    "folders only, 'build/*.o' a path relative to SRC. Excluded "
                                                    "entries in DST are never deleted."),
                                     QStringLiteral("PAT"));
    const QCommandLineOption tolerance(QStringLiteral("mtime-tolerance"),
                                       QStringLiteral("Treat modification times within S seconds as equal (FAT and "
                                                      "exFAT destinations are detected and get 2 by themselves)."),
                                       QStringLiteral("S"), QString::number(defaults.mtimeToleranceSeconds));
    const QCommandLineOption deleteLimit(QStringLiteral("delete-limit"),
                                         QStringLiteral("Hold back (exit 3) a run deleting more than P% of DST's "
                                                        "files."),
                                         QStringLiteral("P"), QString::number(defaults.deleteThresholdPercent));
    const QCommandLineOption keepVersions(QStringLiteral("keep-versions"),
                                          QStringLiteral("Prune kept versions older than D days (0 keeps them)."),
                                          QStringLiteral("D"), QString::number(defaults.keepVersionsDays));
    const QCommandLineOption oneFs({QStringLiteral("x"), QStringLiteral("one-file-system")},
                                   QStringLiteral("Do not cross into other file systems mounted inside SRC; DST's copy "
                                                  "of what is under them is kept."));
    const QCommandLineOption poll(QStringLiteral("poll"), QStringLiteral("Compare the folders every S seconds."),
                                  QStringLiteral("S"), QString::number(defaults.pollSeconds));
    const QCommandLineOption delay(QStringLiteral("delay"), QStringLiteral("Wait S quiet seconds after a change."),
                                   QStringLiteral("S"), QString::number(defaults.delaySeconds));
    const QCommandLineOption maxWait(QStringLiteral("max-wait"),
                                     QStringLiteral("Sync a source that never stops changing at least every S "
                                                    "seconds."),
                                     QStringLiteral("S"), QString::number(defaults.maxWaitSeconds));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Print the plan, change nothing."));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Go ahead although a safety check would hold the run back."));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Print only the summary and problems."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Also name every skipped entry (FIFOs, sockets, reserved names)."));
    parser.addOptions({mode, exclude, tolerance, deleteLimit, keepVersions, oneFs});
    if (watch)
        parser.addOptions({poll, delay, maxWait});
    else
        parser.addOptions({dryRun, force, quiet, verbose});
    parser.addOption(help);
    parser.addPositionalArgument(QStringLiteral("SRC"), QStringLiteral("The folder to copy from."));
    parser.addPositionalArgument(QStringLiteral("DST"), QStringLiteral("The folder to copy to (created if missing)."));
    const QString command = watch ? QStringLiteral("watch") : QStringLiteral("sync");
    if (!parser.parse(QStringList{QStringLiteral("lanwatch-cli ") + command} + args)) {
        printErr(QStringLiteral("%1; see 'lanwatch-cli %2 --help'.").arg(parser.errorText(), command));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        printOut(commandHelp(parser.helpText(), command));
        return -1;
    }
    SyncPair &p = out->pair;
    const auto intValue = [&](const QCommandLineOption &option, int min, int max, int *target) {
        const QString text = parser.value(option);
        bool ok = false;
        const int v = text.toInt(&ok);
        if (!ok || v < min || v > max) {
            printErr(QStringLiteral("--%1 must be a whole number from %2 to %3, not '%4'.")
                         .arg(option.names().constLast())
                         .arg(min)
                         .arg(max)
                         .arg(text));
            return false;
        }
        *target = v;
        return true;
    };
    const auto m = syncModeFromString(parser.value(mode));
    if (!m) {
        printErr(QStringLiteral("--mode must be mirror or update, not '%1'.").arg(parser.value(mode)));
        return ExitUsage;
    }
    p.mode = *m;
    p.excludes = parser.values(exclude);
    p.oneFileSystem = parser.isSet(oneFs);
    if (!intValue(tolerance, SyncLimits::MinTolerance, SyncLimits::MaxTolerance, &p.mtimeToleranceSeconds) ||
        !intValue(deleteLimit, SyncLimits::MinDeleteLimit, SyncLimits::MaxDeleteLimit, &p.deleteThresholdPercent) ||
        !intValue(keepVersions, 0, SyncLimits::MaxKeepVersionsDays, &p.keepVersionsDays))
        return ExitUsage;
    if (watch && (!intValue(poll, SyncLimits::MinPoll, SyncLimits::MaxPoll, &p.pollSeconds) ||
                  !intValue(delay, 0, SyncLimits::MaxDelay, &p.delaySeconds) ||
                  !intValue(maxWait, SyncLimits::MinMaxWait, SyncLimits::MaxMaxWait, &p.maxWaitSeconds)))
        return ExitUsage;
    if (!watch) {
        out->dryRun = parser.isSet(dryRun);
        out->force = parser.isSet(force);
        out->quiet = parser.isSet(quiet);
        out->verbose = parser.isSet(verbose);
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        printErr(QStringLiteral("give exactly two folders, SRC and DST (got %1); see --help.").arg(positional.size()));
        return ExitUsage;
    }
    p.id = QStringLiteral("cli");
    p.source = QDir(positional[0]).absolutePath();
    p.destination = QDir(positional[1]).absolutePath();
    if (const auto problem = validatePair(p, {})) {
        printErr(problem->message);
        return ExitUsage;
    }
    return ExitOk;
}

QString humanBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString summary(const SyncReport &r)
{
    QString text = QStringLiteral("%1%2 copied, %3 updated, %4 deleted, %5 folders made")
                       .arg(r.dryRun ? QStringLiteral("dry run: would have ") : QString())
                       .arg(r.copied)
                       .arg(r.updated)
                       .arg(r.deleted)
                       .arg(r.dirsMade);
    if (r.foldersDeleted)
        text += QStringLiteral(", %1 folders deleted").arg(r.foldersDeleted);
    if (r.metadataUpdated)
        text += QStringLiteral(", %1 permissions/owners/times fixed").arg(r.metadataUpdated);
    if (r.failed)
        text += QStringLiteral(", %1 failed").arg(r.failed);
    if (r.notCopied)
        text += QStringLiteral(", %1 not copied (kept changing)").arg(r.notCopied);
    if (r.specialSkipped)
        text += QStringLiteral(", %1 special files skipped").arg(r.specialSkipped);
    if (r.reservedSkipped)
        text += QStringLiteral(", %1 reserved names skipped").arg(r.reservedSkipped);
    if (r.staleTempsRemoved)
        text += QStringLiteral(", %1 temp files of a crashed run removed").arg(r.staleTempsRemoved);
    text += QStringLiteral(", %1 in %2 s").arg(humanBytes(r.bytes)).arg(double(r.elapsedMs) / 1000.0, 0, 'f', 2);
    if (!r.versionsFolder.isEmpty())
        text += QStringLiteral("; replaced and deleted files kept in ") + r.versionsFolder;
    return text + QLatin1Char('\n');
}

// One plan line: "copy    path (12 bytes)", with "would " in front when it is not carried out.
QString planLine(const SyncAction &a, bool would)
{
    QString detail;
    if (a.kind == SyncAction::Kind::Copy || a.kind == SyncAction::Kind::Update)
        detail = QStringLiteral(" (%1)").arg(humanBytes(a.bytes));
    else if (a.kind == SyncAction::Kind::Metadata)
        detail = QStringLiteral(" (%1)").arg(a.reason == SyncAction::Reason::OwnerChanged ? QStringLiteral("owner")
                                                                                           : QStringLiteral("permissions"));
    if (a.inside > 0)
        detail += QStringLiteral(" (with %1 files inside)").arg(a.inside);
    return QStringLiteral("%1%2 %3%4\n")
        .arg(would ? QStringLiteral("would ") : QString(), actionKindName(a.kind).leftJustified(7),
             a.relativePath() + (a.isDir ? QStringLiteral("/") : QString()), detail);
}

bool worthALine(const SyncAction &a)
{
    return !(a.kind == SyncAction::Kind::Metadata && a.isDir); // folder times follow from the rest
}

// Lines are gathered and written in blocks: a first copy prints 200,000 of them.
class LinePrinter
{
public:
    ~LinePrinter() { flush(); }
    Q_DISABLE_COPY_MOVE(LinePrinter)
    LinePrinter() = default;
    void add(const SyncAction &a, bool would)
    {
        if (!worthALine(a))
            return;
        m_lines += planLine(a, would);
        if (m_lines.size() > 1 << 16)
            flush();
    }
    void flush()
    {
        printOut(m_lines);
        m_lines.clear();
    }

private:
    QString m_lines;
};

} // namespace

int runSyncCommand(const QStringList &args)
{
    Parsed parsed;
    if (const int rc = parse(args, false, &parsed); rc != ExitOk)
        return rc < 0 ? ExitOk : rc;
    struct sigaction sa = {};
    sa.sa_handler = cancelOnSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    LinePrinter printer;
    Result<SyncReport> report = Result<SyncReport>::failure(QString());
    if (parsed.dryRun) {
        // The plan's creations are printed as they are found (never all held), then its deletions.
        PlanOptions options;
        options.probeDestination = false;
        if (!parsed.quiet)
            options.creationSink = [&](const SyncAction &a) {
                printer.add(a, true);
                return !g_cancel.load();
            };
        else
            options.creationSink = [](const SyncAction &) { return !g_cancel.load(); };
        const auto plan = planSync(parsed.pair, &g_cancel, options);
        if (!plan) {
            printer.flush();
            printErr(plan.error());
            return g_cancel.load() ? ExitInterrupted : ExitFailure;
        }
        if (!parsed.quiet)
            for (const SyncAction &a : plan->actions)
                printer.add(a, true);
        report = applyPlan(parsed.pair, plan.value(), RunOptions{true, parsed.force}, &g_cancel);
    } else {
        RunOptions options{false, parsed.force};
        if (!parsed.quiet)
            options.onAction = [&](const SyncAction &a) { printer.add(a, false); };
        report = runSync(parsed.pair, options, &g_cancel);
    }
    printer.flush();
    if (!report) {
        printErr(report.error());
        return g_cancel.load() ? ExitInterrupted : ExitFailure;
    }
    const SyncReport &r = report.value();
    if (r.heldBack && !parsed.quiet) {
        // Show what was held back, every line with "would": the user checks it before --force.
        if (const auto plan = planSync(parsed.pair, &g_cancel, PlanOptions{false, {}}))
            for (const SyncAction &a : plan->actions)
                printer.add(a, true);
        printer.flush();
    }
    if (!parsed.quiet)
        for (const QString &note : r.notes)
            printOut(QStringLiteral("note: %1\n").arg(note));
    if (parsed.verbose)
        for (const QString &skipped : r.skippedPaths)
            printOut(QStringLiteral("skipped %1\n").arg(skipped));
    for (const QString &e : r.errors)
        printErr(e);
    if (r.deletionsSkipped)
        printErr(r.deletionsSkippedReason);
    switch (r.outcome()) {
    case RunOutcome::HeldBack:
        printErr(r.heldBackReason);
        return ExitHeldBack;
    case RunOutcome::Failed:
        printOut(summary(r));
        printErr(r.stopReason);
        return ExitFailure;
    case RunOutcome::Cancelled:
        printOut(summary(r));
        printErr(QStringLiteral("interrupted: the run stopped after the entries above; nothing is half-written."));
        return ExitInterrupted;
    case RunOutcome::Partial:
        printOut(summary(r));
        printErr(QStringLiteral("partial: %1 %2; see above. Exit status 4.")
                     .arg(r.errors.size())
                     .arg(r.errors.size() == 1 ? QStringLiteral("problem") : QStringLiteral("problems")));
        return ExitPartial;
    case RunOutcome::Ok:
        break;
    }
    printOut(summary(r));
    return ExitOk;
}

int runWatchCommand(const QStringList &args)
{
    Parsed parsed;
    if (const int rc = parse(args, true, &parsed); rc != ExitOk)
        return rc < 0 ? ExitOk : rc;
    // The same owner as the GUI's, without settings: it runs only the pair given here.
    core::Session session;
    SyncScheduler &scheduler = *session.syncScheduler();
    const auto stamp = [] { return QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); };
    QObject::connect(&scheduler, &SyncScheduler::logMessage, [&](const QString &, const QString &text) {
        printOut(QStringLiteral("%1 %2\n").arg(stamp(), text));
    });
    QObject::connect(&scheduler, &SyncScheduler::pairStateChanged, [&](const QString &id) {
        if (scheduler.status(id).state == PairState::Syncing && scheduler.status(id).progressTotal == 0)
            printOut(QStringLiteral("%1 Syncing %2\n").arg(stamp(), parsed.pair.displayName()));
    });

    onInterrupt(&scheduler, [] { QCoreApplication::exit(0); });
    printOut(QStringLiteral("%1 Watching %2 (%3; poll %4 s, delay %5 s). Ctrl-C stops.\n")
                 .arg(stamp(), parsed.pair.displayName(), syncModeName(parsed.pair.mode))
                 .arg(parsed.pair.pollSeconds)
                 .arg(parsed.pair.delaySeconds));
    scheduler.setPairs({parsed.pair});
    QCoreApplication::exec();
    printOut(QStringLiteral("%1 Stopped.\n").arg(stamp()));
    return ExitOk;
}

} // namespace lanwatch::cli
