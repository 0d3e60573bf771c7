// lanwatch-cli monitor on the namespace LAN (tests/lab/lab.sh) with a real inventory file: the first sweep
// finds exactly the lab, a DHCP client is a named new device before the next sweep, a host whose link goes
// down is offline once and back online once, an IP change, a duplicate IP and an ARP spoof are reported.
#include "LabSupport.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using lanwatch::test::keyValues;
using lanwatch::test::run;
using lanwatch::test::Run;

class TstMonitorLab : public QObject
{
    Q_OBJECT

private:
    const QString m_lab = QStringLiteral("tmon");
    const QString m_prefix = QStringLiteral("lwtmon-");
    QString m_ns, m_target, m_labDir;
    bool m_labUp = false;
    QTemporaryDir m_dir;
    QProcess m_monitor;
    QByteArray m_pending;
    QList<QJsonObject> m_events;
    QList<qint64> m_eventAt; // ms on m_clock when each event was read
    QElapsedTimer m_clock;
    static constexpr int IntervalS = 20; // long enough to tell a passive discovery from the next sweep
    static constexpr int GraceS = 4;

    void readEvents()
    {
        m_pending += m_monitor.readAllStandardOutput();
        qsizetype nl;
        while ((nl = m_pending.indexOf('\n')) >= 0) {
            const QByteArray line = m_pending.left(nl);
            m_pending.remove(0, nl + 1);
            QJsonParseError error{};
            const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
            if (error.error != QJsonParseError::NoError) {
                qWarning("not JSON: %s", line.constData());
                continue;
            }
            m_events.append(o);
            m_eventAt.append(m_clock.elapsed());
        }
    }

    QList<QJsonObject> eventsOf(const QString &kind, const QString &mac = {}) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject &e : m_events)
            if (e[QStringLiteral("kind")].toString() == kind &&
                (mac.isEmpty() || e[QStringLiteral("mac")].toString() == mac))
                list.append(e);
        return list;
    }

    qint64 eventTime(const QString &kind, const QString &mac) const
    {
        for (qsizetype i = 0; i < m_events.size(); ++i)
            if (m_events[i][QStringLiteral("kind")].toString() == kind &&
                m_events[i][QStringLiteral("mac")].toString() == mac)
                return m_eventAt[i];
        return -1;
    }

    bool inNs(const QString &ns, const QStringList &command)
    {
        const Run r =
            run(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + command);
        if (r.exitCode != 0)
            qWarning("%s: %s", qPrintable(command.join(QLatin1Char(' '))), r.err.constData());
        return r.exitCode == 0;
    }

    QString join(const QString &client, const QString &mac, QString *script = nullptr)
    {
        const Run r = lanwatch::test::lab(QStringLiteral("join"), m_lab, {client, mac}, 60000);
        if (r.exitCode != 0)
            return {};
        const auto values = keyValues(r.out);
        if (script)
            *script = values.value(QStringLiteral("LAB_UDHCPC_SCRIPT"));
        return values.value(QStringLiteral("LAB_CLIENT_NS"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "building network namespaces needs root (run the suite as root)");
        LANWATCH_REQUIRE(QFile::exists(QStringLiteral("/bin/busybox")),
                         "busybox is missing (its udhcpc is the DHCP client): scripts/bootstrap.sh deps");
        QVERIFY(m_dir.isValid());
        LANWATCH_LAB_UP(values, m_labUp, m_lab);
        m_ns = values.value(QStringLiteral("LAB_NS"));
        m_target = values.value(QStringLiteral("LAB_TARGET"));
        m_labDir = values.value(QStringLiteral("LAB_DIR"));
        QVERIFY(!m_ns.isEmpty() && !m_target.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_monitor.state() != QProcess::NotRunning) {
            m_monitor.kill();
            m_monitor.waitForFinished();
        }
        if (m_labUp)
            lanwatch::test::lab(QStringLiteral("down"), m_lab, {}, 60000);
    }

    // One run of 'lanwatch-cli monitor --json' in the scanner's namespace, checked step by step. The hidden
    // LANWATCH_TEST_MIN_INTERVAL lets the grace period be 4 s instead of at least 30.
    void watchTheLab()
    {
        const QString db = m_dir.filePath(QStringLiteral("devices.sqlite"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANWATCH_TEST_MIN_INTERVAL"), QStringLiteral("1"));
        m_monitor.setProcessEnvironment(env);
        connect(&m_monitor, &QProcess::readyReadStandardOutput, this, &TstMonitorLab::readEvents);
        m_clock.start();
        m_monitor.start(QStringLiteral("ip"),
                        {QStringLiteral("netns"), QStringLiteral("exec"), m_ns,
                         lanwatch::test::binaryPath("app/lanwatch-cli"), QStringLiteral("monitor"), m_target,
                         QStringLiteral("--json"), QStringLiteral("--interval"), QString::number(IntervalS),
                         QStringLiteral("--grace"), QString::number(GraceS), QStringLiteral("--db"), db});
        QVERIFY(m_monitor.waitForStarted());

        // 1. The first sweep: exactly the lab's devices (expected.tsv), each with its MAC and address.
        QMap<QString, QString> expected; // mac -> ip
        QFile tsv(m_labDir + QStringLiteral("/expected.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        tsv.readLine();
        while (!tsv.atEnd()) {
            const QList<QByteArray> f = tsv.readLine().trimmed().split('\t');
            if (f.size() >= 2)
                expected.insert(QString::fromLatin1(f[1]), QString::fromLatin1(f[0]));
        }
        QCOMPARE(expected.size(), 23);
        QTRY_VERIFY2_WITH_TIMEOUT(eventsOf(QStringLiteral("new-device")).size() >= expected.size(),
                                  qPrintable(QString::fromUtf8(m_monitor.readAllStandardError())), 20000);
        const qint64 firstSweepDoneMs = m_clock.elapsed();
        QMap<QString, QString> found;
        for (const QJsonObject &e : eventsOf(QStringLiteral("new-device")))
            found.insert(e[QStringLiteral("mac")].toString(), e[QStringLiteral("ip")].toString());
        QCOMPARE(found, expected);
        QVERIFY(eventsOf(QStringLiteral("new-device")).first()[QStringLiteral("firstSweep")].toBool());
        const auto nas = eventsOf(QStringLiteral("new-device"), QStringLiteral("00:11:32:00:00:04"));
        QCOMPARE(nas.first()[QStringLiteral("name")].toString(), QStringLiteral("nas.lab.test"));
        QCOMPARE(nas.first()[QStringLiteral("vendor")].toString(), QStringLiteral("Synology Incorporated"));

        // 2. A phone joins by DHCP: a named new device within 2 s, long before the next sweep (at 20 s).
        const QString phoneMac = QStringLiteral("f4:f5:d8:00:0c:01");
        QString script;
        const QString phone = join(QStringLiteral("c1"), phoneMac, &script);
        QVERIFY(!phone.isEmpty());
        QElapsedTimer sinceDhcp;
        sinceDhcp.start();
        const qint64 dhcpStartMs = m_clock.elapsed();
        QProcess dhcp;
        dhcp.start(QStringLiteral("ip"),
                   {QStringLiteral("netns"), QStringLiteral("exec"), phone, QStringLiteral("busybox"),
                    QStringLiteral("udhcpc"), QStringLiteral("-f"), QStringLiteral("-q"), QStringLiteral("-n"),
                    QStringLiteral("-t"), QStringLiteral("5"), QStringLiteral("-T"), QStringLiteral("1"),
                    QStringLiteral("-i"), QStringLiteral("eth0"), QStringLiteral("-s"), script, QStringLiteral("-x"),
                    QStringLiteral("hostname:Pixel-7")});
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(QStringLiteral("new-device"), phoneMac).isEmpty(), 5000);
        const qint64 latency = eventTime(QStringLiteral("new-device"), phoneMac) - dhcpStartMs;
        qInfo("detection latency: new-device event read %lld ms after udhcpc was started", latency);
        const QJsonObject joined = eventsOf(QStringLiteral("new-device"), phoneMac).first();
        QCOMPARE(joined[QStringLiteral("name")].toString(), QStringLiteral("Pixel-7"));
        QCOMPARE(joined[QStringLiteral("vendor")].toString(), QStringLiteral("Google, Inc."));
        QVERIFY2(joined[QStringLiteral("ip")].toString().startsWith(QLatin1String("10.251.7.1")),
                 qPrintable(joined[QStringLiteral("ip")].toString()));
        QVERIFY2(latency < 2000, qPrintable(QString::number(latency)));
        QVERIFY(eventTime(QStringLiteral("new-device"), phoneMac) < firstSweepDoneMs + IntervalS * 1000 - 5000);
        QTRY_COMPARE_WITH_TIMEOUT(dhcp.state(), QProcess::NotRunning, 10000);

        // 3. Changes that the next sweep must see: a link goes down, an address moves, two hosts share one.
        const QString downMac = QStringLiteral("3c:22:fb:00:00:10"); // .16
        QVERIFY(
            inNs(m_prefix + QStringLiteral("h16"), {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                                                    QStringLiteral("eth0"), QStringLiteral("down")}));
        const qint64 downAtMs = m_clock.elapsed();
        const QString movedMac = QStringLiteral("d8:bb:2c:00:00:12"); // .18 -> .48
        QVERIFY(inNs(m_prefix + QStringLiteral("h18"),
                     {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("del"),
                      QStringLiteral("10.251.7.18/24"), QStringLiteral("dev"), QStringLiteral("eth0")}));
        QVERIFY(inNs(m_prefix + QStringLiteral("h18"),
                     {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"),
                      QStringLiteral("10.251.7.48/24"), QStringLiteral("dev"), QStringLiteral("eth0")}));
        const QString twinMac = QStringLiteral("00:1b:21:00:0c:02"); // claims .5 as well
        const QString twin = join(QStringLiteral("c2"), twinMac);
        QVERIFY(!twin.isEmpty());
        QVERIFY(inNs(twin, {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"),
                            QStringLiteral("10.251.7.5/24"), QStringLiteral("dev"), QStringLiteral("eth0")}));

        // 4. Spoofing: .20 announces the gateway's address with its own MAC (gratuitous ARP), heard at once.
        QVERIFY(inNs(m_prefix + QStringLiteral("h20"),
                     {lanwatch::test::binaryPath("tests/monitor/lanwatch-arpflood"), QStringLiteral("eth0"),
                      QStringLiteral("1"), QStringLiteral("--ip"), QStringLiteral("10.251.7.254")}));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(QStringLiteral("ip-claimed"), QStringLiteral("00:00:0c:00:00:14")).isEmpty(),
                                 3000);
        const QJsonObject claimed = eventsOf(QStringLiteral("ip-claimed"), QStringLiteral("00:00:0c:00:00:14")).first();
        QCOMPARE(claimed[QStringLiteral("ip")].toString(), QStringLiteral("10.251.7.254"));
        QCOMPARE(claimed[QStringLiteral("otherMac")].toString(), QStringLiteral("00:00:0c:00:00:fe"));

        // The second sweep (20 s after the first began): offline, IP changed, duplicate IP.
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(QStringLiteral("offline"), downMac).isEmpty(), 40000);
        const qint64 offlineAfter = eventTime(QStringLiteral("offline"), downMac) - downAtMs;
        qInfo("offline event %lld ms after the link went down (grace %d s, interval %d s)", offlineAfter, GraceS,
              IntervalS);
        QVERIFY(offlineAfter >= GraceS * 1000 - 1000);
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(QStringLiteral("ip-changed"), movedMac).isEmpty(), 5000);
        const QJsonObject moved = eventsOf(QStringLiteral("ip-changed"), movedMac).first();
        QCOMPARE(moved[QStringLiteral("ip")].toString(), QStringLiteral("10.251.7.48"));
        QCOMPARE(moved[QStringLiteral("otherIp")].toString(), QStringLiteral("10.251.7.18"));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(QStringLiteral("duplicate-ip")).isEmpty(), 5000);
        const QJsonObject duplicate = eventsOf(QStringLiteral("duplicate-ip")).first();
        QCOMPARE(duplicate[QStringLiteral("ip")].toString(), QStringLiteral("10.251.7.5"));
        QCOMPARE(QSet<QString>(
                     {duplicate[QStringLiteral("mac")].toString(), duplicate[QStringLiteral("otherMac")].toString()}),
                 QSet<QString>({twinMac, QStringLiteral("20:85:93:b0:00:05")}));

        // 5. The link comes back: one online event at the third sweep, and still one offline event.
        QVERIFY(
            inNs(m_prefix + QStringLiteral("h16"), {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                                                    QStringLiteral("eth0"), QStringLiteral("up")}));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(QStringLiteral("online"), downMac).isEmpty(), 40000);
        QCOMPARE(eventsOf(QStringLiteral("offline"), downMac).size(), 1);
        QCOMPARE(eventsOf(QStringLiteral("online"), downMac).size(), 1);
        QCOMPARE(eventsOf(QStringLiteral("online"), downMac).first()[QStringLiteral("ip")].toString(),
                 QStringLiteral("10.251.7.16"));

        // 6. SIGTERM ends it cleanly (exit 0) and the inventory reads back: the lab, the phone and the twin.
        ::kill(pid_t(m_monitor.processId()), SIGTERM);
        QVERIFY(m_monitor.waitForFinished(15000));
        QCOMPARE(m_monitor.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_monitor.exitCode(), 0);
        const Run devices = run(lanwatch::test::binaryPath("app/lanwatch-cli"),
                                {QStringLiteral("devices"), QStringLiteral("--json"), QStringLiteral("--db"), db});
        QCOMPARE(devices.exitCode, 0);
        QVERIFY2(devices.err.isEmpty(), devices.err.constData());
        QCOMPARE(QJsonDocument::fromJson(devices.out).array().size(), expected.size() + 2);
    }
};

QTEST_GUILESS_MAIN(TstMonitorLab)
#include "tst_monitor_lab.moc"
