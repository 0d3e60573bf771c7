// Directory walk with dirfd-relative syscalls: ~1 syscall per entry, nothing allocated per file but the path.
#include "core/sync/FileTree.h"
#include "core/ErrnoText.h"

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


FolderListing listFolder(int dirFd, const QByteArray &prefix, TreeSide side, const ExcludeRules &rules,
                         const QString &root)
{
    FolderListing out;
    const auto display = [&](const QByteArray &path) {
        return path.isEmpty() ? root : root + QLatin1Char('/') + QFile::decodeName(path);
    };
    const int own = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    DIR *dir = own >= 0 ? ::fdopendir(own) : nullptr;
    if (!dir) {
        const int err = errno;
        if (own >= 0)
            ::close(own);
        out.complete = false;
        out.error =
            QCoreApplication::translate("FileTree", "Cannot read the folder %1: %2").arg(display(prefix), errnoText(err));
        return out;
    }
    ::rewinddir(dir); // a duplicated descriptor shares its offset with the caller's
    const bool source = side == TreeSide::Source;
    int statFailures = 0;
    int statErrno = 0;
    QByteArray firstFailure;
    for (;;) {
        errno = 0;
        dirent *e = ::readdir(dir);
        if (!e) {
            if (errno != 0) {
                out.complete = false;
                out.error = QCoreApplication::translate("FileTree", "Cannot list the folder %1: %2")
                                .arg(display(prefix), errnoText(errno));
            }
            break;
        }
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        QByteArray nameBytes(name);
        const bool versions = prefix.isEmpty() && nameBytes == VersionsFolder;
        const bool temp = nameBytes.startsWith(TempPrefix);
        if (versions || temp) {
            if (source)
                out.reserved.push_back(std::move(nameBytes));
            else if (temp && e->d_type != DT_DIR)
                out.temps.push_back(std::move(nameBytes));
            continue;
        }
        struct stat st = {};
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT)
                continue; // vanished between readdir and stat: the next run sees the new state
            if (statFailures++ == 0) {
                statErrno = errno;
                firstFailure = nameBytes;
            }
            continue;
        }
        const bool isDir = S_ISDIR(st.st_mode);
        if (!rules.isEmpty()) {
            const QByteArray path = prefix.isEmpty() ? nameBytes : prefix + '/' + nameBytes;
            if (rules.excluded(path, nameBytes, isDir)) {
                out.excludedInside = true;
                continue;
            }
        }
        TreeEntry entry;
        entry.name = std::move(nameBytes);
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
        out.entries.push_back(std::move(entry));
    }
    ::closedir(dir);
    if (statFailures > 0) {
        // One line per folder: an r-- folder fails the same way for every entry.
        const QByteArray first = prefix.isEmpty() ? firstFailure : prefix + '/' + firstFailure;
        out.complete = false;
        out.error = statFailures == 1
                        ? QCoreApplication::translate("FileTree", "Cannot read %1: %2")
                              .arg(display(first), errnoText(statErrno))
                        : QCoreApplication::translate("FileTree",
                                                      "Cannot read %1 entries in the folder %2 (the first is %3): %4")
                              .arg(statFailures)
                              .arg(display(prefix), QFile::decodeName(firstFailure), errnoText(statErrno));
    }
    std::sort(out.entries.begin(), out.entries.end(),
              [](const TreeEntry &a, const TreeEntry &b) { return a.name < b.name; });
    return out;
}

} // namespace lanwatch::sync
