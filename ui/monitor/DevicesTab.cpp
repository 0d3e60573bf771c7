// The Devices tab: filters feed the proxy; edits and actions go through the model to the store, and
// whatever the store refuses is shown above the table.
#include "ui/monitor/DevicesTab.h"

#include "core/monitor/DeviceStore.h"
#include "core/scan/WakeOnLan.h"
#include "ui/TableLayout.h"
#include "ui/Tones.h"
#include "ui/monitor/DeviceFilterProxy.h"
#include "ui/monitor/DeviceHistoryDialog.h"
#include "ui/monitor/DeviceTableModel.h"
#include "ui/monitor/PresenceStripDelegate.h"

#include <QAction>
#include <QCheckBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanwatch::ui {

using namespace lanwatch::monitor;

DevicesTab::DevicesTab(DeviceStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_model(new DeviceTableModel(store, this)), m_proxy(new DeviceFilterProxy(this)),
      m_view(new QTableView(this)), m_filter(new QLineEdit(this)), m_showKnown(new QCheckBox(tr("&Known"), this)),
      m_showNew(new QCheckBox(tr("&New"), this)), m_onlineOnly(new QCheckBox(tr("&Online only"), this)),
      m_count(new QLabel(this)), m_error(new QLabel(this)), m_markKnown(new QAction(tr("&Mark as known"), this)),
      m_forget(new QAction(tr("&Forget…"), this)), m_merge(new QAction(tr("Mer&ge…"), this)),
      m_watch(new QAction(tr("&Watch"), this)), m_history(new QAction(tr("&History…"), this)),
      m_wake(new QAction(tr("Wa&ke"), this))
{
    m_proxy->setSourceModel(m_model);

    m_filter->setObjectName(QStringLiteral("deviceFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, address, vendor or notes"));
    m_filter->setClearButtonEnabled(true);
    m_showKnown->setChecked(true);
    m_showNew->setChecked(true);
    m_showKnown->setToolTip(tr("Show devices marked as known"));
    m_showNew->setToolTip(tr("Show devices not marked as known yet"));
    m_onlineOnly->setToolTip(tr("Hide devices that are offline"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &DeviceFilterProxy::setFilterText);
    connect(m_showKnown, &QCheckBox::toggled, m_proxy, &DeviceFilterProxy::setShowKnown);
    connect(m_showNew, &QCheckBox::toggled, m_proxy, &DeviceFilterProxy::setShowNew);
    connect(m_onlineOnly, &QCheckBox::toggled, m_proxy, &DeviceFilterProxy::setOnlineOnly);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->setAutoFillBackground(true);
    {
        QPalette p = m_error->palette();
        // The palette's base colour on the theme's error tone: as readable on a dark theme as on a light one.
        p.setColor(QPalette::Window, toneColor(Tone::Error, p));
        p.setColor(QPalette::BrightText, p.color(QPalette::Base));
        m_error->setPalette(p);
        m_error->setMargin(6);
    }
    m_error->hide();

    m_view->setObjectName(QStringLiteral("devicesView"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(DeviceTableModel::Presence, new PresenceStripDelegate(m_view));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DeviceTableModel::Ip, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Name and vendor share the free width (the name is what people read first); the rest fit their content.
    {
        const QLocale locale;
        const QString time = locale.toString(QDate(2026, 12, 31), QLocale::ShortFormat) + QStringLiteral(" ") +
                             locale.toString(QTime(23, 59), QLocale::ShortFormat);
        fitColumn(m_view, DeviceTableModel::Ip, QStringLiteral("255.255.255.255"));
        fitColumn(m_view, DeviceTableModel::Mac, QStringLiteral("dd:88:dd:88:dd:88")); // the widest hex digits
        fitColumn(m_view, DeviceTableModel::Known, QString());                         // the header is the widest
        fitColumn(m_view, DeviceTableModel::Online, QStringLiteral("offline"));
        fitColumn(m_view, DeviceTableModel::FirstSeen, time);
        fitColumn(m_view, DeviceTableModel::LastSeen, time);
        fitColumn(m_view, DeviceTableModel::Presence, QStringLiteral("M").repeated(9));
        fitColumn(m_view, DeviceTableModel::Notes, QStringLiteral("M").repeated(4));
        stretchColumns(m_view, {DeviceTableModel::Name, DeviceTableModel::Vendor});
    }
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_history, m_markKnown, m_watch, m_wake, m_merge, m_forget});
    // Double-click edits the name and notes in place; anywhere else it opens the history.
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid() && !(index.flags() & Qt::ItemIsEditable))
            openHistory(index.data(DeviceTableModel::IdRole).value<DeviceId>());
    });

    m_history->setToolTip(tr("Presence over the last 7 days, round-trip times and address history"));
    m_forget->setToolTip(tr("Remove the device and its whole history from the inventory"));
    connect(m_markKnown, &QAction::triggered, this, &DevicesTab::markSelectedKnown);
    connect(m_forget, &QAction::triggered, this, &DevicesTab::forgetSelected);
    m_wake->setObjectName(QStringLiteral("wakeDevices"));
    m_wake->setToolTip(tr("Send a Wake-on-LAN packet to the selected devices"));
    connect(m_wake, &QAction::triggered, this, [this] {
        // To the subnet of the device's last address (the interface on-link to it), from core.
        QStringList problems;
        for (const QModelIndex &row : m_view->selectionModel()->selectedRows()) {
            const Device device = row.data(DeviceTableModel::DeviceRole).value<Device>();
            const auto mac = scan::macFromString(device.mac);
            if (!mac)
                continue;
            scan::WakeRequest request;
            request.mac = *mac;
            if (!device.ips.isEmpty())
                request.hostIp = device.ips.constFirst();
            if (const auto sent = scan::wakeOnLan(request); !sent.ok())
                problems << sent.error();
        }
        if (!problems.isEmpty())
            showError(problems.join(QLatin1Char('\n')));
    });
    m_watch->setObjectName(QStringLiteral("watchDevices"));
    m_watch->setCheckable(true);
    m_watch->setToolTip(tr("Notify when the selected devices go offline or come back online"));
    connect(m_watch, &QAction::triggered, this, [this](bool on) {
        const QList<DeviceId> ids = selectedDevices();
        if (!ids.isEmpty() && m_model->setWatch(ids, on))
            m_error->hide();
        updateActions();
    });
    m_merge->setObjectName(QStringLiteral("mergeDevices"));
    m_merge->setToolTip(tr("Two entries that are one device (a phone's old and new private MAC, a laptop's "
                           "Wi-Fi and Ethernet): join them, keeping the first one's name"));
    connect(m_merge, &QAction::triggered, this, &DevicesTab::mergeSelected);
    connect(m_history, &QAction::triggered, this, [this] {
        const QList<DeviceId> ids = selectedDevices();
        if (!ids.isEmpty())
            openHistory(ids.first());
    });
    const auto buttonFor = [this](QAction *action) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return button;
    };

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_showKnown);
    bar->addWidget(m_showNew);
    bar->addWidget(m_onlineOnly);
    bar->addSpacing(12);
    bar->addWidget(buttonFor(m_markKnown));
    bar->addWidget(buttonFor(m_history));
    bar->addWidget(buttonFor(m_watch));
    bar->addWidget(buttonFor(m_merge));
    bar->addWidget(buttonFor(m_forget));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_model, &DeviceTableModel::errorOccurred, this, &DevicesTab::showError);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DevicesTab::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DevicesTab::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DevicesTab::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DevicesTab::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DevicesTab::updateCount);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DevicesTab::updateCount);

    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(200);
    connect(&m_reloadTimer, &QTimer::timeout, this, &DevicesTab::reload);

    for (int c : {int(DeviceTableModel::Name), int(DeviceTableModel::Ip), int(DeviceTableModel::Mac),
                  int(DeviceTableModel::Known), int(DeviceTableModel::Online), int(DeviceTableModel::FirstSeen),
                  int(DeviceTableModel::LastSeen)})
        m_view->resizeColumnToContents(c);
    updateActions();
    updateCount();
}

void DevicesTab::reload()
{
    m_reloadTimer.stop();
    if (m_model->reload())
        m_error->hide();
    updateActions();
}

void DevicesTab::scheduleReload()
{
    if (!m_reloadTimer.isActive())
        m_reloadTimer.start();
}

QList<DeviceId> DevicesTab::selectedDevices() const
{
    QList<DeviceId> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        ids << index.data(DeviceTableModel::IdRole).value<DeviceId>();
    return ids;
}

bool DevicesTab::selectDevice(DeviceId id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, DeviceTableModel::Name));
    if (!index.isValid()) { // hidden by a filter: show everything rather than select nothing
        m_filter->clear();
        m_showKnown->setChecked(true);
        m_showNew->setChecked(true);
        m_onlineOnly->setChecked(false);
        index = m_proxy->mapFromSource(m_model->index(row, DeviceTableModel::Name));
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void DevicesTab::markSelectedKnown()
{
    const QList<DeviceId> ids = selectedDevices();
    if (!ids.isEmpty() && m_model->setKnown(ids, true))
        m_error->hide();
}

void DevicesTab::forgetSelected()
{
    const QList<DeviceId> ids = selectedDevices();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (DeviceId id : ids)
        names << m_model->deviceAt(m_model->rowOf(id)).displayName();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Forget devices"),
                                tr("Forget %n device(s)? Their names, notes, address history, presence and events "
                                   "are removed. A forgotten device that is seen again comes back as a new device.",
                                   nullptr, int(ids.size())),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("forgetQuestion"));
    box->setDetailedText(names.join(QLatin1Char('\n')));
    box->setInformativeText(names.size() <= 5 ? names.join(QStringLiteral(", ")) : QString());
    QPushButton *forget = box->addButton(tr("Forget"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, forget, ids] {
        if (box->clickedButton() == forget && m_model->forget(ids))
            m_error->hide();
    });
    box->open();
}

void DevicesTab::mergeSelected()
{
    const QList<DeviceId> ids = selectedDevices();
    if (ids.size() != 2)
        return;
    const Device keep = m_model->deviceAt(m_model->rowOf(ids.at(0)));
    const Device other = m_model->deviceAt(m_model->rowOf(ids.at(1)));
    auto *box = new QMessageBox(QMessageBox::Question, tr("Merge devices"),
                                tr("Merge %1 into %2? %1's addresses become aliases of %2 and its history joins "
                                   "%2's; this cannot be undone.")
                                    .arg(other.displayName(), keep.displayName()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("mergeQuestion"));
    QPushButton *merge = box->addButton(tr("Merge"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    const DeviceId keepId = keep.id;
    const DeviceId otherId = other.id;
    connect(box, &QMessageBox::finished, this, [this, box, merge, keepId, otherId] {
        if (box->clickedButton() != merge)
            return;
        if (const auto r = m_store->mergeDevices(keepId, otherId); !r.ok()) {
            showError(r.error());
            return;
        }
        m_error->hide();
        reload();
        selectDevice(keepId);
    });
    box->open();
}

DeviceHistoryDialog *DevicesTab::openHistory(DeviceId id)
{
    auto *dialog = new DeviceHistoryDialog(m_store, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void DevicesTab::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void DevicesTab::updateActions()
{
    const int n = int(m_view->selectionModel()->selectedRows().size());
    m_markKnown->setEnabled(n > 0);
    m_forget->setEnabled(n > 0);
    m_merge->setEnabled(n == 2);
    bool anyMac = false;
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows())
        anyMac = anyMac || !row.data(DeviceTableModel::DeviceRole).value<Device>().mac.isEmpty();
    m_wake->setEnabled(anyMac);
    m_watch->setEnabled(n > 0);
    // Checked when every selected device is watched: clicking then stops watching them all.
    bool allWatched = n > 0;
    for (DeviceId id : selectedDevices())
        allWatched = allWatched && m_model->deviceAt(m_model->rowOf(id)).watch;
    m_watch->setChecked(allWatched);
    m_history->setEnabled(n == 1);
}

void DevicesTab::updateCount()
{
    int online = 0;
    for (int r = 0; r < m_model->rowCount(); ++r)
        online += m_model->index(r, 0).data(DeviceTableModel::OnlineRole).toBool() ? 1 : 0;
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    QString text = tr("%n device(s)", nullptr, total) + QStringLiteral(" · ") + tr("%n online", nullptr, online);
    if (shown != total)
        text += QStringLiteral(" · ") + tr("%n shown", nullptr, shown);
    m_count->setText(text);
}

} // namespace lanwatch::ui
