// The directory-diff timers: a burst of changes gives one run, a change during a run gives exactly one
// more, pause cancels what is pending, the inotify watcher and the poll fallback each trigger a run,
// and held-back / failed runs are reported.
#include "core/sync/SyncScheduler.h"

#include "SyncTestTree.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch::sync;
using namespace synctest;

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
        scheduler.syncNow(p.id, true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
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
};

QTEST_GUILESS_MAIN(TstSyncScheduler)
#include "tst_syncscheduler.moc"
