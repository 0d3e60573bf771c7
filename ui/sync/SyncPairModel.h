// SyncPairModel: the dashboard's table of folder pairs with their live state, fed by SyncScheduler.
#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QTimer>

class QPalette;

namespace lanwatch::sync {
class SyncScheduler;
enum class PairState;
} // namespace lanwatch::sync

namespace lanwatch::ui {

class SyncPairModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncPairModel)

public:
    enum Column { Source, Destination, Mode, State, LastRun, Copied, Updated, Deleted, NextCheck, ColumnCount };
    enum Role { IdRole = Qt::UserRole, StateRole, SortRole };

    explicit SyncPairModel(lanwatch::sync::SyncScheduler *scheduler, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString idAt(int row) const;
    // The state column's text colour, from the palette: readable on its Base colour, light or dark; an
    // invalid colour for states shown in the ordinary text colour.
    static QColor stateColor(lanwatch::sync::PairState state, const QPalette &palette);
    void reload(); // after SyncScheduler::setPairs

private:
    void pairChanged(const QString &id);
    void tick(); // countdowns of pending pairs

    lanwatch::sync::SyncScheduler *m_scheduler;
    QStringList m_ids;
    QTimer m_countdown;
};

} // namespace lanwatch::ui
