// EventsPane: the event log (newest first) with a kind filter and "Mark all seen". Showing the pane marks
// the events it shows as seen (the tray's attention ends) while keeping them bold until it is hidden.
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::ui {

class EventFilterProxy;
class EventTableModel;

class EventsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPane)

public:
    explicit EventsPane(lanwatch::monitor::DeviceStore *store, QWidget *parent = nullptr);

    EventTableModel *model() const { return m_model; }
    EventFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QComboBox *kindCombo() const { return m_kind; }
    QAction *markAllSeenAction() const { return m_markAllSeen; }
    int unseenCount() const; // what unseenCountChanged last said, for a tray set up after the pane

public Q_SLOTS:
    void reload();
    void scheduleReload(); // soon, once for a burst (connect the monitor's event signal here)
    void markAllSeen();

Q_SIGNALS:
    void showDevice(lanwatch::monitor::DeviceId id); // a row was double-clicked (or activated)
    void unseenCountChanged(int count);              // after every reload: for the tray's attention

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void markShownSeen();
    void reportUnseen();

    lanwatch::monitor::DeviceStore *m_store;
    EventTableModel *m_model;
    EventFilterProxy *m_proxy;
    QTableView *m_view;
    QComboBox *m_kind;
    QLabel *m_error;
    QAction *m_markAllSeen;
    QTimer m_reloadTimer;
    int m_lastUnseen = -1;
    // Shown on screen: set by show and hide events, which Qt also sends (spontaneously) when the window is
    // minimised and restored, so events arriving while lanwatch sits minimised or in the tray stay unseen.
    bool m_onScreen = false;
};

} // namespace lanwatch::ui
