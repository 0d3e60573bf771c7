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

// Pre-order walk with each folder's names sorted: the output is sorted as paths ('/' lowest) without
// a global sort, and a folder's subtree follows it directly.
void walkDir(int dirFd, const QByteArray &prefix, const ExcludeRules &rules, const std::atomic_bool *cancel,
             TreeWalk &out, QStringList *errors, const QString &root)
{
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return;
    }
    std::vector<TreeEntry> here;
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
        if (entry.type == TreeEntry::Type::Other)
            continue; // sockets, FIFOs and devices are not synced (as rsync -a without -D)
        entry.size = st.st_size;
        entry.mtimeSec = st.st_mtim.tv_sec;
        entry.mtimeNsec = st.st_mtim.tv_nsec;
        entry.mode = st.st_mode & 07777;
        entry.device = st.st_dev;
        here.push_back(std::move(entry));
    }
    std::sort(here.begin(), here.end(), [](const TreeEntry &a, const TreeEntry &b) { return a.path < b.path; });
    for (TreeEntry &entry : here) {
        const bool isDir = entry.type == TreeEntry::Type::Dir;
        if (!isDir)
            ++out.files;
        const bool descend = isDir && entry.device == out.rootDevice; // another mount inside: like rsync -x
        const QByteArray path = entry.path;
        const QByteArray name = prefix.isEmpty() ? path : path.mid(prefix.size() + 1);
        out.entries.push_back(std::move(entry));
        if (!descend || (cancel && cancel->load()))
            continue;
        const int child = ::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child < 0) {
            out.unreadable.push_back(path);
            if (errors)
                errors->append(QCoreApplication::translate("FileTree", "Cannot read folder %1/%2: %3")
                                   .arg(root, QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(errno))));
            continue;
        }
        walkDir(child, path, rules, cancel, out, errors, root);
    }
    ::closedir(dir);
}

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
    return walk;
}

} // namespace lanwatch::sync
