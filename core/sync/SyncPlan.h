// SyncPlan: the actions a run would take (a value you can show before anything is touched).
#pragma once

#include "core/Result.h"
#include "core/sync/SyncPair.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <sys/types.h>
#include <vector>

namespace lanwatch::sync {

struct SyncAction
{
    enum class Kind : quint8 { MakeDir, Copy, Update, Symlink, Delete, Metadata };
    enum class Reason : quint8 {
        New,
        TypeChanged,
        SizeChanged,
        Newer,
        Older,
        LinkChanged,
        PermissionsChanged,
        OwnerChanged,
        FolderMetadata,
        NotInSource,
    };
    Kind kind = Kind::Copy;
    Reason reason = Reason::New;
    bool isDir = false;
    bool replaces = false; // an entry of another type is in the way (moved to the versions folder first)
    QByteArray pathBytes;  // relative, '/'-separated, in the file system's own bytes
    qint64 bytes = 0;

    // Source metadata at planning time (Delete: the destination entry's), so the runner needs no second walk.
    qint64 mtimeSec = 0;
    qint64 mtimeNsec = 0;
    uint mode = 0; // permission bits with setuid/setgid/sticky
    uid_t uid = 0;
    gid_t gid = 0;
    // Delete: the destination entry's identity, re-checked before it is moved. Delete of a folder: the
    // number of entries inside it (moved with it).
    dev_t device = 0;
    ino_t inode = 0;
    int inside = 0;

    QString relativePath() const; // for display
    QString reasonText() const;   // translated
    bool operator==(const SyncAction &o) const
    {
        return kind == o.kind && pathBytes == o.pathBytes && bytes == o.bytes && mtimeSec == o.mtimeSec &&
               mtimeNsec == o.mtimeNsec && mode == o.mode && inode == o.inode;
    }
};
// "mkdir","copy","update","symlink","delete","metadata": stable words for the CLI's plan lines.
QString actionKindName(SyncAction::Kind kind);
QString actionKindText(SyncAction::Kind kind); // the same, translated, for the GUI

// What a destination's file system can keep, found from statfs and (when writing) a probe file.
struct FsTraits
{
    int mtimeGranularitySeconds = 0; // 2 on FAT: times are compared within this
    bool permissions = true;         // chmod is kept
    bool symlinks = true;
    bool owners = true;
    QString name; // "vfat", "exfat", "fuse", ... when it is a limited one; empty otherwise
    bool limited() const { return mtimeGranularitySeconds > 0 || !permissions || !symlinks || !owners; }
};

struct SyncPlan
{
    QList<SyncAction> actions; // creations and updates in path order, then deletions, then folder metadata
    int destinationFiles = 0;  // non-folders in the destination before the run
    int sourceFiles = 0;
    QStringList conflicts;    // update mode: a file where the source has a folder (or the reverse)
    QStringList sourceErrors; // folders that could not be listed, entries that could not be stat'ed
    QStringList destinationErrors;
    QStringList notes;        // said once: file system detected, mounts not crossed, ...
    // Mirror deletions that are kept because the source could not be read completely (as rsync does
    // after an I/O error): they are not in actions.
    int deletionsKept = 0;
    int specialSkipped = 0;   // FIFOs, sockets, devices in the source
    int reservedSkipped = 0;  // .lanwatch-versions / .lanwatch-tmp-* in the source
    QStringList skippedPaths; // both of the above, by path
    std::vector<QByteArray> staleTemps; // temp files of a crashed run found in the destination
    FsTraits destinationTraits;
    int toleranceSeconds = 0; // the pair's, widened to the destination's time granularity
    // The two roots as planned: applying refuses if either is another folder by then (a disk mounted
    // or unmounted in between, a root swapped for a symlink).
    dev_t sourceDevice = 0;
    ino_t sourceInode = 0;
    dev_t destinationDevice = 0;
    ino_t destinationInode = 0;
    bool destinationExists = false;

    int copies() const;
    int updates() const;
    int deletions() const; // files and folders, the contents of deleted folders included
    int fileDeletions() const;
    qint64 bytesToCopy() const;
    bool isEmpty() const { return actions.isEmpty(); }
    bool hasReadErrors() const { return !sourceErrors.isEmpty(); }
    // True when the deletions exceed percent of the destination's files, or remove all of them.
    bool exceedsDeleteThreshold(int percent) const;
    // Same actions on the same entries: "Sync anyway" applies a shown plan only while this holds.
    bool sameActions(const SyncPlan &other) const { return actions == other.actions; }
};

struct PlanOptions
{
    bool probeDestination = true; // may write (and remove) one probe file to learn the destination's traits
};

// Walks source and destination and compares them by relative path, type, size, mtime (whole
// seconds, widened by the tolerance), permissions and (as root) owner. Fails when the source is
// missing or unreadable as a whole; read errors inside it are listed in sourceErrors.
Result<SyncPlan> planSync(const SyncPair &pair, const std::atomic_bool *cancel = nullptr, const PlanOptions &options = {});

} // namespace lanwatch::sync
