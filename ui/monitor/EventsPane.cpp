// The Events pane: kind combo -> proxy; double-click -> showDevice; seen-marking tied to visibility.
#include "ui/monitor/EventsPane.h"

#include "core/monitor/DeviceStore.h"
#include "ui/TableLayout.h"
#include "ui/monitor/EventFilterProxy.h"
#include "ui/monitor/EventTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanwatch::ui {

using namespace lanwatch::monitor;

EventsPane::EventsPane(DeviceStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_model(new EventTableModel(store, this)), m_proxy(new EventFilterProxy(this)),
      m_view(new QTableView(this)), m_kind(new QComboBox(this)), m_error(new QLabel(this)),
      m_markAllSeen(new QAction(tr("Mark all &seen"), this))
{
    m_proxy->setSourceModel(m_model);

    m_kind->setObjectName(QStringLiteral("eventKind"));
    m_kind->addItem(tr("All events"));
    for (EventKind kind : allEventKinds())
        m_kind->addItem(EventTableModel::kindLabel(kind), int(kind));
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant kind = m_kind->currentData();
        m_proxy->setKind(kind.isValid() ? std::optional<EventKind>(EventKind(kind.toInt())) : std::nullopt);
    });

    m_markAllSeen->setToolTip(tr("Mark every event as seen (the tray icon stops asking for attention)"));
    connect(m_markAllSeen, &QAction::triggered, this, &EventsPane::markAllSeen);
    auto *markButton = new QToolButton(this);
    markButton->setDefaultAction(m_markAllSeen);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();

    m_view->setObjectName(QStringLiteral("eventsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EventTableModel::Time, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    {
        const QLocale locale;
        fitColumn(m_view, EventTableModel::Time,
                  locale.toString(QDate(2026, 12, 31), QLocale::ShortFormat) + QStringLiteral(" ") +
                      locale.toString(QTime(23, 59, 59), QLocale::ShortFormat));
        fitColumn(m_view, EventTableModel::Kind, QStringLiteral("M").repeated(10));
        fitColumn(m_view, EventTableModel::Device, QStringLiteral("M").repeated(10));
        fitColumn(m_view, EventTableModel::Ip, QStringLiteral("255.255.255.255"));
        stretchColumns(m_view, {EventTableModel::Description});
    }
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        const DeviceId id = index.data(EventTableModel::DeviceIdRole).value<DeviceId>();
        if (id > 0)
            Q_EMIT showDevice(id);
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_kind);
    bar->addStretch(1);
    bar->addWidget(markButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);

    connect(m_model, &EventTableModel::errorOccurred, this, [this](const QString &message) {
        m_error->setText(message);
        m_error->show();
    });
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(200);
    connect(&m_reloadTimer, &QTimer::timeout, this, &EventsPane::reload);
    for (int c : {int(EventTableModel::Time), int(EventTableModel::Kind), int(EventTableModel::Device)})
        m_view->resizeColumnToContents(c);
}

void EventsPane::reload()
{
    m_reloadTimer.stop();
    if (m_model->reload())
        m_error->hide();
    if (m_onScreen)
        markShownSeen();
    reportUnseen();
}

void EventsPane::scheduleReload()
{
    if (!m_reloadTimer.isActive())
        m_reloadTimer.start();
}

void EventsPane::markAllSeen()
{
    if (m_model->markAllSeen())
        m_error->hide();
    reportUnseen();
}

void EventsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_onScreen = true;
    markShownSeen();
    reportUnseen();
}

void EventsPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_onScreen = false;
    m_model->releaseBold(); // looked at: next time they show in the normal weight
}

void EventsPane::markShownSeen()
{
    m_model->markSeenKeepingBold(m_model->unseenIds());
}

int EventsPane::unseenCount() const
{
    const Result<int> unseen = m_store->unseenEventCount();
    return unseen ? *unseen : 0;
}

void EventsPane::reportUnseen()
{
    const Result<int> unseen = m_store->unseenEventCount();
    if (!unseen || *unseen == m_lastUnseen)
        return;
    m_lastUnseen = *unseen;
    Q_EMIT unseenCountChanged(*unseen);
}

} // namespace lanwatch::ui
