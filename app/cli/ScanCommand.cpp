// lanwatch-cli scan (being built: see issue 2).
#include "cli/ScanCommand.h"
#include "cli/CliCommon.h"
namespace lanwatch::cli {
int runScanCommand(const QStringList &) { printErr(QStringLiteral("scan: not built yet")); return ExitFailure; }
} // namespace lanwatch::cli
