// DeviceHistoryDialog: one device's history: presence over the last 7 days, round-trip times over the same
// week, the IPs it held and the names it was seen with (and where each name came from).
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::ui {

class PresenceWeekWidget;
class RttChart;

class DeviceHistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceHistoryDialog)

public:
    DeviceHistoryDialog(lanwatch::monitor::DeviceStore *store, lanwatch::monitor::DeviceId id,
                        QWidget *parent = nullptr);

    lanwatch::monitor::DeviceId deviceId() const { return m_id; }
    PresenceWeekWidget *presenceWidget() const { return m_week; }
    RttChart *rttChart() const { return m_rtt; }
    QTableWidget *ipTable() const { return m_ips; }
    QTableWidget *nameTable() const { return m_names; }
    QString errorText() const; // empty when everything could be read

public Q_SLOTS:
    void reload();

private:
    void addError(const QString &message);

    lanwatch::monitor::DeviceStore *m_store;
    lanwatch::monitor::DeviceId m_id;
    QLabel *m_summary;
    QLabel *m_error;
    PresenceWeekWidget *m_week;
    RttChart *m_rtt;
    QTableWidget *m_ips;
    QTableWidget *m_names;
};

} // namespace lanwatch::ui
