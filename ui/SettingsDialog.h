// SettingsDialog: scan defaults, tray behaviour and which notifications are given, stored through core::Settings.
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace lanwatch::core {
class Settings;
}

namespace lanwatch::ui {

class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(lanwatch::core::Settings *settings, QWidget *parent = nullptr);
    void accept() override; // writes the values back

private:
    lanwatch::core::Settings *m_settings;
    QSpinBox *m_timeout;
    QSpinBox *m_retries;
    QSpinBox *m_rate;
    QComboBox *m_method;
    QCheckBox *m_resolveNames;
    QCheckBox *m_closeToTray;
    QCheckBox *m_minimizeToTray;
    QCheckBox *m_notifyNew;
    QCheckBox *m_notifyWatched;
    QCheckBox *m_notifyConflicts;
    QCheckBox *m_notifySync;
};

} // namespace lanwatch::ui
