// Applying a plan: folders first, then files in parallel (temp + rename), deletions into the versions
// folder, folder times last; one syncfs() at the end so a finished run is on disk.
#include "core/sync/SyncRunner.h"

#include "core/sync/FileTree.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QThread>
#include <QThreadPool>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lanwatch::sync {

namespace {

std::function<void(const QString &)> g_afterCopyHook;

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

QByteArray parentOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? QByteArray(".") : path.left(slash);
}

QByteArray nameOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.mid(slash + 1);
}

QByteArray tempPathFor(const QByteArray &path)
{
    QByteArray name = nameOf(path).left(200); // temp names must stay under NAME_MAX
    const QByteArray temp =
        QByteArray(TempPrefix) + QByteArray::number(QRandomGenerator::global()->generate64(), 36) + '-' + name;
    const QByteArray parent = parentOf(path);
    return parent == "." ? temp : parent + '/' + temp;
}

// mkdir -p inside dirFd (ignores folders that exist).
bool makePath(int dirFd, const QByteArray &path)
{
    if (path.isEmpty() || path == ".")
        return true;
    qsizetype from = 0;
    for (;;) {
        const qsizetype slash = path.indexOf('/', from);
        const QByteArray part = slash < 0 ? path : path.left(slash);
        if (::mkdirat(dirFd, part.constData(), 0700) != 0 && errno != EEXIST)
            return false;
        if (slash < 0)
            return true;
        from = slash + 1;
    }
}

struct Context
{
    const SyncPair &pair;
    int srcFd = -1;
    int dstFd = -1;
    QByteArray versionsPath; // relative to dstFd: ".lanwatch-versions/<stamp>"
    bool versionsMade = false;
    QMutex mutex; // guards report, versionsMade and progress
    SyncReport report;
    const std::atomic_bool *cancel;
    ProgressFn progress;
    int done = 0;
    int total = 0;
    bool root = ::geteuid() == 0;

    explicit Context(const SyncPair &p, const std::atomic_bool *c, ProgressFn fn)
        : pair(p), cancel(c), progress(std::move(fn))
    {}
    ~Context()
    {
        if (srcFd >= 0)
            ::close(srcFd);
        if (dstFd >= 0)
            ::close(dstFd);
    }
    bool cancelled() const { return cancel && cancel->load(); }

    void error(const QString &text)
    {
        QMutexLocker lock(&mutex);
        report.errors << text;
    }
    void step(const QString &path)
    {
        QMutexLocker lock(&mutex);
        ++done;
        if (progress && (done % 64 == 0 || done == total))
            progress(done, total, path);
    }

    // Moves dst/path into the versions folder (creating it and the parents there).
    bool keepVersion(const QByteArray &path, bool hardLink)
    {
        {
            QMutexLocker lock(&mutex);
            if (!versionsMade) {
                if (!makePath(dstFd, versionsPath)) {
                    report.errors << QCoreApplication::translate("SyncRunner",
                                                                 "Cannot create the versions folder %1: %2")
                                         .arg(QFile::decodeName(versionsPath), errnoText(errno));
                    return false;
                }
                versionsMade = true;
                report.versionsFolder = pair.destination + QLatin1Char('/') + QFile::decodeName(versionsPath);
            }
        }
        const QByteArray target = versionsPath + '/' + path;
        if (!makePath(dstFd, parentOf(target)))
            return false;
        if (hardLink && ::linkat(dstFd, path.constData(), dstFd, target.constData(), 0) == 0)
            return true;
        if (hardLink && errno != EPERM && errno != EMLINK && errno != EXDEV && errno != ENOTSUP && errno != EOPNOTSUPP)
            return false;
        // No hard links here (FAT, some network file systems) or a folder: move it.
        return ::renameat(dstFd, path.constData(), dstFd, target.constData()) == 0;
    }

    void setTimes(const SyncAction &a, bool followLinks)
    {
        const timespec times[2] = {{a.mtimeSec, a.mtimeNsec}, {a.mtimeSec, a.mtimeNsec}};
        ::utimensat(dstFd, a.pathBytes.constData(), times, followLinks ? 0 : AT_SYMLINK_NOFOLLOW);
    }

    void copyFile(const SyncAction &a)
    {
        const QByteArray &path = a.pathBytes;
        const int in = ::openat(srcFd, path.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (in < 0) {
            error(
                QCoreApplication::translate("SyncRunner", "Cannot read %1: %2").arg(a.relativePath, errnoText(errno)));
            return;
        }
        struct stat before = {};
        ::fstat(in, &before);
        const QByteArray temp = tempPathFor(path);
        const int out = ::openat(dstFd, temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (out < 0) {
            error(QCoreApplication::translate("SyncRunner", "Cannot write into the folder of %1: %2")
                      .arg(a.relativePath, errnoText(errno)));
            ::close(in);
            return;
        }
        qint64 copied = 0;
        bool failed = false;
        bool useCopyRange = true;
        for (;;) {
            ssize_t n = -1;
            if (useCopyRange) {
                n = ::copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
                if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP) &&
                    copied == 0) {
                    useCopyRange = false;
                    continue;
                }
            } else {
                char buffer[128 * 1024];
                n = ::read(in, buffer, sizeof(buffer));
                for (ssize_t off = 0; n > 0 && off < n;) {
                    const ssize_t w = ::write(out, buffer + off, std::size_t(n - off));
                    if (w < 0) {
                        n = -1;
                        break;
                    }
                    off += w;
                }
            }
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                failed = true;
                break;
            }
            if (n == 0)
                break;
            copied += n;
        }
        const int copyErrno = errno;
        if (!failed) {
            ::fchmod(out, before.st_mode & 07777);
            // Ownership as rsync -a keeps it when run as root; a failure (e.g. FAT) is not an error.
            if (root && ::fchown(out, before.st_uid, before.st_gid) != 0)
                errno = 0;
            const timespec times[2] = {before.st_atim, before.st_mtim};
            ::futimens(out, times);
        }
        if (g_afterCopyHook)
            g_afterCopyHook(a.relativePath);
        struct stat after = {};
        ::fstat(in, &after);
        ::close(in);
        if (::close(out) != 0 && !failed)
            failed = true;
        if (failed) {
            ::unlinkat(dstFd, temp.constData(), 0);
            error(QCoreApplication::translate("SyncRunner", "Copying %1 failed: %2")
                      .arg(a.relativePath, errnoText(copyErrno)));
            return;
        }
        // Changed while we copied it: the copy may mix old and new bytes. Drop it; the next run copies it.
        if (after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
            after.st_mtim.tv_nsec != before.st_mtim.tv_nsec || copied != before.st_size) {
            ::unlinkat(dstFd, temp.constData(), 0);
            QMutexLocker lock(&mutex);
            ++report.retryLater;
            report.errors << QCoreApplication::translate(
                                 "SyncRunner",
                                 "%1 changed while it was being copied; it will be copied on the next run.")
                                 .arg(a.relativePath);
            return;
        }
        struct stat existing = {};
        const bool exists = ::fstatat(dstFd, path.constData(), &existing, AT_SYMLINK_NOFOLLOW) == 0;
        if (exists && !keepVersion(path, !S_ISDIR(existing.st_mode))) {
            ::unlinkat(dstFd, temp.constData(), 0);
            error(QCoreApplication::translate("SyncRunner", "Cannot keep the old version of %1: %2; left it unchanged.")
                      .arg(a.relativePath, errnoText(errno)));
            return;
        }
        if (::renameat(dstFd, temp.constData(), dstFd, path.constData()) != 0) {
            error(QCoreApplication::translate("SyncRunner", "Cannot put %1 in place: %2")
                      .arg(a.relativePath, errnoText(errno)));
            ::unlinkat(dstFd, temp.constData(), 0);
            return;
        }
        QMutexLocker lock(&mutex);
        if (a.kind == SyncAction::Kind::Update || exists)
            ++report.updated;
        else
            ++report.copied;
        report.bytes += copied;
    }

    void copyLink(const SyncAction &a)
    {
        char target[4096];
        const ssize_t n = ::readlinkat(srcFd, a.pathBytes.constData(), target, sizeof(target) - 1);
        if (n < 0) {
            error(QCoreApplication::translate("SyncRunner", "Cannot read the link %1: %2")
                      .arg(a.relativePath, errnoText(errno)));
            return;
        }
        target[n] = 0;
        const QByteArray temp = tempPathFor(a.pathBytes);
        if (::symlinkat(target, dstFd, temp.constData()) != 0) {
            error(QCoreApplication::translate("SyncRunner", "Cannot create the link %1: %2")
                      .arg(a.relativePath, errnoText(errno)));
            return;
        }
        struct stat existing = {};
        if (::fstatat(dstFd, a.pathBytes.constData(), &existing, AT_SYMLINK_NOFOLLOW) == 0 &&
            !keepVersion(a.pathBytes, !S_ISDIR(existing.st_mode))) {
            ::unlinkat(dstFd, temp.constData(), 0);
            error(QCoreApplication::translate("SyncRunner", "Cannot keep the old version of %1; left it unchanged.")
                      .arg(a.relativePath));
            return;
        }
        if (::renameat(dstFd, temp.constData(), dstFd, a.pathBytes.constData()) != 0) {
            ::unlinkat(dstFd, temp.constData(), 0);
            error(QCoreApplication::translate("SyncRunner", "Cannot put the link %1 in place: %2")
                      .arg(a.relativePath, errnoText(errno)));
            return;
        }
        setTimes(a, false);
        QMutexLocker lock(&mutex);
        ++report.copied;
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
    for (const QString &name : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDateTime stamp = QDateTime::fromString(name, QStringLiteral("yyyy-MM-ddTHH-mm-ss-zzz"));
        if (!stamp.isValid())
            continue; // not ours: leave it
        QDateTime utc = stamp;
        utc.setTimeSpec(Qt::UTC);
        if (utc < cutoff && !QDir(versions.filePath(name)).removeRecursively())
            errors->append(QCoreApplication::translate("SyncRunner", "Cannot remove the old versions in %1.")
                               .arg(versions.filePath(name)));
    }
}

} // namespace

void testing::setAfterCopyHook(std::function<void(const QString &)> hook)
{
    g_afterCopyHook = std::move(hook);
}

QString holdBackReason(const SyncPair &pair, const SyncPlan &plan)
{
    if (pair.mode != SyncMode::Mirror || plan.fileDeletions() == 0)
        return {};
    if (plan.sourceFiles == 0 && plan.destinationFiles > 0)
        return QCoreApplication::translate(
                   "SyncRunner",
                   "The source %1 is empty but the destination has %2 files: is the source's disk mounted? Nothing was "
                   "deleted; sync with force only if the source really is empty now.")
            .arg(pair.source)
            .arg(plan.destinationFiles);
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

Result<SyncReport> runSync(const SyncPair &pair, const RunOptions &options, const std::atomic_bool *cancel,
                           ProgressFn progress)
{
    QElapsedTimer clock;
    clock.start();
    auto plan = planSync(pair, cancel);
    if (!plan)
        return Result<SyncReport>::failure(plan.error());
    auto report = applyPlan(pair, plan.value(), options, cancel, std::move(progress));
    if (report)
        report.value().elapsedMs = clock.elapsed();
    return report;
}

Result<SyncReport> applyPlan(const SyncPair &pair, const SyncPlan &plan, const RunOptions &options,
                             const std::atomic_bool *cancel, ProgressFn progress)
{
    using K = SyncAction::Kind;
    QElapsedTimer clock;
    clock.start();
    Context ctx(pair, cancel, std::move(progress));
    ctx.report.errors = plan.warnings + plan.conflicts;
    ctx.report.dryRun = options.dryRun;

    if (!options.force) {
        const QString reason = holdBackReason(pair, plan);
        if (!reason.isEmpty()) {
            ctx.report.heldBack = true;
            ctx.report.heldBackReason = reason;
            return ctx.report;
        }
    }
    if (options.dryRun) {
        for (const SyncAction &a : plan.actions) {
            if (a.kind == K::Copy || a.kind == K::Symlink)
                ++ctx.report.copied;
            else if (a.kind == K::Update)
                ++ctx.report.updated;
            else if (a.kind == K::Delete)
                ++ctx.report.deleted;
            else if (a.kind == K::MakeDir)
                ++ctx.report.dirsMade;
        }
        ctx.report.bytes = plan.bytesToCopy();
        return ctx.report;
    }

    const QByteArray srcPath = QFile::encodeName(pair.source);
    const QByteArray dstPath = QFile::encodeName(pair.destination);
    ctx.srcFd = ::open(srcPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (ctx.srcFd < 0)
        return Result<SyncReport>::failure(
            QCoreApplication::translate("SyncRunner", "Cannot open the source %1: %2. Nothing was changed.")
                .arg(pair.source, errnoText(errno)));
    if (::mkdir(dstPath.constData(), 0755) != 0 && errno != EEXIST)
        return Result<SyncReport>::failure(
            QCoreApplication::translate("SyncRunner", "Cannot create the destination %1: %2")
                .arg(pair.destination, errnoText(errno)));
    ctx.dstFd = ::open(dstPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (ctx.dstFd < 0)
        return Result<SyncReport>::failure(
            QCoreApplication::translate("SyncRunner", "Cannot open the destination %1: %2")
                .arg(pair.destination, errnoText(errno)));
    ctx.versionsPath = QByteArray(VersionsFolder) + '/' +
                       QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH-mm-ss-zzz")).toLatin1();
    ctx.total = int(plan.actions.size());

    // 1. Folders, in path order (parents first).
    for (const SyncAction &a : plan.actions) {
        if (a.kind != K::MakeDir || ctx.cancelled())
            continue;
        if (a.replaces && !ctx.keepVersion(a.pathBytes, false)) {
            ctx.error(QCoreApplication::translate("SyncRunner", "Cannot move %1 out of the way: %2")
                          .arg(a.relativePath, errnoText(errno)));
            continue;
        }
        if (::mkdirat(ctx.dstFd, a.pathBytes.constData(), (a.mode & 07777) | 0700) != 0 && errno != EEXIST)
            ctx.error(QCoreApplication::translate("SyncRunner", "Cannot create the folder %1: %2")
                          .arg(a.relativePath, errnoText(errno)));
        else
            ++ctx.report.dirsMade;
        ctx.step(a.relativePath);
    }

    // 2. Files and links, spread over a few threads: many small files are bound by syscalls, not bytes.
    QList<const SyncAction *> work;
    for (const SyncAction &a : plan.actions)
        if (a.kind == K::Copy || a.kind == K::Update || a.kind == K::Symlink || (a.kind == K::SetTimes && !a.isDir))
            work.append(&a);
    std::atomic<qsizetype> next{0};
    const auto worker = [&] {
        for (qsizetype i = next++; i < work.size() && !ctx.cancelled(); i = next++) {
            const SyncAction &a = *work[i];
            if (a.kind == K::Symlink)
                ctx.copyLink(a);
            else if (a.kind == K::SetTimes) {
                ::fchmodat(ctx.dstFd, a.pathBytes.constData(), a.mode & 07777, 0);
                ctx.setTimes(a, true);
            } else
                ctx.copyFile(a);
            ctx.step(a.relativePath);
        }
    };
    const int threads = work.size() < 64 ? 1 : std::clamp(QThread::idealThreadCount(), 2, 4);
    QThreadPool local;
    local.setMaxThreadCount(threads - 1);
    for (int t = 1; t < threads; ++t)
        local.start(worker);
    worker();
    local.waitForDone();

    // 3. Deletions, after every copy: moved into the versions folder (a folder moves with its contents).
    QByteArray movedFolder;
    for (const SyncAction &a : plan.actions) {
        if (a.kind != K::Delete || ctx.cancelled())
            continue;
        ctx.step(a.relativePath);
        if (!movedFolder.isEmpty() && a.pathBytes.startsWith(QByteArray(movedFolder + '/')))
            continue;
        if (ctx.keepVersion(a.pathBytes, false)) {
            ++ctx.report.deleted;
            if (a.isDir)
                movedFolder = a.pathBytes;
        } else if (errno != ENOENT) {
            ctx.error(QCoreApplication::translate("SyncRunner", "Cannot remove %1: %2")
                          .arg(a.relativePath, errnoText(errno)));
        }
    }
    if (!movedFolder.isEmpty() || ctx.report.deleted) {
        // Count the files inside moved folders, so "deleted" says how many files left the destination.
        int inside = 0;
        for (const SyncAction &a : plan.actions)
            if (a.kind == K::Delete && !a.isDir)
                ++inside;
        ctx.report.deleted = std::max(ctx.report.deleted, inside);
    }

    // 4. Folder permissions and times, deepest first (creating files inside changed them).
    for (const SyncAction &a : plan.actions) {
        if (a.kind != K::SetTimes || !a.isDir || ctx.cancelled())
            continue;
        ::fchmodat(ctx.dstFd, a.pathBytes.constData(), a.mode & 07777, 0);
        ctx.setTimes(a, true);
        ctx.step(a.relativePath);
    }

    ctx.report.cancelled = ctx.cancelled();
    pruneVersions(pair, &ctx.report.errors);
    // A finished run is on disk before it is reported (one syncfs instead of an fsync per file).
    if (ctx.report.changedSomething())
        ::syncfs(ctx.dstFd);
    ctx.report.elapsedMs = clock.elapsed();
    return ctx.report;
}

} // namespace lanwatch::sync
