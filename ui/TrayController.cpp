// The tray icon exists only while a tray host does; every action also lives in the main window.
#include "ui/TrayController.h"

#include "core/Session.h"
#include "core/Settings.h"
#include "core/scan/ScanEngine.h"
#include "core/sync/SyncScheduler.h"

#include <QAction>
#include <QIcon>
#include <QLoggingCategory>
#include <QMenu>
#include <QSystemTrayIcon>

namespace lanwatch::ui {

// Off by default; QT_LOGGING_RULES="lanwatch.tray.info=true" logs each notification as it is handed to the
// tray, so bench/monitor-bench.sh can time "new device" to "the user is told" without scraping a balloon.
Q_LOGGING_CATEGORY(lcTray, "lanwatch.tray", QtWarningMsg)

namespace {
std::function<bool()> &availabilityCheck()
{
    static std::function<bool()> check = [] { return QSystemTrayIcon::isSystemTrayAvailable(); };
    return check;
}

QIcon iconFor(TrayController::State state)
{
    switch (state) {
    case TrayController::State::Scanning:
        return QIcon(QStringLiteral(":/icons/tray-scanning.svg"));
    case TrayController::State::Attention:
        return QIcon(QStringLiteral(":/icons/tray-attention.svg"));
    case TrayController::State::Idle:
        break;
    }
    return QIcon(QStringLiteral(":/icons/tray-idle.svg"));
}
} // namespace

TrayController::TrayController(core::Session *session, QObject *parent) : QObject(parent)
{
    ensureIcon();
    if (session)
        observe(session);
}

void TrayController::observe(core::Session *session)
{
    connect(session->scanEngine(), &scan::ScanEngine::started, this, [this] { setState(State::Scanning); });
    sync::SyncScheduler *scheduler = session->syncScheduler();
    core::Settings *settings = session->settings();
    // The switch is read when a problem happens, so a change in the settings applies at once.
    const auto syncProblem = [this, scheduler, settings](const QString &title, const QString &id,
                                                         const QString &detail) {
        if (settings && !settings->notifies(core::Settings::Notification::SyncProblem))
            return;
        QString pair = id;
        for (const sync::SyncPair &p : scheduler->pairs())
            if (p.id == id)
                pair = p.displayName();
        notify(title, pair + QLatin1Char('\n') + detail, true, QStringLiteral("sync:") + id);
    };
    connect(scheduler, &sync::SyncScheduler::runFailed, this, [syncProblem](const QString &id, const QString &reason) {
        syncProblem(tr("Folder sync failed"), id, reason);
    });
    connect(scheduler, &sync::SyncScheduler::runPartial, this,
            [syncProblem](const QString &id, const QString &summary) {
                syncProblem(tr("Folder sync incomplete"), id, summary);
            });
    connect(scheduler, &sync::SyncScheduler::heldBack, this, [syncProblem](const QString &id, const QString &reason) {
        syncProblem(tr("Folder sync held back"), id, reason);
    });
}

TrayController::~TrayController()
{
    delete m_menu; // QSystemTrayIcon does not own its context menu
}

void TrayController::setAvailabilityCheckForTesting(std::function<bool()> check)
{
    availabilityCheck() = std::move(check);
}

bool TrayController::isAvailable() const
{
    return availabilityCheck()();
}

void TrayController::ensureIcon()
{
    if (m_icon || !isAvailable())
        return;
    m_menu = new QMenu;
    m_showHide = m_menu->addAction(tr("Hide window"), this, &TrayController::showHideRequested);
    m_menu->addAction(tr("Scan now"), this, &TrayController::scanRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit lanwatch"), this, &TrayController::quitRequested);
    m_icon = new QSystemTrayIcon(iconFor(m_state), this);
    m_icon->setContextMenu(m_menu);
    m_icon->setToolTip(m_toolTip.isEmpty() ? tr("lanwatch") : m_toolTip);
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayController::activateLastMessage);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showHideRequested();
    });
    m_icon->show();
}

void TrayController::setState(State state)
{
    m_state = state;
    ensureIcon();
    if (m_icon)
        m_icon->setIcon(iconFor(state));
}

void TrayController::setToolTip(const QString &text)
{
    m_toolTip = text;
    if (m_icon)
        m_icon->setToolTip(text);
}

QString TrayController::toolTip() const
{
    return m_toolTip;
}

void TrayController::activateLastMessage()
{
    Q_EMIT messageActivated(m_lastSubject);
}

void TrayController::notify(const QString &title, const QString &text, bool attention, const QString &subject)
{
    m_lastSubject = subject;
    ensureIcon();
    if (attention)
        setState(State::Attention);
    if (m_icon)
        m_icon->showMessage(title, text, attention ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 8000);
    qCInfo(lcTray, "notification%s: %s | %s", m_icon ? "" : " (no tray icon)", qUtf8Printable(title),
           qUtf8Printable(QString(text).replace(QLatin1Char('\n'), QLatin1String(" / "))));
    Q_EMIT notified(title, text);
}

void TrayController::setWindowVisible(bool visible)
{
    if (m_showHide)
        m_showHide->setText(visible ? tr("Hide window") : tr("Show window"));
}

bool TrayController::isIconVisible() const
{
    return m_icon && m_icon->isVisible();
}

} // namespace lanwatch::ui
