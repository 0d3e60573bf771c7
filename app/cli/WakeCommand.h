// lanwatch-cli wake: send a Wake-on-LAN magic packet.
#pragma once

#include <QStringList>

namespace lanwatch::cli {
int runWakeCommand(const QStringList &args); // args after "wake"
} // namespace lanwatch::cli
