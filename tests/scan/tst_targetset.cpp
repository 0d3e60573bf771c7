// TargetSet: every accepted form, the exact addresses it yields, and every bad input with its reason.
#include "core/scan/TargetSet.h"

#include <QTest>

using lanwatch::scan::ipv4FromString;
using lanwatch::scan::ipv4ToString;
using lanwatch::scan::TargetSet;

class TstTargetSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint64>("size");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("last");
        QTest::newRow("cidr /24 skips network and broadcast") << "10.0.1.0/24" << quint64(254) << "10.0.1.1"
                                                              << "10.0.1.254";
        QTest::newRow("cidr base not aligned") << "10.0.1.77/24" << quint64(254) << "10.0.1.1"
                                               << "10.0.1.254";
        QTest::newRow("cidr /30") << "192.168.5.4/30" << quint64(2) << "192.168.5.5"
                                  << "192.168.5.6";
        QTest::newRow("cidr /31 keeps both") << "192.168.5.4/31" << quint64(2) << "192.168.5.4"
                                             << "192.168.5.5";
        QTest::newRow("cidr /32") << "192.168.5.4/32" << quint64(1) << "192.168.5.4"
                                  << "192.168.5.4";
        QTest::newRow("cidr /16") << "10.251.0.0/16" << quint64(65534) << "10.251.0.1"
                                  << "10.251.255.254";
        QTest::newRow("full range") << "10.0.1.10-10.0.1.50" << quint64(41) << "10.0.1.10"
                                    << "10.0.1.50";
        QTest::newRow("short range") << "10.0.1.10-50" << quint64(41) << "10.0.1.10"
                                     << "10.0.1.50";
        QTest::newRow("range across octets") << "10.0.1.250-10.0.2.5" << quint64(12) << "10.0.1.250"
                                             << "10.0.2.5";
        QTest::newRow("single") << " 10.0.1.7 " << quint64(1) << "10.0.1.7"
                                << "10.0.1.7";
        QTest::newRow("list merges overlap") << "10.0.1.1-10, 10.0.1.5-20,10.0.1.30" << quint64(21) << "10.0.1.1"
                                             << "10.0.1.30";
        QTest::newRow("list adjacent") << "10.0.1.1-10,10.0.1.11-20" << quint64(20) << "10.0.1.1"
                                       << "10.0.1.20";
        QTest::newRow("exactly the limit") << "10.0.0.0-10.0.255.255" << quint64(65536) << "10.0.0.0"
                                           << "10.0.255.255";
    }
    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(quint64, size);
        QFETCH(QString, first);
        QFETCH(QString, last);
        const auto set = TargetSet::parse(text);
        QVERIFY2(set.ok(), qPrintable(set.error()));
        QCOMPARE(set->size(), size);
        QCOMPARE(ipv4ToString(set->at(0)), first);
        QCOMPARE(ipv4ToString(set->at(size - 1)), last);
    }

    void listAddressesInOrder()
    {
        const auto set = TargetSet::parse(QStringLiteral("10.0.0.9, 10.0.0.2-3, 10.0.0.5"));
        QVERIFY(set.ok());
        QStringList all;
        for (quint64 i = 0; i < set->size(); ++i)
            all << ipv4ToString(set->at(i));
        QCOMPARE(all, (QStringList{"10.0.0.2", "10.0.0.3", "10.0.0.5", "10.0.0.9"}));
        QVERIFY(set->contains(*ipv4FromString(QStringLiteral("10.0.0.5"))));
        QVERIFY(!set->contains(*ipv4FromString(QStringLiteral("10.0.0.4"))));
        QVERIFY(!set->contains(*ipv4FromString(QStringLiteral("10.0.0.10"))));
        QVERIFY(!set->contains(*ipv4FromString(QStringLiteral("10.0.0.1"))));
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("prefix 33") << "10.0.0.0/33"
                                   << "prefix length must be a number from 0 to 32";
        QTest::newRow("prefix text") << "10.0.0.0/abc"
                                     << "prefix length";
        QTest::newRow("octet 300") << "300.1.1.1"
                                   << "300 is larger than 255";
        QTest::newRow("three octets") << "10.0.1"
                                      << "four numbers";
        QTest::newRow("letters") << "10.0.x.1"
                                 << "'x' is not a number";
        QTest::newRow("reversed") << "10.0.1.50-10.0.1.10"
                                  << "reversed range";
        QTest::newRow("reversed short") << "10.0.1.50-10"
                                        << "reversed range";
        QTest::newRow("short end too big") << "10.0.1.1-256"
                                           << "last octet from 0 to 255";
        QTest::newRow("empty") << ""
                               << "No target given";
        QTest::newRow("blank") << "   "
                               << "No target given";
        QTest::newRow("empty list entry") << "10.0.0.1,,10.0.0.2"
                                          << "empty entry";
        QTest::newRow("hostname") << "router.lan"
                                  << "not an IPv4 address";
        QTest::newRow("too large") << "10.0.0.0/15"
                                   << "more than the limit of 65536";
        QTest::newRow("too large list") << "10.0.0.0/16, 10.1.0.0/16"
                                        << "--allow-large";
    }
    void refused()
    {
        QFETCH(QString, text);
        QFETCH(QString, reasonContains);
        const auto set = TargetSet::parse(text);
        QVERIFY(!set.ok());
        QVERIFY2(set.error().contains(reasonContains), qPrintable(set.error()));
    }

    // Every message quotes the user's text cut short: a pasted 100 KB target is not echoed whole.
    void longTextIsNotEchoedWhole_data()
    {
        QTest::addColumn<QString>("text");
        const QString junk = QString(QStringLiteral("10.0.0.")).repeated(20000);
        QTest::newRow("not an address") << junk;
        QTest::newRow("bad item in a list") << QStringLiteral("10.0.0.1,") + junk;
        QTest::newRow("bad octet") << QStringLiteral("10.0.0.") + QString(QStringLiteral("9")).repeated(100000);
        QTest::newRow("bad prefix") << QStringLiteral("10.0.0.0/") + QString(QStringLiteral("9")).repeated(100000);
        QTest::newRow("bad range end") << QStringLiteral("10.0.0.1-") + QString(QStringLiteral("x")).repeated(100000);
        QTest::newRow("too large") << QStringLiteral("10.0.0.0/8") + QString(QStringLiteral(", 10.0.0.1")).repeated(10000);
    }
    void longTextIsNotEchoedWhole()
    {
        QFETCH(QString, text);
        const auto set = TargetSet::parse(text);
        QVERIFY(!set.ok());
        QVERIFY2(set.error().size() < 400, qPrintable(set.error().left(400)));
    }

    void largeAllowedWhenAsked()
    {
        const auto set = TargetSet::parse(QStringLiteral("10.0.0.0/15"), true);
        QVERIFY2(set.ok(), qPrintable(set.error()));
        QCOMPARE(set->size(), quint64(131070));
    }

    void addressRoundTrip()
    {
        QCOMPARE(ipv4FromString(QStringLiteral("1.2.3.4")), std::optional<quint32>(0x01020304u));
        QCOMPARE(ipv4ToString(0xc0a80001u), QStringLiteral("192.168.0.1"));
        QVERIFY(!ipv4FromString(QStringLiteral("1.2.3.4.5")));
        QVERIFY(!ipv4FromString(QStringLiteral("1.2.3.-4")));
    }

    void fromRangesMergesAndSlices()
    {
        using R = TargetSet::Range;
        const TargetSet set = TargetSet::fromRanges({R{20, 29}, R{5, 9}, R{10, 12}, R{50, 40}, R{28, 31}});
        QCOMPARE(set.ranges(), (QList<R>{R{5, 12}, R{20, 31}})); // adjacent joined, reversed dropped
        QCOMPARE(set.size(), quint64(20));
        QCOMPARE(set.slice(0, 3), (QList<R>{R{5, 7}}));
        QCOMPARE(set.slice(6, 4), (QList<R>{R{11, 12}, R{20, 21}})); // across a gap
        QCOMPARE(set.slice(18, 10), (QList<R>{R{30, 31}}));          // clipped at the end
        QCOMPARE(set.slice(20, 1), QList<R>());
        QVERIFY(TargetSet::fromRanges({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstTargetSet)
#include "tst_targetset.moc"
