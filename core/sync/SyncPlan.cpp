// The directory diff: two sorted walks merged into a plan of actions, with the destination's file
// system quirks (FAT's 2-second times, no permissions) learned first so that a no-change run is empty.
#include "core/sync/SyncPlan.h"
#include "core/ErrnoText.h"

#include "core/sync/FileTree.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <functional>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <thread>
#include <unistd.h>

namespace lanwatch::sync {

namespace {

using T = TreeEntry::Type;
using K = SyncAction::Kind;
using Why = SyncAction::Reason;

QByteArray readLinkAt(int dirFd, const QByteArray &name)
{
    char buffer[4096];
    const ssize_t n = ::readlinkat(dirFd, name.constData(), buffer, sizeof(buffer));
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
    // The probe leaves the folder's own times as they were: a refused or dry run changes nothing.
    struct stat dirBefore = {};
    ::fstat(dir, &dirBefore);
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
        const timespec dirTimes[2] = {dirBefore.st_atim, dirBefore.st_mtim};
        ::futimens(dir, dirTimes);
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
    int n = created.replacedFiles;
    for (const SyncAction &a : actions)
        if (a.kind == K::Delete)
            n += a.isDir ? a.inside : 1;
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

namespace {

// Walks source and destination in step, one folder at a time, and keeps only what must change.
class Planner
{
public:
    Planner(const SyncPair &pair, const std::atomic_bool *cancel, SyncPlan &plan)
        : m_pair(pair), m_rules(pair.excludes), m_cancel(cancel), m_plan(plan),
          m_mirror(pair.mode == SyncMode::Mirror)
    {}

    void setTraits(const FsTraits &traits)
    {
        m_compareOwners = ::geteuid() == 0 && traits.owners;
        m_comparePermissions = traits.permissions;
        m_tolerance = std::max(m_pair.mtimeToleranceSeconds, traits.mtimeGranularitySeconds);
        m_plan.toleranceSeconds = int(m_tolerance);
    }

    bool cancelled() const { return m_stopped || (m_cancel && m_cancel->load(std::memory_order_relaxed)); }

    // Both descriptors stay the caller's; dstFd is -1 when the destination has no such folder yet.
    void mergeFolder(int srcFd, int dstFd, const QByteArray &prefix, dev_t srcDevice)
    {
        if (cancelled())
            return;
        FolderListing src = listFolder(srcFd, prefix, TreeSide::Source, m_rules, m_pair.source);
        if (!src.complete)
            m_plan.sourceErrors << src.error;
        for (const QByteArray &name : src.reserved) {
            ++m_plan.reservedSkipped;
            m_plan.skippedPaths << QCoreApplication::translate(
                                       "SyncPlan", "%1: a name lanwatch keeps for itself in destinations; not synced")
                                       .arg(QFile::decodeName(join(prefix, name)));
        }
        FolderListing dst;
        if (dstFd >= 0) {
            dst = listFolder(dstFd, prefix, TreeSide::Destination, m_rules, m_pair.destination);
            if (!dst.complete)
                m_plan.destinationErrors << dst.error;
            for (const QByteArray &name : dst.temps)
                m_plan.staleTemps.push_back(join(prefix, name));
        }
        std::size_t i = 0;
        std::size_t j = 0;
        while ((i < src.entries.size() || j < dst.entries.size()) && !cancelled()) {
            if (j >= dst.entries.size() || (i < src.entries.size() && src.entries[i].name < dst.entries[j].name)) {
                sourceOnly(srcFd, prefix, src.entries[i++], srcDevice);
            } else if (i >= src.entries.size() || dst.entries[j].name < src.entries[i].name) {
                destinationOnly(dstFd, prefix, dst.entries[j++]);
            } else {
                both(srcFd, dstFd, prefix, src.entries[i], dst.entries[j], srcDevice);
                ++i;
                ++j;
            }
        }
    }

    // Creations and updates: counted, then stored in the plan or handed to the caller's sink.
    void emit(SyncAction &&a)
    {
        SyncPlan::Counts &c = m_plan.created;
        // Something of another kind in the way is replaced: an update, as the runner counts it.
        const bool replacing = a.replaces && (a.kind == K::Copy || a.kind == K::Symlink);
        switch (a.kind) {
        case K::MakeDir:
            ++c.folders;
            ++c.entries;
            break;
        case K::Copy:
            ++(replacing ? c.updates : c.copies);
            ++c.entries;
            break;
        case K::Update:
            ++c.updates;
            ++c.entries;
            break;
        case K::Symlink:
            ++(replacing ? c.updates : c.links);
            ++c.entries;
            break;
        case K::Metadata:
            ++c.metadata;
            break;
        case K::Delete:
            break;
        }
        if (a.kind == K::Copy || a.kind == K::Update) {
            c.bytes += a.bytes;
            c.blocks += (a.bytes + m_blockSize - 1) / m_blockSize;
        }
        if (a.replaces)
            c.replacedFiles += a.inside;
        if (m_sink) {
            if (!m_sink(a))
                m_stopped = true;
        } else {
            m_plan.actions.append(std::move(a));
        }
    }
    void setSink(std::function<bool(const SyncAction &)> sink) { m_sink = std::move(sink); }
    void setBlockSize(qint64 size) { m_blockSize = size > 0 ? size : 4096; }

    QList<SyncAction> deletions;      // pre-order; appended after the creations
    QList<SyncAction> folderMetadata; // deepest first; appended last
    int deletionEntries = 0;          // entries those deletions remove (folders with their contents)

private:
    static QByteArray join(const QByteArray &prefix, const QByteArray &name)
    {
        return prefix.isEmpty() ? name : prefix + '/' + name;
    }

    SyncAction action(K kind, const QByteArray &path, const TreeEntry &e, Why reason) const
    {
        SyncAction a;
        a.kind = kind;
        a.reason = reason;
        a.pathBytes = path;
        a.bytes = e.type == T::File ? e.size : 0;
        a.isDir = e.type == T::Dir;
        a.mtimeSec = e.mtimeSec;
        a.mtimeNsec = e.mtimeNsec;
        a.mode = e.mode;
        a.uid = e.uid;
        a.gid = e.gid;
        a.device = e.device;
        a.inode = e.inode;
        return a;
    }

    bool timesDiffer(const TreeEntry &s, const TreeEntry &d) const
    {
        if (m_tolerance > 0)
            return std::llabs(d.mtimeSec - s.mtimeSec) > m_tolerance;
        return d.mtimeSec != s.mtimeSec;
    }
    std::optional<Why> metadataDiffers(const TreeEntry &s, const TreeEntry &d) const
    {
        if (m_comparePermissions && s.type != T::Symlink && d.mode != s.mode)
            return Why::PermissionsChanged;
        if (m_compareOwners && (d.uid != s.uid || d.gid != s.gid))
            return Why::OwnerChanged;
        return std::nullopt;
    }

    // Opens a child folder without following a link; on failure the error is recorded.
    int openChild(int parentFd, const QByteArray &path, const TreeEntry &e, bool source)
    {
        const int fd = ::openat(parentFd, e.name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 && errno != ENOENT) {
            const QString message = QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2")
                                        .arg((source ? m_pair.source : m_pair.destination) + QLatin1Char('/') +
                                                 QFile::decodeName(path),
                                             errnoText(errno));
            (source ? m_plan.sourceErrors : m_plan.destinationErrors) << message;
        }
        return fd;
    }

    // A source folder to descend into, unless it is another file system and the pair says not to cross.
    bool crossing(const QByteArray &path, const TreeEntry &s, dev_t parentDevice)
    {
        if (!m_pair.oneFileSystem || s.device == parentDevice)
            return true;
        m_plan.notes << QCoreApplication::translate("FileTree",
                                                    "%1 is another file system and was not crossed "
                                                    "(--one-file-system); its copy in the destination is kept.")
                            .arg(m_pair.source + QLatin1Char('/') + QFile::decodeName(path));
        return false;
    }

    void newFolderTree(int srcFd, const QByteArray &path, const TreeEntry &s, dev_t srcDevice)
    {
        if (!crossing(path, s, srcDevice))
            return;
        const int child = openChild(srcFd, path, s, true);
        if (child < 0)
            return;
        mergeFolder(child, -1, path, s.device);
        ::close(child);
    }

    void sourceOnly(int srcFd, const QByteArray &prefix, const TreeEntry &s, dev_t srcDevice)
    {
        const QByteArray path = join(prefix, s.name);
        if (s.type != T::Dir)
            ++m_plan.sourceFiles;
        switch (s.type) {
        case T::Other:
            special(path);
            return;
        case T::Dir:
            emit(action(K::MakeDir, path, s, Why::New));
            folderMetadata.prepend(action(K::Metadata, path, s, Why::FolderMetadata));
            newFolderTree(srcFd, path, s, srcDevice);
            return;
        case T::File:
            emit(action(K::Copy, path, s, Why::New));
            return;
        case T::Symlink:
            emit(action(K::Symlink, path, s, Why::New));
            return;
        }
    }

    void special(const QByteArray &path)
    {
        ++m_plan.specialSkipped;
        m_plan.skippedPaths << QCoreApplication::translate("FileTree",
                                                           "%1: a FIFO, socket or device; not synced (as rsync -a "
                                                           "without --devices --specials)")
                                   .arg(QFile::decodeName(path));
    }

    struct Subtree
    {
        int files = 0;
        bool holdsExcluded = false;
    };

    // A destination folder with no counterpart: its deletions, one for the folder when nothing inside is
    // excluded, else one per entry that is not (excluded entries are never deleted, as rsync without
    // --delete-excluded). emit=false only counts (a folder replaced whole by another kind).
    Subtree goneFolder(int parentFd, const QByteArray &path, const TreeEntry &d, bool emit)
    {
        Subtree out;
        const int fd = openChild(parentFd, path, d, false);
        if (fd < 0)
            return out;
        const FolderListing listing = listFolder(fd, path, TreeSide::Destination, m_rules, m_pair.destination);
        if (!listing.complete)
            m_plan.destinationErrors << listing.error;
        for (const QByteArray &name : listing.temps)
            m_plan.staleTemps.push_back(join(path, name));
        out.holdsExcluded = listing.excludedInside;
        const qsizetype mark = deletions.size();
        const int entriesMark = deletionEntries;
        for (const TreeEntry &e : listing.entries) {
            if (cancelled())
                break;
            const QByteArray childPath = join(path, e.name);
            if (e.type == T::Dir) {
                const Subtree sub = goneFolder(fd, childPath, e, emit);
                out.files += sub.files;
                out.holdsExcluded = out.holdsExcluded || sub.holdsExcluded;
            } else {
                ++out.files;
                if (emit) {
                    deletions.append(action(K::Delete, childPath, e, Why::NotInSource));
                    ++deletionEntries;
                }
            }
        }
        ::close(fd);
        if (!emit)
            return out;
        if (out.holdsExcluded) {
            m_plan.notes << QCoreApplication::translate("SyncPlan",
                                                        "%1 is kept: it holds excluded entries, which a mirror never "
                                                        "deletes.")
                                .arg(QFile::decodeName(path));
        } else {
            // Nothing inside is excluded: the folder goes whole, in one move.
            deletions.remove(mark, deletions.size() - mark);
            deletionEntries = entriesMark;
            SyncAction a = action(K::Delete, path, d, Why::NotInSource);
            a.inside = out.files;
            deletions.append(a);
            deletionEntries += 1 + out.files;
        }
        return out;
    }

    void destinationOnly(int dstFd, const QByteArray &prefix, const TreeEntry &d)
    {
        const QByteArray path = join(prefix, d.name);
        if (d.type != T::Dir) {
            ++m_plan.destinationFiles;
            if (m_mirror) {
                deletions.append(action(K::Delete, path, d, Why::NotInSource));
                ++deletionEntries;
            }
            return;
        }
        if (!m_mirror)
            return;
        const Subtree sub = goneFolder(dstFd, path, d, true);
        m_plan.destinationFiles += sub.files;
    }

    void both(int srcFd, int dstFd, const QByteArray &prefix, const TreeEntry &s, const TreeEntry &d,
              dev_t srcDevice)
    {
        const QByteArray path = join(prefix, s.name);
        if (s.type != T::Dir)
            ++m_plan.sourceFiles;
        if (d.type != T::Dir)
            ++m_plan.destinationFiles;
        if (s.type == T::Other) {
            special(path); // its counterpart is kept as it is
            return;
        }
        if (s.type != d.type) {
            if (!m_mirror) {
                const auto kind = [](T t) {
                    return t == T::Dir ? QCoreApplication::translate("SyncPlan", "folder")
                                       : QCoreApplication::translate("SyncPlan", "file");
                };
                m_plan.conflicts << QCoreApplication::translate("SyncPlan",
                                                                "%1: the destination has a %2 where the source has a "
                                                                "%3; left as it is (update mode never deletes).")
                                        .arg(QFile::decodeName(path), kind(d.type), kind(s.type));
                return;
            }
            // What is in the way goes to the versions folder whole, with all that is inside it.
            const auto replacing = [&](K kind) {
                SyncAction a = action(kind, path, s, Why::TypeChanged);
                a.replaces = true;
                if (d.type == T::Dir) {
                    const Subtree sub = goneFolder(dstFd, path, d, false);
                    a.inside = sub.files;
                    m_plan.destinationFiles += sub.files;
                }
                emit(std::move(a));
            };
            switch (s.type) {
            case T::Dir:
                replacing(K::MakeDir);
                folderMetadata.prepend(action(K::Metadata, path, s, Why::FolderMetadata));
                newFolderTree(srcFd, path, s, srcDevice);
                return;
            case T::File:
                replacing(K::Copy);
                return;
            case T::Symlink:
                replacing(K::Symlink);
                return;
            case T::Other:
                return;
            }
            return;
        }
        switch (s.type) {
        case T::Dir: {
            if (timesDiffer(s, d) || (m_tolerance == 0 && d.mtimeNsec != s.mtimeNsec) || metadataDiffers(s, d))
                folderMetadata.prepend(action(K::Metadata, path, s, Why::FolderMetadata));
            if (!crossing(path, s, srcDevice))
                return; // a mount not crossed: the destination's copy is kept as it is
            const int srcChild = openChild(srcFd, path, s, true);
            if (srcChild < 0)
                return; // unread: nothing under it is compared, and no deletion happens anywhere
            const int dstChild = openChild(dstFd, path, d, false);
            if (dstChild >= 0) {
                mergeFolder(srcChild, dstChild, path, s.device);
                ::close(dstChild);
            }
            ::close(srcChild);
            return;
        }
        case T::File:
            if (d.size != s.size)
                emit(action(K::Update, path, s, Why::SizeChanged));
            else if (timesDiffer(s, d))
                emit(action(K::Update, path, s, d.mtimeSec < s.mtimeSec ? Why::Newer : Why::Older));
            else if (const auto why = metadataDiffers(s, d))
                emit(action(K::Metadata, path, s, *why));
            return;
        case T::Symlink:
            if (readLinkAt(srcFd, s.name) != readLinkAt(dstFd, d.name)) {
                SyncAction a = action(K::Symlink, path, s, Why::LinkChanged);
                a.replaces = true;
                emit(std::move(a));
            } else if (m_compareOwners && (d.uid != s.uid || d.gid != s.gid)) {
                emit(action(K::Metadata, path, s, Why::OwnerChanged));
            }
            return;
        case T::Other:
            return;
        }
    }

    const SyncPair &m_pair;
    const ExcludeRules m_rules;
    const std::atomic_bool *m_cancel;
    SyncPlan &m_plan;
    const bool m_mirror;
    bool m_compareOwners = false;
    bool m_comparePermissions = true;
    qint64 m_tolerance = 0;
    qint64 m_blockSize = 4096;
    bool m_stopped = false;
    std::function<bool(const SyncAction &)> m_sink;
};

// Opens a root folder (following a link given as the root itself: that is the user's choice).
int openRoot(const QString &root, struct stat *st, QString *error)
{
    const QByteArray rootBytes = QFile::encodeName(root);
    const int fd = ::open(rootBytes.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        *error = err == ENOENT
                     ? QCoreApplication::translate("FileTree", "The folder %1 does not exist (is its disk mounted?).")
                           .arg(root)
                 : err == ENOTDIR ? QCoreApplication::translate("FileTree", "%1 is not a folder.").arg(root)
                                  : QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2")
                                        .arg(root, errnoText(err));
        return -1;
    }
    if (::fstat(fd, st) != 0) {
        *error = QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2").arg(root, errnoText(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

Result<SyncPlan> planSync(const SyncPair &pair, const std::atomic_bool *cancel, const PlanOptions &options)
{
    using R = Result<SyncPlan>;
    SyncPlan plan;
    QString error;
    struct stat srcStat = {};
    const int srcFd = openRoot(pair.source, &srcStat, &error);
    if (srcFd < 0)
        return R::failure(QCoreApplication::translate("SyncPlan", "Source: %1 Nothing was changed.").arg(error));
    plan.sourceDevice = srcStat.st_dev;
    plan.sourceInode = srcStat.st_ino;
    int dstFd = -1;
    plan.destinationExists = QFileInfo::exists(pair.destination) || QFileInfo(pair.destination).isSymLink();
    if (plan.destinationExists) {
        struct stat dstStat = {};
        dstFd = openRoot(pair.destination, &dstStat, &error);
        if (dstFd < 0) {
            ::close(srcFd);
            return R::failure(
                QCoreApplication::translate("SyncPlan", "Destination: %1 Nothing was changed.").arg(error));
        }
        plan.destinationDevice = dstStat.st_dev;
        plan.destinationInode = dstStat.st_ino;
        plan.destinationTraits = destinationTraits(pair.destination, options.probeDestination);
        if (plan.destinationTraits.limited())
            plan.notes << traitsNote(pair.destination, plan.destinationTraits);
    }

    Planner planner(pair, cancel, plan);
    planner.setTraits(plan.destinationTraits);
    planner.setSink(options.creationSink);
    {
        // New data is counted in the destination's blocks, for the free-space check.
        struct statvfs vfs = {};
        const QString where = plan.destinationExists ? pair.destination : QFileInfo(pair.destination).absolutePath();
        if (::statvfs(QFile::encodeName(where).constData(), &vfs) == 0)
            planner.setBlockSize(qint64(vfs.f_frsize));
    }
    planner.mergeFolder(srcFd, dstFd, QByteArray(), srcStat.st_dev);
    ::close(srcFd);
    if (dstFd >= 0)
        ::close(dstFd);
    if (planner.cancelled())
        return R::failure(QCoreApplication::translate("SyncPlan", "Cancelled."));

    // rsync's rule: after any read error in the source, no deletion at all (its exit 23). What could
    // not be read may be exactly what would be deleted.
    if (!plan.sourceErrors.isEmpty())
        plan.deletionsKept = planner.deletionEntries;
    else
        plan.actions.append(planner.deletions);
    plan.actions.append(planner.folderMetadata);
    return plan;
}

} // namespace lanwatch::sync
