// lanwatch-cli wake in the namespace LAN: the magic packet arrives at a host listening on UDP 9 with the
// exact 6 x ff + 16 x MAC payload, by the interface's subnet broadcast and by an explicit --ip.
#include "LabSupport.h"
#include "TestSupport.h"

#include "core/scan/ScanTypes.h"
#include "core/scan/WakeOnLan.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace lanwatch::test;

namespace {
const QString LabName = QStringLiteral("nmwake");
const QString Mac = QStringLiteral("b8:27:eb:00:00:1e"); // the lab's .30
} // namespace

class TstWakeLab : public QObject
{
    Q_OBJECT

private:
    QString m_ns, m_target, m_prefix;
    QTemporaryDir m_tmp;
    QString m_capture;
    QProcess m_listener;
    bool m_labUp = false;

    Run wake(const QStringList &args)
    {
        return run(QStringLiteral("ip"),
                   QStringList{QStringLiteral("netns"), QStringLiteral("exec"), m_ns, binaryPath("app/lanwatch-cli"),
                               QStringLiteral("wake")} +
                       args,
                   30000);
    }

    QByteArray captured() const
    {
        QFile f(m_capture);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "building network namespaces needs root (run the suite as root)");
        LANWATCH_LAB_UP(values, m_labUp, LabName);
        m_ns = values.value(QStringLiteral("LAB_NS"));
        m_target = values.value(QStringLiteral("LAB_TARGET"));
        m_prefix = m_target.section(QLatin1Char('.'), 0, 2) + QLatin1Char('.');
        QVERIFY(m_tmp.isValid());
        m_capture = m_tmp.filePath(QStringLiteral("udp9"));
        // The sleeping device: everything that arrives on its UDP port 9, appended to a file.
        m_listener.start(QStringLiteral("ip"),
                         {QStringLiteral("netns"), QStringLiteral("exec"), QStringLiteral("lw") + LabName + "-h30",
                          QStringLiteral("socat"), QStringLiteral("-u"), QStringLiteral("UDP4-RECV:9"),
                          QStringLiteral("OPEN:%1,creat,append").arg(m_capture)});
        QVERIFY(m_listener.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            !run(QStringLiteral("ip"),
                 {QStringLiteral("netns"), QStringLiteral("exec"), QStringLiteral("lw") + LabName + "-h30",
                  QStringLiteral("ss"), QStringLiteral("-Hlun"), QStringLiteral("sport = :9")})
                 .out.isEmpty(),
            10000);
    }

    void cleanupTestCase()
    {
        if (m_listener.state() != QProcess::NotRunning) {
            m_listener.kill();
            m_listener.waitForFinished();
        }
        if (m_labUp)
            QCOMPARE(lab(QStringLiteral("down"), LabName).exitCode, 0);
    }

    void magicPacketBytes()
    {
        const auto mac = lanwatch::scan::macFromString(Mac);
        QVERIFY(mac);
        const QByteArray packet = lanwatch::scan::magicPacket(*mac);
        QCOMPARE(packet.size(), 102);
        QCOMPARE(packet, QByteArray(6, char(0xff)) + QByteArray::fromHex("b827eb00001e").repeated(16));
    }

    // To the interface's subnet broadcast (the default), then to an explicit --ip: two exact packets.
    void arrivesAtTheSleepingHost()
    {
        const QByteArray packet = QByteArray(6, char(0xff)) + QByteArray::fromHex("b827eb00001e").repeated(16);
        Run sent = wake({Mac, QStringLiteral("--interface"), QStringLiteral("eth0")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        QCOMPARE(sent.out, QByteArray("magic packet for " + Mac.toLatin1() + " sent to " + m_prefix.toLatin1() +
                                      "255:9 on eth0\n"));
        QTRY_COMPARE(captured(), packet);
        sent = wake({Mac, QStringLiteral("--ip"), m_prefix + QStringLiteral("255")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        QTRY_COMPARE(captured(), packet + packet);
    }

    void mistakesAreSaid()
    {
        Run r = wake({QStringLiteral("b8:27:eb:00:00")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("is not a MAC address"));
        r = wake({Mac, QStringLiteral("--interface"), QStringLiteral("nosuch0")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("There is no interface nosuch0"), r.err.constData());
        r = wake({Mac, QStringLiteral("--ip"), QStringLiteral("10.251.300.1")});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TstWakeLab)
#include "tst_wake_lab.moc"
