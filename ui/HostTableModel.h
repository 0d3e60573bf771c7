// HostTableModel: the dashboard's hosts, one row per address, fed by the scan engine's queued signals
// and batched, so a /16 sweep repaints a few times a second instead of once per packet. It also renders
// what it shows as CSV/JSON (with state and times) and brings back the last session's table.
#pragma once

#include "core/scan/ScanTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QTimer>

#include <functional>

namespace lanwatch::ui {

// The method that found a host, in words for people (translated); the CLI and exports keep foundByName().
QString foundByText(lanwatch::scan::FoundBy method);
// A host's names, one a line, best first, each with its source: "nas.local (mDNS)".
QString nameList(const lanwatch::scan::HostRecord &host);

class HostTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostTableModel)

public:
    enum Column { Ip, State, Mac, Vendor, HostName, Rtt, FoundBy, FirstSeen, LastSeen, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw values: IP as a number, RTT as a double, times as QDateTime
        UpRole,                  // bool: answered in the current/last scan
        HostRole,                // the HostRecord (QVariant)
        StateRole,               // HostState as int
    };
    enum class HostState { Up, Down, LastSession };

    explicit HostTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A scan starts: the known hosts it probes (inScope; all when empty) become "not yet seen", and those
    // that stay silent show as down. Hosts the scan does not probe keep their state: a rescan of one host
    // says nothing about the others.
    void beginScan(const std::function<bool(quint32)> &inScope = {});
    void endScan();

    // Engine signals land here (queued, on the GUI thread); rows appear at the next flush.
    void addOrUpdate(const lanwatch::scan::HostRecord &host);
    void flush(); // apply pending rows now (the timer calls it every 80 ms)

    QList<lanwatch::scan::HostRecord> hosts(bool upOnly = false) const;
    int upCount() const;
    lanwatch::scan::HostRecord hostAt(int row) const;
    HostState stateAt(int row) const;
    QDateTime firstSeenAt(int row) const;
    QDateTime lastSeenAt(int row) const;
    void clear();
    // What the ARP replies showed wrong with a host (duplicate IP, sender MAC unlike the frame's), one per
    // line, translated; empty when nothing.
    static QString anomalyText(const lanwatch::scan::HostRecord &host);

    // What the table shows, sorted by address: ip, state (up/down/last-session), mac, vendor, hostname,
    // rtt_ms (empty for a host that did not answer), found_by, first_seen, last_seen (ISO 8601, UTC).
    // Machine-readable values stay English. rows: source rows (all when empty).
    QByteArray toCsv(const QList<int> &rows = {}) const;
    QByteArray toJson(const QList<int> &rows = {}) const;
    // Replaces the table with the rows of a toJson() document, each marked as from the last session.
    // Returns how many rows were restored (0 for an empty or unreadable document).
    int restoreLastSession(const QByteArray &json);

private:
    struct Row
    {
        lanwatch::scan::HostRecord host;
        QDateTime firstSeen;
        QDateTime lastSeen;
        HostState state = HostState::Up;
    };
    QList<int> exportRows(const QList<int> &rows) const;
    QList<Row> m_rows;
    QHash<quint32, int> m_rowOf;                          // ip -> row
    QHash<quint32, lanwatch::scan::HostRecord> m_pending; // arrived since the last flush
    QList<quint32> m_pendingOrder;
    QTimer m_flushTimer;
};

} // namespace lanwatch::ui
