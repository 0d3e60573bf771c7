// The directory-diff timers: a burst of changes gives one run, a change during a run gives exactly one
// more, pause cancels what is pending, the inotify watcher and the poll fallback each trigger a run,
// held-back / failed / partial runs are reported; one run per pair even across pause, edit and removal;
// back-off after failures; the longest wait; recovery of a source that was gone; "Sync anyway" applies
// the plan that was shown; notes said once. Time-dependent rules run on a scaled clock (setTimeScale).
#include "core/sync/SyncScheduler.h"

#include "SyncTestTree.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>

using namespace lanwatch::sync;
using namespace std::chrono_literals;
using namespace synctest;

namespace {
QStringList tempFiles(const QString &root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        if (it.next().contains(QLatin1String(".lanwatch-tmp-")))
            found << it.filePath();
    return found;
}

int countContaining(const QSignalSpy &log, const QString &text)
{
    int n = 0;
    for (const QList<QVariant> &args : log)
        n += args.at(1).toString().contains(text) ? 1 : 0;
    return n;
}

RunOutcome outcomeOf(const QList<QVariant> &runFinishedArgs)
{
    return runFinishedArgs.at(1).value<SyncReport>().outcome();
}
} // namespace

class TstSyncScheduler : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString src() const { return m_tmp.filePath(QStringLiteral("src")); }
    QString dst() const { return m_tmp.filePath(QStringLiteral("dst")); }
    SyncPair pair(int delayMs, int pollSeconds = 3600) const
    {
        SyncPair p = SyncPair::create(src(), dst());
        // Delays are whole seconds in the pair; 0 s is "as soon as the event loop turns".
        p.delaySeconds = delayMs / 1000;
        p.pollSeconds = pollSeconds;
        return p;
    }

private Q_SLOTS:
    void init()
    {
        QDir(src()).removeRecursively();
        QDir(dst()).removeRecursively();
        QDir().mkpath(src());
        writeFile(src() + QStringLiteral("/start.txt"), "s");
    }
    void cleanup() { testing::setAfterCopyHook({}); }

    void firstRunThenBurstGivesOneRun()
    {
        SyncScheduler scheduler;
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const SyncPair p = pair(1000);
        scheduler.setPairs({p});
        QCOMPARE(scheduler.status(p.id).state, PairState::Pending); // the first sync waits for the delay too
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/start.txt")));

        // Three changes, each within the delay of the previous: the watcher restarts the delay each time.
        for (int i = 0; i < 3; ++i) {
            writeFile(src() + QStringLiteral("/burst%1.txt").arg(i), "b");
            QTRY_COMPARE_WITH_TIMEOUT(scheduler.status(p.id).state, PairState::Pending, 5000);
            QTest::qWait(300);
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(finished.last().at(1).value<SyncReport>().copied, 3);
        QTest::qWait(1500); // longer than the delay: no further run may follow
        QCOMPARE(finished.size(), 2);
        QCOMPARE(scheduler.status(p.id).state, PairState::Idle);
        QCOMPARE(scheduler.status(p.id).runs, 2);
    }

    void changeDuringRunGivesExactlyOneMore()
    {
        SyncScheduler scheduler;
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const QString late = src() + QStringLiteral("/late.txt");
        // While the first run copies start.txt, two new files appear (two watcher events).
        testing::setAfterCopyHook([late](const QString &path) {
            if (path == QLatin1String("start.txt") && !QFile::exists(late)) {
                writeFile(late, "l");
                writeFile(late + QStringLiteral(".2"), "l");
            }
        });
        const SyncPair p = pair(0);
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QTest::qWait(1000);
        QCOMPARE(finished.size(), 2);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/late.txt")));
        QVERIFY(QFile::exists(dst() + QStringLiteral("/late.txt.2")));
    }

    void pauseCancelsThePendingRun()
    {
        SyncScheduler scheduler;
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const SyncPair p = pair(1000);
        scheduler.setPairs({p});
        QCOMPARE(scheduler.status(p.id).state, PairState::Pending);
        scheduler.setPaused(p.id, true);
        QCOMPARE(scheduler.status(p.id).state, PairState::Paused);
        writeFile(src() + QStringLiteral("/while-paused.txt"), "p"); // ignored while paused
        QTest::qWait(2000);
        QCOMPARE(finished.size(), 0);
        QVERIFY(!QFile::exists(dst()));
        scheduler.setPaused(p.id, false);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/while-paused.txt")));
    }

    void removingAPairCancelsIt()
    {
        SyncScheduler scheduler;
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const SyncPair p = pair(1000);
        scheduler.setPairs({p});
        scheduler.setPairs({});
        QTest::qWait(1500);
        QCOMPARE(finished.size(), 0);
        QVERIFY(scheduler.pairs().isEmpty());
    }

    void pollFallbackWithoutWatcher()
    {
        SyncScheduler scheduler;
        scheduler.setUseInotify(false); // as on a network file system where no event ever comes
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const SyncPair p = pair(0, 1);
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        writeFile(src() + QStringLiteral("/polled.txt"), "p");
        // The file lands before the run reports: wait for the report, not just the file.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/polled.txt")));
    }

    void heldBackAndForced()
    {
        for (int i = 0; i < 4; ++i)
            writeFile(dst() + QStringLiteral("/backup%1").arg(i), "b");
        QFile::remove(src() + QStringLiteral("/start.txt")); // an empty source: unmounted disk?
        SyncScheduler scheduler;
        QSignalSpy held(&scheduler, &SyncScheduler::heldBack);
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const SyncPair p = pair(0);
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(held.size(), 1, 10000);
        QCOMPARE(scheduler.status(p.id).state, PairState::HeldBack);
        QVERIFY(scheduler.status(p.id).message.contains(QStringLiteral("is empty")));
        QCOMPARE(QDir(dst()).entryList(QDir::Files).size(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(outcomeOf(finished.first()), RunOutcome::HeldBack);
        scheduler.syncNow(p.id, true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(outcomeOf(finished.last()), RunOutcome::Ok);
        QCOMPARE(QDir(dst()).entryList(QDir::Files).size(), 0);
        QCOMPARE(scheduler.status(p.id).state, PairState::Idle);
    }

    void missingSourceFails()
    {
        SyncScheduler scheduler;
        QSignalSpy failed(&scheduler, &SyncScheduler::runFailed);
        QSignalSpy log(&scheduler, &SyncScheduler::logMessage);
        SyncPair p = pair(0);
        p.source = m_tmp.filePath(QStringLiteral("unplugged"));
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(scheduler.status(p.id).state, PairState::Error);
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("does not exist")));
        QVERIFY(!log.isEmpty());
    }
    // Rule: one run per pair. The first run is blocked inside its first copy; pausing and resuming,
    // editing the pair, or replacing it by another pair on the same destination cancels it, and the next
    // run may only start once the cancelled one has reported.
    void oneRunAtATime_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("pause, resume") << QStringLiteral("pause");
        QTest::newRow("edit") << QStringLiteral("edit");
        QTest::newRow("remove, add on the same destination") << QStringLiteral("replace");
    }
    void oneRunAtATime()
    {
        QFETCH(QString, how);
        for (int i = 0; i < 40; ++i)
            writeFile(src() + QStringLiteral("/f%1.txt").arg(i), QByteArray(4096, char('a' + i % 26)));
        // Shared with the hook (which runs on the worker) so that a failing test cannot leave it dangling;
        // the guard lets a run stuck in the hook go on whatever happens below.
        struct Gate
        {
            std::atomic_bool blocked{false};
            std::atomic_bool first{true};
            QSemaphore release;
        };
        const auto gate = std::make_shared<Gate>();
        testing::setAfterCopyHook([gate](const QString &) {
            if (gate->first.exchange(false)) {
                gate->blocked = true;
                gate->release.acquire(); // the run stays in its copy loop until the test says
            }
        });
        const auto unblock = qScopeGuard([gate] { gate->release.release(); });
        QStringList order;
        {
            SyncScheduler scheduler;
            connect(&scheduler, &SyncScheduler::runStarted, this, [&] { order << QStringLiteral("start"); });
            connect(&scheduler, &SyncScheduler::runFinished, this, [&](const QString &, const SyncReport &r) {
                order << QStringLiteral("end ") + runOutcomeName(r.outcome());
            });
            const SyncPair p = pair(0);
            scheduler.setPairs({p});
            QTRY_VERIFY_WITH_TIMEOUT(gate->blocked.load(), 10000);
            QString current = p.id;
            if (how == QLatin1String("pause")) {
                scheduler.setPaused(p.id, true);
                scheduler.setPaused(p.id, false);
                QCOMPARE(scheduler.status(p.id).state, PairState::Pending);
            } else if (how == QLatin1String("edit")) {
                SyncPair edited = p;
                edited.excludes = {QStringLiteral("*.bak")};
                scheduler.setPairs({edited});
            } else {
                scheduler.setPairs({});
                SyncPair other = pair(0);
                scheduler.setPairs({other});
                current = other.id;
            }
            // Time for a scheduler that does not wait to start its second run while the first is stuck;
            // the order recorded below is what shows whether it did.
            QTest::qWait(300);
            QCOMPARE(order, QStringList{QStringLiteral("start")});
            gate->release.release();
            QTRY_COMPARE_WITH_TIMEOUT(order.size(), 4, 10000);
            QCOMPARE(order, (QStringList{QStringLiteral("start"), QStringLiteral("end cancelled"),
                                         QStringLiteral("start"), QStringLiteral("end ok")}));
            QTRY_COMPARE(scheduler.status(current).state, PairState::Idle);
        }
        testing::setAfterCopyHook({});
        QCOMPARE(tempFiles(dst()), QStringList());
        const Snapshot a = snapshot(src(), false);
        const Snapshot b = snapshot(dst(), false);
        QVERIFY2(a == b, qPrintable(describe(a, b)));
    }

    // Rule: a failed run is retried after 1, 2, 4, 8... poll intervals (here 50 ms each), said once, and
    // the pair syncs by itself once the cause is gone.
    void failedRunsBackOff()
    {
        const QString blocker = m_tmp.filePath(QStringLiteral("blocker"));
        QFile::remove(blocker);
        QDir(blocker).removeRecursively();
        writeFile(blocker, "a file where the destination's parent folder should be");
        SyncScheduler scheduler;
        scheduler.setTimeScale(50ms);
        QSignalSpy failed(&scheduler, &SyncScheduler::runFailed);
        QList<qint64> starts;
        QElapsedTimer clock;
        clock.start();
        connect(&scheduler, &SyncScheduler::runStarted, this, [&] { starts << clock.elapsed(); });
        SyncPair p = pair(0, 1);
        p.destination = blocker + QStringLiteral("/dst");
        scheduler.setPairs({p});
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 5, 10000);
        for (int i = 1; i < 5; ++i) {
            const qint64 gap = starts.at(i) - starts.at(i - 1);
            const qint64 backoff = 50LL << (i - 1);
            QVERIFY2(gap >= backoff * 9 / 10 && gap < backoff * 2 + 1000,
                     qPrintable(QStringLiteral("retry %1 after %2 ms, back-off %3 ms").arg(i).arg(gap).arg(backoff)));
        }
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("Cannot create the destination")));
        QCOMPARE(scheduler.status(p.id).state, PairState::Error);
        QVERIFY(scheduler.status(p.id).failures >= 5);

        QVERIFY(QFile::remove(blocker));
        QVERIFY(QDir().mkpath(blocker));
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.status(p.id).state, PairState::Idle, 10000);
        QCOMPARE(scheduler.status(p.id).failures, 0);
        QCOMPARE(failed.size(), 1);
        QVERIFY(QFile::exists(p.destination + QStringLiteral("/start.txt")));
        // Back to the ordinary poll: the next check is one poll interval away, not a back-off step.
        QVERIFY(QDateTime::currentDateTime().msecsTo(scheduler.status(p.id).nextCheck) <= 100);
    }

    // Rule: a run with per-file problems is Partial, said once, and files that kept changing are retried
    // soon, once (not in a loop while the file keeps changing).
    void partialRunIsReportedAndRetriedOnce()
    {
        const QString changing = src() + QStringLiteral("/changing.txt");
        writeFile(changing, "0");
        std::atomic_int writes{0};
        testing::setAfterCopyHook([changing, &writes](const QString &path) {
            if (path == QLatin1String("changing.txt"))
                writeFile(changing, QByteArray::number(++writes)); // changed under every copy attempt
        });
        SyncScheduler scheduler;
        scheduler.setUseInotify(false); // the hook's writes would each ask for another run
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        QSignalSpy partial(&scheduler, &SyncScheduler::runPartial);
        const SyncPair p = pair(0);
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QTest::qWait(500); // a third run would have started by now (delay 0)
        testing::setAfterCopyHook({});
        QCOMPARE(finished.size(), 2);
        QCOMPARE(outcomeOf(finished.at(0)), RunOutcome::Partial);
        QCOMPARE(outcomeOf(finished.at(1)), RunOutcome::Partial);
        QCOMPARE(partial.size(), 1);
        QVERIFY(partial.first().at(1).toString().contains(QStringLiteral("changing.txt")));
        QCOMPARE(scheduler.status(p.id).state, PairState::Partial);
        QVERIFY(scheduler.status(p.id).message.contains(QStringLiteral("kept changing")));
        QCOMPARE(pairStateName(PairState::Partial), QStringLiteral("problems"));
        QVERIFY(QFile::exists(dst() + QStringLiteral("/start.txt")));
        QVERIFY(!QFile::exists(dst() + QStringLiteral("/changing.txt")));

        scheduler.markDirty(p.id); // the next change: now the file holds still
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
        QCOMPARE(outcomeOf(finished.last()), RunOutcome::Ok);
        QCOMPARE(scheduler.status(p.id).state, PairState::Idle);
        QCOMPARE(snapshot(dst(), false), snapshot(src(), false));
    }

    // Rule: a source that never stops changing is still synced within the longest wait. Here the delay is
    // 1 s of quiet and a file changes every 100 ms, so only the 2 s longest wait can start a run.
    void aSourceThatNeverStopsStillSyncs()
    {
        SyncScheduler scheduler;
        scheduler.setTimeScale(100ms);
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        QSignalSpy started(&scheduler, &SyncScheduler::runStarted);
        SyncPair p = pair(0);
        p.delaySeconds = 10;
        p.maxWaitSeconds = 20;
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const QString log = src() + QStringLiteral("/app.log");
        int line = 0;
        QTimer writer;
        writer.setInterval(100);
        // A new size every time: a change within the same second at the same size is invisible to the
        // quick check (size + whole-second time, as rsync's).
        connect(&writer, &QTimer::timeout, this, [&] { writeFile(log, QByteArray(++line, 'l')); });
        QElapsedTimer clock;
        clock.start();
        writer.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 10000);
        const qint64 waited = clock.elapsed();
        QVERIFY(writer.isActive());
        QVERIFY2(waited >= 1800 && waited < 6000, qPrintable(QString::number(waited)));
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 2, 10000);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/app.log")));
        writer.stop();
        // Once it is quiet, the last state is synced after the delay.
        QTRY_COMPARE_WITH_TIMEOUT(snapshot(dst(), false), snapshot(src(), false), 10000);
    }

    // Rule: a pair whose source was gone (deleted, or emptied as an unmounted disk looks) syncs by itself
    // as soon as the source is back, noticed by inotify (a watch on the parent) or by the poll, and its
    // inotify watches work again afterwards.
    void recoversWhenTheSourceIsBack_data()
    {
        QTest::addColumn<bool>("removeFolder");
        QTest::addColumn<bool>("inotify");
        QTest::newRow("folder removed, inotify") << true << true;
        QTest::newRow("folder removed, poll") << true << false;
        QTest::newRow("folder emptied, inotify") << false << true;
        QTest::newRow("folder emptied, poll") << false << false;
    }
    void recoversWhenTheSourceIsBack()
    {
        QFETCH(bool, removeFolder);
        QFETCH(bool, inotify);
        SyncScheduler scheduler;
        scheduler.setTimeScale(50ms);
        scheduler.setUseInotify(inotify);
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const SyncPair p = pair(0, inotify ? 100000 : 1); // with inotify, the poll never comes
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/start.txt")));
        if (removeFolder)
            QVERIFY(QDir(src()).removeRecursively());
        else
            QVERIFY(QFile::remove(src() + QStringLiteral("/start.txt")));
        const PairState expected = removeFolder ? PairState::Error : PairState::HeldBack;
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.status(p.id).state, expected, 10000);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/start.txt")));
        const bool pollAfterFailures = removeFolder && !inotify;
        if (pollAfterFailures) // the next retry is now 32 polls (1.6 s) or more away; the poll must not wait for it
            QTRY_VERIFY_WITH_TIMEOUT(scheduler.status(p.id).failures >= 6, 10000);

        QElapsedTimer clock;
        clock.start();
        writeFile(src() + QStringLiteral("/start.txt"), "s, as it is now"); // not the same size: an update
        writeFile(src() + QStringLiteral("/back/one.txt"), "1");
        QTRY_COMPARE_WITH_TIMEOUT(snapshot(dst(), false), snapshot(src(), false), 10000);
        if (pollAfterFailures)
            QVERIFY2(clock.elapsed() < 1200, qPrintable(QString::number(clock.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.status(p.id).state, PairState::Idle, 10000);
        if (!inotify)
            return;
        writeFile(src() + QStringLiteral("/back/two.txt"), "2"); // in a folder made after the source came back
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dst() + QStringLiteral("/back/two.txt")), 10000);
        QCOMPARE(snapshot(dst(), false), snapshot(src(), false));
    }

    // Rule: "Sync anyway" applies the held-back plan as it was shown...
    void syncAnywayAppliesTheHeldPlan()
    {
        for (int i = 0; i < 4; ++i)
            writeFile(dst() + QStringLiteral("/backup%1").arg(i), "b");
        QFile::remove(src() + QStringLiteral("/start.txt"));
        SyncScheduler scheduler;
        scheduler.setUseInotify(false);
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        const SyncPair p = pair(0);
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.status(p.id).state, PairState::HeldBack, 10000);
        const auto shown = scheduler.status(p.id).heldBackPlan;
        QVERIFY(shown);
        QCOMPARE(shown->fileDeletions(), 4);
        scheduler.syncAnyway(p.id, shown);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(outcomeOf(finished.last()), RunOutcome::Ok);
        QCOMPARE(finished.last().at(1).value<SyncReport>().deleted, 4);
        QCOMPARE(QDir(dst()).entryList(QDir::Files).size(), 0);
        QCOMPARE(scheduler.status(p.id).state, PairState::Idle);
        QVERIFY(!scheduler.status(p.id).heldBackPlan);
    }

    // ... and refuses when the source changed since: the new plan is held for the user to see first.
    void syncAnywayRefusesAChangedSource()
    {
        for (int i = 0; i < 4; ++i)
            writeFile(dst() + QStringLiteral("/backup%1").arg(i), "b");
        QFile::remove(src() + QStringLiteral("/start.txt"));
        SyncScheduler scheduler;
        scheduler.setUseInotify(false); // no automatic run after the change below: only syncAnyway plans
        QSignalSpy held(&scheduler, &SyncScheduler::heldBack);
        const SyncPair p = pair(0);
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(held.size(), 1, 10000);
        const auto shown = scheduler.status(p.id).heldBackPlan;
        QVERIFY(shown);
        writeFile(src() + QStringLiteral("/new.txt"), "n");
        scheduler.syncAnyway(p.id, shown);
        QTRY_COMPARE_WITH_TIMEOUT(held.size(), 2, 10000);
        const PairStatus st = scheduler.status(p.id);
        QCOMPARE(st.state, PairState::HeldBack);
        QVERIFY2(st.message.contains(QStringLiteral("changed since")), qPrintable(st.message));
        QVERIFY(st.heldBackPlan && st.heldBackPlan != shown);
        QCOMPARE(st.heldBackPlan->copies(), 1);
        QCOMPARE(QDir(dst()).entryList(QDir::Files).size(), 4); // nothing was done
        QVERIFY(!QFile::exists(dst() + QStringLiteral("/new.txt")));

        scheduler.syncAnyway(p.id); // the new plan, now seen
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.status(p.id).state, PairState::Idle, 10000);
        QCOMPARE(QDir(dst()).entryList(QDir::Files), QStringList{QStringLiteral("new.txt")});
    }

    // Rule: a report's notes describe the pair and are logged once, not at every run.
    void notesAreSaidOnce()
    {
        writeFile(dst() + QStringLiteral("/old/x.keep"), "k"); // an excluded file keeps its folder: a note
        SyncScheduler scheduler;
        scheduler.setUseInotify(false);
        QSignalSpy finished(&scheduler, &SyncScheduler::runFinished);
        QSignalSpy log(&scheduler, &SyncScheduler::logMessage);
        SyncPair p = pair(0);
        p.excludes = {QStringLiteral("*.keep")};
        scheduler.setPairs({p});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(finished.first().at(1).value<SyncReport>().notes.join(QString()).contains(QStringLiteral("excluded")));
        writeFile(src() + QStringLiteral("/second.txt"), "2");
        scheduler.markDirty(p.id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QVERIFY(finished.last().at(1).value<SyncReport>().notes.join(QString()).contains(QStringLiteral("excluded")));
        QCOMPARE(countContaining(log, QStringLiteral("holds excluded entries")), 1);
    }
};

QTEST_GUILESS_MAIN(TstSyncScheduler)
#include "tst_syncscheduler.moc"
