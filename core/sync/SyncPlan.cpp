// The directory diff: two sorted walks merged into a plan of actions, with the destination's file
// system quirks (FAT's 2-second times, no permissions) learned first so that a no-change run is empty.
#include "core/sync/SyncPlan.h"

#include "core/sync/FileTree.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <thread>
#include <unistd.h>

namespace lanwatch::sync {

namespace {

using T = TreeEntry::Type;
using K = SyncAction::Kind;
using Why = SyncAction::Reason;

QByteArray readLink(const QString &root, const QByteArray &relative)
{
    const QByteArray full = QFile::encodeName(root) + '/' + relative;
    char buffer[4096];
    const ssize_t n = ::readlink(full.constData(), buffer, sizeof(buffer));
    return n < 0 ? QByteArray() : QByteArray(buffer, n);
}

// statfs magic numbers of the file systems that cannot keep what rsync -a keeps.
constexpr long MsdosMagic = 0x4d44;
constexpr long ExfatMagic = 0x2011BAB0;
constexpr long FuseMagic = 0x65735546;
constexpr long NtfsMagic = 0x5346544e;
constexpr long Ntfs3Magic = 0x7366746e;
constexpr long SmbMagic = 0xFE534D42;
constexpr long CifsMagic = 0xFF534D42;

// What the destination keeps: statfs names the obvious cases, and a probe file (when writing is
// allowed) measures the rest, so FUSE and network file systems are handled by what they do.
FsTraits destinationTraits(const QString &destination, bool probe)
{
    FsTraits traits;
    const QByteArray path = QFile::encodeName(destination);
    struct statfs fs = {};
    if (::statfs(path.constData(), &fs) == 0) {
        switch (static_cast<long>(fs.f_type)) {
        case MsdosMagic:
            traits = {2, false, false, false, QStringLiteral("vfat")};
            break;
        case ExfatMagic:
            traits = {2, false, false, false, QStringLiteral("exfat")};
            break;
        case NtfsMagic:
        case Ntfs3Magic:
            traits.name = QStringLiteral("ntfs");
            break;
        case SmbMagic:
        case CifsMagic:
            traits.name = QStringLiteral("smb");
            break;
        case FuseMagic:
            traits.name = QStringLiteral("fuse");
            break;
        default:
            break;
        }
    }
    if (!probe)
        return traits;
    // Probed once per destination folder and file system (the poll plans every few seconds; a USB
    // stick should not get a probe file each time).
    struct stat rootStat = {};
    if (::stat(path.constData(), &rootStat) != 0)
        return traits;
    const QString key = destination + QLatin1Char('|') + QString::number(quint64(rootStat.st_dev)) +
                        QLatin1Char('|') + QString::number(quint64(rootStat.st_ino));
    static QMutex cacheMutex;
    static QHash<QString, FsTraits> cache;
    {
        QMutexLocker lock(&cacheMutex);
        if (const auto it = cache.constFind(key); it != cache.constEnd())
            return *it;
    }
    const int dir = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return traits;
    const QByteArray name = QByteArray(TempPrefix) + "probe-" + QByteArray::number(::getpid());
    const int fd = ::openat(dir, name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        // An odd second with nanoseconds: FAT keeps even seconds, exFAT drivers often the same.
        const timespec times[2] = {{1000000001, 500000000}, {1000000001, 500000000}};
        struct stat st = {};
        if (::futimens(fd, times) == 0 && ::fstat(fd, &st) == 0 && st.st_mtim.tv_sec != 1000000001)
            traits.mtimeGranularitySeconds = std::max(traits.mtimeGranularitySeconds, 2);
        if (::fchmod(fd, 0640) != 0 || ::fstat(fd, &st) != 0 || (st.st_mode & 07777) != 0640)
            traits.permissions = false;
        else if (::fchmod(fd, 0604) != 0 || ::fstat(fd, &st) != 0 || (st.st_mode & 07777) != 0604)
            traits.permissions = false;
        else
            traits.permissions = true;
        if (::geteuid() == 0) {
            const bool owned = ::fchown(fd, 1, 1) == 0 && ::fstat(fd, &st) == 0 && st.st_uid == 1 && st.st_gid == 1;
            traits.owners = owned;
        }
        ::close(fd);
        ::unlinkat(dir, name.constData(), 0);
        const QByteArray link = name + "-link";
        traits.symlinks = ::symlinkat("probe", dir, link.constData()) == 0;
        if (traits.symlinks)
            ::unlinkat(dir, link.constData(), 0);
    }
    ::close(dir);
    if (traits.limited() && traits.name.isEmpty())
        traits.name = QStringLiteral("?");
    QMutexLocker lock(&cacheMutex);
    cache.insert(key, traits);
    return traits;
}

QString traitsNote(const QString &destination, const FsTraits &t)
{
    QStringList lacks;
    if (t.mtimeGranularitySeconds > 0)
        lacks << QCoreApplication::translate("SyncPlan", "modification times to %n seconds only", nullptr,
                                             t.mtimeGranularitySeconds);
    if (!t.permissions)
        lacks << QCoreApplication::translate("SyncPlan", "no permissions");
    if (!t.symlinks)
        lacks << QCoreApplication::translate("SyncPlan", "no symbolic links");
    if (!t.owners && ::geteuid() == 0)
        lacks << QCoreApplication::translate("SyncPlan", "no owners");
    return QCoreApplication::translate("SyncPlan",
                                       "The destination %1 is on a file system (%2) that keeps %3: times are compared "
                                       "within its precision and what it cannot keep is not compared.")
        .arg(destination, t.name, lacks.join(QStringLiteral(", ")));
}

} // namespace

QString SyncAction::relativePath() const
{
    return QFile::decodeName(pathBytes);
}

QString SyncAction::reasonText() const
{
    switch (reason) {
    case Why::New:
        return QCoreApplication::translate("SyncPlan", "new");
    case Why::TypeChanged:
        return QCoreApplication::translate("SyncPlan", "type changed");
    case Why::SizeChanged:
        return QCoreApplication::translate("SyncPlan", "size changed");
    case Why::Newer:
        return QCoreApplication::translate("SyncPlan", "newer");
    case Why::Older:
        return QCoreApplication::translate("SyncPlan", "older");
    case Why::LinkChanged:
        return QCoreApplication::translate("SyncPlan", "link changed");
    case Why::PermissionsChanged:
        return QCoreApplication::translate("SyncPlan", "permissions changed");
    case Why::OwnerChanged:
        return QCoreApplication::translate("SyncPlan", "owner changed");
    case Why::FolderMetadata:
        return QCoreApplication::translate("SyncPlan", "folder times");
    case Why::NotInSource:
        return QCoreApplication::translate("SyncPlan", "not in source");
    }
    return {};
}

QString actionKindName(SyncAction::Kind kind)
{
    switch (kind) {
    case K::MakeDir:
        return QStringLiteral("mkdir");
    case K::Copy:
        return QStringLiteral("copy");
    case K::Update:
        return QStringLiteral("update");
    case K::Symlink:
        return QStringLiteral("symlink");
    case K::Delete:
        return QStringLiteral("delete");
    case K::Metadata:
        return QStringLiteral("metadata");
    }
    return {};
}

QString actionKindText(SyncAction::Kind kind)
{
    switch (kind) {
    case K::MakeDir:
        return QCoreApplication::translate("SyncPlan", "create folder");
    case K::Copy:
        return QCoreApplication::translate("SyncPlan", "copy");
    case K::Update:
        return QCoreApplication::translate("SyncPlan", "update");
    case K::Symlink:
        return QCoreApplication::translate("SyncPlan", "link");
    case K::Delete:
        return QCoreApplication::translate("SyncPlan", "delete");
    case K::Metadata:
        return QCoreApplication::translate("SyncPlan", "permissions and times");
    }
    return {};
}

int SyncPlan::copies() const
{
    return int(std::count_if(actions.begin(), actions.end(),
                             [](const SyncAction &a) { return a.kind == K::Copy || a.kind == K::Symlink; }));
}
int SyncPlan::updates() const
{
    return int(std::count_if(actions.begin(), actions.end(), [](const SyncAction &a) { return a.kind == K::Update; }));
}
int SyncPlan::deletions() const
{
    int n = 0;
    for (const SyncAction &a : actions)
        if (a.kind == K::Delete)
            n += 1 + a.inside;
    return n;
}
int SyncPlan::fileDeletions() const
{
    // Files leave the destination's live tree through deletions and through folders replaced by a file.
    int n = 0;
    for (const SyncAction &a : actions) {
        if (a.kind == K::Delete)
            n += a.isDir ? a.inside : 1;
        else if (a.replaces)
            n += a.inside;
    }
    return n;
}
qint64 SyncPlan::bytesToCopy() const
{
    qint64 total = 0;
    for (const SyncAction &a : actions)
        if (a.kind == K::Copy || a.kind == K::Update)
            total += a.bytes;
    return total;
}
bool SyncPlan::exceedsDeleteThreshold(int percent) const
{
    const int deleting = fileDeletions();
    if (destinationFiles == 0 || deleting == 0)
        return false;
    return deleting >= destinationFiles || qint64(deleting) * 100 > qint64(percent) * destinationFiles;
}

Result<SyncPlan> planSync(const SyncPair &pair, const std::atomic_bool *cancel, const PlanOptions &options)
{
    using R = Result<SyncPlan>;
    const ExcludeRules rules(pair.excludes);
    SyncPlan plan;

    // The two walks are independent and bound by syscalls: run the destination's on a second thread.
    std::optional<Result<TreeWalk>> dst;
    plan.destinationExists = QFileInfo::exists(pair.destination);
    std::thread dstThread;
    if (plan.destinationExists)
        dstThread = std::thread([&] {
            dst = walkTree(pair.destination, rules, {WalkOptions::Side::Destination, false}, cancel);
        });
    auto src = walkTree(pair.source, rules, {WalkOptions::Side::Source, pair.oneFileSystem}, cancel);
    if (dstThread.joinable())
        dstThread.join();
    if (!src)
        return R::failure(QCoreApplication::translate("SyncPlan", "Source: %1 Nothing was changed.").arg(src.error()));
    plan.sourceErrors = src->errors;
    plan.notes << src->notes;
    plan.sourceFiles = src->files;
    plan.sourceDevice = src->rootDevice;
    plan.sourceInode = src->rootInode;
    plan.specialSkipped = src->special;
    plan.reservedSkipped = src->reserved;
    plan.skippedPaths = src->skipped;

    TreeWalk dstWalk;
    if (dst) {
        if (!dst->ok())
            return R::failure(
                QCoreApplication::translate("SyncPlan", "Destination: %1 Nothing was changed.").arg(dst->error()));
        dstWalk = std::move(dst->value());
    }
    plan.destinationErrors = dstWalk.errors;
    plan.destinationFiles = dstWalk.files;
    plan.destinationDevice = dstWalk.rootDevice;
    plan.destinationInode = dstWalk.rootInode;
    plan.staleTemps = dstWalk.staleTemps;
    if (cancel && cancel->load())
        return R::failure(QCoreApplication::translate("SyncPlan", "Cancelled."));

    if (plan.destinationExists) {
        plan.destinationTraits = destinationTraits(pair.destination, options.probeDestination);
        if (plan.destinationTraits.limited())
            plan.notes << traitsNote(pair.destination, plan.destinationTraits);
    }
    const FsTraits &traits = plan.destinationTraits;
    const bool root = ::geteuid() == 0;
    const bool compareOwners = root && traits.owners;
    plan.toleranceSeconds = std::max(pair.mtimeToleranceSeconds, traits.mtimeGranularitySeconds);
    const qint64 tolerance = plan.toleranceSeconds;

    // Both walks are in the same path order: one merge pairs every entry with its counterpart.
    const std::deque<TreeEntry> &srcEntries = src->entries;
    const std::deque<TreeEntry> &dstEntries = dstWalk.entries;
    std::vector<const TreeEntry *> counterpart(srcEntries.size(), nullptr);
    std::vector<char> dstInSource(dstEntries.size(), 0);
    for (std::size_t i = 0, j = 0; i < srcEntries.size() && j < dstEntries.size();) {
        if (pathLess(srcEntries[i].path, dstEntries[j].path)) {
            ++i;
        } else if (pathLess(dstEntries[j].path, srcEntries[i].path)) {
            ++j;
        } else {
            counterpart[i] = &dstEntries[j];
            dstInSource[j] = 1;
            ++i;
            ++j;
        }
    }
    // What lives under a destination folder, counted once: a folder that goes away takes it along.
    const auto countInside = [&](std::size_t j, int *files) {
        const QByteArray &folder = dstEntries[j].path;
        int all = 0;
        int nonDirs = 0;
        for (std::size_t k = j + 1; k < dstEntries.size() && pathUnder(dstEntries[k].path, folder); ++k) {
            ++all;
            if (dstEntries[k].type != T::Dir)
                ++nonDirs;
        }
        *files = nonDirs;
        return all;
    };
    std::vector<std::size_t> dstIndex(srcEntries.size(), 0);
    for (std::size_t i = 0, j = 0; i < srcEntries.size(); ++i) {
        if (!counterpart[i])
            continue;
        while (&dstEntries[j] != counterpart[i])
            ++j;
        dstIndex[i] = j;
    }

    const auto makeAction = [](K kind, const TreeEntry &e, Why reason) {
        SyncAction a;
        a.kind = kind;
        a.reason = reason;
        a.pathBytes = e.path;
        a.bytes = e.type == T::File ? e.size : 0;
        a.isDir = e.type == T::Dir;
        a.mtimeSec = e.mtimeSec;
        a.mtimeNsec = e.mtimeNsec;
        a.mode = e.mode;
        a.uid = e.uid;
        a.gid = e.gid;
        return a;
    };
    const auto timesDiffer = [tolerance](const TreeEntry &s, const TreeEntry &d) {
        if (tolerance > 0)
            return std::llabs(d.mtimeSec - s.mtimeSec) > tolerance;
        return d.mtimeSec != s.mtimeSec;
    };
    const auto metadataDiffers = [&](const TreeEntry &s, const TreeEntry &d) -> std::optional<Why> {
        if (traits.permissions && s.type != T::Symlink && d.mode != s.mode)
            return Why::PermissionsChanged;
        if (compareOwners && (d.uid != s.uid || d.gid != s.gid))
            return Why::OwnerChanged;
        return std::nullopt;
    };

    QList<SyncAction> folderMetadata;
    std::vector<QByteArray> skippedFolders; // update-mode conflicts and folders replaced wholesale
    for (std::size_t index = 0; index < srcEntries.size(); ++index) {
        const TreeEntry &s = srcEntries[index];
        if (!skippedFolders.empty() && pathUnder(s.path, skippedFolders.back()))
            continue;
        const TreeEntry *d = counterpart[index];
        if (s.type == T::Other)
            continue; // FIFOs, sockets, devices: reported by the walk, never synced, their counterpart kept
        const bool typeClash = d && d->type != s.type;
        if (typeClash && pair.mode == SyncMode::Update) {
            plan.conflicts << QCoreApplication::translate(
                                  "SyncPlan",
                                  "%1: the destination has a %2 where the source has a %3; left as it is (update mode "
                                  "never deletes).")
                                  .arg(QFile::decodeName(s.path),
                                       d->type == T::Dir ? QCoreApplication::translate("SyncPlan", "folder")
                                                         : QCoreApplication::translate("SyncPlan", "file"),
                                       s.type == T::Dir ? QCoreApplication::translate("SyncPlan", "folder")
                                                        : QCoreApplication::translate("SyncPlan", "file"));
            if (s.type == T::Dir)
                skippedFolders.push_back(s.path);
            continue;
        }
        // A destination entry of another kind in the way goes to the versions folder whole, with all
        // that is inside it; nothing inside it is acted on one by one (it is no longer there).
        const auto replacing = [&](SyncAction &a) {
            a.replaces = true;
            a.reason = Why::TypeChanged;
            if (d->type == T::Dir) {
                int files = 0;
                countInside(dstIndex[index], &files);
                a.inside = files;
            }
        };
        switch (s.type) {
        case T::Dir: {
            if (!d || typeClash) {
                SyncAction a = makeAction(K::MakeDir, s, Why::New);
                if (typeClash)
                    replacing(a);
                plan.actions.append(a);
            }
            if (!d || typeClash || timesDiffer(s, *d) || (tolerance == 0 && d->mtimeNsec != s.mtimeNsec) ||
                metadataDiffers(s, *d))
                folderMetadata.prepend(makeAction(K::Metadata, s, Why::FolderMetadata));
            break;
        }
        case T::File: {
            if (!d || typeClash) {
                SyncAction a = makeAction(K::Copy, s, Why::New);
                if (typeClash)
                    replacing(a);
                plan.actions.append(a);
            } else if (d->size != s.size) {
                plan.actions.append(makeAction(K::Update, s, Why::SizeChanged));
            } else if (timesDiffer(s, *d)) {
                plan.actions.append(makeAction(K::Update, s, d->mtimeSec < s.mtimeSec ? Why::Newer : Why::Older));
            } else if (const auto why = metadataDiffers(s, *d)) {
                plan.actions.append(makeAction(K::Metadata, s, *why));
            }
            break;
        }
        case T::Symlink: {
            if (!d || typeClash) {
                SyncAction a = makeAction(K::Symlink, s, Why::New);
                if (typeClash)
                    replacing(a);
                plan.actions.append(a);
            } else if (readLink(pair.source, s.path) != readLink(pair.destination, s.path)) {
                SyncAction a = makeAction(K::Symlink, s, Why::LinkChanged);
                a.replaces = true;
                plan.actions.append(a);
            } else if (compareOwners && (d->uid != s.uid || d->gid != s.gid)) {
                plan.actions.append(makeAction(K::Metadata, s, Why::OwnerChanged));
            }
            break;
        }
        case T::Other:
            break;
        }
    }

    if (pair.mode == SyncMode::Mirror) {
        // rsync's rule: after any read error in the source, no deletion at all (its exit 23). What we
        // could not read may be exactly what would be deleted.
        const bool keepAll = !plan.sourceErrors.isEmpty();
        // Destination folders whose insides are not compared one by one: replaced whole by another kind
        // (they go to the versions folder with their contents), or facing a FIFO/socket that is not synced.
        std::vector<QByteArray> gone;
        for (std::size_t i = 0; i < srcEntries.size(); ++i)
            if (counterpart[i] && counterpart[i]->type == T::Dir && srcEntries[i].type != T::Dir)
                gone.push_back(srcEntries[i].path);
        std::sort(gone.begin(), gone.end(), pathLess);
        std::size_t goneAt = 0;
        QByteArray lastGone;
        for (std::size_t j = 0; j < dstEntries.size(); ++j) {
            const TreeEntry &d = dstEntries[j];
            while (goneAt < gone.size() && pathLess(gone[goneAt], d.path) && !pathUnder(d.path, gone[goneAt]))
                ++goneAt;
            if (goneAt < gone.size() && pathUnder(d.path, gone[goneAt]))
                continue;
            if (!lastGone.isEmpty() && pathUnder(d.path, lastGone))
                continue;
            if (dstInSource[j])
                continue;
            // Under a source folder that was not read (a mount not crossed): its copy stays.
            if (std::any_of(src->unreadable.begin(), src->unreadable.end(),
                            [&](const QByteArray &u) { return !u.isEmpty() && pathUnder(d.path, u); }))
                continue;
            SyncAction a = makeAction(K::Delete, d, Why::NotInSource);
            a.device = d.device;
            a.inode = d.inode;
            if (d.type == T::Dir && d.holdsExcluded) {
                // Excluded entries are not ours to delete (as rsync without --delete-excluded): the folder
                // stays, and what is not excluded inside it is deleted one by one.
                plan.notes << QCoreApplication::translate("SyncPlan",
                                                          "%1 is kept: it holds excluded entries, which a mirror "
                                                          "never deletes.")
                                  .arg(QFile::decodeName(d.path));
                continue;
            }
            if (d.type == T::Dir) {
                int files = 0;
                countInside(j, &files);
                a.inside = files;
                lastGone = d.path;
            }
            if (keepAll) {
                plan.deletionsKept += d.type == T::Dir ? 1 + a.inside : 1;
                continue;
            }
            plan.actions.append(a);
        }
    }
    plan.actions.append(folderMetadata);
    return plan;
}

} // namespace lanwatch::sync
