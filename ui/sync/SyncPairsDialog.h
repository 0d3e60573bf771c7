// SyncPairsDialog: add, edit and remove folder pairs; errors shown at the field that is wrong; a
// Preview that plans (on core's pool) and lists what a run would do, touching nothing.
#pragma once

#include "core/Result.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncPlan.h"

#include <QDialog>
#include <QFutureWatcher>

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
    QList<lanwatch::sync::SyncPair> pairs() const { return m_pairs; }

    void addPair();
    void removeCurrent();
    void preview();
    bool isPreviewRunning() const { return m_preview.isRunning(); }

private:
    void selectRow(int row);
    void editorChanged();
    void revalidate();
    void showPreview();

    QList<lanwatch::sync::SyncPair> m_pairs;
    int m_current = -1;
    bool m_loading = false;

    QListWidget *m_list;
    QLineEdit *m_source;
    QLineEdit *m_destination;
    QLabel *m_sourceError;
    QLabel *m_destinationError;
    QComboBox *m_mode;
    QSpinBox *m_poll;
    QSpinBox *m_delay;
    QLabel *m_intervalError;
    QPlainTextEdit *m_excludes;
    QLabel *m_excludesError;
    QCheckBox *m_enabled;
    QSpinBox *m_threshold;
    QLabel *m_otherError;
    QPushButton *m_previewButton;
    QLabel *m_previewSummary;
    QTableWidget *m_previewTable;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<Result<lanwatch::sync::SyncPlan>> m_preview;
};

} // namespace lanwatch::ui
