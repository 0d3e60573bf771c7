// Restore: reads DST/.lanwatch-versions and writes chosen versions back through directory descriptors.
// Messages are English only: restore is a command-line feature (see app/cli/RestoreCommand.cpp).
#include "core/sync/Restore.h"

#include "core/sync/FileTree.h"
#include "core/sync/PathAt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace lanwatch::sync {

namespace {

constexpr char StampFormat[] = "yyyy-MM-ddTHH-mm-ss-zzz";
constexpr char ReplacedInfix[] = ".lanwatch-replaced-";
const QLatin1String VersionsName(VersionsFolder);

// An owned file descriptor.
class Fd
{
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(Fd &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd &operator=(Fd &&other) noexcept
    {
        reset(std::exchange(other.m_fd, -1));
        return *this;
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd() { reset(); }
    void reset(int fd = -1)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

QString display(const QByteArray &path)
{
    return QFile::decodeName(path);
}

int openDirNoFollow(int at, const char *name)
{
    return ::openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

std::optional<QDateTime> stampFromName(const QString &name)
{
    if (name.size() != 23 || name.at(10) != QLatin1Char('T'))
        return std::nullopt;
    const QDate date = QDate::fromString(name.left(10), QStringLiteral("yyyy-MM-dd"));
    const QTime time = QTime::fromString(name.mid(11), QStringLiteral("HH-mm-ss-zzz"));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

QString stampName(const QDateTime &utc)
{
    return utc.toUTC().toString(QLatin1String(StampFormat));
}

// Opens the folder that holds relPath below rootFd one component at a time, never following a link,
// so a folder swapped for a symbolic link cannot send a read or a write outside rootFd. With create,
// missing folders are made (default permissions). On failure error names the component and why.
Fd openParent(int rootFd, const QByteArray &relPath, bool create, QString *error, int *errNo = nullptr)
{
    Fd current(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0));
    const QByteArray parent = parentOf(relPath);
    if (parent.isEmpty())
        return current;
    QByteArray walked;
    for (const QByteArray &part : parent.split('/')) {
        walked += walked.isEmpty() ? part : QByteArray('/' + part);
        if (create && ::mkdirat(current.get(), part.constData(), 0777) != 0 && errno != EEXIST) {
            const int e = errno;
            if (errNo)
                *errNo = e;
            *error = QStringLiteral("cannot create the folder %1: %2").arg(display(walked), errnoText(e));
            return {};
        }
        const int fd = openDirNoFollow(current.get(), part.constData());
        if (fd < 0) {
            const int e = errno;
            if (errNo)
                *errNo = e;
            struct stat st = {};
            const bool exists = ::fstatat(current.get(), part.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0;
            if (exists && S_ISLNK(st.st_mode))
                *error = QStringLiteral("%1 is a symbolic link; restore does not follow links inside the target "
                                        "folder")
                             .arg(display(walked));
            else if (exists && !S_ISDIR(st.st_mode))
                *error = QStringLiteral("%1 is not a folder").arg(display(walked));
            else
                *error = QStringLiteral("cannot open the folder %1: %2").arg(display(walked), errnoText(e));
            return {};
        }
        current.reset(fd);
    }
    return current;
}

bool readFull(int fd, char *buffer, qsizetype size, qsizetype *got)
{
    *got = 0;
    while (*got < size) {
        const ssize_t n = ::read(fd, buffer + *got, std::size_t(size - *got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        if (n == 0)
            break;
        *got += n;
    }
    return true;
}

bool sameBytes(int a, int b)
{
    static constexpr qsizetype Chunk = 64 * 1024;
    QByteArray bufA(Chunk, Qt::Uninitialized);
    QByteArray bufB(Chunk, Qt::Uninitialized);
    for (;;) {
        qsizetype gotA = 0;
        qsizetype gotB = 0;
        if (!readFull(a, bufA.data(), Chunk, &gotA) || !readFull(b, bufB.data(), Chunk, &gotB) || gotA != gotB)
            return false;
        if (gotA == 0)
            return true;
        if (std::memcmp(bufA.constData(), bufB.constData(), std::size_t(gotA)) != 0)
            return false;
    }
}

QByteArray readLink(int dirFd, const QByteArray &name, bool *ok)
{
    char target[4096];
    const ssize_t n = ::readlinkat(dirFd, name.constData(), target, sizeof(target));
    *ok = n >= 0 && std::size_t(n) < sizeof(target);
    return *ok ? QByteArray(target, n) : QByteArray();
}

// Whether the target's entry (target, already lstat'ed) holds what the version holds: the same
// bytes, the same link target, or a folder for an (empty) folder version.
bool sameAsVersion(VersionEntry::Type type, int versionDir, int targetDir, const QByteArray &name,
                   const struct stat &target)
{
    switch (type) {
    case VersionEntry::Type::Dir:
        return S_ISDIR(target.st_mode);
    case VersionEntry::Type::Symlink: {
        if (!S_ISLNK(target.st_mode))
            return false;
        bool okA = false;
        bool okB = false;
        const QByteArray a = readLink(versionDir, name, &okA);
        const QByteArray b = readLink(targetDir, name, &okB);
        return okA && okB && a == b;
    }
    case VersionEntry::Type::File: {
        if (!S_ISREG(target.st_mode))
            return false;
        const Fd a(::openat(versionDir, name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        const Fd b(::openat(targetDir, name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        struct stat stA = {};
        if (!a.valid() || !b.valid() || ::fstat(a.get(), &stA) != 0 || stA.st_size != target.st_size)
            return false;
        return sameBytes(a.get(), b.get());
    }
    }
    return false;
}

// Reads one snapshot folder into entries; folders are entered, never followed through links.
void walkSnapshot(int dirFd, const QByteArray &prefix, VersionSnapshot &snapshot, QStringList *warnings,
                  const QString &where)
{
    const int dupFd = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    DIR *dir = dupFd < 0 ? nullptr : ::fdopendir(dupFd);
    if (!dir) {
        if (dupFd >= 0)
            ::close(dupFd);
        warnings->append(QStringLiteral("cannot read %1/%2: %3; its versions are not listed")
                             .arg(where, display(prefix), errnoText(errno)));
        return;
    }
    bool holdsSomething = false;
    while (const dirent *e = ::readdir(dir)) {
        const QByteArray name(e->d_name);
        if (name == "." || name == ".." || name.startsWith(TempPrefix))
            continue;
        const QByteArray path = prefix.isEmpty() ? name : QByteArray(prefix + '/' + name);
        struct stat st = {};
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            const Fd sub(openDirNoFollow(dirFd, name.constData()));
            if (!sub.valid()) {
                warnings->append(QStringLiteral("cannot read %1/%2: %3; its versions are not listed")
                                     .arg(where, display(path), errnoText(errno)));
                continue;
            }
            holdsSomething = true;
            walkSnapshot(sub.get(), path, snapshot, warnings, where);
        } else if (S_ISREG(st.st_mode)) {
            holdsSomething = true;
            snapshot.entries.insert(path, VersionEntry{VersionEntry::Type::File, st.st_size});
        } else if (S_ISLNK(st.st_mode)) {
            holdsSomething = true;
            snapshot.entries.insert(path, VersionEntry{VersionEntry::Type::Symlink, st.st_size});
        } // sockets, fifos and devices are never mirrored: nothing to restore
    }
    ::closedir(dir);
    if (!holdsSomething && !prefix.isEmpty())
        snapshot.entries.insert(prefix, VersionEntry{VersionEntry::Type::Dir, 0});
}

bool isDescendant(const QByteArray &ancestor, const QByteArray &path)
{
    return path.size() > ancestor.size() && path.startsWith(ancestor) && path.at(ancestor.size()) == '/';
}

QString absoluteClean(const QString &path)
{
    return QDir::cleanPath(QDir(path).absolutePath());
}

// The canonical form of path, whose tail may not exist yet.
QString canonicalOrPlanned(const QString &path)
{
    QString existing = absoluteClean(path);
    QString rest;
    while (!QFileInfo::exists(existing) && existing != QLatin1String("/")) {
        rest = QFileInfo(existing).fileName() + (rest.isEmpty() ? QString() : QLatin1Char('/') + rest);
        existing = QFileInfo(existing).path();
    }
    const QString canonical = QFileInfo(existing).canonicalFilePath();
    return rest.isEmpty() ? canonical : QDir::cleanPath(canonical + QLatin1Char('/') + rest);
}

} // namespace

Result<VersionIndex> listVersions(const QString &dst)
{
    VersionIndex index;
    index.destination = absoluteClean(dst);
    const Fd dstFd(::open(QFile::encodeName(index.destination).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dstFd.valid())
        return Result<VersionIndex>::failure(
            errno == ENOENT    ? QStringLiteral("%1 does not exist.").arg(index.destination)
            : errno == ENOTDIR ? QStringLiteral("%1 is not a folder.").arg(index.destination)
                               : QStringLiteral("Cannot open %1: %2").arg(index.destination, errnoText(errno)));
    const Fd versionsFd(openDirNoFollow(dstFd.get(), VersionsFolder));
    const QString versionsPath = index.destination + QLatin1Char('/') + QLatin1String(VersionsFolder);
    if (!versionsFd.valid()) {
        const int e = errno;
        struct stat st = {};
        if (e == ENOENT)
            return Result<VersionIndex>::failure(
                QStringLiteral("%1 has no %2 folder: nothing to restore.").arg(index.destination, VersionsName));
        if (::fstatat(dstFd.get(), VersionsFolder, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
            return Result<VersionIndex>::failure(
                QStringLiteral("%1 is not a folder (a symbolic link?); restore reads only a real versions folder.")
                    .arg(versionsPath));
        return Result<VersionIndex>::failure(QStringLiteral("Cannot read %1: %2").arg(versionsPath, errnoText(e)));
    }

    // Snapshot folders, by stamp; anything else in there is not lanwatch's and is left out.
    QList<std::pair<QDateTime, QByteArray>> found;
    {
        const int dupFd = ::fcntl(versionsFd.get(), F_DUPFD_CLOEXEC, 0);
        DIR *dir = dupFd < 0 ? nullptr : ::fdopendir(dupFd);
        if (!dir) {
            if (dupFd >= 0)
                ::close(dupFd);
            return Result<VersionIndex>::failure(
                QStringLiteral("Cannot read %1: %2").arg(versionsPath, errnoText(errno)));
        }
        while (const dirent *e = ::readdir(dir)) {
            const QByteArray name(e->d_name);
            const auto stamp = stampFromName(QString::fromLatin1(name));
            struct stat st = {};
            if (stamp && ::fstatat(versionsFd.get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISDIR(st.st_mode))
                found.append({*stamp, name});
        }
        ::closedir(dir);
    }
    std::sort(found.begin(), found.end());
    for (const auto &[stamp, name] : found) {
        VersionSnapshot snapshot;
        snapshot.stamp = stamp;
        snapshot.name = QString::fromLatin1(name);
        const Fd snapFd(openDirNoFollow(versionsFd.get(), name.constData()));
        if (!snapFd.valid()) {
            index.warnings << QStringLiteral("cannot read %1/%2: %3; its versions are not listed")
                                  .arg(versionsPath, snapshot.name, errnoText(errno));
            continue;
        }
        walkSnapshot(snapFd.get(), {}, snapshot, &index.warnings, versionsPath + QLatin1Char('/') + snapshot.name);
        const int i = int(index.snapshots.size());
        for (auto it = snapshot.entries.cbegin(); it != snapshot.entries.cend(); ++it)
            index.paths[it.key()].append(i);
        index.snapshots.append(std::move(snapshot));
    }
    return index;
}

Result<QByteArray> restorePathArgument(const QString &path)
{
    if (path.isEmpty())
        return Result<QByteArray>::failure(
            QStringLiteral("an empty PATH; give a path relative to DST, or none to restore everything."));
    if (path.startsWith(QLatin1Char('/')))
        return Result<QByteArray>::failure(
            QStringLiteral("PATH '%1' is absolute; give it relative to DST (e.g. docs/report.txt).").arg(path));
    QStringList parts;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String(".."))
            return Result<QByteArray>::failure(
                QStringLiteral("PATH '%1' has a '..' component; give a path inside DST.").arg(path));
        if (part != QLatin1String("."))
            parts << part;
    }
    if (!parts.isEmpty() && parts.first() == QLatin1String(VersionsFolder))
        return Result<QByteArray>::failure(
            QStringLiteral("PATH '%1' is inside the versions folder; give the path the file had in DST.").arg(path));
    return QFile::encodeName(parts.join(QLatin1Char('/')));
}

bool restoreSelects(const QByteArray &selection, const QByteArray &relativePath)
{
    return selection.isEmpty() || relativePath == selection || isDescendant(selection, relativePath);
}

std::optional<QDateTime> parseRestoreTime(const QString &input)
{
    const QString text = input.trimmed();
    static const QRegularExpression epoch(QStringLiteral("^@(-?\\d{1,12})(?:\\.(\\d{1,9}))?$"));
    if (const auto m = epoch.match(text); m.hasMatch()) {
        const qint64 seconds = m.captured(1).toLongLong();
        const qint64 ms = m.captured(2).leftJustified(3, QLatin1Char('0')).left(3).toLongLong();
        return QDateTime::fromMSecsSinceEpoch(seconds * 1000 + (seconds < 0 ? -ms : ms), Qt::UTC);
    }
    static const QRegularExpression iso(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})(?:[T "
                       "](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?(Z|[+-]\\d{2}:?\\d{2})?)?$"));
    const auto m = iso.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const int ms = m.captured(7).leftJustified(3, QLatin1Char('0')).left(3).toInt();
    const QTime time = m.captured(4).isEmpty()
                           ? QTime(0, 0)
                           : QTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QString zone = m.captured(8);
    QDateTime result;
    if (zone.isEmpty()) {
        result = QDateTime(date, time, Qt::LocalTime);
        if (!result.isValid() || result.time() != time)
            return std::nullopt; // a local time that does not exist (skipped by a daylight-saving change)
    } else if (zone == QLatin1String("Z")) {
        result = QDateTime(date, time, Qt::UTC);
    } else {
        QString digits = zone.mid(1);
        digits.remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.mid(2).toInt();
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        const int offset = (hours * 3600 + minutes * 60) * (zone.startsWith(QLatin1Char('-')) ? -1 : 1);
        result = QDateTime(date, time, Qt::OffsetFromUTC, offset);
    }
    if (!result.isValid())
        return std::nullopt;
    return result.toUTC();
}

QString formatStamp(const QDateTime &utc, bool withMs)
{
    return utc.toUTC().toString(withMs ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")
                                       : QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
           QStringLiteral(" UTC");
}

Result<void> validateRestoreArguments(const QString &dst, const QStringList &paths, const QString &to)
{
    const QFileInfo dstInfo(dst);
    if (!dstInfo.exists())
        return Result<void>::failure(QStringLiteral("DST %1 does not exist.").arg(absoluteClean(dst)));
    if (!dstInfo.isDir())
        return Result<void>::failure(QStringLiteral("DST %1 is not a folder.").arg(absoluteClean(dst)));
    for (const QString &path : paths)
        if (const auto checked = restorePathArgument(path); !checked)
            return Result<void>::failure(checked.error());
    if (to.isEmpty())
        return {};
    const QFileInfo toInfo(to);
    if (toInfo.exists() && !toInfo.isDir())
        return Result<void>::failure(QStringLiteral("--to %1 is not a folder.").arg(absoluteClean(to)));
    const QString versions = canonicalOrPlanned(dst + QLatin1Char('/') + QLatin1String(VersionsFolder));
    const QString target = canonicalOrPlanned(to);
    if (target == versions || target.startsWith(versions + QLatin1Char('/')))
        return Result<void>::failure(
            QStringLiteral("--to %1 is inside DST's versions folder; restore into another folder.").arg(target));
    return {};
}

Result<RestorePlan> planRestore(const QString &dst, std::optional<QDateTime> at, const QStringList &paths,
                                const QString &to)
{
    if (const auto valid = validateRestoreArguments(dst, paths, to); !valid)
        return Result<RestorePlan>::failure(valid.error());
    auto index = listVersions(dst);
    if (!index)
        return Result<RestorePlan>::failure(index.error());

    RestorePlan plan;
    plan.index = std::move(index.value());
    plan.at = at ? std::optional<QDateTime>(at->toUTC()) : std::nullopt;
    plan.target = to.isEmpty() ? plan.index.destination : absoluteClean(to);
    plan.intoDestination = to.isEmpty() || canonicalOrPlanned(to) == canonicalOrPlanned(dst);
    if (plan.intoDestination)
        plan.target = plan.index.destination;
    const auto &snapshots = plan.index.snapshots;

    QList<QByteArray> selections;
    for (const QString &path : paths)
        selections << restorePathArgument(path).value();
    if (selections.isEmpty())
        selections << QByteArray();

    // 1. The version each selected path comes back as.
    QMap<QByteArray, RestoreItem> chosen;
    QSet<QByteArray> unchanged; // counted once when several PATHs select them
    for (const QByteArray &selection : selections) {
        bool matched = false;
        const auto &all = std::as_const(plan.index.paths);
        for (auto it = selection.isEmpty() ? all.cbegin() : all.lowerBound(selection); it != all.cend(); ++it) {
            if (!restoreSelects(selection, it.key())) {
                if (it.key().startsWith(selection))
                    continue; // "docs-old" sorts between "docs" and "docs/...": not selected, keep looking
                break;
            }
            matched = true;
            if (chosen.contains(it.key()) || unchanged.contains(it.key()))
                continue;
            int pick = -1;
            if (!plan.at) {
                pick = it.value().last();
            } else {
                for (const int i : it.value())
                    if (snapshots.at(i).stamp > *plan.at) {
                        pick = i;
                        break;
                    }
            }
            if (pick < 0) {
                unchanged.insert(it.key());
                continue;
            }
            RestoreItem item;
            item.path = it.key();
            item.displayPath = display(it.key());
            item.snapshot = pick;
            item.type = snapshots.at(pick).entries.value(it.key()).type;
            chosen.insert(it.key(), item);
        }
        if (!matched)
            plan.problems << QStringLiteral("%1: no version of it in %2/%3.")
                                 .arg(selection.isEmpty() ? QStringLiteral("(everything)") : display(selection),
                                      plan.index.destination, VersionsName);
    }

    plan.unchanged = int(unchanged.size());

    // 2. A path that was a file in one snapshot and a folder in another cannot come back as both. The
    //    version nearer to what was asked wins: the newest without --at, the earliest after T with it.
    const auto preferred = [&](int a, int b) { return plan.at ? a < b : a > b; };
    const auto conflict = [&](const RestoreItem &loser, const RestoreItem &winner) {
        return QStringLiteral("%1: not restored: its version from %2 and the version of %3 from %4 cannot both "
                              "be there (a file and a folder); restore one of them on its own.")
            .arg(loser.displayPath, formatStamp(snapshots.at(loser.snapshot).stamp), winner.displayPath,
                 formatStamp(snapshots.at(winner.snapshot).stamp));
    };
    for (auto it = chosen.begin(); it != chosen.end(); ++it) {
        if (it->snapshot < 0)
            continue;
        const QByteArray ancestor = it.key();
        QList<QByteArray> inside;
        for (auto d = std::next(it); d != chosen.end() && d.key().startsWith(ancestor); ++d)
            if (d->snapshot >= 0 && isDescendant(ancestor, d.key()))
                inside << d.key();
        if (inside.isEmpty())
            continue;
        if (it->type == VersionEntry::Type::Dir) {
            it->snapshot = -1; // an empty folder whose contents come back too: they make it
            continue;
        }
        QByteArray winner;
        for (const QByteArray &p : inside)
            if (preferred(chosen.value(p).snapshot, it->snapshot))
                winner = p;
        if (winner.isEmpty()) {
            for (const QByteArray &p : inside) {
                plan.problems << conflict(chosen.value(p), *it);
                chosen[p].snapshot = -1;
            }
        } else {
            plan.problems << conflict(*it, chosen.value(winner));
            it->snapshot = -1;
        }
    }

    // 3. What is in the target now (read only): nothing, something else, or the same content.
    const Fd dstFd(::open(QFile::encodeName(plan.index.destination).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const Fd versionsFd(dstFd.valid() ? openDirNoFollow(dstFd.get(), VersionsFolder) : -1);
    const Fd targetFd(::open(QFile::encodeName(plan.target).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    std::map<int, Fd> snapshotFds;
    for (RestoreItem item : std::as_const(chosen)) {
        if (item.snapshot < 0)
            continue;
        if (targetFd.valid() && versionsFd.valid()) {
            QString ignored;
            const Fd targetDir = openParent(targetFd.get(), item.path, false, &ignored);
            const QByteArray name = nameOf(item.path);
            struct stat st = {};
            if (targetDir.valid() && ::fstatat(targetDir.get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
                auto [snap, made] = snapshotFds.try_emplace(item.snapshot);
                if (made)
                    snap->second.reset(openDirNoFollow(
                        versionsFd.get(), QFile::encodeName(snapshots.at(item.snapshot).name).constData()));
                const Fd versionDir =
                    snap->second.valid() ? openParent(snap->second.get(), item.path, false, &ignored) : Fd();
                item.action =
                    versionDir.valid() && sameAsVersion(item.type, versionDir.get(), targetDir.get(), name, st)
                        ? RestoreItem::Action::SkipIdentical
                        : RestoreItem::Action::Replace;
            }
        }
        plan.items << item;
    }
    return plan;
}

namespace {

// Applies one plan; owns the descriptors and the lazily made "kept" snapshot.
class Applier
{
public:
    Applier(const RestorePlan &plan, RestoreReport &report) : m_plan(plan), m_report(report) {}

    Result<void> open()
    {
        const QByteArray dst = QFile::encodeName(m_plan.index.destination);
        m_dstFd.reset(::open(dst.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!m_dstFd.valid())
            return Result<void>::failure(
                QStringLiteral("Cannot open %1: %2").arg(m_plan.index.destination, errnoText(errno)));
        m_versionsFd.reset(openDirNoFollow(m_dstFd.get(), VersionsFolder));
        if (!m_versionsFd.valid())
            return Result<void>::failure(
                QStringLiteral("Cannot open %1/%2: %3").arg(m_plan.index.destination, VersionsName, errnoText(errno)));
        if (!m_plan.intoDestination && !QDir().mkpath(m_plan.target))
            return Result<void>::failure(QStringLiteral("Cannot create the folder %1.").arg(m_plan.target));
        m_targetFd.reset(::open(QFile::encodeName(m_plan.target).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!m_targetFd.valid())
            return Result<void>::failure(QStringLiteral("Cannot open %1: %2").arg(m_plan.target, errnoText(errno)));
        return {};
    }

    // Restores one item. Returns an error naming the path, or empty (restored or identical).
    QString restore(const RestoreItem &item, bool *identical)
    {
        *identical = false;
        const QString &path = item.displayPath;
        const QByteArray name = nameOf(item.path);
        const VersionSnapshot &snapshot = m_plan.index.snapshots.at(item.snapshot);
        const QString from = QStringLiteral("%1/%2/%3").arg(VersionsName, snapshot.name, path);

        // The version, read through descriptors too: the versions folder is inside DST.
        QString error;
        const Fd snapFd(openDirNoFollow(m_versionsFd.get(), QFile::encodeName(snapshot.name).constData()));
        const Fd versionDir = snapFd.valid() ? openParent(snapFd.get(), item.path, false, &error) : Fd();
        if (!versionDir.valid())
            return QStringLiteral("%1: cannot open its version in %2: %3")
                .arg(path, from, error.isEmpty() ? errnoText(errno) : error);
        struct stat version = {};
        if (::fstatat(versionDir.get(), name.constData(), &version, AT_SYMLINK_NOFOLLOW) != 0)
            return QStringLiteral("%1: its version %2 is gone: %3").arg(path, from, errnoText(errno));

        const Fd targetDir = openParent(m_targetFd.get(), item.path, true, &error);
        if (!targetDir.valid())
            return QStringLiteral("%1: %2; nothing written").arg(path, error);
        struct stat existing = {};
        const bool exists = ::fstatat(targetDir.get(), name.constData(), &existing, AT_SYMLINK_NOFOLLOW) == 0;
        if (exists && sameAsVersion(item.type, versionDir.get(), targetDir.get(), name, existing)) {
            *identical = true;
            return {};
        }

        if (item.type == VersionEntry::Type::Dir) {
            if (exists && !keepAside(targetDir.get(), name, item.path, existing, true, &error))
                return QStringLiteral("%1: %2; left it unchanged").arg(path, error);
            if (::mkdirat(targetDir.get(), name.constData(), version.st_mode & 07777) != 0)
                return QStringLiteral("%1: cannot create the folder: %2").arg(path, errnoText(errno));
            ::fchmodat(targetDir.get(), name.constData(), version.st_mode & 07777, 0);
            const timespec times[2] = {version.st_atim, version.st_mtim};
            ::utimensat(targetDir.get(), name.constData(), times, AT_SYMLINK_NOFOLLOW);
            return {};
        }

        // Files and links: a temp entry next to the target, renamed over it once complete.
        const QByteArray temp = tempNameFor(name);
        if (item.type == VersionEntry::Type::Symlink) {
            bool ok = false;
            const QByteArray target = readLink(versionDir.get(), name, &ok);
            if (!ok)
                return QStringLiteral("%1: cannot read the link %2: %3").arg(path, from, errnoText(errno));
            if (::symlinkat(target.constData(), targetDir.get(), temp.constData()) != 0)
                return QStringLiteral("%1: cannot create the link: %2").arg(path, errnoText(errno));
        } else if (const QString copyError = copyInto(versionDir.get(), name, targetDir.get(), temp);
                   !copyError.isEmpty()) {
            return QStringLiteral("%1: %2").arg(path, copyError);
        }
        if (exists && !keepAside(targetDir.get(), name, item.path, existing, false, &error)) {
            ::unlinkat(targetDir.get(), temp.constData(), 0);
            return QStringLiteral("%1: %2; left it unchanged").arg(path, error);
        }
        if (::renameat(targetDir.get(), temp.constData(), targetDir.get(), name.constData()) != 0) {
            const int e = errno;
            ::unlinkat(targetDir.get(), temp.constData(), 0);
            return QStringLiteral("%1: cannot put it in place: %2").arg(path, errnoText(e));
        }
        if (item.type == VersionEntry::Type::Symlink) {
            const timespec times[2] = {version.st_atim, version.st_mtim};
            ::utimensat(targetDir.get(), name.constData(), times, AT_SYMLINK_NOFOLLOW);
        }
        return {};
    }

    void finish()
    {
        if (m_report.restored > 0)
            ::syncfs(m_targetFd.get());
    }

private:
    // Copies the version into targetDir/temp with its mode, times (and owner, as root).
    QString copyInto(int versionDir, const QByteArray &name, int targetDir, const QByteArray &temp)
    {
        // O_NONBLOCK: a fifo swapped in since the plan must not hang the restore (it is then not a file).
        const Fd in(::openat(versionDir, name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        struct stat st = {};
        if (!in.valid() || ::fstat(in.get(), &st) != 0)
            return QStringLiteral("cannot read its version: %1").arg(errnoText(errno));
        if (!S_ISREG(st.st_mode))
            return QStringLiteral("its version is no longer a file");
        Fd out(::openat(targetDir, temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!out.valid())
            return QStringLiteral("cannot write into its folder: %1").arg(errnoText(errno));
        bool failed = false;
        bool useCopyRange = true;
        qint64 copied = 0;
        for (;;) {
            ssize_t n = -1;
            if (useCopyRange) {
                n = ::copy_file_range(in.get(), nullptr, out.get(), nullptr, 1 << 30, 0);
                if (n < 0 && copied == 0 &&
                    (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
                    useCopyRange = false;
                    continue;
                }
            } else {
                char buffer[128 * 1024];
                n = ::read(in.get(), buffer, sizeof(buffer));
                for (ssize_t off = 0; n > 0 && off < n;) {
                    const ssize_t w = ::write(out.get(), buffer + off, std::size_t(n - off));
                    if (w < 0) {
                        n = -1;
                        break;
                    }
                    off += w;
                }
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                failed = true;
                break;
            }
            if (n == 0)
                break;
            copied += n;
        }
        const int copyErrno = errno;
        if (!failed) {
            ::fchmod(out.get(), st.st_mode & 07777);
            if (::geteuid() == 0 && ::fchown(out.get(), st.st_uid, st.st_gid) != 0)
                errno = 0; // a file system without owners (FAT) is not an error
            const timespec times[2] = {st.st_atim, st.st_mtim};
            ::futimens(out.get(), times);
        }
        if (::close(out.release()) != 0 && !failed) // a failing close is a failed write (NFS, quota)
            failed = true;
        if (failed || copied != st.st_size) {
            ::unlinkat(targetDir, temp.constData(), 0);
            return QStringLiteral("copying its version failed: %1").arg(errnoText(failed ? copyErrno : EIO));
        }
        return {};
    }

    // Keeps what is in the way before the version takes its place: into DST, in a new snapshot folder
    // (a hard link for a non-folder, so the path is never empty); with --to, renamed beside it as
    // NAME.lanwatch-replaced-<stamp>. vacate: the path must be free afterwards (a folder goes there).
    bool keepAside(int targetDir, const QByteArray &name, const QByteArray &path, const struct stat &existing,
                   bool vacate, QString *error)
    {
        const bool useLink = !vacate && !S_ISDIR(existing.st_mode);
        if (m_plan.intoDestination) {
            const int snapFd = keptSnapshot(error);
            if (snapFd < 0)
                return false;
            const Fd keptDir = openParent(snapFd, path, true, error);
            if (!keptDir.valid()) {
                *error = QStringLiteral("cannot keep the current one in %1: %2").arg(m_report.keptIn, *error);
                return false;
            }
            if (moveOrLink(targetDir, name, keptDir.get(), name, useLink))
                return true;
            *error = QStringLiteral("cannot keep the current one in %1: %2").arg(m_report.keptIn, errnoText(errno));
            return false;
        }
        const QByteArray stamp = stampName(QDateTime::currentDateTimeUtc()).toLatin1();
        for (int attempt = 0; attempt < 100; ++attempt) {
            const QByteArray aside = name.left(200) + ReplacedInfix + stamp +
                                     (attempt ? QByteArray('-' + QByteArray::number(attempt)) : QByteArray());
            if (moveOrLink(targetDir, name, targetDir, aside, useLink)) {
                const QByteArray parent = parentOf(path);
                m_report.movedAside << display(parent.isEmpty() ? aside : QByteArray(parent + '/' + aside));
                return true;
            }
            if (errno != EEXIST) {
                *error = QStringLiteral("cannot move the current one aside: %1").arg(errnoText(errno));
                return false;
            }
        }
        *error = QStringLiteral("cannot move the current one aside: every %1 name is taken")
                     .arg(QLatin1String(ReplacedInfix));
        return false;
    }

    // Never replaces an entry at the new name (EEXIST instead).
    static bool moveOrLink(int fromDir, const QByteArray &from, int toDir, const QByteArray &to, bool useLink)
    {
        if (useLink && ::linkat(fromDir, from.constData(), toDir, to.constData(), 0) == 0)
            return true;
        if (useLink && errno != EPERM && errno != EMLINK && errno != EXDEV && errno != ENOTSUP && errno != EOPNOTSUPP)
            return false;
        // No hard links here (FAT, some network file systems) or a folder: move it.
        if (::renameat2(fromDir, from.constData(), toDir, to.constData(), RENAME_NOREPLACE) == 0)
            return true;
        if (errno != EINVAL)
            return false;
        struct stat st = {};
        if (::fstatat(toDir, to.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
            errno = EEXIST;
            return false;
        }
        return ::renameat(fromDir, from.constData(), toDir, to.constData()) == 0;
    }

    // DST/.lanwatch-versions/<stamp>, made on first use: a new folder, later than every snapshot the
    // plan saw, so what this restore replaced is the newest version (a second restore undoes the first).
    int keptSnapshot(QString *error)
    {
        if (m_keptFd.valid())
            return m_keptFd.get();
        QDateTime stamp = QDateTime::currentDateTimeUtc();
        if (!m_plan.index.snapshots.isEmpty() && stamp <= m_plan.index.snapshots.last().stamp)
            stamp = m_plan.index.snapshots.last().stamp.addMSecs(1);
        for (int attempt = 0; attempt < 1000; ++attempt, stamp = stamp.addMSecs(1)) {
            const QByteArray name = stampName(stamp).toLatin1();
            if (::mkdirat(m_versionsFd.get(), name.constData(), 0700) != 0) {
                if (errno == EEXIST)
                    continue;
                break;
            }
            m_keptFd.reset(openDirNoFollow(m_versionsFd.get(), name.constData()));
            m_report.keptIn =
                QStringLiteral("%1/%2/%3").arg(m_plan.index.destination, VersionsName, QString::fromLatin1(name));
            if (m_keptFd.valid())
                return m_keptFd.get();
            break;
        }
        *error = QStringLiteral("cannot create a new folder in %1/%2: %3")
                     .arg(m_plan.index.destination, VersionsName, errnoText(errno));
        return -1;
    }

    const RestorePlan &m_plan;
    RestoreReport &m_report;
    Fd m_dstFd;
    Fd m_versionsFd;
    Fd m_targetFd;
    Fd m_keptFd;
};

} // namespace

Result<RestoreReport> applyRestore(const RestorePlan &plan, const RestoreItemFn &onItem, const std::atomic_bool *cancel)
{
    RestoreReport report;
    report.errors = plan.problems;
    report.failed = int(plan.problems.size());
    if (plan.items.isEmpty())
        return report; // nothing to write: do not even create --to DIR
    Applier applier(plan, report);
    if (const auto opened = applier.open(); !opened)
        return Result<RestoreReport>::failure(opened.error());
    for (const RestoreItem &item : plan.items) {
        if (cancel && cancel->load())
            break;
        bool identical = false;
        const QString error = applier.restore(item, &identical);
        if (!error.isEmpty()) {
            ++report.failed;
            report.errors << error;
        } else if (identical) {
            ++report.identical;
        } else {
            ++report.restored;
        }
        if (onItem)
            onItem(item, error);
    }
    applier.finish();
    return report;
}

} // namespace lanwatch::sync
