// What the screenshot tools share: their arguments (OUTDIR [lanwatch_zh_CN.qm]), the Chinese catalogues
// (lanwatch's and Qt's own) and, with LANWATCH_DARK=1, a dark Fusion palette.
#pragma once

#include <QApplication>
#include <QColor>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStringList>
#include <QTranslator>

#include <cstdio>

namespace lanwatch::test {

struct ScreenshotSetup
{
    QString out;    // where the PNGs go
    QString suffix; // en | zh_CN, with -dark
    int exitCode = -1; // >= 0: the arguments were wrong, the tool exits with it
};

// The translators must outlive the application's use of them: the caller owns both.
inline ScreenshotSetup setUpScreenshots(const char *tool, QTranslator &ours, QTranslator &qts)
{
    ScreenshotSetup s;
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: %s OUTDIR [lanwatch_zh_CN.qm]\n", tool);
        s.exitCode = 2;
        return s;
    }
    s.out = args.at(1);
    s.suffix = QStringLiteral("en");
    if (args.size() > 2) {
        if (!ours.load(args.at(2))) {
            std::fprintf(stderr, "cannot load %s\n", qPrintable(args.at(2)));
            s.exitCode = 1;
            return s;
        }
        QApplication::installTranslator(&ours);
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        if (qts.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qts);
        s.suffix = QStringLiteral("zh_CN");
    }
    if (qEnvironmentVariableIntValue("LANWATCH_DARK")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
            p.setColor(role, QColor(0xe0, 0xe0, 0xe0));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        QApplication::setPalette(p);
        s.suffix += QStringLiteral("-dark");
    }
    return s;
}

} // namespace lanwatch::test
