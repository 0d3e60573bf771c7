// Seven day rows with the date at the left and an hour scale under them; the future part of today is left
// blank (no track), so "offline" and "not yet" look different.
#include "ui/monitor/PresenceWeekWidget.h"

#include "ui/monitor/PresenceStripDelegate.h"

#include <QLocale>
#include <QPainter>

namespace lanwatch::ui {

using namespace lanwatch::monitor;

namespace {
constexpr int RowHeight = 18;
constexpr int RowGap = 4;
} // namespace

PresenceWeekWidget::PresenceWeekWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("presenceWeek"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void PresenceWeekWidget::setPresence(const QList<PresenceSpan> &spans, const QDateTime &now)
{
    m_now = now;
    m_days.clear();
    const QDate today = now.toLocalTime().date();
    for (int d = Days - 1; d >= 0; --d) {
        PresenceStrip strip;
        strip.from = today.addDays(-d).startOfDay().toUTC();
        strip.to = today.addDays(-d + 1).startOfDay().toUTC(); // 23 or 25 h on a DST change day
        for (const PresenceSpan &s : spans) {
            const QDateTime a = std::max(s.from, strip.from);
            const QDateTime b = std::min(s.to, strip.to);
            if (a < b)
                strip.spans.append(PresenceSpan{a, b, s.open && b == s.to});
        }
        m_days.append(strip);
    }
    updateGeometry();
    update();
}

QString PresenceWeekWidget::dayLabel(const QDate &date)
{
    const QLocale locale;
    return locale.dayName(date.dayOfWeek(), QLocale::ShortFormat) + QLatin1Char(' ') +
           locale.toString(date, QLocale::ShortFormat);
}

int PresenceWeekWidget::labelWidth() const
{
    int widest = fontMetrics().horizontalAdvance(dayLabel(QDate(2000, 12, 27))); // before data: a long date
    for (const PresenceStrip &strip : m_days)
        widest = std::max(widest, fontMetrics().horizontalAdvance(dayLabel(strip.from.toLocalTime().date())));
    return widest + 10;
}

QRect PresenceWeekWidget::stripRect(int day) const
{
    const int left = labelWidth();
    return {left, day * (RowHeight + RowGap), std::max(10, width() - left - 4), RowHeight};
}

QSize PresenceWeekWidget::sizeHint() const
{
    return {labelWidth() + 480, Days * (RowHeight + RowGap) + fontMetrics().height() + 4};
}

QSize PresenceWeekWidget::minimumSizeHint() const
{
    return {labelWidth() + 200, sizeHint().height()};
}

void PresenceWeekWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QLocale locale;
    p.setPen(pal.color(QPalette::WindowText));
    for (int d = 0; d < m_days.size(); ++d) {
        const PresenceStrip &strip = m_days.at(d);
        const QRect r = stripRect(d);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(0, r.top(), labelWidth() - 8, r.height()), Qt::AlignRight | Qt::AlignVCenter,
                   dayLabel(strip.from.toLocalTime().date()));
        PresenceStrip shown = strip;
        QRect area = r;
        if (m_now.isValid() && m_now < strip.to) { // today: draw up to now only
            const double f = double(strip.from.msecsTo(m_now)) / double(strip.from.msecsTo(strip.to));
            area.setWidth(std::max(1, int(f * r.width())));
            shown.to = m_now;
        }
        PresenceStripDelegate::paintStrip(&p, area, shown, pal);
    }
    // Hour scale: 0, 6, 12, 18, 24.
    const QRect first = stripRect(0);
    const int y = Days * (RowHeight + RowGap);
    p.setPen(pal.color(QPalette::WindowText));
    for (int h = 0; h <= 24; h += 6) {
        const int x = first.left() + first.width() * h / 24;
        const QString text = locale.toString(QTime(h % 24, 0), QLocale::ShortFormat);
        const int w = fontMetrics().horizontalAdvance(text);
        const int tx = std::clamp(x - w / 2, first.left(), first.right() - w);
        p.drawText(tx, y + fontMetrics().ascent(), h == 24 ? QString() : text);
    }
}

} // namespace lanwatch::ui
