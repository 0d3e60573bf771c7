// DeviceFilterProxy: the Devices tab's sorting on raw values (IPs numerically, times by value) and its
// filters: a text over every column plus the known / new / online-only toggles.
#pragma once

#include <QSortFilterProxyModel>

namespace lanwatch::ui {

class DeviceFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DeviceFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    void setShowKnown(bool show); // devices marked known
    void setShowNew(bool show);   // devices not (yet) marked known
    void setOnlineOnly(bool onlineOnly);
    bool showKnown() const { return m_showKnown; }
    bool showNew() const { return m_showNew; }
    bool onlineOnly() const { return m_onlineOnly; }
    void clearFilters();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    bool m_showKnown = true;
    bool m_showNew = true;
    bool m_onlineOnly = false;
};

} // namespace lanwatch::ui
