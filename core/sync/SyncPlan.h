// SyncPlan: the actions a run would take (a value you can show before anything is touched).
#pragma once

#include "core/Result.h"
#include "core/sync/SyncPair.h"

#include <QList>
#include <QString>

#include <atomic>

namespace lanwatch::sync {

struct SyncAction
{
    enum class Kind { MakeDir, Copy, Update, Symlink, Delete, SetTimes };
    Kind kind = Kind::Copy;
    QString relativePath;
    qint64 bytes = 0;
    bool isDir = false;
    QString reason; // "new", "size changed", "newer", "type changed", "not in source", ...

    // What the runner needs without a second walk (source metadata at planning time).
    QByteArray pathBytes;
    qint64 mtimeSec = 0;
    qint64 mtimeNsec = 0;
    uint mode = 0;
    bool replaces = false; // an entry of another type is in the way (moved to the versions folder first)
};
QString actionKindName(SyncAction::Kind kind); // "mkdir","copy","update","symlink","delete","times"

struct SyncPlan
{
    QList<SyncAction> actions; // creations and updates in path order, then deletions, then folder times
    int destinationFiles = 0;  // non-folders in the destination before the run
    int sourceFiles = 0;
    QStringList conflicts; // update mode: a file where the source has a folder (or the reverse)
    QStringList warnings;  // unreadable sub-folders etc.

    int copies() const;
    int updates() const;
    int deletions() const; // files and folders
    int fileDeletions() const;
    qint64 bytesToCopy() const;
    bool isEmpty() const { return actions.isEmpty(); }
    // True when the deletions exceed percent of the destination's files, or remove all of them.
    bool exceedsDeleteThreshold(int percent) const;
};

// Walks source and destination and compares them by relative path, type, size and mtime (whole
// seconds, widened by the pair's tolerance). Fails when the source is missing or unreadable.
Result<SyncPlan> planSync(const SyncPair &pair, const std::atomic_bool *cancel = nullptr);

} // namespace lanwatch::sync
