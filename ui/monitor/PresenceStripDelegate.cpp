// The presence bar: track, online spans, 6-hour marks; selection and focus drawn by the style as usual.
#include "ui/monitor/PresenceStripDelegate.h"

#include "ui/monitor/DeviceTableModel.h"

#include <QApplication>
#include <QPainter>

namespace lanwatch::ui {

PresenceStripDelegate::PresenceStripDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QColor PresenceStripDelegate::trackColor(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    return base.lightnessF() < 0.5 ? base.lighter(170) : base.darker(112);
}

void PresenceStripDelegate::paintStrip(QPainter *painter, const QRect &rect, const PresenceStrip &strip,
                                       const QPalette &palette)
{
    painter->save();
    painter->fillRect(rect, trackColor(palette));
    const qint64 total = strip.from.msecsTo(strip.to);
    if (total > 0) {
        const QColor online = DeviceTableModel::onlineColor(palette);
        for (const monitor::PresenceSpan &s : strip.spans) {
            const double a = double(strip.from.msecsTo(s.from)) / double(total);
            const double b = double(strip.from.msecsTo(s.to)) / double(total);
            const int x1 = rect.left() + int(std::clamp(a, 0.0, 1.0) * rect.width());
            int x2 = rect.left() + int(std::clamp(b, 0.0, 1.0) * rect.width());
            if (x2 == x1)
                x2 = x1 + 1; // a short visit still shows
            painter->fillRect(QRect(x1, rect.top(), x2 - x1, rect.height()), online);
        }
        // Marks every 6 hours of the span, so a user can tell roughly when.
        QColor mark = palette.color(QPalette::Text);
        mark.setAlphaF(0.25);
        painter->setPen(mark);
        const qint64 step = 6LL * 3600 * 1000;
        for (qint64 t = step; t < total; t += step) {
            const int x = rect.left() + int(double(t) / double(total) * rect.width());
            painter->drawLine(x, rect.top(), x, rect.top() + rect.height() / 4);
        }
    }
    painter->restore();
}

void PresenceStripDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus
    const QVariant value = index.data(DeviceTableModel::PresenceRole);
    if (!value.canConvert<PresenceStrip>())
        return;
    const QRect bar = option.rect.adjusted(3, 4, -3, -4);
    if (bar.width() > 0 && bar.height() > 0)
        paintStrip(painter, bar, value.value<PresenceStrip>(), option.palette);
}

QSize PresenceStripDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(base.width(), 150), base.height()};
}

} // namespace lanwatch::ui
