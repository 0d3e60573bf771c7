// lanwatch-netcap and least privilege: the helper refuses every malformed request and hands out nothing
// then; what it hands out is the socket asked for with its filter locked; lanwatch-cli run as root holds no
// effective capability once started, nor does the agent; the GUI binary carries no file capability.
#include "TestSupport.h"

#include "core/net/NetcapProtocol.h"
#include "core/net/RawSockets.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

#include <csignal>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/filter.h>

using namespace lanwatch;

namespace {

QString helper()
{
    return test::binaryPath("app/lanwatch-netcap");
}

int intOption(int fd, int level, int name)
{
    int value = -1;
    socklen_t size = sizeof(value);
    return ::getsockopt(fd, level, name, &value, &size) == 0 ? value : -1;
}

// "CapEff:\t0000000000000000" and friends from /proc/PID/status.
QMap<QString, QString> capabilityLines(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    QMap<QString, QString> caps;
    if (!status.open(QIODevice::ReadOnly))
        return caps;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("Cap"))
            caps.insert(QString::fromLatin1(line.left(line.indexOf(':'))),
                        QString::fromLatin1(line.mid(line.indexOf(':') + 1)).trimmed());
    return caps;
}

} // namespace

class TstNetcap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesMalformedRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("reason");
        const QByteArray hello = QByteArray(net::netcap::Greeting) + '\n';
        QTest::newRow("empty") << QByteArray("\n") << QStringLiteral("does not start with");
        QTest::newRow("other version") << QByteArray("lanwatch-netcap 2\nicmp\n")
                                       << QStringLiteral("does not start with");
        QTest::newRow("no newline at the end") << QByteArray(hello + "icmp") << QStringLiteral("newline");
        QTest::newRow("no socket") << hello << QStringLiteral("no socket");
        QTest::newRow("unknown kind") << QByteArray(hello + "raw eth0\n") << QStringLiteral("is not");
        QTest::newRow("arbitrary bpf") << QByteArray(hello + "bpf 6 0 0 65535\n") << QStringLiteral("is not");
        QTest::newRow("udp socket") << QByteArray(hello + "udp\n") << QStringLiteral("is not");
        QTest::newRow("icmp with an argument") << QByteArray(hello + "icmp lo\n") << QStringLiteral("is not");
        QTest::newRow("icmp twice") << QByteArray(hello + "icmp\nicmp\n") << QStringLiteral("repeats");
        QTest::newRow("no interface") << QByteArray(hello + "arp-reply\n") << QStringLiteral("is not");
        QTest::newRow("two spaces") << QByteArray(hello + "arp-reply  lo\n") << QStringLiteral("not an interface name");
        QTest::newRow("path") << QByteArray(hello + "arp-dhcp ../../x\n") << QStringLiteral("not an interface name");
        QTest::newRow("too long a name") << QByteArray(hello + "arp-dhcp abcdefghijklmnop\n")
                                         << QStringLiteral("not an interface name");
        QTest::newRow("no such interface")
            << QByteArray(hello + "arp-reply nc-absent0\n") << QStringLiteral("no such interface");
        QTest::newRow("loopback is not Ethernet")
            << QByteArray(hello + "arp-dhcp lo\n") << QStringLiteral("not an Ethernet interface");
        QTest::newRow("control byte") << QByteArray(hello + "icmp\r\n") << QStringLiteral("printable");
        QTest::newRow("nul byte") << QByteArray(hello + QByteArray("icmp\0\n", 6)) << QStringLiteral("printable");
        QTest::newRow("good line after a bad one")
            << QByteArray(hello + "arp-dhcp lo\nicmp\n") << QStringLiteral("not an Ethernet interface");
        QByteArray many = hello;
        for (int i = 0; i < 33; ++i)
            many += "icmp\n";
        QTest::newRow("too many sockets") << many << QStringLiteral("more than 32");
        QTest::newRow("too long") << QByteArray(hello + QByteArray(2000, 'x') + '\n')
                                  << QStringLiteral("longer than 1024");
    }

    // Refused whole, before anything is opened: exit 2, the reason, and no descriptor, also for root.
    void refusesMalformedRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, reason);
        const net::HelperExchange e = net::exchangeWithHelper(helper(), request);
        for (int fd : e.fds)
            ::close(fd);
        QVERIFY2(e.answer.startsWith(QLatin1String("error: request refused")), qPrintable(e.answer));
        QVERIFY2(e.answer.contains(reason), qPrintable(e.answer));
        QCOMPARE(e.exitCode, net::netcap::ExitRefused);
        QCOMPARE(e.fds.size(), std::size_t(0));
    }

    void refusesToRunByHand()
    {
        QProcess p;
        p.start(helper(), {});
        p.closeWriteChannel(); // standard input is a pipe, not the socket lanwatch gives it
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), net::netcap::ExitRefused);
        QVERIFY(p.readAllStandardError().contains("not a SOCK_SEQPACKET socket"));
        QProcess args;
        args.start(helper(), {QStringLiteral("--help")});
        QVERIFY(args.waitForFinished(10000));
        QCOMPARE(args.exitCode(), net::netcap::ExitRefused);
    }

    // What the helper hands out is exactly the socket asked for, with a filter the holder cannot change.
    void handsOutALockedIcmpSocket()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "the helper needs CAP_NET_RAW here, which root has");
        const net::HelperExchange e = net::exchangeWithHelper(helper(), QByteArray(net::netcap::Greeting) + "\nicmp\n");
        QCOMPARE(e.answer, QStringLiteral("ok 1"));
        QCOMPARE(e.exitCode, net::netcap::ExitOk);
        QCOMPARE(e.fds.size(), std::size_t(1));
        const int fd = e.fds.front();
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_DOMAIN), AF_INET);
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_TYPE), SOCK_RAW);
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_PROTOCOL), IPPROTO_ICMP);
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_LOCK_FILTER), 1);
        sock_filter acceptAll{BPF_RET | BPF_K, 0, 0, 0xffff};
        const sock_fprog program{1, &acceptAll};
        QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof(program)), -1);
        QCOMPARE(errno, EPERM);
        QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, nullptr, 0), -1);
        ::close(fd);
    }

    // Run as root, lanwatch-cli monitor keeps no effective capability and at most CAP_NET_RAW permitted
    // (bit 13), which it raises only in the thread opening a raw socket; the bounding set is cut to match.
    void cliAsRootDropsCapabilities()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "the drop is only seen when the CLI starts with capabilities (root)");
        QVERIFY2(capabilityLines(::getpid()).value(QStringLiteral("CapEff")) != QLatin1String("0000000000000000"),
                 "this test must start the CLI with capabilities to prove anything");
        QTemporaryDir dir;
        QProcess p;
        p.start(test::binaryPath("app/lanwatch-cli"),
                {QStringLiteral("monitor"), QStringLiteral("127.0.0.1"), QStringLiteral("--json"),
                 QStringLiteral("--db"), dir.filePath(QStringLiteral("d.sqlite"))});
        QVERIFY(p.waitForStarted());
        // After start-up: the first sweep is done (its event printed), the passive listener is running.
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains('\n'), 20000);
        const auto caps = capabilityLines(p.processId());
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(caps.value(QStringLiteral("CapEff")), QStringLiteral("0000000000000000"));
        QCOMPARE(caps.value(QStringLiteral("CapPrm")), QStringLiteral("0000000000002000"));
        QCOMPARE(caps.value(QStringLiteral("CapInh")), QStringLiteral("0000000000000000"));
        QCOMPARE(caps.value(QStringLiteral("CapAmb")), QStringLiteral("0000000000000000"));
        QCOMPARE(caps.value(QStringLiteral("CapBnd")), QStringLiteral("0000000000002000"));
        QCOMPARE(p.exitCode(), 0);
    }

    // The agent as root (its systemd unit gives it CAP_NET_RAW as an ambient capability instead): the same.
    void agentAsRootDropsCapabilities()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "the drop is only seen when the agent starts with capabilities (root)");
        QTemporaryDir dir;
        QFile empty(dir.filePath(QStringLiteral("empty.conf")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QProcess p;
        p.start(test::binaryPath("app/lanwatch-agent"),
                {QStringLiteral("--config"), empty.fileName(), QStringLiteral("--watch"), QStringLiteral("127.0.0.1"),
                 QStringLiteral("--db"), dir.filePath(QStringLiteral("d.sqlite")), QStringLiteral("--listen"),
                 QStringLiteral("127.0.0.1:0")});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("listening on http://"), 20000);
        const auto caps = capabilityLines(p.processId());
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(caps.value(QStringLiteral("CapEff")), QStringLiteral("0000000000000000"));
        QCOMPARE(caps.value(QStringLiteral("CapPrm")), QStringLiteral("0000000000002000"));
        QCOMPARE(caps.value(QStringLiteral("CapAmb")), QStringLiteral("0000000000000000"));
        QCOMPARE(p.exitCode(), 0);
    }

    // The GUI never holds the capability: the build does not grant it, and the helper is what gets it.
    void guiHasNoFileCapabilities()
    {
        const QString gui = test::binaryPath("app/lanwatch");
        LANWATCH_REQUIRE(QFile::exists(gui), "the GUI is not built");
        QProcess getcap;
        getcap.start(QStringLiteral("getcap"), {gui, test::binaryPath("app/lanwatch-cli")});
        LANWATCH_REQUIRE(getcap.waitForFinished(10000) && getcap.exitStatus() == QProcess::NormalExit,
                         "getcap (libcap2-bin) is not installed");
        QCOMPARE(getcap.exitCode(), 0);
        QCOMPARE(getcap.readAllStandardOutput(), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TstNetcap)
#include "tst_netcap.moc"
