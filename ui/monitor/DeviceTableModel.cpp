// Device rows: the inventory read in one query plus each device's last 24 h of presence; reload() diffs.
#include "ui/monitor/DeviceTableModel.h"

#include "core/monitor/DeviceStore.h"
#include "ui/monitor/RowDiff.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace lanwatch::ui {

using namespace lanwatch::monitor;

namespace {
// Today: just the time; earlier: date and time (as the Hosts table shows it).
QString compactTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    const QDateTime t = utc.toLocalTime();
    const QLocale locale;
    if (t.date() == QDate::currentDate())
        return locale.toString(t.time(), QLocale::ShortFormat);
    return locale.toString(t.date(), QLocale::ShortFormat) + QLatin1Char(' ') +
           locale.toString(t.time(), QLocale::ShortFormat);
}

// The hue says what it is; the lightness follows the theme, far enough from the background to read.
QColor themedHue(int hue, const QPalette &palette)
{
    const bool darkBase = palette.color(QPalette::Base).lightnessF() < 0.5;
    return QColor::fromHslF(hue / 360.0, 0.75, darkBase ? 0.62 : 0.30);
}
} // namespace

bool PresenceStrip::operator==(const PresenceStrip &o) const
{
    if (from != o.from || to != o.to || spans.size() != o.spans.size())
        return false;
    for (int i = 0; i < spans.size(); ++i)
        if (spans.at(i).from != o.spans.at(i).from || spans.at(i).to != o.spans.at(i).to)
            return false;
    return true;
}

DeviceTableModel::DeviceTableModel(DeviceStore *store, QObject *parent) : QAbstractTableModel(parent), m_store(store)
{
    reload();
}

int DeviceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeviceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeviceTableModel::ipText(const Device &d) const
{
    if (d.ips.isEmpty())
        return d.kind == DeviceKind::Ip ? ipToString(d.keyIp) : QString();
    QStringList parts;
    for (quint32 ip : d.ips)
        parts << ipToString(ip);
    return parts.join(QStringLiteral(", "));
}

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Device &d = row.device;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return d.displayName();
        case Ip:
            return ipText(d);
        case Mac:
            return d.mac;
        case Vendor:
            return d.vendor;
        case Known:
            return d.known ? tr("known") : tr("new");
        case Online:
            return d.online ? tr("online") : tr("offline");
        case FirstSeen:
            return compactTime(d.firstSeen);
        case LastSeen:
            return compactTime(d.lastSeen);
        case Notes:
            return d.notes.section(QLatin1Char('\n'), 0, 0); // one line in the table; the tooltip has all
        default:
            return {};
        }
    case Qt::EditRole:
        if (index.column() == Name)
            return d.customName.isEmpty() ? d.displayName() : d.customName;
        if (index.column() == Notes)
            return d.notes;
        return data(index, Qt::DisplayRole);
    case Qt::CheckStateRole:
        if (index.column() == Known)
            return d.known ? Qt::Checked : Qt::Unchecked;
        return {};
    case SortRole:
        switch (index.column()) {
        case Ip:
            return d.ips.isEmpty() ? d.keyIp : d.ips.first();
        case Known:
            return d.known;
        case Online:
            return d.online;
        case FirstSeen:
            return d.firstSeen;
        case LastSeen:
            return d.lastSeen;
        case Presence: {
            qint64 ms = 0; // time online in the strip's 24 h
            for (const PresenceSpan &s : row.strip.spans)
                ms += s.from.msecsTo(s.to);
            return double(ms);
        }
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case Qt::ForegroundRole:
        if (index.column() == Online)
            return QBrush(d.online ? onlineColor(QGuiApplication::palette())
                                   : QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        if (index.column() == Known && !d.known)
            return QBrush(newDeviceColor(QGuiApplication::palette()));
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Name:
            if (!d.customName.isEmpty() && !d.seenName.isEmpty() && d.seenName != d.customName)
                return tr("Seen on the network as %1").arg(d.seenName);
            return {};
        case Mac:
            if (d.randomizedMac)
                return tr("A randomized (private) MAC address: the device may show up with another one later");
            if (!d.aliases.isEmpty())
                return tr("Also seen as %1").arg(d.aliases.join(QStringLiteral(", ")));
            return {};
        case Online:
            if (d.online && d.onlineSince.isValid())
                return tr("Online since %1").arg(QLocale().toString(d.onlineSince.toLocalTime(), QLocale::ShortFormat));
            return tr("Last seen %1").arg(QLocale().toString(d.lastSeen.toLocalTime(), QLocale::ShortFormat));
        case Presence:
            return tr("Online in the last 24 hours (left: 24 hours ago, right: now)");
        case Notes:
            return d.notes.isEmpty() ? QVariant() : QVariant(d.notes);
        default:
            return {};
        }
    case Qt::FontRole:
        if (index.column() == Known && !d.known) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case IdRole:
        return d.id;
    case DeviceRole:
        return QVariant::fromValue(d);
    case PresenceRole:
        return QVariant::fromValue(row.strip);
    case OnlineRole:
        return d.online;
    case KnownRole:
        return d.known;
    default:
        return {};
    }
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Ip:
        return tr("IP address");
    case Mac:
        return tr("MAC address");
    case Vendor:
        return tr("Vendor");
    case Known:
        return tr("Known");
    case Online:
        return tr("State");
    case FirstSeen:
        return tr("First seen");
    case LastSeen:
        return tr("Last seen");
    case Presence:
        return tr("Last 24 hours");
    case Notes:
        return tr("Notes");
    }
    return {};
}

Qt::ItemFlags DeviceTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    if (index.column() == Name || index.column() == Notes)
        f |= Qt::ItemIsEditable;
    if (index.column() == Known)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool DeviceTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const DeviceId id = m_rows.at(index.row()).device.id;
    Result<void> written;
    if (index.column() == Name && role == Qt::EditRole) {
        QString name = value.toString().trimmed();
        const Device &d = m_rows.at(index.row()).device;
        if (d.customName.isEmpty() && name == d.displayName())
            return true; // the editor opened on the seen name and nothing was typed: do not pin it
        written = m_store->setCustomName(id, name);
    } else if (index.column() == Notes && role == Qt::EditRole) {
        written = m_store->setNotes(id, value.toString());
    } else if (index.column() == Known && role == Qt::CheckStateRole) {
        written = m_store->setKnown(id, value.toInt() == Qt::Checked);
    } else {
        return false;
    }
    if (!written) {
        fail(written.error());
        return false;
    }
    reload();
    return true;
}

bool DeviceTableModel::reload()
{
    const Result<QList<Device>> devices = m_store->devices();
    if (!devices) {
        fail(devices.error());
        return false;
    }
    const QDateTime to = m_store->now();
    const QDateTime from = to.addMSecs(-StripMs);
    QList<Row> fresh;
    fresh.reserve(devices->size());
    for (const Device &d : *devices) {
        Row r{d, PresenceStrip{from, to, {}}};
        if (const Result<QList<PresenceSpan>> spans = m_store->presence(d.id, from, to))
            r.strip.spans = *spans;
        fresh.append(r);
    }
    const QList<int> changedRoles{Qt::DisplayRole, Qt::EditRole, Qt::CheckStateRole, Qt::ForegroundRole,
                                  Qt::ToolTipRole, Qt::FontRole, SortRole,           DeviceRole,
                                  PresenceRole,    OnlineRole,   KnownRole};
    RowDiffOps<Row, DeviceId> ops;
    ops.keyOf = [](const Row &r) { return r.device.id; };
    ops.same = &DeviceTableModel::sameRow;
    ops.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    ops.endRemove = [this] { endRemoveRows(); };
    ops.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    ops.endInsert = [this] { endInsertRows(); };
    ops.changed = [this, &changedRoles](int first, int last) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1), changedRoles);
    };
    ops.reset = [this](const QList<Row> &rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    };
    applyRowDiff(m_rows, fresh, ops);
    return true;
}

bool DeviceTableModel::sameRow(const Row &a, const Row &b)
{
    const Device &x = a.device;
    const Device &y = b.device;
    return x.id == y.id && x.mac == y.mac && x.keyIp == y.keyIp && x.aliases == y.aliases && x.ips == y.ips &&
           x.customName == y.customName && x.lockedName == y.lockedName && x.seenName == y.seenName &&
           x.vendor == y.vendor && x.notes == y.notes && x.known == y.known && x.watch == y.watch &&
           x.randomizedMac == y.randomizedMac && x.online == y.online && x.onlineSince == y.onlineSince &&
           x.firstSeen == y.firstSeen && x.lastSeen == y.lastSeen && a.strip == b.strip;
}

int DeviceTableModel::rowOf(DeviceId id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).device.id == id)
            return i;
    return -1;
}

Device DeviceTableModel::deviceAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).device : Device{};
}

bool DeviceTableModel::setKnown(const QList<DeviceId> &ids, bool known)
{
    bool ok = true;
    for (DeviceId id : ids) {
        if (const Result<void> r = m_store->setKnown(id, known); !r) {
            fail(r.error());
            ok = false;
            break;
        }
    }
    reload();
    return ok;
}

bool DeviceTableModel::setWatch(const QList<DeviceId> &ids, bool watch)
{
    bool ok = true;
    for (DeviceId id : ids) {
        if (const Result<void> r = m_store->setWatch(id, watch); !r) {
            fail(r.error());
            ok = false;
            break;
        }
    }
    reload();
    return ok;
}

bool DeviceTableModel::forget(const QList<DeviceId> &ids)
{
    bool ok = true;
    for (DeviceId id : ids) {
        if (const Result<void> r = m_store->forgetDevice(id); !r) {
            fail(r.error());
            ok = false;
            break;
        }
    }
    reload();
    return ok;
}

void DeviceTableModel::fail(const QString &message)
{
    Q_EMIT errorOccurred(message);
}

QColor DeviceTableModel::onlineColor(const QPalette &palette)
{
    return themedHue(130, palette); // green
}

QColor DeviceTableModel::newDeviceColor(const QPalette &palette)
{
    return themedHue(30, palette); // orange
}

} // namespace lanwatch::ui
