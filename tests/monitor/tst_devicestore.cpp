// DeviceStore on real SQLite files: every API, presence over days with an injected clock, migrations,
// damaged/unreadable/newer/foreign files, a full disk (a tiny tmpfs) and one transaction per sweep.
#include "core/monitor/DeviceStore.h"

#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

using namespace lanwatch::monitor;

namespace {

constexpr qint64 HourMs = 3600LL * 1000;

quint32 ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text)).toIPv4Address();
}

Observation obs(const char *address, const char *mac, const char *vendor = "", const char *name = nullptr,
                NameSource source = NameSource::Dns)
{
    Observation o;
    o.ip = address ? ip(address) : 0;
    o.mac = QString::fromLatin1(mac);
    o.vendor = QString::fromLatin1(vendor);
    if (name)
        o.names.append({QString::fromLatin1(name), source});
    return o;
}

QList<IpRange> slash24(const char *network)
{
    const quint32 first = ip(network);
    return {IpRange{first, first + 255}};
}

QString mac(int i)
{
    return QStringLiteral("00:16:3e:%1:%2:%3")
        .arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
        .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(i & 0xff, 2, 16, QLatin1Char('0'));
}

// A second, independent connection to the file: what another program (sqlite3, the CLI) would see.
QVariant rawScalar(const QString &path, const QString &sql)
{
    static int counter = 0;
    const QString name = QStringLiteral("raw-%1").arg(++counter);
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
            else if (q.lastError().isValid())
                value = QString(QStringLiteral("error: ") + q.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Commit frames in a WAL file (https://www.sqlite.org/fileformat.html#the_write_ahead_log): a frame whose
// header carries a non-zero "database size after commit" and the WAL header's salts ends a transaction.
int walCommitFrames(const QString &walPath)
{
    const QByteArray wal = fileBytes(walPath);
    if (wal.size() < 32)
        return 0;
    const auto be32 = [&](qsizetype at) { return qFromBigEndian<quint32>(wal.constData() + at); };
    const quint32 pageSize = be32(8);
    const quint32 salt1 = be32(16);
    const quint32 salt2 = be32(20);
    int commits = 0;
    for (qsizetype at = 32; at + 24 + qsizetype(pageSize) <= wal.size(); at += 24 + pageSize)
        if (be32(at + 8) == salt1 && be32(at + 12) == salt2 && be32(at + 4) != 0)
            ++commits;
    return commits;
}

} // namespace

// A Result that must be ok, with its message in the failure output when it is not.
#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto result_ = (expr);                                                                                   \
        QVERIFY2(result_.ok(), qPrintable(result_.error()));                                                           \
    } while (false)

class TstDeviceStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QDateTime m_now;
    int m_files = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("db%1/devices.sqlite").arg(++m_files)); }
    std::unique_ptr<DeviceStore> open(const QString &path)
    {
        auto r = DeviceStore::open(path, [this] { return m_now; });
        if (!r) {
            qWarning("%s", qPrintable(r.error()));
            return {};
        }
        return std::move(r).value();
    }
    SweepResult sweep(DeviceStore &store, QList<Observation> observations, QList<IpRange> covered = {})
    {
        Sweep s;
        s.observations = std::move(observations);
        s.covered = std::move(covered);
        auto r = store.recordSweep(s);
        if (!r) {
            qWarning("%s", qPrintable(r.error()));
            return {};
        }
        return r.value();
    }
    static QList<EventKind> kinds(const QList<Event> &events)
    {
        QList<EventKind> out;
        for (const Event &e : events)
            out.append(e.kind);
        return out;
    }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init() { m_now = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC); }

    // ---- The file ---------------------------------------------------------------------------------------

    void freshDatabaseIsWalWithSchemaVersion()
    {
        const QString path = newPath();
        auto store = open(path);
        QVERIFY(store);
        QVERIFY(store->notice().isEmpty());
        QCOMPARE(store->path(), path);
        QVERIFY(DeviceStore::defaultPath().endsWith(QLatin1String("/devices.sqlite")));
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA user_version")).toInt(), DeviceStore::SchemaVersion);
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA application_id")).toInt(), DeviceStore::ApplicationId);
        sweep(*store, {obs("10.0.0.1", "00:11:22:33:44:55")});
        QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
        // Two stores on one file (as a worker thread or the CLI would have): each has its own connection.
        auto second = open(path);
        QVERIFY(second);
        QCOMPARE(second->devices()->size(), 1);
    }

    // Schema 1 is the first: its "older schema" is the empty database (user_version 0). Later schema
    // changes add a fixture file per older version (tests/monitor/fixtures/README.md).
    void migratesEmptyVersion0Database()
    {
        const QString path = newPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QCOMPARE(rawScalar(path, QStringLiteral("CREATE TABLE t (x)")), QVariant());
        QCOMPARE(rawScalar(path, QStringLiteral("DROP TABLE t")), QVariant());
        QVERIFY(fileBytes(path).startsWith("SQLite format 3"));
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA user_version")).toInt(), 0);
        auto store = open(path);
        QVERIFY(store);
        QVERIFY(store->notice().isEmpty());
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA user_version")).toInt(), 1);
        QCOMPARE(rawScalar(path, QStringLiteral("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                                                " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)"))
                     .toString(),
                 QStringLiteral("device_aliases,device_ips,device_names,devices,events,presence,rtt_samples"));
        QVERIFY(sweep(*store, {obs("10.0.0.1", "00:11:22:33:44:55")}).newDevices == 1);
        // Opening again does not migrate twice.
        store.reset();
        store = open(path);
        QVERIFY(store);
        QCOMPARE(store->devices()->size(), 1);
    }

    void refusesDatabaseFromNewerLanwatch()
    {
        const QString path = newPath();
        QVERIFY(open(path));
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA user_version = 99")), QVariant());
        const QByteArray before = fileBytes(path);
        auto r = DeviceStore::open(path, [this] { return m_now; });
        QVERIFY(!r);
        QVERIFY2(r.error().contains(path) && r.error().contains(QLatin1String("newer lanwatch")) &&
                     r.error().contains(QLatin1String("99")),
                 qPrintable(r.error()));
        QCOMPARE(fileBytes(path), before); // not downgraded, not moved
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA user_version")).toInt(), 99);
        QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList({QStringLiteral("*.corrupt-*")}), QStringList());
    }

    void refusesAnotherProgramsDatabase()
    {
        const QString path = newPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QCOMPARE(rawScalar(path, QStringLiteral("CREATE TABLE recipes (name TEXT)")), QVariant());
        auto r = DeviceStore::open(path);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(path) && r.error().contains(QLatin1String("not a lanwatch device database")),
                 qPrintable(r.error()));
        QCOMPARE(rawScalar(path, QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt(), 1);
    }

    void damagedFileIsMovedAsideAndReplaced_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("random bytes") << "random";
        QTest::newRow("text file, not SQLite") << "text";
        QTest::newRow("truncated inside a page") << "mid-page";
        QTest::newRow("truncated to its first pages") << "pages";
        QTest::newRow("only part of the header") << "header";
        QTest::newRow("pages overwritten with garbage") << "scribbled";
    }
    void damagedFileIsMovedAsideAndReplaced()
    {
        QFETCH(QString, damage);
        const QString path = newPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QByteArray bytes;
        if (damage == QLatin1String("random")) {
            bytes.resize(8192);
            QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        } else if (damage == QLatin1String("text")) {
            bytes = QByteArray("device,ip\nnas,10.0.0.2\n").repeated(200);
        } else {
            {
                auto store = open(path);
                QVERIFY(store);
                QList<Observation> many;
                for (int i = 0; i < 3000; ++i)
                    many.append(obs(nullptr, qPrintable(mac(i)), "Vendor with a long name, Inc.", "host"));
                for (int i = 0; i < many.size(); ++i)
                    many[i].ip = ip("10.1.0.0") + quint32(i);
                QCOMPARE(sweep(*store, many).newDevices, 3000);
            } // closing checkpoints the WAL into the file and removes it
            QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
            const QByteArray whole = fileBytes(path);
            QVERIFY(whole.size() > 40 * 4096);
            if (damage == QLatin1String("mid-page"))
                bytes = whole.left(whole.size() - 1000);
            else if (damage == QLatin1String("pages"))
                bytes = whole.left(3 * 4096);
            else if (damage == QLatin1String("header"))
                bytes = whole.left(50);
            else { // keep the header, overwrite pages 2..20 with noise
                bytes = whole;
                QRandomGenerator noise(11); // fixed: the same damage every run
                for (qsizetype i = 4096; i < 20 * 4096; ++i)
                    bytes[i] = char(noise.bounded(256));
            }
        }
        QVERIFY(writeFile(path, bytes));

        auto store = open(path);
        QVERIFY(store);
        const QString aside = path + QStringLiteral(".corrupt-20250301T120000Z");
        QVERIFY2(store->notice().contains(path) && store->notice().contains(aside), qPrintable(store->notice()));
        QCOMPARE(fileBytes(aside), bytes); // kept exactly as it was
        QCOMPARE(store->devices()->size(), 0);
        QCOMPARE(sweep(*store, {obs("10.0.0.1", "00:11:22:33:44:55")}).newDevices, 1);
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA quick_check")).toString(), QStringLiteral("ok"));

        // A second damaged file in the same second does not replace the first one set aside.
        store.reset();
        QVERIFY(writeFile(path, "not a database either"));
        store = open(path);
        QVERIFY(store);
        QCOMPARE(fileBytes(aside), bytes);
        QCOMPARE(fileBytes(aside + QStringLiteral("-2")), QByteArray("not a database either"));
    }

    void folderInPlaceOfTheFileIsRefused()
    {
        const QString path = newPath();
        QVERIFY(QDir().mkpath(path));
        auto r = DeviceStore::open(path);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(path) && r.error().contains(QLatin1String("not a file")), qPrintable(r.error()));
        QVERIFY(QFileInfo(path).isDir());
    }

    // root reads every file, so the unreadable case runs the probe as nobody (setpriv) on a chmod 000
    // file; the same probe on a readable copy must succeed, or the test would prove nothing.
    void unreadableFileIsReportedAndLeftAlone()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, QStringLiteral("needs root to run a check as the user nobody"));
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        LANWATCH_REQUIRE(!setpriv.isEmpty(), QStringLiteral("setpriv (util-linux) is not installed"));
        QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/lanwatch-unreadable-XXXXXX"));
        QVERIFY(dir.isValid());
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                      QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                      QFileDevice::WriteOther | QFileDevice::ExeOther));
        const QString probe = dir.filePath(QStringLiteral("devicestore_probe"));
        QVERIFY(QFile::copy(lanwatch::test::binaryPath("tests/monitor/devicestore_probe"), probe));
        const QString path = dir.filePath(QStringLiteral("devices.sqlite"));
        {
            auto store = open(path);
            QVERIFY(store);
            sweep(*store, {obs("10.0.0.1", "00:11:22:33:44:55")});
        }
        const auto runAsNobody = [&](QString *out) {
            QProcess p;
            p.start(setpriv, {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                              QStringLiteral("--clear-groups"), QStringLiteral("--"), probe, path});
            if (!p.waitForFinished(60000))
                return -1;
            *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        };
        QString output;
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0666) == 0);
        QCOMPARE(runAsNobody(&output), 0); // control: nobody can open it when allowed to
        QVERIFY2(output.contains(QLatin1String("devices: 1")), qPrintable(output));

        const QByteArray before = fileBytes(path);
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0000) == 0);
        QCOMPARE(runAsNobody(&output), 1);
        QVERIFY2(output.contains(path) && output.contains(QLatin1String("permission denied")), qPrintable(output));
        QCOMPARE(fileBytes(path), before); // root can still read it: untouched
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.corrupt-*")}), QStringList());
    }

    void fullDiskMakesWritesFailNamingTheFile()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, QStringLiteral("needs root to mount a small tmpfs"));
        QTemporaryDir mountPoint;
        QVERIFY(mountPoint.isValid());
        const QByteArray mp = QFile::encodeName(mountPoint.path());
        const int mounted = ::mount("tmpfs", mp.constData(), "tmpfs", MS_NOSUID | MS_NODEV, "size=384k,mode=0755");
        LANWATCH_REQUIRE(mounted == 0,
                         QStringLiteral("cannot mount a tmpfs: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        const auto unmount = qScopeGuard([&] { ::umount2(mp.constData(), MNT_DETACH); });
        const QString path = mountPoint.filePath(QStringLiteral("devices.sqlite"));
        {
            auto store = open(path);
            QVERIFY(store);
            int saved = 0;
            lanwatch::Result<SweepResult> r = SweepResult{};
            for (int round = 0; round < 200 && r; ++round) {
                Sweep s;
                for (int i = 0; i < 100; ++i) {
                    Observation o = obs(nullptr, qPrintable(mac(round * 100 + i)), "A vendor",
                                        qPrintable(QStringLiteral("host-%1-with-a-rather-long-name").arg(i)));
                    o.ip = ip("10.2.0.0") + quint32(round * 100 + i);
                    s.observations.append(o);
                }
                r = store->recordSweep(s);
                if (r)
                    saved += 100;
            }
            QVERIFY2(!r, "the 384 KiB disk never filled up");
            QVERIFY2(r.error().contains(path) && r.error().contains(QLatin1String("disk is full")),
                     qPrintable(r.error()));
            QVERIFY(saved > 0);
            // The failed sweep left nothing half-written; what was saved before is intact.
            QCOMPARE(store->devices()->size(), saved);
            const auto edit = store->setNotes(store->devices()->first().id, QString(300000, QLatin1Char('x')));
            QVERIFY(!edit);
            QVERIFY2(edit.error().contains(path), qPrintable(edit.error()));
        }
    }

    // ---- Devices, names, IPs ------------------------------------------------------------------------------

    void firstSweepCreatesDevicesWithEvents()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const SweepResult r = sweep(*store,
                                    {obs("10.0.0.2", "00:11:32:aa:bb:cc", "Synology", "nas.lan"),
                                     obs("10.0.0.7", "DA-A1-19-00-00-01"), obs("10.0.0.9", "")},
                                    slash24("10.0.0.0"));
        QCOMPARE(r.newDevices, 3);
        QCOMPARE(r.devices.size(), 3);
        QCOMPARE(kinds(r.events), (QList<EventKind>{EventKind::NewDevice, EventKind::NewDevice, EventKind::NewDevice}));
        QCOMPARE(r.events[0].deviceName, QStringLiteral("nas.lan"));
        QCOMPARE(r.events[0].vendor, QStringLiteral("Synology"));
        QVERIFY(r.events[0].describe().contains(QLatin1String("nas.lan (Synology)")));
        QVERIFY(r.events[1].randomizedMac);

        const auto devices = store->devices().value();
        QCOMPARE(devices.size(), 3);
        const Device &nas = devices[0];
        QCOMPARE(nas.mac, QStringLiteral("00:11:32:aa:bb:cc"));
        QCOMPARE(nas.displayName(), QStringLiteral("nas.lan"));
        QCOMPARE(nas.vendor, QStringLiteral("Synology"));
        QCOMPARE(nas.ips, QList<quint32>{ip("10.0.0.2")});
        QVERIFY(nas.online);
        QCOMPARE(nas.firstSeen, m_now);
        QCOMPARE(nas.lastSeen, m_now);
        QVERIFY(!nas.randomizedMac);
        QVERIFY(!nas.known);
        QCOMPARE(devices[1].mac, QStringLiteral("da:a1:19:00:00:01")); // normalised
        QVERIFY(devices[1].randomizedMac);
        QCOMPARE(devices[1].displayName(), QStringLiteral("da:a1:19:00:00:01"));
        QCOMPARE(devices[2].kind, DeviceKind::Ip);
        QCOMPARE(devices[2].keyIp, ip("10.0.0.9"));
        QCOMPARE(devices[2].displayName(), QStringLiteral("10.0.0.9"));

        // Seen again: no new device, last seen moves, first seen stays.
        advance(5 * 60 * 1000);
        const SweepResult again = sweep(*store, {obs("10.0.0.2", "00:11:32:aa:bb:cc")}, slash24("10.0.0.0"));
        QCOMPARE(again.newDevices, 0);
        QCOMPARE(again.events.size(), 0);
        QCOMPARE(again.devices, QList<DeviceId>{nas.id});
        const Device nas2 = store->device(nas.id).value().value();
        QCOMPARE(nas2.lastSeen, m_now);
        QCOMPARE(nas2.firstSeen, nas.firstSeen);
        QCOMPARE(nas2.vendor, QStringLiteral("Synology")); // an empty vendor does not erase it
        QVERIFY(!store->device(424242).value().has_value());
    }

    void lookupsByMacAndIp()
    {
        auto store = open(newPath());
        QVERIFY(store);
        Observation bare; // as a caller fills it: null strings, no names
        bare.ip = ip("10.0.0.2");
        bare.mac = QStringLiteral("00:11:32:aa:bb:cc");
        sweep(*store, {bare, obs("192.168.50.3", "")});
        QCOMPARE(store->deviceByMac(QStringLiteral("00-11-32-AA-BB-CC")).value()->ips, QList<quint32>{ip("10.0.0.2")});
        QVERIFY(!store->deviceByMac(QStringLiteral("00:11:32:aa:bb:cd")).value().has_value());
        QVERIFY(!store->deviceByMac(QStringLiteral("nonsense")));
        QCOMPARE(store->deviceByIp(ip("10.0.0.2")).value()->mac, QStringLiteral("00:11:32:aa:bb:cc"));
        QCOMPARE(store->deviceByIp(ip("192.168.50.3")).value()->kind, DeviceKind::Ip);
        QVERIFY(!store->deviceByIp(ip("10.0.0.3")).value().has_value());
        // Without its MAC (an ICMP-only sweep), a host on an address a MAC-keyed device holds is that device.
        const SweepResult r = sweep(*store, {obs("10.0.0.2", "")});
        QCOMPARE(r.newDevices, 0);
        QCOMPARE(store->devices()->size(), 2);
    }

    void namesBestNameAndLock()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const DeviceId id = sweep(*store, {obs("10.0.0.2", "00:11:32:aa:bb:cc", "Synology")}).devices.value(0);
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("Synology"));

        advance(HourMs);
        SweepResult r = sweep(*store, {obs("10.0.0.2", "00:11:32:aa:bb:cc", "", "nas.lan")});
        QCOMPARE(r.events.size(), 0); // a first name is enrichment, not a change
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("nas.lan"));

        advance(HourMs);
        r = sweep(*store, {obs("10.0.0.2", "00:11:32:aa:bb:cc", "", "diskstation", NameSource::Dhcp)});
        QCOMPARE(kinds(r.events), QList<EventKind>{EventKind::NameChanged});
        QCOMPARE(r.events[0].nameBefore, QStringLiteral("nas.lan"));
        QCOMPARE(r.events[0].nameAfter, QStringLiteral("diskstation"));
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("diskstation"));

        // The DNS name keeps being reported: it is recorded, but does not flip the name back each sweep.
        advance(HourMs);
        r = sweep(*store, {obs("10.0.0.2", "00:11:32:aa:bb:cc", "", "nas.lan")});
        QCOMPARE(r.events.size(), 0);
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("diskstation"));
        const auto names = store->names(id).value();
        QCOMPARE(names.size(), 2);
        QCOMPARE(names[0].name, QStringLiteral("diskstation"));
        QCOMPARE(names[0].source, NameSource::Dhcp);
        QCOMPARE(names[1].name, QStringLiteral("nas.lan"));
        QCOMPARE(names[1].lastSeen, m_now);
        QCOMPARE(names[1].firstSeen, m_now.addMSecs(-2 * HourMs));

        VERIFY_OK(store->lockName(id, QStringLiteral("nas.lan"), NameSource::Dns));
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("nas.lan"));
        QVERIFY(store->names(id).value()[1].locked);
        advance(HourMs);
        sweep(*store, {obs("10.0.0.2", "00:11:32:aa:bb:cc", "", "newer-name", NameSource::Mdns)});
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("nas.lan"));
        VERIFY_OK(store->setCustomName(id, QStringLiteral("  Family NAS ")));
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("Family NAS"));
        VERIFY_OK(store->setCustomName(id, QString()));
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("nas.lan"));
        VERIFY_OK(store->unlockName(id));
        QCOMPARE(store->device(id).value()->displayName(), QStringLiteral("newer-name"));

        const auto bad = store->lockName(id, QStringLiteral("never-seen"), NameSource::Dns);
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(QLatin1String("never-seen")), qPrintable(bad.error()));
        QVERIFY(!store->unlockName(9999));
    }

    void ipHistoryAndIpChanged()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const char *laptop = "00:21:cc:00:00:01";
        const DeviceId id = sweep(*store, {obs("10.0.0.10", laptop)}, slash24("10.0.0.0")).devices.value(0);
        const QDateTime t0 = m_now;

        advance(HourMs);
        SweepResult r = sweep(*store, {obs("10.0.0.20", laptop)}, slash24("10.0.0.0"));
        QCOMPARE(kinds(r.events), QList<EventKind>{EventKind::IpChanged});
        QCOMPARE(r.events[0].ip, ip("10.0.0.20"));
        QCOMPARE(r.events[0].otherIp, ip("10.0.0.10"));
        QVERIFY(r.events[0].describe().contains(QLatin1String("from 10.0.0.10 to 10.0.0.20")));
        QCOMPARE(store->device(id).value()->ips, QList<quint32>{ip("10.0.0.20")});

        // Passive listening covers no range: a new address is added, the old one is not ended, and no change is
        // reported while the old one may still be in use.
        advance(HourMs);
        r = sweep(*store, {obs("10.9.0.5", laptop)});
        QCOMPARE(r.events.size(), 0);
        QCOMPARE(store->device(id).value()->ips, (QList<quint32>{ip("10.9.0.5"), ip("10.0.0.20")}));
        // A sweep of another range leaves 10.9.0.5 alone.
        advance(HourMs);
        r = sweep(*store, {obs("10.0.0.20", laptop)}, slash24("10.0.0.0"));
        QCOMPARE(r.events.size(), 0);

        const auto history = store->ipHistory(id).value();
        QCOMPARE(history.size(), 3);
        QCOMPARE(history[0].ip, ip("10.0.0.10"));
        QCOMPARE(history[0].firstSeen, t0);
        QCOMPARE(history[0].ended, t0.addMSecs(HourMs));
        QCOMPARE(history[1].ip, ip("10.0.0.20"));
        QVERIFY(!history[1].ended.isValid());
        QCOMPARE(history[1].lastSeen, m_now);
        QCOMPARE(history[2].ip, ip("10.9.0.5"));
        QVERIFY(!history[2].ended.isValid());
    }

    // One MAC answering for many addresses (proxy ARP, a router's aliases, a second interface) only gains
    // addresses: no IP change for each. A move heard passively is reported when a sweep finds the old address
    // left, as a change from it to the address taken since.
    void gainedAddressesAreNotChanges()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const char *router = "00:0d:b9:00:00:01";
        const DeviceId id = sweep(*store, {obs("10.0.0.1", router)}, slash24("10.0.0.0")).devices.value(0);
        advance(60000);
        QList<Observation> many;
        for (int i = 1; i <= 50; ++i)
            many.append(obs(qPrintable(QStringLiteral("10.0.0.%1").arg(i)), router));
        SweepResult r = sweep(*store, many, slash24("10.0.0.0"));
        QCOMPARE(r.events.size(), 0);
        QCOMPARE(store->device(id).value()->ips.size(), 50);
        advance(60000);
        r = sweep(*store, many.mid(0, 49), slash24("10.0.0.0")); // .50 stops answering: a loss, not a move
        QCOMPARE(r.events.size(), 0);
        QCOMPARE(store->device(id).value()->ips.size(), 49);

        const char *laptop = "00:21:cc:00:00:01";
        const DeviceId lid = sweep(*store, {obs("10.0.0.60", laptop)}, slash24("10.0.0.0")).devices.value(0);
        advance(60000);
        QCOMPARE(sweep(*store, {obs("10.0.0.70", laptop)}).events.size(), 0); // heard: .60 may still be in use
        advance(60000);
        r = sweep(*store, many.mid(0, 49) + QList<Observation>{obs("10.0.0.70", laptop)}, slash24("10.0.0.0"));
        QCOMPARE(kinds(r.events), QList<EventKind>{EventKind::IpChanged});
        QCOMPARE(r.events[0].deviceId, lid);
        QCOMPARE(r.events[0].ip, ip("10.0.0.70"));
        QCOMPARE(r.events[0].otherIp, ip("10.0.0.60"));
    }

    void ipClaimedByAnotherMacIsPossibleSpoofing()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const char *router = "00:0d:b9:00:00:01";
        const char *attacker = "00:0d:b9:66:66:66";
        const DeviceId routerId = sweep(*store, {obs("10.0.0.1", router)}).devices.value(0);
        advance(60000);
        const SweepResult r = sweep(*store, {obs("10.0.0.1", attacker)}); // only the attacker answers
        QCOMPARE(kinds(r.events), (QList<EventKind>{EventKind::NewDevice, EventKind::IpClaimed}));
        const Event &claim = r.events[1];
        QCOMPARE(claim.ip, ip("10.0.0.1"));
        QCOMPARE(claim.mac, QString::fromLatin1(attacker));
        QCOMPARE(claim.otherMac, QString::fromLatin1(router));
        QVERIFY(claim.describe().contains(QLatin1String("spoofing")));
        QCOMPARE(store->deviceByIp(ip("10.0.0.1")).value()->mac, QString::fromLatin1(attacker));
        QVERIFY(store->device(routerId).value()->ips.isEmpty());

        // An address reused after its holder went offline (DHCP) is not a claim.
        auto other = open(newPath());
        const DeviceId oldId = sweep(*other, {obs("10.0.0.50", "00:0d:b9:00:00:50")}).devices.value(0);
        QCOMPARE(other->markOffline({oldId}).value().size(), 1);
        advance(60000);
        QCOMPARE(kinds(sweep(*other, {obs("10.0.0.50", "00:0d:b9:00:00:51")}).events),
                 QList<EventKind>{EventKind::NewDevice});

        // Two devices that swap addresses both moved: IP changes, no claim.
        auto swap = open(newPath());
        sweep(*swap, {obs("10.0.0.10", "00:0d:b9:00:00:0a"), obs("10.0.0.11", "00:0d:b9:00:00:0b")},
              slash24("10.0.0.0"));
        advance(60000);
        QCOMPARE(kinds(sweep(*swap, {obs("10.0.0.11", "00:0d:b9:00:00:0a"), obs("10.0.0.10", "00:0d:b9:00:00:0b")},
                             slash24("10.0.0.0"))
                           .events),
                 (QList<EventKind>{EventKind::IpChanged, EventKind::IpChanged}));
    }

    void duplicateIpInOneSweep()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const QList<Observation> both{obs("10.0.0.30", "00:0d:b9:00:00:30"), obs("10.0.0.30", "00:0d:b9:00:00:31")};
        SweepResult r = sweep(*store, both, slash24("10.0.0.0"));
        QCOMPARE(kinds(r.events),
                 (QList<EventKind>{EventKind::NewDevice, EventKind::NewDevice, EventKind::DuplicateIp}));
        QCOMPARE(r.events[2].ip, ip("10.0.0.30"));
        QCOMPARE(r.events[2].mac, QStringLiteral("00:0d:b9:00:00:31"));
        QCOMPARE(r.events[2].otherMac, QStringLiteral("00:0d:b9:00:00:30"));
        const QList<Device> devices = store->devices().value();
        QCOMPARE(devices.size(), 2);
        for (const Device &d : devices)
            QCOMPARE(d.ips, QList<quint32>{ip("10.0.0.30")}); // both hold it
        // Persisting, it is not reported every sweep, nor as a claim...
        advance(5 * 60000);
        QCOMPARE(sweep(*store, both, slash24("10.0.0.0")).events.size(), 0);
        // ...but again a day later.
        advance(25 * HourMs);
        QCOMPARE(kinds(sweep(*store, both, slash24("10.0.0.0")).events), QList<EventKind>{EventKind::DuplicateIp});
    }

    // ---- Presence ----------------------------------------------------------------------------------------

    void presenceSessionsUptimeAndSevenDayShare()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const QDateTime t0 = m_now;
        const char *phone = "00:0d:b9:00:00:70";
        const DeviceId id = sweep(*store, {obs("10.0.0.70", phone)}).devices.value(0);
        const DeviceId other = sweep(*store, {obs("10.0.0.71", "00:0d:b9:00:00:71")}).devices.value(0);
        advance(HourMs);
        sweep(*store, {obs("10.0.0.70", phone)});
        QCOMPARE(store->presenceStats(id)->uptimeMs, HourMs);

        advance(HourMs); // t0+2h: missed the grace period (the monitor's decision)
        QCOMPARE(store->onlineDevicesNotSeenSince(m_now.addMSecs(-30 * 60000)).value(), (QList<DeviceId>{id, other}));
        const auto offline = store->markOffline({id});
        QCOMPARE(kinds(offline.value()), QList<EventKind>{EventKind::Offline});
        QCOMPARE(offline.value()[0].ip, ip("10.0.0.70"));
        QCOMPARE(offline.value()[0].time, m_now);
        QCOMPARE(store->markOffline({id}).value().size(), 0); // already offline
        QVERIFY(!store->device(id).value()->online);
        QCOMPARE(store->presenceStats(id)->uptimeMs, 0);

        advance(24 * HourMs); // t0+26h: back
        QCOMPARE(kinds(sweep(*store, {obs("10.0.0.70", phone)}).events), QList<EventKind>{EventKind::Online});
        advance(4 * HourMs); // t0+30h
        sweep(*store, {obs("10.0.0.70", phone)});
        PresenceStats stats = store->presenceStats(id).value();
        QCOMPARE(stats.uptimeMs, 4 * HourMs);
        QCOMPARE(stats.onlineMs7d, 5 * HourMs); // the session ended at its last sighting (t0+1h)

        const auto spans = store->presence(id, t0, m_now).value();
        QCOMPARE(spans.size(), 2);
        QCOMPARE(spans[0].from, t0);
        QCOMPARE(spans[0].to, t0.addMSecs(HourMs));
        QVERIFY(!spans[0].open);
        QCOMPARE(spans[1].from, t0.addMSecs(26 * HourMs));
        QCOMPARE(spans[1].to, m_now);
        QVERIFY(spans[1].open);
        // A 24-hour strip ending now sees only the second session.
        QCOMPARE(store->presence(id, m_now.addMSecs(-24 * HourMs), m_now)->size(), 1);

        advance(HourMs);
        store->markOffline({id});
        // A week after t0 + 30 min: the first session is clipped to its last 30 minutes.
        m_now = t0.addDays(7).addMSecs(30 * 60000);
        stats = store->presenceStats(id).value();
        QCOMPARE(stats.uptimeMs, 0);
        QCOMPARE(stats.onlineMs7d, 30 * 60000 + 4 * HourMs);
        QVERIFY(qAbs(stats.fraction7d - 4.5 / 168.0) < 1e-9);
        // Never rows per sweep: four sweeps, two sessions.
        QCOMPARE(store->presence(id, t0.addDays(-1), m_now)->size(), 2);
    }

    void rttSeriesIsDownsampledAndBounded()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const QDateTime t0 = m_now; // 12:00
        const auto ping = [&](double ms) {
            Observation o = obs("10.0.0.5", "00:0d:b9:00:00:05");
            o.rttMs = ms;
            return sweep(*store, {o}).devices.value(0);
        };
        const DeviceId id = ping(10);
        advance(60000);
        ping(20);
        advance(5 * 60000); // 12:06
        ping(30);
        auto points = store->rtt(id, t0.addMSecs(-HourMs), m_now).value();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[0].bucketStart, t0);
        QCOMPARE(points[0].bucketMs, DeviceStore::FineBucketMs);
        QCOMPARE(points[0].samples, 2);
        QCOMPARE(points[0].minMs, 10.0);
        QCOMPARE(points[0].maxMs, 20.0);
        QCOMPARE(points[0].avgMs, 15.0);
        QCOMPARE(points[1].samples, 1);

        // Two days later the 5-minute buckets of that hour are one hourly bucket.
        m_now = t0.addMSecs(49 * HourMs + 10 * 60000);
        ping(40);
        points = store->rtt(id, t0.addMSecs(-HourMs), m_now).value();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[0].bucketStart, t0);
        QCOMPARE(points[0].bucketMs, DeviceStore::CoarseBucketMs);
        QCOMPARE(points[0].samples, 3);
        QCOMPARE(points[0].minMs, 10.0);
        QCOMPARE(points[0].maxMs, 30.0);
        QCOMPARE(points[0].avgMs, 20.0);
        QCOMPARE(points[1].samples, 1);
        QCOMPARE(points[1].minMs, 40.0);

        // After 30 days the old hour is gone; the one of day 3 is still there.
        m_now = t0.addDays(31);
        ping(50);
        points = store->rtt(id, t0.addMSecs(-HourMs), m_now).value();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[0].bucketStart, t0.addMSecs(49 * HourMs));
        QCOMPARE(points[0].bucketMs, DeviceStore::CoarseBucketMs);
        QCOMPARE(points[0].minMs, 40.0);
        QCOMPARE(points[1].bucketMs, DeviceStore::FineBucketMs);
        QCOMPARE(points[1].minMs, 50.0);
    }

    // ---- Merge ---------------------------------------------------------------------------------------------

    void mergeJoinsHistoriesAndAliasesFindTheDevice()
    {
        const QString path = newPath();
        auto store = open(path);
        QVERIFY(store);
        const QDateTime t0 = m_now;
        const DeviceId oldPhone =
            sweep(*store, {obs("10.0.0.40", "00:0d:b9:00:00:40", "Google", "pixel", NameSource::Dhcp)})
                .devices.value(0);
        VERIFY_OK(store->setNotes(oldPhone, QStringLiteral("Anna's phone")));
        advance(HourMs);
        const DeviceId newPhone =
            sweep(*store, {obs("10.0.0.41", "da:a1:19:00:00:41", "", "pixel", NameSource::Dhcp)}).devices.value(0);
        VERIFY_OK(store->setKnown(newPhone, true));
        VERIFY_OK(store->setNotes(newPhone, QStringLiteral("private MAC")));
        const DeviceId remote = sweep(*store, {obs("172.16.0.9", "")}).devices.value(0);

        VERIFY_OK(store->mergeDevices(oldPhone, newPhone));
        VERIFY_OK(store->mergeDevices(oldPhone, remote));
        const auto all = store->devices().value();
        QCOMPARE(all.size(), 1);
        const Device &d = all[0];
        QCOMPARE(d.id, oldPhone);
        QCOMPARE(d.mac, QStringLiteral("00:0d:b9:00:00:40"));
        QCOMPARE(d.aliases, QStringList{QStringLiteral("da:a1:19:00:00:41")});
        QVERIFY(d.known);
        QCOMPARE(d.notes, QStringLiteral("Anna's phone\nprivate MAC"));
        QCOMPARE(d.firstSeen, t0);
        QCOMPARE(d.lastSeen, m_now);
        QCOMPARE(d.vendor, QStringLiteral("Google"));
        QCOMPARE(d.displayName(), QStringLiteral("pixel"));
        QCOMPARE(store->names(oldPhone)->size(), 1); // same name, same source: one row
        QCOMPARE(store->ipHistory(oldPhone)->size(), 3);
        QCOMPARE(store->events(EventFilter{{}, EventKind::NewDevice, oldPhone, false, 0})->size(), 3);
        // Both were online: one session, from the earlier start.
        const auto spans = store->presence(oldPhone, t0.addDays(-1), m_now).value();
        QCOMPARE(spans.size(), 1);
        QCOMPARE(spans[0].from, t0);
        QVERIFY(spans[0].open);

        // Lookups and later sightings by an alias find the merged device.
        QCOMPARE(store->deviceByMac(QStringLiteral("da:a1:19:00:00:41")).value()->id, oldPhone);
        QCOMPARE(store->deviceByIp(ip("172.16.0.9")).value()->id, oldPhone);
        advance(HourMs);
        const SweepResult r = sweep(*store, {obs("10.0.0.41", "da:a1:19:00:00:41"), obs("172.16.0.9", "")});
        QCOMPARE(r.newDevices, 0);
        QCOMPARE(r.devices, (QList<DeviceId>{oldPhone, oldPhone}));
        QCOMPARE(store->devices()->size(), 1);

        QVERIFY(!store->mergeDevices(oldPhone, oldPhone));
        const auto missing = store->mergeDevices(oldPhone, newPhone);
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(path), qPrintable(missing.error()));
    }

    // ---- Events --------------------------------------------------------------------------------------------

    void eventQueriesAndSeenFlag()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const QDateTime t0 = m_now;
        const DeviceId a = sweep(*store, {obs("10.0.0.2", "00:0d:b9:00:00:02")}).devices.value(0);
        advance(HourMs);
        const DeviceId b = sweep(*store, {obs("10.0.0.3", "00:0d:b9:00:00:03")}).devices.value(0);
        advance(HourMs);
        store->markOffline({a});
        advance(HourMs);
        sweep(*store, {obs("10.0.0.2", "00:0d:b9:00:00:02")});

        const auto all = store->events().value();
        QCOMPARE(kinds(all), (QList<EventKind>{EventKind::Online, EventKind::Offline, EventKind::NewDevice,
                                               EventKind::NewDevice})); // newest first
        QCOMPARE(all[3].deviceId, a);
        QCOMPARE(all[2].deviceId, b);
        QCOMPARE(store->events(EventFilter{t0.addMSecs(HourMs), {}, {}, false, 0})->size(), 3);
        QCOMPARE(store->events(EventFilter{{}, EventKind::NewDevice, {}, false, 0})->size(), 2);
        QCOMPARE(store->events(EventFilter{{}, {}, a, false, 0})->size(), 3);
        QCOMPARE(store->events(EventFilter{{}, {}, {}, false, 1})->first().kind, EventKind::Online);

        QCOMPARE(store->unseenEventCount().value(), 4);
        VERIFY_OK(store->markEventsSeen({all[0].id, all[1].id}));
        QCOMPARE(store->unseenEventCount().value(), 2);
        QCOMPARE(store->events(EventFilter{{}, {}, {}, true, 0})->size(), 2);
        QVERIFY(store->events()->first().seen);
        VERIFY_OK(store->markAllEventsSeen());
        QCOMPARE(store->unseenEventCount().value(), 0);

        // The stable names the CLI and JSON use.
        for (EventKind k : allEventKinds())
            QCOMPARE(eventKindFromName(eventKindName(k)), std::optional<EventKind>(k));
        QCOMPARE(eventKindName(EventKind::DuplicateIp), QStringLiteral("duplicate-ip"));
        QCOMPARE(nameSourceFromName(QStringLiteral("mDNS")), std::optional<NameSource>(NameSource::Mdns));
    }

    void newDeviceEventShowsANameFoundLater()
    {
        auto store = open(newPath());
        QVERIFY(store);
        const SweepResult first = sweep(*store, {obs("10.0.0.8", "00:0d:b9:00:00:08")});
        QCOMPARE(first.events[0].deviceName, QString());
        sweep(*store, {obs("10.0.0.8", "00:0d:b9:00:00:08", "PC Engines", "apu", NameSource::Dhcp)});
        const Event e = store->events(EventFilter{{}, EventKind::NewDevice, {}, false, 0})->first();
        QCOMPARE(e.id, first.events[0].id);
        QCOMPARE(e.deviceName, QStringLiteral("apu"));
        QVERIFY2(e.describe().contains(QLatin1String("apu (PC Engines)")), qPrintable(e.describe()));
    }

    // ---- Edits ---------------------------------------------------------------------------------------------

    void editsAndForget()
    {
        const QString path = newPath();
        auto store = open(path);
        QVERIFY(store);
        const DeviceId id = sweep(*store, {obs("10.0.0.2", "00:0d:b9:00:00:02", "", "box")}).devices.value(0);
        VERIFY_OK(store->setKnown(id, true));
        VERIFY_OK(store->setWatch(id, true));
        VERIFY_OK(store->setNotes(id, QStringLiteral("in the attic")));
        Device d = store->device(id).value().value();
        QVERIFY(d.known);
        QVERIFY(d.watch);
        QCOMPARE(d.notes, QStringLiteral("in the attic"));
        QVERIFY(store->events()->first().watch);
        VERIFY_OK(store->setWatch(id, false));
        QVERIFY(!store->device(id).value()->watch);

        const auto bad = store->setKnown(id + 100, true);
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(path), qPrintable(bad.error()));

        VERIFY_OK(store->forgetDevice(id));
        QVERIFY(!store->device(id).value().has_value());
        QCOMPARE(store->events()->size(), 0);
        QCOMPARE(store->names(id)->size(), 0);
        QCOMPARE(store->ipHistory(id)->size(), 0);
        QCOMPARE(rawScalar(path, QStringLiteral("SELECT (SELECT count(*) FROM device_names) + (SELECT count(*) FROM"
                                                " device_ips) + (SELECT count(*) FROM presence)"))
                     .toInt(),
                 0);
        QVERIFY(!store->forgetDevice(id));
        // Seen again, it is a new device with a new id (ids are never reused: a view may still hold the old one).
        const SweepResult again = sweep(*store, {obs("10.0.0.2", "00:0d:b9:00:00:02")});
        QCOMPARE(again.newDevices, 1);
        QVERIFY(again.devices.value(0) > id);
    }

    void invalidObservationWritesNothing()
    {
        auto store = open(newPath());
        QVERIFY(store);
        Sweep s;
        s.observations = {obs("10.0.0.2", "00:0d:b9:00:00:02"), obs("10.0.0.3", "00:0d:b9:00:00")};
        auto r = store->recordSweep(s);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QLatin1String("00:0d:b9:00:00")), qPrintable(r.error()));
        s.observations = {obs(nullptr, "")};
        QVERIFY(!store->recordSweep(s));
        QCOMPARE(store->devices()->size(), 0);
    }

    // ---- One transaction per sweep -------------------------------------------------------------------------

    void bulkSweepIsOneTransaction()
    {
        const QString path = newPath();
        auto store = open(path);
        QVERIFY(store);
        const QString wal = path + QStringLiteral("-wal");
        // The control: two small sweeps are two commits in the WAL, so the count below can fail.
        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).toInt(), 0);
        QCOMPARE(walCommitFrames(wal), 0);
        sweep(*store, {obs("10.3.0.1", "00:0d:b9:01:00:01")});
        sweep(*store, {obs("10.3.0.2", "00:0d:b9:01:00:02")});
        QCOMPARE(walCommitFrames(wal), 2);

        QCOMPARE(rawScalar(path, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).toInt(), 0);
        QCOMPARE(QFileInfo(wal).size(), 0);
        Sweep s;
        s.covered = {IpRange{ip("10.4.0.0"), ip("10.4.255.255")}};
        for (int i = 0; i < 10000; ++i) {
            Observation o =
                obs(nullptr, qPrintable(mac(0x100000 + i)), "Vendor", qPrintable(QStringLiteral("h%1").arg(i)));
            o.ip = ip("10.4.0.0") + quint32(i);
            o.rttMs = 1.5;
            s.observations.append(o);
        }
        const auto r = store->recordSweep(s);
        QVERIFY(r);
        QCOMPARE(r->newDevices, 10000);
        QCOMPARE(r->events.size(), 10000);
        QCOMPARE(walCommitFrames(wal), 1);
        QCOMPARE(store->devices()->size(), 10002);
        QCOMPARE(store->deviceByIp(ip("10.4.39.15")).value()->displayName(), QStringLiteral("h9999"));
    }
};

QTEST_GUILESS_MAIN(TstDeviceStore)
#include "tst_devicestore.moc"
