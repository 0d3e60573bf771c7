// Host rows: pending updates are merged by address and applied in one insert + ranged dataChanged.
#include "ui/HostTableModel.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace lanwatch::ui {

using lanwatch::scan::HostRecord;

namespace {
// Today: just the time; earlier: date and time. Keeps the columns narrow and rows one line high.
QString compactTime(const QDateTime &t)
{
    const QLocale locale;
    if (t.date() == QDate::currentDate())
        return locale.toString(t.time(), QLocale::ShortFormat);
    return locale.toString(t.date(), QLocale::ShortFormat) + QLatin1Char(' ') +
           locale.toString(t.time(), QLocale::ShortFormat);
}
} // namespace

HostTableModel::HostTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setInterval(80);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &HostTableModel::flush);
}

int HostTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HostTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HostTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const HostRecord &h = row.host;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Ip:
            return h.ipString();
        case Mac:
            return h.macString();
        case Vendor:
            return h.vendor;
        case HostName:
            return h.hostname;
        case Rtt:
            return h.rttMs < 0 ? QString() : tr("%1 ms").arg(h.rttMs, 0, 'f', 2);
        case FoundBy:
            return row.up ? scan::foundByName(h.foundBy) : tr("down");
        case FirstSeen:
            return compactTime(row.firstSeen);
        case LastSeen:
            return compactTime(row.lastSeen);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Ip:
            return h.ip;
        case Rtt:
            return h.rttMs;
        case FirstSeen:
            return row.firstSeen;
        case LastSeen:
            return row.lastSeen;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case Qt::ForegroundRole:
        if (!row.up)
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        break;
    case Qt::ToolTipRole:
        if (!row.up)
            return tr("Did not answer the last scan (last seen %1)").arg(QLocale().toString(row.lastSeen));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Rtt)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case UpRole:
        return row.up;
    case HostRole:
        return QVariant::fromValue(h);
    default:
        break;
    }
    return {};
}

QVariant HostTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Ip:
        return tr("IP address");
    case Mac:
        return tr("MAC address");
    case Vendor:
        return tr("Vendor");
    case HostName:
        return tr("Host name");
    case Rtt:
        return tr("RTT");
    case FoundBy:
        return tr("Found by");
    case FirstSeen:
        return tr("First seen");
    case LastSeen:
        return tr("Last seen");
    }
    return {};
}

void HostTableModel::beginScan()
{
    flush();
    for (Row &r : m_rows)
        r.up = false;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole, UpRole});
}

void HostTableModel::endScan()
{
    flush();
}

void HostTableModel::addOrUpdate(const HostRecord &host)
{
    if (!m_pending.contains(host.ip))
        m_pendingOrder.append(host.ip);
    HostRecord merged = host;
    // An update that knows less (hostFound after hostUpdated cannot happen, but be safe) keeps what we had.
    if (const auto it = m_pending.constFind(host.ip); it != m_pending.cend()) {
        if (!merged.mac)
            merged.mac = it->mac;
        if (merged.vendor.isEmpty())
            merged.vendor = it->vendor;
        if (merged.hostname.isEmpty())
            merged.hostname = it->hostname;
    }
    m_pending.insert(host.ip, merged);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void HostTableModel::flush()
{
    m_flushTimer.stop();
    if (m_pendingOrder.isEmpty())
        return;
    const QDateTime now = QDateTime::currentDateTime();
    QList<Row> fresh;
    int minChanged = INT_MAX;
    int maxChanged = -1;
    for (quint32 ip : std::as_const(m_pendingOrder)) {
        const HostRecord h = m_pending.value(ip);
        const auto it = m_rowOf.constFind(ip);
        if (it == m_rowOf.cend()) {
            fresh.append(Row{h, now, now, true});
            continue;
        }
        Row &row = m_rows[*it];
        HostRecord merged = h;
        if (!merged.mac)
            merged.mac = row.host.mac;
        if (merged.vendor.isEmpty())
            merged.vendor = row.host.vendor;
        if (merged.hostname.isEmpty() && !h.enriched)
            merged.hostname = row.host.hostname;
        if (merged.rttMs < 0)
            merged.rttMs = row.host.rttMs;
        row.host = merged;
        row.lastSeen = now;
        row.up = true;
        minChanged = std::min(minChanged, *it);
        maxChanged = std::max(maxChanged, *it);
    }
    m_pending.clear();
    m_pendingOrder.clear();
    if (maxChanged >= 0)
        Q_EMIT dataChanged(index(minChanged, 0), index(maxChanged, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole, SortRole, UpRole, HostRole});
    if (!fresh.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const Row &r : std::as_const(fresh)) {
            m_rowOf.insert(r.host.ip, int(m_rows.size()));
            m_rows.append(r);
        }
        endInsertRows();
    }
}

QList<HostRecord> HostTableModel::hosts(bool upOnly) const
{
    QList<HostRecord> list;
    for (const Row &r : m_rows)
        if (!upOnly || r.up)
            list.append(r.host);
    return list;
}

int HostTableModel::upCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.up; }));
}

HostRecord HostTableModel::hostAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).host : HostRecord{};
}

void HostTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_pending.clear();
    m_pendingOrder.clear();
    endResetModel();
}

} // namespace lanwatch::ui
