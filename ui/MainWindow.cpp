// The dashboard window: wiring between the scan engine, the hosts model, the tray and the settings.
#include "ui/MainWindow.h"

#include "core/monitor/DeviceStore.h"
#include "core/monitor/Monitor.h"
#include "ui/monitor/DevicesTab.h"
#include "ui/monitor/EventsPane.h"

#include "core/Session.h"
#include "core/Settings.h"
#include "core/scan/HostExport.h"
#include "core/scan/LocalNetwork.h"
#include "core/scan/ScanEngine.h"
#include "core/scan/TargetSet.h"
#include "core/scan/WakeOnLan.h"
#include "core/sync/SyncScheduler.h"
#include "ui/HelpDialogs.h"
#include "ui/HostFilterProxy.h"
#include "ui/HostTableModel.h"
#include "ui/PingDialog.h"
#include "ui/SettingsDialog.h"
#include "ui/TableLayout.h"
#include "ui/Tones.h"
#include "ui/TrayController.h"
#include "ui/sync/SyncPairModel.h"
#include "ui/sync/SyncPane.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScreen>
#include <QScrollBar>
#include <QShortcut>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <optional>

namespace lanwatch::ui {

using namespace lanwatch::scan;

namespace {
// Marks a saved hosts-table header as this column layout's (bump it when the columns change).
const QByteArray kHeaderLayout = QByteArrayLiteral("hosts-v2:");
} // namespace

MainWindow::MainWindow(core::Session *session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_settings(session->settings()), m_engine(session->scanEngine()),
      m_model(new HostTableModel(this)), m_proxy(new HostFilterProxy(this)), m_tray(new TrayController(session, this))
{
    Q_ASSERT(m_settings);
    core::Settings *settings = m_settings;
    setWindowTitle(tr("lanwatch"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/lanwatch.svg")));
    m_proxy->setSourceModel(m_model);
    buildUi();
    buildMenus();

    connect(m_engine, &ScanEngine::hostFound, m_model, &HostTableModel::addOrUpdate);
    connect(m_engine, &ScanEngine::hostUpdated, m_model, &HostTableModel::addOrUpdate);
    connect(m_engine, &ScanEngine::progress, this, [this](quint64 probed, quint64 total, int found) {
        // Per mille keeps the bar's int range safe for any target size.
        m_progress->setMaximum(1000);
        m_progress->setValue(total ? int(probed * 1000 / total) : 0);
        m_progress->setFormat(tr("%1 / %2 probed, %3 found").arg(probed).arg(total).arg(found));
    });
    connect(m_engine, &ScanEngine::warning, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(m_engine, &ScanEngine::finished, this, &MainWindow::onScanFinished);
    connect(m_engine, &ScanEngine::started, this, &MainWindow::updateTrayState);

    connect(m_tray, &TrayController::showHideRequested, this, &MainWindow::toggleVisible);
    connect(m_tray, &TrayController::scanRequested, this, [this] {
        if (!isScanning())
            startScan(m_target->currentText());
    });
    connect(m_tray, &TrayController::quitRequested, this, &MainWindow::quitApplication);
    // A click on a notification opens the window at what it was about.
    connect(m_tray, &TrayController::messageActivated, this, [this](const QString &subject) {
        showFromTray();
        if (subject.startsWith(QLatin1String("sync:")))
            showSyncPair(subject.mid(5));
        else if (subject == QLatin1String("events") && m_eventsPane)
            m_tabs->setCurrentWidget(m_eventsPane);
        else if (subject == QLatin1String("devices") && m_devicesTab)
            m_tabs->setCurrentWidget(m_devicesTab);
        else if (subject == QLatin1String("hosts"))
            m_tabs->setCurrentIndex(0);
    });
    connect(m_session->syncScheduler(), &sync::SyncScheduler::pairStateChanged, this, &MainWindow::updateSyncBadge);
    connect(m_syncPane->model(), &QAbstractItemModel::modelReset, this, &MainWindow::updateSyncBadge);
    connect(qApp, &QApplication::aboutToQuit, this, [this] {
        m_session->shutdown();
        m_settings->setWindowGeometry(saveGeometry());
        m_settings->setWindowState(saveState());
        m_settings->setHostTableHeader(kHeaderLayout + m_table->horizontalHeader()->saveState());
        saveLastHosts();
        m_settings->sync();
    });

    m_burstTimer.setSingleShot(true);
    m_burstTimer.setInterval(1500); // a first sweep's held devices come within the monitor's 1.5 s wait
    connect(&m_burstTimer, &QTimer::timeout, this, &MainWindow::notifyBurst);
    m_elapsedTimer.setInterval(1000);
    connect(&m_elapsedTimer, &QTimer::timeout, this,
            [this] { m_elapsed->setText(tr("%1 s").arg(m_clock.elapsed() / 1000)); });

    restoreGeometry(settings->windowGeometry());
    restoreState(settings->windowState());
    clampToScreen();
    // A header saved by a version with other columns would put its sizes on the wrong columns (QHeaderView
    // restores a state of another column count as it is): only this layout's own states are restored.
    QHeaderView *header = m_table->horizontalHeader();
    const QByteArray saved = settings->hostTableHeader();
    if (saved.startsWith(kHeaderLayout) && !header->restoreState(saved.mid(kHeaderLayout.size())))
        qWarning("lanwatch: the saved layout of the hosts table was not usable; using the default");
    // The window never opens empty after the first use: the last scan's hosts, marked as such.
    if (const int restored = m_model->restoreLastSession(settings->lastHosts()); restored > 0)
        m_progress->setFormat(tr("%n host(s) from the last session; scan to refresh them", nullptr, restored));
    updateStatusLine();
    updateShownCount();
    updateSyncBadge();
    updateTrayState();
}

void MainWindow::saveLastHosts()
{
    m_settings->setLastHosts(m_model->rowCount() > 0 ? m_model->toJson() : QByteArray());
}

// A geometry saved at another scale (or on a larger screen) must not leave the status bar or the title
// bar off screen: shrink to the available area and move inside it.
void MainWindow::clampToScreen()
{
    const QScreen *s = screen() ? screen() : QGuiApplication::primaryScreen();
    if (!s)
        return;
    const QRect avail = s->availableGeometry();
    const QSize frameExtra = frameGeometry().size() - geometry().size();
    QSize size = geometry().size().boundedTo(avail.size() - frameExtra);
    size = size.expandedTo(minimumSizeHint().boundedTo(avail.size()));
    if (size != geometry().size())
        resize(size);
    QRect frame = frameGeometry();
    frame.setSize(size + frameExtra);
    QPoint topLeft = frame.topLeft();
    topLeft.setX(std::clamp(topLeft.x(), avail.left(), std::max(avail.left(), avail.right() - frame.width() + 1)));
    topLeft.setY(std::clamp(topLeft.y(), avail.top(), std::max(avail.top(), avail.bottom() - frame.height() + 1)));
    if (topLeft != frame.topLeft())
        move(topLeft);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    clampToScreen();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    auto *hostsTab = new QWidget(this);
    auto *targetRow = new QHBoxLayout;
    auto *targetLabel = new QLabel(tr("&Target:"), hostsTab);
    m_target = new QComboBox(hostsTab);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->setMinimumWidth(280);
    m_target->setToolTip(tr("A subnet (192.168.1.0/24), a range (192.168.1.10-50), an address, or a "
                            "comma-separated list of these"));
    targetLabel->setBuddy(m_target);
    m_target->addItems(m_settings->recentTargets());
    QString initial = m_settings->lastTarget();
    if (initial.isEmpty())
        initial = primarySubnet();
    m_target->setEditText(initial);
    m_scanButton = new QPushButton(tr("&Scan"), hostsTab);
    m_scanButton->setObjectName(QStringLiteral("scanButton"));
    m_scanButton->setDefault(true);
    targetRow->addWidget(targetLabel);
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(m_scanButton);

    m_targetHint = new QLabel(hostsTab);
    m_targetHint->setObjectName(QStringLiteral("targetHint"));
    m_targetHint->setWordWrap(true);
    m_targetHint->hide();

    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(hostsTab);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Ready"));
    m_progress->setTextVisible(true);
    m_elapsed = new QLabel(hostsTab);
    m_elapsed->setObjectName(QStringLiteral("elapsed"));
    m_elapsed->setMinimumWidth(60);
    m_filter = new QLineEdit(hostsTab);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter hosts…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(260);
    m_filter->setToolTip(tr("Shows the hosts whose address, name, vendor, state or method contains this text (%1)")
                             .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_shownCount = new QLabel(hostsTab);
    m_shownCount->setObjectName(QStringLiteral("shownCount"));
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_elapsed);
    progressRow->addWidget(m_shownCount);
    progressRow->addWidget(m_filter);

    m_table = new QTableView(hostsTab);
    m_table->setObjectName(QStringLiteral("hosts"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HostTableModel::Ip, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    // Columns sized from the font (so they follow the scale and the language), the free text columns
    // share what is left: no horizontal scrollbar at any window size the columns can fit in.
    const auto fit = [this](int column, const QString &sample) { fitColumn(m_table, column, sample); };
    fit(HostTableModel::Ip, QStringLiteral("255.255.255.255"));
    fit(HostTableModel::State, HostTableModel::tr("last session") + QStringLiteral("MM"));
    fit(HostTableModel::Mac, QStringLiteral("dd:88:dd:88:dd:88")); // the widest hex digits
    fit(HostTableModel::Rtt, tr("%1 ms").arg(999.99, 0, 'f', 2));
    QString widestMethod;
    for (const auto m : {FoundBy::Arp, FoundBy::Icmp, FoundBy::Tcp, FoundBy::Neighbour, FoundBy::Local})
        if (m_table->fontMetrics().horizontalAdvance(foundByText(m)) >
            m_table->fontMetrics().horizontalAdvance(widestMethod))
            widestMethod = foundByText(m);
    fit(HostTableModel::FoundBy, widestMethod);
    fit(HostTableModel::FirstSeen, QLocale().toString(QTime(23, 59), QLocale::ShortFormat));
    fit(HostTableModel::LastSeen, QLocale().toString(QTime(23, 59), QLocale::ShortFormat));
    stretchColumns(m_table, {HostTableModel::Vendor, HostTableModel::HostName});
    elideInTheMiddle(m_table, {HostTableModel::HostName});
    // Said in the table itself while it has nothing to show (a new user, or a filter that matches nothing).
    m_emptyHint = addEmptyHint(m_table, QStringLiteral("hostsEmptyHint"));

    auto *layout = new QVBoxLayout(hostsTab);
    layout->addLayout(targetRow);
    layout->addWidget(m_targetHint);
    layout->addLayout(progressRow);
    layout->addWidget(m_table, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(hostsTab, tr("Hosts"));
    m_syncPane = new SyncPane(m_session, this);
    m_tabs->addTab(m_syncPane, tr("Folder sync"));
    buildMonitorViews();
    setCentralWidget(m_tabs);

    m_methods = new QLabel(this);
    m_methods->setObjectName(QStringLiteral("methods"));
    m_privilege = new QLabel(this);
    m_privilege->setObjectName(QStringLiteral("privilegeHint"));
    statusBar()->addWidget(m_methods, 1);
    statusBar()->addPermanentWidget(m_privilege);

    connect(m_target, &QComboBox::editTextChanged, this, &MainWindow::validateTarget);
    connect(m_scanButton, &QPushButton::clicked, this, [this] {
        if (isScanning())
            stopScan();
        else if (const auto r = startScan(m_target->currentText()); !r.ok())
            statusBar()->showMessage(r.error(), 10000);
    });
    // Enter (and the keypad's Enter) in the target field scans, as the Scan button would.
    connect(m_target->lineEdit(), &QLineEdit::returnPressed, this, [this] {
        if (!isScanning() && m_scanButton->isEnabled())
            m_scanButton->click();
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &HostFilterProxy::setFilterText);
    connect(m_filter, &QLineEdit::textChanged, this, &MainWindow::updateShownCount);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &MainWindow::updateShownCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateShownCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateShownCount);
    auto *copyCsv = new QAction(tr("Copy as CSV"), m_table);
    copyCsv->setShortcuts(QKeySequence::Copy);
    copyCsv->setShortcutContext(Qt::WidgetShortcut);
    connect(copyCsv, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(QString::fromUtf8(m_model->toCsv(selectedSourceRows()))); });
    m_table->addAction(copyCsv);
    connect(m_table, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_table, &QTableView::activated, this, &MainWindow::showDetails); // double-click or Enter
    validateTarget();
    applyTones();
    resize(1040, 660);
}

void MainWindow::updateShownCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const bool filtering = !m_filter->text().trimmed().isEmpty();
    m_shownCount->setVisible(filtering);
    m_shownCount->setText(tr("%1 of %n shown", nullptr, total).arg(shown));
    if (total == 0)
        m_emptyHint->setText(
            tr("No hosts yet. Enter a subnet, a range or an address above and press Scan (%1).")
                .arg(m_scanAction ? m_scanAction->shortcut().toString(QKeySequence::NativeText) : QString()));
    else
        m_emptyHint->setText(
            tr("No host matches “%1” (0 of %n shown).", nullptr, total).arg(m_filter->text().trimmed()));
    m_emptyHint->setVisible(shown == 0);
}

// Error and warning texts take their colour from the palette, so they stay readable on a dark theme.
void MainWindow::applyTones()
{
    m_targetHint->setStyleSheet(toneStyle(Tone::Error, palette()));
    m_privilege->setStyleSheet(toneStyle(Tone::Warning, palette()));
    validateTarget();
}

void MainWindow::buildMonitorViews()
{
    monitor::DeviceStore *store = m_session->deviceStore();
    if (!store) {
        if (!m_session->deviceStoreProblem().isEmpty())
            QTimer::singleShot(0, this, [this] { statusBar()->showMessage(m_session->deviceStoreProblem(), 30000); });
        return;
    }
    m_devicesTab = new DevicesTab(store, this);
    m_eventsPane = new EventsPane(store, this);
    m_tabs->addTab(m_devicesTab, tr("Devices"));
    m_tabs->addTab(m_eventsPane, tr("Events"));
    if (!m_session->deviceStoreProblem().isEmpty()) // e.g. a damaged file was set aside: say so once
        QTimer::singleShot(0, this, [this] { statusBar()->showMessage(m_session->deviceStoreProblem(), 30000); });
    monitor::Monitor *monitor = m_session->monitor();
    connect(monitor, &monitor::Monitor::eventBatch, this, &MainWindow::onMonitorEvents);
    connect(monitor, &monitor::Monitor::deviceChanged, m_devicesTab, &DevicesTab::scheduleReload);
    connect(monitor, &monitor::Monitor::sweepFinished, m_devicesTab, &DevicesTab::scheduleReload);
    connect(monitor, &monitor::Monitor::warning, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(m_eventsPane, &EventsPane::showDevice, this, [this](monitor::DeviceId id) {
        m_tabs->setCurrentWidget(m_devicesTab);
        m_devicesTab->selectDevice(id);
    });
    // The tray asks for attention while there are events nobody has looked at, and only then.
    connect(m_eventsPane, &EventsPane::unseenCountChanged, this, [this](int unseen) {
        m_tabs->setTabText(m_tabs->indexOf(m_eventsPane), unseen > 0 ? tr("Events (%1)").arg(unseen) : tr("Events"));
        m_unseenEvents = unseen;
        updateTrayState();
    });
}

namespace {
// The Settings switch that covers an event, if the event is one a notification is given for at all (the
// rest are shown in the Events pane only).
std::optional<core::Settings::Notification> notificationFor(const monitor::Event &e)
{
    using monitor::EventKind;
    using Notification = core::Settings::Notification;
    switch (e.kind) {
    case EventKind::NewDevice:
        return Notification::NewDevice;
    case EventKind::Offline:
    case EventKind::Online:
        if (e.watch)
            return Notification::WatchedPresence;
        break;
    case EventKind::IpClaimed:
    case EventKind::DuplicateIp:
        return Notification::AddressConflict;
    case EventKind::IpChanged:
    case EventKind::NameChanged:
        break;
    }
    return std::nullopt;
}
} // namespace

// Events of watched sweeps, passive listening and manual scans alike: the one place monitor events become
// notifications.
void MainWindow::onMonitorEvents(const QList<monitor::Event> &events, bool firstSweep)
{
    m_devicesTab->scheduleReload();
    m_eventsPane->scheduleReload();
    QStringList lines;
    int found = 0; // new devices of a first scan, summarised
    for (const monitor::Event &e : events) {
        const auto kind = notificationFor(e);
        if (!kind || !m_settings->notifies(*kind))
            continue;
        if (firstSweep && e.kind == monitor::EventKind::NewDevice)
            ++found;
        else
            lines << e.describe();
    }
    // The first scan of a network finds everything "new": one summary, not fifty notifications, once the
    // burst is over (its devices arrive in several batches).
    if (found > 0) {
        m_burstFound += found;
        m_burstLines << lines;
        m_burstTimer.start();
        m_scanNotified = true;
        return;
    }
    if (lines.size() == 1) {
        m_tray->notify(lines.first(), QString(), true, QStringLiteral("events"));
    } else if (!lines.isEmpty()) {
        m_tray->notify(tr("%n network event(s)", nullptr, int(lines.size())), lines.mid(0, 5).join(QLatin1Char('\n')),
                       true, QStringLiteral("events"));
    } else {
        return;
    }
    m_scanNotified = true;
}

void MainWindow::notifyBurst()
{
    if (m_burstFound == 0)
        return;
    QStringList lines = m_burstLines;
    lines.prepend(tr("The first scan of this network; see the Devices tab."));
    m_tray->notify(tr("%n device(s) found", nullptr, m_burstFound), lines.mid(0, 5).join(QLatin1Char('\n')), true,
                   QStringLiteral("devices"));
    m_burstFound = 0;
    m_burstLines.clear();
}

void MainWindow::toggleWatchTarget()
{
    monitor::Monitor *monitor = m_session->monitor();
    const QString target = m_target->currentText().trimmed();
    const QList<monitor::WatchedTarget> targets = monitor->watched();
    const bool watched = std::any_of(targets.cbegin(), targets.cend(),
                                     [&](const monitor::WatchedTarget &w) { return w.target == target; });
    if (watched) {
        monitor->unwatch(target);
    } else if (const auto r = monitor->watch(target); !r.ok()) {
        statusBar()->showMessage(r.error(), 10000);
    } else if (!monitor->isRunning()) {
        if (const auto started = monitor->start(); !started.ok())
            statusBar()->showMessage(started.error(), 10000);
    }
    updateWatchAction();
}

void MainWindow::updateWatchAction()
{
    if (!m_watchAction)
        return;
    const QString target = m_target->currentText().trimmed();
    const QList<monitor::WatchedTarget> watched = m_session->monitor()->watched();
    const bool isWatched = std::any_of(watched.cbegin(), watched.cend(),
                                       [&](const monitor::WatchedTarget &w) { return w.target == target; });
    m_watchAction->setChecked(isWatched);
    m_watchAction->setText(isWatched ? tr("Stop &watching %1").arg(target) : tr("&Watch %1").arg(target));
    m_watchAction->setEnabled(!target.isEmpty());
}

void MainWindow::buildMenus()
{
    // The platform's standard keys where there is one; a fixed key only where Qt has none for this platform.
    const auto keys = [](QKeySequence::StandardKey key, const QKeySequence &fallback) {
        QList<QKeySequence> list = QKeySequence::keyBindings(key);
        if (!list.contains(fallback))
            list.append(fallback);
        return list;
    };
    QMenu *scanMenu = menuBar()->addMenu(tr("S&can")); // Alt+S is the Scan button
    m_scanAction = scanMenu->addAction(tr("&Scan"), this, [this] {
        if (!isScanning() && m_scanButton->isEnabled())
            m_scanButton->click();
    });
    m_scanAction->setObjectName(QStringLiteral("scanAction"));
    m_scanAction->setShortcuts(keys(QKeySequence::Refresh, QKeySequence(Qt::Key_F5)));
    m_stopAction = scanMenu->addAction(tr("S&top"), this, &MainWindow::stopScan);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setShortcuts(keys(QKeySequence::Cancel, QKeySequence(Qt::Key_Escape)));
    m_stopAction->setEnabled(false);
    QAction *find = scanMenu->addAction(tr("&Filter hosts"), this, [this] {
        m_tabs->setCurrentIndex(0);
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcuts(keys(QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_F)));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Export as &CSV…"), this, [this] { exportDialog(ExportFormat::Csv); });
    file->addAction(tr("Export as &JSON…"), this, [this] { exportDialog(ExportFormat::Json); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::quitApplication);
    quit->setShortcut(QKeySequence::Quit);
    if (m_session->monitor()) {
        QMenu *monitor = menuBar()->addMenu(tr("&Monitor"));
        m_watchAction = monitor->addAction(tr("&Watch this target"), this, &MainWindow::toggleWatchTarget);
        m_watchAction->setObjectName(QStringLiteral("watchTarget"));
        m_watchAction->setCheckable(true);
        connect(m_target, &QComboBox::editTextChanged, this, &MainWindow::updateWatchAction);
        updateWatchAction();
    }
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_settingsAction = edit->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcuts(keys(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *manual = help->addAction(tr("lanwatch &manual"), this, &MainWindow::showManual);
    manual->setObjectName(QStringLiteral("manualAction"));
    manual->setShortcuts(keys(QKeySequence::HelpContents, QKeySequence(Qt::Key_F1)));
    help->addAction(tr("&About lanwatch"), this, &MainWindow::showAbout);
}

void MainWindow::showManual()
{
    if (auto *open = findChild<ManualDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new ManualDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About lanwatch"), aboutText(), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::validateTarget()
{
    if (isScanning())
        return;
    const auto parsed = TargetSet::parse(m_target->currentText());
    // Over the large-target limit is not an error in the GUI: it says how big and lets Scan confirm it.
    const auto large = parsed.ok() ? parsed : TargetSet::parse(m_target->currentText(), true);
    m_largeTarget = !parsed.ok() && large.ok();
    m_scanButton->setEnabled(large.ok());
    m_scanButton->setText(m_largeTarget ? tr("&Scan anyway") : tr("&Scan"));
    m_targetHint->setVisible(!parsed.ok());
    m_targetHint->setStyleSheet(toneStyle(m_largeTarget ? Tone::Warning : Tone::Error, palette()));
    if (m_largeTarget)
        m_targetHint->setText(tr("This target has %1 addresses, more than %2: a scan takes long and sends a lot of "
                                 "traffic. Press Scan anyway if you mean it.")
                                  .arg(QLocale().toString(large->size()), QLocale().toString(TargetSet::LargeLimit)));
    else
        m_targetHint->setText(parsed.ok() ? QString() : parsed.error());
    // Only the field itself: a bare rule would reach every child, such as a list popup.
    m_target->setStyleSheet(parsed.ok() || m_largeTarget ? QString()
                                                         : QStringLiteral("QComboBox#target { border: 1px solid %1; }")
                                                               .arg(toneColor(Tone::Error, palette()).name()));
}

void MainWindow::updateStatusLine()
{
    const ScanOptions options = m_session->scanOptions();
    const Capabilities caps = probeCapabilities();
    // The status bar gets the short names; the whole description is in the tooltip.
    const QStringList methods = ScanEngine::describeMethods(options, caps);
    QStringList brief;
    // A method by its protocol's name ("ARP requests on directly attached subnets (raw packet socket)" ->
    // "ARP", in any language); a line without one up to its parenthesis.
    static const QRegularExpression acronym(QStringLiteral("\\b[A-Z]{3,}\\b"));
    for (const QString &m : methods) {
        const QRegularExpressionMatch match = acronym.match(m);
        brief << (match.hasMatch() ? match.captured()
                                   : m.section(QRegularExpression(QStringLiteral("[(（]")), 0, 0).trimmed());
    }
    brief.removeDuplicates();
    m_methods->setText(tr("Methods: %1").arg(brief.join(QStringLiteral(", "))));
    m_methods->setToolTip(methods.join(QLatin1Char('\n')));
    const QString hint = ScanEngine::privilegeHint(caps);
    m_privilege->setVisible(!hint.isEmpty());
    m_privilege->setText(hint.isEmpty() ? QString() : tr("No CAP_NET_RAW: no ARP sweep"));
    m_privilege->setToolTip(hint);
}

Result<void> MainWindow::startScan(const QString &text)
{
    return startScanOf(text, false);
}

Result<void> MainWindow::rescanHosts(const QList<quint32> &ips)
{
    QStringList list;
    for (quint32 ip : ips)
        list << ipv4ToString(ip);
    if (list.isEmpty())
        return Result<void>::failure(tr("No host is selected."));
    return startScanOf(list.join(QLatin1Char(',')), true);
}

Result<void> MainWindow::startScanOf(const QString &text, bool partial)
{
    if (isScanning())
        return Result<void>::failure(tr("A scan is already running."));
    // The field's large-target confirmation (Scan anyway) covers exactly the text in the field.
    const bool confirmedLarge = !partial && m_largeTarget && text.trimmed() == m_target->currentText().trimmed();
    const auto targets = TargetSet::parse(text, confirmedLarge);
    if (!targets)
        return Result<void>::failure(targets.error());
    const TargetSet set = targets.value();
    // Only the addresses this scan probes can turn out down; the other rows keep what they showed.
    m_model->beginScan([set](quint32 ip) { return set.contains(ip); });
    m_scanNotified = false;
    ScanOptions options = m_session->scanOptions();
    options.allowLarge = confirmedLarge;
    const auto started = m_session->startScan(set, options);
    if (!started) {
        m_model->endScan();
        return started;
    }
    m_partialScan = partial;
    m_currentTarget = text.trimmed();
    if (!partial) { // a rescan of some hosts is not the next start's target
        if (m_target->currentText() != m_currentTarget)
            m_target->setEditText(m_currentTarget);
        m_settings->setLastTarget(m_currentTarget);
        m_settings->addRecentTarget(m_currentTarget);
    }
    m_stopAction->setEnabled(true);
    m_scanAction->setEnabled(false);
    m_scanButton->setText(tr("&Stop"));
    m_scanButton->setEnabled(true);
    m_target->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_clock.start();
    m_elapsed->setText(tr("%1 s").arg(0));
    m_elapsedTimer.start();
    updateTrayState(); // the icon follows the engine, the tooltip says what it scans
    return {};
}

void MainWindow::stopScan()
{
    m_session->cancelScan();
}

bool MainWindow::isScanning() const
{
    return m_session->isScanning();
}

void MainWindow::onScanFinished(bool cancelled)
{
    m_model->endScan();
    m_elapsedTimer.stop();
    const double seconds = double(m_clock.elapsed()) / 1000.0;
    m_elapsed->setText(tr("%1 s").arg(seconds, 0, 'f', 1));
    m_stopAction->setEnabled(false);
    m_scanAction->setEnabled(true);
    m_target->setEnabled(true);
    // Refresh the recent list without losing what the user typed.
    const QString text = m_target->currentText();
    m_target->clear();
    m_target->addItems(m_settings->recentTargets());
    m_target->setEditText(text);
    validateTarget();

    const int up = m_model->upCount();
    const QString summary = cancelled ? tr("Scan of %1 stopped: %n host(s) up so far", nullptr, up).arg(m_currentTarget)
                                      : tr("Scan of %1 finished in %2 s: %n host(s) up", nullptr, up)
                                            .arg(m_currentTarget, QLocale().toString(seconds, 'f', 1));
    m_progress->setValue(1000);
    m_progress->setFormat(summary);
    m_lastSummary = summary;
    saveLastHosts();
    // The session has already recorded the scan in the inventory, and onMonitorEvents has notified what it
    // found that is worth saying (new devices among it).
    if (m_devicesTab) {
        m_devicesTab->scheduleReload(); // known devices' last seen moved even when there was no event
    } else if (!m_noInventoryNoticeGiven) {
        m_noInventoryNoticeGiven = true;
        statusBar()->showMessage(
            tr("New devices are not reported: there is no device inventory (%1).").arg(m_session->deviceStoreProblem()),
            30000);
    }
    updateTrayState();
    if (!m_scanNotified && !isVisible())
        m_tray->notify(tr("Scan finished"), summary, false, QStringLiteral("hosts"));
    if (!m_dumpFile.isEmpty()) {
        if (const auto r = exportHosts(m_dumpFile, ExportFormat::Json); !r.ok())
            qWarning("%s", qPrintable(r.error()));
    }
    Q_EMIT scanFinished(cancelled);
    if (m_quitAfterScan)
        QTimer::singleShot(0, this, &MainWindow::quitApplication);
}

Result<void> MainWindow::exportHosts(const QString &path, ExportFormat format) const
{
    // What the table shows, with each host's state and first/last seen (the CLI's scan output has neither).
    const QByteArray bytes = format == ExportFormat::Csv ? m_model->toCsv() : m_model->toJson();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Result<void>::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void MainWindow::exportDialog(ExportFormat format)
{
    const bool csv = format == ExportFormat::Csv;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export hosts"),
                                                      csv ? QStringLiteral("hosts.csv") : QStringLiteral("hosts.json"),
                                                      csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    if (const auto r = exportHosts(path, format); !r.ok())
        QMessageBox::warning(this, tr("Export failed"), r.error());
    else
        statusBar()->showMessage(tr("Exported %n host(s) to %1", nullptr, m_model->rowCount()).arg(path), 8000);
}

void MainWindow::openSettings()
{
    if (auto *open = findChild<SettingsDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    // Window-modal without a nested event loop: the answer comes back through finished().
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &MainWindow::updateStatusLine);
    dialog->open();
}

QList<int> MainWindow::selectedSourceRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(i).row();
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows << m_proxy->mapToSource(m_table->currentIndex()).row();
    return rows;
}

void MainWindow::openUrlFor(const QString &scheme)
{
    const QList<int> rows = selectedSourceRows();
    if (rows.isEmpty())
        return;
    QUrl url;
    url.setScheme(scheme);
    url.setHost(m_model->hostAt(rows.first()).ipString());
    if (!QDesktopServices::openUrl(url))
        statusBar()->showMessage(tr("No program is set up to open %1 addresses.").arg(scheme), 10000);
}

void MainWindow::showSyncPair(const QString &pairId)
{
    if (!m_syncPane)
        return;
    m_tabs->setCurrentWidget(m_syncPane);
    m_syncPane->selectPair(pairId);
}

// The Folder sync tab carries a marker while a pair has a problem, so it is seen from any tab.
void MainWindow::updateSyncBadge()
{
    int problems = 0;
    sync::SyncScheduler *scheduler = m_session->syncScheduler();
    for (const sync::SyncPair &p : scheduler->pairs()) {
        const sync::PairState st = scheduler->status(p.id).state;
        if (st == sync::PairState::Error || st == sync::PairState::Partial || st == sync::PairState::HeldBack)
            ++problems;
    }
    m_syncProblems = problems;
    const int index = m_tabs->indexOf(m_syncPane);
    m_tabs->setTabText(index, problems > 0 ? tr("Folder sync (%1)").arg(problems) : tr("Folder sync"));
    m_tabs->setTabIcon(index, problems > 0 ? toneDot(Tone::Warning, palette()) : QIcon());
    m_tabs->setTabToolTip(index, problems > 0 ? tr("%n pair(s) need attention", nullptr, problems) : QString());
    updateTrayState();
}

// The tray shows the real state: scanning while a scan runs, attention while events are unseen or a sync
// pair has a problem, idle otherwise; its tooltip says the same in words.
void MainWindow::updateTrayState()
{
    const bool scanning = isScanning();
    m_tray->setState(scanning                                   ? TrayController::State::Scanning
                     : m_unseenEvents > 0 || m_syncProblems > 0 ? TrayController::State::Attention
                                                                : TrayController::State::Idle);
    QStringList lines{QStringLiteral("lanwatch")};
    if (scanning)
        lines << tr("Scanning %1").arg(m_currentTarget);
    else if (!m_lastSummary.isEmpty())
        lines << m_lastSummary;
    else if (m_model->rowCount() > 0)
        lines << tr("%n host(s) from the last session", nullptr, m_model->rowCount());
    else
        lines << tr("No scan yet");
    if (m_syncProblems > 0)
        lines << tr("Folder sync: %n pair(s) need attention", nullptr, m_syncProblems);
    if (m_unseenEvents > 0)
        lines << tr("%n new event(s)", nullptr, m_unseenEvents);
    m_tray->setToolTip(lines.join(QLatin1Char('\n')));
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    // The menu key and Shift+F10 give the viewport's centre: use the current row then.
    QModelIndex index = m_table->indexAt(pos);
    QPoint at = pos;
    if (!index.isValid() || !m_table->selectionModel()->isRowSelected(index.row(), {})) {
        if (m_table->currentIndex().isValid() && (!index.isValid() || m_table->hasFocus())) {
            index = m_table->currentIndex();
            at = m_table->visualRect(index).center();
        }
    }
    if (!index.isValid())
        return;
    const HostRecord host = index.data(HostTableModel::HostRole).value<HostRecord>();
    if (!m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->selectRow(index.row());
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("hostMenu"));
    menu.addAction(tr("Open &web page (http://%1)").arg(host.ipString()), this,
                   [this] { openUrlFor(QStringLiteral("http")); });
    menu.addAction(tr("Open secure web page (http&s://%1)").arg(host.ipString()), this,
                   [this] { openUrlFor(QStringLiteral("https")); });
    menu.addAction(tr("Connect with SS&H"), this, [this] { openUrlFor(QStringLiteral("ssh")); });
    menu.addAction(tr("&Ping…"), this, [this, host] {
        auto *ping = new PingDialog(host.ip, m_session->scanOptions(), this);
        ping->setAttribute(Qt::WA_DeleteOnClose);
        ping->show();
    });
    menu.addSeparator();
    menu.addAction(tr("Copy &IP address"), this, [host] { QGuiApplication::clipboard()->setText(host.ipString()); });
    QAction *copyMac = menu.addAction(tr("Copy &MAC address"), this,
                                      [host] { QGuiApplication::clipboard()->setText(host.macString()); });
    copyMac->setEnabled(host.mac.has_value());
    QAction *wake = menu.addAction(tr("Wa&ke (Wake-on-LAN)"), this, [this, host] {
        if (!host.mac)
            return;
        scan::WakeRequest request;
        request.mac = *host.mac;
        request.hostIp = host.ip;
        const auto sent = scan::wakeOnLan(request);
        statusBar()->showMessage(
            sent.ok() ? tr("Wake-on-LAN packet for %1 sent to %2").arg(host.macString(), sent.value()) : sent.error(),
            10000);
    });
    wake->setObjectName(QStringLiteral("wakeHost"));
    wake->setEnabled(host.mac.has_value());
    menu.addAction(tr("Copy &row"), this, [this, index] {
        QStringList cells;
        for (int c = 0; c < HostTableModel::ColumnCount; ++c)
            cells << m_proxy->index(index.row(), c).data().toString();
        QGuiApplication::clipboard()->setText(cells.join(QLatin1Char('\t')));
    });
    QAction *csv = menu.addAction(tr("Copy as &CSV"), this, [this] {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(m_model->toCsv(selectedSourceRows())));
    });
    csv->setShortcut(QKeySequence::Copy); // shown in the menu; the table's own Ctrl+C does the same
    menu.addSeparator();
    QAction *rescan = menu.addAction(tr("Re&scan selected hosts"), this, &MainWindow::rescanSelected);
    rescan->setEnabled(!isScanning());
    QAction *details = menu.addAction(tr("&Details…"), this, [this, index] { showDetails(index); });
    menu.setDefaultAction(details);
    menu.exec(m_table->viewport()->mapToGlobal(at));
}

void MainWindow::rescanSelected()
{
    QList<quint32> ips;
    for (int row : selectedSourceRows())
        ips << m_model->hostAt(row).ip;
    if (const auto r = rescanHosts(ips); !r.ok())
        statusBar()->showMessage(r.error(), 10000);
}

void MainWindow::showDetails(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const int row = m_proxy->mapToSource(proxyIndex).row();
    const HostRecord h = m_model->hostAt(row);
    const HostTableModel::HostState state = m_model->stateAt(row);
    const bool up = state == HostTableModel::HostState::Up;
    const QString dash = QStringLiteral("–");
    const QLocale locale;
    // A host that is not up now keeps its last values, greyed: they are history, not the present.
    const QString grey = palette().color(QPalette::Disabled, QPalette::Text).name();
    const auto old = [&](const QString &value) {
        return up || value == dash ? value : QStringLiteral("<span style=\"color:%1\">%2</span>").arg(grey, value);
    };
    QString stateText;
    switch (state) {
    case HostTableModel::HostState::Up:
        stateText = tr("up (answered the last scan of this address)");
        break;
    case HostTableModel::HostState::Down:
        stateText = tr("down (did not answer the last scan of this address); the values below are from when it "
                       "last answered");
        break;
    case HostTableModel::HostState::LastSession:
        stateText = tr("from the last session (not scanned since lanwatch started); the values below are from then");
        break;
    }
    const QString anomalyText = HostTableModel::anomalyText(h);
    const QString anomalies =
        anomalyText.isEmpty()
            ? QString()
            : tr("<tr><td><b>Anomalies</b></td><td>%1</td></tr>")
                  .arg(anomalyText.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("hostDetails"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::NoIcon);
    box->setWindowTitle(tr("Host %1").arg(h.ipString()));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<table cellspacing=\"2\" cellpadding=\"2\">"
                    "<tr><td><b>IP address</b></td><td>%1</td></tr>"
                    "<tr><td><b>State</b></td><td>%2</td></tr>"
                    "<tr><td><b>MAC address</b></td><td>%3</td></tr>"
                    "<tr><td><b>Vendor</b></td><td>%4</td></tr>"
                    "<tr><td><b>Host name</b></td><td>%5</td></tr>"
                    "<tr><td><b>Round trip</b></td><td>%6</td></tr>"
                    "<tr><td><b>Found by</b></td><td>%7</td></tr>"
                    "<tr><td><b>First seen</b></td><td>%8</td></tr>"
                    "<tr><td><b>Last seen</b></td><td>%9</td></tr>"
                    "%10"
                    "</table>")
                     .arg(h.ipString(), stateText.toHtmlEscaped(), old(h.mac ? h.macString() : dash),
                          old(h.vendor.isEmpty() ? dash : h.vendor.toHtmlEscaped()),
                          old(h.names.isEmpty()
                                  ? (h.hostname.isEmpty() ? dash : h.hostname.toHtmlEscaped())
                                  : nameList(h).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))),
                          old(h.rttMs < 0 ? dash : tr("%1 ms").arg(locale.toString(h.rttMs, 'f', 2))),
                          old(foundByText(h.foundBy).toHtmlEscaped()),
                          locale.toString(m_model->firstSeenAt(row), QLocale::ShortFormat),
                          locale.toString(m_model->lastSeenAt(row), QLocale::ShortFormat),
                          anomalies));
    if (!h.services.isEmpty() || !h.model.isEmpty())
        box->setInformativeText(
            tr("<b>Services</b> %1<br><b>Model</b> %2")
                .arg(h.services.isEmpty() ? dash : h.services.join(QStringLiteral(", ")).toHtmlEscaped(),
                     h.model.isEmpty() ? dash : h.model.toHtmlEscaped()));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

bool MainWindow::closeHidesToTray() const
{
    return TrayController::shouldHideToTray(m_tray->isAvailable(), m_settings->closeToTray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && closeHidesToTray()) {
        hide();
        m_tray->setWindowVisible(false);
        event->ignore();
        if (!m_settings->trayNoticeShown()) {
            m_tray->notify(tr("lanwatch is still running"),
                           tr("It keeps watching from the tray. Use Quit in the tray menu to exit, or change this in "
                              "Settings."));
            m_settings->setTrayNoticeShown(true);
        }
        return;
    }
    event->accept();
    if (!m_quitting)
        quitApplication();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_targetHint) {
        applyTones();
        updateSyncBadge();
    }
    if (event->type() == QEvent::WindowStateChange && isMinimized() &&
        TrayController::shouldHideToTray(m_tray->isAvailable(), m_settings->minimizeToTray())) {
        QTimer::singleShot(0, this, [this] {
            hide();
            m_tray->setWindowVisible(false);
        });
    }
}

void MainWindow::showFromTray()
{
    showNormal();
    raise();
    activateWindow();
    m_tray->setWindowVisible(true);
    updateTrayState();
}

void MainWindow::toggleVisible()
{
    if (isVisible() && !isMinimized()) {
        if (m_tray->isAvailable()) {
            hide();
            m_tray->setWindowVisible(false);
        }
    } else {
        showFromTray();
    }
}

void MainWindow::quitApplication()
{
    // Stops all work cleanly: the session cancels the scan (its jobs end within one loop turn, its name
    // lookups are aborted) and every sync job; main() destroys the session after the window.
    m_quitting = true;
    m_session->shutdown();
    QCoreApplication::quit();
}

} // namespace lanwatch::ui
