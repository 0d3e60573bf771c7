// TrayController: the tray icon (states idle/scanning/attention), its menu and notifications; decides
// whether hiding to the tray is safe (only when a tray really exists, so a window is never lost). It
// observes the session: a scan that starts shows the scanning icon, a sync run that fails, is held back
// or is incomplete gives a notification (unless switched off in the settings), whichever window (if any)
// is open.
#pragma once

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace lanwatch::core {
class Session;
}

namespace lanwatch::ui {

class TrayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)

public:
    enum class State { Idle, Scanning, Attention };

    // session may be nullptr (a tray that only shows what it is told, for tests).
    explicit TrayController(lanwatch::core::Session *session, QObject *parent = nullptr);
    ~TrayController() override;

    // True when a system tray is there to hold the icon (the check is injectable for tests).
    bool isAvailable() const;
    static void setAvailabilityCheckForTesting(std::function<bool()> check);

    // Hide-to-tray decision: only with a tray, and only when the user wants it.
    static bool shouldHideToTray(bool trayAvailable, bool userWantsIt) { return trayAvailable && userWantsIt; }

    void setState(State state);
    State state() const { return m_state; }
    void setToolTip(const QString &text);
    QString toolTip() const;
    // subject: what the message is about, handed back by messageActivated when the user clicks it
    // ("sync:<pair id>", "events", "hosts"; empty: just show the window).
    void notify(const QString &title, const QString &text, bool attention = false, const QString &subject = {});
    // The last message was clicked (QSystemTrayIcon::messageClicked; callable for tests).
    void activateLastMessage();
    void setWindowVisible(bool visible); // updates the Show/Hide entry
    bool isIconVisible() const;

Q_SIGNALS:
    void showHideRequested();
    void scanRequested();
    void quitRequested();
    // Each notification given, with or without a tray to show it in (a log, and what tests count).
    void notified(const QString &title, const QString &text);
    void messageActivated(const QString &subject);

private:
    void ensureIcon();
    void observe(lanwatch::core::Session *session);

    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_showHide = nullptr;
    State m_state = State::Idle;
    QString m_toolTip;
    QString m_lastSubject;
};

} // namespace lanwatch::ui
