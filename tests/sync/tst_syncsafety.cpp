// The sync engine's safety rules on real folders, through the engine's API: paths that change kind
// between plan and apply, stale plans, the destination lock, crash leftovers, metadata as rsync -a,
// special files, excluded entries and honest counts. Each test asserts the exact resulting trees.
#include "core/sync/FileTree.h"
#include "core/sync/SyncPlan.h"
#include "core/sync/SyncRunner.h"

#include "SyncTestTree.h"
#include "TestSupport.h"

#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace lanwatch::sync;
using namespace synctest;

class TstSyncSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString src() const { return m_tmp.filePath(QStringLiteral("src")); }
    QString dst() const { return m_tmp.filePath(QStringLiteral("dst")); }
    QString outside() const { return m_tmp.filePath(QStringLiteral("outside")); }
    SyncPair pair() const
    {
        SyncPair p = SyncPair::create(src(), dst());
        p.deleteThresholdPercent = 100;
        return p;
    }
    // Relative paths under the versions folder's snapshots (the stamp folder stripped), with content.
    QStringList versions() const
    {
        QStringList out;
        const QString root = dst() + QStringLiteral("/.lanwatch-versions");
        QDirIterator it(root, QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString rel = QDir(root).relativeFilePath(path).section(QLatin1Char('/'), 1);
            QFile f(path);
            out << rel + QLatin1Char('=') + QString::fromUtf8(f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray());
        }
        out.sort();
        return out;
    }
    static void replaceWithLink(const QString &folder, const QString &target)
    {
        QVERIFY(QDir(folder).removeRecursively());
        QVERIFY(QFile::link(target, folder));
    }
    QStringList tempsIn(const QString &root) const
    {
        QStringList out;
        QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            if (it.next().section(QLatin1Char('/'), -1).startsWith(QLatin1String(TempPrefix)))
                out << it.filePath();
        return out;
    }

    // Runs a test both ways: the whole plan applied at once, and streamed (planned twice, applied in
    // batches of one action), so both paths hold the same rules.
    static void streamedOrNot()
    {
        QTest::addColumn<bool>("streamed");
        QTest::newRow("whole plan") << false;
        QTest::newRow("streamed") << true;
    }

private Q_SLOTS:
    void init()
    {
        for (const QString &d : {src(), dst(), outside()}) {
            QDir(d).removeRecursively();
            QFile::remove(d); // a link left by a test
        }
        QDir().mkpath(src());
        writeFile(outside() + QStringLiteral("/secret.txt"), "not yours", 1600000000);
        writeFile(outside() + QStringLiteral("/other.txt"), "nor this", 1600000000);
    }
    void cleanup()
    {
        testing::setAfterCopyHook({});
        testing::setBeforeApplyHook({});
        testing::setStreamBatch(0);
    }

    // The reported bug: a source folder replaced by a link made the mirror carry out the old folder's
    // deletions through the new link, moving files from outside both trees into the versions folder.
    void sourceFolderReplacedByALinkActsOnlyInsideTheDestination_data() { streamedOrNot(); }
    void sourceFolderReplacedByALinkActsOnlyInsideTheDestination()
    {
        QFETCH(bool, streamed);
        testing::setStreamBatch(streamed ? 1 : 0);
        writeFile(src() + QStringLiteral("/sub/a.txt"), "a", 1700000000);
        writeFile(src() + QStringLiteral("/sub/b.txt"), "b", 1700000000);
        writeFile(src() + QStringLiteral("/top.txt"), "t", 1700000000);
        QVERIFY(runSync(pair(), {}, nullptr)->outcome() == RunOutcome::Ok);
        replaceWithLink(src() + QStringLiteral("/sub"), outside());
        const Snapshot outsideBefore = snapshot(outside());

        const auto report = runSync(pair(), {}, nullptr);
        QVERIFY(report.ok());
        QVERIFY2(report->errors.isEmpty(), qPrintable(report->errors.join(QLatin1Char('\n'))));
        QCOMPARE(report->outcome(), RunOutcome::Ok);
        QCOMPARE(snapshot(outside()), outsideBefore);
        // The destination mirrors the link itself (rsync -a), and the old folder is kept whole.
        QCOMPARE(snapshot(dst()), snapshot(src()));
        QCOMPARE(snapshot(dst()).value(QStringLiteral("sub")).type, 'l');
        QCOMPARE(versions(), (QStringList{"sub/a.txt=a", "sub/b.txt=b"}));
        QCOMPARE(report->deleted, 2);
        QVERIFY(tempsIn(dst()).isEmpty());
    }

    void sourceFolderReplacedByAFileGivesNoFalseErrors_data() { streamedOrNot(); }
    void sourceFolderReplacedByAFileGivesNoFalseErrors()
    {
        QFETCH(bool, streamed);
        testing::setStreamBatch(streamed ? 1 : 0);
        writeFile(src() + QStringLiteral("/sub/a.txt"), "a", 1700000000);
        writeFile(src() + QStringLiteral("/sub/deeper/b.txt"), "b", 1700000000);
        writeFile(src() + QStringLiteral("/top.txt"), "t", 1700000000); // else all files go: held back
        QVERIFY(runSync(pair(), {}, nullptr)->outcome() == RunOutcome::Ok);
        QVERIFY(QDir(src() + QStringLiteral("/sub")).removeRecursively());
        writeFile(src() + QStringLiteral("/sub"), "now a file", 1700000500);

        const auto report = runSync(pair(), {}, nullptr);
        QVERIFY(report.ok());
        QVERIFY2(report->errors.isEmpty(), qPrintable(report->errors.join(QLatin1Char('\n'))));
        const Snapshot a = snapshot(src());
        const Snapshot b = snapshot(dst());
        QVERIFY2(a == b, qPrintable(describe(a, b)));
        QCOMPARE(versions(), (QStringList{"sub/a.txt=a", "sub/deeper/b.txt=b"}));
        QCOMPARE(report->deleted, 2);
    }

    // Between plan and apply, a destination folder whose contents are to be deleted becomes a link to
    // a folder outside: nothing outside is touched, and the run says so.
    void destinationFolderSwappedForALinkAfterThePlan()
    {
        writeFile(src() + QStringLiteral("/keep.txt"), "k", 1700000000);
        writeFile(dst() + QStringLiteral("/keep.txt"), "k", 1700000000);
        QDir().mkpath(src() + QStringLiteral("/sub"));
        writeFile(dst() + QStringLiteral("/sub/secret.txt"), "dst's own", 1700000000);
        writeFile(dst() + QStringLiteral("/sub/other.txt"), "dst's own", 1700000000);
        const Snapshot outsideBefore = snapshot(outside());
        testing::setBeforeApplyHook([this] { replaceWithLink(dst() + QStringLiteral("/sub"), outside()); });

        const auto report = runSync(pair(), {}, nullptr);
        QVERIFY(report.ok());
        QCOMPARE(snapshot(outside()), outsideBefore);
        QCOMPARE(report->outcome(), RunOutcome::Partial);
        QCOMPARE(report->deleted, 0);
        QVERIFY2(report->errors.join(QLatin1Char('\n')).contains(QStringLiteral("replaced by a link")),
                 qPrintable(report->errors.join(QLatin1Char('\n'))));
        QVERIFY(versions().isEmpty());
        QCOMPARE(snapshot(dst()).value(QStringLiteral("keep.txt")).content, QByteArray("k"));
    }

    // Between plan and apply, a source folder whose files are to be copied becomes a link to a folder
    // outside: nothing from outside reaches the destination.
    void sourceFolderSwappedForALinkAfterThePlan_data() { streamedOrNot(); }
    void sourceFolderSwappedForALinkAfterThePlan()
    {
        QFETCH(bool, streamed);
        testing::setStreamBatch(streamed ? 1 : 0);
        writeFile(src() + QStringLiteral("/sub/secret.txt"), "mine", 1700000000);
        testing::setBeforeApplyHook([this] { replaceWithLink(src() + QStringLiteral("/sub"), outside()); });

        const auto report = runSync(pair(), {}, nullptr);
        QVERIFY(report.ok());
        QCOMPARE(report->outcome(), RunOutcome::Partial);
        QCOMPARE(report->copied, 0);
        QVERIFY(!QFile::exists(dst() + QStringLiteral("/sub/secret.txt")));
        QVERIFY(tempsIn(dst()).isEmpty());
    }

    // "Sync anyway" on an old plan: what came back in the source since is not deleted, and a plan for
    // another destination folder (a disk swapped) is refused as a whole.
    void anOldPlanIsRecheckedWhenApplied()
    {
        writeFile(src() + QStringLiteral("/a.txt"), "a", 1700000000);
        writeFile(dst() + QStringLiteral("/a.txt"), "a", 1700000000);
        writeFile(dst() + QStringLiteral("/b.txt"), "b", 1700000000);
        const auto plan = planSync(pair());
        QVERIFY(plan.ok());
        QCOMPARE(plan->deletions(), 1);
        writeFile(src() + QStringLiteral("/b.txt"), "b is back", 1700000100);
        const auto report = applyPlan(pair(), plan.value(), RunOptions{false, true}, nullptr);
        QVERIFY(report.ok());
        QCOMPARE(report->deleted, 0);
        QCOMPARE(snapshot(dst()).value(QStringLiteral("b.txt")).content, QByteArray("b"));
        QVERIFY(report->notes.join(QLatin1Char('\n')).contains(QStringLiteral("b.txt is in the source again")));

        const auto plan2 = planSync(pair());
        QVERIFY(QDir().rename(dst(), dst() + QStringLiteral("-old")));
        QDir().mkpath(dst());
        const auto refused = applyPlan(pair(), plan2.value(), RunOptions{false, true}, nullptr);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("another folder")), qPrintable(refused.error()));
        QVERIFY(QDir(dst()).isEmpty());
        QDir(dst() + QStringLiteral("-old")).removeRecursively();
    }

    void oneRunPerDestination()
    {
        writeFile(src() + QStringLiteral("/a.txt"), "a", 1700000000);
        QDir().mkpath(dst());
        const int fd = ::open(QFile::encodeName(dst()).constData(), O_RDONLY | O_DIRECTORY);
        QVERIFY(fd >= 0);
        QCOMPARE(::flock(fd, LOCK_EX), 0); // as another run (the GUI, another CLI) holds it
        const auto blocked = runSync(pair(), {}, nullptr);
        QVERIFY(blocked.ok());
        QCOMPARE(blocked->outcome(), RunOutcome::Failed);
        QVERIFY2(blocked->stopReason.contains(QStringLiteral("Another lanwatch run")), qPrintable(blocked->stopReason));
        QVERIFY(QDir(dst()).isEmpty());
        ::close(fd);
        const auto report = runSync(pair(), {}, nullptr);
        QCOMPARE(report->outcome(), RunOutcome::Ok);
        QCOMPARE(snapshot(dst()), snapshot(src()));
    }

    void staleTempsOfACrashedRunAreRemoved_data() { streamedOrNot(); }
    void staleTempsOfACrashedRunAreRemoved()
    {
        QFETCH(bool, streamed);
        testing::setStreamBatch(streamed ? 1 : 0);
        writeFile(src() + QStringLiteral("/sub/a.txt"), "a", 1700000000);
        writeFile(dst() + QStringLiteral("/.lanwatch-tmp-4242-zz-a.txt"), QByteArray(100000, 'x'));
        writeFile(dst() + QStringLiteral("/sub/.lanwatch-tmp-4242-yy-a.txt"), "half");
        const auto report = runSync(pair(), {}, nullptr);
        QCOMPARE(report->outcome(), RunOutcome::Ok);
        QCOMPARE(report->staleTempsRemoved, 2);
        QVERIFY(tempsIn(dst()).isEmpty());
        QCOMPARE(snapshot(dst()), snapshot(src()));
    }

    void metadataAsRsyncArchive_data() { streamedOrNot(); }
    void metadataAsRsyncArchive()
    {
        QFETCH(bool, streamed);
        testing::setStreamBatch(streamed ? 1 : 0);
        if (::geteuid() != 0)
            QSKIP("owners can only be given away as root; the suite runs as root in CI");
        writeFile(src() + QStringLiteral("/suid"), "s", 1700000000, 04755);
        writeFile(src() + QStringLiteral("/sgid"), "g", 1700000000, 02755);
        QDir().mkpath(src() + QStringLiteral("/shared"));
        ::chmod(QFile::encodeName(src() + QStringLiteral("/shared")).constData(), 03777);
        QVERIFY(QFile::link(QStringLiteral("suid"), src() + QStringLiteral("/link")));
        const QByteArray s = QFile::encodeName(src());
        QCOMPARE(::chown(QByteArray(s + "/suid").constData(), 65534, 65534), 0);
        QCOMPARE(::chmod(QByteArray(s + "/suid").constData(), 04755), 0); // chown clears setuid: set it again
        QCOMPARE(::chown(QByteArray(s + "/shared").constData(), 65534, 100), 0);
        QCOMPARE(::lchown(QByteArray(s + "/link").constData(), 65534, 65534), 0);
        const auto report = runSync(pair(), {}, nullptr);
        QCOMPARE(report->outcome(), RunOutcome::Ok);
        QCOMPARE(snapshot(dst()), snapshot(src())); // modes with their s/t bits, times, links
        const auto owner = [](const QString &path) {
            struct stat st = {};
            ::lstat(QFile::encodeName(path).constData(), &st);
            return QStringLiteral("%1:%2 %3").arg(st.st_uid).arg(st.st_gid).arg(st.st_mode & 07777, 0, 8);
        };
        QCOMPARE(owner(dst() + QStringLiteral("/suid")), QStringLiteral("65534:65534 4755"));
        QCOMPARE(owner(dst() + QStringLiteral("/shared")), QStringLiteral("65534:100 3777"));
        QCOMPARE(owner(dst() + QStringLiteral("/link")).section(QLatin1Char(' '), 0, 0), QStringLiteral("65534:65534"));
        // A changed owner alone is fixed without a copy.
        QCOMPARE(::chown(QByteArray(s + "/sgid").constData(), 65534, 65534), 0);
        QCOMPARE(::chmod(QByteArray(s + "/sgid").constData(), 02755), 0);
        const auto again = runSync(pair(), {}, nullptr);
        QCOMPARE(again->metadataUpdated, 1);
        QCOMPARE(again->updated, 0);
        QCOMPARE(owner(dst() + QStringLiteral("/sgid")), QStringLiteral("65534:65534 2755"));
    }

    void specialFilesAndReservedNamesAreReportedNotSilentlyDropped_data() { streamedOrNot(); }
    void specialFilesAndReservedNamesAreReportedNotSilentlyDropped()
    {
        QFETCH(bool, streamed);
        testing::setStreamBatch(streamed ? 1 : 0);
        writeFile(src() + QStringLiteral("/a.txt"), "a", 1700000000);
        QCOMPARE(::mkfifo(QFile::encodeName(src() + QStringLiteral("/pipe")).constData(), 0644), 0);
        const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr = {};
        addr.sun_family = AF_UNIX;
        const QByteArray sockPath = QFile::encodeName(src() + QStringLiteral("/sock"));
        std::strncpy(addr.sun_path, sockPath.constData(), sizeof(addr.sun_path) - 1);
        QCOMPARE(::bind(sock, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
        writeFile(src() + QStringLiteral("/.lanwatch-versions/x.txt"), "not ours", 1700000000);
        writeFile(src() + QStringLiteral("/.lanwatch-tmp-1-2-y"), "not ours", 1700000000);
        const auto report = runSync(pair(), {}, nullptr);
        ::close(sock);
        QCOMPARE(report->outcome(), RunOutcome::Ok);
        QCOMPARE(report->specialSkipped, 2);
        QCOMPARE(report->reservedSkipped, 2);
        const QString skipped = report->skippedPaths.join(QLatin1Char('\n'));
        for (const char *name : {"pipe", "sock", ".lanwatch-versions", ".lanwatch-tmp-1-2-y"})
            QVERIFY2(skipped.contains(QLatin1String(name)), name);
        QCOMPARE(QStringList(snapshot(dst()).keys()), QStringList{"a.txt"});
    }

    // A destination folder that is not in the source but holds an excluded file is not moved away whole:
    // the excluded file stays where it is (as rsync without --delete-excluded), the rest is deleted.
    void excludedEntriesInsideARemovedFolderStay_data() { streamedOrNot(); }
    void excludedEntriesInsideARemovedFolderStay()
    {
        QFETCH(bool, streamed);
        testing::setStreamBatch(streamed ? 1 : 0);
        writeFile(src() + QStringLiteral("/keep.txt"), "k", 1700000000);
        writeFile(dst() + QStringLiteral("/keep.txt"), "k", 1700000000);
        writeFile(dst() + QStringLiteral("/old/notes.txt"), "n", 1700000000);
        writeFile(dst() + QStringLiteral("/old/cache.tmp"), "excluded", 1700000000);
        writeFile(dst() + QStringLiteral("/gone/x.txt"), "x", 1700000000);
        SyncPair p = pair();
        p.excludes = {QStringLiteral("*.tmp")};
        const auto report = runSync(p, {}, nullptr);
        QCOMPARE(report->outcome(), RunOutcome::Ok);
        QCOMPARE(QStringList(snapshot(dst()).keys()), (QStringList{"keep.txt", "old", "old/cache.tmp"}));
        QCOMPARE(versions(), (QStringList{"gone/x.txt=x", "old/notes.txt=n"}));
        QCOMPARE(report->deleted, 2); // the files that really left: x.txt (with its folder) and notes.txt
        QCOMPARE(report->foldersDeleted, 1);
        QVERIFY(report->notes.join(QLatin1Char('\n')).contains(QStringLiteral("old is kept")));
    }

    // A destination that turns read-only (a USB disk remounted ro after an error): the first write fails
    // with EROFS, the run stops there as Failed with one reason, deletes nothing and changes nothing.
    void readOnlyDestinationStopsTheRun()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "mounting a read-only file system needs root (the suite runs as root)");
        for (int i = 0; i < 5; ++i)
            writeFile(src() + QStringLiteral("/new%1.txt").arg(i), "n", 1700000000);
        writeFile(src() + QStringLiteral("/keep.txt"), "k", 1700000000);
        writeFile(dst() + QStringLiteral("/keep.txt"), "k", 1700000000);
        writeFile(dst() + QStringLiteral("/extra.txt"), "e", 1700000000); // would be deleted: must stay
        const QByteArray staged = QFile::encodeName(m_tmp.filePath(QStringLiteral("staged")));
        QVERIFY(QDir().rename(dst(), QFile::decodeName(staged)));
        QDir().mkpath(dst());
        QCOMPARE(QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                                             QStringLiteral("-o"), QStringLiteral("size=4m"),
                                                             QStringLiteral("tmpfs"), dst()}),
                 0);
        const auto unmount = qScopeGuard([this] { QProcess::execute(QStringLiteral("umount"), {dst()}); });
        QCOMPARE(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-a"), QFile::decodeName(staged) +
                                                              QStringLiteral("/."), dst()}),
                 0);
        QCOMPARE(QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), dst()}),
                 0);
        const Snapshot before = snapshot(dst());
        SyncPair p = pair();
        const auto report = runSync(p, {}, nullptr);
        QVERIFY(report.ok());
        QVERIFY2(report->outcome() == RunOutcome::Failed,
                 qPrintable(report->heldBackReason + report->errors.join(QLatin1Char('|'))));
        QVERIFY2(report->stopReason.contains(QStringLiteral("read-only")), qPrintable(report->stopReason));
        QCOMPARE(report->deleted, 0);
        QCOMPARE(report->errors.size(), 0); // one reason, not one error per file
        QCOMPARE(snapshot(dst()), before);
    }

    void heldBackPlansAreCountedNotDone()
    {
        writeFile(src() + QStringLiteral("/a.txt"), "a", 1700000000);
        for (int i = 0; i < 3; ++i)
            writeFile(dst() + QStringLiteral("/x%1.txt").arg(i), "x", 1700000000);
        writeFile(dst() + QStringLiteral("/a.txt"), "a", 1700000000);
        SyncPair p = pair();
        p.deleteThresholdPercent = 50;
        const Snapshot before = snapshot(dst());
        const auto report = runSync(p, {}, nullptr);
        QCOMPARE(report->outcome(), RunOutcome::HeldBack);
        QCOMPARE(snapshot(dst()), before);
        QVERIFY(!QFileInfo::exists(dst() + QStringLiteral("/.lanwatch-versions")));
    }
};

QTEST_GUILESS_MAIN(TstSyncSafety)
#include "tst_syncsafety.moc"
