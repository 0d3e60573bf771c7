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
#include "ui/HostFilterProxy.h"
#include "ui/HostTableModel.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayController.h"
#include "ui/sync/SyncPane.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
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
#include <QSaveFile>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

namespace lanwatch::ui {

using namespace lanwatch::scan;

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

    connect(m_tray, &TrayController::showHideRequested, this, &MainWindow::toggleVisible);
    connect(m_tray, &TrayController::scanRequested, this, [this] {
        if (!isScanning())
            startScan(m_target->currentText());
    });
    connect(m_tray, &TrayController::quitRequested, this, &MainWindow::quitApplication);
    connect(qApp, &QApplication::aboutToQuit, this, [this] {
        m_session->shutdown();
        m_settings->setWindowGeometry(saveGeometry());
        m_settings->setWindowState(saveState());
        m_settings->setHostTableHeader(m_table->horizontalHeader()->saveState());
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
    if (!settings->hostTableHeader().isEmpty())
        m_table->horizontalHeader()->restoreState(settings->hostTableHeader());
    updateStatusLine();
    m_tray->setToolTip(tr("lanwatch: no scan yet"));
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
    m_targetHint->setStyleSheet(QStringLiteral("color: #c62828;"));
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
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_elapsed);
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
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(HostTableModel::Ip, 120);
    m_table->setColumnWidth(HostTableModel::Mac, 140);
    m_table->setColumnWidth(HostTableModel::Vendor, 200);
    m_table->setColumnWidth(HostTableModel::HostName, 170);
    m_table->setColumnWidth(HostTableModel::Rtt, 80);
    m_table->setColumnWidth(HostTableModel::FoundBy, 80);

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
    m_privilege->setStyleSheet(QStringLiteral("color: #8a6d00;"));
    statusBar()->addWidget(m_methods, 1);
    statusBar()->addPermanentWidget(m_privilege);

    connect(m_target, &QComboBox::editTextChanged, this, &MainWindow::validateTarget);
    connect(m_scanButton, &QPushButton::clicked, this, [this] {
        if (isScanning())
            stopScan();
        else if (const auto r = startScan(m_target->currentText()); !r.ok())
            statusBar()->showMessage(r.error(), 10000);
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &HostFilterProxy::setFilterText);
    connect(m_table, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, &MainWindow::showDetails);
    validateTarget();
    resize(1000, 640);
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
        m_tabs->setTabText(m_tabs->indexOf(m_eventsPane),
                           unseen > 0 ? tr("Events (%1)").arg(unseen) : tr("Events"));
        if (unseen > 0)
            m_tray->setState(TrayController::State::Attention);
        else if (m_tray->state() == TrayController::State::Attention)
            m_tray->setState(isScanning() ? TrayController::State::Scanning : TrayController::State::Idle);
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
        m_tray->notify(lines.first(), QString(), true);
    } else if (!lines.isEmpty()) {
        m_tray->notify(tr("%n network event(s)", nullptr, int(lines.size())), lines.mid(0, 5).join(QLatin1Char('\n')),
                       true);
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
    m_tray->notify(tr("%n device(s) found", nullptr, m_burstFound), lines.mid(0, 5).join(QLatin1Char('\n')), true);
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
    QAction *prefs = edit->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    prefs->setShortcut(QKeySequence::Preferences);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About lanwatch"), this, [this] {
        QMessageBox::about(this, tr("About lanwatch"),
                           tr("<b>lanwatch %1</b><p>Finds the hosts of your network with ARP, ICMP and TCP, keeps "
                              "folder pairs in step, and waits in the tray.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::validateTarget()
{
    if (isScanning())
        return;
    const auto parsed = TargetSet::parse(m_target->currentText());
    m_scanButton->setEnabled(parsed.ok());
    m_targetHint->setVisible(!parsed.ok());
    m_targetHint->setText(parsed.ok() ? QString() : parsed.error());
    m_target->setStyleSheet(parsed.ok() ? QString() : QStringLiteral("QComboBox { border: 1px solid #c62828; }"));
}

void MainWindow::updateStatusLine()
{
    const ScanOptions options = m_session->scanOptions();
    const Capabilities caps = probeCapabilities();
    m_methods->setText(tr("Methods: %1").arg(ScanEngine::describeMethods(options, caps).join(QStringLiteral("; "))));
    const QString hint = ScanEngine::privilegeHint(caps);
    m_privilege->setVisible(!hint.isEmpty());
    m_privilege->setText(hint.isEmpty() ? QString() : tr("No CAP_NET_RAW: no ARP sweep"));
    m_privilege->setToolTip(hint);
}

Result<void> MainWindow::startScan(const QString &text)
{
    if (isScanning())
        return Result<void>::failure(tr("A scan is already running."));
    const auto targets = TargetSet::parse(text);
    if (!targets)
        return Result<void>::failure(targets.error());
    m_model->beginScan();
    m_scanNotified = false;
    const auto started = m_session->startScan(targets.value());
    if (!started) {
        m_model->endScan();
        return started;
    }
    m_currentTarget = text.trimmed();
    if (m_target->currentText() != m_currentTarget)
        m_target->setEditText(m_currentTarget);
    m_settings->setLastTarget(m_currentTarget);
    m_settings->addRecentTarget(m_currentTarget);
    m_scanButton->setText(tr("&Stop"));
    m_scanButton->setEnabled(true);
    m_target->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_clock.start();
    m_elapsed->setText(tr("%1 s").arg(0));
    m_elapsedTimer.start();
    m_tray->setToolTip(tr("lanwatch: scanning %1").arg(m_currentTarget)); // the icon follows the engine
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
    m_scanButton->setText(tr("&Scan"));
    m_target->setEnabled(true);
    // Refresh the recent list without losing what the user typed.
    const QString text = m_target->currentText();
    m_target->clear();
    m_target->addItems(m_settings->recentTargets());
    m_target->setEditText(text);
    validateTarget();

    const int up = m_model->upCount();
    const QString summary =
        cancelled ? tr("Scan of %1 stopped: %2 hosts up so far").arg(m_currentTarget).arg(up)
                  : tr("Scan of %1 finished in %2 s: %3 hosts up").arg(m_currentTarget).arg(seconds, 0, 'f', 1).arg(up);
    m_progress->setValue(1000);
    m_progress->setFormat(summary);
    m_tray->setToolTip(QStringLiteral("lanwatch\n") + summary);
    // The session has already recorded the scan in the inventory, and onMonitorEvents has notified what it
    // found that is worth saying (new devices among it).
    if (m_devicesTab) {
        m_devicesTab->scheduleReload(); // known devices' last seen moved even when there was no event
    } else if (!m_noInventoryNoticeGiven) {
        m_noInventoryNoticeGiven = true;
        statusBar()->showMessage(tr("New devices are not reported: there is no device inventory (%1).")
                                     .arg(m_session->deviceStoreProblem()),
                                 30000);
    }
    if (m_tray->state() == TrayController::State::Scanning) // attention stays until the events are seen
        m_tray->setState(TrayController::State::Idle);
    if (!m_scanNotified && !isVisible())
        m_tray->notify(tr("Scan finished"), summary);
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
    const QList<HostRecord> hosts = m_model->hosts();
    const QByteArray bytes = format == ExportFormat::Csv ? hostsToCsv(hosts) : hostsToJson(hosts);
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
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() == QDialog::Accepted)
        updateStatusLine();
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const HostRecord host = index.data(HostTableModel::HostRole).value<HostRecord>();
    QMenu menu(this);
    menu.addAction(tr("Copy IP address"), this, [host] { QGuiApplication::clipboard()->setText(host.ipString()); });
    QAction *copyMac = menu.addAction(tr("Copy MAC address"), this,
                                      [host] { QGuiApplication::clipboard()->setText(host.macString()); });
    copyMac->setEnabled(host.mac.has_value());
    menu.addAction(tr("Copy row"), this, [this, index] {
        QStringList cells;
        for (int c = 0; c < HostTableModel::ColumnCount; ++c)
            cells << m_proxy->index(index.row(), c).data().toString();
        QGuiApplication::clipboard()->setText(cells.join(QLatin1Char('\t')));
    });
    menu.addSeparator();
    QAction *rescan = menu.addAction(tr("Rescan this host"), this, &MainWindow::rescanSelected);
    rescan->setEnabled(!isScanning());
    m_table->selectRow(index.row());
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void MainWindow::rescanSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString ip = rows.first().data(HostTableModel::SortRole).isValid()
                           ? rows.first().data(HostTableModel::HostRole).value<HostRecord>().ipString()
                           : QString();
    if (!ip.isEmpty())
        startScan(ip);
}

void MainWindow::showDetails(const QModelIndex &proxyIndex)
{
    const HostRecord h = proxyIndex.data(HostTableModel::HostRole).value<HostRecord>();
    const bool up = proxyIndex.data(HostTableModel::UpRole).toBool();
    const QString dash = QStringLiteral("–");
    QMessageBox box(this);
    box.setWindowTitle(tr("Host %1").arg(h.ipString()));
    box.setText(tr("<table>"
                   "<tr><td><b>IP address</b></td><td>%1</td></tr>"
                   "<tr><td><b>MAC address</b></td><td>%2</td></tr>"
                   "<tr><td><b>Vendor</b></td><td>%3</td></tr>"
                   "<tr><td><b>Host name</b></td><td>%4</td></tr>"
                   "<tr><td><b>Round trip</b></td><td>%5</td></tr>"
                   "<tr><td><b>Found by</b></td><td>%6</td></tr>"
                   "<tr><td><b>State</b></td><td>%7</td></tr>"
                   "</table>")
                    .arg(h.ipString(), h.mac ? h.macString() : dash,
                         h.vendor.isEmpty() ? dash : h.vendor.toHtmlEscaped(),
                         h.hostname.isEmpty() ? dash : h.hostname.toHtmlEscaped(),
                         h.rttMs < 0 ? dash : tr("%1 ms").arg(h.rttMs, 0, 'f', 2), foundByName(h.foundBy),
                         up ? tr("up") : tr("down (did not answer the last scan)")));
    box.exec();
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
    if (m_tray->state() == TrayController::State::Attention)
        m_tray->setState(isScanning() ? TrayController::State::Scanning : TrayController::State::Idle);
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
