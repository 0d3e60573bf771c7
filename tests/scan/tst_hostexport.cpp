// The CSV/JSON export shared by the CLI and the dashboard: exact bytes, sorted numerically.
#include "core/scan/HostExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace lanwatch::scan;

namespace {
QList<HostRecord> sample()
{
    HostRecord a;
    a.ip = 0x0a00010au; // 10.0.1.10 (sorts after .9 numerically, before as text)
    a.mac = macFromString(QStringLiteral("B8:27:EB:01:02:03"));
    a.vendor = QStringLiteral("Raspberry Pi Foundation");
    a.hostname = QStringLiteral("pi.lab");
    a.rttMs = 0.4236;
    a.foundBy = FoundBy::Arp;
    a.otherMacs = {*macFromString(QStringLiteral("02:00:00:00:00:0a")), *macFromString(QStringLiteral("02:00:00:00:00:0b"))};
    a.macMismatch = true;
    a.names = {{QStringLiteral("dns"), QStringLiteral("pi.lab")},
               {QStringLiteral("netbios"), QStringLiteral("PI")},
               {QStringLiteral("mdns"), QStringLiteral("pi.local")}};
    a.services = {QStringLiteral("_ipp._tcp"), QStringLiteral("_ssh._tcp")};
    a.model = QStringLiteral("HP LaserJet");
    HostRecord b;
    b.ip = 0x0a000109u; // 10.0.1.9
    b.vendor = QStringLiteral("Acme, \"Widgets\" Inc");
    b.foundBy = FoundBy::Tcp;
    return {a, b};
}
} // namespace

class TstHostExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvExactBytes()
    {
        QCOMPARE(hostsToCsv(sample()),
                 QByteArray("ip,mac,vendor,hostname,rtt_ms,found_by,duplicate,other_macs,mac_mismatch,names,services,model\r\n"
                            "10.0.1.9,,\"Acme, \"\"Widgets\"\" Inc\",,,tcp,no,,no,,,\r\n"
                            "10.0.1.10,b8:27:eb:01:02:03,Raspberry Pi Foundation,pi.lab,0.424,arp,yes,"
                            "02:00:00:00:00:0a 02:00:00:00:00:0b,yes,"
                            "dns=pi.lab;mdns=pi.local;netbios=PI,_ipp._tcp _ssh._tcp,HP LaserJet\r\n"));
    }

    void jsonFields()
    {
        const QJsonArray array = QJsonDocument::fromJson(hostsToJson(sample())).array();
        QCOMPARE(array.size(), 2);
        const QJsonObject first = array.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("ip")).toString(), QStringLiteral("10.0.1.9"));
        QVERIFY(first.value(QStringLiteral("mac")).isNull());
        QVERIFY(first.value(QStringLiteral("hostname")).isNull());
        QVERIFY(first.value(QStringLiteral("rtt_ms")).isNull());
        QCOMPARE(first.value(QStringLiteral("found_by")).toString(), QStringLiteral("tcp"));
        const QJsonObject second = array.at(1).toObject();
        QCOMPARE(second.keys(), (QStringList{"duplicate", "found_by", "hostname", "ip", "mac", "mac_mismatch", "model",
                                             "names", "other_macs", "rtt_ms", "services", "vendor"}));
        QVERIFY(second.value(QStringLiteral("duplicate")).toBool());
        QVERIFY(second.value(QStringLiteral("mac_mismatch")).toBool());
        QCOMPARE(second.value(QStringLiteral("other_macs")).toArray(),
                 (QJsonArray{QStringLiteral("02:00:00:00:00:0a"), QStringLiteral("02:00:00:00:00:0b")}));
        QVERIFY(!first.value(QStringLiteral("duplicate")).toBool());
        QCOMPARE(first.value(QStringLiteral("other_macs")).toArray(), QJsonArray());
        const QJsonObject names = second.value(QStringLiteral("names")).toObject();
        QCOMPARE(names.toVariantMap(), (QVariantMap{{"dns", "pi.lab"}, {"mdns", "pi.local"}, {"netbios", "PI"}}));
        QCOMPARE(second.value(QStringLiteral("services")).toArray().toVariantList(),
                 (QVariantList{"_ipp._tcp", "_ssh._tcp"}));
        QCOMPARE(second.value(QStringLiteral("model")).toString(), QStringLiteral("HP LaserJet"));
        QVERIFY(first.value(QStringLiteral("names")).toObject().isEmpty());
        QCOMPARE(second.value(QStringLiteral("mac")).toString(), QStringLiteral("b8:27:eb:01:02:03"));
        QCOMPARE(second.value(QStringLiteral("rtt_ms")).toDouble(), 0.424);
        QCOMPARE(second.value(QStringLiteral("hostname")).toString(), QStringLiteral("pi.lab"));
    }

    void macForms()
    {
        QCOMPARE(macFromString(QStringLiteral("00-1A-2b-3C-4d-5E")).value(),
                 (MacAddress{0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e}));
        QVERIFY(!macFromString(QStringLiteral("00:1a:2b:3c:4d")));
        QVERIFY(!macFromString(QStringLiteral("00:1a:2b:3c:4d:zz")));
        QCOMPARE(foundByName(FoundBy::Neighbour), QStringLiteral("neigh"));
        QCOMPARE(foundByName(FoundBy::Local), QStringLiteral("local"));
    }

    void bestNameOrder()
    {
        HostRecord h;
        QCOMPARE(h.bestName(), QString());
        h.names.insert(QStringLiteral("dhcp"), QStringLiteral("android-1"));
        QCOMPARE(h.bestName(), QStringLiteral("android-1"));
        h.names.insert(QStringLiteral("ssdp"), QStringLiteral("Living-room TV"));
        QCOMPARE(h.bestName(), QStringLiteral("Living-room TV"));
        h.names.insert(QStringLiteral("netbios"), QStringLiteral("TV"));
        QCOMPARE(h.bestName(), QStringLiteral("TV"));
        h.names.insert(QStringLiteral("mdns"), QStringLiteral("tv.local"));
        QCOMPARE(h.bestName(), QStringLiteral("tv.local"));
        h.names.insert(QStringLiteral("dns"), QStringLiteral("tv.lab"));
        QCOMPARE(h.bestName(), QStringLiteral("tv.lab"));
    }

    void emptyList()
    {
        QCOMPARE(hostsToCsv({}), QByteArray("ip,mac,vendor,hostname,rtt_ms,found_by,duplicate,other_macs,mac_mismatch,"
                                            "names,services,model\r\n"));
        QCOMPARE(QJsonDocument::fromJson(hostsToJson({})).array().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TstHostExport)
#include "tst_hostexport.moc"
