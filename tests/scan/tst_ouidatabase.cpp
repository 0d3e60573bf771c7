// OuiDatabase: longest prefix wins (MA-S > MA-M > MA-L), RFC 4180 CSV, locally administered, multicast.
#include "core/scan/OuiDatabase.h"

#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch::scan;

namespace {
MacAddress mac(const char *text)
{
    return macFromString(QString::fromLatin1(text)).value();
}
QString fixtureDir()
{
    return lanwatch::test::sourcePath("tests/scan/data/ieee");
}
} // namespace

class TstOuiDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // tests/scan/data/ieee holds one CSV per registry with the awkward cases the real files have or may get:
    // quoted commas, doubled quotes, a quoted line break, CRLF endings, no final newline, malformed rows.
    void fixtures_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("vendor");
        QTest::newRow("MA-L quoted comma") << "00:11:22:33:44:55"
                                           << "Acme, Inc.";
        QTest::newRow("MA-L unquoted comma ends the name") << "00:11:23:00:00:01"
                                                           << "Acme";
        QTest::newRow("MA-S beats MA-M and MA-L") << "70:b3:d5:a1:23:45"
                                                  << "Small \"S\" Ltd";
        QTest::newRow("MA-S other block") << "70:b3:d5:f2:f0:00"
                                          << "TELEPLATFORMS";
        QTest::newRow("MA-M beats MA-L") << "70:b3:d5:a9:99:99"
                                         << "Medium Co";
        QTest::newRow("MA-L outside the MA-M block") << "70:b3:d5:11:11:11"
                                                     << "IEEE Registration Authority";
        QTest::newRow("MA-M CRLF, empty address") << "74:1a:e0:9f:ff:ff"
                                                  << "Private";
        QTest::newRow("MA-M next to it is unknown") << "74:1a:e0:a0:00:00"
                                                    << "";
        QTest::newRow("IAB 36-bit, no final newline") << "00:50:c2:12:3f:ff"
                                                      << "Iab Org";
        QTest::newRow("IAB neighbour block unknown") << "00:50:c2:12:40:00"
                                                     << "";
        QTest::newRow("quoted line break and quotes") << "aa:bb:cc:00:00:00"
                                                      << "Multi Line \"Quoted\" Org";
        QTest::newRow("registered although local bit") << "0a:0b:0c:00:00:01"
                                                       << "Local But Registered";
        QTest::newRow("locally administered") << "02:42:ac:11:00:02"
                                              << "Locally administered";
        QTest::newRow("unknown") << "00:99:99:00:00:01"
                                 << "";
        QTest::newRow("five hex digits ignored") << "01:23:45:00:00:00"
                                                 << "";
        QTest::newRow("multicast even if registered") << "01:00:5e:00:00:01"
                                                      << "";
        QTest::newRow("broadcast") << "ff:ff:ff:ff:ff:ff"
                                   << "";
        QTest::newRow("MA-L shares its name with MA-M") << "b8:27:eb:00:00:01"
                                                        << "Raspberry Pi Foundation";
        QTest::newRow("MA-M shares its name with MA-L") << "b8:27:eb:1f:00:01"
                                                        << "Raspberry Pi Foundation";
    }

    void fixtures()
    {
        QFETCH(QString, address);
        QFETCH(QString, vendor);
        const OuiDatabase db(fixtureDir());
        QVERIFY2(db.loadError().isEmpty(), qPrintable(db.loadError()));
        QCOMPARE(db.vendorFor(macFromString(address).value()), vendor);
    }

    void fixtureCounts()
    {
        const OuiDatabase db(fixtureDir());
        QVERIFY(db.isLoaded());
        // 7 valid MA-L rows (2 malformed skipped) + 3 MA-M + 2 MA-S + 1 IAB; "Raspberry Pi Foundation" once.
        QCOMPARE(db.entryCount(), 13);
        QCOMPARE(db.nameCount(), 12);
    }

    void missingDirectory()
    {
        const OuiDatabase db(QStringLiteral("/nonexistent/ieee"));
        QVERIFY(!db.isLoaded());
        QVERIFY(db.loadError().contains(QStringLiteral("/nonexistent/ieee")));
        QCOMPARE(db.vendorFor(mac("02:00:00:00:00:01")), QStringLiteral("Locally administered"));
        QCOMPARE(db.vendorFor(mac("b8:27:eb:00:00:01")), QString());
    }

    // One registry missing (older ieee-data has no mam.csv): the rest still loads and the error names it.
    void partialDirectory()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(fixtureDir() + QStringLiteral("/oui.csv"), dir.filePath(QStringLiteral("oui.csv"))));
        const OuiDatabase db(dir.path());
        QVERIFY(db.isLoaded());
        QCOMPARE(db.entryCount(), 7);
        QVERIFY(db.loadError().contains(QStringLiteral("mam.csv")) ||
                db.loadError().contains(QStringLiteral("iab.csv")));
        QCOMPARE(db.vendorFor(mac("70:b3:d5:a1:23:45")), QStringLiteral("IEEE Registration Authority"));
    }

    void realRegistries_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("vendor");
        QTest::newRow("MA-L Raspberry Pi") << "b8:27:eb:12:34:56"
                                           << "Raspberry Pi Foundation";
        QTest::newRow("MA-L Apple") << "00:03:93:00:00:01"
                                    << "Apple, Inc.";
        QTest::newRow("MA-L Intel") << "00:1b:21:00:00:01"
                                    << "Intel Corporate";
        QTest::newRow("MA-M") << "74:1a:e0:90:00:01"
                              << "Private";
        QTest::newRow("MA-M IOG") << "20:85:93:b0:00:01"
                                  << "IOG Products LLC";
        QTest::newRow("MA-S in quoted-address row") << "70:b3:d5:f2:f0:01"
                                                    << "TELEPLATFORMS";
        QTest::newRow("MA-S 2M") << "70:b3:d5:71:90:01"
                                 << "2M Technology";
        QTest::newRow("IAB") << "00:50:c2:7d:50:01"
                             << "DEUTA-WERKE GmbH";
        QTest::newRow("locally administered") << "02:00:00:00:00:01"
                                              << "Locally administered";
    }

    void realRegistries()
    {
        QFETCH(QString, address);
        QFETCH(QString, vendor);
        LANWATCH_REQUIRE(QFile::exists(QStringLiteral("/usr/share/ieee-data/oui.csv")),
                         "the ieee-data package is not installed (scripts/bootstrap.sh installs it)");
        const OuiDatabase &db = OuiDatabase::instance();
        QVERIFY(db.entryCount() > 40000);
        QVERIFY(db.nameCount() < db.entryCount()); // names are shared, not stored per prefix
        QCOMPARE(db.vendorFor(macFromString(address).value()), vendor);
    }

    // Not pass/fail (timings never decide a unit test): prints what one full load costs.
    void loadTime()
    {
        LANWATCH_REQUIRE(QFile::exists(QStringLiteral("/usr/share/ieee-data/oui.csv")),
                         "the ieee-data package is not installed (scripts/bootstrap.sh installs it)");
        QElapsedTimer timer;
        timer.start();
        const OuiDatabase db(QStringLiteral("/usr/share/ieee-data"));
        qInfo("loaded %d prefixes, %d names in %.1f ms", db.entryCount(), db.nameCount(), timer.nsecsElapsed() / 1e6);
        QVERIFY(db.isLoaded());
    }
};

QTEST_GUILESS_MAIN(TstOuiDatabase)
#include "tst_ouidatabase.moc"
