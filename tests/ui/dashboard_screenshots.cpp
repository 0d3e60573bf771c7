// Screenshots of the dashboard (hosts with up/down/last-session rows and an error under the target field,
// a host's details, the Folder sync tab with a held-back pair) for people reviewing the GUI (not a test):
// dashboard_screenshots OUTDIR [lanwatch_zh_CN.qm] under xvfb-run or offscreen; LANWATCH_DARK=1 uses a dark
// Fusion palette (file names end in -dark).
#include "core/Session.h"
#include "core/Settings.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncScheduler.h"
#include "ui/HostTableModel.h"
#include "ui/MainWindow.h"
#include "ui/sync/SyncPane.h"

#include "ScreenshotSetup.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QPalette>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdio>

using namespace lanwatch;

namespace {
// Turns the event loop until done() or the time is up (a tool, not a test: no QTest here).
template<typename F> bool waitFor(F done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

scan::HostRecord host(quint32 ip, const char *vendor, const char *name, double rtt, scan::FoundBy by)
{
    scan::HostRecord h;
    h.ip = ip;
    h.mac = scan::macFromString(QStringLiteral("b8:27:eb:00:00:%1").arg(ip & 0xff, 2, 16, QLatin1Char('0')));
    h.vendor = QString::fromUtf8(vendor);
    h.hostname = QString::fromUtf8(name);
    h.rttMs = rtt;
    h.foundBy = by;
    return h;
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTranslator translator;
    QTranslator qtTranslator;
    const auto setup = lanwatch::test::setUpScreenshots("dashboard_screenshots", translator, qtTranslator);
    if (setup.exitCode >= 0)
        return setup.exitCode;
    const QString out = setup.out;
    const QString suffix = setup.suffix;
    QDir().mkpath(out);

    QTemporaryDir tmp;
    const QString src = tmp.filePath(QStringLiteral("photos"));
    const QString dst = tmp.filePath(QStringLiteral("backup/of/the/photos/on/the/second/disk"));
    QDir().mkpath(src);
    QDir().mkpath(dst);
    for (int i = 0; i < 4; ++i) {
        QFile f(dst + QStringLiteral("/kept%1.jpg").arg(i));
        if (!f.open(QIODevice::WriteOnly))
            return 1;
    }
    core::Settings settings(tmp.filePath(QStringLiteral("settings.ini")));
    sync::SyncPair pair = sync::SyncPair::create(src, dst); // an empty source: held back
    pair.delaySeconds = 0;
    pair.pollSeconds = 3600;
    sync::savePairs(settings, {pair});
    core::Session session(&settings);
    ui::MainWindow window(&session);
    ui::HostTableModel *model = window.hostModel();
    model->addOrUpdate(host(0xc0a80101u, "AVM GmbH", "fritz.box", 0.42, scan::FoundBy::Arp));
    model->addOrUpdate(host(0xc0a80114u, "Raspberry Pi Trading Ltd", "pi-hole.lan", 0.61, scan::FoundBy::Arp));
    model->addOrUpdate(host(0xc0a8011eu, "Synology Incorporated", "nas.lan", 0.152, scan::FoundBy::Arp));
    model->addOrUpdate(host(0xc0a80132u, "Apple, Inc.", "", 3.8, scan::FoundBy::Icmp));
    model->addOrUpdate(host(0xc0a80164u, "", "printer.lan", 12.5, scan::FoundBy::Tcp));
    model->flush();
    model->beginScan([](quint32 ip) { return ip == 0xc0a8011eu || ip == 0xc0a80132u; }); // those two were silent
    model->endScan();
    window.resize(1040, 660);
    window.show();
    waitFor([&] { return window.isVisible(); }, 2000);
    auto *target = window.findChild<QComboBox *>(QStringLiteral("target"));
    target->setEditText(QStringLiteral("192.168.1.0/33"));
    waitFor([&] { return session.syncScheduler()->status(pair.id).state == sync::PairState::HeldBack; }, 10000);
    QCoreApplication::processEvents();
    window.grab().save(out + QStringLiteral("/hosts-%1.png").arg(suffix));

    auto *table = window.findChild<QTableView *>(QStringLiteral("hosts"));
    Q_EMIT table->activated(table->model()->index(2, 0)); // the silent NAS
    QMessageBox *details = nullptr;
    waitFor([&] { return (details = window.findChild<QMessageBox *>(QStringLiteral("hostDetails"))) != nullptr; },
            2000);
    if (details) {
        waitFor([&] { return details->isVisible(); }, 2000);
        details->grab().save(out + QStringLiteral("/details-%1.png").arg(suffix));
        details->close();
    }
    window.findChild<QTabWidget *>()->setCurrentWidget(window.syncPane());
    waitFor([&] { return window.syncPane()->isVisible(); }, 2000);
    QCoreApplication::processEvents();
    if (auto *question = window.syncPane()->findChild<QMessageBox *>(QStringLiteral("heldBackQuestion")))
        question->close();
    window.syncPane()->selectRow(0);
    QCoreApplication::processEvents();
    window.grab().save(out + QStringLiteral("/sync-%1.png").arg(suffix));
    std::printf("%s\n", qPrintable(out));
    return 0;
}
