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

void walkDir(int dirFd, const QByteArray &prefix, const ExcludeRules &rules, const std::atomic_bool *cancel,
             TreeWalk &out, QStringList *errors, const QString &root)
{
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return;
    }
    std::vector<std::pair<QByteArray, int>> subdirs;
    while (dirent *e = ::readdir(dir)) {
        if (cancel && cancel->load())
            break;
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        const QByteArray nameBytes(name);
        if (prefix.isEmpty() && nameBytes == VersionsFolder)
            continue;
        if (nameBytes.startsWith(TempPrefix))
            continue;
        struct stat st = {};
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // vanished between readdir and stat: the next run sees the new state
        TreeEntry entry;
        entry.path = prefix.isEmpty() ? nameBytes : prefix + '/' + nameBytes;
        const bool isDir = S_ISDIR(st.st_mode);
        if (rules.excluded(entry.path, nameBytes, isDir))
            continue;
        entry.type = isDir                 ? TreeEntry::Type::Dir
                     : S_ISREG(st.st_mode) ? TreeEntry::Type::File
                     : S_ISLNK(st.st_mode) ? TreeEntry::Type::Symlink
                                           : TreeEntry::Type::Other;
        entry.size = st.st_size;
        entry.mtimeSec = st.st_mtim.tv_sec;
        entry.mtimeNsec = st.st_mtim.tv_nsec;
        entry.mode = st.st_mode & 07777;
        if (entry.type == TreeEntry::Type::Other)
            continue; // sockets, FIFOs and devices are not synced (as rsync -a without -D)
        if (!isDir)
            ++out.files;
        out.entries.push_back(entry);
        if (isDir && st.st_dev == out.rootDevice) {
            const int child = ::openat(dirFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child < 0) {
                out.unreadable.push_back(entry.path);
                if (errors)
                    errors->append(
                        QCoreApplication::translate("FileTree", "Cannot read folder %1/%2: %3")
                            .arg(root, QFile::decodeName(entry.path), QString::fromLocal8Bit(std::strerror(errno))));
                continue;
            }
            subdirs.emplace_back(entry.path, child);
        } else if (isDir) {
            // Another file system mounted inside: copied as an empty folder, like rsync -x; never descended.
        }
    }
    ::closedir(dir);
    for (auto &[path, fd] : subdirs)
        walkDir(fd, path, rules, cancel, out, errors, root);
}

} // namespace

Result<TreeWalk> walkTree(const QString &root, const ExcludeRules &rules, const std::atomic_bool *cancel,
                          QStringList *errors)
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
                                             .arg(root, QString::fromLocal8Bit(std::strerror(err))));
    }
    struct stat st = {};
    ::fstat(fd, &st);
    TreeWalk walk;
    walk.rootDevice = st.st_dev;
    walkDir(fd, QByteArray(), rules, cancel, walk, errors, root);
    std::sort(walk.entries.begin(), walk.entries.end(), [](const TreeEntry &a, const TreeEntry &b) {
        // Sort as paths: component by component, so "a/b" comes right after "a" (before "a-b").
        return std::lexicographical_compare(a.path.begin(), a.path.end(), b.path.begin(), b.path.end(),
                                            [](char x, char y) {
                                                const auto ux = x == '/' ? 0 : static_cast<unsigned char>(x) + 1;
                                                const auto uy = y == '/' ? 0 : static_cast<unsigned char>(y) + 1;
                                                return ux < uy;
                                            });
    });
    return walk;
}

} // namespace lanwatch::sync
