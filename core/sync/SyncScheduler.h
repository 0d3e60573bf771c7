// SyncScheduler: per enabled pair, an inotify watcher and a poll timer mark the pair dirty; a delay timer
// (restarted by every new change, but never past the pair's longest wait) then runs the sync as a
// cancellable job on core's blocking pool. One run per pair and per destination at any time, a cancelled one
// included; a change during a run gives exactly one more run; failed runs are retried with back-off.
#pragma once

#include "core/sync/SyncPair.h"
#include "core/sync/SyncPlan.h"
#include "core/sync/SyncRunner.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <chrono>
#include <memory>

class QThreadPool;

namespace lanwatch::sync {

enum class PairState { Idle, Pending, Syncing, Partial, Error, HeldBack, Paused };
QString pairStateName(PairState state); // translated, for tables and logs

struct PairStatus
{
    PairState state = PairState::Idle;
    QDateTime pendingUntil; // Pending: when the delay ends
    int progressDone = 0;   // Syncing
    int progressTotal = 0;
    QDateTime lastRun;
    SyncReport lastReport; // of the last run that ended, whatever its outcome
    QDateTime nextCheck;   // next poll; Error: the next retry
    QString message;       // Partial: the first problem; Error/HeldBack: the reason; Pending: what it waits for
    int runs = 0;          // completed (ok or partial) runs since the pair was added
    int failures = 0;      // failed runs in a row; the retry waits 1, 2, 4... poll intervals (at most 15 min)
    // HeldBack: the plan the safety check stopped, which "Sync anyway" applies as it is (and only while
    // planning again gives the same actions).
    std::shared_ptr<const SyncPlan> heldBackPlan;
};

class SyncScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncScheduler)

public:
    explicit SyncScheduler(QObject *parent = nullptr, QThreadPool *pool = nullptr); // nullptr: core::blockingPool()
    ~SyncScheduler() override; // cancels pending and running work; never waits for a copy to finish

    // Replaces the pair list. New or changed enabled pairs get watched and synced after their delay;
    // removed or disabled ones have their pending action and running job cancelled. A cancelled run is
    // followed until it has stopped: no other run on that pair or destination starts before.
    void setPairs(const QList<SyncPair> &pairs);
    QList<SyncPair> pairs() const;
    PairStatus status(const QString &id) const;
    bool isPaused(const QString &id) const;

    void setPaused(const QString &id, bool paused);
    // Runs now (past the delay and a failure's back-off). force skips the deletion safety check on a
    // plan nobody has seen: only for the CLI's --force; the GUI confirms with syncAnyway().
    void syncNow(const QString &id, bool force = false);
    // A held-back pair: plans again and, if the actions are the same as in the plan that was shown (the
    // held one by default), applies that plan past the safety check. If the source changed since, nothing
    // is done: the pair stays held back with the new plan and says so, so the user sees it first.
    void syncAnyway(const QString &id, std::shared_ptr<const SyncPlan> shownPlan = {});
    // inotify on (default) or off (network file systems where events never come; tests of the poll).
    void setUseInotify(bool use);
    // How long one second of a pair's timings (poll, delay, longest wait, back-off) lasts. For tests.
    void setTimeScale(std::chrono::milliseconds perSecond);
    // Marks a pair changed as the watcher does (also used by tests and the CLI's first run).
    void markDirty(const QString &id);

Q_SIGNALS:
    void pairStateChanged(const QString &id);
    void runStarted(const QString &id);
    // Every run that started ends with exactly one of these; report.outcome() says how it ended (a run
    // that could not start, such as a missing source, is Failed with the reason in stopReason).
    void runFinished(const QString &id, const lanwatch::sync::SyncReport &report);
    void heldBack(const QString &id, const QString &reason);
    void runFailed(const QString &id, const QString &reason);   // once per distinct reason in a row of failures
    void runPartial(const QString &id, const QString &summary); // once per distinct first problem
    void logMessage(const QString &id, const QString &text);

private:
    struct Runtime;
    struct Private;
    struct RunResult;
    struct WatchWalk;
    enum class RunKind { Normal, Force, Anyway };
    void scheduleRun(Runtime &rt);
    void startRun(Runtime &rt, RunKind kind, std::shared_ptr<const SyncPlan> shown = {});
    void startCheck(Runtime &rt);
    void onRunDone(const QString &id, const void *job, const RunResult &result);
    void runFailedWith(Runtime &rt, const QString &reason, bool atPlanning);
    void startWaitingRuns();
    QString blockedBy(const Runtime &rt) const; // why a run cannot start now; empty if it can
    void cancelWork(Runtime &rt);
    void onInotify();
    void watchTree(Runtime &rt, const QByteArray &from = {}, bool again = false);
    void sourceBack(Runtime &rt);
    void onWatchWalked(const std::weak_ptr<Runtime> &weak, const WatchWalk &walk);
    void releaseWatch(int wd, const QString &id);
    void unwatch(Runtime &rt);
    void setState(Runtime &rt, PairState state, const QString &message = {});
    qint64 ms(qint64 pairSeconds) const;

    std::unique_ptr<Private> d;
};

} // namespace lanwatch::sync

Q_DECLARE_METATYPE(lanwatch::sync::SyncReport)
