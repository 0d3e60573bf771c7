// Shared pieces of lanwatch-cli's sub-commands: exit codes and output helpers.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QObject;

namespace lanwatch::cli {

enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,  // a run failed (I/O error, engine error)
    ExitUsage = 2,    // bad arguments; message on stderr
    ExitHeldBack = 3, // sync: stopped by a safety check (use --force after checking)
    ExitPartial = 4,  // sync: went on past per-entry problems (read errors, files not copied); deletions
                      // skipped when the source could not be read completely (rsync's 23)
    ExitInterrupted = 130, // SIGINT/SIGTERM
};

void printOut(const QString &text); // stdout, flushed, no newline added
// A subcommand's --help: QCommandLineParser names the program by argv[0]; this names the subcommand
// ("Usage: lanwatch-cli sync [options] SRC DST").
QString commandHelp(const QString &helpText, const QString &command);
void printErr(const QString &text); // stderr, "lanwatch-cli: " prefix and newline added

// Runs handler in the event loop (not in the signal handler) on SIGINT/SIGTERM, through a self-pipe;
// context owns the notifier, so the handler stops with it.
void onInterrupt(QObject *context, std::function<void()> handler);

} // namespace lanwatch::cli
