// SyncPane: the dashboard's folder-sync tab: the pairs with their state, Sync now / Pause per pair,
// the pairs dialog, and a log of recent runs. A view of the session's SyncScheduler, which it never owns.
#pragma once

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

class QLabel;
class QListWidget;
class QMessageBox;
class QPushButton;
class QTableView;

namespace lanwatch::core {
class Session;
}
namespace lanwatch::sync {
class SyncScheduler;
}

namespace lanwatch::ui {

class SyncPairModel;

class SyncPane final : public QWidget
{
    Q_OBJECT

public:
    explicit SyncPane(lanwatch::core::Session *session, QWidget *parent = nullptr);
    ~SyncPane() override;

    lanwatch::sync::SyncScheduler *scheduler() const { return m_scheduler; }
    SyncPairModel *model() const { return m_model; }
    void reloadPairs(); // the session's scheduler takes the pairs from the settings again
    void syncSelectedNow();
    void togglePauseSelected();
    void selectRow(int row);
    void selectPair(const QString &id); // and asks about it if it is held back and nobody was asked yet
    QStringList logLines() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void editPairs();
    void appendLog(const QString &pairId, const QString &text);
    void askAboutHeldBack(const QString &id, const QString &reason);
    void updateButtons();
    QString selectedId() const;
    QString pairName(const QString &id) const;

    lanwatch::core::Session *m_session;
    lanwatch::sync::SyncScheduler *m_scheduler;
    SyncPairModel *m_model;
    QTableView *m_table;
    QPushButton *m_syncNow;
    QPushButton *m_pause;
    QListWidget *m_log;
    QHash<QString, QPointer<QMessageBox>> m_questions; // the open "held back" question per pair
    QSet<QString> m_unasked; // held back while the pane was not on screen: asked when it is shown
    QLabel *m_emptyHint;
};

} // namespace lanwatch::ui
