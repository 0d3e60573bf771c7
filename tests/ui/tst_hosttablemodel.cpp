// HostTableModel + HostFilterProxy: model contract (QAbstractItemModelTester), batching, updates,
// numeric IP sorting, the filter, hosts of the previous scan shown as down (state in its own column, no
// stale round trip), a partial scan that leaves the others alone, the exports of what the table shows, and
// the last session's table brought back.
#include "core/scan/TargetSet.h"
#include "ui/HostFilterProxy.h"
#include "ui/HostTableModel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace lanwatch::scan;
using lanwatch::ui::HostFilterProxy;
using lanwatch::ui::HostTableModel;

namespace {
HostRecord host(const char *ip, const char *mac = nullptr, const char *vendor = "")
{
    HostRecord h;
    h.ip = *ipv4FromString(QString::fromLatin1(ip));
    if (mac)
        h.mac = macFromString(QString::fromLatin1(mac));
    h.vendor = QString::fromLatin1(vendor);
    h.foundBy = FoundBy::Arp;
    h.rttMs = 0.5;
    return h;
}
QStringList column(const QAbstractItemModel &m, int c)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, c).data().toString();
    return out;
}
} // namespace

class TstHostTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsArriveInOneBatch()
    {
        HostTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 1; i <= 500; ++i)
            model.addOrUpdate(host(qPrintable(QStringLiteral("10.0.%1.%2").arg(i / 250).arg(i % 250 + 1))));
        QCOMPARE(model.rowCount(), 0); // nothing until the flush: no repaint per packet
        QTRY_COMPARE(model.rowCount(), 500);
        QCOMPARE(inserted.size(), 1);
    }

    void updatesFillInRows()
    {
        HostTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addOrUpdate(host("10.0.0.5"));
        model.flush();
        QCOMPARE(model.index(0, HostTableModel::Mac).data().toString(), QString());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        HostRecord enriched = host("10.0.0.5", "b8:27:eb:00:00:05", "Raspberry Pi Foundation");
        enriched.hostname = QStringLiteral("pi.lan");
        enriched.enriched = true;
        model.addOrUpdate(enriched);
        model.flush();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, HostTableModel::Mac).data().toString(), QStringLiteral("b8:27:eb:00:00:05"));
        QCOMPARE(model.index(0, HostTableModel::Vendor).data().toString(), QStringLiteral("Raspberry Pi Foundation"));
        QCOMPARE(model.index(0, HostTableModel::HostName).data().toString(), QStringLiteral("pi.lan"));
        QCOMPARE(model.index(0, HostTableModel::Rtt).data().toString(), QStringLiteral("0.50 ms"));
        QCOMPARE(model.index(0, HostTableModel::FoundBy).data().toString(), QStringLiteral("ARP reply"));
        QCOMPARE(model.index(0, HostTableModel::State).data().toString(), QStringLiteral("up"));
    }

    void ipsSortNumerically()
    {
        HostTableModel model;
        HostFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const char *ip : {"10.0.0.100", "10.0.0.9", "10.0.0.10", "9.255.255.255", "10.0.1.1"})
            model.addOrUpdate(host(ip));
        model.flush();
        proxy.sort(HostTableModel::Ip, Qt::AscendingOrder);
        QCOMPARE(column(proxy, HostTableModel::Ip),
                 (QStringList{"9.255.255.255", "10.0.0.9", "10.0.0.10", "10.0.0.100", "10.0.1.1"}));
        proxy.sort(HostTableModel::Ip, Qt::DescendingOrder);
        QCOMPARE(column(proxy, HostTableModel::Ip).first(), QStringLiteral("10.0.1.1"));
    }

    void filterMatchesAnyColumn()
    {
        HostTableModel model;
        HostFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addOrUpdate(host("10.0.0.1", "f0:b4:79:00:00:01", "Apple, Inc."));
        model.addOrUpdate(host("10.0.0.2", "00:1b:21:00:00:02", "Intel Corporate"));
        model.addOrUpdate(host("10.0.0.3", "f0:b4:79:00:00:03", "Apple, Inc."));
        model.flush();
        proxy.sort(HostTableModel::Ip);
        proxy.setFilterText(QStringLiteral("apple"));
        QCOMPARE(column(proxy, HostTableModel::Ip), (QStringList{"10.0.0.1", "10.0.0.3"}));
        proxy.setFilterText(QStringLiteral("00:1b:21"));
        QCOMPARE(column(proxy, HostTableModel::Ip), QStringList{"10.0.0.2"});
        proxy.setFilterText(QStringLiteral("10.0.0.3"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), 3);
    }

    void silentHostsStayAsDown()
    {
        HostTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addOrUpdate(host("10.0.0.1"));
        model.addOrUpdate(host("10.0.0.2"));
        model.flush();
        model.beginScan(); // the next scan: only .2 answers
        model.addOrUpdate(host("10.0.0.2"));
        model.endScan();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(HostTableModel::UpRole).toBool(), false);
        // The state has its own column with an icon; "Found by" still says how it was found; the round
        // trip of an earlier scan is not shown as if it were current.
        QCOMPARE(model.index(0, HostTableModel::State).data().toString(), QStringLiteral("down"));
        QVERIFY(model.index(0, HostTableModel::State).data(Qt::DecorationRole).value<QIcon>().isNull() == false);
        QCOMPARE(model.index(0, HostTableModel::FoundBy).data().toString(), QStringLiteral("ARP reply"));
        QCOMPARE(model.index(0, HostTableModel::Rtt).data().toString(), QString());
        QCOMPARE(model.index(1, HostTableModel::Rtt).data().toString(), QStringLiteral("0.50 ms"));
        QVERIFY(model.index(0, 0).data(Qt::ForegroundRole).isValid()); // greyed
        QCOMPARE(model.index(1, 0).data(HostTableModel::UpRole).toBool(), true);
        QCOMPARE(model.upCount(), 1);
        QCOMPARE(model.hosts(true).size(), 1);
        QCOMPARE(model.hosts().size(), 2);
    }

    // A scan of some addresses says nothing about the others: they keep their state.
    void aPartialScanLeavesTheOthers()
    {
        HostTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const char *ip : {"10.0.0.1", "10.0.0.2", "10.0.0.3"})
            model.addOrUpdate(host(ip));
        model.flush();
        const TargetSet only2 = TargetSet::parse(QStringLiteral("10.0.0.2")).value();
        model.beginScan([only2](quint32 ip) { return only2.contains(ip); });
        model.endScan(); // .2 did not answer
        QCOMPARE(column(model, HostTableModel::State), (QStringList{"up", "down", "up"}));
        QCOMPARE(model.upCount(), 2);
    }

    // A duplicate IP shows in the MAC column and its tooltip, and in both exports.
    void duplicateIpIsShown()
    {
        HostTableModel model;
        auto h = host("10.0.0.5");
        h.mac = macFromString(QStringLiteral("20:85:93:b0:00:05"));
        model.addOrUpdate(h);
        h.otherMacs = {*macFromString(QStringLiteral("00:1b:21:00:0d:01"))};
        model.addOrUpdate(h);
        model.flush();
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex mac = model.index(0, HostTableModel::Mac);
        QCOMPARE(mac.data().toString(), QStringLiteral("20:85:93:b0:00:05 (duplicate IP: +1)"));
        QVERIFY2(mac.data(Qt::ToolTipRole).toString().contains(QLatin1String("00:1b:21:00:0d:01")),
                 qPrintable(mac.data(Qt::ToolTipRole).toString()));
        QVERIFY(model.toCsv().contains(",yes,00:1b:21:00:0d:01,"));
        const QJsonObject o = QJsonDocument::fromJson(model.toJson()).array().at(0).toObject();
        QVERIFY(o.value(QStringLiteral("duplicate")).toBool());
        QCOMPARE(o.value(QStringLiteral("other_macs")).toArray(), QJsonArray{QStringLiteral("00:1b:21:00:0d:01")});
    }

    void exportsCarryStateAndIsoTimes()
    {
        HostTableModel model;
        // Rows with known times: the last session's, then a scan of .10 that it did not answer.
        const QByteArray last = R"([
            {"ip": "10.0.0.10", "mac": "00:11:32:00:00:0a", "vendor": "Synology Incorporated", "hostname": "nas.lan",
             "names": {"mdns": "nas.local", "dns": "nas.lan", "bogus": "x"}, "rtt_ms": 1.25, "found_by": "arp", "first_seen": "2026-01-02T03:04:05Z", "last_seen": "2026-01-03T03:04:05Z"},
            {"ip": "10.0.0.9", "mac": null, "vendor": null, "hostname": null, "rtt_ms": null, "found_by": "tcp",
             "first_seen": "2026-01-02T03:04:06Z", "last_seen": "2026-01-02T03:04:06Z"}])";
        QCOMPARE(model.restoreLastSession(last), 2);
        model.beginScan([](quint32 ip) { return ip == 0x0a00000au; });
        model.endScan();
        QCOMPARE(model.toCsv(),
                 QByteArray("ip,state,mac,vendor,hostname,rtt_ms,found_by,first_seen,last_seen,duplicate,other_macs,names\r\n"
                            "10.0.0.9,last-session,,,,,tcp,2026-01-02T03:04:06Z,2026-01-02T03:04:06Z,no,,\r\n"
                            "10.0.0.10,down,00:11:32:00:00:0a,Synology Incorporated,nas.lan,,arp,"
                            "2026-01-02T03:04:05Z,2026-01-03T03:04:05Z,no,,dns=nas.lan;mdns=nas.local\r\n"));
        const QJsonArray json = QJsonDocument::fromJson(model.toJson()).array();
        QCOMPARE(json.size(), 2);
        const QJsonObject nas = json.at(1).toObject();
        QCOMPARE(nas.value(QStringLiteral("state")).toString(), QStringLiteral("down"));
        QVERIFY(nas.value(QStringLiteral("rtt_ms")).isNull()); // not answered: no current round trip
        QCOMPARE(nas.value(QStringLiteral("last_rtt_ms")).toDouble(), 1.25);
        QCOMPARE(nas.value(QStringLiteral("last_seen")).toString(), QStringLiteral("2026-01-03T03:04:05Z"));
        // Only the chosen rows (the context menu's Copy as CSV), still in address order.
        const QList<QByteArray> lines = model.toCsv({0}).split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(1).startsWith("10.0.0.10,down,"));
    }

    void theLastSessionComesBack()
    {
        HostTableModel first;
        HostRecord h = host("192.168.1.7", "b8:27:eb:00:00:07", "Raspberry Pi Foundation");
        h.hostname = QStringLiteral("pi.lan");
        first.addOrUpdate(h);
        first.flush();
        HostTableModel next;
        QAbstractItemModelTester tester(&next, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(next.restoreLastSession(first.toJson()), 1);
        QCOMPARE(next.index(0, HostTableModel::HostName).data().toString(), QStringLiteral("pi.lan"));
        // The best name by source order is shown, every name is kept, and the tooltip lists them with sources.
        HostTableModel named;
        h.hostname.clear();
        h.names = {{QStringLiteral("netbios"), QStringLiteral("PI")},
                   {QStringLiteral("mdns"), QStringLiteral("pi.local")}};
        named.addOrUpdate(h);
        named.flush();
        QCOMPARE(named.index(0, HostTableModel::HostName).data().toString(), QStringLiteral("pi.local"));
        QCOMPARE(named.index(0, HostTableModel::HostName).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("pi.local (mDNS)\nPI (NetBIOS)"));
        HostTableModel again;
        QCOMPARE(again.restoreLastSession(named.toJson()), 1);
        QCOMPARE(again.index(0, HostTableModel::HostName).data().toString(), QStringLiteral("pi.local"));
        QCOMPARE(next.index(0, HostTableModel::State).data().toString(), QStringLiteral("last session"));
        QVERIFY(!next.index(0, HostTableModel::State).data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(next.upCount(), 0);
        QCOMPARE(next.restoreLastSession("not json"), 0);
        QCOMPARE(next.rowCount(), 0);
    }
};

QTEST_MAIN(TstHostTableModel)
#include "tst_hosttablemodel.moc"
