// lanwatch-cli restore on a history built by real mirror runs: exact trees, versions and exit codes.
#include "SyncTestTree.h"
#include "TestSupport.h"
#include "core/sync/Restore.h"

#include <QDateTime>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace synctest;
using lanwatch::sync::formatStamp;

namespace {
constexpr qint64 T0 = 1700000000;
const QString Versions = QStringLiteral(".lanwatch-versions");
} // namespace

class TstRestore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString path(const char *name) const { return m_tmp.filePath(QString::fromLatin1(name)); }
    QString src() const { return path("src"); }
    QString dst() const { return path("dst"); }
    QString out() const { return path("out"); }
    QString outside() const { return path("outside"); }
    QString versions() const { return dst() + QLatin1Char('/') + Versions; }

    // The history init() builds: dst after each of the four mirror runs, the snapshot folders runs 2-4
    // made (read from disk, not predicted), and a moment measured between consecutive runs.
    Snapshot m_after[5];
    QStringList m_stamps;  // m_stamps[0] by run 2, [1] by run 3, [2] by run 4
    QDateTime m_runEnd[5]; // wall clock after run k returned: later than run k, earlier than run k+1

    struct Run
    {
        int code;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(lanwatch::test::binaryPath("app/lanwatch-cli"), args);
        if (!p.waitForFinished(60000))
            return {-1, QString(), QStringLiteral("lanwatch-cli did not finish")};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    Run restore(const QStringList &args) { return cli(QStringList{QStringLiteral("restore")} + args); }

    QStringList versionNames() const
    {
        return QDir(versions()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    }
    Snapshot version(const QString &stamp) const { return snapshot(versions() + QLatin1Char('/') + stamp, false); }
    static QDateTime stampTime(const QString &name)
    {
        return QDateTime(QDate::fromString(name.left(10), QStringLiteral("yyyy-MM-dd")),
                         QTime::fromString(name.mid(11), QStringLiteral("HH-mm-ss-zzz")), Qt::UTC);
    }
    // Everything under root, the versions folder included.
    static Snapshot fullSnapshot(const QString &root)
    {
        Snapshot s = snapshot(root);
        const QString v = root + QLatin1Char('/') + Versions;
        if (QFileInfo(v).isDir()) {
            struct stat st = {};
            ::lstat(QFile::encodeName(v).constData(), &st);
            s.insert(Versions, Node{'d', {}, uint(st.st_mode & 07777), st.st_mtim.tv_sec, st.st_mtim.tv_nsec});
            const Snapshot inside = snapshot(v);
            for (auto it = inside.cbegin(); it != inside.cend(); ++it)
                s.insert(Versions + QLatin1Char('/') + it.key(), it.value());
        }
        return s;
    }
    static QStringList leftovers(const QString &root)
    {
        QStringList found;
        QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            if (it.fileName().startsWith(QLatin1String(".lanwatch-tmp-")))
                found << p;
        }
        return found;
    }
    void syncRun(int k)
    {
        const QStringList before = versionNames();
        const Run r = cli({QStringLiteral("sync"), src(), dst()});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        m_runEnd[k] = QDateTime::currentDateTimeUtc();
        m_after[k] = snapshot(dst(), false);
        QStringList made = versionNames();
        for (const QString &name : before)
            made.removeOne(name);
        QCOMPARE(made.size(), k == 1 ? 0 : 1); // two runs in one millisecond would share a folder: caught here
        if (k > 1) {
            QVERIFY2(stampTime(made.first()) > m_runEnd[k - 1], qPrintable(made.first()));
            m_stamps << made.first();
        }
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *name : {"src", "dst", "out", "outside"}) {
            QDir(path(name)).removeRecursively();
            QVERIFY(!QFileInfo::exists(path(name)));
        }
        m_stamps.clear();
        const auto write = [&](const char *rel, const QByteArray &content, qint64 mtime) {
            writeFile(src() + QLatin1Char('/') + QString::fromLatin1(rel), content, mtime);
        };
        // Run 1: the first mirror (no versions yet). Enough unchanged files that run 2's deletions stay
        // under sync's delete limit.
        write("a.txt", "a-one", T0 + 10);
        write("docs/x.txt", "x", T0);
        write("docs/y.txt", "yy", T0 + 1);
        write("docs2/z.txt", "z", T0);
        write("docs-old.txt", "old", T0);
        write("sub/file.txt", "f-one", T0 + 10);
        write("-x.txt", "dash-one", T0 + 10);
        for (const char *keep : {"keep1.txt", "keep2.txt", "keep3.txt", "keep4.txt", "keep5.txt"})
            write(keep, keep, T0);
        syncRun(1);
        if (QTest::currentTestFailed())
            return;
        // Run 2: change three files, delete two folders and a file whose name sorts between "docs" and "docs/".
        write("a.txt", "a-two", T0 + 20);
        write("sub/file.txt", "f-two", T0 + 20);
        write("-x.txt", "dash-two", T0 + 20);
        QVERIFY(QDir(src() + QStringLiteral("/docs")).removeRecursively());
        QVERIFY(QDir(src() + QStringLiteral("/docs2")).removeRecursively());
        QVERIFY(QFile::remove(src() + QStringLiteral("/docs-old.txt")));
        syncRun(2);
        if (QTest::currentTestFailed())
            return;
        write("a.txt", "a-three", T0 + 30);
        syncRun(3);
        if (QTest::currentTestFailed())
            return;
        write("a.txt", "a-four", T0 + 40);
        syncRun(4);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_stamps.size(), 3);
        // The history is what the tests below rely on.
        QCOMPARE(m_after[4].value(QStringLiteral("a.txt")).content, QByteArray("a-four"));
        QCOMPARE(version(m_stamps[0]).keys(),
                 QStringList({"-x.txt", "a.txt", "docs", "docs-old.txt", "docs/x.txt", "docs/y.txt", "docs2",
                              "docs2/z.txt", "sub", "sub/file.txt"}));
        QCOMPARE(version(m_stamps[1]).value(QStringLiteral("a.txt")).content, QByteArray("a-two"));
        QCOMPARE(version(m_stamps[2]).value(QStringLiteral("a.txt")).content, QByteArray("a-three"));
    }

    void cleanup()
    {
        const QStringList left = leftovers(m_tmp.path());
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));
    }

    void restoresNewestVersionOfOneFile()
    {
        const QStringList namesBefore = versionNames();
        const Snapshot kept = version(m_stamps[2]);
        const Run r = restore({dst(), QStringLiteral("a.txt")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("replace a.txt (from %1)\n").arg(formatStamp(stampTime(m_stamps[2])))),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("1 restored, 0 identical, 0 failed")), qPrintable(r.out));

        Snapshot expected = m_after[4];
        expected[QStringLiteral("a.txt")] = version(m_stamps[2]).value(QStringLiteral("a.txt"));
        QCOMPARE(expected[QStringLiteral("a.txt")].content, QByteArray("a-three"));
        const Snapshot now = snapshot(dst(), false);
        QVERIFY2(now == expected, qPrintable(describe(now, expected)));
        // What it replaced is the newest version now, in a new snapshot; the old ones are untouched.
        const QStringList namesAfter = versionNames();
        QCOMPARE(namesAfter.size(), namesBefore.size() + 1);
        QCOMPARE(namesAfter.mid(0, namesBefore.size()), namesBefore);
        QVERIFY(namesAfter.last() > m_stamps[2]);
        QCOMPARE(version(namesAfter.last()), Snapshot({{QStringLiteral("a.txt"), m_after[4].value("a.txt")}}));
        QCOMPARE(version(m_stamps[2]), kept);
    }

    void restoreOverChangedFileKeepsIt()
    {
        writeFile(dst() + QStringLiteral("/sub/file.txt"), "edited in the mirror", T0 + 50, 0600);
        const Node edited = snapshot(dst()).value(QStringLiteral("sub/file.txt"));
        Snapshot expected = snapshot(dst(), false);
        const QStringList namesBefore = versionNames();

        const Run r = restore({dst(), QStringLiteral("sub/file.txt")});
        QCOMPARE(r.code, 0);
        QVERIFY2(
            r.out.contains(QStringLiteral("replace sub/file.txt (from %1)").arg(formatStamp(stampTime(m_stamps[0])))),
            qPrintable(r.out));
        expected[QStringLiteral("sub/file.txt")] = m_after[1].value(QStringLiteral("sub/file.txt"));
        QCOMPARE(expected[QStringLiteral("sub/file.txt")].content, QByteArray("f-one"));
        const Snapshot now = snapshot(dst(), false);
        QVERIFY2(now == expected, qPrintable(describe(now, expected)));
        const QStringList namesAfter = versionNames();
        QCOMPARE(namesAfter.size(), namesBefore.size() + 1);
        const Snapshot keptNow = version(namesAfter.last());
        QCOMPARE(keptNow.keys(), QStringList({"sub", "sub/file.txt"}));
        QCOMPARE(keptNow.value(QStringLiteral("sub/file.txt")), edited); // bytes, mode 0600 and mtime
        QVERIFY(r.out.contains(namesAfter.last()));

        // Restoring again brings the edit back (it is the newest version now): nothing is ever lost.
        const Run again = restore({dst(), QStringLiteral("sub/file.txt")});
        QCOMPARE(again.code, 0);
        QCOMPARE(snapshot(dst()).value(QStringLiteral("sub/file.txt")), edited);
    }

    void restoresDeletedFolderOnly()
    {
        const QStringList namesBefore = versionNames();
        const Run r = restore({dst(), QStringLiteral("docs/")});
        QCOMPARE(r.code, 0);
        const QString from = QStringLiteral(" (from %1)\n").arg(formatStamp(stampTime(m_stamps[0])));
        QVERIFY2(r.out.contains(QStringLiteral("restore docs/x.txt") + from), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("restore docs/y.txt") + from));
        QVERIFY(r.out.contains(QStringLiteral("2 restored, 0 identical, 0 failed")));

        // docs comes back as run 1 left it; docs2 and docs-old.txt (other names starting "docs") stay deleted.
        Snapshot expected = m_after[4];
        for (const char *p : {"docs", "docs/x.txt", "docs/y.txt"})
            expected.insert(QString::fromLatin1(p), m_after[1].value(QString::fromLatin1(p)));
        const Snapshot now = snapshot(dst(), false);
        QVERIFY2(now == expected, qPrintable(describe(now, expected)));
        QCOMPARE(versionNames(), namesBefore); // nothing was in the way: no new snapshot
        // Run again: everything is already there.
        const Run again = restore({dst(), QStringLiteral("docs")});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.contains(QStringLiteral("0 restored, 2 identical, 0 failed")), qPrintable(again.out));
        QCOMPARE(snapshot(dst(), false), expected);
    }

    void atRestoresAsItWas_data()
    {
        QTest::addColumn<int>("afterRun");
        QTest::addColumn<QString>("form");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("between 2 and 3, UTC") << 2 << "utc"
                                              << "a.txt" << QByteArray("a-two");
        QTest::newRow("between 2 and 3, offset") << 2 << "offset"
                                                 << "a.txt" << QByteArray("a-two");
        QTest::newRow("between 2 and 3, local") << 2 << "local"
                                                << "a.txt" << QByteArray("a-two");
        QTest::newRow("between 2 and 3, epoch") << 2 << "epoch"
                                                << "a.txt" << QByteArray("a-two");
        QTest::newRow("between 1 and 2, UTC") << 1 << "utc"
                                              << "a.txt" << QByteArray("a-one");
        QTest::newRow("between 3 and 4, everything") << 3 << "utc"
                                                     << "" << QByteArray("a-three");
    }
    void atRestoresAsItWas()
    {
        QFETCH(int, afterRun);
        QFETCH(QString, form);
        QFETCH(QString, path);
        QFETCH(QByteArray, expected);
        const QDateTime t = m_runEnd[afterRun];
        QString at;
        if (form == QLatin1String("utc"))
            at = t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
        else if (form == QLatin1String("offset"))
            at = t.toOffsetFromUtc(2 * 3600).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
                 QStringLiteral("+02:00");
        else if (form == QLatin1String("local"))
            at = t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        else
            at = QStringLiteral("@%1.%2").arg(t.toSecsSinceEpoch()).arg(t.time().msec(), 3, 10, QLatin1Char('0'));

        QStringList args{QStringLiteral("--at"), at, dst()};
        if (!path.isEmpty())
            args << path;
        const Run r = restore(args);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QString stamp = m_stamps[afterRun - 1]; // the earliest snapshot after t
        QVERIFY2(r.out.contains(QStringLiteral("replace a.txt (from %1)").arg(formatStamp(stampTime(stamp)))),
                 qPrintable(r.out));
        Snapshot want = m_after[4];
        want[QStringLiteral("a.txt")] = version(stamp).value(QStringLiteral("a.txt"));
        QCOMPARE(want[QStringLiteral("a.txt")].content, expected);
        if (path.isEmpty()) {
            // Only a.txt changed after run 3; the six other paths with versions are left alone.
            QVERIFY2(r.out.contains(QStringLiteral("6 paths have not changed since")), qPrintable(r.out));
            QVERIFY(r.out.contains(QStringLiteral("1 restored, 0 identical, 0 failed")));
        }
        const Snapshot now = snapshot(dst(), false);
        QVERIFY2(now == want, qPrintable(describe(now, want)));
    }

    void atAfterLastChangeLeavesFileAlone()
    {
        const Snapshot before = fullSnapshot(dst());
        const Run r = restore({QStringLiteral("--at"),
                               m_runEnd[4].toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z'),
                               dst(), QStringLiteral("a.txt")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("nothing to restore")), qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("1 path has not changed since")));
        const Snapshot after = fullSnapshot(dst());
        QVERIFY2(after == before, qPrintable(describe(after, before)));
        // With --to, a restore with nothing to write does not even create the folder.
        const Run to = restore({QStringLiteral("--at"), QStringLiteral("@%1").arg(m_runEnd[4].toSecsSinceEpoch() + 1),
                                QStringLiteral("--to"), out(), dst()});
        QCOMPARE(to.code, 1);
        QVERIFY2(to.out.contains(QStringLiteral("7 paths have not changed since")), qPrintable(to.out));
        QVERIFY(!QFileInfo::exists(out()));
    }

    void restoresIntoAnotherFolder()
    {
        writeFile(out() + QStringLiteral("/a.txt"), "someone else's a", T0 + 60);
        const Node theirs = snapshot(out()).value(QStringLiteral("a.txt"));
        const Snapshot dstBefore = fullSnapshot(dst());

        const Run r = restore({QStringLiteral("--to"), out(), dst(), QStringLiteral("a.txt"), QStringLiteral("docs")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(QStringLiteral("3 restored, 0 identical, 0 failed")));

        const Snapshot now = snapshot(out(), false);
        const QStringList aside = now.keys().filter(QRegularExpression(
            QStringLiteral("^a\\.txt\\.lanwatch-replaced-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}$")));
        QCOMPARE(aside.size(), 1);
        QVERIFY(r.out.contains(aside.first()));
        Snapshot expected;
        expected.insert(QStringLiteral("a.txt"), version(m_stamps[2]).value(QStringLiteral("a.txt")));
        expected.insert(aside.first(), theirs);
        for (const char *p : {"docs", "docs/x.txt", "docs/y.txt"})
            expected.insert(QString::fromLatin1(p), m_after[1].value(QString::fromLatin1(p)));
        QVERIFY2(now == expected, qPrintable(describe(now, expected)));
        const Snapshot dstAfter = fullSnapshot(dst());
        QVERIFY2(dstAfter == dstBefore, qPrintable(describe(dstAfter, dstBefore)));
    }

    void dryRunAndListChangeNothing()
    {
        const Snapshot before = fullSnapshot(dst());
        const Run dry = restore({QStringLiteral("--dry-run"), dst()});
        QVERIFY2(dry.code == 0, qPrintable(dry.out + dry.err));
        const QString s2 = QStringLiteral(" (from %1)\n").arg(formatStamp(stampTime(m_stamps[0])));
        const QString s4 = QStringLiteral(" (from %1)\n").arg(formatStamp(stampTime(m_stamps[2])));
        for (const QString &line : QStringList{
                 QStringLiteral("would replace a.txt") + s4, QStringLiteral("would restore docs/x.txt") + s2,
                 QStringLiteral("would restore docs2/z.txt") + s2, QStringLiteral("would restore docs-old.txt") + s2,
                 QStringLiteral("would replace sub/file.txt") + s2, QStringLiteral("would replace -x.txt") + s2})
            QVERIFY2(dry.out.contains(line), qPrintable(line + QStringLiteral(" not in:\n") + dry.out));
        QVERIFY(dry.out.contains(QStringLiteral("dry run: would have 7 restored, 0 identical, 0 failed")));
        Snapshot after = fullSnapshot(dst());
        QVERIFY2(after == before, qPrintable(describe(after, before)));

        const Run dryTo = restore({QStringLiteral("--dry-run"), QStringLiteral("--to"), out(), dst()});
        QCOMPARE(dryTo.code, 0);
        QVERIFY(dryTo.out.contains(QStringLiteral("would restore a.txt") + s4));
        QVERIFY(!QFileInfo::exists(out()));

        const Run list = restore({QStringLiteral("--list"), dst()});
        QVERIFY2(list.code == 0, qPrintable(list.out + list.err));
        for (const QString &stamp : std::as_const(m_stamps))
            QVERIFY2(list.out.contains(formatStamp(stampTime(stamp), true)), qPrintable(list.out));
        QVERIFY(list.out.contains(QStringLiteral("  docs/x.txt\n")));
        QVERIFY(list.out.contains(QStringLiteral("7 paths")));
        const Run listOne = restore({QStringLiteral("--list"), dst(), QStringLiteral("docs")});
        QCOMPARE(listOne.code, 0);
        QVERIFY(listOne.out.contains(QStringLiteral("  docs/y.txt\n")));
        QVERIFY2(!listOne.out.contains(QStringLiteral("a.txt")) && !listOne.out.contains(QStringLiteral("docs2")),
                 qPrintable(listOne.out));
        after = fullSnapshot(dst());
        QVERIFY2(after == before, qPrintable(describe(after, before)));
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("dot-dot") << QStringList{"DST", "../x"} << "'..' component";
        QTest::newRow("dot-dot inside") << QStringList{"DST", "docs/../../x"} << "'..' component";
        QTest::newRow("absolute") << QStringList{"DST", "/etc/passwd"} << "is absolute";
        QTest::newRow("versions") << QStringList{"DST", ".lanwatch-versions/x"} << "inside the versions folder";
        QTest::newRow("bad time") << QStringList{"--at", "yesterday", "DST"} << "Use 2026-11-23T14:05";
        QTest::newRow("bad date") << QStringList{"--at", "2026-02-30T10:00", "DST"} << "is not a time";
        QTest::newRow("no value") << QStringList{"DST", "--at"} << "Missing value after '--at'";
        QTest::newRow("no DST") << QStringList{"--dry-run"} << "give the mirror folder DST";
        QTest::newRow("missing DST") << QStringList{"/nonexistent/dst"} << "does not exist";
        QTest::newRow("unknown option") << QStringList{"DST", "--force"} << "Unknown option 'force'";
        QTest::newRow("dash path without --") << QStringList{"DST", "-x.txt"} << "Unknown option";
        QTest::newRow("list with at") << QStringList{"--list", "--at", "@0", "DST"} << "does not take --at";
        QTest::newRow("to into versions")
            << QStringList{"--to", "DST/.lanwatch-versions/x", "DST"} << "inside DST's versions folder";
    }
    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        for (QString &a : args)
            a.replace(QStringLiteral("DST"), dst());
        const Snapshot before = fullSnapshot(dst());
        const Run r = restore(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(fullSnapshot(dst()), before);
    }

    void noVersionsFolderIsAFailure()
    {
        const Run r = restore({src()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("%1 has no .lanwatch-versions folder: nothing to restore").arg(src())),
                 qPrintable(r.err));
        const Run missing = restore({dst(), QStringLiteral("keep1.txt")});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("keep1.txt: no version of it")), qPrintable(missing.err));
    }

    void symlinkedTargetFolderIsNotFollowed_data()
    {
        QTest::addColumn<bool>("intoOther");
        QTest::newRow("DST/sub is a link") << false;
        QTest::newRow("--to OUT/sub is a link") << true;
    }
    void symlinkedTargetFolderIsNotFollowed()
    {
        QFETCH(bool, intoOther);
        writeFile(outside() + QStringLiteral("/file.txt"), "not yours", T0 + 70);
        const QString target = intoOther ? out() : dst();
        if (intoOther)
            QVERIFY(QDir().mkpath(out()));
        else
            QVERIFY(QDir(dst() + QStringLiteral("/sub")).removeRecursively());
        QVERIFY(QFile::link(outside(), target + QStringLiteral("/sub")));
        const Snapshot outsideBefore = snapshot(outside());
        const Snapshot dstBefore = fullSnapshot(dst());
        const Snapshot targetBefore = fullSnapshot(target);

        QStringList args{dst(), QStringLiteral("sub/file.txt")};
        if (intoOther)
            args = QStringList{QStringLiteral("--to"), out()} + args;
        const Run r = restore(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("sub/file.txt: sub is a symbolic link")), qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("0 restored, 0 identical, 1 failed")));
        QCOMPARE(snapshot(outside()), outsideBefore);
        QCOMPARE(fullSnapshot(dst()), dstBefore);
        QCOMPARE(fullSnapshot(target), targetBefore);
    }

    void doubleDashAllowsPathStartingWithDash()
    {
        const Run r = restore({QStringLiteral("--"), dst(), QStringLiteral("-x.txt")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        Snapshot expected = m_after[4];
        expected[QStringLiteral("-x.txt")] = m_after[1].value(QStringLiteral("-x.txt"));
        QCOMPARE(expected[QStringLiteral("-x.txt")].content, QByteArray("dash-one"));
        const Snapshot now = snapshot(dst(), false);
        QVERIFY2(now == expected, qPrintable(describe(now, expected)));
    }

    // core: the parts the CLI tests cannot pin down exactly.
    void parsesRestoreTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: rejected
        const QDateTime local(QDate(2026, 11, 23), QTime(14, 5), Qt::LocalTime);
        QTest::newRow("local minutes") << "2026-11-23T14:05" << local.toUTC();
        QTest::newRow("local space seconds") << "2026-11-23 14:05:00" << local.toUTC();
        QTest::newRow("local ms") << "2026-11-23 14:05:00.250" << local.addMSecs(250).toUTC();
        QTest::newRow("date only") << "2026-11-23"
                                   << QDateTime(QDate(2026, 11, 23), QTime(0, 0), Qt::LocalTime).toUTC();
        QTest::newRow("utc") << "2026-11-23T14:05:01Z" << QDateTime(QDate(2026, 11, 23), QTime(14, 5, 1), Qt::UTC);
        QTest::newRow("offset") << "2026-11-23T14:05:01+02:00"
                                << QDateTime(QDate(2026, 11, 23), QTime(12, 5, 1), Qt::UTC);
        QTest::newRow("epoch") << "@1700000000" << QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
        QTest::newRow("epoch fraction") << "@1700000000.5" << QDateTime::fromMSecsSinceEpoch(1700000000500, Qt::UTC);
        for (const char *bad : {"", "yesterday", "2026-11-23T25:00", "2026-02-30", "@", "@abc", "14:05",
                                "2026-11-23T14:05+24:00", "2026-11-23T14:05:00 junk"})
            QTest::newRow(qPrintable(QStringLiteral("bad '%1'").arg(QString::fromLatin1(bad))))
                << QString::fromLatin1(bad) << QDateTime();
    }
    void parsesRestoreTimes()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const auto parsed = lanwatch::sync::parseRestoreTime(text);
        QCOMPARE(parsed.has_value(), expected.isValid());
        if (parsed) {
            QCOMPARE(parsed->toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
            QCOMPARE(parsed->timeSpec(), Qt::UTC);
        }
    }

    void selectsWholeComponents()
    {
        using lanwatch::sync::restoreSelects;
        QVERIFY(restoreSelects("docs", "docs"));
        QVERIFY(restoreSelects("docs", "docs/a.txt"));
        QVERIFY(!restoreSelects("docs", "docs2/x"));
        QVERIFY(!restoreSelects("docs", "docs-old.txt"));
        QVERIFY(!restoreSelects("docs/a.txt", "docs"));
        QVERIFY(restoreSelects("", "anything/at/all"));
        QCOMPARE(lanwatch::sync::restorePathArgument(QStringLiteral("./docs//a.txt/")).value(),
                 QByteArray("docs/a.txt"));
    }

    // A path that was a file in one snapshot and a folder in a later one cannot come back as both:
    // the newest wins without --at, the earliest after T with it; the other is reported, not dropped silently.
    void fileAndFolderVersionsConflict()
    {
        const QString old = versions() + QStringLiteral("/2020-01-01T00-00-00-000");
        const QString newer = versions() + QStringLiteral("/2020-01-02T00-00-00-000");
        writeFile(old + QStringLiteral("/p"), "p was a file", T0);
        writeFile(newer + QStringLiteral("/p/inner.txt"), "p was a folder", T0);
        const auto newest = lanwatch::sync::planRestore(dst(), std::nullopt, {QStringLiteral("p")});
        QVERIFY2(newest, qPrintable(newest.error()));
        QCOMPARE(newest->items.size(), 1);
        QCOMPARE(newest->items.first().path, QByteArray("p/inner.txt"));
        QCOMPARE(newest->problems.size(), 1);
        QVERIFY2(newest->problems.first().startsWith(QStringLiteral("p: not restored")),
                 qPrintable(newest->problems.first()));
        const auto atStart = lanwatch::sync::planRestore(dst(), QDateTime(QDate(2019, 12, 31), QTime(0, 0), Qt::UTC),
                                                         {QStringLiteral("p")});
        QVERIFY(atStart);
        QCOMPARE(atStart->items.size(), 1);
        QCOMPARE(atStart->items.first().path, QByteArray("p"));
        QCOMPARE(atStart->problems.size(), 1);
        QVERIFY(atStart->problems.first().startsWith(QStringLiteral("p/inner.txt: not restored")));
        // The CLI counts the loser as failed (exit 1) but restores the winner.
        const Run r = restore({dst(), QStringLiteral("p")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains(QStringLiteral("1 restored, 0 identical, 1 failed")));
        QCOMPARE(snapshot(dst()).value(QStringLiteral("p/inner.txt")).content, QByteArray("p was a folder"));
    }
};

QTEST_GUILESS_MAIN(TstRestore)
#include "tst_restore.moc"
