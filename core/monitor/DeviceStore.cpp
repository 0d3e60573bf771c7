// DeviceStore: the SQLite device inventory (schema, migrations, broken-file recovery, reads and writes).
#include "core/monitor/DeviceStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio> // renameat2, RENAME_NOREPLACE
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lanwatch::monitor {

namespace {

// ---- Schema ---------------------------------------------------------------------------------------
// Forward migrations: step N turns a schema N-1 database into schema N, in one transaction with the
// user_version bump. Never edit a released step; append one. Each new step ships a fixture of the
// schema before it (tests/monitor/fixtures/README.md) and a test that opens it.
struct Migration
{
    int version;
    QList<const char *> statements;
};

// Times are milliseconds since the epoch (UTC); IPv4 addresses are integers in host byte order (they sort
// numerically); MACs are lower-case "aa:bb:cc:dd:ee:ff".
const Migration kMigrations[] = {
    {1,
     {
         // kind 0: keyed by its primary MAC; kind 1: MAC not knowable (across a router), keyed by key_ip.
         "CREATE TABLE devices ("
         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
         " kind INTEGER NOT NULL,"
         " mac TEXT UNIQUE,"
         " key_ip INTEGER,"
         " custom_name TEXT NOT NULL DEFAULT '',"
         " notes TEXT NOT NULL DEFAULT '',"
         " known INTEGER NOT NULL DEFAULT 0,"
         " watch INTEGER NOT NULL DEFAULT 0,"
         " vendor TEXT NOT NULL DEFAULT '',"
         " randomized_mac INTEGER NOT NULL DEFAULT 0,"
         " first_seen INTEGER NOT NULL,"
         " last_seen INTEGER NOT NULL,"
         " CHECK ((kind = 0 AND mac IS NOT NULL AND key_ip IS NULL)"
         "     OR (kind = 1 AND mac IS NULL AND key_ip IS NOT NULL)))",
         "CREATE UNIQUE INDEX devices_key_ip ON devices(key_ip) WHERE kind = 1",
         // What merged devices were known by: a MAC, or the key IP of a merged IP-keyed device.
         "CREATE TABLE device_aliases ("
         " id INTEGER PRIMARY KEY,"
         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
         " mac TEXT UNIQUE,"
         " ip INTEGER UNIQUE,"
         " merged_at INTEGER NOT NULL,"
         " CHECK ((mac IS NULL) <> (ip IS NULL)))",
         "CREATE INDEX device_aliases_device ON device_aliases(device_id)",
         "CREATE TABLE device_names ("
         " id INTEGER PRIMARY KEY,"
         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
         " name TEXT NOT NULL,"
         " source INTEGER NOT NULL,"
         " first_seen INTEGER NOT NULL,"
         " last_seen INTEGER NOT NULL,"
         " locked INTEGER NOT NULL DEFAULT 0,"
         " UNIQUE (device_id, source, name))",
         "CREATE UNIQUE INDEX device_names_one_lock ON device_names(device_id) WHERE locked = 1",
         // IP history: one row per holding; ended IS NULL while the device still holds the IP.
         "CREATE TABLE device_ips ("
         " id INTEGER PRIMARY KEY,"
         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
         " ip INTEGER NOT NULL,"
         " first_seen INTEGER NOT NULL,"
         " last_seen INTEGER NOT NULL,"
         " ended INTEGER)",
         "CREATE INDEX device_ips_device ON device_ips(device_id, first_seen)",
         "CREATE INDEX device_ips_current ON device_ips(ip) WHERE ended IS NULL",
         // Presence sessions: a row per online period (changes of state, not a row per sweep).
         "CREATE TABLE presence ("
         " id INTEGER PRIMARY KEY,"
         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
         " started INTEGER NOT NULL,"
         " ended INTEGER)",
         "CREATE INDEX presence_device ON presence(device_id, started)",
         "CREATE UNIQUE INDEX presence_open ON presence(device_id) WHERE ended IS NULL",
         // Downsampled RTT: 5-minute buckets, folded into hourly ones after 48 h, dropped after 30 days.
         "CREATE TABLE rtt_samples ("
         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
         " bucket_ms INTEGER NOT NULL,"
         " bucket_start INTEGER NOT NULL,"
         " samples INTEGER NOT NULL,"
         " sum_ms REAL NOT NULL,"
         " min_ms REAL NOT NULL,"
         " max_ms REAL NOT NULL,"
         " PRIMARY KEY (device_id, bucket_ms, bucket_start)) WITHOUT ROWID",
         "CREATE INDEX rtt_samples_age ON rtt_samples(bucket_ms, bucket_start)",
         "CREATE TABLE events ("
         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
         " time INTEGER NOT NULL,"
         " kind INTEGER NOT NULL,"
         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
         " ip INTEGER,"
         " mac TEXT,"
         " other_ip INTEGER,"
         " other_mac TEXT,"
         " name_before TEXT,"
         " name_after TEXT,"
         " seen INTEGER NOT NULL DEFAULT 0)",
         "CREATE INDEX events_time ON events(time)",
         "CREATE INDEX events_kind ON events(kind, time)",
         "CREATE INDEX events_device ON events(device_id, time)",
         "CREATE INDEX events_unseen ON events(seen) WHERE seen = 0",
     }},
};

// A duplicate IP that persists is reported again after this long, not on every sweep.
constexpr qint64 DuplicateRepeatMs = 24LL * 3600 * 1000;
constexpr qint64 WeekMs = 7LL * 24 * 3600 * 1000;

// SQLite primary result codes (sqlite3.h), as QSqlError::nativeErrorCode() reports them.
enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADb = 26,
};

int sqliteCode(const QSqlError &error)
{
    return error.nativeErrorCode().toInt() & 0xff; // primary code of an extended one
}

bool isCorruption(const QSqlError &error)
{
    const int code = sqliteCode(error);
    return code == SqliteCorrupt || code == SqliteNotADb;
}

QString describeSqlError(const QString &path, const QSqlError &error, bool writing)
{
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    switch (sqliteCode(error)) {
    case SqliteFull:
        return QCoreApplication::translate(
                   "DeviceStore",
                   "Cannot write to the device database %1: the disk is full (%2). Nothing of this change was "
                   "saved; free some space on that disk.")
            .arg(path, detail);
    case SqliteReadOnly:
        return QCoreApplication::translate(
                   "DeviceStore",
                   "Cannot write to the device database %1: it is read-only (%2). Give your user write access "
                   "to the file and its folder.")
            .arg(path, detail);
    case SqliteBusy:
    case SqliteLocked:
        return QCoreApplication::translate(
                   "DeviceStore", "The device database %1 is busy: another program is writing to it (%2). Try again.")
            .arg(path, detail);
    case SqliteCorrupt:
    case SqliteNotADb:
        return QCoreApplication::translate(
                   "DeviceStore",
                   "The device database %1 is damaged (%2). Restart lanwatch: it moves the damaged file aside "
                   "and starts a new one.")
            .arg(path, detail);
    case SqliteIoErr:
    case SqliteCantOpen:
        return QCoreApplication::translate(
                   "DeviceStore",
                   "Input/output error on the device database %1 (%2). Check the disk and the file's folder.")
            .arg(path, detail);
    default:
        return (writing ? QCoreApplication::translate("DeviceStore", "Cannot write to the device database %1: %2")
                        : QCoreApplication::translate("DeviceStore", "Cannot read the device database %1: %2"))
            .arg(path, detail);
    }
}

// Every statement can fail (a full disk, a damaged file). Inside this file a failure is thrown, and each
// public call catches it once, rolls its transaction back and returns it as a Result.
struct SqlFailure
{
    QString message;
    bool corrupt = false;
};

class Statement
{
public:
    Statement(const QSqlDatabase &db, const QString &path, const char *sql, bool write = true)
        : m_query(db), m_path(path), m_write(write)
    {
        m_query.setForwardOnly(true);
        if (!m_query.prepare(QString::fromLatin1(sql)))
            fail();
    }
    Statement &exec(std::initializer_list<QVariant> values = {})
    {
        int i = 0;
        for (const QVariant &v : values)
            m_query.bindValue(i++, v);
        if (!m_query.exec())
            fail();
        return *this;
    }
    Statement &execList(const QVariantList &values)
    {
        for (int i = 0; i < values.size(); ++i)
            m_query.bindValue(i, values[i]);
        if (!m_query.exec())
            fail();
        return *this;
    }
    bool next()
    {
        if (m_query.next())
            return true;
        if (m_query.lastError().isValid() && m_query.lastError().type() != QSqlError::NoError)
            fail();
        m_query.finish();
        return false;
    }
    // The first row's first column, or def when there is no row.
    QVariant scalar(const QVariant &def = {})
    {
        QVariant v = def;
        if (next())
            v = m_query.value(0);
        m_query.finish();
        return v;
    }
    QVariant value(int i) const { return m_query.value(i); }
    qint64 lastInsertId() const { return m_query.lastInsertId().toLongLong(); }
    int rowsAffected() const { return m_query.numRowsAffected(); }

private:
    [[noreturn]] void fail()
    {
        const QSqlError error = m_query.lastError();
        throw SqlFailure{describeSqlError(m_path, error, m_write), isCorruption(error)};
    }
    QSqlQuery m_query;
    QString m_path;
    bool m_write;
};

qint64 toMs(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

QDateTime fromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QVariant nullable(quint32 ip)
{
    return ip ? QVariant(qint64(ip)) : QVariant();
}

// A null QString binds as SQL NULL; the NOT NULL text columns get an empty string instead.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

// ---- Checking the file before SQLite sees it ---------------------------------------------------------
struct FileVerdict
{
    bool corrupt = false;
    QString reason;
};

Result<FileVerdict> inspectFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st
    {
    };
    if (::stat(native.constData(), &st) != 0) {
        const int err = errno;
        if (err != ENOENT)
            return Result<FileVerdict>::failure(
                QCoreApplication::translate("DeviceStore", "Cannot open the device database %1: %2.")
                    .arg(path, QString::fromLocal8Bit(std::strerror(err))));
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir))
            return Result<FileVerdict>::failure(
                QCoreApplication::translate(
                    "DeviceStore",
                    "Cannot create the folder %1 for the device database. Check its permissions, or choose another "
                    "file with --db.")
                    .arg(dir));
        return FileVerdict{};
    }
    if (!S_ISREG(st.st_mode))
        return Result<FileVerdict>::failure(
            QCoreApplication::translate(
                "DeviceStore",
                "The device database %1 is not a file (a folder or something else is in its place). lanwatch left "
                "it as it is; move it away or choose another file with --db.")
                .arg(path));
    const int fd = ::open(native.constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == EACCES || err == EPERM)
            return Result<FileVerdict>::failure(
                QCoreApplication::translate(
                    "DeviceStore",
                    "Cannot open the device database %1: permission denied. lanwatch left the file as it is; give "
                    "your user read and write access to it, or choose another file with --db.")
                    .arg(path));
        return Result<FileVerdict>::failure(
            QCoreApplication::translate("DeviceStore",
                                        "Cannot open the device database %1: %2. lanwatch left the file as it is.")
                .arg(path, QString::fromLocal8Bit(std::strerror(err))));
    }
    unsigned char header[100];
    ssize_t got = 0;
    while (got < ssize_t(sizeof header)) {
        const ssize_t n = ::read(fd, header + got, sizeof header - size_t(got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += n;
    }
    ::close(fd);
    if (st.st_size == 0)
        return FileVerdict{}; // SQLite's own view: an empty file is a new database
    if (got < ssize_t(sizeof header))
        return FileVerdict{true, QCoreApplication::translate("DeviceStore",
                                                             "truncated to %n bytes, shorter than an SQLite header",
                                                             nullptr, int(got))};
    if (std::memcmp(header, "SQLite format 3", 16) != 0)
        return FileVerdict{true, QCoreApplication::translate("DeviceStore", "not an SQLite database")};
    qint64 pageSize = (header[16] << 8) | header[17];
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        return FileVerdict{true,
                           QCoreApplication::translate("DeviceStore", "damaged header (page size %1)").arg(pageSize)};
    if (st.st_size % pageSize != 0)
        return FileVerdict{true, QCoreApplication::translate(
                                     "DeviceStore", "truncated: %1 bytes is not a whole number of %2-byte pages")
                                     .arg(qint64(st.st_size))
                                     .arg(pageSize)};
    return FileVerdict{};
}

// Renames path (and its -wal/-shm/-journal companions, which belong to it: a fresh database must not
// replay an old WAL) to "<path>.corrupt-<UTC time>", never replacing an existing file. Returns the new name.
Result<QString> moveAside(const QString &path, const QDateTime &now)
{
    const QString stamp = now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    for (int n = 1; n < 100; ++n) {
        const QString target =
            path + QStringLiteral(".corrupt-") + stamp + (n == 1 ? QString() : QStringLiteral("-%1").arg(n));
        if (::renameat2(AT_FDCWD, QFile::encodeName(path).constData(), AT_FDCWD, QFile::encodeName(target).constData(),
                        RENAME_NOREPLACE) != 0) {
            const int err = errno;
            if (err == EEXIST)
                continue;
            return Result<QString>::failure(
                QCoreApplication::translate(
                    "DeviceStore",
                    "The device database %1 is damaged and lanwatch could not move it aside to %2: %3. Move or "
                    "remove it yourself, or choose another file with --db.")
                    .arg(path, target, QString::fromLocal8Bit(std::strerror(err))));
        }
        for (const char *suffix : {"-wal", "-shm", "-journal"}) {
            const QByteArray from = QFile::encodeName(path + QLatin1String(suffix));
            const QByteArray to = QFile::encodeName(target + QLatin1String(suffix));
            if (::access(from.constData(), F_OK) == 0 &&
                ::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) != 0)
                return Result<QString>::failure(
                    QCoreApplication::translate(
                        "DeviceStore",
                        "lanwatch moved the damaged device database %1 aside to %2 but could not move %3 with it: %4. "
                        "Move that file away yourself before starting lanwatch again.")
                        .arg(path, target, QFile::decodeName(from), QString::fromLocal8Bit(std::strerror(errno))));
        }
        return target;
    }
    return Result<QString>::failure(
        QCoreApplication::translate("DeviceStore", "Too many damaged copies of %1 already set aside; remove some.")
            .arg(path));
}

QString newConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("lanwatch-devicestore-%1").arg(++counter);
}

// Opens the connection's schema: checks what the file is, then migrates it to SchemaVersion.
enum class Prepared { Ok, Corrupt };

Result<Prepared> prepareSchema(QSqlDatabase &db, const QString &path, QString *corruptReason)
{
    try {
        const qint64 appId = Statement(db, path, "PRAGMA application_id", false).exec().scalar(0).toLongLong();
        const int userVersion = Statement(db, path, "PRAGMA user_version", false).exec().scalar(0).toInt();
        const int objects = Statement(db, path, "SELECT count(*) FROM sqlite_master", false).exec().scalar(0).toInt();
        const bool fresh = appId == 0 && userVersion == 0 && objects == 0;
        if (!fresh && appId != DeviceStore::ApplicationId)
            return Result<Prepared>::failure(
                QCoreApplication::translate(
                    "DeviceStore",
                    "%1 is an SQLite database, but not a lanwatch device database. lanwatch left it as it is; choose "
                    "another file with --db.")
                    .arg(path));
        if (userVersion > DeviceStore::SchemaVersion)
            return Result<Prepared>::failure(
                QCoreApplication::translate(
                    "DeviceStore",
                    "The device database %1 was written by a newer lanwatch (schema %2; this lanwatch knows up to "
                    "schema %3). lanwatch left it unchanged: update lanwatch, or choose another file with --db.")
                    .arg(path)
                    .arg(userVersion)
                    .arg(DeviceStore::SchemaVersion));
        if (!fresh) {
            Statement check(db, path, "PRAGMA quick_check(1)", false);
            check.exec();
            const QString verdict = check.scalar().toString();
            if (verdict != QLatin1String("ok")) {
                *corruptReason = verdict;
                return Prepared::Corrupt;
            }
        }
        const QString mode = Statement(db, path, "PRAGMA journal_mode = WAL").exec().scalar().toString();
        if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return Result<Prepared>::failure(
                QCoreApplication::translate(
                    "DeviceStore",
                    "The device database %1 cannot use write-ahead logging (journal mode stays \"%2\"); its file "
                    "system may not support it. Choose a file on a local disk with --db.")
                    .arg(path, mode));
        // NORMAL is durable enough in WAL mode: a power cut may lose the last sweep, never consistency.
        Statement(db, path, "PRAGMA synchronous = NORMAL").exec();
        Statement(db, path, "PRAGMA foreign_keys = ON").exec();
        for (const Migration &step : kMigrations) {
            if (step.version <= userVersion)
                continue;
            Statement(db, path, "BEGIN IMMEDIATE").exec();
            try {
                // Another process may have migrated while we waited for the write lock.
                if (Statement(db, path, "PRAGMA user_version", false).exec().scalar(0).toInt() < step.version) {
                    for (const char *sql : step.statements)
                        Statement(db, path, sql).exec();
                    Statement(db, path,
                              QByteArray("PRAGMA user_version = " + QByteArray::number(step.version)).constData())
                        .exec();
                    Statement(db, path,
                              QByteArray("PRAGMA application_id = " + QByteArray::number(DeviceStore::ApplicationId))
                                  .constData())
                        .exec();
                }
                Statement(db, path, "COMMIT").exec();
            } catch (const SqlFailure &) {
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
                throw;
            }
        }
        return Prepared::Ok;
    } catch (const SqlFailure &failure) {
        if (failure.corrupt) {
            *corruptReason = failure.message;
            return Prepared::Corrupt;
        }
        return Result<Prepared>::failure(failure.message);
    }
}

void dropConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

const char *const kDeviceColumns =
    "SELECT d.id, d.kind, d.mac, d.key_ip, d.custom_name, d.notes, d.known, d.watch, d.vendor, d.randomized_mac,"
    " d.first_seen, d.last_seen,"
    " (SELECT name FROM device_names n WHERE n.device_id = d.id AND n.locked = 1),"
    " (SELECT name FROM device_names n WHERE n.device_id = d.id ORDER BY n.first_seen DESC, n.id DESC LIMIT 1),"
    " (SELECT started FROM presence p WHERE p.device_id = d.id AND p.ended IS NULL)"
    " FROM devices d";

} // namespace

// ---- Opening --------------------------------------------------------------------------------------------

QString DeviceStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/devices.sqlite");
}

DeviceStore::DeviceStore(QString path, QString connection, Clock clock)
    : m_path(std::move(path)), m_connection(std::move(connection)), m_clock(std::move(clock))
{}

DeviceStore::~DeviceStore()
{
    dropConnection(m_connection);
}

Result<std::unique_ptr<DeviceStore>> DeviceStore::open(const QString &requestedPath, Clock clock)
{
    using R = Result<std::unique_ptr<DeviceStore>>;
    if (!clock)
        clock = [] { return QDateTime::currentDateTimeUtc(); };
    const QString path = QFileInfo(requestedPath).absoluteFilePath();
    QString notice;
    // Second round only after moving a damaged file aside.
    for (int round = 0; round < 2; ++round) {
        const auto verdict = inspectFile(path);
        if (!verdict)
            return R::failure(verdict.error());
        QString corruptReason = verdict->reason;
        bool corrupt = verdict->corrupt;
        const QString name = newConnectionName();
        if (!corrupt) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            if (!db.isValid()) {
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(name);
                return R::failure(QCoreApplication::translate(
                    "DeviceStore", "Qt's SQLite driver (QSQLITE) is missing, so lanwatch cannot keep its device "
                                   "database. Install the package libqt6sql6-sqlite."));
            }
            db.setDatabaseName(path);
            // Another lanwatch (the CLI while the GUI sweeps) waits for the write lock instead of failing.
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            Result<Prepared> prepared = Prepared::Ok;
            if (!db.open())
                prepared = isCorruption(db.lastError())
                               ? Result<Prepared>(Prepared::Corrupt)
                               : Result<Prepared>::failure(describeSqlError(path, db.lastError(), false));
            else
                prepared = prepareSchema(db, path, &corruptReason);
            db = QSqlDatabase();
            if (prepared && prepared.value() == Prepared::Ok) {
                auto store = std::unique_ptr<DeviceStore>(new DeviceStore(path, name, clock));
                store->m_notice = notice;
                return R(std::move(store));
            }
            dropConnection(name);
            if (!prepared)
                return R::failure(prepared.error());
            corrupt = true;
        }
        if (round == 1)
            break;
        const auto aside = moveAside(path, clock());
        if (!aside)
            return R::failure(aside.error());
        notice = QCoreApplication::translate(
                     "DeviceStore",
                     "The device database %1 could not be used (%2). lanwatch moved it aside to %3 (nothing was "
                     "deleted) and started a new, empty device inventory.")
                     .arg(path, corruptReason, aside.value());
    }
    return R::failure(QCoreApplication::translate(
                          "DeviceStore",
                          "The device database %1 is still unusable after lanwatch set the damaged file aside and "
                          "created a new one. Check the disk.")
                          .arg(path));
}

QDateTime DeviceStore::now() const
{
    return m_clock().toUTC();
}

QSqlDatabase DeviceStore::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

// ---- Transactions ---------------------------------------------------------------------------------------

namespace {

template <typename T, typename Body>
Result<T> runTransaction(const QSqlDatabase &db, const QString &path, bool write, Body &&body)
{
    try {
        Statement(db, path, write ? "BEGIN IMMEDIATE" : "BEGIN", write).exec();
        try {
            if constexpr (std::is_void_v<T>) {
                body();
                Statement(db, path, "COMMIT", write).exec();
                return Result<T>();
            } else {
                T value = body();
                Statement(db, path, "COMMIT", write).exec();
                return Result<T>(std::move(value));
            }
        } catch (const SqlFailure &) {
            // SQLite may already have rolled back (SQLITE_FULL can do that); a second ROLLBACK is harmless.
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            throw;
        }
    } catch (const SqlFailure &failure) {
        return Result<T>::failure(failure.message);
    }
}

[[noreturn]] void throwMessage(QString message)
{
    throw SqlFailure{std::move(message), false};
}

QString noDevice(const QString &path, DeviceId id)
{
    return QCoreApplication::translate("DeviceStore", "There is no device %1 in %2 (it may have been forgotten).")
        .arg(id)
        .arg(path);
}

Device deviceFromRow(const Statement &q)
{
    Device d;
    d.id = q.value(0).toLongLong();
    d.kind = q.value(1).toInt() == 1 ? DeviceKind::Ip : DeviceKind::Mac;
    d.mac = q.value(2).toString();
    d.keyIp = quint32(q.value(3).toLongLong());
    d.customName = q.value(4).toString();
    d.notes = q.value(5).toString();
    d.known = q.value(6).toBool();
    d.watch = q.value(7).toBool();
    d.vendor = q.value(8).toString();
    d.randomizedMac = q.value(9).toBool();
    d.firstSeen = fromMs(q.value(10));
    d.lastSeen = fromMs(q.value(11));
    d.lockedName = q.value(12).toString();
    d.seenName = q.value(13).toString();
    d.onlineSince = fromMs(q.value(14));
    d.online = d.onlineSince.isValid();
    return d;
}

QList<Event> queryEvents(const QSqlDatabase &db, const QString &path, const QString &where, const QVariantList &bind,
                         int limit)
{
    QByteArray sql =
        "SELECT e.id, e.time, e.kind, e.device_id, e.ip, e.mac, e.other_ip, e.other_mac, e.name_before,"
        " e.name_after, e.seen, d.custom_name,"
        " (SELECT name FROM device_names n WHERE n.device_id = d.id AND n.locked = 1),"
        " (SELECT name FROM device_names n WHERE n.device_id = d.id ORDER BY n.first_seen DESC, n.id DESC LIMIT 1),"
        " d.vendor, d.randomized_mac, d.watch"
        " FROM events e JOIN devices d ON d.id = e.device_id";
    if (!where.isEmpty())
        sql += " WHERE " + where.toLatin1();
    sql += " ORDER BY e.time DESC, e.id DESC";
    if (limit > 0)
        sql += " LIMIT " + QByteArray::number(limit);
    Statement q(db, path, sql.constData(), false);
    q.execList(bind);
    QList<Event> events;
    while (q.next()) {
        Event e;
        e.id = q.value(0).toLongLong();
        e.time = fromMs(q.value(1));
        e.kind = EventKind(q.value(2).toInt());
        e.deviceId = q.value(3).toLongLong();
        e.ip = quint32(q.value(4).toLongLong());
        e.mac = q.value(5).toString();
        e.otherIp = quint32(q.value(6).toLongLong());
        e.otherMac = q.value(7).toString();
        e.nameBefore = q.value(8).toString();
        e.nameAfter = q.value(9).toString();
        e.seen = q.value(10).toBool();
        const QString custom = q.value(11).toString();
        const QString locked = q.value(12).toString();
        e.deviceName = !custom.isEmpty() ? custom : !locked.isEmpty() ? locked : q.value(13).toString();
        e.vendor = q.value(14).toString();
        e.randomizedMac = q.value(15).toBool();
        e.watch = q.value(16).toBool();
        events.append(e);
    }
    return events;
}

QList<Event> eventsByIds(const QSqlDatabase &db, const QString &path, const QList<EventId> &ids)
{
    if (ids.isEmpty())
        return {};
    QList<Event> events =
        queryEvents(db, path, QStringLiteral("e.id BETWEEN ? AND ?"),
                    {*std::min_element(ids.begin(), ids.end()), *std::max_element(ids.begin(), ids.end())}, 0);
    std::reverse(events.begin(), events.end()); // oldest first, in the order they were stored
    return events;
}

} // namespace

// ---- Writing what the network showed ----------------------------------------------------------------------

Result<SweepResult> DeviceStore::recordSweep(const Sweep &sweep)
{
    const qint64 nowMs = toMs(sweep.time.isValid() ? sweep.time : now());
    // Validate first, so a bad observation fails the call before anything is written.
    QStringList macs;
    macs.reserve(sweep.observations.size());
    for (qsizetype i = 0; i < sweep.observations.size(); ++i) {
        const Observation &o = sweep.observations[i];
        QString mac;
        if (!o.mac.isEmpty()) {
            mac = normalizedMac(o.mac);
            if (mac.isEmpty())
                return Result<SweepResult>::failure(
                    QCoreApplication::translate(
                        "DeviceStore",
                        "Observation %1 of the sweep has \"%2\", which is not a MAC address; nothing was saved.")
                        .arg(i + 1)
                        .arg(o.mac));
        } else if (o.ip == 0) {
            return Result<SweepResult>::failure(
                QCoreApplication::translate(
                    "DeviceStore",
                    "Observation %1 of the sweep has neither a MAC nor an IP address; nothing was saved.")
                    .arg(i + 1));
        }
        macs.append(mac);
    }

    const QSqlDatabase d = db();
    const QString &p = m_path;
    return runTransaction<SweepResult>(d, p, true, [&]() {
        SweepResult result;
        QList<EventId> eventIds;
        Statement insertEvent(d, p,
                              "INSERT INTO events (time, kind, device_id, ip, mac, other_ip, other_mac, name_before,"
                              " name_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const auto addEvent = [&](EventKind kind, DeviceId id, quint32 ip, const QString &mac, quint32 otherIp,
                                  const QString &otherMac, const QString &before = {}, const QString &after = {}) {
            insertEvent.exec({nowMs, int(kind), id, nullable(ip), nullable(mac), nullable(otherIp), nullable(otherMac),
                              nullable(before), nullable(after)});
            eventIds.append(insertEvent.lastInsertId());
        };

        Statement findByMac(d, p,
                            "SELECT id FROM devices WHERE mac = ? UNION ALL"
                            " SELECT device_id FROM device_aliases WHERE mac = ? LIMIT 1");
        Statement findByKeyIp(d, p,
                              "SELECT id FROM devices WHERE kind = 1 AND key_ip = ? UNION ALL"
                              " SELECT device_id FROM device_aliases WHERE ip = ? LIMIT 1");
        Statement findHolder(d, p,
                             "SELECT i.device_id FROM device_ips i JOIN devices d ON d.id = i.device_id"
                             " WHERE i.ip = ? AND i.ended IS NULL AND d.kind = 0 ORDER BY i.last_seen DESC LIMIT 1");
        Statement insertDevice(d, p,
                               "INSERT INTO devices (kind, mac, key_ip, vendor, randomized_mac, first_seen, last_seen)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?)");
        Statement touchDevice(d, p,
                              "UPDATE devices SET last_seen = max(last_seen, ?),"
                              " vendor = CASE WHEN ? <> '' THEN ? ELSE vendor END WHERE id = ?");
        Statement deviceInfo(d, p, "SELECT kind, mac FROM devices WHERE id = ?");
        Statement openSession(d, p, "SELECT 1 FROM presence WHERE device_id = ? AND ended IS NULL");
        Statement startSession(d, p, "INSERT INTO presence (device_id, started) VALUES (?, ?)");
        Statement newestName(d, p,
                             "SELECT name FROM device_names WHERE device_id = ?"
                             " ORDER BY first_seen DESC, id DESC LIMIT 1");
        Statement upsertName(d, p,
                             "INSERT INTO device_names (device_id, name, source, first_seen, last_seen)"
                             " VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id, source, name)"
                             " DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)");
        Statement upsertRtt(d, p,
                            "INSERT INTO rtt_samples (device_id, bucket_ms, bucket_start, samples, sum_ms, min_ms,"
                            " max_ms) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (device_id, bucket_ms, bucket_start)"
                            " DO UPDATE SET samples = samples + 1, sum_ms = sum_ms + excluded.sum_ms,"
                            " min_ms = min(min_ms, excluded.min_ms), max_ms = max(max_ms, excluded.max_ms)");

        // Pass 1: find or create each device; last seen, vendor, presence, names, RTT.
        struct Seen
        {
            DeviceKind kind = DeviceKind::Mac;
            QString mac;
            bool isNew = false;
            QString nameBefore;
            QList<quint32> ips; // observed in this sweep, in order
        };
        QHash<DeviceId, Seen> seen;
        QList<DeviceId> order; // devices in first-observed order
        QHash<QString, DeviceId> byMac;
        for (qsizetype i = 0; i < sweep.observations.size(); ++i) {
            const Observation &o = sweep.observations[i];
            const QString &mac = macs[i];
            DeviceId id = 0;
            if (!mac.isEmpty()) {
                id = byMac.value(mac, 0);
                if (!id)
                    id = findByMac.exec({mac, mac}).scalar(0).toLongLong();
            } else {
                id = findByKeyIp.exec({qint64(o.ip), qint64(o.ip)}).scalar(0).toLongLong();
                if (!id) // an address a MAC-keyed device holds: the same device, seen without its MAC
                    id = findHolder.exec({qint64(o.ip)}).scalar(0).toLongLong();
            }
            bool created = false;
            if (!id) {
                const bool byIp = mac.isEmpty();
                insertDevice.exec({byIp ? 1 : 0, byIp ? QVariant() : QVariant(mac),
                                   byIp ? QVariant(qint64(o.ip)) : QVariant(), text(o.vendor),
                                   byIp ? 0 : int(isRandomizedMac(mac)), nowMs, nowMs});
                id = insertDevice.lastInsertId();
                created = true;
                ++result.newDevices;
            }
            if (!mac.isEmpty())
                byMac.insert(mac, id);
            result.devices.append(id);

            auto it = seen.find(id);
            if (it == seen.end()) {
                Seen s;
                s.isNew = created;
                deviceInfo.exec({id});
                if (deviceInfo.next()) {
                    s.kind = deviceInfo.value(0).toInt() == 1 ? DeviceKind::Ip : DeviceKind::Mac;
                    s.mac = deviceInfo.value(1).toString();
                    deviceInfo.next();
                }
                s.nameBefore = newestName.exec({id}).scalar().toString();
                it = seen.insert(id, s);
                order.append(id);
                if (created)
                    addEvent(EventKind::NewDevice, id, o.ip, mac, 0, {});
                if (!created)
                    touchDevice.exec({nowMs, text(o.vendor), text(o.vendor), id});
                if (!openSession.exec({id}).scalar(0).toBool()) {
                    startSession.exec({id, nowMs});
                    if (!created)
                        addEvent(EventKind::Online, id, o.ip, mac.isEmpty() ? s.mac : mac, 0, {});
                }
            } else if (!o.vendor.isEmpty()) {
                touchDevice.exec({nowMs, text(o.vendor), text(o.vendor), id});
            }
            if (o.ip && !it->ips.contains(o.ip))
                it->ips.append(o.ip);
            for (const NameSighting &n : o.names) {
                const QString name = n.name.trimmed();
                if (!name.isEmpty())
                    upsertName.exec({id, name, int(n.source), nowMs, nowMs});
            }
            if (o.rttMs >= 0) {
                const qint64 bucket = nowMs - nowMs % FineBucketMs;
                upsertRtt.exec({id, FineBucketMs, bucket, o.rttMs, o.rttMs, o.rttMs});
            }
        }

        // Which devices answered for each IP in this sweep (MAC-keyed ones: an IP-keyed device is its IP).
        QHash<quint32, QList<DeviceId>> answeredBy;
        for (DeviceId id : std::as_const(order))
            if (seen[id].kind == DeviceKind::Mac)
                for (quint32 ip : std::as_const(seen[id].ips))
                    answeredBy[ip].append(id);

        // Pass 2: IP history. A new holding ends the previous holder's, unless both answered in this sweep
        // (duplicate IP). A previous holder that is online and was not seen elsewhere now: possible spoofing.
        Statement currentHolding(d, p, "SELECT id FROM device_ips WHERE device_id = ? AND ip = ? AND ended IS NULL");
        Statement touchHolding(d, p, "UPDATE device_ips SET last_seen = max(last_seen, ?) WHERE id = ?");
        Statement otherHolders(d, p,
                               "SELECT i.id, i.device_id, d.mac,"
                               " EXISTS (SELECT 1 FROM presence p WHERE p.device_id = d.id AND p.ended IS NULL),"
                               " i.last_seen"
                               " FROM device_ips i JOIN devices d ON d.id = i.device_id"
                               " WHERE i.ip = ? AND i.ended IS NULL AND i.device_id <> ? AND d.kind = 0");
        Statement endHolding(d, p, "UPDATE device_ips SET ended = ? WHERE id = ?");
        Statement insertHolding(d, p,
                                "INSERT INTO device_ips (device_id, ip, first_seen, last_seen) VALUES (?, ?, ?, ?)");
        Statement currentIps(d, p, "SELECT id, ip, last_seen FROM device_ips WHERE device_id = ? AND ended IS NULL");
        struct Left
        {
            quint32 ip;
            qint64 lastSeen;
        };
        QHash<DeviceId, QList<Left>> left;
        for (DeviceId id : std::as_const(order)) {
            const Seen &s = seen[id];
            for (quint32 ip : s.ips) {
                const qint64 holding = currentHolding.exec({id, qint64(ip)}).scalar(0).toLongLong();
                if (holding) {
                    touchHolding.exec({nowMs, holding});
                    continue;
                }
                if (s.kind == DeviceKind::Mac) {
                    struct Holder
                    {
                        qint64 row;
                        DeviceId device;
                        QString mac;
                        bool online;
                        qint64 lastSeen;
                    };
                    QList<Holder> holders;
                    otherHolders.exec({qint64(ip), id});
                    while (otherHolders.next())
                        holders.append({otherHolders.value(0).toLongLong(), otherHolders.value(1).toLongLong(),
                                        otherHolders.value(2).toString(), otherHolders.value(3).toBool(),
                                        otherHolders.value(4).toLongLong()});
                    const QList<DeviceId> &both = answeredBy[ip];
                    for (const Holder &h : holders) {
                        if (both.contains(h.device))
                            continue; // duplicate IP, reported below; both keep it
                        endHolding.exec({nowMs, h.row});
                        const bool movedElsewhere = seen.contains(h.device);
                        if (h.online && !movedElsewhere)
                            addEvent(EventKind::IpClaimed, id, ip, s.mac, 0, h.mac);
                        if (movedElsewhere) // it answered on another address: it left this one for that
                            left[h.device].append(Left{ip, h.lastSeen});
                    }
                }
                insertHolding.exec({id, qint64(ip), nowMs, nowMs});
            }
            // IPs in the probed ranges that this device no longer answered on: it left them.
            if (s.kind == DeviceKind::Mac && !sweep.covered.isEmpty()) {
                currentIps.exec({id});
                QList<QPair<qint64, Left>> stale;
                while (currentIps.next()) {
                    const quint32 ip = quint32(currentIps.value(1).toLongLong());
                    if (s.ips.contains(ip))
                        continue;
                    for (const IpRange &r : sweep.covered)
                        if (r.contains(ip)) {
                            stale.append({currentIps.value(0).toLongLong(), Left{ip, currentIps.value(2).toLongLong()}});
                            break;
                        }
                }
                for (const auto &[row, gone] : std::as_const(stale)) {
                    endHolding.exec({nowMs, row});
                    left[id].append(gone);
                }
            }
        }
        // An IP change is an address given up for one taken since it was last seen: the new address may be
        // from this sweep or heard earlier (passive listening cannot tell that the old one was left). An address
        // gained while the others still answer is not a change (a router answering for many, a second
        // interface): it is kept in the IP history only.
        Statement takenSince(d, p,
                             "SELECT ip FROM device_ips WHERE device_id = ? AND ended IS NULL AND first_seen > ?"
                             " ORDER BY first_seen DESC, id DESC");
        for (DeviceId id : std::as_const(order)) {
            QList<quint32> used;
            for (const Left &gone : left.value(id)) {
                takenSince.exec({id, gone.lastSeen});
                while (takenSince.next()) {
                    const quint32 ip = quint32(takenSince.value(0).toLongLong());
                    if (used.contains(ip))
                        continue;
                    used.append(ip);
                    addEvent(EventKind::IpChanged, id, ip, seen[id].mac, gone.ip, {});
                    break;
                }
            }
        }

        // Duplicate IPs: one event per extra MAC, not repeated while it persists (DuplicateRepeatMs).
        Statement recentDuplicate(d, p,
                                  "SELECT 1 FROM events WHERE kind = ? AND ip = ? AND time > ?"
                                  " AND ((mac = ? AND other_mac = ?) OR (mac = ? AND other_mac = ?)) LIMIT 1");
        QList<quint32> ips = answeredBy.keys();
        std::sort(ips.begin(), ips.end());
        for (quint32 ip : std::as_const(ips)) {
            const QList<DeviceId> &ids = answeredBy[ip];
            for (qsizetype i = 1; i < ids.size(); ++i) {
                const QString a = seen[ids[0]].mac;
                const QString b = seen[ids[i]].mac;
                if (recentDuplicate
                        .exec({int(EventKind::DuplicateIp), qint64(ip), nowMs - DuplicateRepeatMs, b, a, a, b})
                        .scalar(0)
                        .toBool())
                    continue;
                addEvent(EventKind::DuplicateIp, ids[i], ip, b, 0, a);
            }
        }

        // Names: the newest seen name changed from one name to another (a first name is not a change).
        for (DeviceId id : std::as_const(order)) {
            const Seen &s = seen[id];
            if (s.isNew || s.nameBefore.isEmpty())
                continue;
            const QString after = newestName.exec({id}).scalar().toString();
            if (after != s.nameBefore)
                addEvent(EventKind::NameChanged, id, s.ips.value(0), s.mac, 0, {}, s.nameBefore, after);
        }

        if (nowMs - m_lastRttCompactionMs >= CoarseBucketMs) {
            const auto compacted = compactRtt(nowMs);
            if (!compacted)
                throwMessage(compacted.error());
        }
        result.events = eventsByIds(d, p, eventIds);
        return result;
    });
}

Result<void> DeviceStore::compactRtt(qint64 nowMs)
{
    const QSqlDatabase d = db();
    try {
        const qint64 fineCutoff = (nowMs - FineKeepMs) - (nowMs - FineKeepMs) % CoarseBucketMs;
        Statement(d, m_path,
                  "INSERT INTO rtt_samples (device_id, bucket_ms, bucket_start, samples, sum_ms, min_ms, max_ms)"
                  " SELECT device_id, ?, (bucket_start / ?) * ?, sum(samples), sum(sum_ms), min(min_ms), max(max_ms)"
                  " FROM rtt_samples WHERE bucket_ms = ? AND bucket_start < ?"
                  " GROUP BY device_id, bucket_start / ?"
                  " ON CONFLICT (device_id, bucket_ms, bucket_start) DO UPDATE SET"
                  " samples = samples + excluded.samples, sum_ms = sum_ms + excluded.sum_ms,"
                  " min_ms = min(min_ms, excluded.min_ms), max_ms = max(max_ms, excluded.max_ms)")
            .exec({CoarseBucketMs, CoarseBucketMs, CoarseBucketMs, FineBucketMs, fineCutoff, CoarseBucketMs});
        Statement(d, m_path, "DELETE FROM rtt_samples WHERE bucket_ms = ? AND bucket_start < ?")
            .exec({FineBucketMs, fineCutoff});
        Statement(d, m_path, "DELETE FROM rtt_samples WHERE bucket_ms IN (?, ?) AND bucket_start < ?")
            .exec({FineBucketMs, CoarseBucketMs, nowMs - RttKeepMs});
    } catch (const SqlFailure &failure) {
        return Result<void>::failure(failure.message);
    }
    m_lastRttCompactionMs = nowMs;
    return {};
}

Result<QList<Event>> DeviceStore::markOffline(const QList<DeviceId> &ids)
{
    const qint64 nowMs = toMs(now());
    const QSqlDatabase d = db();
    return runTransaction<QList<Event>>(d, m_path, true, [&]() {
        Statement open(d, m_path,
                       "SELECT p.id, max(p.started, d.last_seen), d.mac,"
                       " (SELECT ip FROM device_ips i WHERE i.device_id = d.id AND i.ended IS NULL"
                       "  ORDER BY i.last_seen DESC LIMIT 1)"
                       " FROM presence p JOIN devices d ON d.id = p.device_id"
                       " WHERE p.device_id = ? AND p.ended IS NULL");
        Statement end(d, m_path, "UPDATE presence SET ended = ? WHERE id = ?");
        Statement insertEvent(d, m_path, "INSERT INTO events (time, kind, device_id, ip, mac) VALUES (?, ?, ?, ?, ?)");
        QList<EventId> eventIds;
        for (DeviceId id : ids) {
            open.exec({id});
            if (!open.next())
                continue;
            const qint64 row = open.value(0).toLongLong();
            const qint64 endedAt = open.value(1).toLongLong();
            const QVariant mac = open.value(2);
            const QVariant ip = open.value(3);
            open.next();
            end.exec({endedAt, row});
            insertEvent.exec({nowMs, int(EventKind::Offline), id, ip, mac});
            eventIds.append(insertEvent.lastInsertId());
        }
        return eventsByIds(d, m_path, eventIds);
    });
}

Result<QList<DeviceId>> DeviceStore::onlineDevicesNotSeenSince(const QDateTime &cutoff) const
{
    const QSqlDatabase d = db();
    return runTransaction<QList<DeviceId>>(d, m_path, false, [&]() {
        Statement q(d, m_path,
                    "SELECT d.id FROM devices d JOIN presence p ON p.device_id = d.id AND p.ended IS NULL"
                    " WHERE d.last_seen < ? ORDER BY d.id",
                    false);
        q.exec({toMs(cutoff)});
        QList<DeviceId> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        return ids;
    });
}

Result<QList<quint32>> DeviceStore::currentAddresses() const
{
    const QSqlDatabase d = db();
    return runTransaction<QList<quint32>>(d, m_path, false, [&]() {
        Statement q(d, m_path, "SELECT DISTINCT ip FROM device_ips WHERE ended IS NULL ORDER BY ip", false);
        q.exec({});
        QList<quint32> ips;
        while (q.next())
            ips.append(quint32(q.value(0).toLongLong()));
        return ips;
    });
}

// ---- Reading --------------------------------------------------------------------------------------------

Result<QList<Device>> DeviceStore::loadDevices(const QString &where, const QVariantList &bind) const
{
    const QSqlDatabase d = db();
    return runTransaction<QList<Device>>(d, m_path, false, [&]() {
        QByteArray sql = kDeviceColumns;
        if (!where.isEmpty())
            sql += " WHERE " + where.toLatin1();
        sql += " ORDER BY d.id";
        Statement q(d, m_path, sql.constData(), false);
        q.execList(bind);
        QList<Device> devices;
        QHash<DeviceId, qsizetype> index;
        while (q.next()) {
            devices.append(deviceFromRow(q));
            index.insert(devices.last().id, devices.size() - 1);
        }
        if (devices.isEmpty())
            return devices;
        // One query each for IPs and aliases (not one per device): the whole list stays cheap at 10,000.
        const bool one = devices.size() == 1;
        Statement ips(d, m_path,
                      one ? "SELECT device_id, ip FROM device_ips WHERE ended IS NULL AND device_id = ?"
                            " ORDER BY last_seen DESC, id DESC"
                          : "SELECT device_id, ip FROM device_ips WHERE ended IS NULL ORDER BY last_seen DESC, id DESC",
                      false);
        ips.execList(one ? QVariantList{devices[0].id} : QVariantList{});
        while (ips.next())
            if (const auto it = index.constFind(ips.value(0).toLongLong()); it != index.constEnd())
                devices[*it].ips.append(quint32(ips.value(1).toLongLong()));
        Statement aliases(d, m_path,
                          one ? "SELECT device_id, mac FROM device_aliases WHERE mac IS NOT NULL AND device_id = ?"
                                " ORDER BY id"
                              : "SELECT device_id, mac FROM device_aliases WHERE mac IS NOT NULL ORDER BY id",
                          false);
        aliases.execList(one ? QVariantList{devices[0].id} : QVariantList{});
        while (aliases.next())
            if (const auto it = index.constFind(aliases.value(0).toLongLong()); it != index.constEnd())
                devices[*it].aliases.append(aliases.value(1).toString());
        return devices;
    });
}

Result<QList<Device>> DeviceStore::devices() const
{
    return loadDevices({}, {});
}

Result<std::optional<Device>> DeviceStore::device(DeviceId id) const
{
    auto list = loadDevices(QStringLiteral("d.id = ?"), {id});
    if (!list)
        return Result<std::optional<Device>>::failure(list.error());
    return list->isEmpty() ? std::optional<Device>() : std::optional<Device>(list->first());
}

Result<std::optional<Device>> DeviceStore::deviceByMac(const QString &mac) const
{
    const QString normalized = normalizedMac(mac);
    if (normalized.isEmpty())
        return Result<std::optional<Device>>::failure(
            QCoreApplication::translate("DeviceStore", "\"%1\" is not a MAC address.").arg(mac));
    auto list = loadDevices(QStringLiteral("d.mac = ? OR d.id IN (SELECT device_id FROM device_aliases WHERE mac = ?)"),
                            {normalized, normalized});
    if (!list)
        return Result<std::optional<Device>>::failure(list.error());
    return list->isEmpty() ? std::optional<Device>() : std::optional<Device>(list->first());
}

Result<std::optional<Device>> DeviceStore::deviceByIp(quint32 ip) const
{
    const QSqlDatabase d = db();
    const auto id = runTransaction<DeviceId>(d, m_path, false, [&]() {
        DeviceId found = Statement(d, m_path,
                                   "SELECT id FROM devices WHERE kind = 1 AND key_ip = ? UNION ALL"
                                   " SELECT device_id FROM device_aliases WHERE ip = ? LIMIT 1",
                                   false)
                             .exec({qint64(ip), qint64(ip)})
                             .scalar(0)
                             .toLongLong();
        if (!found)
            found = Statement(d, m_path,
                              "SELECT device_id FROM device_ips WHERE ip = ? AND ended IS NULL"
                              " ORDER BY last_seen DESC, id DESC LIMIT 1",
                              false)
                        .exec({qint64(ip)})
                        .scalar(0)
                        .toLongLong();
        return found;
    });
    if (!id)
        return Result<std::optional<Device>>::failure(id.error());
    if (!id.value())
        return std::optional<Device>();
    return device(id.value());
}

Result<QList<SeenName>> DeviceStore::names(DeviceId id) const
{
    const QSqlDatabase d = db();
    return runTransaction<QList<SeenName>>(d, m_path, false, [&]() {
        Statement q(d, m_path,
                    "SELECT name, source, first_seen, last_seen, locked FROM device_names WHERE device_id = ?"
                    " ORDER BY first_seen DESC, id DESC",
                    false);
        q.exec({id});
        QList<SeenName> names;
        while (q.next())
            names.append({q.value(0).toString(), NameSource(q.value(1).toInt()), fromMs(q.value(2)), fromMs(q.value(3)),
                          q.value(4).toBool()});
        return names;
    });
}

Result<QList<IpSpan>> DeviceStore::ipHistory(DeviceId id) const
{
    const QSqlDatabase d = db();
    return runTransaction<QList<IpSpan>>(d, m_path, false, [&]() {
        Statement q(d, m_path,
                    "SELECT ip, first_seen, last_seen, ended FROM device_ips WHERE device_id = ?"
                    " ORDER BY first_seen, id",
                    false);
        q.exec({id});
        QList<IpSpan> spans;
        while (q.next())
            spans.append(
                {quint32(q.value(0).toLongLong()), fromMs(q.value(1)), fromMs(q.value(2)), fromMs(q.value(3))});
        return spans;
    });
}

Result<QList<PresenceSpan>> DeviceStore::presence(DeviceId id, const QDateTime &from, const QDateTime &to) const
{
    const qint64 nowMs = toMs(now());
    const qint64 fromMsV = toMs(from);
    const qint64 toMsV = toMs(to);
    const QSqlDatabase d = db();
    return runTransaction<QList<PresenceSpan>>(d, m_path, false, [&]() {
        Statement q(d, m_path,
                    "SELECT started, ended FROM presence WHERE device_id = ? AND started <= ?"
                    " AND (ended IS NULL OR ended >= ?) ORDER BY started, id",
                    false);
        q.exec({id, toMsV, fromMsV});
        QList<PresenceSpan> spans;
        qint64 curFrom = 0;
        qint64 curTo = -1;
        bool curOpen = false;
        const auto flush = [&]() {
            if (curTo >= curFrom)
                spans.append({fromMs(curFrom), fromMs(curTo), curOpen});
        };
        while (q.next()) {
            const bool open = q.value(1).isNull();
            const qint64 s = std::max(q.value(0).toLongLong(), fromMsV);
            const qint64 e = std::min(open ? std::max(nowMs, q.value(0).toLongLong()) : q.value(1).toLongLong(), toMsV);
            if (e < s)
                continue;
            if (curTo >= curFrom && s <= curTo) { // overlaps the previous one (a merged device): join them
                curTo = std::max(curTo, e);
                curOpen = curOpen || open;
                continue;
            }
            flush();
            curFrom = s;
            curTo = e;
            curOpen = open;
        }
        flush();
        return spans;
    });
}

Result<PresenceStats> DeviceStore::presenceStats(DeviceId id) const
{
    const QDateTime end = now();
    const auto spans = presence(id, end.addMSecs(-WeekMs), end);
    if (!spans)
        return Result<PresenceStats>::failure(spans.error());
    PresenceStats stats;
    for (const PresenceSpan &s : spans.value()) {
        stats.onlineMs7d += s.from.msecsTo(s.to);
        if (s.open)
            stats.uptimeMs = s.from.msecsTo(s.to);
    }
    // The uptime is the whole open session, also the part before the 7-day window.
    const auto dev = device(id);
    if (!dev)
        return Result<PresenceStats>::failure(dev.error());
    if (dev.value() && dev.value()->online)
        stats.uptimeMs = std::max<qint64>(0, dev.value()->onlineSince.msecsTo(end));
    else
        stats.uptimeMs = 0;
    stats.fraction7d = double(stats.onlineMs7d) / double(WeekMs);
    return stats;
}

Result<QList<RttPoint>> DeviceStore::rtt(DeviceId id, const QDateTime &from, const QDateTime &to) const
{
    const QSqlDatabase d = db();
    return runTransaction<QList<RttPoint>>(d, m_path, false, [&]() {
        Statement q(d, m_path,
                    "SELECT bucket_start, bucket_ms, samples, sum_ms, min_ms, max_ms FROM rtt_samples"
                    " WHERE device_id = ? AND bucket_start + bucket_ms > ? AND bucket_start <= ?"
                    " ORDER BY bucket_start, bucket_ms",
                    false);
        q.exec({id, toMs(from), toMs(to)});
        QList<RttPoint> points;
        while (q.next()) {
            RttPoint pt;
            pt.bucketStart = fromMs(q.value(0));
            pt.bucketMs = q.value(1).toLongLong();
            pt.samples = q.value(2).toInt();
            pt.minMs = q.value(4).toDouble();
            pt.maxMs = q.value(5).toDouble();
            pt.avgMs = pt.samples ? q.value(3).toDouble() / pt.samples : 0;
            points.append(pt);
        }
        return points;
    });
}

Result<QHash<DeviceId, double>> DeviceStore::latestRttMs(const QDateTime &since) const
{
    const QSqlDatabase d = db();
    return runTransaction<QHash<DeviceId, double>>(d, m_path, false, [&]() {
        // One pass over the recent fine buckets (index rtt_samples_age); SQLite takes the bare columns from
        // the row holding MAX(), i.e. each device's newest bucket.
        Statement q(d, m_path,
                    "SELECT device_id, sum_ms, samples, MAX(bucket_start) FROM rtt_samples"
                    " WHERE bucket_ms = ? AND bucket_start >= ? GROUP BY device_id",
                    false);
        q.exec({FineBucketMs, toMs(since) - FineBucketMs});
        QHash<DeviceId, double> latest;
        while (q.next())
            if (const int samples = q.value(2).toInt(); samples > 0)
                latest.insert(q.value(0).toLongLong(), q.value(1).toDouble() / samples);
        return latest;
    });
}

Result<QList<Event>> DeviceStore::events(const EventFilter &filter) const
{
    QStringList where;
    QVariantList bind;
    if (filter.since.isValid()) {
        where << QStringLiteral("e.time >= ?");
        bind << toMs(filter.since);
    }
    if (filter.kind) {
        where << QStringLiteral("e.kind = ?");
        bind << int(*filter.kind);
    }
    if (filter.device) {
        where << QStringLiteral("e.device_id = ?");
        bind << *filter.device;
    }
    if (filter.unseenOnly)
        where << QStringLiteral("e.seen = 0");
    const QSqlDatabase d = db();
    return runTransaction<QList<Event>>(d, m_path, false, [&]() {
        return queryEvents(d, m_path, where.join(QStringLiteral(" AND ")), bind, filter.limit);
    });
}

Result<int> DeviceStore::unseenEventCount() const
{
    const QSqlDatabase d = db();
    return runTransaction<int>(d, m_path, false, [&]() {
        return Statement(d, m_path, "SELECT count(*) FROM events WHERE seen = 0", false).exec().scalar(0).toInt();
    });
}

Result<void> DeviceStore::markEventsSeen(const QList<EventId> &ids)
{
    const QSqlDatabase d = db();
    return runTransaction<void>(d, m_path, true, [&]() {
        Statement q(d, m_path, "UPDATE events SET seen = 1 WHERE id = ?");
        for (EventId id : ids)
            q.exec({id});
    });
}

Result<void> DeviceStore::markAllEventsSeen()
{
    const QSqlDatabase d = db();
    return runTransaction<void>(d, m_path, true,
                                [&]() { Statement(d, m_path, "UPDATE events SET seen = 1 WHERE seen = 0").exec(); });
}

// ---- What the user edits ----------------------------------------------------------------------------------

Result<void> DeviceStore::setDeviceColumn(DeviceId id, const char *column, const QVariant &value)
{
    const QSqlDatabase d = db();
    const QByteArray sql = QByteArray("UPDATE devices SET ") + column + " = ? WHERE id = ?";
    return runTransaction<void>(d, m_path, true, [&]() {
        Statement q(d, m_path, sql.constData());
        q.exec({value, id});
        if (q.rowsAffected() != 1)
            throwMessage(noDevice(m_path, id));
    });
}

Result<void> DeviceStore::setCustomName(DeviceId id, const QString &name)
{
    return setDeviceColumn(id, "custom_name", text(name.trimmed()));
}

Result<void> DeviceStore::setNotes(DeviceId id, const QString &notes)
{
    return setDeviceColumn(id, "notes", text(notes));
}

Result<void> DeviceStore::setKnown(DeviceId id, bool known)
{
    return setDeviceColumn(id, "known", int(known));
}

Result<void> DeviceStore::setWatch(DeviceId id, bool watch)
{
    return setDeviceColumn(id, "watch", int(watch));
}

Result<void> DeviceStore::lockName(DeviceId id, const QString &name, NameSource source)
{
    const QSqlDatabase d = db();
    return runTransaction<void>(d, m_path, true, [&]() {
        Statement(d, m_path, "UPDATE device_names SET locked = 0 WHERE device_id = ? AND locked = 1").exec({id});
        Statement lock(d, m_path, "UPDATE device_names SET locked = 1 WHERE device_id = ? AND source = ? AND name = ?");
        lock.exec({id, int(source), name.trimmed()});
        if (lock.rowsAffected() != 1)
            throwMessage(QCoreApplication::translate(
                             "DeviceStore",
                             "Device %1 was never seen with the %2 name \"%3\", so it cannot be locked; set a "
                             "custom name instead.")
                             .arg(id)
                             .arg(nameSourceName(source), name));
    });
}

Result<void> DeviceStore::unlockName(DeviceId id)
{
    const QSqlDatabase d = db();
    return runTransaction<void>(d, m_path, true, [&]() {
        if (!Statement(d, m_path, "SELECT 1 FROM devices WHERE id = ?").exec({id}).scalar(0).toBool())
            throwMessage(noDevice(m_path, id));
        Statement(d, m_path, "UPDATE device_names SET locked = 0 WHERE device_id = ? AND locked = 1").exec({id});
    });
}

Result<void> DeviceStore::mergeDevices(DeviceId keep, DeviceId absorbed)
{
    if (keep == absorbed)
        return Result<void>::failure(
            QCoreApplication::translate("DeviceStore", "A device cannot be merged into itself."));
    const qint64 nowMs = toMs(now());
    const QSqlDatabase d = db();
    const QString &p = m_path;
    return runTransaction<void>(d, p, true, [&]() {
        Statement info(d, p, "SELECT kind, mac, key_ip FROM devices WHERE id = ?");
        if (!info.exec({keep}).scalar().isValid())
            throwMessage(noDevice(p, keep));
        info.exec({absorbed});
        if (!info.next())
            throwMessage(noDevice(p, absorbed));
        const bool absorbedByIp = info.value(0).toInt() == 1;
        const QVariant absorbedMac = info.value(1);
        const QVariant absorbedIp = info.value(2);
        info.next();

        // What absorbed was known by becomes an alias of keep, so later sightings find keep.
        Statement(d, p, "INSERT INTO device_aliases (device_id, mac, ip, merged_at) VALUES (?, ?, ?, ?)")
            .exec({keep, absorbedByIp ? QVariant() : absorbedMac, absorbedByIp ? absorbedIp : QVariant(), nowMs});
        Statement(d, p, "UPDATE device_aliases SET device_id = ? WHERE device_id = ?").exec({keep, absorbed});

        // Names: the same name from the same source becomes one row; keep's lock wins, else absorbed's.
        const bool keepLocked = Statement(d, p, "SELECT 1 FROM device_names WHERE device_id = ? AND locked = 1")
                                    .exec({keep})
                                    .scalar(0)
                                    .toBool();
        Statement(d, p,
                  "INSERT INTO device_names (device_id, name, source, first_seen, last_seen, locked)"
                  " SELECT ?, name, source, first_seen, last_seen, CASE WHEN ? THEN 0 ELSE locked END"
                  " FROM device_names WHERE device_id = ? AND true"
                  " ON CONFLICT (device_id, source, name) DO UPDATE SET"
                  " first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),"
                  " locked = max(locked, excluded.locked)")
            .exec({keep, int(keepLocked), absorbed});

        // IP history joins; an IP both held now becomes one holding.
        Statement(d, p, "UPDATE device_ips SET device_id = ? WHERE device_id = ?").exec({keep, absorbed});
        Statement(d, p,
                  "UPDATE device_ips AS k SET first_seen = (SELECT min(first_seen) FROM device_ips o"
                  "  WHERE o.device_id = k.device_id AND o.ip = k.ip AND o.ended IS NULL),"
                  " last_seen = (SELECT max(last_seen) FROM device_ips o"
                  "  WHERE o.device_id = k.device_id AND o.ip = k.ip AND o.ended IS NULL)"
                  " WHERE k.device_id = ? AND k.ended IS NULL")
            .exec({keep});
        Statement(d, p,
                  "DELETE FROM device_ips WHERE device_id = ? AND ended IS NULL AND id NOT IN"
                  " (SELECT min(id) FROM device_ips WHERE device_id = ? AND ended IS NULL GROUP BY ip)")
            .exec({keep, keep});

        // Presence: two open sessions mean the union is online since the earlier start.
        Statement(d, p,
                  "UPDATE presence SET started = min(started,"
                  "  coalesce((SELECT started FROM presence WHERE device_id = ? AND ended IS NULL), started))"
                  " WHERE device_id = ? AND ended IS NULL")
            .exec({absorbed, keep});
        Statement(d, p,
                  "DELETE FROM presence WHERE device_id = ? AND ended IS NULL"
                  " AND EXISTS (SELECT 1 FROM presence WHERE device_id = ? AND ended IS NULL)")
            .exec({absorbed, keep});
        Statement(d, p, "UPDATE presence SET device_id = ? WHERE device_id = ?").exec({keep, absorbed});

        Statement(d, p,
                  "INSERT INTO rtt_samples (device_id, bucket_ms, bucket_start, samples, sum_ms, min_ms, max_ms)"
                  " SELECT ?, bucket_ms, bucket_start, samples, sum_ms, min_ms, max_ms FROM rtt_samples"
                  " WHERE device_id = ? AND true ON CONFLICT (device_id, bucket_ms, bucket_start) DO UPDATE SET"
                  " samples = samples + excluded.samples, sum_ms = sum_ms + excluded.sum_ms,"
                  " min_ms = min(min_ms, excluded.min_ms), max_ms = max(max_ms, excluded.max_ms)")
            .exec({keep, absorbed});
        Statement(d, p, "UPDATE events SET device_id = ? WHERE device_id = ?").exec({keep, absorbed});

        // The device's own fields: the earliest first and latest last sighting; keep's text wins, else
        // absorbed's; notes of both are kept; known/watch if either was.
        Statement fields(d, p,
                         "SELECT first_seen, last_seen, custom_name, notes, known, watch, vendor FROM devices"
                         " WHERE id = ?");
        const auto row = [&](DeviceId id) {
            fields.exec({id});
            QVariantList values;
            if (fields.next())
                for (int i = 0; i < 7; ++i)
                    values.append(fields.value(i));
            fields.next();
            return values;
        };
        const QVariantList k = row(keep);
        const QVariantList a = row(absorbed);
        const QString keepNotes = k[3].toString();
        const QString absorbedNotes = a[3].toString();
        const QString notes = keepNotes.isEmpty()       ? absorbedNotes
                              : absorbedNotes.isEmpty() ? keepNotes
                                                        : keepNotes + QLatin1Char('\n') + absorbedNotes;
        Statement(d, p,
                  "UPDATE devices SET first_seen = ?, last_seen = ?, custom_name = ?, notes = ?, known = ?, watch = ?,"
                  " vendor = ? WHERE id = ?")
            .exec({std::min(k[0].toLongLong(), a[0].toLongLong()), std::max(k[1].toLongLong(), a[1].toLongLong()),
                   text(k[2].toString().isEmpty() ? a[2].toString() : k[2].toString()), text(notes),
                   int(k[4].toBool() || a[4].toBool()), int(k[5].toBool() || a[5].toBool()),
                   text(k[6].toString().isEmpty() ? a[6].toString() : k[6].toString()), keep});
        Statement(d, p, "DELETE FROM devices WHERE id = ?").exec({absorbed});
    });
}

Result<void> DeviceStore::forgetDevice(DeviceId id)
{
    const QSqlDatabase d = db();
    return runTransaction<void>(d, m_path, true, [&]() {
        Statement q(d, m_path, "DELETE FROM devices WHERE id = ?");
        q.exec({id}); // names, IPs, presence, RTT, aliases and events go with it (ON DELETE CASCADE)
        if (q.rowsAffected() != 1)
            throwMessage(noDevice(m_path, id));
    });
}

} // namespace lanwatch::monitor
