// The sync engine on real temporary folders: exact resulting trees per mode, excludes, and every
// safety rule (versions, missing/emptied source, threshold, file changed during copy, no temp leftovers).
#include "core/Settings.h"
#include "core/sync/SyncPlan.h"
#include "core/sync/SyncRunner.h"

#include "SyncTestTree.h"

#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch::sync;
using namespace synctest;

class TstSyncRunner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString src() const { return m_tmp.filePath(QStringLiteral("src")); }
    QString dst() const { return m_tmp.filePath(QStringLiteral("dst")); }
    SyncPair pair(SyncMode mode = SyncMode::Mirror) const
    {
        SyncPair p = SyncPair::create(src(), dst());
        p.mode = mode;
        return p;
    }
    void buildSource()
    {
        writeFile(src() + QStringLiteral("/readme.txt"), "hello\n", 1700000000);
        writeFile(src() + QStringLiteral("/bin/tool.sh"), "#!/bin/sh\necho hi\n", 1700000100, 0755);
        writeFile(src() + QStringLiteral("/private/notes.txt"), QByteArray(70000, 'n'), 1700000200, 0600);
        writeFile(src() + QStringLiteral("/deep/a/b/c/leaf.bin"), QByteArray::fromHex("00ff10"), 1700000300);
        QDir().mkpath(src() + QStringLiteral("/empty/inner"));
        QFile::link(QStringLiteral("readme.txt"), src() + QStringLiteral("/readme.link"));
        QFile::link(QStringLiteral("../nowhere"), src() + QStringLiteral("/dangling.link"));
        ::chmod(QFile::encodeName(src() + QStringLiteral("/private")).constData(), 0700);
        setDirTime(src() + QStringLiteral("/empty/inner"), 1600000000);
        setDirTime(src() + QStringLiteral("/deep/a/b/c"), 1600000100);
    }
    QStringList versionFiles() const
    {
        QStringList out;
        QDirIterator it(dst() + QStringLiteral("/.lanwatch-versions"), QDir::Files | QDir::System | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            out << path.section(QLatin1Char('/'), -1) + QLatin1Char('=') + QString::fromUtf8([&] {
                       QFile f(path);
                       return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                   }());
        }
        out.sort();
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QDir(src()).removeRecursively();
        QDir(dst()).removeRecursively();
        QDir().mkpath(src());
    }
    void cleanup() { testing::setAfterCopyHook({}); }

    void mirrorGivesAnExactCopy()
    {
        buildSource();
        // Things already in the destination: extraneous file and folder, a stale copy, a type clash.
        writeFile(dst() + QStringLiteral("/old.txt"), "old", 1500000000);
        writeFile(dst() + QStringLiteral("/gone/x.txt"), "x", 1500000000);
        writeFile(dst() + QStringLiteral("/readme.txt"), "stale\n", 1500000000);
        writeFile(dst() + QStringLiteral("/empty"), "a file where a folder belongs");
        writeFile(dst() + QStringLiteral("/bin/tool.sh"), "#!/bin/sh\necho hi\n", 1700000100, 0644); // mode only
        SyncPair p = pair();
        p.deleteThresholdPercent = 100;
        const auto report = runSync(p, {}, nullptr);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QVERIFY2(report->errors.isEmpty(), qPrintable(report->errors.join(QLatin1Char('\n'))));
        QVERIFY(!report->heldBack);
        const Snapshot a = snapshot(src());
        const Snapshot b = snapshot(dst());
        QVERIFY2(a == b, qPrintable(describe(a, b)));
        QCOMPARE(b.value(QStringLiteral("bin/tool.sh")).mode, 0755u);
        QCOMPARE(b.value(QStringLiteral("private/notes.txt")).mode, 0600u);
        QCOMPARE(b.value(QStringLiteral("private")).mode, 0700u);
        QCOMPARE(b.value(QStringLiteral("readme.link")).content, QByteArray("readme.txt"));
        QCOMPARE(b.value(QStringLiteral("deep/a/b/c/leaf.bin")).mtimeNsec, qint64(123456789));
        // What was replaced or deleted is kept, with its old bytes.
        QCOMPARE(versionFiles(),
                 (QStringList{"empty=a file where a folder belongs", "old.txt=old", "readme.txt=stale\n", "x.txt=x"}));
        // A second run has nothing to do.
        const auto plan = planSync(p);
        QVERIFY(plan.ok());
        QVERIFY2(plan->isEmpty(), qPrintable(plan->actions.isEmpty() ? QString() : plan->actions.first().relativePath()));
    }

    void updateNeverDeletes()
    {
        buildSource();
        writeFile(dst() + QStringLiteral("/extra.txt"), "mine", 1500000000);
        writeFile(dst() + QStringLiteral("/readme.txt"), "older\n", 1500000000);
        const auto report = runSync(pair(SyncMode::Update), {}, nullptr);
        QVERIFY(report.ok());
        QCOMPARE(report->deleted, 0);
        Snapshot expected = snapshot(src());
        expected.insert(QStringLiteral("extra.txt"), snapshot(dst()).value(QStringLiteral("extra.txt")));
        const Snapshot b = snapshot(dst(), false);
        Snapshot e2 = expected;
        for (auto it = e2.begin(); it != e2.end(); ++it)
            if (it->type == 'd')
                it->mtimeSec = it->mtimeNsec = 0;
        QVERIFY2(e2 == b, qPrintable(describe(e2, b)));
        QCOMPARE(b.value(QStringLiteral("extra.txt")).content, QByteArray("mine"));
    }

    void excludesAreNeitherCopiedNorDeleted()
    {
        writeFile(src() + QStringLiteral("/keep.txt"), "k");
        writeFile(src() + QStringLiteral("/scratch.tmp"), "t");
        writeFile(src() + QStringLiteral("/.cache/blob"), "c");
        writeFile(src() + QStringLiteral("/build/main.o"), "o");
        writeFile(src() + QStringLiteral("/build/main.c"), "c");
        writeFile(src() + QStringLiteral("/sub/main.o"), "o"); // 'build/*.o' is a path pattern: not this one
        writeFile(dst() + QStringLiteral("/local.tmp"), "dst's own, excluded: must survive the mirror");
        SyncPair p = pair();
        p.excludes = QStringList{"*.tmp", ".cache/", "build/*.o"};
        const auto report = runSync(p, {}, nullptr);
        QVERIFY(report.ok());
        QCOMPARE(QStringList(snapshot(dst()).keys()),
                 (QStringList{"build", "build/main.c", "keep.txt", "local.tmp", "sub", "sub/main.o"}));
    }

    void missingSourceChangesNothing()
    {
        writeFile(dst() + QStringLiteral("/precious.txt"), "p");
        QDir(src()).removeRecursively();
        const Snapshot before = snapshot(dst());
        const auto report = runSync(pair(), {}, nullptr);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().contains(QStringLiteral("does not exist")), qPrintable(report.error()));
        QVERIFY(report.error().contains(QStringLiteral("Nothing was changed")));
        QCOMPARE(snapshot(dst()), before);
    }

    void emptiedSourceIsHeldBack()
    {
        // An unmounted disk leaves an empty mount point: a mirror must not wipe the backup.
        for (int i = 0; i < 3; ++i)
            writeFile(dst() + QStringLiteral("/f%1.txt").arg(i), "data");
        const Snapshot before = snapshot(dst());
        SyncPair p = pair();
        p.deleteThresholdPercent = 100;
        const auto report = runSync(p, {}, nullptr);
        QVERIFY(report.ok());
        QVERIFY(report->heldBack);
        QVERIFY2(report->heldBackReason.contains(QStringLiteral("is empty")), qPrintable(report->heldBackReason));
        QCOMPARE(snapshot(dst()), before);
        // Forced, the files go, but into the versions folder.
        const auto forced = runSync(p, RunOptions{false, true}, nullptr);
        QVERIFY(forced.ok());
        QCOMPARE(forced->deleted, 3);
        QVERIFY(snapshot(dst()).isEmpty());
        QCOMPARE(versionFiles(), (QStringList{"f0.txt=data", "f1.txt=data", "f2.txt=data"}));
    }

    void deletionThreshold()
    {
        for (int i = 0; i < 10; ++i) {
            writeFile(src() + QStringLiteral("/f%1").arg(i), "x", 1700000000);
            writeFile(dst() + QStringLiteral("/f%1").arg(i), "x", 1700000000);
        }
        for (int i = 0; i < 6; ++i)
            QFile::remove(src() + QStringLiteral("/f%1").arg(i));
        SyncPair p = pair();
        const auto held = runSync(p, {}, nullptr);
        QVERIFY(held.ok());
        QVERIFY(held->heldBack);
        QVERIFY2(held->heldBackReason.contains(QStringLiteral("delete 6 of the 10 files")),
                 qPrintable(held->heldBackReason));
        QCOMPARE(snapshot(dst()).size(), 10);
        p.deleteThresholdPercent = 70;
        const auto done = runSync(p, {}, nullptr);
        QVERIFY(done.ok());
        QVERIFY(!done->heldBack);
        QCOMPARE(done->deleted, 6);
        QCOMPARE(snapshot(dst()).size(), 4);
    }

    void fileChangedOnceIsCopiedOnTheRetry()
    {
        writeFile(src() + QStringLiteral("/busy.log"), "first line\n", 1700000000);
        const QString busy = src() + QStringLiteral("/busy.log");
        int copies = 0;
        testing::setAfterCopyHook([busy, &copies](const QString &path) {
            if (path == QLatin1String("busy.log") && copies++ == 0) {
                QFile f(busy);
                QVERIFY(f.open(QIODevice::Append));
                f.write("second line\n");
            }
        });
        const auto report = runSync(pair(), {}, nullptr);
        QVERIFY(report.ok());
        QCOMPARE(copies, 2);
        QCOMPARE(report->outcome(), RunOutcome::Ok);
        QCOMPARE(report->copied, 1);
        QCOMPARE(snapshot(dst()), snapshot(src())); // the whole new content, with its new mtime
    }

    void fileThatNeverStopsChangingIsNotCopiedAndSaysSo()
    {
        writeFile(src() + QStringLiteral("/busy.log"), "first line\n", 1700000000);
        writeFile(src() + QStringLiteral("/calm.txt"), "calm", 1700000000);
        const QString busy = src() + QStringLiteral("/busy.log");
        testing::setAfterCopyHook([busy](const QString &path) {
            if (path == QLatin1String("busy.log")) {
                QFile f(busy);
                QVERIFY(f.open(QIODevice::Append));
                f.write("more\n");
            }
        });
        // /tmp is ext4 here: no reflink, so no snapshot; the file is reported, never half-copied.
        const auto report = runSync(pair(), {}, nullptr);
        QVERIFY(report.ok());
        QCOMPARE(report->notCopied, 1);
        QCOMPARE(report->outcome(), RunOutcome::Partial);
        QCOMPARE(report->copied, 1);
        QVERIFY(report->errors.join(QLatin1Char('\n')).contains(QStringLiteral("busy.log kept changing")));
        QCOMPARE(QStringList(snapshot(dst()).keys()), QStringList{"calm.txt"}); // and no temp file left behind
        testing::setAfterCopyHook({});
        const auto again = runSync(pair(), {}, nullptr);
        QVERIFY(again.ok());
        QCOMPARE(again->outcome(), RunOutcome::Ok);
        QCOMPARE(again->copied, 1);
        QCOMPARE(snapshot(dst()), snapshot(src()));
    }

    void mtimeTolerance()
    {
        writeFile(src() + QStringLiteral("/photo.jpg"), "jpeg", 1700000001);
        writeFile(dst() + QStringLiteral("/photo.jpg"), "jpeg", 1700000000); // FAT rounds to 2 s
        SyncPair p = pair();
        QCOMPARE(planSync(p)->updates(), 1);
        p.mtimeToleranceSeconds = 2;
        QCOMPARE(planSync(p)->updates(), 0);
    }

    void dryRunTouchesNothing()
    {
        buildSource();
        writeFile(dst() + QStringLiteral("/old.txt"), "old");
        const Snapshot before = snapshot(dst());
        SyncPair p = pair();
        p.deleteThresholdPercent = 100;
        const auto report = runSync(p, RunOptions{true, true}, nullptr);
        QVERIFY(report.ok());
        QVERIFY(report->dryRun);
        QCOMPARE(report->deleted, 1);
        QVERIFY(report->copied >= 5);
        QCOMPARE(snapshot(dst()), before);
    }

    void planIsAValue()
    {
        writeFile(src() + QStringLiteral("/new.txt"), "12345", 1700000000);
        writeFile(src() + QStringLiteral("/changed.txt"), "longer now", 1700000000);
        writeFile(dst() + QStringLiteral("/changed.txt"), "short", 1700000000);
        writeFile(dst() + QStringLiteral("/extra.txt"), "e");
        writeFile(dst() + QStringLiteral("/extra2.txt"), "e");
        writeFile(dst() + QStringLiteral("/extra3.txt"), "e");
        const auto plan = planSync(pair());
        QVERIFY(plan.ok());
        QStringList lines;
        for (const SyncAction &a : plan->actions)
            if (a.kind != SyncAction::Kind::Metadata)
                lines << actionKindName(a.kind) + QLatin1Char(' ') + a.relativePath() + QLatin1Char(' ') +
                             a.reasonText();
        QCOMPARE(lines,
                 (QStringList{"update changed.txt size changed", "copy new.txt new", "delete extra.txt not in source",
                              "delete extra2.txt not in source", "delete extra3.txt not in source"}));
        QCOMPARE(plan->bytesToCopy(), qint64(15));
        QCOMPARE(plan->destinationFiles, 4);
        QVERIFY(plan->exceedsDeleteThreshold(50)); // 3 of 4
        QVERIFY(!plan->exceedsDeleteThreshold(80));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing source") << "/nonexistent/photos"
                                        << "DST" << int(PairProblem::Field::Source) << "does not exist";
        QTest::newRow("source is a file") << "SRC/file.txt"
                                          << "DST" << int(PairProblem::Field::Source) << "is a file";
        QTest::newRow("same folder") << "SRC"
                                     << "SRC" << int(PairProblem::Field::Destination) << "source folder itself";
        QTest::newRow("destination inside source")
            << "SRC"
            << "SRC/backup" << int(PairProblem::Field::Destination) << "inside the source";
        QTest::newRow("source inside destination")
            << "SRC"
            << "ROOT" << int(PairProblem::Field::Destination) << "contains the source";
        QTest::newRow("relative") << "SRC"
                                  << "backup" << int(PairProblem::Field::Destination) << "absolute path";
        QTest::newRow("missing parent") << "SRC"
                                        << "/nonexistent/mnt/backup" << int(PairProblem::Field::Destination)
                                        << "mount it first";
        QTest::newRow("other pair's destination")
            << "SRC"
            << "TAKEN/sub" << int(PairProblem::Field::Destination) << "Another pair";
    }
    void validation()
    {
        QFETCH(QString, source);
        QFETCH(QString, destination);
        QFETCH(int, field);
        QFETCH(QString, message);
        writeFile(src() + QStringLiteral("/file.txt"), "f");
        QDir().mkpath(m_tmp.filePath(QStringLiteral("taken")));
        const auto expand = [&](QString s) {
            return s.replace(QStringLiteral("SRC"), src())
                .replace(QStringLiteral("DST"), dst())
                .replace(QStringLiteral("ROOT"), m_tmp.path())
                .replace(QStringLiteral("TAKEN"), m_tmp.filePath(QStringLiteral("taken")));
        };
        SyncPair other = SyncPair::create(src(), m_tmp.filePath(QStringLiteral("taken")));
        const SyncPair p = SyncPair::create(expand(source), expand(destination));
        const auto problem = validatePair(p, {other});
        QVERIFY(problem.has_value());
        QCOMPARE(int(problem->field), field);
        QVERIFY2(problem->message.contains(message), qPrintable(problem->message));
        // A good pair passes.
        QVERIFY(!validatePair(pair(), {other}).has_value());
    }

    void pairsSurviveARestart()
    {
        const QString file = m_tmp.filePath(QStringLiteral("settings.ini"));
        SyncPair p = pair(SyncMode::Update);
        p.excludes = {QStringLiteral("*.tmp")};
        p.pollSeconds = 30;
        p.delaySeconds = 5;
        {
            lanwatch::core::Settings settings(file);
            savePairs(settings, {p});
            settings.sync();
        }
        lanwatch::core::Settings reopened(file);
        const QList<SyncPair> loaded = loadPairs(reopened);
        QCOMPARE(loaded.size(), 1);
        QVERIFY(loaded.first() == p);
    }
};

QTEST_GUILESS_MAIN(TstSyncRunner)
#include "tst_syncrunner.moc"
