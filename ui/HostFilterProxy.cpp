// Filtering by substring over every column; sorting on HostTableModel::SortRole.
#include "ui/HostFilterProxy.h"

#include "ui/HostTableModel.h"

#include <QDateTime>

namespace lanwatch::ui {

HostFilterProxy::HostFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(HostTableModel::SortRole);
    setDynamicSortFilter(true);
}

void HostFilterProxy::setFilterText(const QString &text)
{
    if (m_text == text.trimmed())
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

bool HostFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    for (int c = 0; c < HostTableModel::ColumnCount; ++c) {
        const QString text = sourceModel()->index(sourceRow, c, sourceParent).data(Qt::DisplayRole).toString();
        if (text.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool HostFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(HostTableModel::SortRole);
    const QVariant r = right.data(HostTableModel::SortRole);
    if (l.typeId() == QMetaType::UInt)
        return l.toUInt() < r.toUInt();
    if (l.typeId() == QMetaType::Double)
        return l.toDouble() < r.toDouble();
    if (l.typeId() == QMetaType::QDateTime)
        return l.toDateTime() < r.toDateTime();
    return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
}

} // namespace lanwatch::ui
