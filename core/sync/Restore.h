// Restore: lists what a mirror kept in DST/.lanwatch-versions and brings chosen paths back, never losing data.
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace lanwatch::sync {

// One thing a snapshot holds at a relative path. Folders are listed through their contents; only an
// empty folder is an entry of its own (a deleted empty folder).
struct VersionEntry
{
    enum class Type : quint8 { File, Symlink, Dir };
    Type type = Type::File;
    qint64 size = 0;
};

// DST/.lanwatch-versions/<stamp>: what the run at <stamp> replaced or deleted, as it was before that run.
struct VersionSnapshot
{
    QDateTime stamp;                        // UTC, from the folder name (yyyy-MM-ddTHH-mm-ss-zzz)
    QString name;                           // the folder name
    QMap<QByteArray, VersionEntry> entries; // relative path ('/'-separated, file-system bytes) -> entry
};

struct VersionIndex
{
    QString destination;              // absolute
    QList<VersionSnapshot> snapshots; // oldest first
    // Relative path -> indexes into snapshots that hold a version of it, oldest first.
    QMap<QByteArray, QList<int>> paths;
    QStringList warnings; // folders inside the versions that could not be read (skipped)
};

// Reads DST/.lanwatch-versions. Fails when DST or its versions folder is missing or unreadable.
Result<VersionIndex> listVersions(const QString &dst);

// A PATH argument as a relative path in file-system bytes ("" = everything). Rejects absolute paths,
// ".." components and paths inside the versions folder, with a message saying so.
Result<QByteArray> restorePathArgument(const QString &path);

// True when relativePath is selection itself or lies inside it (whole components: "docs" selects
// "docs/a.txt", not "docs2/x"). An empty selection selects everything.
bool restoreSelects(const QByteArray &selection, const QByteArray &relativePath);

// --at TIME: "2026-11-23T14:05", "2026-11-23 14:05:00", with optional ".zzz" and "Z" or "+01:00"
// (local time without one), a bare date (local midnight), or "@EPOCH" (seconds, may have a fraction).
// Returns the moment in UTC, or nothing when text is none of these.
std::optional<QDateTime> parseRestoreTime(const QString &text);

// The stamp as the CLI shows it: "2026-11-23 14:05:01 UTC" (withMs: "2026-11-23 14:05:01.123 UTC").
QString formatStamp(const QDateTime &utc, bool withMs = false);

struct RestoreItem
{
    enum class Action : quint8 {
        Restore,       // nothing at the path in the target
        Replace,       // something different is there: it is kept first (new snapshot, or moved aside with --to)
        SkipIdentical, // the target already holds the same bytes (or link target, or folder)
    };
    QByteArray path;     // relative, file-system bytes
    QString displayPath; // the same, decoded for messages
    int snapshot = -1;   // index into RestorePlan::index.snapshots
    VersionEntry::Type type = VersionEntry::Type::File;
    Action action = Action::Restore;
};

struct RestorePlan
{
    VersionIndex index;
    QString target;              // absolute: DST itself, or --to DIR
    bool intoDestination = true; // replaced files go into a new snapshot (else: NAME.lanwatch-replaced-<stamp>)
    std::optional<QDateTime> at; // UTC
    QList<RestoreItem> items;    // in path order
    int unchanged = 0;           // selected paths with versions, none of them later than at: left alone
    QStringList problems;        // selected paths that cannot be restored, each naming its path: counted failed

    QDateTime stampOf(const RestoreItem &item) const { return index.snapshots.at(item.snapshot).stamp; }
};

// DST must be a folder; paths must pass restorePathArgument; to, when given, must not be inside
// DST's versions folder and must be a folder if it exists. The message says which argument is wrong.
Result<void> validateRestoreArguments(const QString &dst, const QStringList &paths, const QString &to);

// Chooses, for each selected path, the version to bring back. Without at: the newest (undoes the last
// change). With at = T: the version from the earliest snapshot later than T (the path as it was at T);
// a path without one has not changed since T and is left alone. Looks at the target (read only) to
// tell restore, replace and identical apart. Fails when there is nothing to restore from at all.
Result<RestorePlan> planRestore(const QString &dst, std::optional<QDateTime> at, const QStringList &paths,
                                const QString &to = {});

struct RestoreReport
{
    int restored = 0;       // written (new or replacing something)
    int identical = 0;      // skipped: the target already held the same content
    int failed = 0;         // including the plan's problems
    QStringList errors;     // one per failed path, naming it
    QString keptIn;         // into DST: the new snapshot folder holding what was replaced, if any
    QStringList movedAside; // with --to: the NAME.lanwatch-replaced-<stamp> paths (relative to the target)
};

// Called after each item: error is empty when it was restored or skipped as identical.
using RestoreItemFn = std::function<void(const RestoreItem &item, const QString &error)>;

// Writes the plan's items (temp file + rename, the version's mode and times, missing parent folders
// made), relative to directory descriptors that never follow a symbolic link below the target folder.
// Fails as a whole only when the target or the versions folder cannot be opened.
Result<RestoreReport> applyRestore(const RestorePlan &plan, const RestoreItemFn &onItem = {},
                                   const std::atomic_bool *cancel = nullptr);

} // namespace lanwatch::sync
