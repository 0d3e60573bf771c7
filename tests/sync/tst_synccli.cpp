// lanwatch-cli sync / watch as a user runs them: output, exit codes 0/2/3 and their messages.
#include "SyncTestTree.h"
#include "TestSupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace synctest;

class TstSyncCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString src() const { return m_tmp.filePath(QStringLiteral("src")); }
    QString dst() const { return m_tmp.filePath(QStringLiteral("dst")); }

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
        p.waitForFinished(60000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private Q_SLOTS:
    void init()
    {
        QDir(src()).removeRecursively();
        QDir(dst()).removeRecursively();
        writeFile(src() + QStringLiteral("/a.txt"), "a", 1700000000);
        writeFile(src() + QStringLiteral("/sub/b.txt"), "bb", 1700000000);
    }

    void syncPrintsActionsAndSummary()
    {
        const Run r = cli({QStringLiteral("sync"), src(), dst()});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("copy    a.txt (1 bytes)")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("mkdir   sub/")));
        QVERIFY(r.out.contains(QStringLiteral("2 copied, 0 updated, 0 deleted, 1 folders made")));
        QCOMPARE(snapshot(dst()), snapshot(src()));
    }

    void dryRunChangesNothing()
    {
        const Run r = cli({QStringLiteral("sync"), src(), dst(), QStringLiteral("--dry-run")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("would copy    a.txt")));
        QVERIFY(r.out.contains(QStringLiteral("dry run: would have 2 copied")));
        QVERIFY(!QFile::exists(dst()));
    }

    void heldBackExitsThree()
    {
        QCOMPARE(cli({QStringLiteral("sync"), src(), dst()}).code, 0);
        QFile::remove(src() + QStringLiteral("/a.txt"));
        QFile::remove(src() + QStringLiteral("/sub/b.txt"));
        const Run r = cli({QStringLiteral("sync"), src(), dst()});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("is empty")), qPrintable(r.err));
        QVERIFY(QFile::exists(dst() + QStringLiteral("/a.txt")));
        const Run forced = cli({QStringLiteral("sync"), src(), dst(), QStringLiteral("--force")});
        QCOMPARE(forced.code, 0);
        QVERIFY(!QFile::exists(dst() + QStringLiteral("/a.txt")));
        QVERIFY(forced.out.contains(QStringLiteral("kept in")));
        // Each action is said once, as it is carried out (deletions used to be printed twice).
        QCOMPARE(forced.out.count(QStringLiteral("delete  a.txt\n")), 1);
        QCOMPARE(forced.out.count(QStringLiteral("delete  sub/b.txt\n")), 1);
    }

    void updateModeAndExcludes()
    {
        writeFile(src() + QStringLiteral("/skip.tmp"), "t");
        writeFile(dst() + QStringLiteral("/mine.txt"), "m");
        const Run r = cli({QStringLiteral("sync"), src(), dst(), QStringLiteral("--mode"), QStringLiteral("update"),
                           QStringLiteral("--exclude"), QStringLiteral("*.tmp")});
        QCOMPARE(r.code, 0);
        QVERIFY(QFile::exists(dst() + QStringLiteral("/mine.txt")));
        QVERIFY(!QFile::exists(dst() + QStringLiteral("/skip.tmp")));
        QVERIFY(QFile::exists(dst() + QStringLiteral("/sub/b.txt")));
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("one folder") << QStringList{"sync", "SRC"} << "exactly two folders";
        QTest::newRow("bad mode") << QStringList{"sync", "SRC", "DST", "--mode", "copy"}
                                  << "--mode must be mirror or update";
        QTest::newRow("inside") << QStringList{"sync", "SRC", "SRC/backup"} << "inside the source";
        QTest::newRow("missing source") << QStringList{"sync", "/nonexistent/src", "DST"} << "does not exist";
        QTest::newRow("unknown option") << QStringList{"sync", "SRC", "DST", "--delete"} << "Unknown option 'delete'";
        QTest::newRow("watch poll") << QStringList{"watch", "SRC", "DST", "--poll", "0"} << "--poll must be";
        QTest::newRow("tolerance") << QStringList{"sync", "SRC", "DST", "--mtime-tolerance", "x"}
                                   << "--mtime-tolerance must be";
    }
    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        for (QString &a : args)
            a.replace(QStringLiteral("SRC"), src()).replace(QStringLiteral("DST"), dst());
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(dst()));
    }

    void watchKeepsInStepUntilInterrupted()
    {
        QProcess p;
        p.start(lanwatch::test::binaryPath("app/lanwatch-cli"),
                {QStringLiteral("watch"), src(), dst(), QStringLiteral("--delay"), QStringLiteral("0")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dst() + QStringLiteral("/a.txt")), 10000);
        writeFile(src() + QStringLiteral("/later.txt"), "l");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dst() + QStringLiteral("/later.txt")), 10000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("Watching")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Run finished")));
        QVERIFY(out.contains(QStringLiteral("Stopped.")));
    }
};

QTEST_GUILESS_MAIN(TstSyncCli)
#include "tst_synccli.moc"
