// lanwatch-cli monitor / devices / events on real inventory files: every output format, exit codes, edits,
// bad arguments, a corrupt file, and a monitor run ended by SIGTERM with the inventory consistent.
#include "core/monitor/DeviceStore.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <csignal>

using namespace lanwatch::monitor;

namespace {

quint32 ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text)).toIPv4Address();
}

Observation obs(const char *address, const char *mac, const char *vendor, const char *name = nullptr)
{
    Observation o;
    o.ip = ip(address);
    o.mac = QString::fromLatin1(mac);
    o.vendor = QString::fromLatin1(vendor);
    if (name)
        o.names.append({QString::fromLatin1(name), NameSource::Dhcp});
    return o;
}

struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(lanwatch::test::binaryPath("app/lanwatch-cli"), args);
    if (!p.waitForFinished(30000))
        p.kill();
    p.waitForFinished();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QList<QJsonObject> jsonLines(const QString &out)
{
    QList<QJsonObject> list;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        list.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return list;
}

} // namespace

class TstMonitorCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QDateTime m_now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

private Q_SLOTS:
    // An inventory with three devices and one of each common event: new, offline, online, IP changed.
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(lanwatch::test::binaryPath("app/lanwatch-cli")));
        m_db = m_dir.filePath(QStringLiteral("devices.sqlite"));
        auto store = DeviceStore::open(m_db, [this] { return m_now; });
        QVERIFY2(store.ok(), qPrintable(store.error()));
        const QList<IpRange> lan{{ip("10.0.0.0"), ip("10.0.0.255")}};
        QVERIFY(store.value()
                    ->recordSweep({{obs("10.0.0.4", "00:11:32:00:00:04", "Synology Incorporated", "nas"),
                                    obs("10.0.0.14", "f4:f5:d8:00:00:0e", "Google, Inc.", "Pixel-7"),
                                    obs("10.0.0.19", "28:cf:e9:00:00:13", "Apple, Inc.")},
                                   lan,
                                   {}})
                    .ok());
        m_now = m_now.addSecs(3600);
        const auto phone = store.value()->deviceByMac(QStringLiteral("f4:f5:d8:00:00:0e"));
        QVERIFY(phone.ok() && phone.value());
        QVERIFY(store.value()->markOffline({phone.value()->id}).ok());
        m_now = m_now.addSecs(3600);
        QVERIFY(store.value()
                    ->recordSweep({{obs("10.0.0.4", "00:11:32:00:00:04", ""), obs("10.0.0.14", "f4:f5:d8:00:00:0e", ""),
                                    obs("10.0.0.42", "28:cf:e9:00:00:13", "")},
                                   lan,
                                   {}})
                    .ok());
    }

    void devicesTable()
    {
        const Run r = cli({QStringLiteral("devices"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5); // header, 3 devices, count
        QVERIFY(lines.at(0).startsWith(QStringLiteral("NAME")));
        QVERIFY(r.out.contains(QStringLiteral("Pixel-7")));
        QVERIFY(r.out.contains(QStringLiteral("10.0.0.42")));
        QVERIFY(r.out.contains(QStringLiteral("Synology Incorporated")));
        QVERIFY(lines.last().contains(QLatin1Char('3')));
    }

    void devicesJson()
    {
        const Run r = cli({QStringLiteral("devices"), QStringLiteral("--json"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(list.size(), 3);
        QJsonObject phone;
        for (const QJsonValue &v : list)
            if (v[QStringLiteral("mac")].toString() == QLatin1String("f4:f5:d8:00:00:0e"))
                phone = v.toObject();
        QCOMPARE(phone[QStringLiteral("name")].toString(), QStringLiteral("Pixel-7"));
        QCOMPARE(phone[QStringLiteral("vendor")].toString(), QStringLiteral("Google, Inc."));
        QCOMPARE(phone[QStringLiteral("ips")].toArray().first().toString(), QStringLiteral("10.0.0.14"));
        QVERIFY(phone[QStringLiteral("online")].toBool());
        QCOMPARE(phone[QStringLiteral("firstSeen")].toString(), QStringLiteral("2026-03-01T12:00:00Z"));
        QCOMPARE(phone[QStringLiteral("lastSeen")].toString(), QStringLiteral("2026-03-01T14:00:00Z"));
    }

    void devicesCsv()
    {
        const Run r = cli({QStringLiteral("devices"), QStringLiteral("--csv"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0), QStringLiteral("name,ips,mac,vendor,online,known,watch,first_seen,last_seen,notes"));
        // A vendor with a comma is quoted, so the row still has ten fields.
        QVERIFY(r.out.contains(QStringLiteral("\"Google, Inc.\"")));
        QVERIFY(r.out.contains(QStringLiteral("nas,10.0.0.4,00:11:32:00:00:04,Synology Incorporated,1,0,0,")));
    }

    void eventsText()
    {
        const Run r = cli({QStringLiteral("events"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6); // 3 new, 1 offline, 1 online, 1 IP changed; oldest first
        QVERIFY(lines.first().contains(QStringLiteral("New device")));
        QVERIFY(lines.last().contains(QStringLiteral("10.0.0.19")) &&
                lines.last().contains(QStringLiteral("10.0.0.42")));
    }

    void eventsJson()
    {
        const Run r = cli({QStringLiteral("events"), QStringLiteral("--json"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 0);
        const auto events = jsonLines(r.out);
        QCOMPARE(events.size(), 6);
        QStringList kinds;
        for (const QJsonObject &e : events)
            kinds.append(e[QStringLiteral("kind")].toString());
        QCOMPARE(kinds.mid(3),
                 (QStringList{QStringLiteral("offline"), QStringLiteral("online"), QStringLiteral("ip-changed")}));
        const QJsonObject changed = events.last();
        QCOMPARE(changed[QStringLiteral("time")].toString(), QStringLiteral("2026-03-01T14:00:00Z"));
        QCOMPARE(changed[QStringLiteral("ip")].toString(), QStringLiteral("10.0.0.42"));
        QCOMPARE(changed[QStringLiteral("otherIp")].toString(), QStringLiteral("10.0.0.19"));
        QCOMPARE(changed[QStringLiteral("mac")].toString(), QStringLiteral("28:cf:e9:00:00:13"));
        QCOMPARE(changed[QStringLiteral("vendor")].toString(), QStringLiteral("Apple, Inc."));
        QVERIFY(changed.contains(QStringLiteral("name")));
        QCOMPARE(events.at(1)[QStringLiteral("name")].toString(), QStringLiteral("Pixel-7"));
    }

    void eventsFilters_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("count");
        QTest::newRow("kind offline") << QStringList{QStringLiteral("--kind"), QStringLiteral("offline")} << 1;
        QTest::newRow("kind new-device") << QStringList{QStringLiteral("--kind"), QStringLiteral("new-device")} << 3;
        QTest::newRow("since iso") << QStringList{QStringLiteral("--since"), QStringLiteral("2026-03-01T13:30:00Z")}
                                   << 2;
        QTest::newRow("since future") << QStringList{QStringLiteral("--since"), QStringLiteral("2099-01-01")} << 0;
        QTest::newRow("since age") << QStringList{QStringLiteral("--since"), QStringLiteral("2h")}
                                   << 0; // events are from 2026-03-01
    }

    void eventsFilters()
    {
        QFETCH(QStringList, args);
        QFETCH(int, count);
        const Run r =
            cli(QStringList{QStringLiteral("events"), QStringLiteral("--json"), QStringLiteral("--db"), m_db} + args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out).size(), count);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString db = QStringLiteral("--db");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("devices"), QStringLiteral("--xml")}
                                        << QStringLiteral("xml");
        QTest::newRow("json and csv") << QStringList{QStringLiteral("devices"), QStringLiteral("--json"),
                                                     QStringLiteral("--csv")}
                                      << QStringLiteral("--csv");
        QTest::newRow("bad kind") << QStringList{QStringLiteral("events"), QStringLiteral("--kind"),
                                                 QStringLiteral("gone")}
                                  << QStringLiteral("new-device");
        QTest::newRow("bad since") << QStringList{QStringLiteral("events"), QStringLiteral("--since"),
                                                  QStringLiteral("yesterday")}
                                   << QStringLiteral("--since");
        QTest::newRow("set bad mac") << QStringList{QStringLiteral("devices"), QStringLiteral("set"),
                                                    QStringLiteral("00:11"), QStringLiteral("--known")}
                                     << QStringLiteral("not a MAC");
        QTest::newRow("set contradiction")
            << QStringList{QStringLiteral("devices"), QStringLiteral("set"), QStringLiteral("00:11:32:00:00:04"),
                           QStringLiteral("--known"), QStringLiteral("--unknown")}
            << QStringLiteral("contradict");
        QTest::newRow("set nothing") << QStringList{QStringLiteral("devices"), QStringLiteral("set"),
                                                    QStringLiteral("00:11:32:00:00:04")}
                                     << QStringLiteral("nothing to change");
        QTest::newRow("monitor no target")
            << QStringList{QStringLiteral("monitor")} << QStringLiteral("at least one target");
        QTest::newRow("monitor bad target")
            << QStringList{QStringLiteral("monitor"), QStringLiteral("10.0.0.0/33")} << QStringLiteral("10.0.0.0/33");
        QTest::newRow("monitor short interval") << QStringList{QStringLiteral("monitor"), QStringLiteral("10.0.0.0/24"),
                                                               QStringLiteral("--interval"), QStringLiteral("5")}
                                                << QStringLiteral("--interval");
        QTest::newRow("monitor short own interval")
            << QStringList{QStringLiteral("monitor"), QStringLiteral("10.0.0.0/24@5")} << QStringLiteral("after @");
        QTest::newRow("monitor bad own interval")
            << QStringList{QStringLiteral("monitor"), QStringLiteral("10.0.0.0/24"), QStringLiteral("10.0.1.0/24@soon")}
            << QStringLiteral("10.0.1.0/24@soon");
        QTest::newRow("monitor bad grace") << QStringList{QStringLiteral("monitor"), QStringLiteral("10.0.0.0/24"),
                                                          QStringLiteral("--grace"), QStringLiteral("soon")}
                                           << QStringLiteral("--grace");
        Q_UNUSED(db);
    }

    // Exit 2 with a message naming the problem, and no inventory file created by a command that failed.
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString untouched = m_dir.filePath(QStringLiteral("never.sqlite"));
        const Run r = cli(args + QStringList{QStringLiteral("--db"), untouched});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(untouched));
    }

    void missingInventory()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
        const Run r = cli({QStringLiteral("devices"), QStringLiteral("--db"), missing});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(missing));
        QVERIFY(!QFile::exists(missing));
    }

    void devicesSetRoundTrip()
    {
        const QString db = m_dir.filePath(QStringLiteral("edit.sqlite"));
        QVERIFY(QFile::copy(m_db, db));
        Run r = cli({QStringLiteral("devices"), QStringLiteral("set"), QStringLiteral("00:11:32:00:00:04"),
                     QStringLiteral("--name"), QStringLiteral("Storage, basement"), QStringLiteral("--notes"),
                     QStringLiteral("RAID 5"), QStringLiteral("--known"), QStringLiteral("--watch"),
                     QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Storage, basement")));
        {
            auto store = DeviceStore::open(db);
            QVERIFY(store.ok());
            const auto d = store.value()->deviceByMac(QStringLiteral("00:11:32:00:00:04"));
            QVERIFY(d.ok() && d.value());
            QCOMPARE(d.value()->customName, QStringLiteral("Storage, basement"));
            QCOMPARE(d.value()->notes, QStringLiteral("RAID 5"));
            QVERIFY(d.value()->known);
            QVERIFY(d.value()->watch);
        }
        r = cli({QStringLiteral("devices"), QStringLiteral("--csv"), QStringLiteral("--db"), db});
        QVERIFY(r.out.contains(
            QStringLiteral("\"Storage, basement\",10.0.0.4,00:11:32:00:00:04,Synology Incorporated,1,1,1,")));
        QVERIFY(r.out.contains(QStringLiteral(",RAID 5\n")));
        r = cli({QStringLiteral("devices"), QStringLiteral("set"), QStringLiteral("00-11-32-00-00-04"),
                 QStringLiteral("--name"), QString(), QStringLiteral("--unknown"), QStringLiteral("--no-watch"),
                 QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("devices"), QStringLiteral("--csv"), QStringLiteral("--db"), db});
        QVERIFY2(r.out.contains(QStringLiteral("nas,10.0.0.4,00:11:32:00:00:04,Synology Incorporated,1,0,0,")),
                 qPrintable(r.out));
        r = cli({QStringLiteral("devices"), QStringLiteral("set"), QStringLiteral("00:11:32:00:00:99"),
                 QStringLiteral("--known"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("no device with MAC 00:11:32:00:00:99")));
    }

    // A damaged file: the store's message (with the path) on stderr, the file kept aside, a fresh inventory.
    // A phone's new private MAC is the same phone: merged, the old MAC finds the kept device, the list
    // has one device fewer, and a bad MAC or an unknown one is refused without a change.
    void devicesMerge()
    {
        const QString db = m_dir.filePath(QStringLiteral("merge.sqlite"));
        QVERIFY(QFile::copy(m_db, db));
        Run r = cli({QStringLiteral("devices"), QStringLiteral("merge"), QStringLiteral("f4:f5:d8:00:00:0e"),
                     QStringLiteral("28:cf:e9:00:00:13"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Merged 28:cf:e9:00:00:13 into f4:f5:d8:00:00:0e")), qPrintable(r.out));
        {
            auto store = DeviceStore::open(db);
            QVERIFY(store.ok());
            const auto kept = store.value()->deviceByMac(QStringLiteral("f4:f5:d8:00:00:0e"));
            const auto alias = store.value()->deviceByMac(QStringLiteral("28:cf:e9:00:00:13"));
            QVERIFY(kept.ok() && kept.value() && alias.ok() && alias.value());
            QCOMPARE(alias.value()->id, kept.value()->id);
            QCOMPARE(store.value()->devices().value().size(), 2);
        }
        r = cli({QStringLiteral("devices"), QStringLiteral("merge"), QStringLiteral("f4:f5:d8:00:00:0e"),
                 QStringLiteral("not-a-mac"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("devices"), QStringLiteral("merge"), QStringLiteral("f4:f5:d8:00:00:0e"),
                 QStringLiteral("00:00:00:00:00:99"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("no device with MAC 00:00:00:00:00:99")));
    }

    void corruptInventory()
    {
        const QString db = m_dir.filePath(QStringLiteral("corrupt.sqlite"));
        QFile f(db);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("SQLite format 3").append('\0').append(QByteArray(4096, '\x5a')));
        f.close();
        const Run r = cli({QStringLiteral("devices"), QStringLiteral("--json"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(db), qPrintable(r.err));
        const QStringList aside =
            QDir(m_dir.path()).entryList({QStringLiteral("corrupt.sqlite.corrupt-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QVERIFY2(r.err.contains(aside.first()), qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 0);
    }

    void unopenableInventory()
    {
        const QString folder = m_dir.filePath(QStringLiteral("folder.sqlite"));
        QVERIFY(QDir().mkpath(folder));
        const Run r = cli({QStringLiteral("monitor"), QStringLiteral("127.0.0.1"), QStringLiteral("--db"), folder});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(folder), qPrintable(r.err));
    }

    // monitor runs until SIGTERM, prints the first sweep's events as JSON, exits 0, and the inventory has them;
    // a target's own interval (TARGET@S) wins over --interval.
    void monitorUntilTerminated()
    {
        const QString db = m_dir.filePath(QStringLiteral("watch.sqlite"));
        QProcess p;
        p.start(lanwatch::test::binaryPath("app/lanwatch-cli"),
                {QStringLiteral("monitor"), QStringLiteral("127.0.0.1@45"), QStringLiteral("127.0.0.2"),
                 QStringLiteral("--interval"), QStringLiteral("90"), QStringLiteral("--json"),
                 QStringLiteral("--no-passive"), QStringLiteral("--db"), db});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).count('\n') >= 2, 20000);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("127.0.0.1 every 45 s")) && err.contains(QStringLiteral("127.0.0.2 every 90 s")),
                 qPrintable(err));
        const auto events = jsonLines(QString::fromUtf8(out));
        QCOMPARE(events.size(), 2);
        QStringList ips;
        for (const auto &e : events) {
            QCOMPARE(e[QStringLiteral("kind")].toString(), QStringLiteral("new-device"));
            QVERIFY(e[QStringLiteral("firstSweep")].toBool());
            QVERIFY(QDateTime::fromString(e[QStringLiteral("time")].toString(), Qt::ISODate).isValid());
            ips << e[QStringLiteral("ip")].toString();
        }
        ips.sort();
        QCOMPARE(ips, (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2")}));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const Run r = cli({QStringLiteral("devices"), QStringLiteral("--json"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // closed cleanly: nothing to recover
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TstMonitorCli)
#include "tst_monitorcli.moc"
