// Loading order: Qt's catalogue first, then lanwatch's, so lanwatch's own words win where both have one.
#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace lanwatch::ui {

LoadedTranslations installTranslations(const QLocale &locale, const QString &dir)
{
    LoadedTranslations loaded;
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        loaded.qt = true;
    } else {
        delete qt;
    }
    auto *own = new QTranslator(QCoreApplication::instance());
    // No lanwatch translation for this language: the English source with English plural forms.
    if (own->load(locale, QStringLiteral("lanwatch"), QStringLiteral("_"), dir) ||
        own->load(QStringLiteral("lanwatch_en"), dir)) {
        QCoreApplication::installTranslator(own);
        loaded.lanwatch = own->filePath();
    } else {
        delete own;
    }
    return loaded;
}

} // namespace lanwatch::ui
