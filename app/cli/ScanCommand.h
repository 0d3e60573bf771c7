// lanwatch-cli scan: parse options, run core's ScanEngine, print hosts as they are found.
#pragma once

#include <QStringList>

namespace lanwatch::cli {
int runScanCommand(const QStringList &args); // args after "scan"
} // namespace lanwatch::cli
