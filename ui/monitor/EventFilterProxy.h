// EventFilterProxy: the Events pane's kind filter and its sorting on raw values (time, IP as a number).
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace lanwatch::ui {

class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit EventFilterProxy(QObject *parent = nullptr);
    void setKind(std::optional<lanwatch::monitor::EventKind> kind); // nullopt: every kind
    std::optional<lanwatch::monitor::EventKind> kind() const { return m_kind; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    std::optional<lanwatch::monitor::EventKind> m_kind;
};

} // namespace lanwatch::ui
