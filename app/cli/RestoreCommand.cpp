// lanwatch-cli restore: parses its own options (one QCommandLineParser per sub-command) and prints the
// restore's lines; the work is core/sync/Restore's.
#include "cli/RestoreCommand.h"

#include "cli/CliCommon.h"
#include "core/sync/Restore.h"

#include <QCommandLineParser>
#include <QFile>

#include <algorithm>

namespace lanwatch::cli {

using namespace lanwatch::sync;

namespace {

QString restoreUsage()
{
    return QStringLiteral(
        "Usage: lanwatch-cli restore [OPTIONS] [--] DST [PATH...]\n"
        "\n"
        "Bring files back from DST/.lanwatch-versions, where 'sync' (mirror) keeps what it replaces or\n"
        "deletes. PATH (relative to DST) selects a file or a whole folder; no PATH restores every path\n"
        "that has a version. Without --at, each path comes back as its newest version (undoing the last\n"
        "change); with --at, as it was at that time.\n"
        "\n"
        "Options:\n"
        "  --at TIME      restore as it was at TIME: 2026-11-23T14:05, '2026-11-23 14:05:00' (local\n"
        "                 time; add .123 for milliseconds, Z or +01:00 for another zone), or @EPOCH\n"
        "                 seconds. Paths not changed since TIME are left alone.\n"
        "  --to DIR       write into DIR (e.g. back into the source) instead of DST\n"
        "  --list         print the snapshots and the paths each holds; change nothing\n"
        "  --dry-run      print what would be restored; change nothing\n"
        "  -q, --quiet    print only errors and the summary\n"
        "  -h, --help     show this help\n"
        "  --             end of options (for a PATH that starts with '-')\n"
        "\n"
        "Nothing is lost: a different file in the way is first kept in a new snapshot folder in\n"
        "DST/.lanwatch-versions (with --to DIR: renamed to NAME.lanwatch-replaced-<time>). Identical\n"
        "files are skipped. Symbolic links inside the target folder are never followed.\n"
        "\n"
        "Exit status: 0 ok, 1 some paths failed or nothing could be restored, 2 bad arguments.\n");
}

QString typeSuffix(VersionEntry::Type type)
{
    return type == VersionEntry::Type::Dir ? QStringLiteral("/") : QString();
}

int listCommand(const QString &dst, const QStringList &paths)
{
    const auto index = listVersions(dst);
    if (!index) {
        printErr(index.error());
        return ExitFailure;
    }
    for (const QString &w : index->warnings)
        printErr(w);
    QList<QByteArray> selections;
    for (const QString &p : paths)
        selections << restorePathArgument(p).value();
    const auto selected = [&](const QByteArray &path) {
        return selections.isEmpty() || std::any_of(selections.cbegin(), selections.cend(),
                                                   [&](const QByteArray &s) { return restoreSelects(s, path); });
    };
    QString out;
    int shown = 0;
    for (const VersionSnapshot &snapshot : index->snapshots) {
        QString lines;
        int count = 0;
        for (auto it = snapshot.entries.cbegin(); it != snapshot.entries.cend(); ++it) {
            if (!selected(it.key()))
                continue;
            lines += QStringLiteral("  %1%2\n").arg(QFile::decodeName(it.key()), typeSuffix(it->type));
            ++count;
        }
        if (count == 0)
            continue;
        ++shown;
        out += QStringLiteral("%1  %2 %3 (%4)\n")
                   .arg(formatStamp(snapshot.stamp, true))
                   .arg(count)
                   .arg(count == 1 ? QStringLiteral("path") : QStringLiteral("paths"), snapshot.name) +
               lines;
    }
    if (shown == 0) {
        printErr(paths.isEmpty() ? QStringLiteral("%1/.lanwatch-versions holds no versions.").arg(index->destination)
                                 : QStringLiteral("no version of %1 in %2/.lanwatch-versions.")
                                       .arg(paths.join(QStringLiteral(", ")), index->destination));
        return ExitFailure;
    }
    printOut(out);
    return ExitOk;
}

QString actionLine(const RestorePlan &plan, const RestoreItem &item, bool dryRun)
{
    const QString verb = item.action == RestoreItem::Action::SkipIdentical ? QStringLiteral("identical")
                         : item.action == RestoreItem::Action::Replace     ? QStringLiteral("replace")
                                                                           : QStringLiteral("restore");
    return QStringLiteral("%1%2 %3%4 (from %5)\n")
        .arg(dryRun && item.action != RestoreItem::Action::SkipIdentical ? QStringLiteral("would ") : QString(), verb,
             item.displayPath, typeSuffix(item.type), formatStamp(plan.stampOf(item)));
}

} // namespace

int runRestoreCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption atOption(QStringLiteral("at"), QString(), QStringLiteral("TIME"));
    const QCommandLineOption toOption(QStringLiteral("to"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption listOption(QStringLiteral("list"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"));
    const QCommandLineOption quietOption(QStringList{QStringLiteral("q"), QStringLiteral("quiet")});
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({atOption, toOption, listOption, dryRunOption, quietOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("lanwatch-cli restore")} + args)) {
        printErr(parser.errorText() + QStringLiteral(" See 'lanwatch-cli restore --help'."));
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        printOut(restoreUsage());
        return ExitOk;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        printErr(QStringLiteral("give the mirror folder DST (and optionally PATHs in it); see --help."));
        return ExitUsage;
    }
    const QString dst = positional.takeFirst();
    const bool list = parser.isSet(listOption);
    const bool dryRun = parser.isSet(dryRunOption);
    const bool quiet = parser.isSet(quietOption);
    const QString to = parser.value(toOption);
    if (parser.isSet(toOption) && to.isEmpty()) {
        printErr(QStringLiteral("--to needs a folder."));
        return ExitUsage;
    }
    std::optional<QDateTime> at;
    if (parser.isSet(atOption)) {
        at = parseRestoreTime(parser.value(atOption));
        if (!at) {
            printErr(QStringLiteral("--at '%1' is not a time. Use 2026-11-23T14:05, '2026-11-23 14:05:00' or "
                                    "2026-11-23 (local time; add .123 for milliseconds, Z or +01:00 for another "
                                    "zone), or @EPOCH (seconds since 1970 UTC).")
                         .arg(parser.value(atOption)));
            return ExitUsage;
        }
    }
    if (list && (at || !to.isEmpty())) {
        printErr(QStringLiteral("--list shows every snapshot; it does not take --at or --to."));
        return ExitUsage;
    }
    if (const auto valid = validateRestoreArguments(dst, positional, to); !valid) {
        printErr(valid.error());
        return ExitUsage;
    }
    if (list)
        return listCommand(dst, positional);

    const auto plan = planRestore(dst, at, positional, to);
    if (!plan) {
        printErr(plan.error());
        return ExitFailure;
    }
    for (const QString &w : plan->index.warnings)
        printErr(w);
    if (plan->unchanged > 0 && !quiet)
        printOut(QStringLiteral("%1 %2 not changed since %3: left as %4.\n")
                     .arg(plan->unchanged)
                     .arg(plan->unchanged == 1 ? QStringLiteral("path has") : QStringLiteral("paths have"),
                          formatStamp(*plan->at, true),
                          plan->unchanged == 1 ? QStringLiteral("it is") : QStringLiteral("they are")));

    RestoreReport report;
    if (dryRun) {
        QString lines;
        for (const RestoreItem &item : plan->items) {
            if (!quiet)
                lines += actionLine(plan.value(), item, true);
            if (item.action == RestoreItem::Action::SkipIdentical)
                ++report.identical;
            else
                ++report.restored;
        }
        printOut(lines);
        for (const QString &problem : plan->problems)
            printErr(problem);
        report.failed = int(plan->problems.size());
    } else {
        const auto applied = applyRestore(plan.value(), [&](const RestoreItem &item, const QString &error) {
            if (!error.isEmpty())
                printErr(error);
            else if (!quiet)
                printOut(actionLine(plan.value(), item, false));
        });
        if (!applied) {
            printErr(applied.error());
            return ExitFailure;
        }
        report = applied.value();
        for (const QString &problem : plan->problems)
            printErr(problem);
    }
    if (plan->items.isEmpty())
        printErr(plan->at ? QStringLiteral("nothing to restore: no selected path changed after %1.")
                                .arg(formatStamp(*plan->at, true))
                          : QStringLiteral("nothing to restore."));

    QString summary = QStringLiteral("%1%2 restored, %3 identical, %4 failed")
                          .arg(dryRun ? QStringLiteral("dry run: would have ") : QString())
                          .arg(report.restored)
                          .arg(report.identical)
                          .arg(report.failed);
    if (!report.keptIn.isEmpty())
        summary += QStringLiteral("; what they replaced is kept in ") + report.keptIn;
    if (!report.movedAside.isEmpty())
        summary += QStringLiteral("; what they replaced was renamed: ") + report.movedAside.join(QStringLiteral(", "));
    printOut(summary + QLatin1Char('\n'));
    return report.failed > 0 || plan->items.isEmpty() ? ExitFailure : ExitOk;
}

} // namespace lanwatch::cli
