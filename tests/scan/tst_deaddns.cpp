// lanwatch-cli scan with a DNS server that never answers (and one that does), in a private mount namespace
// whose /etc/resolv.conf points at a UDP socket this test owns: the scan must not wait for the dead server.
#include "../net/FakeDnsServer.h"
#include "TestSupport.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

#include <unistd.h>

using lanwatch::test::dnsName;
using lanwatch::test::dnsRecord;
using lanwatch::test::dnsReply;
using lanwatch::test::FakeDnsServer;

class TstDeadDns : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeDnsServer> m_server;
    QString m_resolvConf, m_hosts;

    // The CLI in its own mount namespace, with our resolv.conf and an empty hosts file (so 127.0.0.2 is
    // asked of DNS whatever this machine's /etc/hosts says).
    void startScan(QProcess &p)
    {
        p.setProgram(QStringLiteral("unshare"));
        p.setArguments({QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("mount --bind \"$1\" /etc/resolv.conf && mount --bind \"$2\" /etc/hosts && "
                                       "exec \"$3\" scan 127.0.0.2"),
                        QStringLiteral("sh"), m_resolvConf, m_hosts, lanwatch::test::binaryPath("app/lanwatch-cli")});
        p.start();
        QVERIFY2(p.waitForStarted(), qPrintable(p.errorString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "a private mount namespace needs root (run the suite as root)");
        QProcess probe;
        probe.start(QStringLiteral("unshare"), {QStringLiteral("-m"), QStringLiteral("true")});
        LANWATCH_REQUIRE(
            probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0,
            QStringLiteral("unshare -m does not work here: ") + QString::fromLocal8Bit(probe.readAllStandardError()));
        QVERIFY(m_dir.isValid());
        // resolv.conf has no port: the fake server needs port 53 on some free loopback address.
        m_server = std::make_unique<FakeDnsServer>();
        QString address;
        for (int i = 0; i < 20 && address.isEmpty(); ++i) {
            const QString candidate = QStringLiteral("127.53.%1.%2")
                                          .arg(QRandomGenerator::global()->bounded(1, 255))
                                          .arg(QRandomGenerator::global()->bounded(1, 255));
            if (m_server->listen(QHostAddress(candidate), 53))
                address = candidate;
        }
        QVERIFY2(!address.isEmpty(), "no free 127.53.x.y:53 for the fake DNS server");
        m_resolvConf = m_dir.filePath(QStringLiteral("resolv.conf"));
        m_hosts = m_dir.filePath(QStringLiteral("hosts"));
        QFile conf(m_resolvConf), hosts(m_hosts);
        QVERIFY(conf.open(QIODevice::WriteOnly) && hosts.open(QIODevice::WriteOnly));
        // The 30 s of the defect's reproduction: glibc (and QHostInfo) would wait for all of it.
        conf.write("nameserver " + address.toLatin1() + "\noptions timeout:30 attempts:1\n");
    }

    void deadServerDoesNotHoldTheScan()
    {
        m_server->answer = nullptr; // receives, never answers
        QProcess p;
        startScan(p);
        // Far below the 30 s the resolver would wait: finishing inside it means nobody waited for it.
        QVERIFY2(p.waitForFinished(10000), "the scan waited for the dead DNS server");
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(out.startsWith(QStringLiteral("127.0.0.2 ")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("1 host up")), qPrintable(out));
        QVERIFY2(err.contains(QStringLiteral("reverse DNS: no answer from %1 within 1.5 s; names are missing")
                                  .arg(m_server->address().toString())),
                 qPrintable(err));
        QCOMPARE(err.count(QStringLiteral("reverse DNS")), 1); // said once
        QTRY_VERIFY(!m_server->queries.isEmpty());             // the query waited in our socket while we blocked
    }

    void interruptEndsTheScanPromptly()
    {
        m_server->answer = nullptr;
        QProcess p;
        startScan(p);
        // Wait for the host line: the sweep is over, only the name is outstanding.
        QByteArray out;
        while (!out.contains("127.0.0.2 ") && p.state() == QProcess::Running) {
            p.waitForReadyRead(10000);
            out += p.readAllStandardOutput();
        }
        QVERIFY2(out.contains("127.0.0.2 "), out.constData());
        QVERIFY2(p.state() == QProcess::Running, "the scan ended before it could be interrupted");
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY2(p.waitForFinished(5000), "SIGINT did not end the scan while a name was outstanding");
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        // The sweep was over (only a name was outstanding): every address was scanned, and it says so.
        QVERIFY2(out.contains("1 host up; interrupted after") && out.contains("with 1 of 1 addresses scanned"),
                 out.constData());
    }

    void answeringServerNamesTheHost()
    {
        m_server->answer = [](const QByteArray &q) {
            return QList<QByteArray>{
                dnsReply(q, 0, {dnsRecord(QByteArray("\xc0\x0c", 2), 12, dnsName("deaddns-test.lan"))})};
        };
        QProcess p;
        startScan(p);
        // Our server must run its event loop to answer, so wait with QTRY rather than waitForFinished.
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 10000);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains(QStringLiteral("| deaddns-test.lan |")), qPrintable(out));
        QVERIFY2(!err.contains(QStringLiteral("reverse DNS")), qPrintable(err));
        QVERIFY(m_server->queries.last().contains(dnsName("2.0.0.127.in-addr.arpa")));
    }
};

QTEST_GUILESS_MAIN(TstDeadDns)
#include "tst_deaddns.moc"
