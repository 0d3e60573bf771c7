// EventTableModel: the monitor's event log, newest first, refreshed by diffing on the event id. Unseen
// events are bold, and stay bold while the pane that showed them is open (EventsPane holds them).
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QAbstractTableModel>
#include <QSet>

class QPalette;

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::ui {

class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)

public:
    enum Column { Time, Kind, Device, Ip, Description, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // time as QDateTime, IP as a number
        IdRole,                  // EventId
        DeviceIdRole,            // DeviceId
        KindRole,                // int(EventKind)
        SeenRole,                // bool, as stored
        BoldRole,                // bool: shown bold (unseen, or marked seen while this viewing lasts)
    };
    static constexpr int DefaultLimit = 2000; // the newest; the CLI reads the whole log

    explicit EventTableModel(lanwatch::monitor::DeviceStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    bool reload(); // false (and errorOccurred) when the store cannot be read
    lanwatch::monitor::Event eventAt(int row) const;
    QList<lanwatch::monitor::EventId> unseenIds() const;

    // Marks the events seen in the store but keeps them bold until releaseBold(): the user is looking.
    bool markSeenKeepingBold(const QList<lanwatch::monitor::EventId> &ids);
    void releaseBold();
    bool markAllSeen(); // and unbold at once: the user asked

    static QString kindLabel(lanwatch::monitor::EventKind kind);
    // The kind's colour for the two that may mean an attack or a misconfiguration; invalid otherwise.
    static QColor alertColor(lanwatch::monitor::EventKind kind, const QPalette &palette);

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    bool bold(const lanwatch::monitor::Event &e) const { return !e.seen || m_holdBold.contains(e.id); }
    void emitBoldChanged();

    lanwatch::monitor::DeviceStore *m_store;
    QList<lanwatch::monitor::Event> m_rows;
    QSet<lanwatch::monitor::EventId> m_holdBold;
};

} // namespace lanwatch::ui
