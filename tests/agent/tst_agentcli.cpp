// lanwatch-agent as a process, on loopback only (it watches 127.0.0.1, which /etc/hosts names, so not even a
// DNS query leaves the machine): a bad config starts nothing, the quick-start flags serve the inventory,
// SIGHUP reloads (and keeps the old config when the new one is wrong), SIGTERM ends it within 2 s, and
// --daemon detaches, holds its pid file and refuses a second agent.
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

class TstAgentCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QNetworkAccessManager m_net;

    static QString agent() { return lanwatch::test::binaryPath("app/lanwatch-agent"); }

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(bytes);
        return path;
    }

    struct Http
    {
        int status = 0; // 0: no connection
        QByteArray body;
    };
    Http get(quint16 port, const QString &path, const QByteArray &token = {})
    {
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        if (!token.isEmpty())
            r.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = m_net.get(r);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(5000);
        Http out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
        reply->deleteLater();
        return out;
    }

    // The port from the "listening on http://ADDR:PORT/metrics" line; 0 until it is printed.
    static quint16 listeningPort(const QByteArray &err)
    {
        static const QRegularExpression re(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)/metrics"));
        const auto all = re.globalMatch(QString::fromUtf8(err));
        quint16 port = 0;
        for (auto it = all; it.hasNext();)
            port = quint16(it.next().captured(1).toUInt());
        return port;
    }

    static bool portFree(quint16 port)
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, port);
    }

    QByteArray config(const QString &db, quint16 port, const QString &extraAgent = {})
    {
        return QStringLiteral("[agent]\nlisten = 127.0.0.1:%1\ndatabase = %2\n%3\n[monitor]\nwatch = 127.0.0.1\n"
                              "passive = no\n")
            .arg(port)
            .arg(db, extraAgent)
            .toUtf8();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(agent()));
    }

    void badConfigStartsNothing()
    {
        QTcpServer reserve;
        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        const quint16 port = reserve.serverPort();
        reserve.close();
        const QString db = m_dir.filePath(QStringLiteral("bad.sqlite"));
        const QString pid = m_dir.filePath(QStringLiteral("bad.pid"));
        const QString conf =
            write(QStringLiteral("bad.conf"), config(db, port) + "[monitor]\ninterval = 30\ninterval = 40\n");
        QProcess p;
        p.start(agent(), {QStringLiteral("--config"), conf, QStringLiteral("--pidfile"), pid});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains((conf + QStringLiteral(":10: 'interval' is set twice in [monitor]")).toUtf8()),
                 err.constData());
        QVERIFY(!QFile::exists(db));
        QVERIFY(!QFile::exists(pid));
        QVERIFY(portFree(port));

        // A bad flag on top of a good file, a missing file, no file and no --watch: exit 2 with the reason.
        const QString good = write(QStringLiteral("good.conf"), config(db, port));
        const QList<std::pair<QStringList, QByteArray>> cases{
            {{QStringLiteral("--config"), good, QStringLiteral("--interval"), QStringLiteral("5")},
             "--interval: interval must be a whole number of seconds from "},
            {{QStringLiteral("--config"), good, QStringLiteral("--listen"), QStringLiteral("nowhere")},
             "--listen: listen must be ADDRESS:PORT"},
            {{QStringLiteral("--config"), m_dir.filePath(QStringLiteral("missing.conf"))},
             "cannot read the config file"},
            {{QStringLiteral("--daemon")}, "--daemon needs --pidfile FILE"},
            {{QStringLiteral("--bogus")}, "Unknown option 'bogus'"},
        };
        for (const auto &[args, message] : cases) {
            QProcess q;
            q.start(agent(), args);
            QVERIFY(q.waitForFinished(10000));
            QCOMPARE(q.exitCode(), 2);
            const QByteArray e = q.readAllStandardError();
            QVERIFY2(e.contains(message), e.constData());
        }
        QVERIFY(!QFile::exists(db));
    }

    // The quick-start flags (over an empty file, so a config installed on this machine cannot interfere), then
    // an agent run from a file: SIGHUP with a changed file (new port and a token), with a wrong file (refused,
    // the running config stays), and SIGTERM.
    void quickStartReloadAndStop()
    {
        const QString db = m_dir.filePath(QStringLiteral("quick.sqlite"));
        QProcess p;
        p.start(agent(), {QStringLiteral("--watch"), QStringLiteral("127.0.0.1"), QStringLiteral("--interval"),
                          QStringLiteral("60"), QStringLiteral("--db"), db, QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-passive"), QStringLiteral("--config"),
                          write(QStringLiteral("empty.conf"), "# nothing here\n")});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError(), listeningPort(err) != 0), 10000);
        const quint16 port = listeningPort(err);
        QVERIFY2(err.contains(QByteArray("watching 127.0.0.1 every 60 s; inventory " + db.toUtf8())), err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(get(port, QStringLiteral("/metrics"))
                                     .body.contains("lanwatch_device_up{mac=\"127.0.0.1\",network=\"127.0.0.1\"} 1\n"),
                                 10000);
        QVERIFY(
            get(port, QStringLiteral("/metrics")).body.contains("lanwatch_sweeps_total{network=\"127.0.0.1\"} 1\n"));
        QCOMPARE(get(port, QStringLiteral("/api/v1/devices")).status, 200);

        p.kill();
        QVERIFY(p.waitForFinished());
        QTcpServer reserve;
        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        const quint16 first = reserve.serverPort();
        reserve.close();
        const QString conf = write(QStringLiteral("reload.conf"), config(db, first));
        QProcess r;
        r.start(agent(), {QStringLiteral("--config"), conf});
        QVERIFY(r.waitForStarted());
        err.clear();
        QTRY_VERIFY_WITH_TIMEOUT((err += r.readAllStandardError(), listeningPort(err) == first), 10000);
        QCOMPARE(get(first, QStringLiteral("/metrics")).status, 200);

        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        const quint16 second = reserve.serverPort();
        reserve.close();
        write(QStringLiteral("token"), "t0ken\n");
        // ...and adds a sync pair, which starts at once.
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("reload-src"))));
        write(QStringLiteral("reload-src/a.txt"), "reloaded\n");
        write(QStringLiteral("reload.conf"),
              config(db, second, QStringLiteral("token_file = %1").arg(m_dir.filePath(QStringLiteral("token")))) +
                  "[sync fresh]\nsource = reload-src\ndestination = reload-dst\ndelay = 0\n");
        ::kill(pid_t(r.processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT((err += r.readAllStandardError(), err.contains("reloaded: ")), 10000);
        QCOMPARE(listeningPort(err), second);
        QCOMPARE(get(first, QStringLiteral("/healthz")).status, 0);
        QCOMPARE(get(second, QStringLiteral("/metrics")).status, 401);
        QCOMPARE(get(second, QStringLiteral("/metrics"), "t0ken").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(get(second, QStringLiteral("/metrics"), "t0ken")
                                     .body.contains("lanwatch_sync_runs_total{pair=\"fresh\",result=\"ok\"} 1\n"),
                                 10000);
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("reload-dst/a.txt"))));

        // A wrong file on SIGHUP: the reason with its line, and the agent serves on as before.
        write(QStringLiteral("reload.conf"), config(db, second) + "[monitor]\npasive = yes\n");
        ::kill(pid_t(r.processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT((err += r.readAllStandardError(), err.contains("reload refused")), 10000);
        QVERIFY2(err.contains(":9: unknown key 'pasive' in [monitor]"), err.constData());
        QCOMPARE(get(second, QStringLiteral("/metrics"), "t0ken").status, 200);
        QCOMPARE(r.state(), QProcess::Running);

        QElapsedTimer stopping;
        stopping.start();
        ::kill(pid_t(r.processId()), SIGTERM);
        QVERIFY(r.waitForFinished(5000));
        const qint64 ms = stopping.elapsed();
        qInfo("SIGTERM to exit: %lld ms", ms);
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
        QCOMPARE(r.exitStatus(), QProcess::NormalExit);
        QCOMPARE(r.exitCode(), 0);
        QVERIFY(portFree(second));
    }

    // A [sync NAME] pair: the agent keeps it in step and exports its runs, bytes, last success and the
    // destination's disk; SIGTERM in the middle of a big copy leaves no file under a real name, nor a temp file.
    void syncPair()
    {
        const QString source = m_dir.filePath(QStringLiteral("sync-src"));
        const QString destination = m_dir.filePath(QStringLiteral("sync-dst"));
        QVERIFY(QDir().mkpath(source + QStringLiteral("/sub")));
        qint64 total = 0;
        for (int i = 0; i < 12; ++i) {
            const QByteArray bytes(1000 * (i + 1), char('a' + i));
            write(QStringLiteral("sync-src/%1/f%2.txt").arg(i % 2 ? QStringLiteral("sub") : QString()).arg(i), bytes);
            total += bytes.size();
        }
        QTcpServer reserve;
        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        const quint16 port = reserve.serverPort();
        reserve.close();
        const QString conf = write(
            QStringLiteral("sync.conf"),
            QStringLiteral("[agent]\nlisten = 127.0.0.1:%1\ndatabase = sync.sqlite\n[sync docs]\nsource = sync-src\n"
                           "destination = sync-dst\ndelay = 0\n")
                .arg(port)
                .toUtf8());
        QProcess p;
        p.start(agent(), {QStringLiteral("--config"), conf});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(get(port, QStringLiteral("/metrics"))
                                     .body.contains("lanwatch_sync_runs_total{pair=\"docs\",result=\"ok\"} 1\n"),
                                 10000);
        const QByteArray page = get(port, QStringLiteral("/metrics")).body;
        QVERIFY2(page.contains(QByteArray(QByteArray("lanwatch_sync_bytes_copied_total{pair=\"docs\"} ") +
                                          QByteArray::number(total) + '\n')),
                 page.constData());
        QVERIFY(page.contains("lanwatch_sync_runs_total{pair=\"docs\",result=\"failed\"} 0\n"));
        QVERIFY(page.contains("lanwatch_sync_last_success_timestamp_seconds{pair=\"docs\"} "));
        static const QRegularExpression disk(
            QStringLiteral("lanwatch_sync_destination_(free|size)_bytes\\{pair=\"docs\"\\} ([0-9.e+]+)\n"));
        QList<double> sizes;
        for (auto it = disk.globalMatch(QString::fromUtf8(page)); it.hasNext();)
            sizes << it.next().captured(2).toDouble();
        QCOMPARE(sizes.size(), 2);
        QVERIFY(sizes[0] > 0 && sizes[0] <= sizes[1]);
        for (int i = 0; i < 12; ++i) {
            QFile f(destination + QStringLiteral("/%1/f%2.txt").arg(i % 2 ? QStringLiteral("sub") : QString()).arg(i));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray(1000 * (i + 1), char('a' + i)));
        }

        // A file big enough that its copy is seen under its temp name; SIGTERM then. Written beside the source and
        // renamed into it, so the source never holds a half-written big.bin that a run could rightly copy.
        {
            QFile big(m_dir.filePath(QStringLiteral("big.bin")));
            QVERIFY(big.open(QIODevice::WriteOnly));
            const QByteArray block(1 << 20, 'x');
            for (int i = 0; i < 768; ++i)
                QCOMPARE(big.write(block), qint64(block.size()));
            big.close();
            QVERIFY(QFile::rename(big.fileName(), source + QStringLiteral("/big.bin")));
        }
        auto temps = [&] {
            return QDir(destination).entryList({QStringLiteral(".lanwatch-tmp-*")}, QDir::Files | QDir::Hidden);
        };
        QElapsedTimer wait;
        wait.start();
        // The poll notices the file within its 10 s; a loaded machine (the whole suite at -j2) may take longer.
        bool seen = false; // a temp file seen once is the copy in progress: SIGTERM at once
        while (!(seen = !temps().isEmpty()) && wait.elapsed() < 60000 &&
               !QFile::exists(destination + QStringLiteral("/big.bin")))
            QTest::qWait(2);
        QVERIFY2(seen, qPrintable(QStringLiteral("the big copy was never seen in progress (%1 ms; big.bin in the "
                                                 "destination: %2); the agent said:\n%3")
                                      .arg(wait.elapsed())
                                      .arg(QFile::exists(destination + QStringLiteral("/big.bin")))
                                      .arg(QString::fromUtf8(p.readAllStandardError()))));
        QElapsedTimer stopping;
        stopping.start();
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(5000));
        qInfo("SIGTERM during a copy to exit: %lld ms", stopping.elapsed());
        QVERIFY(stopping.elapsed() < 2000);
        QCOMPARE(p.exitCode(), 0);
        // Either the copy was cancelled (nothing under the real name) or it had finished (the whole file).
        const QFileInfo copied(destination + QStringLiteral("/big.bin"));
        qInfo("big.bin after SIGTERM: %s", copied.exists() ? qPrintable(QString::number(copied.size())) : "absent");
        QVERIFY(!copied.exists() || copied.size() == 768LL << 20);
        QCOMPARE(temps(), QStringList());
        QFile::remove(source + QStringLiteral("/big.bin"));
    }

    // lanwatch-cli devices --agent URL prints what --db prints on the agent's own inventory: same table, same JSON.
    void cliReadsAnAgent()
    {
        const QString db = m_dir.filePath(QStringLiteral("remote.sqlite"));
        const QString token = write(QStringLiteral("remote.token"), "r3mote\n");
        QProcess p;
        p.start(agent(), {QStringLiteral("--config"), write(QStringLiteral("remote.conf"), "# flags only\n"),
                          QStringLiteral("--watch"), QStringLiteral("127.0.0.1"), QStringLiteral("--db"), db,
                          QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-passive"),
                          QStringLiteral("--token-file"), token});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError(), listeningPort(err) != 0), 10000);
        const quint16 port = listeningPort(err);
        QTRY_VERIFY_WITH_TIMEOUT(get(port, QStringLiteral("/metrics"), "r3mote").body.contains("lanwatch_device_up{"),
                                 10000);
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const QString cli = lanwatch::test::binaryPath("app/lanwatch-cli");
        auto runCli = [&](const QStringList &args) {
            QProcess c;
            c.start(cli, args);
            c.waitForFinished(20000);
            return std::make_tuple(c.exitCode(), c.readAllStandardOutput(), c.readAllStandardError());
        };
        for (const QStringList &format :
             {QStringList{}, QStringList{QStringLiteral("--json")}, QStringList{QStringLiteral("--csv")}}) {
            const auto [rcRemote, remote, remoteErr] =
                runCli(QStringList{QStringLiteral("devices"), QStringLiteral("--agent"), url,
                                   QStringLiteral("--token-file"), token} +
                       format);
            QVERIFY2(rcRemote == 0, remoteErr.constData());
            const auto [rcLocal, local, localErr] =
                runCli(QStringList{QStringLiteral("devices"), QStringLiteral("--db"), db} + format);
            QVERIFY2(rcLocal == 0, localErr.constData());
            QVERIFY(local.contains("127.0.0.1"));
            QCOMPARE(remote, local);
        }
        const auto [rcNoToken, out, noToken] =
            runCli({QStringLiteral("devices"), QStringLiteral("--agent"), url + QStringLiteral("/")});
        QCOMPARE(rcNoToken, 1);
        QVERIFY2(noToken.contains("refused the request (401)"), noToken.constData());
        QVERIFY(out.isEmpty());
        const auto [rcBad, out2, bad] =
            runCli({QStringLiteral("devices"), QStringLiteral("--agent"), QStringLiteral("nas:9617")});
        QCOMPARE(rcBad, 2);
        QVERIFY2(bad.contains("bad --agent 'nas:9617'"), bad.constData());
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(5000));
        const auto [rcGone, out3, gone] =
            runCli({QStringLiteral("devices"), QStringLiteral("--agent"), url, QStringLiteral("--token-file"), token});
        QCOMPARE(rcGone, 1);
        QVERIFY2(gone.contains("cannot read http://127.0.0.1:"), gone.constData());
    }

    void daemonAndPidFile()
    {
        const QString db = m_dir.filePath(QStringLiteral("daemon.sqlite"));
        const QString pidPath = m_dir.filePath(QStringLiteral("agent.pid"));
        const QString log = m_dir.filePath(QStringLiteral("agent.log"));
        QTcpServer reserve;
        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        const quint16 port = reserve.serverPort();
        reserve.close();
        const QString conf =
            write(QStringLiteral("daemon.conf"), config(db, port, QStringLiteral("log_file = ") + log));
        // A relative --pidfile is the caller's, though the daemon runs in /.
        const QStringList args{QStringLiteral("--config"), conf, QStringLiteral("--daemon"),
                               QStringLiteral("--pidfile"), QStringLiteral("agent.pid")};
        QProcess first;
        first.setWorkingDirectory(m_dir.path());
        first.start(agent(), args);
        QVERIFY(first.waitForFinished(10000));
        QCOMPARE(first.exitCode(), 0);
        // The parent exits only once the daemon listens: no waiting needed before the first request.
        QCOMPARE(get(port, QStringLiteral("/healthz")).status, 200);
        QFile pidFile(pidPath);
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong());
        pidFile.close();
        QVERIFY(pid > 1 && pid != pid_t(first.processId()));
        QCOMPARE(::kill(pid, 0), 0);
        QCOMPARE(QFile::symLinkTarget(QStringLiteral("/proc/%1/cwd").arg(pid)), QStringLiteral("/"));
        QVERIFY(::getsid(pid) != ::getsid(0)); // a session of its own
        QVERIFY(::getsid(pid) != pid);         // but not its leader: it can never get a terminal back
        QFile stat(QStringLiteral("/proc/%1/fd/0").arg(pid));
        QCOMPARE(QFile::symLinkTarget(stat.fileName()), QStringLiteral("/dev/null"));
        QCOMPARE(QFile::symLinkTarget(QStringLiteral("/proc/%1/fd/2").arg(pid)), log);

        // A second agent with the same pid file refuses, naming the first; the first runs on.
        QProcess second;
        second.setWorkingDirectory(m_dir.path());
        second.start(agent(), args);
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 1);
        const QByteArray err = second.readAllStandardError();
        QVERIFY2(err.contains(QStringLiteral("another lanwatch-agent (pid %1) is running").arg(pid).toUtf8()),
                 err.constData());
        QCOMPARE(::kill(pid, 0), 0);

        ::kill(pid, SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid, 0) != 0, 3000);
        QVERIFY(!QFile::exists(pidPath));
        QFile logFile(log);
        QVERIFY(logFile.open(QIODevice::ReadOnly));
        const QByteArray logged = logFile.readAll();
        QVERIFY2(logged.contains("stopping (SIGTERM)"), logged.constData());

        // A daemon that cannot start (its port taken) makes the waiting parent exit 1 with the reason.
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, port));
        QProcess blocked;
        blocked.setWorkingDirectory(m_dir.path());
        blocked.start(agent(), args);
        QVERIFY(blocked.waitForFinished(10000));
        QCOMPARE(blocked.exitCode(), 1);
        const QByteArray why = blocked.readAllStandardError();
        QVERIFY2(why.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port).toUtf8()), why.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(pidPath), 3000);
    }
};

QTEST_GUILESS_MAIN(TstAgentCli)
#include "tst_agentcli.moc"
