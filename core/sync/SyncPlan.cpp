// The directory diff: two sorted walks merged into a plan of actions.
#include "core/sync/SyncPlan.h"

#include "core/sync/FileTree.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <thread>

namespace lanwatch::sync {

namespace {

bool under(const QByteArray &path, const QByteArray &folder)
{
    return path.size() > folder.size() && path.startsWith(folder) && path.at(folder.size()) == '/';
}

QByteArray readLink(const QString &root, const QByteArray &relative)
{
    const QByteArray full = QFile::encodeName(root) + '/' + relative;
    char buffer[4096];
    const ssize_t n = ::readlink(full.constData(), buffer, sizeof(buffer));
    return n < 0 ? QByteArray() : QByteArray(buffer, n);
}

} // namespace

QString actionKindName(SyncAction::Kind kind)
{
    switch (kind) {
    case SyncAction::Kind::MakeDir:
        return QStringLiteral("mkdir");
    case SyncAction::Kind::Copy:
        return QStringLiteral("copy");
    case SyncAction::Kind::Update:
        return QStringLiteral("update");
    case SyncAction::Kind::Symlink:
        return QStringLiteral("symlink");
    case SyncAction::Kind::Delete:
        return QStringLiteral("delete");
    case SyncAction::Kind::SetTimes:
        return QStringLiteral("times");
    }
    return {};
}

int SyncPlan::copies() const
{
    return int(std::count_if(actions.begin(), actions.end(), [](const SyncAction &a) {
        return a.kind == SyncAction::Kind::Copy || a.kind == SyncAction::Kind::Symlink;
    }));
}
int SyncPlan::updates() const
{
    return int(std::count_if(actions.begin(), actions.end(),
                             [](const SyncAction &a) { return a.kind == SyncAction::Kind::Update; }));
}
int SyncPlan::deletions() const
{
    return int(std::count_if(actions.begin(), actions.end(),
                             [](const SyncAction &a) { return a.kind == SyncAction::Kind::Delete; }));
}
int SyncPlan::fileDeletions() const
{
    return int(std::count_if(actions.begin(), actions.end(),
                             [](const SyncAction &a) { return a.kind == SyncAction::Kind::Delete && !a.isDir; }));
}
qint64 SyncPlan::bytesToCopy() const
{
    qint64 total = 0;
    for (const SyncAction &a : actions)
        if (a.kind == SyncAction::Kind::Copy || a.kind == SyncAction::Kind::Update)
            total += a.bytes;
    return total;
}
bool SyncPlan::exceedsDeleteThreshold(int percent) const
{
    const int deleting = fileDeletions();
    if (destinationFiles == 0 || deleting == 0)
        return false;
    return deleting == destinationFiles || qint64(deleting) * 100 > qint64(percent) * destinationFiles;
}

Result<SyncPlan> planSync(const SyncPair &pair, const std::atomic_bool *cancel)
{
    using R = Result<SyncPlan>;
    using T = TreeEntry::Type;
    using K = SyncAction::Kind;
    const ExcludeRules rules(pair.excludes);
    SyncPlan plan;

    // The two walks are independent and bound by syscalls: run the destination's on a second thread.
    QStringList destinationErrors;
    std::optional<Result<TreeWalk>> dst;
    const bool haveDestination = QFileInfo::exists(pair.destination);
    std::thread dstThread;
    if (haveDestination)
        dstThread = std::thread([&] { dst = walkTree(pair.destination, rules, cancel, &destinationErrors); });
    QStringList sourceErrors;
    auto src = walkTree(pair.source, rules, cancel, &sourceErrors);
    if (dstThread.joinable())
        dstThread.join();
    if (!src)
        return R::failure(QCoreApplication::translate("SyncPlan", "Source: %1 Nothing was changed.").arg(src.error()));
    plan.warnings << sourceErrors << destinationErrors;
    plan.sourceFiles = src->files;

    TreeWalk dstWalk;
    if (dst) {
        if (!dst->ok())
            return R::failure(
                QCoreApplication::translate("SyncPlan", "Destination: %1 Nothing was changed.").arg(dst->error()));
        dstWalk = std::move(dst->value());
    }
    plan.destinationFiles = dstWalk.files;
    if (cancel && cancel->load())
        return R::failure(QCoreApplication::translate("SyncPlan", "Cancelled."));

    // Both walks are in the same path order: one merge pairs every entry with its counterpart.
    const std::vector<TreeEntry> &srcEntries = src->entries;
    const std::vector<TreeEntry> &dstEntries = dstWalk.entries;
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

    const qint64 tolerance = pair.mtimeToleranceSeconds;
    const auto makeAction = [](K kind, const TreeEntry &e, const QString &reason) {
        SyncAction a;
        a.kind = kind;
        a.pathBytes = e.path;
        a.relativePath = QFile::decodeName(e.path);
        a.bytes = e.type == T::File ? e.size : 0;
        a.isDir = e.type == T::Dir;
        a.reason = reason;
        a.mtimeSec = e.mtimeSec;
        a.mtimeNsec = e.mtimeNsec;
        a.mode = e.mode;
        return a;
    };

    QList<SyncAction> folderTimes;
    std::vector<QByteArray> blockedFolders; // update mode: a file sits where the source has a folder
    for (std::size_t index = 0; index < srcEntries.size(); ++index) {
        const TreeEntry &s = srcEntries[index];
        if (std::any_of(blockedFolders.begin(), blockedFolders.end(),
                        [&](const QByteArray &b) { return under(s.path, b); }))
            continue;
        const TreeEntry *d = counterpart[index];
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
                blockedFolders.push_back(s.path);
            continue;
        }
        switch (s.type) {
        case T::Dir: {
            if (!d || typeClash) {
                SyncAction a = makeAction(K::MakeDir, s,
                                          typeClash ? QCoreApplication::translate("SyncPlan", "type changed")
                                                    : QCoreApplication::translate("SyncPlan", "new"));
                a.replaces = typeClash;
                plan.actions.append(a);
            }
            if (!d || typeClash || d->mtimeSec != s.mtimeSec || d->mtimeNsec != s.mtimeNsec || d->mode != s.mode)
                folderTimes.prepend(
                    makeAction(K::SetTimes, s, QCoreApplication::translate("SyncPlan", "folder times")));
            break;
        }
        case T::File: {
            if (!d || typeClash) {
                SyncAction a = makeAction(K::Copy, s,
                                          typeClash ? QCoreApplication::translate("SyncPlan", "type changed")
                                                    : QCoreApplication::translate("SyncPlan", "new"));
                a.replaces = typeClash;
                plan.actions.append(a);
            } else if (d->size != s.size) {
                plan.actions.append(makeAction(K::Update, s, QCoreApplication::translate("SyncPlan", "size changed")));
            } else if (std::llabs(d->mtimeSec - s.mtimeSec) > tolerance) {
                plan.actions.append(makeAction(K::Update, s,
                                               d->mtimeSec < s.mtimeSec
                                                   ? QCoreApplication::translate("SyncPlan", "newer")
                                                   : QCoreApplication::translate("SyncPlan", "older")));
            } else if (d->mode != s.mode) {
                plan.actions.append(
                    makeAction(K::SetTimes, s, QCoreApplication::translate("SyncPlan", "permissions changed")));
            }
            break;
        }
        case T::Symlink: {
            if (!d || typeClash || readLink(pair.source, s.path) != readLink(pair.destination, s.path)) {
                SyncAction a = makeAction(K::Symlink, s,
                                          !d          ? QCoreApplication::translate("SyncPlan", "new")
                                          : typeClash ? QCoreApplication::translate("SyncPlan", "type changed")
                                                      : QCoreApplication::translate("SyncPlan", "link changed"));
                a.replaces = d != nullptr;
                plan.actions.append(a);
            }
            break;
        }
        case T::Other:
            break;
        }
    }

    if (pair.mode == SyncMode::Mirror) {
        QByteArray deletedFolder;
        for (std::size_t j = 0; j < dstEntries.size(); ++j) {
            const TreeEntry &d = dstEntries[j];
            if (dstInSource[j])
                continue;
            if (!deletedFolder.isEmpty() && under(d.path, deletedFolder)) {
                // Goes with its folder (moved as a whole), but counts toward the threshold.
                SyncAction a = makeAction(K::Delete, d, QCoreApplication::translate("SyncPlan", "not in source"));
                plan.actions.append(a);
                continue;
            }
            // An unreadable source folder hides its contents: deleting them would lose data.
            if (std::any_of(src->unreadable.begin(), src->unreadable.end(),
                            [&](const QByteArray &u) { return d.path == u || under(d.path, u); }))
                continue;
            plan.actions.append(makeAction(K::Delete, d, QCoreApplication::translate("SyncPlan", "not in source")));
            if (d.type == T::Dir)
                deletedFolder = d.path;
        }
    }
    plan.actions.append(folderTimes);
    return plan;
}

} // namespace lanwatch::sync
