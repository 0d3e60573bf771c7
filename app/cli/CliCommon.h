// Shared pieces of lanwatch-cli's sub-commands: exit codes and output helpers.
#pragma once

#include <QString>
#include <QStringList>

namespace lanwatch::cli {

enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,   // a run failed (I/O error, engine error)
    ExitUsage = 2,     // bad arguments; message on stderr
    ExitHeldBack = 3,  // sync: stopped by a safety check (use --force after checking)
};

void printOut(const QString &text); // stdout, flushed, no newline added
void printErr(const QString &text); // stderr, "lanwatch-cli: " prefix and newline added

} // namespace lanwatch::cli
