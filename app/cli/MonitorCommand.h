// lanwatch-cli monitor: watch targets in the foreground and print each event as it happens.
#pragma once

#include <QStringList>

namespace lanwatch::cli {
int runMonitorCommand(const QStringList &args); // args after "monitor"
} // namespace lanwatch::cli
