// Pair rows; a 1 s timer refreshes countdowns only while some pair is pending.
#include "ui/sync/SyncPairModel.h"

#include "core/sync/SyncScheduler.h"

#include <QBrush>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QRegularExpression>

#include "ui/Tones.h"

namespace lanwatch::ui {

using namespace lanwatch::sync;

namespace {
// The locale's short time with seconds added: a check a minute away is told to the second.
QString timeWithSeconds(const QDateTime &t)
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1Char('s')))
        format.replace(QRegularExpression(QStringLiteral("(m+)")), QStringLiteral("\\1:ss"));
    const QString time = locale.toString(t.time(), format);
    return t.date() == QDate::currentDate() ? time
                                            : locale.toString(t.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}
} // namespace

SyncPairModel::SyncPairModel(SyncScheduler *scheduler, QObject *parent)
    : QAbstractTableModel(parent), m_scheduler(scheduler)
{
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &SyncPairModel::tick);
    connect(scheduler, &SyncScheduler::pairStateChanged, this, &SyncPairModel::pairChanged);
    reload();
}

void SyncPairModel::reload()
{
    beginResetModel();
    m_ids.clear();
    for (const SyncPair &p : m_scheduler->pairs())
        m_ids << p.id;
    endResetModel();
    tick();
}

int SyncPairModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int SyncPairModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SyncPairModel::idAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString();
}

QVariant SyncPairModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString id = m_ids.at(index.row());
    SyncPair pair;
    for (const SyncPair &p : m_scheduler->pairs())
        if (p.id == id)
            pair = p;
    const PairStatus st = m_scheduler->status(id);
    if (role == IdRole)
        return id;
    if (role == StateRole)
        return int(st.state);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Source:
            return pair.source;
        case Destination:
            return pair.destination;
        case Mode:
            return pair.mode == SyncMode::Mirror ? tr("mirror") : tr("update");
        case State:
            switch (st.state) {
            case PairState::Pending: {
                const qint64 left = std::max<qint64>(0, QDateTime::currentDateTime().secsTo(st.pendingUntil));
                return tr("pending (in %n s)", nullptr, int(left));
            }
            case PairState::Syncing:
                return st.progressTotal ? tr("syncing %1/%2").arg(st.progressDone).arg(st.progressTotal)
                                        : tr("syncing");
            case PairState::Partial:
                return tr("problems: %1").arg(st.message);
            case PairState::Error:
                return tr("error: %1").arg(st.message);
            case PairState::HeldBack:
                return tr("held back: %1").arg(st.message);
            default:
                return pairStateName(st.state);
            }
        case LastRun:
            if (role == SortRole)
                return st.lastRun;
            if (!st.lastRun.isValid())
                return tr("never");
            return st.lastRun.date() == QDate::currentDate()
                       ? QLocale().toString(st.lastRun.time(), QLocale::ShortFormat)
                       : QLocale().toString(st.lastRun, QLocale::ShortFormat);
        case Copied:
            return st.lastReport.copied;
        case Updated:
            return st.lastReport.updated;
        case Deleted:
            return st.lastReport.deleted;
        case NextCheck:
            if (role == SortRole)
                return st.nextCheck;
            return st.state == PairState::Paused || !st.nextCheck.isValid() ? QString() : timeWithSeconds(st.nextCheck);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        const QColor color = stateColor(st.state, QGuiApplication::palette());
        return color.isValid() ? QVariant(QBrush(color)) : QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == State && !st.message.isEmpty())
        return st.message; // the whole reason: the cell shows only its start
    if (role == Qt::ToolTipRole && (index.column() == Source || index.column() == Destination))
        return index.column() == Source ? pair.source : pair.destination; // long paths are elided in the cell
    if (role == Qt::DecorationRole && index.column() == State) {
        if (st.state == PairState::Error)
            return toneDot(Tone::Error, QGuiApplication::palette());
        if (st.state == PairState::Partial || st.state == PairState::HeldBack)
            return toneDot(Tone::Warning, QGuiApplication::palette());
    }
    return {};
}

QColor SyncPairModel::stateColor(PairState state, const QPalette &palette)
{
    if (state == PairState::Error)
        return toneColor(Tone::Error, palette);
    if (state == PairState::Partial || state == PairState::HeldBack)
        return toneColor(Tone::Warning, palette);
    return {};
}

QVariant SyncPairModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Copied:
            return tr("New files and links copied by the last run");
        case Updated:
            return tr("Files the last run replaced with a newer version (the old one is kept in the versions folder)");
        case Deleted:
            return tr("Files the last run moved to the versions folder");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Source:
        return tr("Source");
    case Destination:
        return tr("Destination");
    case Mode:
        return tr("Mode");
    case State:
        return tr("State");
    case LastRun:
        return tr("Last run");
    case Copied:
        return tr("Copied");
    case Updated:
        return tr("Updated");
    case Deleted:
        return tr("Deleted");
    case NextCheck:
        return tr("Next check");
    }
    return {};
}

void SyncPairModel::pairChanged(const QString &id)
{
    const int row = int(m_ids.indexOf(id));
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
                       {Qt::DisplayRole, Qt::DecorationRole, Qt::ForegroundRole, Qt::ToolTipRole, StateRole, SortRole});
    tick();
}

void SyncPairModel::tick()
{
    bool pending = false;
    for (int row = 0; row < m_ids.size(); ++row) {
        if (m_scheduler->status(m_ids.at(row)).state == PairState::Pending) {
            pending = true;
            Q_EMIT dataChanged(index(row, State), index(row, State), {Qt::DisplayRole});
        }
    }
    if (pending && !m_countdown.isActive())
        m_countdown.start();
    else if (!pending)
        m_countdown.stop();
}

} // namespace lanwatch::ui
