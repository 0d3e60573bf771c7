// Translations: loads what the UI's language needs: Qt's own catalogue (OK/Cancel, file dialogs; Debian's
// qt6-translations-l10n) and lanwatch's, or lanwatch's English plural forms when there is none for it.
#pragma once

#include <QLocale>
#include <QString>

namespace lanwatch::ui {

struct LoadedTranslations
{
    bool qt = false;  // qtbase_<lang>.qm from QLibraryInfo::TranslationsPath
    QString lanwatch; // the lanwatch_*.qm installed ("" when none)
};

// Installs the translators on the application (they live as long as it does). dir holds lanwatch_*.qm
// (":/i18n" in the binary).
LoadedTranslations installTranslations(const QLocale &locale, const QString &dir);

} // namespace lanwatch::ui
