// Palette-derived state colours; see Tones.h.
#include "ui/Tones.h"

#include <QPainter>
#include <QPixmap>

namespace lanwatch::ui {

QColor toneColor(Tone tone, const QPalette &palette)
{
    const bool darkBase = palette.color(QPalette::Base).lightnessF() < 0.5;
    double hue = 0;
    switch (tone) {
    case Tone::Error:
        hue = 0; // red
        break;
    case Tone::Warning:
        hue = 40; // amber
        break;
    case Tone::Good:
        hue = 125; // green
        break;
    case Tone::Neutral:
        return palette.color(QPalette::Disabled, QPalette::Text);
    }
    return QColor::fromHslF(hue / 360.0, 0.85, darkBase ? 0.72 : (tone == Tone::Error ? 0.38 : 0.28));
}

QIcon toneDot(Tone tone, const QPalette &palette)
{
    QIcon icon;
    for (const int size : {16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(toneColor(tone, palette));
        const double d = size * 0.5;
        p.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d));
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString toneStyle(Tone tone, const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(toneColor(tone, palette).name());
}

} // namespace lanwatch::ui
