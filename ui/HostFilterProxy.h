// HostFilterProxy: sorts on raw values (IPs numerically) and filters on any column's text.
#pragma once

#include <QSortFilterProxyModel>

namespace lanwatch::ui {

class HostFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit HostFilterProxy(QObject *parent = nullptr);
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
};

} // namespace lanwatch::ui
