// The scan's name stage against real responders in the namespace LAN (tests/lab/lab.sh up + names):
// avahi-daemon (mDNS, one host answering only queries from port 5353), Samba's nmbd (NetBIOS), SSDP
// responders (a TV, a 10 MB description, a LOCATION on another host) and a host that answers mDNS and
// NetBIOS with malformed and oversized replies. Exact names, sources, services and models.
#include "LabSupport.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <unistd.h>

using namespace lanwatch::test;

namespace {

const QString LabName = QStringLiteral("nmlab");

struct Announced
{
    QString mdns, netbios, ssdp, model;
    QStringList services;
};

QString dashless(const QString &value)
{
    return value == QLatin1String("-") ? QString() : value;
}

} // namespace

class TstNamesLab : public QObject
{
    Q_OBJECT

private:
    QString m_ns, m_target, m_prefix, m_labDir;
    QMap<QString, QString> m_dns;         // ip -> reverse DNS name (lab expected.tsv)
    QMap<QString, Announced> m_announced; // ip -> what its responders announce (names/expected.tsv)
    bool m_labUp = false;

    Run scan(const QStringList &args)
    {
        return run(QStringLiteral("ip"),
                   QStringList{QStringLiteral("netns"), QStringLiteral("exec"), m_ns, binaryPath("app/lanwatch-cli"),
                               QStringLiteral("scan")} +
                       args,
                   120000);
    }

    static QMap<QString, QJsonObject> byIp(const QByteArray &json)
    {
        QMap<QString, QJsonObject> hosts;
        for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
            hosts.insert(v.toObject().value(QStringLiteral("ip")).toString(), v.toObject());
        return hosts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "building network namespaces needs root (run the suite as root)");
        LANWATCH_LAB_UP(values, m_labUp, LabName);
        m_ns = values.value(QStringLiteral("LAB_NS"));
        m_target = values.value(QStringLiteral("LAB_TARGET"));
        m_prefix = m_target.section(QLatin1Char('.'), 0, 2) + QLatin1Char('.');
        m_labDir = values.value(QStringLiteral("LAB_DIR"));
        QFile expected(values.value(QStringLiteral("LAB_DIR")) + QStringLiteral("/expected.tsv"));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        expected.readLine();
        while (!expected.atEnd()) {
            const QStringList c = QString::fromUtf8(expected.readLine()).trimmed().split(QLatin1Char('\t'));
            if (c.size() >= 4)
                m_dns.insert(c[0], dashless(c[3]));
        }
        QVERIFY(m_dns.size() >= 20);

        const Run names = lab(QStringLiteral("names"), LabName);
        QVERIFY2(names.exitCode == 0, names.err.constData());
        QFile announced(keyValues(names.out).value(QStringLiteral("LAB_NAMES")));
        QVERIFY(announced.open(QIODevice::ReadOnly));
        announced.readLine();
        while (!announced.atEnd()) {
            const QStringList c = QString::fromUtf8(announced.readLine()).trimmed().split(QLatin1Char('\t'));
            QCOMPARE(c.size(), 6);
            Announced a{dashless(c[1]), dashless(c[2]), dashless(c[3]), dashless(c[5]),
                        dashless(c[4]).split(QLatin1Char(' '), Qt::SkipEmptyParts)};
            m_announced.insert(m_prefix + c[0], a);
        }
        QCOMPARE(m_announced.size(), 5);
    }

    void cleanupTestCase()
    {
        if (m_labUp)
            QCOMPARE(lab(QStringLiteral("down"), LabName).exitCode, 0);
    }

    // Every host carries exactly the names its responders announce, each with its source, and the
    // reverse DNS name as "dns"; the host with broken responders (.13) has no name, and the scan lives.
    void everyNameWithItsSource()
    {
        const Run run = scan({m_target, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto hosts = byIp(run.out);
        QCOMPARE(hosts.keys(), m_dns.keys());
        for (auto it = hosts.begin(); it != hosts.end(); ++it) {
            const QString ip = it.key();
            const Announced a = m_announced.value(ip);
            QVariantMap want;
            if (!m_dns.value(ip).isEmpty() && !ip.endsWith(QLatin1String(".1")))
                want.insert(QStringLiteral("dns"), m_dns.value(ip));
            if (!a.mdns.isEmpty())
                want.insert(QStringLiteral("mdns"), a.mdns);
            if (!a.netbios.isEmpty())
                want.insert(QStringLiteral("netbios"), a.netbios);
            if (!a.ssdp.isEmpty())
                want.insert(QStringLiteral("ssdp"), a.ssdp);
            const QJsonObject h = it.value();
            QVariantMap names = h.value(QStringLiteral("names")).toObject().toVariantMap();
            if (ip.endsWith(QLatin1String(".1"))) // the scanner itself: reverse DNS only, not asked for more
                names.remove(QStringLiteral("dns"));
            QCOMPARE(names, want);
            QCOMPARE(h.value(QStringLiteral("hostname")).toString(), m_dns.value(ip)); // unchanged: reverse DNS
            QStringList services;
            for (const QJsonValue &s : h.value(QStringLiteral("services")).toArray())
                services << s.toString();
            QCOMPARE(services, a.services);
            QCOMPARE(h.value(QStringLiteral("model")).toString(), a.model);
        }
        // The printer is the proof for the browse: its service type and its TXT model.
        QCOMPARE(hosts.value(m_prefix + QStringLiteral("19")).value(QStringLiteral("model")).toString(),
                 QStringLiteral("HP LaserJet Pro M404"));
        // .17's 10 MB description was asked for and is not in the output (the comparison above): it was cut
        // short, not read to its friendlyName at the end. .18's LOCATION on .2 was never asked for.
        QFile huge(m_labDir + QStringLiteral("/ssdp-17.log"));
        QVERIFY(huge.open(QIODevice::ReadOnly));
        QVERIFY(huge.readAll().contains(QByteArray("GET /description.xml from " + m_prefix.toLatin1() + '1')));
    }

    // The table (CLI lines) shows the best name by the documented order: DNS before mDNS before NetBIOS.
    void linesShowTheBestName()
    {
        const Run run = scan({m_target});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString out = QString::fromUtf8(run.out);
        // The first line of each host: hosts are held until their names are in (short of nameGraceMs).
        const auto line = [&out](const QString &ip) {
            for (const QString &l : out.split(QLatin1Char('\n')))
                if (l.section(QLatin1Char('|'), 0, 0).trimmed() == ip)
                    return l;
            return QString();
        };
        QVERIFY(line(m_prefix + QStringLiteral("3")).contains(QStringLiteral("| macbook.lab.test |")));
        QVERIFY(line(m_prefix + QStringLiteral("16")).contains(QStringLiteral("| annas-iphone.local |")));
        QVERIFY(line(m_prefix + QStringLiteral("12")).contains(QStringLiteral("| WORKPC |")));
        QVERIFY(line(m_prefix + QStringLiteral("14")).contains(QStringLiteral("| Living-room TV |")));
    }

    // Without the stage nothing but DNS names; with it, the whole stage adds well under two seconds.
    void stageIsBoundedAndCanBeTurnedOff()
    {
        QElapsedTimer t;
        t.start();
        const Run without = scan({m_target, QStringLiteral("--json"), QStringLiteral("--no-local-names")});
        const qint64 withoutMs = t.restart();
        const Run with = scan({m_target, QStringLiteral("--json")});
        const qint64 withMs = t.elapsed();
        QCOMPARE(without.exitCode, 0);
        QCOMPARE(with.exitCode, 0);
        for (const QJsonObject &h : byIp(without.out)) {
            const QVariantMap names = h.value(QStringLiteral("names")).toObject().toVariantMap();
            QVERIFY(!names.contains(QStringLiteral("mdns")) && !names.contains(QStringLiteral("netbios")) &&
                    !names.contains(QStringLiteral("ssdp")));
        }
        qInfo("lab /24: %lld ms without the name stage, %lld ms with it", withoutMs, withMs);
        QVERIFY2(withMs - withoutMs < 2000, qPrintable(QStringLiteral("%1 ms vs %2 ms").arg(withMs).arg(withoutMs)));
    }
};

QTEST_GUILESS_MAIN(TstNamesLab)
#include "tst_names_lab.moc"
