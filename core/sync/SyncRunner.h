// SyncRunner: applies a plan safely: every path resolved beneath the pair's folders with no symlink
// followed, temp file + rename, versions of what is replaced or deleted, deletions last and only
// after a clean read of the source, a stop at the first fatal write error.
#pragma once

#include "core/Result.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncPlan.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace lanwatch::sync {

// How a run ended. Each has its own exit status in lanwatch-cli (see README "Exit status").
enum class RunOutcome {
    Ok,        // everything planned was done
    Partial,   // the run went on past per-entry problems (read errors, files that kept changing, ...):
               // see errors; deletions were skipped if the source could not be read completely
    Failed,    // the run stopped (disk full, read-only or failing destination, no room for the plan,
               // another run holds the destination): see stopReason; no deletions were done
    HeldBack,  // a safety check stopped the run before it touched anything: see heldBackReason
    Cancelled, // stopped on request; what was done is consistent, no temp file is left
};
QString runOutcomeName(RunOutcome outcome); // "ok", "partial", "failed", "held back", "cancelled" (stable, CLI/JSON)

struct SyncReport
{
    int copied = 0;          // new files and links
    int updated = 0;         // replaced files (old content kept in the versions folder)
    int deleted = 0;         // files (and links, FIFOs...) moved to the versions folder, inside moved folders too
    int foldersDeleted = 0;  // folders moved to the versions folder
    int dirsMade = 0;
    int metadataUpdated = 0; // permissions, owner or times fixed without copying
    int failed = 0;          // entries that could not be copied, updated, deleted or fixed (see errors)
    int notCopied = 0;       // files that kept changing while being copied (after retries): not copied
    int specialSkipped = 0;  // FIFOs, sockets and devices in the source: not synced (as rsync -a without -D)
    int reservedSkipped = 0; // names lanwatch keeps for itself (.lanwatch-versions, .lanwatch-tmp-*) in the source
    int staleTempsRemoved = 0; // temp files of an earlier run that crashed, cleaned up first
    qint64 bytes = 0;
    bool heldBack = false; // a safety check stopped the run before it touched anything
    QString heldBackReason;
    bool deletionsSkipped = false; // mirror deletions were planned but not done (see deletionsSkippedReason)
    QString deletionsSkippedReason;
    QString stopReason;     // Failed: why the run stopped
    QStringList errors;     // per-entry problems, each naming its path; the run went on with the others
    QStringList notes;      // things said once: file system quirks detected, mounts not crossed, ...
    QStringList skippedPaths; // special files and reserved names that were skipped (for --verbose)
    qint64 elapsedMs = 0;
    QString versionsFolder; // where this run kept replaced/deleted files, if it did
    bool dryRun = false;
    bool cancelled = false;

    RunOutcome outcome() const;
    bool changedSomething() const { return copied + updated + deleted + foldersDeleted + dirsMade + metadataUpdated > 0; }
};

struct RunOptions
{
    bool dryRun = false; // plan only
    bool force = false;  // go ahead past the deletion threshold (after the user checked)
    // Called for each action just before it is applied, in plan order, on the run's thread (the CLI
    // prints its lines from here).
    std::function<void(const SyncAction &)> onAction = {};
};

using ProgressFn = std::function<void(int done, int total, const QString &path)>;

// Plans and applies one run. Fails (nothing changed) when the source is missing or unreadable.
Result<SyncReport> runSync(const SyncPair &pair, const RunOptions &options, const std::atomic_bool *cancel,
                           ProgressFn progress = {});
// The same with a plan the caller already has (the dialog's preview, a held-back run the user confirmed).
// Every action is re-checked against the disk as it is applied: a copy whose source changed since the
// plan is still copied as it is now, a deletion whose entry came back in the source is not done, and
// nothing is done through a folder that changed kind or identity since the plan.
Result<SyncReport> applyPlan(const SyncPair &pair, const SyncPlan &plan, const RunOptions &options,
                             const std::atomic_bool *cancel, ProgressFn progress = {});

namespace testing {
// Called after a file's bytes are copied and before it is re-checked: lets a test change the source
// "during" the copy deterministically. Not for production use; pass {} to remove.
void setAfterCopyHook(std::function<void(const QString &relativePath)> hook);
// Called in runSync between planning and applying (once, before the first batch of a streamed run):
// lets a test swap a folder for a symlink or a file between plan and apply. Not for production use;
// pass {} to remove.
void setBeforeApplyHook(std::function<void()> hook);
// Creations per batch (a run with more than one batch of creations streams: plans twice, applies in
// batches). Lets tests take the streamed path with small trees. 0 restores the default.
void setStreamBatch(int actions);
} // namespace testing

// Why a plan needs confirmation (deletion threshold, emptied source); empty when it does not.
QString holdBackReason(const SyncPair &pair, const SyncPlan &plan);

} // namespace lanwatch::sync
