// Host rows: pending updates are merged by address and applied in one insert + ranged dataChanged.
#include "ui/HostTableModel.h"

#include "core/scan/HostExport.h"
#include "core/scan/TargetSet.h"
#include "ui/Tones.h"

#include <QBrush>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace lanwatch::ui {

using lanwatch::scan::csvField;
using lanwatch::scan::HostRecord;

QString nameSourceText(const QString &source)
{
    if (source == QLatin1String("dns"))
        return HostTableModel::tr("DNS");
    if (source == QLatin1String("mdns"))
        return HostTableModel::tr("mDNS");
    if (source == QLatin1String("netbios"))
        return HostTableModel::tr("NetBIOS");
    if (source == QLatin1String("ssdp"))
        return HostTableModel::tr("UPnP");
    if (source == QLatin1String("dhcp"))
        return HostTableModel::tr("DHCP");
    return source;
}

QString nameList(const HostRecord &host)
{
    QStringList lines;
    for (const QString &source : scan::nameSources())
        if (host.names.contains(source))
            lines << HostTableModel::tr("%1 (%2)").arg(host.names.value(source), nameSourceText(source));
    return lines.join(QLatin1Char('\n'));
}

QString foundByText(scan::FoundBy method)
{
    switch (method) {
    case scan::FoundBy::Arp:
        return HostTableModel::tr("ARP reply");
    case scan::FoundBy::Icmp:
        return HostTableModel::tr("ping (ICMP)");
    case scan::FoundBy::Tcp:
        return HostTableModel::tr("TCP port");
    case scan::FoundBy::Neighbour:
        return HostTableModel::tr("neighbour table");
    case scan::FoundBy::Local:
        return HostTableModel::tr("this computer");
    }
    return {};
}

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

QString stateKey(HostTableModel::HostState state) // machine-readable, English, for the exports
{
    switch (state) {
    case HostTableModel::HostState::Up:
        return QStringLiteral("up");
    case HostTableModel::HostState::Down:
        return QStringLiteral("down");
    case HostTableModel::HostState::LastSession:
        return QStringLiteral("last-session");
    }
    return {};
}

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

std::optional<scan::FoundBy> foundByFromName(const QString &name)
{
    for (const auto m :
         {scan::FoundBy::Arp, scan::FoundBy::Icmp, scan::FoundBy::Tcp, scan::FoundBy::Neighbour, scan::FoundBy::Local})
        if (scan::foundByName(m) == name)
            return m;
    return std::nullopt;
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
    const bool up = row.state == HostState::Up;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Ip:
            return h.ipString();
        case State:
            switch (row.state) {
            case HostState::Up:
                return tr("up");
            case HostState::Down:
                return tr("down");
            case HostState::LastSession:
                return tr("last session");
            }
            break;
        case Mac:
            // A duplicate IP shows, as arp-scan's DUP: how many other MACs answered (listed in the tooltip).
            return h.duplicate() ? tr("%1 (duplicate IP: +%2)").arg(h.macString()).arg(h.otherMacs.size())
                                 : h.macString();
        case Vendor:
            return h.vendor;
        case HostName:
            return h.bestName(); // by scan::nameSources(): DNS, mDNS, NetBIOS, SSDP, DHCP
        case Rtt:
            // A round trip measured by an earlier scan says nothing now: the details keep it.
            return !up || h.rttMs < 0 ? QString() : tr("%1 ms").arg(h.rttMs, 0, 'f', 2);
        case FoundBy:
            return foundByText(h.foundBy);
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
        case State:
            return int(row.state);
        case Rtt:
            return up ? h.rttMs : -1.0;
        case FirstSeen:
            return row.firstSeen;
        case LastSeen:
            return row.lastSeen;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case Qt::DecorationRole:
        if (index.column() == State)
            return toneDot(up ? Tone::Good : Tone::Neutral, QGuiApplication::palette());
        break;
    case Qt::ForegroundRole:
        if (!up)
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        break;
    case Qt::ToolTipRole:
        if (index.column() == Mac && (h.duplicate() || h.macMismatch))
            return anomalyText(h);
        if (index.column() == HostName && h.names.size() > 1)
            return nameList(h);
        if (row.state == HostState::Down)
            return tr("Did not answer the last scan of this address (last seen %1)")
                .arg(QLocale().toString(row.lastSeen, QLocale::LongFormat));
        if (row.state == HostState::LastSession)
            return tr("From the last session (last seen %1); scan again to see whether it is up")
                .arg(QLocale().toString(row.lastSeen, QLocale::LongFormat));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Rtt)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case UpRole:
        return up;
    case StateRole:
        return int(row.state);
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
    case State:
        return tr("State");
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

void HostTableModel::beginScan(const std::function<bool(quint32)> &inScope)
{
    flush();
    int first = INT_MAX, last = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (inScope && !inScope(r.host.ip))
            continue;
        r.state = HostState::Down;
        first = std::min(first, i);
        last = std::max(last, i);
    }
    if (last >= 0)
        Q_EMIT dataChanged(
            index(first, 0), index(last, ColumnCount - 1),
            {Qt::DisplayRole, Qt::DecorationRole, Qt::ForegroundRole, Qt::ToolTipRole, SortRole, UpRole, StateRole});
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
        if (!merged.enriched && merged.names.isEmpty()) {
            merged.names = it->names;
            merged.services = it->services;
            merged.model = it->model;
        }
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
            fresh.append(Row{h, now, now, HostState::Up});
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
        if (!h.enriched) { // a host just found again: its names, services and model come with enrichment
            merged.names = row.host.names;
            merged.services = row.host.services;
            merged.model = row.host.model;
        }
        if (merged.rttMs < 0)
            merged.rttMs = row.host.rttMs;
        row.host = merged;
        row.lastSeen = now;
        row.state = HostState::Up;
        minChanged = std::min(minChanged, *it);
        maxChanged = std::max(maxChanged, *it);
    }
    m_pending.clear();
    m_pendingOrder.clear();
    if (maxChanged >= 0)
        Q_EMIT dataChanged(index(minChanged, 0), index(maxChanged, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::DecorationRole, Qt::ForegroundRole, Qt::ToolTipRole, SortRole, UpRole,
                            StateRole, HostRole});
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
        if (!upOnly || r.state == HostState::Up)
            list.append(r.host);
    return list;
}

int HostTableModel::upCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.state == HostState::Up; }));
}

HostRecord HostTableModel::hostAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).host : HostRecord{};
}

HostTableModel::HostState HostTableModel::stateAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).state : HostState::Down;
}

QDateTime HostTableModel::firstSeenAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).firstSeen : QDateTime();
}

QDateTime HostTableModel::lastSeenAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).lastSeen : QDateTime();
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

QList<int> HostTableModel::exportRows(const QList<int> &rows) const
{
    QList<int> out;
    if (rows.isEmpty()) {
        for (int i = 0; i < m_rows.size(); ++i)
            out << i;
    } else {
        for (int r : rows)
            if (r >= 0 && r < m_rows.size() && !out.contains(r))
                out << r;
    }
    std::sort(out.begin(), out.end(), [this](int a, int b) { return m_rows.at(a).host.ip < m_rows.at(b).host.ip; });
    return out;
}

namespace {
QString otherMacsText(const HostRecord &h)
{
    QStringList others;
    for (const scan::MacAddress &m : h.otherMacs)
        others << scan::macToString(m);
    return others.join(QLatin1Char(' '));
}
} // namespace

QString HostTableModel::anomalyText(const HostRecord &h)
{
    QStringList lines;
    if (h.duplicate()) {
        QStringList others;
        for (const scan::MacAddress &m : h.otherMacs)
            others << scan::macToString(m);
        lines << tr("Duplicate IP: %1 also answered for this address").arg(others.join(QStringLiteral(", ")));
    }
    if (h.macMismatch)
        lines << tr("The ARP reply's sender MAC differs from its frame's source MAC");
    return lines.join(QLatin1Char('\n'));
}

QByteArray HostTableModel::toCsv(const QList<int> &rows) const
{
    QByteArray out("ip,state,mac,vendor,hostname,rtt_ms,found_by,first_seen,last_seen,duplicate,other_macs,names\r\n");
    for (int i : exportRows(rows)) {
        const Row &r = m_rows.at(i);
        const HostRecord &h = r.host;
        const bool rtt = r.state == HostState::Up && h.rttMs >= 0;
        out += csvField(h.ipString()) + ',' + csvField(stateKey(r.state)) + ',' + csvField(h.macString()) + ',' +
               csvField(h.vendor) + ',' + csvField(h.hostname) + ',' +
               (rtt ? QByteArray::number(std::round(h.rttMs * 1000.0) / 1000.0, 'f', 3) : QByteArray()) + ',' +
               csvField(scan::foundByName(h.foundBy)) + ',' + csvField(isoTime(r.firstSeen)) + ',' +
               csvField(isoTime(r.lastSeen)) + ',' + (h.duplicate() ? "yes" : "no") + ',' +
               csvField(otherMacsText(h)) + ',' + csvField(scan::namesField(h)) + "\r\n";
    }
    return out;
}

QByteArray HostTableModel::toJson(const QList<int> &rows) const
{
    const auto orNull = [](const QString &s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); };
    QJsonArray array;
    for (int i : exportRows(rows)) {
        const Row &r = m_rows.at(i);
        const HostRecord &h = r.host;
        QJsonObject o;
        o.insert(QStringLiteral("ip"), h.ipString());
        o.insert(QStringLiteral("state"), stateKey(r.state));
        o.insert(QStringLiteral("mac"), orNull(h.macString()));
        o.insert(QStringLiteral("vendor"), orNull(h.vendor));
        o.insert(QStringLiteral("hostname"), orNull(h.hostname));
        o.insert(QStringLiteral("rtt_ms"), r.state == HostState::Up && h.rttMs >= 0
                                               ? QJsonValue(std::round(h.rttMs * 1000.0) / 1000.0)
                                               : QJsonValue(QJsonValue::Null));
        // The last measured round trip of a host that is not up now, kept for the next session's details.
        if (r.state != HostState::Up && h.rttMs >= 0)
            o.insert(QStringLiteral("last_rtt_ms"), std::round(h.rttMs * 1000.0) / 1000.0);
        o.insert(QStringLiteral("found_by"), scan::foundByName(h.foundBy));
        o.insert(QStringLiteral("first_seen"), orNull(isoTime(r.firstSeen)));
        o.insert(QStringLiteral("last_seen"), orNull(isoTime(r.lastSeen)));
        o.insert(QStringLiteral("duplicate"), h.duplicate());
        QJsonArray others;
        for (const scan::MacAddress &m : h.otherMacs)
            others.append(scan::macToString(m));
        o.insert(QStringLiteral("other_macs"), others);
        QJsonObject names;
        for (auto it = h.names.begin(); it != h.names.end(); ++it)
            names.insert(it.key(), it.value());
        o.insert(QStringLiteral("names"), names);
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

int HostTableModel::restoreLastSession(const QByteArray &json)
{
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    QList<Row> rows;
    QHash<quint32, int> rowOf;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        const auto ip = scan::ipv4FromString(o.value(QStringLiteral("ip")).toString());
        if (!ip || rowOf.contains(*ip))
            continue;
        Row r;
        r.host.ip = *ip;
        r.host.mac = scan::macFromString(o.value(QStringLiteral("mac")).toString());
        r.host.vendor = o.value(QStringLiteral("vendor")).toString();
        r.host.hostname = o.value(QStringLiteral("hostname")).toString();
        const QJsonObject names = o.value(QStringLiteral("names")).toObject();
        for (auto it = names.begin(); it != names.end(); ++it)
            if (scan::nameSources().contains(it.key()) && it.value().isString())
                r.host.names.insert(it.key(), it.value().toString());
        const QJsonValue rtt = o.value(QStringLiteral("rtt_ms"));
        r.host.rttMs = rtt.isDouble() ? rtt.toDouble() : o.value(QStringLiteral("last_rtt_ms")).toDouble(-1);
        r.host.foundBy = foundByFromName(o.value(QStringLiteral("found_by")).toString()).value_or(scan::FoundBy::Icmp);
        r.host.enriched = true;
        r.firstSeen =
            QDateTime::fromString(o.value(QStringLiteral("first_seen")).toString(), Qt::ISODate).toLocalTime();
        r.lastSeen = QDateTime::fromString(o.value(QStringLiteral("last_seen")).toString(), Qt::ISODate).toLocalTime();
        r.state = HostState::LastSession;
        rowOf.insert(*ip, int(rows.size()));
        rows.append(r);
    }
    beginResetModel();
    m_rows = rows;
    m_rowOf = rowOf;
    m_pending.clear();
    m_pendingOrder.clear();
    endResetModel();
    return int(m_rows.size());
}

} // namespace lanwatch::ui
