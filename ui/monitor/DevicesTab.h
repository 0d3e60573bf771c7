// DevicesTab: the Devices tab: filter bar, the device table with its presence strips, and the actions on
// the selected devices (mark known, forget after a question, history). A view of the DeviceStore only.
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::ui {

class DeviceFilterProxy;
class DeviceHistoryDialog;
class DeviceTableModel;

class DevicesTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevicesTab)

public:
    // The store must outlive the tab; the tab only reads and edits through it.
    explicit DevicesTab(lanwatch::monitor::DeviceStore *store, QWidget *parent = nullptr);

    DeviceTableModel *model() const { return m_model; }
    DeviceFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QList<lanwatch::monitor::DeviceId> selectedDevices() const;

public Q_SLOTS:
    void reload();         // now
    void scheduleReload(); // soon, once for a burst of calls (connect the monitor's signals here)
    // Selects the device's row and scrolls to it, clearing the filters if they hide it. False: unknown.
    bool selectDevice(lanwatch::monitor::DeviceId id);
    void markSelectedKnown();
    void forgetSelected(); // asks first (a window-modal question the user can cancel)
    // Two devices selected that are one (a phone's old and new private MAC): asks, then merges the second
    // into the first selected (its MACs become aliases, its history joins).
    void mergeSelected();
    DeviceHistoryDialog *openHistory(lanwatch::monitor::DeviceId id);

private:
    void showError(const QString &message);
    void updateActions();
    void updateCount();

    lanwatch::monitor::DeviceStore *m_store;
    DeviceTableModel *m_model;
    DeviceFilterProxy *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QCheckBox *m_showKnown;
    QCheckBox *m_showNew;
    QCheckBox *m_onlineOnly;
    QLabel *m_count;
    QLabel *m_error;
    QAction *m_markKnown;
    QAction *m_forget;
    QAction *m_merge;
    QAction *m_watch; // checkable: notify when the selected devices go offline or come back
    QAction *m_history;
    QAction *m_wake; // Wake-on-LAN to the selected devices' MACs
    QTimer m_reloadTimer;
};

} // namespace lanwatch::ui
