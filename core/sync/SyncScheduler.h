// SyncScheduler: the seeds' EventLoopDelaySpawn done right. Per enabled pair, an inotify watcher and
// a poll timer mark the pair dirty; a delay timer (restarted by every new change) then runs the sync
// as a cancellable job on core's pool; a change during a run gives exactly one more run.
#pragma once

#include "core/sync/SyncPair.h"
#include "core/sync/SyncRunner.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <memory>

class QThreadPool;

namespace lanwatch::sync {

enum class PairState { Idle, Pending, Syncing, Error, HeldBack, Paused };
QString pairStateName(PairState state); // translated, for tables and logs

struct PairStatus
{
    PairState state = PairState::Idle;
    QDateTime pendingUntil; // Pending: when the delay ends
    int progressDone = 0;   // Syncing
    int progressTotal = 0;
    QDateTime lastRun;
    SyncReport lastReport;
    QDateTime nextCheck; // next poll
    QString message;     // Error/HeldBack: the reason
    int runs = 0;        // completed runs since the pair was added
};

class SyncScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncScheduler)

public:
    explicit SyncScheduler(QObject *parent = nullptr, QThreadPool *pool = nullptr);
    ~SyncScheduler() override; // cancels pending and running work; never waits for a copy to finish

    // Replaces the pair list. New or changed enabled pairs get watched and synced after their delay;
    // removed or disabled ones have their pending action and running job cancelled.
    void setPairs(const QList<SyncPair> &pairs);
    QList<SyncPair> pairs() const;
    PairStatus status(const QString &id) const;
    bool isPaused(const QString &id) const;

    void setPaused(const QString &id, bool paused);
    void syncNow(const QString &id, bool force = false);
    // inotify on (default) or off (network file systems where events never come; tests of the poll).
    void setUseInotify(bool use);
    // Marks a pair changed as the watcher does (also used by tests and the CLI's first run).
    void markDirty(const QString &id);

Q_SIGNALS:
    void pairStateChanged(const QString &id);
    void runFinished(const QString &id, const lanwatch::sync::SyncReport &report);
    void heldBack(const QString &id, const QString &reason);
    void runFailed(const QString &id, const QString &reason);
    void logMessage(const QString &id, const QString &text);

private:
    struct Runtime;
    struct Private;
    void startRun(Runtime &rt, bool force);
    void startCheck(Runtime &rt);
    void onRunDone(const QString &id, const void *job, const Result<SyncReport> &result);
    void onInotify();
    void watchTree(Runtime &rt);
    void unwatch(Runtime &rt);
    void setState(Runtime &rt, PairState state, const QString &message = {});

    std::unique_ptr<Private> d;
};

} // namespace lanwatch::sync

Q_DECLARE_METATYPE(lanwatch::sync::SyncReport)
