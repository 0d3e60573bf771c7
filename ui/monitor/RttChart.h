// RttChart: a device's round-trip times over time, painted by hand (QPainter, no Qt Charts): the average
// per bucket as a line, the min-max range as a band behind it, a gap where no sample was taken.
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QWidget>

namespace lanwatch::ui {

class RttChart final : public QWidget
{
    Q_OBJECT

public:
    explicit RttChart(QWidget *parent = nullptr);

    void setSeries(const QList<lanwatch::monitor::RttPoint> &points, const QDateTime &from, const QDateTime &to);
    int pointCount() const { return int(m_points.size()); }
    double maxMs() const; // top of the y axis
    QRect plotRect() const;
    // Where a bucket's average is drawn (tests check the line goes through it).
    QPointF pointPosition(int i) const;
    static QColor lineColor(const QPalette &palette);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<lanwatch::monitor::RttPoint> m_points;
    QDateTime m_from;
    QDateTime m_to;
    double m_axisMax = 1;
};

} // namespace lanwatch::ui
