// The sync tab: a view over SyncPairModel plus the actions that need a person's decision.
#include "ui/sync/SyncPane.h"

#include "core/Session.h"
#include "core/Settings.h"
#include "core/sync/SyncScheduler.h"
#include "ui/TableLayout.h"
#include "ui/sync/SyncPairModel.h"
#include "ui/sync/SyncPairsDialog.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lanwatch::ui {

using namespace lanwatch::sync;

SyncPane::SyncPane(core::Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_scheduler(session->syncScheduler()),
      m_model(new SyncPairModel(m_scheduler, this))
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("syncPairs"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    // Paths and the state share the width (long paths are elided in the middle, the whole text is in the
    // tooltip); the short columns are sized from the font: no horizontal scrollbar.
    elideInTheMiddle(m_table, {SyncPairModel::Source, SyncPairModel::Destination});
    stretchColumns(m_table, {SyncPairModel::Source, SyncPairModel::Destination, SyncPairModel::State});
    const QLocale locale;
    const auto fit = [this](int column, const QString &sample) { fitColumn(m_table, column, sample); };
    fit(SyncPairModel::Mode, SyncPairModel::tr("mirror"));
    fit(SyncPairModel::LastRun, locale.toString(QTime(23, 59), QLocale::ShortFormat));
    fit(SyncPairModel::Copied, QStringLiteral("99999"));
    fit(SyncPairModel::Updated, QStringLiteral("99999"));
    fit(SyncPairModel::Deleted, QStringLiteral("99999"));
    fit(SyncPairModel::NextCheck, locale.toString(QTime(23, 59, 59), QLocale::LongFormat));
    m_emptyHint = addEmptyHint(m_table, QStringLiteral("syncEmptyHint"));
    m_emptyHint->setText(tr("No folder pairs yet. Use Edit pairs… to keep two folders in step."));
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_emptyHint->setVisible(m_model->rowCount() == 0); });

    auto *edit = new QPushButton(tr("&Edit pairs…"), this);
    edit->setObjectName(QStringLiteral("editPairs"));
    m_syncNow = new QPushButton(tr("Sync &now"), this);
    m_syncNow->setObjectName(QStringLiteral("syncNow"));
    m_pause = new QPushButton(tr("&Pause"), this);
    m_pause->setObjectName(QStringLiteral("pause"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(edit);
    buttons->addStretch();
    buttons->addWidget(m_syncNow);
    buttons->addWidget(m_pause);

    m_log = new QListWidget(this);
    m_log->setObjectName(QStringLiteral("syncLog"));
    m_log->setMaximumHeight(140);
    // Long pair names and reasons wrap instead of running off to the right.
    m_log->setWordWrap(true);
    m_log->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_log->setResizeMode(QListView::Adjust);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(new QLabel(tr("Recent runs:"), this));
    layout->addWidget(m_log);

    connect(edit, &QPushButton::clicked, this, &SyncPane::editPairs);
    connect(m_syncNow, &QPushButton::clicked, this, &SyncPane::syncSelectedNow);
    connect(m_pause, &QPushButton::clicked, this, &SyncPane::togglePauseSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SyncPane::updateButtons);
    connect(m_scheduler, &SyncScheduler::pairStateChanged, this, &SyncPane::updateButtons);
    connect(m_scheduler, &SyncScheduler::logMessage, this, &SyncPane::appendLog);
    // Failures and held-back runs reach the tray through TrayController, which observes the scheduler.
    connect(m_scheduler, &SyncScheduler::heldBack, this, [this](const QString &id, const QString &reason) {
        // Only ask when the pane is on screen; otherwise the tray notification and the tab's marker tell
        // the user, and the question comes when the pane is shown.
        if (isVisible())
            askAboutHeldBack(id, reason);
        else
            m_unasked.insert(id);
    });
    // The session loaded the stored pairs when it was created.
    m_model->reload();
    m_emptyHint->setVisible(m_model->rowCount() == 0);
    updateButtons();
}

SyncPane::~SyncPane() = default;

void SyncPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    const QSet<QString> unasked = std::exchange(m_unasked, {});
    for (const QString &id : unasked) {
        const PairStatus status = m_scheduler->status(id);
        if (status.state == PairState::HeldBack && status.heldBackPlan && !m_questions.value(id))
            askAboutHeldBack(id, status.message);
    }
}

void SyncPane::selectPair(const QString &id)
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->idAt(row) == id)
            selectRow(row);
}

void SyncPane::reloadPairs()
{
    m_session->reloadSyncPairs();
    m_model->reload();
    updateButtons();
}

QString SyncPane::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->idAt(rows.first().row());
}

QString SyncPane::pairName(const QString &id) const
{
    for (const SyncPair &p : m_scheduler->pairs())
        if (p.id == id)
            return p.displayName();
    return id;
}

void SyncPane::selectRow(int row)
{
    m_table->selectRow(row);
    updateButtons();
}

void SyncPane::updateButtons()
{
    const QString id = selectedId();
    m_syncNow->setEnabled(!id.isEmpty() && !m_scheduler->isPaused(id));
    m_pause->setEnabled(!id.isEmpty());
    m_pause->setText(!id.isEmpty() && m_scheduler->isPaused(id) ? tr("&Resume") : tr("&Pause"));
}

void SyncPane::syncSelectedNow()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    // A held-back pair would only be held back again: ask about the plan it holds instead (the question
    // may have been missed while another tab or the tray was showing).
    const PairStatus status = m_scheduler->status(id);
    if (status.state == PairState::HeldBack && status.heldBackPlan) {
        askAboutHeldBack(id, status.message);
        return;
    }
    m_scheduler->syncNow(id);
}

void SyncPane::togglePauseSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    m_scheduler->setPaused(id, !m_scheduler->isPaused(id));
    updateButtons();
}

void SyncPane::editPairs()
{
    SyncPairsDialog dialog(m_scheduler->pairs(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    savePairs(*m_session->settings(), dialog.pairs());
    m_session->settings()->sync();
    reloadPairs();
}

void SyncPane::appendLog(const QString &pairId, const QString &text)
{
    auto *item = new QListWidgetItem(
        QStringLiteral("%1  %2: %3")
            .arg(QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss")), pairName(pairId), text));
    item->setToolTip(item->text()); // a long pair name or message is cut at the list's edge
    m_log->addItem(item);
    while (m_log->count() > 200)
        delete m_log->takeItem(0);
    m_log->scrollToBottom();
}

QStringList SyncPane::logLines() const
{
    QStringList lines;
    for (int i = 0; i < m_log->count(); ++i)
        lines << m_log->item(i)->text();
    return lines;
}

void SyncPane::askAboutHeldBack(const QString &id, const QString &reason)
{
    // The plan the question is about: "Sync anyway" applies this one, and only while planning again gives
    // the same actions (SyncScheduler::syncAnyway), never a plan nobody saw.
    const std::shared_ptr<const SyncPlan> plan = m_scheduler->status(id).heldBackPlan;
    if (QMessageBox *old = m_questions.value(id))
        old->close(); // a newer plan replaces the question about the older one
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Folder sync held back"), reason, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("heldBackQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (plan)
        box->setInformativeText(tr("Sync anyway would copy %1, update %2 and delete %n entries, as planned now.",
                                   nullptr, plan->deletions())
                                    .arg(plan->copies())
                                    .arg(plan->updates()));
    QPushButton *go = box->addButton(tr("Sync anyway"), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("syncAnyway"));
    go->setEnabled(bool(plan));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, id, plan, go](QAbstractButton *clicked) {
        if (clicked == go)
            m_scheduler->syncAnyway(id, plan);
    });
    m_questions.insert(id, box);
    box->open(); // window-modal, without a nested event loop
}

} // namespace lanwatch::ui
