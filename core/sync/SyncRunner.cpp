// Applying a plan: every path is resolved beneath the pair's root folders with no symlink followed
// (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), so a folder swapped for a link or a file between
// plan and apply cannot redirect a write or a deletion. Folders first, then files in parallel (temp +
// rename), deletions into the versions folder after a clean run only, folder metadata last; the run
// holds a lock on the destination, cleans up temps of a crashed run, checks free space first and stops
// at the first fatal write error.
#include "core/sync/SyncRunner.h"

#include "core/ThreadPool.h"
#include "core/sync/FileTree.h"
#include "core/sync/PathAt.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QMutex>
#include <QSemaphore>
#include <QThread>
#include <QThreadPool>

#include <cerrno>
#include <utility>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace lanwatch::sync {

namespace {

using K = SyncAction::Kind;

std::function<void(const QString &)> g_afterCopyHook;
std::function<void()> g_beforeApplyHook;
constexpr int DefaultStreamBatch = 4096; // creations applied per batch when a run streams its plan
int StreamBatch = DefaultStreamBatch;    // changed by tests only (testing::setStreamBatch)

constexpr int CopyAttempts = 3;           // a file that changes during each of them "never stops changing"
constexpr qint64 CopyChunk = 8 << 20;     // cancellation is checked between chunks

// Errors after which writing more into the destination is pointless or harmful.
bool isFatalWriteError(int err)
{
    return err == ENOSPC || err == EDQUOT || err == EROFS || err == EIO;
}

// The last folder opened beneath a root, kept while consecutive entries live in it.
class DirCache
{
public:
    explicit DirCache(int root) : m_root(root) {}
    ~DirCache() { reset(); }
    Q_DISABLE_COPY_MOVE(DirCache)
    int get(const QByteArray &folder)
    {
        if (m_fd >= 0 && folder == m_folder)
            return m_fd;
        reset();
        m_fd = openBeneath(m_root, folder);
        if (m_fd >= 0)
            m_folder = folder;
        return m_fd;
    }
    void reset()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_root;
    int m_fd = -1;
    QByteArray m_folder;
};

bool writeAll(int fd, const char *data, ssize_t size)
{
    for (ssize_t off = 0; off < size;) {
        const ssize_t w = ::write(fd, data + off, std::size_t(size - off));
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        off += w;
    }
    return true;
}

QString humanBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

struct Context
{
    const SyncPair &pair;
    const SyncPlan &plan;
    int srcFd = -1;
    int dstFd = -1;
    int versionsFd = -1; // DST/.lanwatch-versions/<stamp>, made on first use
    QByteArray stamp;
    QMutex mutex; // guards report, versionsFd and progress
    SyncReport report;
    const std::atomic_bool *cancel;
    std::atomic_bool fatal{false};
    ProgressFn progress;
    std::function<void(const SyncAction &)> onAction;
    int done = 0;
    int total = 0;
    bool root = ::geteuid() == 0;

    Context(const SyncPair &p, const SyncPlan &pl, const std::atomic_bool *c, ProgressFn fn)
        : pair(p), plan(pl), cancel(c), progress(std::move(fn))
    {}
    ~Context()
    {
        for (int fd : {srcFd, dstFd, versionsFd})
            if (fd >= 0)
                ::close(fd);
    }
    Q_DISABLE_COPY_MOVE(Context)

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    bool stopping() const { return cancelled() || fatal.load(std::memory_order_relaxed); }
    bool keepOwners() const { return root && plan.destinationTraits.owners; }
    bool keepPermissions() const { return plan.destinationTraits.permissions; }

    void error(const QString &text, bool countFailed = true)
    {
        QMutexLocker lock(&mutex);
        report.errors << text;
        if (countFailed)
            ++report.failed;
    }
    // A write-side failure: fatal ones stop the run (once, with one message), others fail the entry.
    void writeError(int err, const QString &text)
    {
        if (!isFatalWriteError(err)) {
            error(text);
            return;
        }
        QMutexLocker lock(&mutex);
        ++report.failed;
        if (!fatal.exchange(true)) {
            report.stopReason =
                err == ENOSPC || err == EDQUOT
                    ? QCoreApplication::translate("SyncRunner",
                                                  "The destination %1 is full (%2). The run stopped there and "
                                                  "deleted nothing; free some space and it runs again.")
                          .arg(pair.destination, text)
                : err == EROFS
                    ? QCoreApplication::translate("SyncRunner",
                                                  "The destination %1 is read-only (%2). The run stopped and "
                                                  "deleted nothing.")
                          .arg(pair.destination, text)
                    : QCoreApplication::translate("SyncRunner",
                                                  "Input/output error on %1 (%2): the disk may be failing. The run "
                                                  "stopped and deleted nothing.")
                          .arg(pair.destination, text);
        }
    }
    void step(const QString &path)
    {
        QMutexLocker lock(&mutex);
        ++done;
        if (progress && (done % 64 == 0 || done == total))
            progress(done, total, path);
    }

    // The versions folder of this run, made on first use.
    int versions()
    {
        QMutexLocker lock(&mutex);
        if (versionsFd >= 0)
            return versionsFd;
        if (::mkdirat(dstFd, VersionsFolder, 0700) != 0 && errno != EEXIST)
            return -1;
        const int top = openBeneath(dstFd, VersionsFolder);
        if (top < 0)
            return -1;
        if (::mkdirat(top, stamp.constData(), 0700) != 0 && errno != EEXIST) {
            const int err = errno;
            ::close(top);
            errno = err;
            return -1;
        }
        versionsFd = ::openat(top, stamp.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int err = errno;
        ::close(top);
        errno = err;
        if (versionsFd >= 0)
            report.versionsFolder = pair.destination + QLatin1Char('/') + QLatin1String(VersionsFolder) +
                                    QLatin1Char('/') + QString::fromLatin1(stamp);
        return versionsFd;
    }

    // Moves (or hard-links, for a file about to be replaced) parentFd/name into the versions folder at
    // the same relative path. False with errno on failure.
    bool keepVersion(int parentFd, const QByteArray &path, bool hardLink)
    {
        const int top = versions();
        if (top < 0)
            return false;
        const QByteArray folder = parentOf(path);
        int target = -1;
        if (folder.isEmpty()) {
            target = ::fcntl(top, F_DUPFD_CLOEXEC, 0);
        } else {
            // mkdir -p beneath the versions folder (ours: still opened without following links).
            qsizetype from = 0;
            for (;;) {
                const qsizetype slash = folder.indexOf('/', from);
                const QByteArray part = slash < 0 ? folder : folder.left(slash);
                if (::mkdirat(top, part.constData(), 0700) != 0 && errno != EEXIST)
                    return false;
                if (slash < 0)
                    break;
                from = slash + 1;
            }
            target = openBeneath(top, folder);
        }
        if (target < 0)
            return false;
        const QByteArray name = nameOf(path);
        bool ok = false;
        if (hardLink) {
            ok = ::linkat(parentFd, name.constData(), target, name.constData(), 0) == 0;
            if (!ok && errno != EPERM && errno != EMLINK && errno != EXDEV && errno != ENOTSUP &&
                errno != EOPNOTSUPP) {
                const int err = errno;
                ::close(target);
                errno = err;
                return false;
            }
        }
        // No hard links here (FAT, some network file systems) or a folder: move it.
        if (!ok)
            ok = ::renameat(parentFd, name.constData(), target, name.constData()) == 0;
        const int err = errno;
        ::close(target);
        errno = err;
        return ok;
    }

    // Owner first (chown clears setuid/setgid), then permissions, then times, on an open file.
    bool setFileMetadata(int fd, const SyncAction &a, QString *problem)
    {
        if (keepOwners() && (::fchown(fd, a.uid, a.gid) != 0)) {
            *problem = QCoreApplication::translate("SyncRunner", "Cannot set the owner of %1: %2")
                           .arg(a.relativePath(), errnoText(errno));
            return false;
        }
        if (keepPermissions() && ::fchmod(fd, a.mode & 07777) != 0) {
            *problem = QCoreApplication::translate("SyncRunner", "Cannot set the permissions of %1: %2")
                           .arg(a.relativePath(), errnoText(errno));
            return false;
        }
        const timespec times[2] = {{a.mtimeSec, a.mtimeNsec}, {a.mtimeSec, a.mtimeNsec}};
        if (::futimens(fd, times) != 0) {
            *problem = QCoreApplication::translate("SyncRunner", "Cannot set the modification time of %1: %2")
                           .arg(a.relativePath(), errnoText(errno));
            return false;
        }
        return true;
    }

    void resolveFailed(const SyncAction &a, bool source, int err)
    {
        if (err == ELOOP || err == EXDEV || err == ENOTDIR)
            error(QCoreApplication::translate("SyncRunner",
                                              "%1: a folder on its path in the %2 was replaced by a link or a file "
                                              "since the plan; nothing was done through it.")
                      .arg(a.relativePath(), source ? QCoreApplication::translate("SyncRunner", "source")
                                                    : QCoreApplication::translate("SyncRunner", "destination")));
        else if (source)
            error(QCoreApplication::translate("SyncRunner", "Cannot read the folder of %1: %2")
                      .arg(a.relativePath(), errnoText(err)));
        else
            writeError(err, QCoreApplication::translate("SyncRunner", "Cannot open the folder of %1: %2")
                                .arg(a.relativePath(), errnoText(err)));
    }

    // The entry's folder on both sides, opened beneath the roots; false (reported) when either is not
    // reachable without following a link.
    bool parents(const SyncAction &a, DirCache &srcDirs, DirCache &dstDirs, int *srcParent, int *dstParent)
    {
        const QByteArray folder = parentOf(a.pathBytes);
        *srcParent = srcDirs.get(folder);
        if (*srcParent < 0) {
            resolveFailed(a, true, errno);
            return false;
        }
        *dstParent = dstDirs.get(folder);
        if (*dstParent < 0) {
            resolveFailed(a, false, errno);
            return false;
        }
        return true;
    }

    // Renames dstParent/temp over the entry's name, keeping what was there in the versions folder (a new
    // entry goes in with RENAME_NOREPLACE: one call, and nothing that appeared since is overwritten), then
    // counts it. False when it failed (reported, temp removed).
    bool putInPlace(const SyncAction &a, int dstParent, const QByteArray &temp, const QString &problem, qint64 bytes)
    {
        const QByteArray name = nameOf(a.pathBytes);
        struct stat existing = {};
        bool exists = true;
        if ((a.kind == K::Copy || a.kind == K::Symlink) && !a.replaces &&
            ::renameat2(dstParent, temp.constData(), dstParent, name.constData(), RENAME_NOREPLACE) == 0) {
            exists = false;
        } else {
            exists = ::fstatat(dstParent, name.constData(), &existing, AT_SYMLINK_NOFOLLOW) == 0;
            if (exists && !keepVersion(dstParent, a.pathBytes, !S_ISDIR(existing.st_mode))) {
                const int err = errno;
                ::unlinkat(dstParent, temp.constData(), 0);
                writeError(err, QCoreApplication::translate("SyncRunner",
                                                            "Cannot keep the old version of %1: %2; left it "
                                                            "unchanged.")
                                    .arg(a.relativePath(), errnoText(err)));
                return false;
            }
            if (::renameat(dstParent, temp.constData(), dstParent, name.constData()) != 0) {
                const int err = errno;
                ::unlinkat(dstParent, temp.constData(), 0);
                writeError(err, QCoreApplication::translate("SyncRunner", "Cannot put %1 in place: %2")
                                    .arg(a.relativePath(), errnoText(err)));
                return false;
            }
        }
        QMutexLocker lock(&mutex);
        if (exists && S_ISDIR(existing.st_mode)) {
            ++report.foldersDeleted; // a folder replaced by a file or link: gone to the versions folder whole
            report.deleted += a.inside;
        }
        if (!problem.isEmpty()) {
            report.errors << problem;
            ++report.failed;
        }
        ++(exists ? report.updated : report.copied);
        report.bytes += bytes;
        return true;
    }

    // Copies one chunked pass of in into out from offset 0, up to the end of the file or expected bytes
    // (a file that grew is caught by the re-check after). Returns bytes copied, or -1 with errno.
    qint64 copyBytes(int in, int out, qint64 expected, bool *useCopyRange)
    {
        qint64 copied = 0;
        loff_t inOff = 0;
        loff_t outOff = 0;
        for (;;) {
            if (stopping()) {
                errno = ECANCELED;
                return -1;
            }
            ssize_t n = -1;
            if (*useCopyRange) {
                n = ::copy_file_range(in, &inOff, out, &outOff, CopyChunk, 0);
                if (n < 0 && copied == 0 &&
                    (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
                    *useCopyRange = false;
                    continue;
                }
            } else {
                static thread_local char buffer[256 * 1024];
                n = ::pread(in, buffer, sizeof(buffer), copied);
                if (n > 0 && !writeAll(out, buffer, n))
                    return -1;
            }
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return -1;
            }
            if (n == 0)
                return copied;
            copied += n;
            if (copied >= expected)
                return copied; // no extra call just to see the end of the file
        }
    }

    void copyFile(const SyncAction &a, DirCache &srcDirs, DirCache &dstDirs)
    {
        const QByteArray name = nameOf(a.pathBytes);
        int srcParent = -1;
        int dstParent = -1;
        if (!parents(a, srcDirs, dstDirs, &srcParent, &dstParent))
            return;
        // O_NONBLOCK: a FIFO swapped in since the plan must not block the run.
        const int in = ::openat(srcParent, name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (in < 0) {
            if (errno == ELOOP)
                return error(QCoreApplication::translate("SyncRunner",
                                                         "%1 was replaced by a link since the plan; not copied.")
                                 .arg(a.relativePath()));
            if (errno == ENOENT)
                return error(QCoreApplication::translate("SyncRunner", "%1 was removed from the source since the "
                                                                       "plan; not copied.")
                                 .arg(a.relativePath()));
            return error(
                QCoreApplication::translate("SyncRunner", "Cannot read %1: %2").arg(a.relativePath(), errnoText(errno)));
        }
        struct Closer
        {
            int fd;
            ~Closer() { ::close(fd); }
        } closeIn{in};
        struct stat before = {};
        if (::fstat(in, &before) != 0 || !S_ISREG(before.st_mode))
            return error(QCoreApplication::translate("SyncRunner", "%1 is no longer a regular file; not copied.")
                             .arg(a.relativePath()));

        const QByteArray temp = tempNameFor(name);
        const int out = ::openat(dstParent, temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                                 0600);
        if (out < 0)
            return writeError(errno, QCoreApplication::translate("SyncRunner", "Cannot write into the folder of %1: %2")
                                         .arg(a.relativePath(), errnoText(errno)));
        const auto dropTemp = [&] { ::unlinkat(dstParent, temp.constData(), 0); };

        bool useCopyRange = true;
        bool consistent = false;
        bool snapshot = false;
        qint64 copied = 0;
        for (int attempt = 0; attempt < CopyAttempts && !consistent; ++attempt) {
            if (attempt > 0) {
                if (::ftruncate(out, 0) != 0 || ::fstat(in, &before) != 0) {
                    const int err = errno;
                    ::close(out);
                    dropTemp();
                    return writeError(err, QCoreApplication::translate("SyncRunner", "Copying %1 failed: %2")
                                               .arg(a.relativePath(), errnoText(err)));
                }
            }
            copied = copyBytes(in, out, before.st_size, &useCopyRange);
            if (copied < 0) {
                const int err = errno;
                ::close(out);
                dropTemp();
                if (err == ECANCELED)
                    return; // cancelled or stopped: no temp left behind, nothing to report per file
                return writeError(err, QCoreApplication::translate("SyncRunner", "Copying %1 failed: %2")
                                           .arg(a.relativePath(), errnoText(err)));
            }
            if (g_afterCopyHook)
                g_afterCopyHook(a.relativePath());
            struct stat after = {};
            ::fstat(in, &after);
            consistent = after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
                         after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && copied == before.st_size;
        }
        if (!consistent) {
            // Still changing after every try (a log being written): a reflink is an atomic snapshot
            // where the file system offers one; otherwise the file is reported as not copied.
            if (::ftruncate(out, 0) == 0 && ::ioctl(out, FICLONE, in) == 0) {
                struct stat cloned = {};
                ::fstat(out, &cloned);
                copied = cloned.st_size;
                consistent = snapshot = true;
            }
        }
        if (!consistent) {
            ::close(out);
            dropTemp();
            QMutexLocker lock(&mutex);
            ++report.notCopied;
            report.errors << QCoreApplication::translate("SyncRunner",
                                                         "%1 kept changing during %2 copies and was not copied (this "
                                                         "file system has no snapshots); it is tried again on the "
                                                         "next run.")
                                 .arg(a.relativePath())
                                 .arg(CopyAttempts);
            return;
        }
        SyncAction meta = a;
        meta.mtimeSec = before.st_mtim.tv_sec; // the times of what was copied, not of the plan
        meta.mtimeNsec = before.st_mtim.tv_nsec;
        meta.mode = before.st_mode & 07777;
        meta.uid = before.st_uid;
        meta.gid = before.st_gid;
        QString problem;
        const bool metaOk = setFileMetadata(out, meta, &problem);
        if (::close(out) != 0) {
            const int err = errno;
            dropTemp();
            return writeError(err, QCoreApplication::translate("SyncRunner", "Writing %1 failed: %2")
                                       .arg(a.relativePath(), errnoText(err)));
        }
        if (!putInPlace(a, dstParent, temp, metaOk ? QString() : problem, copied))
            return;
        if (snapshot) {
            QMutexLocker lock(&mutex);
            report.notes << QCoreApplication::translate("SyncRunner",
                                                        "%1 kept changing; a consistent snapshot of it (reflink) "
                                                        "was copied.")
                                .arg(a.relativePath());
        }
    }

    void copyLink(const SyncAction &a, DirCache &srcDirs, DirCache &dstDirs)
    {
        const QByteArray name = nameOf(a.pathBytes);
        int srcParent = -1;
        int dstParent = -1;
        if (!parents(a, srcDirs, dstDirs, &srcParent, &dstParent))
            return;
        char target[4096];
        const ssize_t n = ::readlinkat(srcParent, name.constData(), target, sizeof(target) - 1);
        if (n < 0)
            return error(QCoreApplication::translate("SyncRunner", "Cannot read the link %1: %2")
                             .arg(a.relativePath(), errnoText(errno)));
        target[n] = 0;
        const QByteArray temp = tempNameFor(name);
        if (::symlinkat(target, dstParent, temp.constData()) != 0) {
            if (errno == EPERM || errno == EOPNOTSUPP || errno == ENOTSUP)
                return error(QCoreApplication::translate("SyncRunner",
                                                         "Cannot create the link %1: the destination's file system "
                                                         "has no symbolic links.")
                                 .arg(a.relativePath()));
            return writeError(errno, QCoreApplication::translate("SyncRunner", "Cannot create the link %1: %2")
                                         .arg(a.relativePath(), errnoText(errno)));
        }
        QString problem;
        if (keepOwners() && ::fchownat(dstParent, temp.constData(), a.uid, a.gid, AT_SYMLINK_NOFOLLOW) != 0)
            problem = QCoreApplication::translate("SyncRunner", "Cannot set the owner of %1: %2")
                          .arg(a.relativePath(), errnoText(errno));
        const timespec times[2] = {{a.mtimeSec, a.mtimeNsec}, {a.mtimeSec, a.mtimeNsec}};
        ::utimensat(dstParent, temp.constData(), times, AT_SYMLINK_NOFOLLOW); // not kept by every fs: no error
        putInPlace(a, dstParent, temp, problem, 0);
    }

    // Permissions, owner and times of an existing entry (a file or link whose data is unchanged, or a folder).
    void fixMetadata(const SyncAction &a, DirCache &dstDirs)
    {
        const int dstParent = dstDirs.get(parentOf(a.pathBytes));
        if (dstParent < 0)
            return resolveFailed(a, false, errno);
        const QByteArray name = nameOf(a.pathBytes);
        struct stat st = {};
        if (::fstatat(dstParent, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return error(QCoreApplication::translate("SyncRunner", "Cannot set the metadata of %1: %2")
                             .arg(a.relativePath(), errnoText(errno)));
        QString problem;
        if (S_ISLNK(st.st_mode)) {
            if (keepOwners() && ::fchownat(dstParent, name.constData(), a.uid, a.gid, AT_SYMLINK_NOFOLLOW) != 0)
                problem = QCoreApplication::translate("SyncRunner", "Cannot set the owner of %1: %2")
                              .arg(a.relativePath(), errnoText(errno));
            const timespec times[2] = {{a.mtimeSec, a.mtimeNsec}, {a.mtimeSec, a.mtimeNsec}};
            ::utimensat(dstParent, name.constData(), times, AT_SYMLINK_NOFOLLOW);
        } else {
            // Opened, never followed: a link swapped in since the plan gets nothing.
            const int flags = S_ISDIR(st.st_mode) ? O_RDONLY | O_DIRECTORY : O_PATH;
            const int fd = ::openat(dstParent, name.constData(), flags | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0)
                return error(QCoreApplication::translate("SyncRunner", "Cannot set the metadata of %1: %2")
                                 .arg(a.relativePath(), errnoText(errno)));
            if (S_ISDIR(st.st_mode)) {
                setFileMetadata(fd, a, &problem);
            } else {
                // O_PATH descriptors take no fchmod/fchown: go through their /proc link, which names
                // exactly this inode.
                const QByteArray proc = "/proc/self/fd/" + QByteArray::number(fd);
                if (keepOwners() && ::chown(proc.constData(), a.uid, a.gid) != 0)
                    problem = QCoreApplication::translate("SyncRunner", "Cannot set the owner of %1: %2")
                                  .arg(a.relativePath(), errnoText(errno));
                else if (keepPermissions() && ::chmod(proc.constData(), a.mode & 07777) != 0)
                    problem = QCoreApplication::translate("SyncRunner", "Cannot set the permissions of %1: %2")
                                  .arg(a.relativePath(), errnoText(errno));
                const timespec times[2] = {{a.mtimeSec, a.mtimeNsec}, {a.mtimeSec, a.mtimeNsec}};
                if (problem.isEmpty() && ::utimensat(AT_FDCWD, proc.constData(), times, 0) != 0)
                    problem = QCoreApplication::translate("SyncRunner", "Cannot set the modification time of %1: %2")
                                  .arg(a.relativePath(), errnoText(errno));
            }
            ::close(fd);
        }
        QMutexLocker lock(&mutex);
        if (!problem.isEmpty()) {
            report.errors << problem;
            ++report.failed;
        } else if (a.reason != SyncAction::Reason::FolderMetadata) {
            ++report.metadataUpdated;
        }
    }

    void deleteEntry(const SyncAction &a, DirCache &srcDirs, DirCache &dstDirs)
    {
        const QByteArray folder = parentOf(a.pathBytes);
        const QByteArray name = nameOf(a.pathBytes);
        const int dstParent = dstDirs.get(folder);
        if (dstParent < 0) {
            if (errno == ENOENT)
                return; // already gone with its folder
            return resolveFailed(a, false, errno);
        }
        struct stat st = {};
        if (::fstatat(dstParent, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return; // already gone
        if (st.st_dev != a.device || st.st_ino != a.inode)
            return error(QCoreApplication::translate("SyncRunner",
                                                     "%1 in the destination changed since the plan; not deleted.")
                             .arg(a.relativePath()));
        // Applying an older plan ("Sync anyway"): what has come back in the source is not deleted.
        const int srcParent = srcDirs.get(folder);
        struct stat inSource = {};
        if (srcParent >= 0 && ::fstatat(srcParent, name.constData(), &inSource, AT_SYMLINK_NOFOLLOW) == 0) {
            QMutexLocker lock(&mutex);
            report.notes << QCoreApplication::translate("SyncRunner", "%1 is in the source again; not deleted.")
                                .arg(a.relativePath());
            return;
        }
        if (srcParent < 0 && errno != ENOENT && errno != ENOTDIR)
            return error(QCoreApplication::translate("SyncRunner",
                                                     "Cannot check %1 in the source (%2); not deleted.")
                             .arg(a.relativePath(), errnoText(errno)));
        if (!keepVersion(dstParent, a.pathBytes, false)) {
            const int err = errno;
            if (err == ENOENT)
                return;
            return writeError(err, QCoreApplication::translate("SyncRunner", "Cannot remove %1: %2")
                                       .arg(a.relativePath(), errnoText(err)));
        }
        QMutexLocker lock(&mutex);
        if (a.isDir) {
            ++report.foldersDeleted;
            report.deleted += a.inside;
        } else {
            ++report.deleted;
        }
    }

    void makeDir(const SyncAction &a, DirCache &dstDirs)
    {
        const int dstParent = dstDirs.get(parentOf(a.pathBytes));
        if (dstParent < 0)
            return resolveFailed(a, false, errno);
        const QByteArray name = nameOf(a.pathBytes);
        if (a.replaces) {
            struct stat st = {};
            if (::fstatat(dstParent, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                !keepVersion(dstParent, a.pathBytes, false))
                return writeError(errno, QCoreApplication::translate("SyncRunner", "Cannot move %1 out of the way: %2")
                                             .arg(a.relativePath(), errnoText(errno)));
            QMutexLocker lock(&mutex);
            report.deleted += a.inside;
        }
        if (::mkdirat(dstParent, name.constData(), 0700) != 0 && errno != EEXIST)
            return writeError(errno, QCoreApplication::translate("SyncRunner", "Cannot create the folder %1: %2")
                                         .arg(a.relativePath(), errnoText(errno)));
        QMutexLocker lock(&mutex);
        ++report.dirsMade;
    }
};

void pruneVersions(const SyncPair &pair, QStringList *errors)
{
    if (pair.keepVersionsDays <= 0)
        return;
    QDir versions(pair.destination + QLatin1Char('/') + QLatin1String(VersionsFolder));
    if (!versions.exists())
        return;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-pair.keepVersionsDays);
    for (const QString &name : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks)) {
        QDateTime stamp = QDateTime::fromString(name, QStringLiteral("yyyy-MM-ddTHH-mm-ss-zzz"));
        if (!stamp.isValid())
            continue; // not ours: leave it
        stamp.setTimeSpec(Qt::UTC);
        if (stamp < cutoff && !QDir(versions.filePath(name)).removeRecursively())
            errors->append(QCoreApplication::translate("SyncRunner", "Cannot remove the old versions in %1.")
                               .arg(versions.filePath(name)));
    }
}

void countDryRun(const SyncPlan &plan, SyncReport &report)
{
    const SyncPlan::Counts &c = plan.created;
    report.copied = c.copies + c.links;
    report.updated = c.updates;
    report.dirsMade = c.folders;
    report.metadataUpdated = c.metadata;
    report.deleted = c.replacedFiles;
    for (const SyncAction &a : plan.actions) {
        if (a.kind != K::Delete)
            continue;
        if (a.isDir) {
            ++report.foldersDeleted;
            report.deleted += a.inside;
        } else {
            ++report.deleted;
        }
    }
    report.bytes = c.bytes;
}

} // namespace

QString runOutcomeName(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Ok:
        return QStringLiteral("ok");
    case RunOutcome::Partial:
        return QStringLiteral("partial");
    case RunOutcome::Failed:
        return QStringLiteral("failed");
    case RunOutcome::HeldBack:
        return QStringLiteral("held back");
    case RunOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

RunOutcome SyncReport::outcome() const
{
    if (heldBack)
        return RunOutcome::HeldBack;
    if (!stopReason.isEmpty())
        return RunOutcome::Failed;
    if (cancelled)
        return RunOutcome::Cancelled;
    if (!errors.isEmpty() || failed > 0 || notCopied > 0 || deletionsSkipped)
        return RunOutcome::Partial;
    return RunOutcome::Ok;
}

void testing::setAfterCopyHook(std::function<void(const QString &)> hook)
{
    g_afterCopyHook = std::move(hook);
}

void testing::setBeforeApplyHook(std::function<void()> hook)
{
    g_beforeApplyHook = std::move(hook);
}

void testing::setStreamBatch(int actions)
{
    StreamBatch = actions > 0 ? actions : DefaultStreamBatch;
}

QString holdBackReason(const SyncPair &pair, const SyncPlan &plan)
{
    if (pair.mode != SyncMode::Mirror || plan.fileDeletions() == 0)
        return {};
    if (plan.sourceFiles == 0 && plan.destinationFiles > 0)
        return QCoreApplication::translate(
                   "SyncRunner",
                   "The source %1 is empty but the destination has %n files: is the source's disk mounted? Nothing "
                   "was deleted; sync with force only if the source really is empty now.",
                   nullptr, plan.destinationFiles)
            .arg(pair.source);
    if (plan.exceedsDeleteThreshold(pair.deleteThresholdPercent))
        return QCoreApplication::translate(
                   "SyncRunner",
                   "This run would delete %1 of the %2 files in %3 (the limit is %4%). Nothing was changed; check the "
                   "source, then sync with force to go ahead.")
            .arg(plan.fileDeletions())
            .arg(plan.destinationFiles)
            .arg(pair.destination)
            .arg(pair.deleteThresholdPercent);
    return {};
}

namespace {


// Applies one batch of creations and updates: folders first, in path order (parents first), then
// files, links and file metadata spread over a few threads (many small files are bound by syscalls).
void applyCreations(Context &ctx, const QList<SyncAction> &batch)
{
    // Only what this step applies: a whole plan's deletions and folder metadata are announced (and
    // applied) by applyDeletionsAndFolders.
    if (ctx.onAction)
        for (const SyncAction &a : batch)
            if (a.kind != K::Delete && !(a.kind == K::Metadata && a.isDir))
                ctx.onAction(a);
    {
        DirCache dstDirs(ctx.dstFd);
        for (const SyncAction &a : batch) {
            if (ctx.stopping())
                return;
            if (a.kind != K::MakeDir)
                continue;
            ctx.makeDir(a, dstDirs);
            ctx.step(a.relativePath());
        }
    }
    QList<const SyncAction *> work;
    for (const SyncAction &a : batch)
        if (a.kind == K::Copy || a.kind == K::Update || a.kind == K::Symlink || (a.kind == K::Metadata && !a.isDir))
            work.append(&a);
    std::atomic<qsizetype> next{0};
    const auto worker = [&] {
        DirCache srcDirs(ctx.srcFd);
        DirCache dstDirs(ctx.dstFd);
        for (qsizetype i = next++; i < work.size() && !ctx.stopping(); i = next++) {
            const SyncAction &a = *work[i];
            if (a.kind == K::Symlink)
                ctx.copyLink(a, srcDirs, dstDirs);
            else if (a.kind == K::Metadata)
                ctx.fixMetadata(a, dstDirs);
            else
                ctx.copyFile(a, srcDirs, dstDirs);
            ctx.step(a.relativePath());
        }
    };
    // Helpers come from core's blocking pool, and only if it has a thread free now (tryStart): this
    // thread always works too, so a full pool (other runs copying) makes the run slower, never stuck.
    // The batch ends when this thread and every helper that started are through the list.
    const int threads = work.size() < 64 ? 1 : std::clamp(QThread::idealThreadCount(), 2, 4);
    QSemaphore helpersDone;
    int helpers = 0;
    for (int t = 1; t < threads; ++t) {
        if (!core::blockingPool()->tryStart([&worker, &helpersDone] {
                worker();
                helpersDone.release();
            }))
            break;
        ++helpers;
    }
    worker();
    helpersDone.acquire(helpers);
}

// Deletions, after every copy and only after a run with no fatal error: moved into the versions folder
// (a folder moves with its contents). Then folder permissions, owners and times, deepest first.
void applyDeletionsAndFolders(Context &ctx, const SyncPlan &plan, bool deleting = true)
{
    const bool anyDeletion = deleting && std::any_of(plan.actions.begin(), plan.actions.end(),
                                                     [](const SyncAction &a) { return a.kind == K::Delete; });
    if (anyDeletion && ctx.fatal.load()) {
        ctx.report.deletionsSkipped = true;
        ctx.report.deletionsSkippedReason =
            QCoreApplication::translate("SyncRunner", "Deletions skipped: the run stopped on an error first.");
    } else if (anyDeletion && !ctx.cancelled()) {
        DirCache srcDirs(ctx.srcFd);
        DirCache dstDirs(ctx.dstFd);
        for (const SyncAction &a : plan.actions) {
            if (ctx.stopping())
                break;
            if (a.kind != K::Delete)
                continue;
            if (ctx.onAction)
                ctx.onAction(a);
            ctx.deleteEntry(a, srcDirs, dstDirs);
            ctx.step(a.relativePath());
        }
    }
    if (ctx.stopping())
        return;
    DirCache dstDirs(ctx.dstFd);
    for (const SyncAction &a : plan.actions) {
        if (a.kind != K::Metadata || !a.isDir || ctx.stopping())
            continue;
        ctx.fixMetadata(a, dstDirs);
        ctx.step(a.relativePath());
    }
}

// What a plan carries into the report before anything is applied.
void startReport(SyncReport &report, const SyncPlan &plan, const RunOptions &options)
{
    report.errors = plan.sourceErrors + plan.destinationErrors + plan.conflicts;
    report.notes = plan.notes;
    report.dryRun = options.dryRun;
    report.specialSkipped = plan.specialSkipped;
    report.reservedSkipped = plan.reservedSkipped;
    report.skippedPaths = plan.skippedPaths;
    report.deletionsSkipped = false;
    if (plan.deletionsKept > 0) {
        report.deletionsSkipped = true;
        report.deletionsSkippedReason =
            QCoreApplication::translate("SyncRunner",
                                        "Deletions skipped: nothing was deleted (%n not in the source kept), because "
                                        "parts of the source could not be read, and what could not be read may be "
                                        "exactly what would be deleted.",
                                        nullptr, plan.deletionsKept);
    }
}

// Opens and checks the roots against the plan, takes the destination's lock, removes a crashed run's
// temps and checks the room. Returns a failure (nothing changed), or sets the report's stopReason.
std::optional<QString> prepare(Context &ctx, const SyncPair &pair, const SyncPlan &plan)
{
    SyncReport &report = ctx.report;
    // The roots, opened once, must still be the folders that were planned (a disk mounted or unmounted,
    // or a root swapped for a link since, makes the plan meaningless).
    const QByteArray srcPath = QFile::encodeName(pair.source);
    const QByteArray dstPath = QFile::encodeName(pair.destination);
    ctx.srcFd = ::open(srcPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (ctx.srcFd < 0)
        return QCoreApplication::translate("SyncRunner", "Cannot open the source %1: %2. Nothing was changed.")
            .arg(pair.source, errnoText(errno));
    struct stat st = {};
    if (::fstat(ctx.srcFd, &st) != 0 || st.st_dev != plan.sourceDevice || st.st_ino != plan.sourceInode)
        return QCoreApplication::translate("SyncRunner",
                                           "The source %1 is another folder than when the plan was made (a disk "
                                           "mounted or unmounted?). Nothing was changed; plan again.")
            .arg(pair.source);
    if (!plan.destinationExists && ::mkdir(dstPath.constData(), 0755) != 0 && errno != EEXIST)
        return QCoreApplication::translate("SyncRunner", "Cannot create the destination %1: %2")
            .arg(pair.destination, errnoText(errno));
    ctx.dstFd = ::open(dstPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (ctx.dstFd < 0)
        return QCoreApplication::translate("SyncRunner", "Cannot open the destination %1: %2")
            .arg(pair.destination, errnoText(errno));
    if (plan.destinationExists &&
        (::fstat(ctx.dstFd, &st) != 0 || st.st_dev != plan.destinationDevice || st.st_ino != plan.destinationInode))
        return QCoreApplication::translate("SyncRunner",
                                           "The destination %1 is another folder than when the plan was made. "
                                           "Nothing was changed; plan again.")
            .arg(pair.destination);
    // One run per destination, across processes too (the GUI and a CLI on the same folder).
    if (::flock(ctx.dstFd, LOCK_EX | LOCK_NB) != 0) {
        report.stopReason = QCoreApplication::translate("SyncRunner",
                                                        "Another lanwatch run is writing to %1 right now. Nothing "
                                                        "was changed; this run is tried again later.")
                                .arg(pair.destination);
        return std::nullopt;
    }

    // Temp files of a run that crashed (kill -9, power loss): with the lock held, none can be live.
    {
        DirCache dirs(ctx.dstFd);
        for (const QByteArray &temp : plan.staleTemps) {
            const int parent = dirs.get(parentOf(temp));
            struct stat ts = {};
            if (parent >= 0 && ::fstatat(parent, nameOf(temp).constData(), &ts, AT_SYMLINK_NOFOLLOW) == 0 &&
                !S_ISDIR(ts.st_mode) && ::unlinkat(parent, nameOf(temp).constData(), 0) == 0)
                ++report.staleTempsRemoved;
        }
    }

    // Room for the plan: new data in whole blocks plus an inode per new entry. (Replaced files keep their
    // blocks, hard-linked into the versions folder.)
    struct statvfs vfs = {};
    if (::fstatvfs(ctx.dstFd, &vfs) == 0 && vfs.f_frsize > 0) {
        const qint64 block = qint64(vfs.f_frsize);
        const qint64 needBlocks = plan.created.blocks;
        const qint64 needInodes = plan.created.entries;
        const qint64 freeBlocks = qint64(ctx.root ? vfs.f_bfree : vfs.f_bavail);
        const qint64 freeInodes = qint64(ctx.root ? vfs.f_ffree : vfs.f_favail);
        if (needBlocks > freeBlocks)
            report.stopReason = QCoreApplication::translate("SyncRunner",
                                                            "Not enough room in %1: this run needs %2 and %3 is "
                                                            "free. Nothing was changed.")
                                    .arg(pair.destination, humanBytes(needBlocks * block),
                                         humanBytes(freeBlocks * block));
        else if (vfs.f_files > 0 && needInodes > freeInodes)
            report.stopReason = QCoreApplication::translate("SyncRunner",
                                                            "Not enough room in %1: this run creates %2 entries and "
                                                            "the file system has room for %3 more. Nothing was "
                                                            "changed.")
                                    .arg(pair.destination)
                                    .arg(needInodes)
                                    .arg(freeInodes);
    }
    ctx.stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH-mm-ss-zzz")).toLatin1();
    return std::nullopt;
}

void finish(Context &ctx, const SyncPair &pair)
{
    SyncReport &report = ctx.report;
    report.cancelled = ctx.cancelled();
    pruneVersions(pair, &report.errors);
    // A finished run is on disk before it is reported (one syncfs instead of an fsync per file).
    if (report.changedSomething() && ::syncfs(ctx.dstFd) != 0 && report.stopReason.isEmpty())
        ctx.writeError(errno, QCoreApplication::translate("SyncRunner", "Flushing %1 to disk failed: %2")
                                  .arg(pair.destination, errnoText(errno)));
}

} // namespace

Result<SyncReport> runSync(const SyncPair &pair, const RunOptions &options, const std::atomic_bool *cancel,
                           ProgressFn progress)
{
    QElapsedTimer clock;
    clock.start();
    // Pass 1 counts what the run would create and keeps the deletions: enough for every safety check.
    // It keeps the creations too while they fit in one batch, and such a run (most runs: a few changed
    // files) is applied from it directly; a bigger one is planned again and applied as it streams.
    PlanOptions counting;
    counting.probeDestination = !options.dryRun;
    QList<SyncAction> early;
    bool overflow = false;
    counting.creationSink = [&](const SyncAction &a) {
        if (!overflow && early.size() < StreamBatch) {
            early.append(a);
        } else if (!overflow) {
            overflow = true;
            early = {};
        }
        return !(cancel && cancel->load());
    };
    auto plan = planSync(pair, cancel, counting);
    if (!plan)
        return Result<SyncReport>::failure(plan.error());
    if (options.dryRun || !overflow) {
        early.append(plan->actions); // creations first, then deletions and folder metadata
        plan.value().actions = std::move(early);
        if (g_beforeApplyHook)
            g_beforeApplyHook();
        auto report = applyPlan(pair, plan.value(), options, cancel, std::move(progress));
        if (report)
            report.value().elapsedMs = clock.elapsed();
        return report;
    }

    Context ctx(pair, plan.value(), cancel, std::move(progress));
    ctx.onAction = options.onAction;
    SyncReport &report = ctx.report;
    startReport(report, plan.value(), options);
    if (!options.force) {
        const QString reason = holdBackReason(pair, plan.value());
        if (!reason.isEmpty()) {
            report.heldBack = true;
            report.heldBackReason = reason;
            report.elapsedMs = clock.elapsed();
            return report;
        }
    }
    if (const auto failure = prepare(ctx, pair, plan.value()))
        return Result<SyncReport>::failure(*failure);
    if (!report.stopReason.isEmpty()) {
        report.elapsedMs = clock.elapsed();
        return report;
    }
    ctx.total = plan->created.entries + plan->created.metadata + int(plan->actions.size());

    // Pass 2 plans again and applies as it goes, a batch at a time: a first copy of 200,000 files never
    // holds 200,000 actions. Each action is still checked against the disk as it is applied.
    const qsizetype planErrors = report.errors.size();
    const qsizetype planNotes = report.notes.size();
    QList<SyncAction> batch;
    batch.reserve(StreamBatch);
    PlanOptions applying;
    applying.probeDestination = true; // answered from pass 1's probe (cached per destination folder)
    bool hooked = false;
    const auto apply = [&] {
        if (g_beforeApplyHook && !std::exchange(hooked, true))
            g_beforeApplyHook(); // between a batch's plan and its application
        applyCreations(ctx, batch);
        batch.clear();
    };
    applying.creationSink = [&](const SyncAction &a) {
        batch.append(a);
        if (batch.size() >= StreamBatch)
            apply();
        return !ctx.stopping();
    };
    const auto second = planSync(pair, cancel, applying);
    if (!batch.isEmpty() && !ctx.stopping())
        apply();
    batch = {};
    if (second) {
        // Pass 2's plan is the one that was applied: its read errors and notes replace pass 1's, and
        // what the apply itself reported is kept after them.
        const SyncPlan &final = second.value();
        const QStringList applyErrors = report.errors.mid(planErrors);
        const QStringList applyNotes = report.notes.mid(planNotes);
        startReport(report, final, options);
        report.errors << applyErrors;
        report.notes << applyNotes;
        bool deleting = true;
        if (!options.force) {
            // The source may have changed between the passes: the deletions are checked again.
            const QString reason = holdBackReason(pair, final);
            if (!reason.isEmpty() && final.deletions() > 0) {
                report.deletionsSkipped = true;
                report.deletionsSkippedReason = reason;
                deleting = false;
            }
        }
        applyDeletionsAndFolders(ctx, final, deleting);
    } else if (!ctx.stopping()) {
        report.errors << second.error();
        ++report.failed;
    }
    finish(ctx, pair);
    report.elapsedMs = clock.elapsed();
    return report;
}

Result<SyncReport> applyPlan(const SyncPair &pair, const SyncPlan &plan, const RunOptions &options,
                             const std::atomic_bool *cancel, ProgressFn progress)
{
    QElapsedTimer clock;
    clock.start();
    Context ctx(pair, plan, cancel, std::move(progress));
    ctx.onAction = options.onAction;
    SyncReport &report = ctx.report;
    startReport(report, plan, options);
    if (!options.force) {
        const QString reason = holdBackReason(pair, plan);
        if (!reason.isEmpty()) {
            report.heldBack = true;
            report.heldBackReason = reason;
            return report;
        }
    }
    if (options.dryRun) {
        countDryRun(plan, report);
        return report;
    }
    if (const auto failure = prepare(ctx, pair, plan))
        return Result<SyncReport>::failure(*failure);
    if (!report.stopReason.isEmpty()) {
        report.elapsedMs = clock.elapsed();
        return report;
    }
    ctx.total = int(plan.actions.size());
    applyCreations(ctx, plan.actions);
    applyDeletionsAndFolders(ctx, plan);
    finish(ctx, pair);
    report.elapsedMs = clock.elapsed();
    return report;
}

} // namespace lanwatch::sync
