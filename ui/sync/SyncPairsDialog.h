// SyncPairsDialog: add, edit and remove folder pairs; errors shown at the field that is wrong; a
// Preview that plans (on core's blocking pool) and lists what a run would do, touching nothing.
#pragma once

#include "core/JobLink.h"
#include "core/Result.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncPlan.h"

#include <QDialog>

#include <atomic>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace lanwatch::ui {

class SyncPairsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SyncPairsDialog(const QList<lanwatch::sync::SyncPair> &pairs, QWidget *parent = nullptr);
    ~SyncPairsDialog() override; // cancels a preview still walking and drops late answers
    QList<lanwatch::sync::SyncPair> pairs() const { return m_pairs; }

    void addPair();
    void removeCurrent();
    void preview();
    bool isPreviewRunning() const { return m_previewRunning; }
    bool isValidating() const { return m_validating; }

private:
    using Problems = QList<std::optional<lanwatch::sync::PairProblem>>;
    void selectRow(int row);
    void editorChanged();
    void revalidate();
    void showProblems(const Problems &problems);
    void showPreview(const Result<lanwatch::sync::SyncPlan> &plan);

    QList<lanwatch::sync::SyncPair> m_pairs;
    int m_current = -1;
    bool m_loading = false;
    // What the dialog's jobs on core's blocking pool share with it: closing the dialog cancels the
    // preview's walk and detaches, so no answer reaches a dialog that is gone.
    std::shared_ptr<core::JobLink<SyncPairsDialog>> m_jobs = std::make_shared<core::JobLink<SyncPairsDialog>>(this);
    bool m_previewRunning = false;
    // validatePair stats and resolves paths (a slow or dead mount can take seconds): it runs on core's
    // blocking pool, and only the answer for the latest edit is shown; older ones are dropped, and skipped if not
    // started yet.
    std::shared_ptr<std::atomic_int> m_latestValidation = std::make_shared<std::atomic_int>(0);
    bool m_validating = false;
    bool m_currentValid = false;

    QListWidget *m_list;
    QLineEdit *m_source;
    QLineEdit *m_destination;
    QLabel *m_sourceError;
    QLabel *m_destinationError;
    QComboBox *m_mode;
    QSpinBox *m_poll;
    QSpinBox *m_delay;
    QSpinBox *m_maxWait;
    QLabel *m_intervalError;
    QPlainTextEdit *m_excludes;
    QLabel *m_excludesError;
    QCheckBox *m_enabled;
    QCheckBox *m_oneFileSystem;
    QSpinBox *m_threshold;
    QLabel *m_otherError;
    QPushButton *m_previewButton;
    QLabel *m_previewSummary;
    QTableWidget *m_previewTable;
    QDialogButtonBox *m_buttons;
};

} // namespace lanwatch::ui
