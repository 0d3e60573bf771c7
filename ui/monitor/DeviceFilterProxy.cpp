// Filtering by substring (name, addresses, vendor, notes) and state; sorting on DeviceTableModel::SortRole.
#include "ui/monitor/DeviceFilterProxy.h"

#include "ui/monitor/DeviceTableModel.h"

#include <QDateTime>

namespace lanwatch::ui {

DeviceFilterProxy::DeviceFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(DeviceTableModel::SortRole);
    setDynamicSortFilter(true);
}

void DeviceFilterProxy::setFilterText(const QString &text)
{
    if (m_text == text.trimmed())
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

void DeviceFilterProxy::setShowKnown(bool show)
{
    if (m_showKnown == show)
        return;
    m_showKnown = show;
    invalidateFilter();
}

void DeviceFilterProxy::setShowNew(bool show)
{
    if (m_showNew == show)
        return;
    m_showNew = show;
    invalidateFilter();
}

void DeviceFilterProxy::setOnlineOnly(bool onlineOnly)
{
    if (m_onlineOnly == onlineOnly)
        return;
    m_onlineOnly = onlineOnly;
    invalidateFilter();
}

void DeviceFilterProxy::clearFilters()
{
    m_text.clear();
    m_showKnown = m_showNew = true;
    m_onlineOnly = false;
    invalidateFilter();
}

bool DeviceFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex first = sourceModel()->index(sourceRow, 0, sourceParent);
    const bool known = first.data(DeviceTableModel::KnownRole).toBool();
    if ((known && !m_showKnown) || (!known && !m_showNew))
        return false;
    if (m_onlineOnly && !first.data(DeviceTableModel::OnlineRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    for (int c : {DeviceTableModel::Name, DeviceTableModel::Ip, DeviceTableModel::Mac, DeviceTableModel::Vendor,
                  DeviceTableModel::Notes}) {
        const QModelIndex index = sourceModel()->index(sourceRow, c, sourceParent);
        // EditRole: the whole notes, not only their first line.
        if (index.data(Qt::EditRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool DeviceFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(DeviceTableModel::SortRole);
    const QVariant r = right.data(DeviceTableModel::SortRole);
    switch (l.typeId()) {
    case QMetaType::UInt:
        return l.toUInt() < r.toUInt();
    case QMetaType::Bool:
        return l.toBool() < r.toBool();
    case QMetaType::Double:
        return l.toDouble() < r.toDouble();
    case QMetaType::QDateTime:
        return l.toDateTime() < r.toDateTime();
    default:
        return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
    }
}

} // namespace lanwatch::ui
