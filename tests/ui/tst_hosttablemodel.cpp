// HostTableModel + HostFilterProxy: model contract (QAbstractItemModelTester), batching, updates,
// numeric IP sorting, the filter, and hosts of the previous scan shown as down.
#include "core/scan/TargetSet.h"
#include "ui/HostFilterProxy.h"
#include "ui/HostTableModel.h"

#include <QAbstractItemModelTester>
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
        QCOMPARE(model.index(0, HostTableModel::FoundBy).data().toString(), QStringLiteral("arp"));
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
        QCOMPARE(model.index(0, HostTableModel::FoundBy).data().toString(), QStringLiteral("down"));
        QVERIFY(model.index(0, 0).data(Qt::ForegroundRole).isValid()); // greyed
        QCOMPARE(model.index(1, 0).data(HostTableModel::UpRole).toBool(), true);
        QCOMPARE(model.upCount(), 1);
        QCOMPARE(model.hosts(true).size(), 1);
        QCOMPARE(model.hosts().size(), 2);
    }
};

QTEST_MAIN(TstHostTableModel)
#include "tst_hosttablemodel.moc"
