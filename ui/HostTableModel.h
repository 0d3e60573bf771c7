// HostTableModel: the dashboard's hosts, one row per address, fed by the scan engine's queued signals
// and batched, so a /16 sweep repaints a few times a second instead of once per packet.
#pragma once

#include "core/scan/ScanTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QTimer>

namespace lanwatch::ui {

class HostTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostTableModel)

public:
    enum Column { Ip, Mac, Vendor, HostName, Rtt, FoundBy, FirstSeen, LastSeen, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw values: IP as a number, RTT as a double, times as QDateTime
        UpRole,                  // bool: answered in the current/last scan
        HostRole,                // the HostRecord (QVariant)
    };

    explicit HostTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A scan starts: every known host becomes "not yet seen"; hosts that stay silent show as down.
    void beginScan();
    void endScan();

    // Engine signals land here (queued, on the GUI thread); rows appear at the next flush.
    void addOrUpdate(const lanwatch::scan::HostRecord &host);
    void flush(); // apply pending rows now (the timer calls it every 80 ms)

    QList<lanwatch::scan::HostRecord> hosts(bool upOnly = false) const;
    int upCount() const;
    lanwatch::scan::HostRecord hostAt(int row) const;
    void clear();

private:
    struct Row
    {
        lanwatch::scan::HostRecord host;
        QDateTime firstSeen;
        QDateTime lastSeen;
        bool up = true;
    };
    QList<Row> m_rows;
    QHash<quint32, int> m_rowOf;                          // ip -> row
    QHash<quint32, lanwatch::scan::HostRecord> m_pending; // arrived since the last flush
    QList<quint32> m_pendingOrder;
    QTimer m_flushTimer;
};

} // namespace lanwatch::ui
