// Event rows from DeviceStore::events (newest first); the description is Event::describe(), translated.
#include "ui/monitor/EventTableModel.h"

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
bool sameEvent(const Event &a, const Event &b)
{
    return a.id == b.id && a.seen == b.seen && a.deviceName == b.deviceName && a.vendor == b.vendor &&
           a.deviceId == b.deviceId && a.watch == b.watch && a.randomizedMac == b.randomizedMac;
}
} // namespace

EventTableModel::EventTableModel(DeviceStore *store, QObject *parent) : QAbstractTableModel(parent), m_store(store)
{
    reload();
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventTableModel::kindLabel(EventKind kind)
{
    switch (kind) {
    case EventKind::NewDevice:
        return tr("New device");
    case EventKind::Offline:
        return tr("Offline");
    case EventKind::Online:
        return tr("Back online");
    case EventKind::IpChanged:
        return tr("IP changed");
    case EventKind::IpClaimed:
        return tr("IP taken over");
    case EventKind::DuplicateIp:
        return tr("Duplicate IP");
    case EventKind::NameChanged:
        return tr("Name changed");
    }
    return eventKindName(kind);
}

QColor EventTableModel::alertColor(EventKind kind, const QPalette &palette)
{
    if (kind != EventKind::IpClaimed && kind != EventKind::DuplicateIp)
        return {};
    const bool darkBase = palette.color(QPalette::Base).lightnessF() < 0.5;
    return QColor::fromHslF(0, 0.80, darkBase ? 0.70 : 0.35); // red, light enough on dark, dark enough on light
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: {
            const QDateTime t = e.time.toLocalTime();
            return t.date() == QDate::currentDate() ? QLocale().toString(t.time(), QLocale::ShortFormat)
                                                    : QLocale().toString(t, QLocale::ShortFormat);
        }
        case Kind:
            return kindLabel(e.kind);
        case Device:
            // As the Devices tab names it when nothing better is known: the vendor, then the address.
            if (!e.deviceName.isEmpty())
                return e.deviceName;
            if (!e.vendor.isEmpty())
                return e.vendor;
            return e.mac.isEmpty() ? ipToString(e.ip) : e.mac;
        case Ip:
            return e.ip ? ipToString(e.ip) : QString();
        case Description:
            return e.describe();
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Time:
            return e.time;
        case Ip:
            return e.ip;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        if (index.column() == Description)
            return e.describe();
        return {};
    case Qt::FontRole:
        if (bold(e)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Kind)
            if (const QColor c = alertColor(e.kind, QGuiApplication::palette()); c.isValid())
                return QBrush(c);
        return {};
    case IdRole:
        return e.id;
    case DeviceIdRole:
        return e.deviceId;
    case KindRole:
        return int(e.kind);
    case SeenRole:
        return e.seen;
    case BoldRole:
        return bold(e);
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Kind:
        return tr("Event");
    case Device:
        return tr("Device");
    case Ip:
        return tr("IP address");
    case Description:
        return tr("Details");
    }
    return {};
}

bool EventTableModel::reload()
{
    EventFilter filter;
    filter.limit = DefaultLimit;
    const Result<QList<Event>> events = m_store->events(filter);
    if (!events) {
        Q_EMIT errorOccurred(events.error());
        return false;
    }
    const QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole, Qt::FontRole, SortRole, DeviceIdRole, SeenRole, BoldRole};
    RowDiffOps<Event, EventId> ops;
    ops.keyOf = [](const Event &e) { return e.id; };
    ops.same = &sameEvent;
    ops.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    ops.endRemove = [this] { endRemoveRows(); };
    ops.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    ops.endInsert = [this] { endInsertRows(); };
    ops.changed = [this, &roles](int first, int last) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1), roles);
    };
    ops.reset = [this](const QList<Event> &rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    };
    applyRowDiff(m_rows, *events, ops);
    return true;
}

Event EventTableModel::eventAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Event{};
}

QList<EventId> EventTableModel::unseenIds() const
{
    QList<EventId> ids;
    for (const Event &e : m_rows)
        if (!e.seen)
            ids << e.id;
    return ids;
}

bool EventTableModel::markSeenKeepingBold(const QList<EventId> &ids)
{
    if (ids.isEmpty())
        return true;
    if (const Result<void> r = m_store->markEventsSeen(ids); !r) {
        Q_EMIT errorOccurred(r.error());
        return false;
    }
    for (EventId id : ids)
        m_holdBold.insert(id);
    return reload();
}

void EventTableModel::releaseBold()
{
    if (m_holdBold.isEmpty())
        return;
    m_holdBold.clear();
    emitBoldChanged();
}

bool EventTableModel::markAllSeen()
{
    if (const Result<void> r = m_store->markAllEventsSeen(); !r) {
        Q_EMIT errorOccurred(r.error());
        return false;
    }
    m_holdBold.clear();
    const bool ok = reload();
    emitBoldChanged();
    return ok;
}

void EventTableModel::emitBoldChanged()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1), {Qt::FontRole, BoldRole});
}

} // namespace lanwatch::ui
