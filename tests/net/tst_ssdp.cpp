// SSDP: the M-SEARCH bytes, which answers give a LOCATION, and what a UPnP description yields.
#include "core/net/Ssdp.h"

#include <QTest>

using namespace lanwatch::net;

namespace {

const QByteArray Tv = R"(<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <device>
    <friendlyName>Living-room TV</friendlyName>
    <manufacturer>Samsung Electronics</manufacturer>
    <modelName>UE55RU7400</modelName>
    <deviceList><device><friendlyName>Embedded</friendlyName><modelName>Tuner</modelName></device></deviceList>
  </device>
</root>)";

} // namespace

class TstSsdp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void searchRequest()
    {
        QCOMPARE(ssdpSearchRequest(1), QByteArray("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
                                                  "MAN: \"ssdp:discover\"\r\nMX: 1\r\nST: upnp:rootdevice\r\n"
                                                  "USER-AGENT: Linux UPnP/1.1 lanwatch/1\r\n\r\n"));
        QVERIFY(ssdpSearchRequest(99).contains("MX: 5\r\n"));
    }

    void location_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("url");
        QTest::newRow("typical") << QByteArray("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\n"
                                               "Location: http://10.0.0.5:49152/desc.xml\r\n\r\n")
                                 << QStringLiteral("http://10.0.0.5:49152/desc.xml");
        QTest::newRow("no port") << QByteArray("HTTP/1.1 200 OK\r\nLOCATION:http://10.0.0.5/d.xml\r\n\r\n")
                                 << QStringLiteral("http://10.0.0.5/d.xml");
        QTest::newRow("a name, not an address")
            << QByteArray("HTTP/1.1 200 OK\r\nLOCATION: http://tv.lan/d.xml\r\n\r\n") << QString();
        QTest::newRow("not http") << QByteArray("HTTP/1.1 200 OK\r\nLOCATION: file:///etc/passwd\r\n\r\n") << QString();
        QTest::newRow("a NOTIFY") << QByteArray("NOTIFY * HTTP/1.1\r\nLOCATION: http://10.0.0.5/d.xml\r\n\r\n")
                                  << QString();
        QTest::newRow("no location") << QByteArray("HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n\r\n") << QString();
        QTest::newRow("oversized") << QByteArray("HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.5/d.xml\r\n") +
                                          QByteArray(5000, 'x')
                                   << QString();
    }

    void location()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, url);
        QCOMPARE(ssdpLocation(answer).toString(), url);
    }

    void description()
    {
        const DeviceDescription d = parseDeviceDescription(Tv);
        QVERIFY(d.ok);
        QCOMPARE(d.friendlyName, QStringLiteral("Living-room TV")); // the root device's, not the embedded one's
        QCOMPARE(d.manufacturer, QStringLiteral("Samsung Electronics"));
        QCOMPARE(d.modelName, QStringLiteral("UE55RU7400"));
    }

    void brokenDescriptions_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::newRow("cut") << Tv.left(Tv.size() / 2);
        QTest::newRow("not xml") << QByteArray("<html><body>hello</body>");
        QTest::newRow("no device") << QByteArray("<root><friendlyName>x</friendlyName></root>");
        QTest::newRow("over 64 KB") << QByteArray(Tv).insert(Tv.indexOf("<device>"),
                                                             "<!--" + QByteArray(70000, 'x') + "-->");
        QTest::newRow("entity expansion") << QByteArray(
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
            "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
            "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
            "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]><root><device><friendlyName>&e;&e;&e;&e;&e;&e;"
            "</friendlyName></device></root>");
    }

    void brokenDescriptions()
    {
        QFETCH(QByteArray, xml);
        const DeviceDescription d = parseDeviceDescription(xml);
        QVERIFY(!d.ok);
        QVERIFY(d.friendlyName.isEmpty());
    }

    void namesAreCleaned()
    {
        const DeviceDescription d =
            parseDeviceDescription("<root><device><friendlyName>  TV\t&#x200B;\n red </friendlyName><modelName>" +
                                   QByteArray(300, 'm') + "</modelName></device></root>");
        QVERIFY(d.ok);
        QCOMPARE(d.friendlyName, QStringLiteral("TV red")); // control and format characters gone
        // XML forbids control characters even as references: such a document is rejected whole.
        QVERIFY(!parseDeviceDescription("<root><device><friendlyName>&#x1b;[31m</friendlyName></device></root>").ok);
        QCOMPARE(d.modelName.size(), 100);
    }
};

QTEST_GUILESS_MAIN(TstSsdp)
#include "tst_ssdp.moc"
