// HelpDialogs: the Help menu's offline manual (an HTML page in the resources, in the UI's language) and
// the About text (version, Qt version, licence).
#pragma once

#include <QDialog>

class QTextBrowser;

namespace lanwatch::ui {

// The manual page for the current UI language (qrc:/manual/manual_<lang>.html, else the English one).
QUrl manualUrl();

class ManualDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ManualDialog(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

// Rich text for the About box.
QString aboutText();

} // namespace lanwatch::ui
