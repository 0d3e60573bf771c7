// PresenceWeekWidget: a device's presence over the last 7 days, one row per local calendar day (today at
// the bottom), 24 hours across, online spans filled as in the Devices tab's strip.
#pragma once

#include "ui/monitor/DeviceTableModel.h"

#include <QWidget>

namespace lanwatch::ui {

class PresenceWeekWidget final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int Days = 7;
    explicit PresenceWeekWidget(QWidget *parent = nullptr);

    // spans: online intervals covering at least the 7 days that end with now's day (local time).
    void setPresence(const QList<lanwatch::monitor::PresenceSpan> &spans, const QDateTime &now);
    QList<PresenceStrip> days() const { return m_days; } // oldest first, each [local midnight, +24 h)
    QRect stripRect(int day) const;                      // where day's row is painted
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    static QString dayLabel(const QDate &date);
    int labelWidth() const;
    QList<PresenceStrip> m_days;
    QDateTime m_now;
};

} // namespace lanwatch::ui
