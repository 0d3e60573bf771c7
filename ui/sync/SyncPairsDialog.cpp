// The pairs editor; validation comes from core (validatePair), the preview from planSync, both
// as jobs on core's blocking pool whose answers come back through a JobLink.
#include "ui/sync/SyncPairsDialog.h"

#include "core/ThreadPool.h"
#include "core/sync/SyncScheduler.h"
#include "ui/sync/SyncPairModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace lanwatch::ui {

using namespace lanwatch::sync;

namespace {
// The same red as an error in the pairs table, derived from the palette (readable on a dark theme too).
QString errorColor(const QWidget *widget)
{
    return SyncPairModel::stateColor(PairState::Error, widget->palette()).name();
}

QLabel *errorLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setStyleSheet(QStringLiteral("color: %1;").arg(errorColor(parent)));
    label->setWordWrap(true);
    label->hide();
    return label;
}

QWidget *withPicker(QLineEdit *edit, QWidget *parent, const QString &title)
{
    auto *box = new QWidget(parent);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(SyncPairsDialog::tr("Browse…"), box);
    row->addWidget(edit, 1);
    row->addWidget(browse);
    browse->setObjectName(edit->objectName() + QStringLiteral("Browse"));
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, title] {
        // Parented to the dialog, not the field: the field's error style must not reach the picker's widgets.
        const QString dir = QFileDialog::getExistingDirectory(edit->window(), title, edit->text());
        if (!dir.isEmpty())
            edit->setText(dir);
    });
    return box;
}
} // namespace

SyncPairsDialog::SyncPairsDialog(const QList<SyncPair> &pairs, QWidget *parent) : QDialog(parent), m_pairs(pairs)
{
    setWindowTitle(tr("Folder sync pairs"));
    setObjectName(QStringLiteral("syncPairsDialog"));

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("pairList"));
    // "/home/…/photos → /mnt/…/photos": both ends stay readable, the whole name is in the tooltip. Rows as
    // wide as the list (no horizontal scrolling), so the elision applies.
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setUniformItemSizes(true);
    m_list->setResizeMode(QListView::Adjust);
    auto *add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addPair"));
    auto *remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("removePair"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *form = new QFormLayout;
    m_source = new QLineEdit(this);
    m_source->setObjectName(QStringLiteral("source"));
    m_sourceError = errorLabel(this, "sourceError");
    form->addRow(tr("&Source folder:"), withPicker(m_source, this, tr("Folder to copy from")));
    form->addRow(QString(), m_sourceError);
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(QStringLiteral("destination"));
    m_destinationError = errorLabel(this, "destinationError");
    form->addRow(tr("&Destination folder:"), withPicker(m_destination, this, tr("Folder to copy to")));
    form->addRow(QString(), m_destinationError);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("mode"));
    m_mode->addItem(tr("Mirror: the destination becomes an exact copy"), int(SyncMode::Mirror));
    m_mode->addItem(tr("Update: copy new and changed files, never delete"), int(SyncMode::Update));
    form->addRow(tr("&Mode:"), m_mode);
    m_poll = new QSpinBox(this);
    m_poll->setObjectName(QStringLiteral("poll"));
    m_poll->setRange(SyncLimits::MinPoll, SyncLimits::MaxPoll);
    m_poll->setSuffix(tr(" s"));
    m_delay = new QSpinBox(this);
    m_delay->setObjectName(QStringLiteral("delay"));
    m_delay->setRange(0, SyncLimits::MaxDelay);
    m_delay->setSuffix(tr(" s"));
    auto *intervals = new QHBoxLayout;
    intervals->addWidget(new QLabel(tr("Check every"), this));
    intervals->addWidget(m_poll);
    intervals->addWidget(new QLabel(tr(", act after"), this));
    intervals->addWidget(m_delay);
    intervals->addWidget(new QLabel(tr("of quiet"), this));
    intervals->addStretch();
    m_maxWait = new QSpinBox(this);
    m_maxWait->setObjectName(QStringLiteral("maxWait"));
    m_maxWait->setRange(SyncLimits::MinMaxWait, SyncLimits::MaxMaxWait);
    m_maxWait->setSuffix(tr(" s"));
    m_maxWait->setToolTip(tr("A source that never stays quiet (a log written every second) is still synced at least "
                             "this often."));
    m_intervalError = errorLabel(this, "intervalError");
    form->addRow(tr("Timing:"), intervals);
    form->addRow(tr("Longest wait:"), m_maxWait);
    form->addRow(QString(), m_intervalError);
    m_excludes = new QPlainTextEdit(this);
    m_excludes->setObjectName(QStringLiteral("excludes"));
    m_excludes->setPlaceholderText(tr("One pattern per line, e.g.\n*.tmp\n.cache/"));
    m_excludes->setMaximumHeight(80);
    m_excludesError = errorLabel(this, "excludesError");
    form->addRow(tr("E&xclude:"), m_excludes);
    form->addRow(QString(), m_excludesError);
    m_threshold = new QSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("threshold"));
    m_threshold->setRange(SyncLimits::MinDeleteLimit, SyncLimits::MaxDeleteLimit);
    m_threshold->setSuffix(tr(" %"));
    m_threshold->setToolTip(tr("A run that would delete more than this share of the destination's files asks first."));
    form->addRow(tr("Ask before deleting more than:"), m_threshold);
    m_oneFileSystem = new QCheckBox(tr("Do not cross into other file systems"), this);
    m_oneFileSystem->setObjectName(QStringLiteral("oneFileSystem"));
    m_oneFileSystem->setToolTip(tr("Disks mounted inside the source are not synced (as rsync -x); their copy in the "
                                   "destination is kept."));
    form->addRow(QString(), m_oneFileSystem);
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("enabled"));
    form->addRow(QString(), m_enabled);
    m_otherError = errorLabel(this, "otherError");
    form->addRow(QString(), m_otherError);

    m_previewButton = new QPushButton(tr("&Preview"), this);
    m_previewButton->setObjectName(QStringLiteral("preview"));
    m_previewSummary = new QLabel(this);
    m_previewSummary->setObjectName(QStringLiteral("previewSummary"));
    m_previewSummary->setWordWrap(true);
    m_previewTable = new QTableWidget(0, 3, this);
    m_previewTable->setObjectName(QStringLiteral("previewTable"));
    m_previewTable->setHorizontalHeaderLabels({tr("Action"), tr("Path"), tr("Size")});
    m_previewTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_previewTable->verticalHeader()->hide();
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *right = new QVBoxLayout;
    right->addLayout(form);
    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(m_previewButton);
    previewRow->addWidget(m_previewSummary, 1);
    right->addLayout(previewRow);
    right->addWidget(m_previewTable, 1);

    auto *body = new QHBoxLayout;
    body->addLayout(left, 1);
    body->addLayout(right, 3);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_buttons);
    resize(960, 620);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &SyncPairsDialog::addPair);
    connect(remove, &QPushButton::clicked, this, &SyncPairsDialog::removeCurrent);
    connect(m_list, &QListWidget::currentRowChanged, this, &SyncPairsDialog::selectRow);
    connect(m_previewButton, &QPushButton::clicked, this, &SyncPairsDialog::preview);
    for (QLineEdit *e : {m_source, m_destination})
        connect(e, &QLineEdit::textChanged, this, &SyncPairsDialog::editorChanged);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &SyncPairsDialog::editorChanged);
    for (QSpinBox *s : {m_poll, m_delay, m_maxWait, m_threshold})
        connect(s, &QSpinBox::valueChanged, this, &SyncPairsDialog::editorChanged);
    connect(m_excludes, &QPlainTextEdit::textChanged, this, &SyncPairsDialog::editorChanged);
    for (QCheckBox *c : {m_enabled, m_oneFileSystem})
        connect(c, &QCheckBox::toggled, this, &SyncPairsDialog::editorChanged);

    for (const SyncPair &p : std::as_const(m_pairs)) {
        m_list->addItem(p.displayName());
        m_list->item(m_list->count() - 1)->setToolTip(p.displayName());
    }
    if (!m_pairs.isEmpty())
        m_list->setCurrentRow(0);
    else
        selectRow(-1);
    revalidate();
}

void SyncPairsDialog::addPair()
{
    m_pairs.append(SyncPair::create(QString(), QString()));
    m_list->addItem(tr("(new pair)"));
    m_list->setCurrentRow(int(m_pairs.size()) - 1);
    m_source->setFocus();
}

void SyncPairsDialog::removeCurrent()
{
    if (m_current < 0)
        return;
    const int row = m_current;
    m_current = -1;
    m_pairs.removeAt(row);
    delete m_list->takeItem(row);
    selectRow(m_list->currentRow());
    revalidate();
}

void SyncPairsDialog::selectRow(int row)
{
    m_current = row;
    const bool have = row >= 0 && row < m_pairs.size();
    for (QWidget *w : std::initializer_list<QWidget *>{m_source->parentWidget(), m_destination->parentWidget(), m_mode,
                                                       m_poll, m_delay, m_maxWait, m_excludes, m_threshold,
                                                       m_oneFileSystem, m_enabled, m_previewButton})
        w->setEnabled(have);
    m_previewTable->setRowCount(0);
    m_previewSummary->clear();
    m_loading = true;
    // With nothing selected the (disabled) editor shows a new pair's defaults, not the spin boxes' minimums.
    const SyncPair p = have ? m_pairs.at(row) : SyncPair{};
    m_source->setText(p.source);
    m_destination->setText(p.destination);
    m_mode->setCurrentIndex(m_mode->findData(int(p.mode)));
    m_poll->setValue(p.pollSeconds);
    m_delay->setValue(p.delaySeconds);
    m_maxWait->setValue(p.maxWaitSeconds);
    m_oneFileSystem->setChecked(p.oneFileSystem);
    m_excludes->setPlainText(p.excludes.join(QLatin1Char('\n')));
    m_threshold->setValue(p.deleteThresholdPercent);
    m_enabled->setChecked(p.enabled);
    m_loading = false;
    if (have)
        revalidate();
}

void SyncPairsDialog::editorChanged()
{
    if (m_loading || m_current < 0)
        return;
    SyncPair &p = m_pairs[m_current];
    p.source = m_source->text().trimmed();
    p.destination = m_destination->text().trimmed();
    p.mode = SyncMode(m_mode->currentData().toInt());
    p.pollSeconds = m_poll->value();
    p.delaySeconds = m_delay->value();
    p.maxWaitSeconds = m_maxWait->value();
    p.oneFileSystem = m_oneFileSystem->isChecked();
    p.excludes = m_excludes->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    p.deleteThresholdPercent = m_threshold->value();
    p.enabled = m_enabled->isChecked();
    m_list->item(m_current)->setText(p.source.isEmpty() ? tr("(new pair)") : p.displayName());
    m_list->item(m_current)->setToolTip(m_list->item(m_current)->text());
    revalidate();
}

void SyncPairsDialog::revalidate()
{
    // Ok waits for the answer about what is on screen now; the old messages stay until it comes.
    m_validating = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_previewButton->setEnabled(false);
    const int generation = ++*m_latestValidation;
    const std::shared_ptr<std::atomic_int> latest = m_latestValidation;
    const QList<SyncPair> pairs = m_pairs;
    // The job holds the link, never the dialog: closing the dialog detaches it and drops the answer.
    const auto jobs = m_jobs;
    core::blockingPool()->start([jobs, pairs, latest, generation] {
        Problems problems;
        for (int i = 0; i < pairs.size(); ++i) {
            if (latest->load() != generation || jobs->cancel)
                return; // typing went on (or the dialog closed): this answer would not be shown
            QList<SyncPair> others = pairs;
            others.removeAt(i);
            problems.append(validatePair(pairs.at(i), others));
        }
        jobs->post([jobs, problems, generation] {
            // Runs on the dialog's thread, only while the dialog is attached (the link's owner).
            SyncPairsDialog *self = jobs->owner();
            if (self && generation == self->m_latestValidation->load())
                self->showProblems(problems);
        });
    });
}

void SyncPairsDialog::showProblems(const Problems &problems)
{
    using F = PairProblem::Field;
    m_validating = false;
    for (QLabel *l : {m_sourceError, m_destinationError, m_intervalError, m_excludesError, m_otherError})
        l->hide();
    m_source->setStyleSheet(QString());
    m_destination->setStyleSheet(QString());
    const bool allValid = std::none_of(problems.begin(), problems.end(), [](const auto &p) { return p.has_value(); });
    const auto current = m_current >= 0 && m_current < problems.size() ? problems.at(m_current) : std::nullopt;
    m_currentValid = m_current >= 0 && m_current < problems.size() && !current;
    if (current) {
        QLabel *label = current->field == F::Source        ? m_sourceError
                        : current->field == F::Destination ? m_destinationError
                        : current->field == F::Intervals   ? m_intervalError
                        : current->field == F::Excludes    ? m_excludesError
                                                           : m_otherError;
        label->setText(current->message);
        label->show();
        // Scoped to the one field by its name: a bare rule would reach any widget parented to it.
        const auto red = [this](const QLineEdit *edit) {
            return QStringLiteral("QLineEdit#%1 { border: 1px solid %2; }").arg(edit->objectName(), errorColor(this));
        };
        if (current->field == F::Source)
            m_source->setStyleSheet(red(m_source));
        else if (current->field == F::Destination)
            m_destination->setStyleSheet(red(m_destination));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(allValid);
    m_previewButton->setEnabled(m_currentValid && !m_previewRunning);
}

void SyncPairsDialog::preview()
{
    if (m_current < 0 || m_previewRunning)
        return;
    const SyncPair pair = m_pairs.at(m_current);
    m_previewSummary->setText(tr("Comparing the folders…"));
    m_previewButton->setEnabled(false);
    // The diff walks both trees: on core's blocking pool, never on the GUI thread; closing the dialog
    // stops the walk.
    m_previewRunning = true;
    const auto jobs = m_jobs;
    core::blockingPool()->start([jobs, pair] {
        auto plan = std::make_shared<const Result<SyncPlan>>(planSync(pair, &jobs->cancel));
        jobs->post([jobs, plan] {
            if (SyncPairsDialog *self = jobs->owner())
                self->showPreview(*plan);
        });
    });
}

SyncPairsDialog::~SyncPairsDialog()
{
    m_jobs->cancel = true;
    m_jobs->detach();
}

void SyncPairsDialog::showPreview(const Result<SyncPlan> &plan)
{
    m_previewRunning = false;
    m_previewButton->setEnabled(m_currentValid && !m_validating);
    m_previewTable->setRowCount(0);
    if (!plan.ok()) {
        m_previewSummary->setText(plan.error());
        return;
    }
    const QLocale locale;
    const auto shown = [](const SyncAction &a) { return a.kind != SyncAction::Kind::Metadata || !a.isDir; };
    m_previewTable->setRowCount(int(std::count_if(plan->actions.begin(), plan->actions.end(), shown)));
    int row = 0;
    for (const SyncAction &a : plan->actions) {
        if (!shown(a))
            continue; // folder times follow from the rest; not worth a row each
        // "times" alone reads as a count; the GUI says which time it means.
        m_previewTable->setItem(row, 0,
                                new QTableWidgetItem(a.kind == SyncAction::Kind::Metadata
                                                         ? tr("permissions and modification time")
                                                         : actionKindText(a.kind)));
        m_previewTable->setItem(row, 1,
                                new QTableWidgetItem(a.relativePath() + (a.isDir ? QStringLiteral("/") : QString())));
        m_previewTable->setItem(row, 2, new QTableWidgetItem(a.bytes ? locale.formattedDataSize(a.bytes) : QString()));
        ++row;
    }
    QString summary = plan->isEmpty() ? tr("The folders are in step: nothing to do.")
                                      : tr("%1 to copy, %2 to update, %3 to delete (%4).")
                                            .arg(plan->copies())
                                            .arg(plan->updates())
                                            .arg(plan->deletions())
                                            .arg(locale.formattedDataSize(plan->bytesToCopy()));
    const SyncPair &pair = m_pairs.at(m_current);
    if (pair.mode == SyncMode::Mirror && plan->exceedsDeleteThreshold(pair.deleteThresholdPercent))
        summary += QLatin1Char(' ') + tr("This would delete more than %1% of the destination's files: the run will ask "
                                         "first.")
                                          .arg(pair.deleteThresholdPercent);
    m_previewSummary->setText(summary);
}

} // namespace lanwatch::ui
