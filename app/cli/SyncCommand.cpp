// lanwatch-cli sync / watch: one-shot mirror/update of a folder pair, or keep it in step until interrupted.
#include "cli/SyncCommand.h"

#include "cli/CliCommon.h"
#include "core/sync/SyncPlan.h"
#include "core/sync/SyncRunner.h"
#include "core/sync/SyncScheduler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLocale>

namespace lanwatch::cli {

using namespace lanwatch::sync;

namespace {

constexpr char CommonOptions[] =
    "  --mode M              mirror (default): DST becomes an exact copy of SRC; files that are\n"
    "                        replaced or deleted are kept in DST/.lanwatch-versions/<time>/\n"
    "                        update: copy new and changed files, never delete\n"
    "  --exclude PAT         skip names matching PAT (repeatable): '*.tmp' any file name,\n"
    "                        '.cache/' folders only, 'build/*.o' a path relative to SRC\n"
    "  --mtime-tolerance S   treat modification times within S seconds as equal (2 for FAT)\n"
    "  --delete-limit P      ask (exit 3) before deleting more than P% of DST's files (default 50)\n"
    "  --keep-versions D     prune kept versions older than D days (default 30, 0 = keep)\n";

QString syncUsage()
{
    return QStringLiteral("Usage: lanwatch-cli sync SRC DST [OPTIONS]\n"
                          "\n"
                          "Make DST a mirror (or an update) of SRC once, printing each action and a summary.\n"
                          "\n"
                          "Options:\n") +
           QString::fromLatin1(CommonOptions) +
           QStringLiteral("  --dry-run             print the plan, change nothing\n"
                          "  --force               go ahead although a safety check would hold the run back\n"
                          "  -q, --quiet           print only the summary\n"
                          "  -h, --help            show this help\n"
                          "\n"
                          "Safety: copies are written to a temporary file and renamed into place; deletions\n"
                          "come after copies; a run that would empty DST or delete more than the limit, or\n"
                          "whose SRC is empty (an unmounted disk?), stops with exit status 3.\n"
                          "\n"
                          "Exit status: 0 ok, 1 failure (message on stderr), 2 bad arguments,\n"
                          "3 held back by a safety check (check, then re-run with --force).\n");
}

QString watchUsage()
{
    return QStringLiteral("Usage: lanwatch-cli watch SRC DST [OPTIONS]\n"
                          "\n"
                          "Keep DST in step with SRC until interrupted (Ctrl-C): SRC's folders are watched\n"
                          "(inotify) and polled; after a change and a quiet delay, a sync runs and is logged.\n"
                          "\n"
                          "Options:\n"
                          "  --poll S              compare the folders every S seconds (default 10)\n"
                          "  --delay S             wait S quiet seconds after a change (default 2)\n") +
           QString::fromLatin1(CommonOptions) +
           QStringLiteral("  -h, --help            show this help\n"
                          "\n"
                          "Exit status: 0 after an interrupt, 2 bad arguments, 1 the pair is invalid.\n");
}

struct Parsed
{
    SyncPair pair;
    bool dryRun = false;
    bool force = false;
    bool quiet = false;
    bool help = false;
};

// Returns ExitOk on success, else the exit code (message already printed).
int parse(const QStringList &args, bool watch, Parsed *out)
{
    QStringList positional;
    SyncPair &p = out->pair;
    const auto intValue = [&](int &i, const QString &option, int min, int max, int *target) {
        if (i + 1 >= args.size()) {
            printErr(QStringLiteral("%1 needs a value; see --help.").arg(option));
            return false;
        }
        bool ok = false;
        const int v = args[++i].toInt(&ok);
        if (!ok || v < min || v > max) {
            printErr(QStringLiteral("%1 must be a whole number from %2 to %3, not '%4'.")
                         .arg(option)
                         .arg(min)
                         .arg(max)
                         .arg(args[i]));
            return false;
        }
        *target = v;
        return true;
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            out->help = true;
            return ExitOk;
        } else if (a == QLatin1String("--mode")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("--mode needs a value: mirror or update."));
                return ExitUsage;
            }
            const auto mode = syncModeFromString(args[++i]);
            if (!mode) {
                printErr(QStringLiteral("--mode must be mirror or update, not '%1'.").arg(args[i]));
                return ExitUsage;
            }
            p.mode = *mode;
        } else if (a == QLatin1String("--exclude")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("--exclude needs a pattern, e.g. --exclude '*.tmp'."));
                return ExitUsage;
            }
            p.excludes << args[++i];
        } else if (a == QLatin1String("--mtime-tolerance")) {
            if (!intValue(i, a, 0, 3600, &p.mtimeToleranceSeconds))
                return ExitUsage;
        } else if (a == QLatin1String("--delete-limit")) {
            if (!intValue(i, a, 1, 100, &p.deleteThresholdPercent))
                return ExitUsage;
        } else if (a == QLatin1String("--keep-versions")) {
            if (!intValue(i, a, 0, 36500, &p.keepVersionsDays))
                return ExitUsage;
        } else if (watch && a == QLatin1String("--poll")) {
            if (!intValue(i, a, 1, 86400, &p.pollSeconds))
                return ExitUsage;
        } else if (watch && a == QLatin1String("--delay")) {
            if (!intValue(i, a, 0, 3600, &p.delaySeconds))
                return ExitUsage;
        } else if (!watch && a == QLatin1String("--dry-run")) {
            out->dryRun = true;
        } else if (!watch && a == QLatin1String("--force")) {
            out->force = true;
        } else if (!watch && (a == QLatin1String("-q") || a == QLatin1String("--quiet"))) {
            out->quiet = true;
        } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            printErr(QStringLiteral("unknown option '%1'; see 'lanwatch-cli %2 --help'.")
                         .arg(a, watch ? QStringLiteral("watch") : QStringLiteral("sync")));
            return ExitUsage;
        } else {
            positional << a;
        }
    }
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
    return QStringLiteral("%1%2 copied, %3 updated, %4 deleted, %5 folders made, %6 in %7 s%8\n")
        .arg(r.dryRun ? QStringLiteral("dry run: would have ") : QString())
        .arg(r.copied)
        .arg(r.updated)
        .arg(r.deleted)
        .arg(r.dirsMade)
        .arg(humanBytes(r.bytes))
        .arg(double(r.elapsedMs) / 1000.0, 0, 'f', 2)
        .arg(r.versionsFolder.isEmpty() ? QString()
                                        : QStringLiteral("; replaced and deleted files kept in ") + r.versionsFolder);
}

} // namespace

int runSyncCommand(const QStringList &args)
{
    Parsed parsed;
    if (const int rc = parse(args, false, &parsed); rc != ExitOk)
        return rc;
    if (parsed.help) {
        printOut(syncUsage());
        return ExitOk;
    }
    const auto plan = planSync(parsed.pair);
    if (!plan) {
        printErr(plan.error());
        return ExitFailure;
    }
    if (!parsed.quiet) {
        QString lines;
        for (const SyncAction &a : plan->actions) {
            if (a.kind == SyncAction::Kind::SetTimes && a.isDir)
                continue; // folder times follow from the rest; not worth a line each
            lines +=
                QStringLiteral("%1%2 %3%4\n")
                    .arg(parsed.dryRun ? QStringLiteral("would ") : QString(), actionKindName(a.kind).leftJustified(7),
                         a.relativePath + (a.isDir ? QStringLiteral("/") : QString()),
                         a.kind == SyncAction::Kind::Copy || a.kind == SyncAction::Kind::Update
                             ? QStringLiteral(" (%1)").arg(humanBytes(a.bytes))
                             : QString());
            if (lines.size() > 1 << 16) {
                printOut(lines);
                lines.clear();
            }
        }
        printOut(lines);
    }
    const auto report = applyPlan(parsed.pair, plan.value(), RunOptions{parsed.dryRun, parsed.force}, nullptr);
    if (!report) {
        printErr(report.error());
        return ExitFailure;
    }
    if (report->heldBack) {
        printErr(report->heldBackReason);
        return ExitHeldBack;
    }
    for (const QString &e : report->errors)
        printErr(e);
    printOut(summary(report.value()));
    // Files that changed mid-copy are not failures: they are left for the next run, as said above.
    return report->errors.size() > report->retryLater + plan->conflicts.size() + plan->warnings.size() ? ExitFailure
                                                                                                       : ExitOk;
}

int runWatchCommand(const QStringList &args)
{
    Parsed parsed;
    if (const int rc = parse(args, true, &parsed); rc != ExitOk)
        return rc;
    if (parsed.help) {
        printOut(watchUsage());
        return ExitOk;
    }
    SyncScheduler scheduler;
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
