// PathAt: shared helpers for acting on trees through directory descriptors only.
#include "core/sync/PathAt.h"
#include "core/ErrnoText.h"

#include "core/sync/FileTree.h"

#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace lanwatch::sync {

QByteArray parentOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? QByteArray() : path.left(slash);
}

QByteArray nameOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.mid(slash + 1);
}

// Opens the folder rel (relative, may be empty for root itself) beneath root without following any
// symlink on the way and without leaving root. -1 with errno (ELOOP/EXDEV: a link is in the way).
int openBeneath(int rootFd, const QByteArray &rel)
{
    if (rel.isEmpty())
        return ::fcntl(rootFd, F_DUPFD_CLOEXEC, 0);
    open_how how = {};
    how.flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    const long fd = ::syscall(SYS_openat2, rootFd, rel.constData(), &how, sizeof(how));
    if (fd >= 0 || errno != ENOSYS)
        return int(fd);
    // Kernels before 5.6: one component at a time, each opened with O_NOFOLLOW.
    int current = ::fcntl(rootFd, F_DUPFD_CLOEXEC, 0);
    for (const QByteArray &part : rel.split('/')) {
        if (part.isEmpty() || part == "." || part == "..") {
            ::close(current);
            errno = EXDEV;
            return -1;
        }
        const int next = ::openat(current, part.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int err = errno;
        ::close(current);
        if (next < 0) {
            errno = err;
            return -1;
        }
        current = next;
    }
    return current;
}

QByteArray tempNameFor(const QByteArray &name)
{
    QByteArray temp = QByteArray(TempPrefix) + QByteArray::number(::getpid()) + '-' +
                      QByteArray::number(QRandomGenerator::global()->generate64(), 36) + '-' + name;
    temp.truncate(250);
    return temp;
}

} // namespace lanwatch::sync
