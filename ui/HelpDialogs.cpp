// The manual is a resource (no network, no installed docs needed); links to the web open outside.
#include "ui/HelpDialogs.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLocale>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#ifndef LANWATCH_LICENSE
#define LANWATCH_LICENSE "not stated yet"
#endif

namespace lanwatch::ui {

QUrl manualUrl()
{
    // QLocale's UI languages in order of preference, as the translator loads them.
    for (QString lang : QLocale().uiLanguages()) {
        lang.replace(QLatin1Char('-'), QLatin1Char('_'));
        for (const QString &name : {lang, lang.section(QLatin1Char('_'), 0, 0)}) {
            const QString path = QStringLiteral(":/manual/manual_%1.html").arg(name);
            if (QFile::exists(path))
                return QUrl(QStringLiteral("qrc") + path);
            if (name == QLatin1String("en"))
                return QUrl(QStringLiteral("qrc:/manual/manual.html"));
        }
    }
    return QUrl(QStringLiteral("qrc:/manual/manual.html"));
}

ManualDialog::ManualDialog(QWidget *parent) : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("manualDialog"));
    setWindowTitle(tr("lanwatch manual"));
    m_browser->setObjectName(QStringLiteral("manualText"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(manualUrl());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    resize(em * 48, em * 40);
}

QString aboutText()
{
    return QCoreApplication::translate("lanwatch::ui::MainWindow",
                                       "<b>lanwatch %1</b><p>Finds the hosts of your network with ARP, ICMP and TCP, "
                                       "keeps folder pairs in step, and waits in the tray.</p>"
                                       "<p>Built with Qt %2, running on Qt %3.</p>"
                                       "<p>Licence: %4. Qt is used under the GNU LGPL version 3.</p>")
        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(qVersion()), QStringLiteral(LANWATCH_LICENSE));
}

} // namespace lanwatch::ui
