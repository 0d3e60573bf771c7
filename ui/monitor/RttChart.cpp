// Axis scaling to a "nice" top value (1, 2, 5 x 10^n ms), day ticks along the time axis.
#include "ui/monitor/RttChart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace lanwatch::ui {

using namespace lanwatch::monitor;

namespace {
double niceCeiling(double v)
{
    if (v <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (v <= m * magnitude)
            return m * magnitude;
    return 10 * magnitude;
}
} // namespace

RttChart::RttChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("rttChart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void RttChart::setSeries(const QList<RttPoint> &points, const QDateTime &from, const QDateTime &to)
{
    m_points = points;
    m_from = from;
    m_to = to;
    double top = 0;
    for (const RttPoint &p : points)
        top = std::max(top, p.maxMs);
    m_axisMax = niceCeiling(top * 1.05);
    update();
}

double RttChart::maxMs() const
{
    return m_axisMax;
}

QSize RttChart::sizeHint() const
{
    return {560, 180};
}

QSize RttChart::minimumSizeHint() const
{
    return {240, 110};
}

QRect RttChart::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const int left = fm.horizontalAdvance(QStringLiteral("0000 ms")) + 8;
    return QRect(left, fm.height() / 2 + 2, width() - left - 8, height() - fm.height() * 2 - 6);
}

QPointF RttChart::pointPosition(int i) const
{
    const QRect r = plotRect();
    const RttPoint &p = m_points.at(i);
    const double span = double(std::max<qint64>(1, m_from.msecsTo(m_to)));
    const double x = r.left() + double(m_from.msecsTo(p.bucketStart) + p.bucketMs / 2) / span * r.width();
    const double y = r.bottom() - p.avgMs / m_axisMax * r.height();
    return {x, y};
}

QColor RttChart::lineColor(const QPalette &palette)
{
    const bool darkBase = palette.color(QPalette::Base).lightnessF() < 0.5;
    return QColor::fromHslF(210 / 360.0, 0.75, darkBase ? 0.68 : 0.38); // blue
}

void RttChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRect r = plotRect();
    const QLocale locale;
    p.fillRect(r, pal.color(QPalette::Base));
    QColor grid = pal.color(QPalette::Text);
    grid.setAlphaF(0.18);

    // Y axis: 0, half, top.
    for (int i = 0; i <= 2; ++i) {
        const double v = m_axisMax * i / 2;
        const int y = r.bottom() - r.height() * i / 2;
        p.setPen(grid);
        p.drawLine(r.left(), y, r.right(), y);
        p.setPen(pal.color(QPalette::WindowText));
        const QString text = tr("%1 ms").arg(locale.toString(v, 'g', 3));
        p.drawText(QRect(0, y - fontMetrics().height() / 2, r.left() - 6, fontMetrics().height()),
                   Qt::AlignRight | Qt::AlignVCenter, text);
    }
    // X axis: a line at each local midnight, the day's short name centred under its part of the axis.
    const double span = double(std::max<qint64>(1, m_from.msecsTo(m_to)));
    const auto xOf = [&](const QDateTime &t) { return r.left() + double(m_from.msecsTo(t)) / span * r.width(); };
    if (m_from.isValid()) {
        for (QDate d = m_from.toLocalTime().date(); d.startOfDay() < m_to; d = d.addDays(1)) {
            const double x1 = xOf(std::max(d.startOfDay(), m_from));
            const double x2 = xOf(std::min(d.addDays(1).startOfDay(), m_to));
            if (d.startOfDay() > m_from) {
                p.setPen(grid);
                p.drawLine(QPointF(x1, r.top()), QPointF(x1, r.bottom()));
            }
            const QString name = locale.dayName(d.dayOfWeek(), QLocale::ShortFormat);
            if (x2 - x1 >= fontMetrics().horizontalAdvance(name) + 4) {
                p.setPen(pal.color(QPalette::WindowText));
                p.drawText(QRectF(x1, r.bottom() + 3, x2 - x1, fontMetrics().height()), Qt::AlignHCenter | Qt::AlignTop,
                           name);
            }
        }
    }
    p.setPen(grid);
    p.drawRect(r.adjusted(0, 0, -1, -1));

    if (m_points.isEmpty()) {
        p.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        p.drawText(r, Qt::AlignCenter, tr("No round-trip times recorded in this period"));
        return;
    }

    // Runs of buckets; a gap breaks the line when it is longer than two buckets and than three of the usual
    // steps between samples (a device swept hourly is drawn as a line, a night offline as a gap).
    QList<qint64> steps;
    for (int i = 1; i < m_points.size(); ++i)
        steps << m_points.at(i - 1).bucketStart.msecsTo(m_points.at(i).bucketStart);
    std::sort(steps.begin(), steps.end());
    const qint64 usualStep = steps.isEmpty() ? 0 : steps.at(steps.size() / 2);
    const QColor line = lineColor(pal);
    QColor band = line;
    band.setAlphaF(0.25);
    const auto yOf = [&](double ms) { return r.bottom() - ms / m_axisMax * r.height(); };
    int start = 0;
    while (start < m_points.size()) {
        int end = start;
        while (end + 1 < m_points.size() && m_points.at(end).bucketStart.msecsTo(m_points.at(end + 1).bucketStart) <=
                                                std::max(2 * m_points.at(end).bucketMs, 3 * usualStep))
            ++end;
        QPainterPath bandPath;
        QPainterPath avgPath;
        for (int i = start; i <= end; ++i) {
            const QPointF pt = pointPosition(i);
            if (i == start) {
                bandPath.moveTo(pt.x(), yOf(m_points.at(i).maxMs));
                avgPath.moveTo(pt);
            } else {
                bandPath.lineTo(pt.x(), yOf(m_points.at(i).maxMs));
                avgPath.lineTo(pt);
            }
        }
        for (int i = end; i >= start; --i)
            bandPath.lineTo(pointPosition(i).x(), yOf(m_points.at(i).minMs));
        bandPath.closeSubpath();
        p.fillPath(bandPath, band);
        p.setPen(QPen(line, 1.6));
        if (start == end)
            p.drawEllipse(pointPosition(start), 2.0, 2.0);
        else
            p.drawPath(avgPath);
        start = end + 1;
    }
}

} // namespace lanwatch::ui
