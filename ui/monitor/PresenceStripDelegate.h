// PresenceStripDelegate: paints a row's last 24 h of presence (DeviceTableModel::PresenceRole) as a bar,
// online spans filled in the palette's "online" colour, with a faint mark every 6 hours.
#pragma once

#include <QStyledItemDelegate>

namespace lanwatch::ui {

struct PresenceStrip;

class PresenceStripDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit PresenceStripDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The bar itself, in rect (also used by the history dialog's week rows).
    static void paintStrip(QPainter *painter, const QRect &rect, const PresenceStrip &strip, const QPalette &palette);
    // The empty part of the bar: a shade of Base that stays visible against it, light or dark.
    static QColor trackColor(const QPalette &palette);
};

} // namespace lanwatch::ui
