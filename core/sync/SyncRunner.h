// SyncRunner: applies a plan safely: temp file + rename, versions of what is replaced or deleted,
// deletions last, safety checks before anything is touched.
#pragma once

#include "core/Result.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncPlan.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace lanwatch::sync {

struct SyncReport
{
    int copied = 0;  // new files and links
    int updated = 0; // replaced files (old content kept in the versions folder)
    int deleted = 0; // files and folders moved to the versions folder (mirror mode)
    int dirsMade = 0;
    int retryLater = 0; // files that changed while being copied: left for the next run
    qint64 bytes = 0;
    bool heldBack = false; // a safety check stopped the run before it touched anything
    QString heldBackReason;
    QStringList errors; // per-file problems; the run went on with the other files
    qint64 elapsedMs = 0;
    QString versionsFolder; // where this run kept replaced/deleted files, if it did
    bool dryRun = false;
    bool cancelled = false;
    bool changedSomething() const { return copied + updated + deleted + dirsMade > 0; }
};

struct RunOptions
{
    bool dryRun = false; // plan only
    bool force = false;  // go ahead past the deletion threshold (after the user checked)
};

using ProgressFn = std::function<void(int done, int total, const QString &path)>;

// Plans and applies one run. Fails (nothing changed) when the source is missing or unreadable.
Result<SyncReport> runSync(const SyncPair &pair, const RunOptions &options, const std::atomic_bool *cancel,
                           ProgressFn progress = {});
// The same with a plan the caller already has (the dialog's preview). The plan must be fresh.
Result<SyncReport> applyPlan(const SyncPair &pair, const SyncPlan &plan, const RunOptions &options,
                             const std::atomic_bool *cancel, ProgressFn progress = {});

namespace testing {
// Called after a file's bytes are copied and before it is re-checked: lets a test change the source
// "during" the copy deterministically. Not for production use; pass {} to remove.
void setAfterCopyHook(std::function<void(const QString &relativePath)> hook);
} // namespace testing

// Why a plan needs confirmation (deletion threshold, emptied source); empty when it does not.
QString holdBackReason(const SyncPair &pair, const SyncPlan &plan);

} // namespace lanwatch::sync
