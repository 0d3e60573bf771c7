// Screenshots of the Devices tab, the Events pane and a device's history, on the fixture inventory, for
// people reviewing the GUI (not a test): devicesui_screenshots OUTDIR [zh_CN.qm] under xvfb-run or offscreen;
// LANWATCH_DARK=1 uses a dark Fusion palette (file names end in -dark).
#include "DevicesFixture.h"

#include "ui/monitor/DeviceHistoryDialog.h"
#include "ui/monitor/DevicesTab.h"
#include "ui/monitor/EventsPane.h"

#include "ScreenshotSetup.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QPalette>
#include <QTableView>
#include <QTranslator>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTranslator translator;
    QTranslator qtTranslator;
    const auto setup = lanwatch::test::setUpScreenshots("devicesui_screenshots", translator, qtTranslator);
    if (setup.exitCode >= 0)
        return setup.exitCode;
    const QString out = setup.out;
    const QString suffix = setup.suffix;
    QDir().mkpath(out);

    devicesfixture::Inventory inv;
    if (!inv.fill()) {
        std::fprintf(stderr, "%s\n", qPrintable(inv.error));
        return 1;
    }
    // The fixture's "now" is Nov 21 00:00 UTC: move it to 18:00 with one more sweep so today's row has a day in it.
    inv.now = inv.now.addSecs(18 * 3600);
    inv.sweep({devicesfixture::obs("10.0.0.2", devicesfixture::NasMac, "Synology", "nas",
                                   lanwatch::monitor::NameSource::Dhcp, 3.2),
               devicesfixture::obs("10.0.0.9", devicesfixture::TvMac, "LG Electronics", nullptr,
                                   lanwatch::monitor::NameSource::Dns)});
    inv.store->setKnown(inv.idOf(devicesfixture::NasMac), true);
    inv.store->setNotes(inv.idOf(devicesfixture::NasMac), QStringLiteral("Backups, in the cupboard"));

    lanwatch::ui::DevicesTab tab(inv.store.get());
    tab.resize(1180, 300);
    tab.show();
    tab.selectDevice(inv.idOf(devicesfixture::TvMac));
    QApplication::processEvents();
    tab.grab().save(out + QStringLiteral("/devices-tab-%1.png").arg(suffix));

    lanwatch::ui::EventsPane events(inv.store.get());
    events.resize(900, 260);
    events.show();
    QApplication::processEvents();
    events.grab().save(out + QStringLiteral("/events-pane-%1.png").arg(suffix));

    lanwatch::ui::DeviceHistoryDialog history(inv.store.get(), inv.idOf(devicesfixture::NasMac));
    history.show();
    QApplication::processEvents();
    history.grab().save(out + QStringLiteral("/history-dialog-%1.png").arg(suffix));
    lanwatch::ui::DeviceHistoryDialog phone(inv.store.get(), inv.idOf(devicesfixture::PhoneMac));
    phone.show();
    QApplication::processEvents();
    phone.grab().save(out + QStringLiteral("/history-dialog-phone-%1.png").arg(suffix));
    return 0;
}
