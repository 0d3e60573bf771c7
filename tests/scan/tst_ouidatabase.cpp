// OuiDatabase: longest prefix wins (MA-S > MA-M > MA-L), quoted CSV, locally administered, multicast.
#include "core/scan/OuiDatabase.h"

#include "TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch::scan;

namespace {
MacAddress mac(const char *text)
{
    return macFromString(QString::fromLatin1(text)).value();
}
void write(const QString &path, const QByteArray &content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}
} // namespace

class TstOuiDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray header("Registry,Assignment,Organization Name,Organization Address\n");
        write(dir.filePath(QStringLiteral("oui.csv")), header +
                                                           "MA-L,001122,\"Acme, Inc.\",\"1 Road, Town\"\n"
                                                           "MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane\n"
                                                           "MA-L,0A0B0C,Local But Registered,Somewhere\n");
        write(dir.filePath(QStringLiteral("mam.csv")), header + "MA-M,70B3D5A,Medium Co,Street\n");
        write(dir.filePath(QStringLiteral("oui36.csv")), header + "MA-S,70B3D5A12,\"Small \"\"S\"\" Ltd\",x\r\n");
        write(dir.filePath(QStringLiteral("iab.csv")), header + "IAB,0050C2123,Iab Org,y\n");
        const OuiDatabase db(dir.path());
        QVERIFY(db.isLoaded());
        QCOMPARE(db.entryCount(), 6);
        QCOMPARE(db.vendorFor(mac("00:11:22:33:44:55")), QStringLiteral("Acme, Inc."));
        QCOMPARE(db.vendorFor(mac("70:b3:d5:a1:23:45")), QStringLiteral("Small \"S\" Ltd")); // MA-S
        QCOMPARE(db.vendorFor(mac("70:b3:d5:a9:99:99")), QStringLiteral("Medium Co"));       // MA-M
        QCOMPARE(db.vendorFor(mac("70:b3:d5:11:11:11")), QStringLiteral("IEEE Registration Authority"));
        QCOMPARE(db.vendorFor(mac("00:50:c2:12:3f:ff")), QStringLiteral("Iab Org"));
        QCOMPARE(db.vendorFor(mac("0a:0b:0c:00:00:01")), QStringLiteral("Local But Registered"));
        QCOMPARE(db.vendorFor(mac("02:42:ac:11:00:02")), QStringLiteral("Locally administered"));
        QCOMPARE(db.vendorFor(mac("00:99:99:00:00:01")), QString());
        QCOMPARE(db.vendorFor(mac("01:00:5e:00:00:01")), QString()); // multicast
    }

    void missingDirectory()
    {
        const OuiDatabase db(QStringLiteral("/nonexistent/ieee"));
        QVERIFY(!db.isLoaded());
        QVERIFY(db.loadError().contains(QStringLiteral("/nonexistent/ieee")));
        QCOMPARE(db.vendorFor(mac("02:00:00:00:00:01")), QStringLiteral("Locally administered"));
    }

    void realRegistries()
    {
        LANWATCH_REQUIRE(QFile::exists(QStringLiteral("/usr/share/ieee-data/oui.csv")),
                         "the ieee-data package is not installed (bootstrap installs it)");
        const OuiDatabase &db = OuiDatabase::instance();
        QVERIFY(db.entryCount() > 40000);
        QCOMPARE(db.vendorFor(mac("b8:27:eb:00:00:01")), QStringLiteral("Raspberry Pi Foundation"));
        QCOMPARE(db.vendorFor(mac("70:b3:d5:f2:f0:01")), QStringLiteral("TELEPLATFORMS")); // MA-S
        QCOMPARE(db.vendorFor(mac("74:1a:e0:90:00:01")), QStringLiteral("Private"));       // MA-M
    }
};

QTEST_GUILESS_MAIN(TstOuiDatabase)
#include "tst_ouidatabase.moc"
