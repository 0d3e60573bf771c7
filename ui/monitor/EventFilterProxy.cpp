// Kind filter on EventTableModel::KindRole; sorting on EventTableModel::SortRole, ties broken by event id.
#include "ui/monitor/EventFilterProxy.h"

#include "ui/monitor/EventTableModel.h"

#include <QDateTime>

namespace lanwatch::ui {

EventFilterProxy::EventFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(EventTableModel::SortRole);
    setDynamicSortFilter(true);
}

void EventFilterProxy::setKind(std::optional<monitor::EventKind> kind)
{
    if (m_kind == kind)
        return;
    m_kind = kind;
    invalidateFilter();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_kind)
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(EventTableModel::KindRole).toInt() == int(*m_kind);
}

bool EventFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(EventTableModel::SortRole);
    const QVariant r = right.data(EventTableModel::SortRole);
    if (l.typeId() == QMetaType::QDateTime && l.toDateTime() != r.toDateTime())
        return l.toDateTime() < r.toDateTime();
    if (l.typeId() == QMetaType::UInt)
        return l.toUInt() < r.toUInt();
    if (l.typeId() != QMetaType::QDateTime) {
        const int c = QString::localeAwareCompare(l.toString(), r.toString());
        if (c != 0)
            return c < 0;
    }
    // Same second: the later event has the larger id.
    return left.data(EventTableModel::IdRole).toLongLong() < right.data(EventTableModel::IdRole).toLongLong();
}

} // namespace lanwatch::ui
