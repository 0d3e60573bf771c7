// Watcher + poll + delay per pair, runs on core's pool, results posted back through a detachable owner.
#include "core/sync/SyncScheduler.h"

#include "core/JobLink.h"
#include "core/ThreadPool.h"
#include "core/sync/FileTree.h"

#include <QCoreApplication>
#include <QFile>
#include <QMutex>
#include <QSocketNotifier>
#include <QThreadPool>
#include <QTimer>

#include <cerrno>
#include <dirent.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace lanwatch::sync {

namespace {

using JobState = core::JobLink<SyncScheduler>;

constexpr uint32_t WatchMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                               IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

} // namespace

QString pairStateName(PairState state)
{
    switch (state) {
    case PairState::Idle:
        return QCoreApplication::translate("SyncScheduler", "idle");
    case PairState::Pending:
        return QCoreApplication::translate("SyncScheduler", "pending");
    case PairState::Syncing:
        return QCoreApplication::translate("SyncScheduler", "syncing");
    case PairState::Error:
        return QCoreApplication::translate("SyncScheduler", "error");
    case PairState::HeldBack:
        return QCoreApplication::translate("SyncScheduler", "held back");
    case PairState::Paused:
        return QCoreApplication::translate("SyncScheduler", "paused");
    }
    return {};
}

struct SyncScheduler::Runtime
{
    SyncPair pair;
    PairStatus status;
    QTimer *delay = nullptr;
    QTimer *poll = nullptr;
    std::shared_ptr<JobState> job;   // the running sync
    std::shared_ptr<JobState> check; // the running poll diff
    bool again = false;              // changed during the run: one more run afterwards
    bool paused = false;
    QHash<int, QByteArray> watches; // inotify wd -> folder relative to the source
    ExcludeRules rules{QStringList()};
};

struct SyncScheduler::Private
{
    QThreadPool *pool = nullptr;
    QList<QString> order;
    QHash<QString, std::shared_ptr<Runtime>> pairs;
    int inotifyFd = -1;
    QSocketNotifier *notifier = nullptr;
    QHash<int, QString> wdToPair;
    bool useInotify = true;
};

SyncScheduler::SyncScheduler(QObject *parent, QThreadPool *pool) : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<lanwatch::sync::SyncReport>();
    d->pool = pool ? pool : core::threadPool();
    d->inotifyFd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (d->inotifyFd >= 0) {
        d->notifier = new QSocketNotifier(d->inotifyFd, QSocketNotifier::Read, this);
        connect(d->notifier, &QSocketNotifier::activated, this, &SyncScheduler::onInotify);
    }
}

SyncScheduler::~SyncScheduler()
{
    for (const auto &rt : std::as_const(d->pairs)) {
        for (const auto &job : {rt->job, rt->check}) {
            if (job) {
                job->cancel = true;
                job->detach();
            }
        }
    }
    if (d->inotifyFd >= 0)
        ::close(d->inotifyFd);
}

QList<SyncPair> SyncScheduler::pairs() const
{
    QList<SyncPair> list;
    for (const QString &id : d->order)
        list.append(d->pairs.value(id)->pair);
    return list;
}

PairStatus SyncScheduler::status(const QString &id) const
{
    const auto rt = d->pairs.value(id);
    return rt ? rt->status : PairStatus{};
}

bool SyncScheduler::isPaused(const QString &id) const
{
    const auto rt = d->pairs.value(id);
    return rt && rt->paused;
}

void SyncScheduler::setState(Runtime &rt, PairState state, const QString &message)
{
    rt.status.state = state;
    rt.status.message = message;
    Q_EMIT pairStateChanged(rt.pair.id);
}

void SyncScheduler::setPairs(const QList<SyncPair> &pairs)
{
    QHash<QString, std::shared_ptr<Runtime>> next;
    QList<QString> order;
    for (const SyncPair &p : pairs) {
        order.append(p.id);
        auto existing = d->pairs.value(p.id);
        if (existing && existing->pair == p) {
            next.insert(p.id, existing);
            continue;
        }
        if (existing) { // changed: stop the old runtime's work, start afresh with the new settings
            unwatch(*existing);
            for (const auto &job : {existing->job, existing->check})
                if (job) {
                    job->cancel = true;
                    job->detach();
                }
            delete existing->delay;
            delete existing->poll;
        }
        auto rt = std::make_shared<Runtime>();
        rt->pair = p;
        rt->rules = ExcludeRules(p.excludes);
        if (existing)
            rt->status = existing->status;
        rt->paused = existing ? existing->paused : false;
        rt->delay = new QTimer(this);
        rt->delay->setSingleShot(true);
        rt->poll = new QTimer(this);
        const QString id = p.id;
        connect(rt->delay, &QTimer::timeout, this, [this, id] {
            if (auto r = d->pairs.value(id))
                startRun(*r, false);
        });
        connect(rt->poll, &QTimer::timeout, this, [this, id] {
            if (auto r = d->pairs.value(id))
                startCheck(*r);
        });
        next.insert(p.id, rt);
    }
    // Removed pairs: cancel their pending and running work.
    for (auto it = d->pairs.cbegin(); it != d->pairs.cend(); ++it) {
        if (next.contains(it.key()))
            continue;
        unwatch(**it);
        for (const auto &job : {it.value()->job, it.value()->check})
            if (job) {
                job->cancel = true;
                job->detach();
            }
        delete it.value()->delay;
        delete it.value()->poll;
    }
    const auto previous = d->pairs;
    d->pairs = next;
    d->order = order;
    for (const QString &id : std::as_const(order)) {
        auto rt = d->pairs.value(id);
        if (previous.value(id) == rt)
            continue;
        if (!rt->pair.enabled || rt->paused) {
            setState(*rt, PairState::Paused);
            continue;
        }
        watchTree(*rt);
        rt->poll->start(rt->pair.pollSeconds * 1000);
        rt->status.nextCheck = QDateTime::currentDateTime().addSecs(rt->pair.pollSeconds);
        setState(*rt, PairState::Idle);
        markDirty(id); // first sync of a new pair, after its delay
    }
}

void SyncScheduler::markDirty(const QString &id)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->paused || !rt->pair.enabled)
        return;
    if (rt->job) { // a run is going on: exactly one more afterwards
        rt->again = true;
        return;
    }
    rt->delay->start(rt->pair.delaySeconds * 1000); // restarts: a burst of changes gives one run
    rt->status.pendingUntil = QDateTime::currentDateTime().addMSecs(rt->pair.delaySeconds * 1000);
    if (rt->status.state != PairState::Pending)
        setState(*rt, PairState::Pending);
}

void SyncScheduler::setPaused(const QString &id, bool paused)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->paused == paused)
        return;
    rt->paused = paused;
    if (paused) {
        rt->delay->stop();
        rt->poll->stop();
        rt->again = false;
        for (auto *job : {&rt->job, &rt->check})
            if (*job) {
                (*job)->cancel = true;
                (*job)->detach();
                job->reset();
            }
        Q_EMIT logMessage(id, tr("Paused."));
        setState(*rt, PairState::Paused);
    } else {
        rt->poll->start(rt->pair.pollSeconds * 1000);
        Q_EMIT logMessage(id, tr("Resumed."));
        setState(*rt, PairState::Idle);
        if (rt->watches.isEmpty())
            watchTree(*rt);
        markDirty(id);
    }
}

void SyncScheduler::syncNow(const QString &id, bool force)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->paused)
        return;
    if (rt->job) {
        rt->again = true;
        return;
    }
    rt->delay->stop();
    startRun(*rt, force);
}

void SyncScheduler::startCheck(Runtime &rt)
{
    rt.status.nextCheck = QDateTime::currentDateTime().addSecs(rt.pair.pollSeconds);
    if (rt.job || rt.check || rt.delay->isActive() || rt.paused)
        return;
    // The poll is the safety net for lost inotify events: diff the trees, and if they differ, act.
    auto job = std::make_shared<JobState>();
    job->attach(this);
    rt.check = job;
    const SyncPair pair = rt.pair;
    const QString id = pair.id;
    d->pool->start([job, pair, id, this] {
        const auto plan = planSync(pair, &job->cancel);
        const bool differs = !plan.ok() || !plan->isEmpty();
        job->post([this, id, job, differs] {
            auto r = d->pairs.value(id);
            if (!r || r->check != job)
                return;
            r->check.reset();
            if (differs && r->status.state != PairState::HeldBack)
                markDirty(id);
        });
    });
}

void SyncScheduler::startRun(Runtime &rt, bool force)
{
    if (rt.job || rt.paused)
        return;
    if (rt.check) {
        rt.check->cancel = true;
        rt.check->detach();
        rt.check.reset();
    }
    auto job = std::make_shared<JobState>();
    job->attach(this);
    rt.job = job;
    rt.again = false;
    rt.status.progressDone = 0;
    rt.status.progressTotal = 0;
    setState(rt, PairState::Syncing);
    const SyncPair pair = rt.pair;
    const QString id = pair.id;
    d->pool->start([job, pair, id, force, this] {
        const auto result = runSync(pair, RunOptions{false, force}, &job->cancel,
                                    [job, id, this](int done, int total, const QString &) {
                                        job->post([this, id, job, done, total] {
                                            auto r = d->pairs.value(id);
                                            if (!r || r->job != job)
                                                return;
                                            r->status.progressDone = done;
                                            r->status.progressTotal = total;
                                            Q_EMIT pairStateChanged(id);
                                        });
                                    });
        job->post([this, id, job, result] { onRunDone(id, job.get(), result); });
    });
}

void SyncScheduler::onRunDone(const QString &id, const void *job, const Result<SyncReport> &result)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->job.get() != job)
        return;
    rt->job.reset();
    rt->status.lastRun = QDateTime::currentDateTime();
    if (!result.ok()) {
        const bool changed = rt->status.state != PairState::Error || rt->status.message != result.error();
        Q_EMIT logMessage(id, tr("Run failed: %1").arg(result.error()));
        setState(*rt, PairState::Error, result.error());
        if (changed)
            Q_EMIT runFailed(id, result.error());
    } else if (result->heldBack) {
        const bool changed = rt->status.state != PairState::HeldBack || rt->status.message != result->heldBackReason;
        rt->status.lastReport = result.value();
        Q_EMIT logMessage(id, tr("Held back: %1").arg(result->heldBackReason));
        setState(*rt, PairState::HeldBack, result->heldBackReason);
        if (changed)
            Q_EMIT heldBack(id, result->heldBackReason);
    } else {
        const SyncReport &r = result.value();
        rt->status.lastReport = r;
        ++rt->status.runs;
        Q_EMIT logMessage(id, tr("Run finished in %1 ms: %2 copied, %3 updated, %4 deleted%5.")
                                  .arg(r.elapsedMs)
                                  .arg(r.copied)
                                  .arg(r.updated)
                                  .arg(r.deleted)
                                  .arg(r.errors.isEmpty() ? QString() : tr(", %1 problems").arg(r.errors.size())));
        for (const QString &e : r.errors)
            Q_EMIT logMessage(id, e);
        setState(*rt, PairState::Idle, r.errors.isEmpty() ? QString() : r.errors.first());
        Q_EMIT runFinished(id, r);
    }
    // A file that changed mid-copy, or a change during the run: run once more.
    if (rt->again || (result.ok() && result->notCopied > 0)) {
        rt->again = false;
        markDirty(id);
    }
}

void SyncScheduler::setUseInotify(bool use)
{
    d->useInotify = use;
    for (const auto &rt : std::as_const(d->pairs)) {
        if (use && rt->watches.isEmpty() && rt->pair.enabled && !rt->paused)
            watchTree(*rt);
        else if (!use)
            unwatch(*rt);
    }
}

void SyncScheduler::watchTree(Runtime &rt)
{
    if (d->inotifyFd < 0 || !d->useInotify)
        return; // no inotify here: the poll timer alone notices changes
    // Folders only (a watch on a folder reports its files' changes), skipping excluded ones.
    QList<QByteArray> pending{QByteArray()};
    const QByteArray root = QFile::encodeName(rt.pair.source);
    while (!pending.isEmpty()) {
        const QByteArray rel = pending.takeLast();
        const QByteArray full = rel.isEmpty() ? root : root + '/' + rel;
        const int wd = ::inotify_add_watch(d->inotifyFd, full.constData(), WatchMask);
        if (wd < 0) {
            if (errno == ENOSPC)
                Q_EMIT logMessage(rt.pair.id, tr("The system's inotify watch limit is reached; changes in %1 are "
                                                 "noticed by polling only.")
                                                  .arg(rt.pair.source));
            continue;
        }
        rt.watches.insert(wd, rel);
        d->wdToPair.insert(wd, rt.pair.id);
        DIR *dir = ::opendir(full.constData());
        if (!dir)
            continue;
        while (dirent *e = ::readdir(dir)) {
            if (e->d_type != DT_DIR ||
                (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0))))
                continue;
            const QByteArray name(e->d_name);
            const QByteArray childRel = rel.isEmpty() ? name : rel + '/' + name;
            if (rel.isEmpty() && name == VersionsFolder)
                continue;
            if (!rt.rules.excluded(childRel, name, true))
                pending.append(childRel);
        }
        ::closedir(dir);
    }
}

void SyncScheduler::unwatch(Runtime &rt)
{
    for (auto it = rt.watches.cbegin(); it != rt.watches.cend(); ++it) {
        ::inotify_rm_watch(d->inotifyFd, it.key());
        d->wdToPair.remove(it.key());
    }
    rt.watches.clear();
}

void SyncScheduler::onInotify()
{
    alignas(inotify_event) char buffer[16384];
    QSet<QString> dirty;
    for (;;) {
        const ssize_t n = ::read(d->inotifyFd, buffer, sizeof(buffer));
        if (n <= 0)
            break;
        for (ssize_t off = 0; off < n;) {
            const auto *ev = reinterpret_cast<const inotify_event *>(buffer + off);
            off += ssize_t(sizeof(inotify_event) + ev->len);
            const QString id = d->wdToPair.value(ev->wd);
            auto rt = d->pairs.value(id);
            if (!rt)
                continue;
            if (ev->mask & IN_IGNORED) {
                rt->watches.remove(ev->wd);
                d->wdToPair.remove(ev->wd);
                continue;
            }
            const QByteArray name = ev->len ? QByteArray(ev->name) : QByteArray();
            const QByteArray folder = rt->watches.value(ev->wd);
            const QByteArray rel = name.isEmpty() ? folder : folder.isEmpty() ? name : folder + '/' + name;
            const bool isDir = ev->mask & IN_ISDIR;
            if (name.startsWith(TempPrefix) || (!name.isEmpty() && rt->rules.excluded(rel, name, isDir)))
                continue;
            if (isDir && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
                // A new folder: watch it (and whatever was created inside before the watch existed).
                const QByteArray full = QFile::encodeName(rt->pair.source) + '/' + rel;
                const int wd = ::inotify_add_watch(d->inotifyFd, full.constData(), WatchMask);
                if (wd >= 0) {
                    rt->watches.insert(wd, rel);
                    d->wdToPair.insert(wd, id);
                }
            }
            dirty.insert(id);
        }
    }
    for (const QString &id : std::as_const(dirty))
        markDirty(id);
}

} // namespace lanwatch::sync
