// Watcher + poll + delay per pair; runs, checks and watch walks on core's blocking pool, results posted back
// through JobLink. A run's link is kept (and its result awaited) until the run has stopped, cancelled or
// not: only destruction detaches from a run that may still be writing.
#include "core/sync/SyncScheduler.h"

#include "core/JobLink.h"
#include "core/ThreadPool.h"
#include "core/sync/FileTree.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMultiHash>
#include <QSet>
#include <QSocketNotifier>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace lanwatch::sync {

namespace {

using JobState = core::JobLink<SyncScheduler>;

constexpr uint32_t WatchMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                               IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
constexpr qint64 MaxBackoffSeconds = 15 * 60;

// The inotify descriptor outlives the scheduler while a watch walk still uses it on a worker: a closed
// descriptor's number could be reused by an unrelated open() in between.
struct InotifyFd
{
    int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    ~InotifyFd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

bool sameFolder(const QString &a, const QString &b)
{
    return QDir::cleanPath(a) == QDir::cleanPath(b);
}

} // namespace

QString pairStateName(PairState state)
{
    switch (state) {
    case PairState::Idle:
        return SyncScheduler::tr("idle");
    case PairState::Pending:
        return SyncScheduler::tr("pending");
    case PairState::Syncing:
        return SyncScheduler::tr("syncing");
    case PairState::Partial:
        return SyncScheduler::tr("problems");
    case PairState::Error:
        return SyncScheduler::tr("error");
    case PairState::HeldBack:
        return SyncScheduler::tr("held back");
    case PairState::Paused:
        return SyncScheduler::tr("paused");
    }
    return {};
}

struct SyncScheduler::RunResult
{
    Result<SyncReport> report = Result<SyncReport>::failure(QString());
    std::shared_ptr<const SyncPlan> plan; // HeldBack: the plan that was stopped
    bool failedAtPlanning = false;        // the source could not be read at all (missing, unmounted...)
    bool changedSinceShown = false;       // syncAnyway: the source changed since the plan was shown
    bool cancelled = false;
};

struct SyncScheduler::WatchWalk
{
    QHash<int, QByteArray> wds; // watch -> folder relative to the source
    int parentWd = -1;          // the source is missing: its parent, to see it come back
    bool limitReached = false;
    bool again = false; // watching the source again after it was gone: what is in it now is new
};

struct SyncScheduler::Runtime
{
    SyncPair pair;
    PairStatus status;
    QTimer *delay = nullptr;
    QTimer *poll = nullptr;
    QTimer *retry = nullptr;         // the back-off after a failed run
    std::shared_ptr<JobState> job;   // the running sync, until its result arrives (cancelled or not)
    std::shared_ptr<JobState> check; // the running poll diff (reads only: dropped when cancelled)
    bool again = false;              // changed during the run: one more run afterwards
    bool againNow = false;           // ... without the delay ("Sync now" during a run)
    bool paused = false;
    bool waiting = false; // a run is due, but an earlier run on this pair or destination is still stopping
    RunKind waitingKind = RunKind::Normal;
    std::shared_ptr<const SyncPlan> waitingPlan;
    bool nextRunIsRetry = false; // the quick retry of files that kept changing, done once
    bool runIsRetry = false;
    bool failedAtPlanning = false; // the last failure was the source's: the poll sees when it is back
    QString lastFailure;           // runFailed / runPartial / heldBack are said once per distinct reason
    QString lastPartial;
    QString lastHeldBack;
    QSet<QString> notesSaid;
    QElapsedTimer dirtySince;       // first change not yet synced: the longest wait counts from here
    QHash<int, QByteArray> watches; // inotify wd -> folder relative to the source
    int parentWd = -1;
    int walks = 0; // watch walks in flight
    ExcludeRules rules{QStringList()};
};

struct SyncScheduler::Private
{
    struct Draining
    {
        QString id;
        QString destination;
        std::shared_ptr<JobState> job;
    };
    QThreadPool *pool = nullptr;
    QList<QString> order;
    QHash<QString, std::shared_ptr<Runtime>> pairs;
    QList<Draining> draining; // runs of removed or changed pairs, cancelled and still stopping
    QSet<std::shared_ptr<JobState>> walkJobs;
    std::shared_ptr<InotifyFd> inotify;
    QSocketNotifier *notifier = nullptr;
    QMultiHash<int, QString> wdToPair; // two pairs can share a folder, and so a watch
    bool useInotify = true;
    qint64 unitMs = 1000;
};

SyncScheduler::SyncScheduler(QObject *parent, QThreadPool *pool) : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<lanwatch::sync::SyncReport>();
    d->pool = pool ? pool : core::blockingPool(); // runs, polls and walks all block on the disk
    d->inotify = std::make_shared<InotifyFd>();
    if (d->inotify->fd >= 0) {
        d->notifier = new QSocketNotifier(d->inotify->fd, QSocketNotifier::Read, this);
        connect(d->notifier, &QSocketNotifier::activated, this, &SyncScheduler::onInotify);
    }
}

SyncScheduler::~SyncScheduler()
{
    const auto drop = [](const std::shared_ptr<JobState> &job) {
        if (job) {
            job->cancel = true;
            job->detach();
        }
    };
    for (const auto &rt : std::as_const(d->pairs)) {
        drop(rt->job);
        drop(rt->check);
    }
    for (const auto &drain : std::as_const(d->draining))
        drop(drain.job);
    for (const auto &job : std::as_const(d->walkJobs))
        drop(job);
}

qint64 SyncScheduler::ms(qint64 pairSeconds) const
{
    return pairSeconds * d->unitMs;
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

void SyncScheduler::setTimeScale(std::chrono::milliseconds perSecond)
{
    d->unitMs = std::max<qint64>(1, perSecond.count());
    for (const auto &rt : std::as_const(d->pairs))
        if (rt->poll->isActive())
            rt->poll->start(int(ms(rt->pair.pollSeconds)));
}

void SyncScheduler::setState(Runtime &rt, PairState state, const QString &message)
{
    rt.status.state = state;
    rt.status.message = message;
    Q_EMIT pairStateChanged(rt.pair.id);
}

void SyncScheduler::cancelWork(Runtime &rt)
{
    rt.delay->stop();
    rt.retry->stop();
    rt.again = rt.againNow = rt.waiting = false;
    rt.waitingPlan.reset();
    rt.dirtySince.invalidate();
    if (rt.check) {
        rt.check->cancel = true;
        rt.check->detach();
        rt.check.reset();
    }
    // The run itself stays linked: its result (cancelled) tells when the destination is free again.
    if (rt.job)
        rt.job->cancel = true;
}

void SyncScheduler::setPairs(const QList<SyncPair> &pairs)
{
    QHash<QString, std::shared_ptr<Runtime>> next;
    QList<QString> order;
    const auto retire = [this](Runtime &old) {
        cancelWork(old);
        unwatch(old);
        if (old.job)
            d->draining.append({old.pair.id, old.pair.destination, old.job});
        old.job.reset();
        delete old.delay;
        delete old.poll;
        delete old.retry;
    };
    for (const SyncPair &p : pairs) {
        order.append(p.id);
        auto existing = d->pairs.value(p.id);
        if (existing && existing->pair == p) {
            next.insert(p.id, existing);
            continue;
        }
        auto rt = std::make_shared<Runtime>();
        rt->pair = p;
        rt->rules = ExcludeRules(p.excludes);
        if (existing) { // changed: the old runtime's work stops; the new settings start afresh
            rt->status.lastRun = existing->status.lastRun;
            rt->status.lastReport = existing->status.lastReport;
            rt->status.runs = existing->status.runs;
            rt->paused = existing->paused;
            if (sameFolder(existing->pair.source, p.source) && sameFolder(existing->pair.destination, p.destination))
                rt->notesSaid = existing->notesSaid;
            retire(*existing);
        }
        rt->delay = new QTimer(this);
        rt->delay->setSingleShot(true);
        rt->poll = new QTimer(this);
        rt->retry = new QTimer(this);
        rt->retry->setSingleShot(true);
        rt->retry->setTimerType(Qt::PreciseTimer); // back-off steps are compared in tests
        const QString id = p.id;
        connect(rt->delay, &QTimer::timeout, this, [this, id] {
            if (auto r = d->pairs.value(id))
                startRun(*r, RunKind::Normal);
        });
        connect(rt->poll, &QTimer::timeout, this, [this, id] {
            if (auto r = d->pairs.value(id))
                startCheck(*r);
        });
        connect(rt->retry, &QTimer::timeout, this, [this, id] {
            if (auto r = d->pairs.value(id))
                startRun(*r, RunKind::Normal);
        });
        next.insert(p.id, rt);
    }
    for (auto it = d->pairs.cbegin(); it != d->pairs.cend(); ++it)
        if (!next.contains(it.key()))
            retire(**it);
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
        rt->poll->start(int(ms(rt->pair.pollSeconds)));
        rt->status.nextCheck = QDateTime::currentDateTime().addMSecs(ms(rt->pair.pollSeconds));
        setState(*rt, PairState::Idle);
        markDirty(id); // first sync of a new pair, after its delay
    }
}

void SyncScheduler::markDirty(const QString &id)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->paused || !rt->pair.enabled)
        return;
    if (!rt->dirtySince.isValid())
        rt->dirtySince.start();
    if (rt->job || rt->waiting) { // a run is going on (or stopping): exactly one more afterwards
        rt->again = true;
        return;
    }
    if (rt->retry->isActive())
        return; // failing: the back-off retry runs it (rerunning at every change would hammer a full disk)
    scheduleRun(*rt);
}

void SyncScheduler::scheduleRun(Runtime &rt)
{
    // Every change restarts the delay (a burst gives one run), but never past the longest wait since the
    // first unsynced change: a log written every second would otherwise never be synced.
    const qint64 left = std::max<qint64>(0, ms(rt.pair.maxWaitSeconds) - rt.dirtySince.elapsed());
    const qint64 wait = std::min(ms(rt.pair.delaySeconds), left);
    rt.delay->start(int(wait));
    rt.status.pendingUntil = QDateTime::currentDateTime().addMSecs(wait);
    if (rt.status.state != PairState::Pending || !rt.status.message.isEmpty())
        setState(rt, PairState::Pending);
}

void SyncScheduler::setPaused(const QString &id, bool paused)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->paused == paused)
        return;
    rt->paused = paused;
    if (paused) {
        cancelWork(*rt);
        rt->poll->stop();
        Q_EMIT logMessage(id, tr("Paused."));
        setState(*rt, PairState::Paused);
    } else {
        rt->poll->start(int(ms(rt->pair.pollSeconds)));
        Q_EMIT logMessage(id, tr("Resumed."));
        if (rt->watches.isEmpty() && rt->parentWd < 0)
            watchTree(*rt);
        if (rt->job) {
            setState(*rt, PairState::Pending, tr("Waiting for the cancelled run to stop."));
            rt->again = true;
            rt->dirtySince.start();
        } else {
            setState(*rt, PairState::Idle);
            markDirty(id);
        }
    }
}

void SyncScheduler::syncNow(const QString &id, bool force)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->paused)
        return;
    if (rt->job || rt->waiting) {
        rt->again = rt->againNow = true;
        return;
    }
    rt->delay->stop();
    rt->retry->stop();
    startRun(*rt, force ? RunKind::Force : RunKind::Normal);
}

void SyncScheduler::syncAnyway(const QString &id, std::shared_ptr<const SyncPlan> shownPlan)
{
    auto rt = d->pairs.value(id);
    if (!rt || rt->paused)
        return;
    if (!shownPlan)
        shownPlan = rt->status.heldBackPlan;
    if (!shownPlan) {
        Q_EMIT logMessage(id, tr("Nothing is held back: no plan to apply."));
        return;
    }
    if (rt->job || rt->waiting) {
        Q_EMIT logMessage(id, tr("A run is going on; the held-back plan was not applied. Try again when it has "
                                 "finished."));
        return;
    }
    rt->delay->stop();
    rt->retry->stop();
    startRun(*rt, RunKind::Anyway, std::move(shownPlan));
}

QString SyncScheduler::blockedBy(const Runtime &rt) const
{
    for (const auto &drain : std::as_const(d->draining))
        if (drain.id == rt.pair.id || sameFolder(drain.destination, rt.pair.destination))
            return tr("Waiting for the previous run on %1 to stop.").arg(rt.pair.destination);
    for (const auto &other : std::as_const(d->pairs))
        if (other.get() != &rt && other->job && sameFolder(other->pair.destination, rt.pair.destination))
            return tr("Waiting for the previous run on %1 to stop.").arg(rt.pair.destination);
    // Watches first, then the plan: a change made after the plan is then always seen by a watch.
    if (rt.walks > 0)
        return tr("Setting up the watches on %1.").arg(rt.pair.source);
    return {};
}

void SyncScheduler::startWaitingRuns()
{
    for (const QString &id : std::as_const(d->order)) {
        auto rt = d->pairs.value(id);
        if (rt && rt->waiting && !rt->job && blockedBy(*rt).isEmpty()) {
            rt->waiting = false;
            startRun(*rt, rt->waitingKind, std::exchange(rt->waitingPlan, {}));
        }
    }
}

void SyncScheduler::startCheck(Runtime &rt)
{
    rt.status.nextCheck =
        rt.retry->isActive() ? rt.status.nextCheck : QDateTime::currentDateTime().addMSecs(ms(rt.pair.pollSeconds));
    // Watches lost (the source was gone when they were set): set them again while polling anyway.
    if (d->useInotify && d->inotify->fd >= 0 && rt.watches.isEmpty() && rt.parentWd < 0 && rt.walks == 0 && !rt.paused)
        watchTree(rt, {}, true);
    if (rt.job || rt.waiting || rt.check || rt.delay->isActive() || rt.paused)
        return;
    if (rt.retry->isActive() && !rt.failedAtPlanning)
        return; // only the run itself can tell whether the destination works again: the back-off decides
    // The poll is the safety net for lost inotify events: diff the trees, and if they differ, act.
    auto job = std::make_shared<JobState>(this);
    rt.check = job;
    const SyncPair pair = rt.pair;
    const QString id = pair.id;
    d->pool->start([job, pair, id, this] {
        // Counted, not kept: a poll over 200,000 files must not hold 200,000 actions to say "differs".
        PlanOptions counting;
        counting.creationSink = [job](const SyncAction &) { return !job->cancel; };
        const auto plan = planSync(pair, &job->cancel, counting);
        const bool planned = plan.ok();
        const bool empty = planned && plan->isEmpty() && !plan->created.any();
        const bool holds = planned && !holdBackReason(pair, plan.value()).isEmpty();
        job->post([this, id, job, planned, empty, holds] {
            auto r = d->pairs.value(id);
            if (!r || r->check != job)
                return;
            r->check.reset();
            if (r->retry->isActive()) {
                if (!planned)
                    return;       // still failing: the back-off retry stays as it is
                r->retry->stop(); // the source is back: sync now rather than at the end of the back-off
            } else if (empty) {
                if (r->status.state == PairState::HeldBack) { // put back as it was: nothing left to ask
                    r->status.heldBackPlan.reset();
                    r->lastHeldBack.clear();
                    setState(*r, PairState::Idle);
                }
                return;
            } else if (holds && r->status.state == PairState::HeldBack) {
                return; // still waiting for the user's word: asking again at every poll helps nobody
            }
            markDirty(id);
        });
    });
}

void SyncScheduler::startRun(Runtime &rt, RunKind kind, std::shared_ptr<const SyncPlan> shown)
{
    if (rt.job || rt.paused)
        return;
    if (const QString reason = blockedBy(rt); !reason.isEmpty()) {
        // A cancelled run on this pair (or another on its destination) is still stopping: two runs must
        // never write the same folder, so this one starts when that one's result is in.
        rt.waiting = true;
        rt.waitingKind = kind;
        rt.waitingPlan = std::move(shown);
        setState(rt, PairState::Pending, reason);
        return;
    }
    if (rt.check) {
        rt.check->cancel = true;
        rt.check->detach();
        rt.check.reset();
    }
    rt.delay->stop();
    rt.retry->stop();
    rt.dirtySince.invalidate();
    rt.again = rt.againNow = false;
    rt.runIsRetry = std::exchange(rt.nextRunIsRetry, false);
    auto job = std::make_shared<JobState>(this);
    rt.job = job;
    rt.status.progressDone = 0;
    rt.status.progressTotal = 0;
    setState(rt, PairState::Syncing);
    Q_EMIT runStarted(rt.pair.id);
    const SyncPair pair = rt.pair;
    const QString id = pair.id;
    d->pool->start([job, pair, id, kind, shown, this] {
        QElapsedTimer clock;
        clock.start();
        const ProgressFn progress = [job, id, this](int done, int total, const QString &) {
            job->post([this, id, job, done, total] {
                auto r = d->pairs.value(id);
                if (!r || r->job != job)
                    return;
                r->status.progressDone = done;
                r->status.progressTotal = total;
                Q_EMIT pairStateChanged(id);
            });
        };
        RunResult out;
        if (kind != RunKind::Anyway) {
            // An ordinary or forced run streams its plan (memory follows the batch, not the tree); only
            // a run that is held back is planned whole, to keep the plan the user will be shown.
            out.report = runSync(pair, RunOptions{false, kind == RunKind::Force}, &job->cancel, progress);
            if (!out.report.ok()) {
                // Was it the source (the poll can see when it is back) or the destination (only the
                // back-off's next run can tell)? Plan again, counting only, to know.
                PlanOptions counting;
                counting.probeDestination = false;
                counting.creationSink = [job](const SyncAction &) { return !job->cancel; };
                out.failedAtPlanning = !job->cancel && !planSync(pair, &job->cancel, counting).ok();
            } else if (out.report->heldBack) {
                if (auto whole = planSync(pair, &job->cancel))
                    out.plan = std::make_shared<const SyncPlan>(std::move(whole).value());
            }
            if (out.report.ok())
                out.report.value().elapsedMs = clock.elapsed();
            out.cancelled = job->cancel;
            job->post([this, id, job, out] { onRunDone(id, job.get(), out); });
            return;
        }
        auto plan = planSync(pair, &job->cancel);
        if (!plan) {
            out.report = Result<SyncReport>::failure(plan.error());
            out.failedAtPlanning = !job->cancel;
        } else if (kind == RunKind::Anyway && plan->sameActions(*shown)) {
            out.report = applyPlan(pair, *shown, RunOptions{false, true}, &job->cancel, progress);
        } else if (kind == RunKind::Anyway && !holdBackReason(pair, plan.value()).isEmpty()) {
            // The source changed since the plan was shown: what would be deleted now was never shown.
            SyncReport held;
            held.heldBack = true;
            held.heldBackReason = holdBackReason(pair, plan.value());
            held.notes = plan->notes;
            out.report = held;
            out.plan = std::make_shared<const SyncPlan>(std::move(plan).value());
            out.changedSinceShown = true;
        } else {
            // Anyway with a new plan that needs no confirmation is an ordinary run, as the next change would be.
            out.report =
                applyPlan(pair, plan.value(), RunOptions{false, kind == RunKind::Force}, &job->cancel, progress);
            if (out.report.ok() && out.report->heldBack)
                out.plan = std::make_shared<const SyncPlan>(std::move(plan).value());
        }
        if (out.report.ok())
            out.report.value().elapsedMs = clock.elapsed();
        out.cancelled = job->cancel;
        job->post([this, id, job, out] { onRunDone(id, job.get(), out); });
    });
}

void SyncScheduler::onRunDone(const QString &id, const void *job, const RunResult &result)
{
    for (qsizetype i = 0; i < d->draining.size(); ++i) {
        if (d->draining.at(i).job.get() == job) { // a run of a removed or changed pair has stopped
            d->draining.removeAt(i);
            SyncReport report = result.report.ok() ? result.report.value() : SyncReport{};
            report.cancelled = true;
            Q_EMIT runFinished(id, report);
            startWaitingRuns();
            return;
        }
    }
    auto rt = d->pairs.value(id);
    if (!rt || rt->job.get() != job)
        return;
    rt->job.reset();
    SyncReport report;
    if (result.report.ok()) {
        report = result.report.value();
    } else {
        report.stopReason = result.report.error(); // nothing was changed: a Failed run
        if (result.cancelled) {
            report.stopReason.clear();
            report.cancelled = true;
        }
    }
    rt->status.lastRun = QDateTime::currentDateTime();
    rt->status.lastReport = report;
    // Notes describe the pair (a FAT destination, a mount not crossed): worth saying once, not at every run.
    for (const QString &note : std::as_const(report.notes)) {
        if (!rt->notesSaid.contains(note)) {
            rt->notesSaid.insert(note);
            Q_EMIT logMessage(id, note);
        }
    }
    const RunOutcome outcome = report.outcome();
    switch (outcome) {
    case RunOutcome::Cancelled:
        Q_EMIT logMessage(id, tr("Run cancelled; what was copied so far is complete, nothing half-written is left."));
        if (rt->paused)
            setState(*rt, PairState::Paused);
        else if (!rt->again)
            setState(*rt, PairState::Idle);
        break;
    case RunOutcome::Failed:
        runFailedWith(*rt, report.stopReason, result.failedAtPlanning);
        break;
    case RunOutcome::HeldBack: {
        rt->status.failures = 0;
        rt->lastFailure.clear();
        rt->status.heldBackPlan = result.plan;
        const QString reason =
            result.changedSinceShown
                ? tr("The source changed since the plan you confirmed, so nothing was done. Check the new plan: %1")
                      .arg(report.heldBackReason)
                : report.heldBackReason;
        Q_EMIT logMessage(id, tr("Held back: %1").arg(reason));
        setState(*rt, PairState::HeldBack, reason);
        // Asked again when the reason is new, and always after a refused "Sync anyway" (a new plan to see).
        if (reason != rt->lastHeldBack || result.changedSinceShown)
            Q_EMIT heldBack(id, reason);
        rt->lastHeldBack = reason;
        break;
    }
    case RunOutcome::Ok:
    case RunOutcome::Partial: {
        ++rt->status.runs;
        rt->status.failures = 0;
        rt->failedAtPlanning = false;
        rt->lastFailure.clear();
        rt->lastHeldBack.clear();
        rt->status.heldBackPlan.reset();
        rt->status.nextCheck = QDateTime::currentDateTime().addMSecs(rt->poll->remainingTime());
        Q_EMIT logMessage(
            id, tr("Run finished in %1 ms: %2 copied, %3 updated, %4 deleted%5.")
                    .arg(report.elapsedMs)
                    .arg(report.copied)
                    .arg(report.updated)
                    .arg(report.deleted)
                    .arg(report.errors.isEmpty() ? QString() : tr(", %n problem(s)", nullptr, int(report.errors.size()))));
        for (const QString &e : std::as_const(report.errors))
            Q_EMIT logMessage(id, e);
        if (outcome == RunOutcome::Partial) {
            const QString summary = !report.errors.isEmpty()  ? report.errors.first()
                                    : report.deletionsSkipped ? report.deletionsSkippedReason
                                                              : tr("Some entries were not synced.");
            setState(*rt, PairState::Partial, summary);
            if (summary != rt->lastPartial)
                Q_EMIT runPartial(id, summary);
            rt->lastPartial = summary;
        } else {
            rt->lastPartial.clear();
            setState(*rt, PairState::Idle);
        }
        break;
    }
    }
    Q_EMIT runFinished(id, report);

    if (!rt->paused && outcome != RunOutcome::Failed) {
        if (rt->again) { // changed during the run: once more (after the delay, unless "Sync now" was pressed)
            const bool now = rt->againNow;
            rt->again = rt->againNow = false;
            if (now)
                startRun(*rt, RunKind::Normal);
            else
                scheduleRun(*rt);
        } else if (report.notCopied > 0 && !rt->runIsRetry) {
            // Files that kept changing mid-copy are tried again soon, once; after that the poll or the next
            // change does it (a file written without pause would otherwise keep the pair busy forever).
            rt->nextRunIsRetry = true;
            markDirty(id);
        }
    }
    startWaitingRuns();
}

void SyncScheduler::runFailedWith(Runtime &rt, const QString &reason, bool atPlanning)
{
    const QString id = rt.pair.id;
    ++rt.status.failures;
    rt.failedAtPlanning = atPlanning;
    rt.again = rt.againNow = false;
    // Retry after 1, 2, 4... poll intervals, at most 15 minutes (or one poll interval if that is longer).
    const qint64 cap = std::max<qint64>(MaxBackoffSeconds, rt.pair.pollSeconds);
    const qint64 seconds = std::min<qint64>(cap, qint64(rt.pair.pollSeconds) << std::min(rt.status.failures - 1, 20));
    rt.retry->start(int(ms(seconds)));
    rt.status.nextCheck = QDateTime::currentDateTime().addMSecs(ms(seconds));
    if (reason != rt.lastFailure)
        Q_EMIT logMessage(id, tr("Run failed: %1").arg(reason));
    else
        Q_EMIT logMessage(id, tr("Run failed again (%n times in a row).", nullptr, rt.status.failures));
    setState(rt, PairState::Error, reason);
    if (reason != rt.lastFailure) {
        rt.lastFailure = reason;
        Q_EMIT runFailed(id, reason);
    }
}

void SyncScheduler::setUseInotify(bool use)
{
    d->useInotify = use;
    for (const auto &rt : std::as_const(d->pairs)) {
        if (use && rt->watches.isEmpty() && rt->parentWd < 0 && rt->pair.enabled && !rt->paused)
            watchTree(*rt);
        else if (!use)
            unwatch(*rt);
    }
}

void SyncScheduler::watchTree(Runtime &rt, const QByteArray &from, bool again)
{
    if (d->inotify->fd < 0 || !d->useInotify)
        return; // no inotify here: the poll timer alone notices changes
    // Walking a big tree takes a while (and may hang on a dead mount): on the pool. inotify_add_watch is
    // fine from any thread; the watches reach the runtime through the link, on this thread.
    auto job = std::make_shared<JobState>(this);
    d->walkJobs.insert(job);
    ++rt.walks;
    const std::weak_ptr<Runtime> weak = d->pairs.value(rt.pair.id);
    const std::shared_ptr<InotifyFd> inotify = d->inotify;
    const QByteArray root = QFile::encodeName(QDir::cleanPath(rt.pair.source));
    const QStringList excludes = rt.pair.excludes;
    d->pool->start([job, weak, inotify, root, from, excludes, again, this] {
        const ExcludeRules rules(excludes);
        WatchWalk walk;
        walk.again = again;
        QList<QByteArray> pending{from};
        bool first = true;
        while (!pending.isEmpty() && !job->cancel) {
            const QByteArray rel = pending.takeLast();
            const QByteArray full = rel.isEmpty() ? root : root + '/' + rel;
            int wd = ::inotify_add_watch(inotify->fd, full.constData(), WatchMask);
            if (wd < 0 && first && from.isEmpty() && (errno == ENOENT || errno == ENOTDIR)) {
                // The source is gone (deleted, or a disk not mounted): watch its parent to see it come
                // back, then look again in case it came back in between.
                const QByteArray parent = QFile::encodeName(QFileInfo(QFile::decodeName(root)).absolutePath());
                walk.parentWd = ::inotify_add_watch(inotify->fd, parent.constData(), WatchMask);
                wd = ::inotify_add_watch(inotify->fd, full.constData(), WatchMask);
            }
            first = false;
            if (wd < 0) {
                walk.limitReached = walk.limitReached || errno == ENOSPC;
                continue;
            }
            walk.wds.insert(wd, rel);
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
                if (!rules.excluded(childRel, name, true))
                    pending.append(childRel);
            }
            ::closedir(dir);
        }
        job->post([this, job, weak, walk] {
            d->walkJobs.remove(job);
            onWatchWalked(weak, walk);
        });
    });
}

void SyncScheduler::onWatchWalked(const std::weak_ptr<Runtime> &weak, const WatchWalk &walk)
{
    const auto rt = weak.lock();
    if (!rt || d->pairs.value(rt->pair.id) != rt)
        return; // removed or changed meanwhile: its watches, unclaimed, are dropped at their first event
    --rt->walks;
    const QString id = rt->pair.id;
    if (rt->paused || !rt->pair.enabled)
        return;
    startWaitingRuns();
    if (!d->useInotify)
        return;
    for (auto it = walk.wds.cbegin(); it != walk.wds.cend(); ++it) {
        rt->watches.insert(it.key(), it.value());
        if (!d->wdToPair.contains(it.key(), id))
            d->wdToPair.insert(it.key(), id);
    }
    const bool sourceWatched = walk.wds.key(QByteArray(), -1) >= 0;
    if (walk.again && sourceWatched)
        sourceBack(*rt); // back before its parent was watched: no event said so
    if (walk.parentWd >= 0) {
        if (sourceWatched) {
            if (!d->wdToPair.contains(walk.parentWd))
                ::inotify_rm_watch(d->inotify->fd, walk.parentWd); // the source came back during the walk
        } else {
            if (rt->parentWd >= 0 && rt->parentWd != walk.parentWd)
                releaseWatch(rt->parentWd, id);
            rt->parentWd = walk.parentWd;
            if (!d->wdToPair.contains(walk.parentWd, id))
                d->wdToPair.insert(walk.parentWd, id);
        }
    }
    if (walk.limitReached)
        Q_EMIT logMessage(id, tr("The system's inotify watch limit is reached; changes in %1 are noticed by polling "
                                 "only.")
                                  .arg(rt->pair.source));
}

void SyncScheduler::releaseWatch(int wd, const QString &id)
{
    d->wdToPair.remove(wd, id);
    if (!d->wdToPair.contains(wd)) // another pair may watch the same folder
        ::inotify_rm_watch(d->inotify->fd, wd);
}

void SyncScheduler::unwatch(Runtime &rt)
{
    for (auto it = rt.watches.cbegin(); it != rt.watches.cend(); ++it)
        releaseWatch(it.key(), rt.pair.id);
    rt.watches.clear();
    if (rt.parentWd >= 0)
        releaseWatch(rt.parentWd, rt.pair.id);
    rt.parentWd = -1;
}

void SyncScheduler::onInotify()
{
    alignas(inotify_event) char buffer[16384];
    QSet<QString> dirty;
    QSet<QString> rewatch; // the source was removed, moved or re-created: walk it again
    QSet<QString> back;    // the source came back after it was gone
    QList<QPair<QString, QByteArray>> newFolders;
    const bool walking = !d->walkJobs.isEmpty();
    for (;;) {
        const ssize_t n = ::read(d->inotify->fd, buffer, sizeof(buffer));
        if (n <= 0)
            break;
        for (ssize_t off = 0; off < n;) {
            const auto *ev = reinterpret_cast<const inotify_event *>(buffer + off);
            off += ssize_t(sizeof(inotify_event) + ev->len);
            // While a walk is adding watches, events can come from watches it has not reported yet.
            if (walking)
                for (const auto &rt : std::as_const(d->pairs))
                    if (rt->walks > 0)
                        dirty.insert(rt->pair.id);
            const QList<QString> ids = d->wdToPair.values(ev->wd);
            if (ids.isEmpty()) {
                if (!walking && !(ev->mask & IN_IGNORED))
                    ::inotify_rm_watch(d->inotify->fd, ev->wd); // left over from a pair removed mid-walk
                continue;
            }
            const QByteArray name = ev->len ? QByteArray(ev->name) : QByteArray();
            const bool isDir = ev->mask & IN_ISDIR;
            for (const QString &id : ids) {
                auto rt = d->pairs.value(id);
                if (!rt)
                    continue;
                if (ev->wd == rt->parentWd) {
                    if (ev->mask & IN_IGNORED) {
                        d->wdToPair.remove(ev->wd, id);
                        rt->parentWd = -1; // the parent went too: the poll sets the watches again
                    } else if (isDir && (ev->mask & (IN_CREATE | IN_MOVED_TO)) &&
                               name == QFile::encodeName(QFileInfo(QDir::cleanPath(rt->pair.source)).fileName())) {
                        releaseWatch(rt->parentWd, id);
                        rt->parentWd = -1;
                        rewatch.insert(id);
                        back.insert(id);
                    }
                    if (!rt->watches.contains(ev->wd))
                        continue; // a sibling of the source: none of this pair's business
                }
                const auto watch = rt->watches.constFind(ev->wd);
                if (watch == rt->watches.cend())
                    continue;
                const QByteArray folder = watch.value();
                if (ev->mask & IN_IGNORED) {
                    // The folder is gone (deleted, unmounted) and with it the watch. If it was the source,
                    // watch again: its parent until it is back, or the new folder if it already is.
                    rt->watches.remove(ev->wd);
                    d->wdToPair.remove(ev->wd, id);
                    if (folder.isEmpty())
                        rewatch.insert(id);
                    continue;
                }
                if (ev->mask & IN_MOVE_SELF) {
                    // The watch follows the folder wherever it went; its old place is reported by its parent
                    // (IN_MOVED_FROM), or, for the source itself, by nothing: start over.
                    if (folder.isEmpty()) {
                        unwatch(*rt);
                        rewatch.insert(id);
                        dirty.insert(id);
                    } else {
                        rt->watches.remove(ev->wd);
                        releaseWatch(ev->wd, id);
                    }
                    continue;
                }
                const QByteArray rel = name.isEmpty() ? folder : folder.isEmpty() ? name : folder + '/' + name;
                if (name.startsWith(TempPrefix) || (!name.isEmpty() && rt->rules.excluded(rel, name, isDir)))
                    continue;
                if (folder.isEmpty() && name == VersionsFolder)
                    continue;
                if (isDir && (ev->mask & (IN_CREATE | IN_MOVED_TO)))
                    newFolders.append({id, rel}); // watched with what is inside (a folder moved in has a tree)
                dirty.insert(id);
            }
        }
    }
    for (const auto &[id, rel] : std::as_const(newFolders))
        if (auto rt = d->pairs.value(id); rt && !rewatch.contains(id))
            watchTree(*rt, rel);
    for (const QString &id : std::as_const(rewatch))
        if (auto rt = d->pairs.value(id); rt && !rt->paused && rt->pair.enabled)
            watchTree(*rt, {}, true);
    for (const QString &id : std::as_const(back))
        if (auto rt = d->pairs.value(id))
            sourceBack(*rt);
    for (const QString &id : std::as_const(dirty))
        markDirty(id);
}

void SyncScheduler::sourceBack(Runtime &rt)
{
    // A pair that failed because its source was gone syncs now, without waiting for its back-off.
    if (rt.retry->isActive() && rt.failedAtPlanning)
        rt.retry->stop();
    markDirty(rt.pair.id);
}

} // namespace lanwatch::sync
