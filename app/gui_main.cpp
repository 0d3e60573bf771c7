// lanwatch: the desktop dashboard. Parses start-up options, loads the translation for the system
// locale, and shows the main window (or only the tray icon with --minimized).
#include "core/Session.h"
#include "core/Settings.h"
#include "ui/HostTableModel.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/TrayController.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QTimer>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("lanwatch"));
    QApplication::setOrganizationName(QStringLiteral("lanwatch"));
    QApplication::setApplicationVersion(QStringLiteral(LANWATCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("lanwatch"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/lanwatch.svg")));
    // The tray keeps the program alive after the window closes; Quit is explicit (menu or tray).
    QApplication::setQuitOnLastWindowClosed(false);

    // Qt's own texts (OK/Cancel, file dialogs, text fields' menus) and lanwatch's; English plural forms
    // ("1 host", "2 hosts") when lanwatch has no translation for the language.
    const lanwatch::ui::LoadedTranslations translations =
        lanwatch::ui::installTranslations(QLocale(), QStringLiteral(":/i18n"));
    if (!translations.qt && QLocale().language() != QLocale::English && QLocale().language() != QLocale::C)
        qInfo("lanwatch: Qt's own translations for %s are not installed (Debian: qt6-translations-l10n)",
              qPrintable(QLocale().name()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Network monitor: find every host on a subnet, "
                                                                     "keep folder pairs in step."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scanOption(QStringLiteral("scan"),
                                        QApplication::translate("main", "Start a scan of TARGET at once."),
                                        QStringLiteral("TARGET"));
    const QCommandLineOption minimizedOption(QStringLiteral("minimized"),
                                             QApplication::translate("main", "Start in the tray (if there is one)."));
    const QCommandLineOption dumpOption(QStringLiteral("dump-hosts"),
                                        QApplication::translate("main", "Write the hosts table as JSON to FILE after "
                                                                        "each finished scan."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption quitOption(QStringLiteral("quit-after-scan"),
                                        QApplication::translate("main", "Quit when the first scan has finished."));
    const QCommandLineOption settingsOption(QStringLiteral("settings"),
                                            QApplication::translate("main", "Use FILE for the settings instead of "
                                                                            "~/.config/lanwatch/lanwatch.conf."),
                                            QStringLiteral("FILE"));
    parser.addOptions({scanOption, minimizedOption, dumpOption, quitOption, settingsOption});
    parser.process(app);

    std::unique_ptr<lanwatch::core::Settings> settings =
        parser.isSet(settingsOption) ? std::make_unique<lanwatch::core::Settings>(parser.value(settingsOption))
                                     : std::make_unique<lanwatch::core::Settings>();
    // The session owns the engines and outlives the window, which only observes it (the coming agent
    // runs the same session without a window).
    lanwatch::core::Session session(settings.get());
    lanwatch::ui::MainWindow window(&session);
    window.setDumpFile(parser.value(dumpOption));
    window.setQuitAfterScan(parser.isSet(quitOption));

    const bool toTray = parser.isSet(minimizedOption) && window.tray()->isAvailable();
    if (!toTray)
        window.show();
    if (parser.isSet(scanOption)) {
        const QString target = parser.value(scanOption);
        QTimer::singleShot(0, &window, [&window, target] {
            if (const auto r = window.startScan(target); !r.ok()) {
                qCritical("lanwatch: %s", qPrintable(r.error()));
                QCoreApplication::exit(2);
            }
        });
    }
    // Diagnostics for bench/gui-bench.sh: LANWATCH_STALL_LOG=FILE records how long the GUI thread was
    // ever kept from turning its event loop (a 10 ms timer that notes its own lateness).
    // LANWATCH_STALL_TRACE=FILE (bench/monitor-bench.sh) appends "<epoch ms> <worst stall of that second, ms>"
    // once a second, so a bench can read the stalls of one time window (a flood) of a GUI that keeps running.
    QElapsedTimer stallClock;
    qint64 lastTick = 0, worstStall = 0, stallsOver100 = 0, windowStart = 0, windowWorst = 0;
    QTimer stallProbe;
    const QString stallLog = qEnvironmentVariable("LANWATCH_STALL_LOG");
    QFile stallTrace(qEnvironmentVariable("LANWATCH_STALL_TRACE"));
    if (!stallTrace.fileName().isEmpty() && !stallTrace.open(QIODevice::WriteOnly | QIODevice::Append))
        qWarning("lanwatch: cannot write the stall trace %s: %s", qPrintable(stallTrace.fileName()),
                 qPrintable(stallTrace.errorString()));
    if (!stallLog.isEmpty() || stallTrace.isOpen()) {
        stallClock.start();
        stallProbe.setInterval(10);
        QObject::connect(&stallProbe, &QTimer::timeout, [&] {
            const qint64 now = stallClock.elapsed();
            const qint64 late = now - lastTick - 10;
            worstStall = std::max(worstStall, late);
            windowWorst = std::max(windowWorst, late);
            stallsOver100 += late > 100 ? 1 : 0;
            lastTick = now;
            if (stallTrace.isOpen() && now - windowStart >= 1000) {
                stallTrace.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ' ' +
                                 QByteArray::number(windowWorst) + '\n');
                stallTrace.flush();
                windowStart = now;
                windowWorst = 0;
            }
        });
        stallProbe.start();
    }
    if (!stallLog.isEmpty()) {
        QObject::connect(&app, &QApplication::aboutToQuit, [&] {
            QFile out(stallLog);
            if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                out.write(QByteArray("worst_stall_ms ") + QByteArray::number(worstStall) + "\nstalls_over_100ms " +
                          QByteArray::number(stallsOver100) + "\nrows " +
                          QByteArray::number(window.hostModel()->rowCount()) + '\n');
        });
    }
    return QApplication::exec();
}
