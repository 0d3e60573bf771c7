// lanwatch-cli sync/watch (being built: see issue 4).
#include "cli/SyncCommand.h"
#include "cli/CliCommon.h"
namespace lanwatch::cli {
int runSyncCommand(const QStringList &) { printErr(QStringLiteral("sync: not built yet")); return ExitFailure; }
int runWatchCommand(const QStringList &) { printErr(QStringLiteral("watch: not built yet")); return ExitFailure; }
} // namespace lanwatch::cli
