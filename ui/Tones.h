// Tones: the few colours the UI uses to say "error", "warning", "fine", derived from the palette so they
// stay readable on a light and on a dark desktop theme (never a fixed colour).
#pragma once

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace lanwatch::ui {

enum class Tone { Error, Warning, Good, Neutral };

// The hue says what it is; the lightness follows the palette's base, far enough from it to read as text.
QColor toneColor(Tone tone, const QPalette &palette);
// A small filled dot in that tone, for a state column (the word next to it says the same for colour-blind
// users and screen readers).
QIcon toneDot(Tone tone, const QPalette &palette);
// "color: ...;" style-sheet text for a label in that tone.
QString toneStyle(Tone tone, const QPalette &palette);

} // namespace lanwatch::ui
