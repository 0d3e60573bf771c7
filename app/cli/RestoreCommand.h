// lanwatch-cli restore: bring files back from a mirror's versions folder (DST/.lanwatch-versions).
#pragma once

#include <QStringList>

namespace lanwatch::cli {
int runRestoreCommand(const QStringList &args); // args after "restore"
} // namespace lanwatch::cli
