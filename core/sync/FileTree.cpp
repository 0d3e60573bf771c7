// Directory walk with dirfd-relative syscalls: ~1 syscall per entry, nothing allocated per file but the path.
#include "core/sync/FileTree.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lanwatch::sync {

ExcludeRules::ExcludeRules(const QStringList &patterns)
{
    for (const QString &raw : patterns) {
        QByteArray p = QFile::encodeName(raw.trimmed());
        if (p.isEmpty() || p.startsWith('#'))
            continue;
        Rule r;
        if (p.endsWith('/')) {
            r.dirOnly = true;
            p.chop(1);
        }
        if (p.startsWith('/'))
            p.remove(0, 1); // anchored at the pair's root: same as a relative path match
        r.pathMatch = p.contains('/');
        r.glob = p;
        m_rules.push_back(r);
    }
}

bool ExcludeRules::excluded(const QByteArray &relativePath, const QByteArray &name, bool isDir) const
{
    for (const Rule &r : m_rules) {
        if (r.dirOnly && !isDir)
            continue;
        const QByteArray &subject = r.pathMatch ? relativePath : name;
        if (::fnmatch(r.glob.constData(), subject.constData(), r.pathMatch ? FNM_PATHNAME : 0) == 0)
            return true;
    }
    return false;
}

namespace {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

struct Walker
{
    const ExcludeRules &rules;
    const WalkOptions &options;
    const std::atomic_bool *cancel;
    const QString &root;
    TreeWalk &out;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    QString display(const QByteArray &path) const
    {
        return path.isEmpty() ? root : root + QLatin1Char('/') + QFile::decodeName(path);
    }

    // Pre-order walk with each folder's names sorted: the output is sorted as paths ('/' lowest) without
    // a global sort, and a folder's subtree follows it directly. Returns true when an excluded entry was
    // found at any depth below (a destination folder holding one is never moved away whole).
    bool walkDir(int dirFd, const QByteArray &prefix, dev_t dirDevice)
    {
        DIR *dir = ::fdopendir(dirFd);
        if (!dir) {
            out.errors << QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2")
                              .arg(display(prefix), errnoText(errno));
            out.unreadable.push_back(prefix);
            ::close(dirFd);
            return false;
        }
        const bool source = options.side == WalkOptions::Side::Source;
        bool holdsExcluded = false;
        std::vector<TreeEntry> here;
        int statFailures = 0;
        int statErrno = 0;
        QByteArray firstFailure;
        for (;;) {
            errno = 0;
            dirent *e = ::readdir(dir);
            if (!e) {
                if (errno != 0) {
                    out.errors << QCoreApplication::translate("FileTree", "Cannot list the folder %1: %2")
                                      .arg(display(prefix), errnoText(errno));
                    out.unreadable.push_back(prefix);
                }
                break;
            }
            if (cancelled())
                break;
            const char *name = e->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                continue;
            const QByteArray nameBytes(name);
            const QByteArray path = prefix.isEmpty() ? nameBytes : prefix + '/' + nameBytes;
            const bool versions = prefix.isEmpty() && nameBytes == VersionsFolder;
            const bool temp = nameBytes.startsWith(TempPrefix);
            if (versions || temp) {
                if (source) {
                    ++out.reserved;
                    out.skipped << QCoreApplication::translate(
                                       "FileTree", "%1: a name lanwatch keeps for itself in destinations; not synced")
                                       .arg(QFile::decodeName(path));
                } else if (temp && e->d_type != DT_DIR) {
                    out.staleTemps.push_back(path);
                }
                continue;
            }
            struct stat st = {};
            if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno == ENOENT)
                    continue; // vanished between readdir and stat: the next run sees the new state
                if (statFailures++ == 0) {
                    statErrno = errno;
                    firstFailure = path;
                }
                continue;
            }
            const bool isDir = S_ISDIR(st.st_mode);
            if (rules.excluded(path, nameBytes, isDir)) {
                holdsExcluded = true;
                continue;
            }
            TreeEntry entry;
            entry.path = path;
            entry.type = isDir                 ? TreeEntry::Type::Dir
                         : S_ISREG(st.st_mode) ? TreeEntry::Type::File
                         : S_ISLNK(st.st_mode) ? TreeEntry::Type::Symlink
                                               : TreeEntry::Type::Other;
            entry.size = st.st_size;
            entry.mtimeSec = st.st_mtim.tv_sec;
            entry.mtimeNsec = st.st_mtim.tv_nsec;
            entry.mode = st.st_mode & 07777;
            entry.uid = st.st_uid;
            entry.gid = st.st_gid;
            entry.device = st.st_dev;
            entry.inode = st.st_ino;
            if (entry.type == TreeEntry::Type::Other && source) {
                ++out.special;
                out.skipped << QCoreApplication::translate("FileTree",
                                                           "%1: a FIFO, socket or device; not synced (as rsync -a "
                                                           "without --devices --specials)")
                                   .arg(QFile::decodeName(path));
            }
            here.push_back(std::move(entry));
        }
        if (statFailures > 0) {
            // One line per folder: an r-- folder fails the same way for every entry.
            out.errors << (statFailures == 1
                               ? QCoreApplication::translate("FileTree", "Cannot read %1: %2")
                                     .arg(display(firstFailure), errnoText(statErrno))
                               : QCoreApplication::translate("FileTree", "Cannot read %1 entries in the folder %2 "
                                                                         "(the first is %3): %4")
                                     .arg(statFailures)
                                     .arg(display(prefix), QFile::decodeName(firstFailure), errnoText(statErrno)));
            out.unreadable.push_back(prefix);
        }
        std::sort(here.begin(), here.end(), [](const TreeEntry &a, const TreeEntry &b) { return a.path < b.path; });
        for (TreeEntry &entry : here) {
            if (cancelled())
                break;
            const bool isDir = entry.type == TreeEntry::Type::Dir;
            if (!isDir)
                ++out.files;
            const QByteArray path = entry.path;
            const dev_t device = entry.device;
            const std::size_t index = out.entries.size();
            out.entries.push_back(std::move(entry));
            if (!isDir)
                continue;
            if (options.oneFileSystem && device != dirDevice) {
                out.entries[index].notDescended = true;
                out.unreadable.push_back(path);
                out.notes << QCoreApplication::translate("FileTree",
                                                         "%1 is another file system and was not crossed "
                                                         "(--one-file-system); its copy in the destination is kept.")
                                 .arg(display(path));
                continue;
            }
            const QByteArray name = prefix.isEmpty() ? path : path.mid(prefix.size() + 1);
            const int child = ::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child < 0) {
                if (errno == ENOENT)
                    continue;
                out.entries[index].notDescended = true;
                out.unreadable.push_back(path);
                out.errors << QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2")
                                  .arg(display(path), errnoText(errno));
                continue;
            }
            if (walkDir(child, path, device)) {
                out.entries[index].holdsExcluded = true;
                holdsExcluded = true;
            }
        }
        ::closedir(dir);
        return holdsExcluded;
    }
};

} // namespace

bool pathLess(const QByteArray &a, const QByteArray &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char x = a.at(i);
        const char y = b.at(i);
        if (x == y)
            continue;
        const int ux = x == '/' ? 0 : static_cast<unsigned char>(x) + 1;
        const int uy = y == '/' ? 0 : static_cast<unsigned char>(y) + 1;
        return ux < uy;
    }
    return a.size() < b.size();
}

Result<TreeWalk> walkTree(const QString &root, const ExcludeRules &rules, const WalkOptions &options,
                          const std::atomic_bool *cancel)
{
    const QByteArray rootBytes = QFile::encodeName(root);
    const int fd = ::open(rootBytes.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            return Result<TreeWalk>::failure(
                QCoreApplication::translate("FileTree", "The folder %1 does not exist (is its disk mounted?).")
                    .arg(root));
        if (err == ENOTDIR)
            return Result<TreeWalk>::failure(QCoreApplication::translate("FileTree", "%1 is not a folder.").arg(root));
        return Result<TreeWalk>::failure(QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2")
                                             .arg(root, errnoText(err)));
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return Result<TreeWalk>::failure(QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2")
                                             .arg(root, errnoText(err)));
    }
    TreeWalk walk;
    walk.rootDevice = st.st_dev;
    walk.rootInode = st.st_ino;
    Walker walker{rules, options, cancel, root, walk};
    walker.walkDir(fd, QByteArray(), st.st_dev);
    return walk;
}

} // namespace lanwatch::sync
