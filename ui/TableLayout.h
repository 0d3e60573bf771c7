// TableLayout: how lanwatch's tables share their width (columns sized from the font and their header,
// free-text columns stretched, so no horizontal scrollbar at a size the columns fit in) and the one-line
// hint a table shows while it has no rows.
#pragma once

#include <QString>

class QLabel;
class QTableView;

namespace lanwatch::ui {

// Sets column's width to fit sample (and the header's title with its sort arrow) in the view's font.
void fitColumn(QTableView *view, int column, const QString &sample);
// Lets columns share what the fixed ones leave; the others keep their width (and stay resizable).
void stretchColumns(QTableView *view, std::initializer_list<int> columns);

// Elides column's text in the middle (paths, "a → b" names: both ends stay readable); the rest of the
// view keeps its own mode (elided at the end).
void elideInTheMiddle(QTableView *view, std::initializer_list<int> columns);

// A centred, wrapped, placeholder-coloured label over the view's viewport that follows its size; the
// caller shows it while the view has no rows and sets the text.
QLabel *addEmptyHint(QTableView *view, const QString &objectName);

} // namespace lanwatch::ui
