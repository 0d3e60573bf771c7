// lanwatch-cli sync / watch: one-shot mirror/update of a folder pair, or keep it in step until interrupted.
#pragma once

#include <QStringList>

namespace lanwatch::cli {
int runSyncCommand(const QStringList &args);  // args after "sync"
int runWatchCommand(const QStringList &args); // args after "watch"
} // namespace lanwatch::cli
