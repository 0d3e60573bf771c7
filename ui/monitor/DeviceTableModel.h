// DeviceTableModel: the Devices tab's rows, one per device in the inventory, refreshed by diffing on the
// device id so a refresh after every sweep keeps the selection. Edits go straight to the DeviceStore.
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QList>

class QPalette;

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::ui {

// What the presence strip of one row draws: the online spans inside [from, to].
struct PresenceStrip
{
    QDateTime from;
    QDateTime to;
    QList<lanwatch::monitor::PresenceSpan> spans;
    bool operator==(const PresenceStrip &o) const;
};

class DeviceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceTableModel)

public:
    enum Column { Name, Ip, Mac, Vendor, Known, Online, FirstSeen, LastSeen, Presence, Notes, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw values: IP as a number, times as QDateTime, flags as bool
        IdRole,                  // DeviceId
        DeviceRole,              // the Device (QVariant)
        PresenceRole,            // PresenceStrip of the last 24 h (Presence column)
        OnlineRole,              // bool
        KnownRole,               // bool
    };
    static constexpr qint64 StripMs = 24LL * 3600 * 1000;

    explicit DeviceTableModel(lanwatch::monitor::DeviceStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Name and Notes (EditRole) and Known (CheckStateRole) are written to the store; a failure emits
    // errorOccurred with the store's message and leaves the row as it was.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // Reads the inventory again and applies the difference (inserted, removed and changed rows only).
    // False (and errorOccurred) when the store cannot be read; the rows stay as they were.
    bool reload();

    int rowOf(lanwatch::monitor::DeviceId id) const; // -1: not in the model
    lanwatch::monitor::Device deviceAt(int row) const;

    bool setKnown(const QList<lanwatch::monitor::DeviceId> &ids, bool known);
    bool setWatch(const QList<lanwatch::monitor::DeviceId> &ids, bool watch); // notify its offline/online
    bool forget(const QList<lanwatch::monitor::DeviceId> &ids); // no question asked: the view confirms first

    // Colours from the palette, readable on its Base colour whether the theme is light or dark.
    static QColor onlineColor(const QPalette &palette);    // the presence strip's spans, the "online" word
    static QColor newDeviceColor(const QPalette &palette); // the "new" word

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        lanwatch::monitor::Device device;
        PresenceStrip strip;
    };
    static bool sameRow(const Row &a, const Row &b);
    QString ipText(const lanwatch::monitor::Device &d) const;
    void fail(const QString &message);

    lanwatch::monitor::DeviceStore *m_store;
    QList<Row> m_rows;
};

} // namespace lanwatch::ui

Q_DECLARE_METATYPE(lanwatch::ui::PresenceStrip)
