// Column sizing and empty-table hints; see TableLayout.h.
#include "ui/TableLayout.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>

namespace lanwatch::ui {

namespace {
// Keeps the hint over the whole viewport as it is resized.
class HintPlacer final : public QObject
{
public:
    HintPlacer(QLabel *hint, QWidget *viewport) : QObject(hint), m_hint(hint)
    {
        viewport->installEventFilter(this);
        place(viewport);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            place(static_cast<QWidget *>(watched));
        return false;
    }

private:
    void place(QWidget *viewport) { m_hint->setGeometry(viewport->rect().adjusted(16, 16, -16, -16)); }
    QLabel *m_hint;
};
// The view's delegate with another elide mode.
class MiddleElider final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};
} // namespace

void elideInTheMiddle(QTableView *view, std::initializer_list<int> columns)
{
    auto *delegate = new MiddleElider(view);
    for (const int c : columns)
        view->setItemDelegateForColumn(c, delegate);
}

void fitColumn(QTableView *view, int column, const QString &sample)
{
    const QHeaderView *header = view->horizontalHeader();
    const QFontMetrics fm = view->fontMetrics();
    const int title =
        header->fontMetrics().horizontalAdvance(view->model()->headerData(column, Qt::Horizontal).toString()) +
        header->fontMetrics().height() * 2; // padding and the sort arrow
    view->setColumnWidth(column, std::max(title, fm.horizontalAdvance(sample) + fm.height() * 3 / 2));
}

void stretchColumns(QTableView *view, std::initializer_list<int> columns)
{
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    for (const int c : columns)
        header->setSectionResizeMode(c, QHeaderView::Stretch);
}

QLabel *addEmptyHint(QTableView *view, const QString &objectName)
{
    auto *hint = new QLabel(view->viewport());
    hint->setObjectName(objectName);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setAttribute(Qt::WA_TransparentForMouseEvents);
    new HintPlacer(hint, view->viewport());
    return hint;
}

} // namespace lanwatch::ui
