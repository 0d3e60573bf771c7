// The monitor's GUI (offscreen) on a real inventory file: the device and event models under
// QAbstractItemModelTester, numeric IP sort, filters, in-place edits reaching the store (and the store's
// refusals shown), forget after the question, reload by diff (selection kept, no reset), the presence strip's
// pixels at known hours, the events pane's kind filter, seen-marking and device link, the history dialog, and
// colours that stay readable on a dark palette.
#include "PaletteCheck.h"
#include "DevicesFixture.h"

#include "ui/monitor/DeviceFilterProxy.h"
#include "ui/monitor/DeviceHistoryDialog.h"
#include "ui/monitor/DeviceTableModel.h"
#include "ui/monitor/DevicesTab.h"
#include "ui/monitor/EventFilterProxy.h"
#include "ui/monitor/EventTableModel.h"
#include "ui/monitor/EventsPane.h"
#include "ui/monitor/PresenceStripDelegate.h"
#include "ui/monitor/PresenceWeekWidget.h"
#include "ui/monitor/RttChart.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include <cmath>

using namespace lanwatch;
using namespace lanwatch::monitor;
using namespace devicesfixture;
using lanwatch::ui::DeviceTableModel;
using lanwatch::ui::EventTableModel;

namespace {
using lanwatch::test::contrast;
using lanwatch::test::darkPalette;
QStringList column(const QAbstractItemModel *model, int c, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int r = 0; r < model->rowCount(); ++r)
        values << model->index(r, c).data(role).toString();
    return values;
}
QMessageBox *visibleQuestion(QWidget *parent)
{
    for (QMessageBox *box : parent->findChildren<QMessageBox *>(QStringLiteral("forgetQuestion")))
        if (box->isVisible())
            return box;
    return nullptr;
}
QPoint cellCenter(QTableView *view, int proxyRow, int col)
{
    return view->visualRect(view->model()->index(proxyRow, col)).center();
}
int proxyRowOf(QAbstractItemModel *proxy, DeviceId id)
{
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, 0).data(DeviceTableModel::IdRole).value<DeviceId>() == id)
            return r;
    return -1;
}
} // namespace

class TstDevicesUi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Inventory> m_inv;

private Q_SLOTS:
    void init()
    {
        m_inv = std::make_unique<Inventory>();
        QVERIFY2(m_inv->fill(), qPrintable(m_inv->error));
        QCOMPARE(m_inv->store->devices().value().size(), 4);
    }
    void cleanup() { m_inv.reset(); }

    void deviceModelUnderTester()
    {
        DeviceTableModel model(m_inv->store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ui::DeviceFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(DeviceTableModel::LastSeen);
        QCOMPARE(model.rowCount(), 4);
        // What the rows say: the names the user would read, known/new, online/offline.
        const int phone = model.rowOf(m_inv->idOf(PhoneMac));
        QCOMPARE(model.index(phone, DeviceTableModel::Name).data().toString(), QStringLiteral("phone"));
        QCOMPARE(model.index(phone, DeviceTableModel::Online).data().toString(), QStringLiteral("offline"));
        QCOMPARE(model.index(phone, DeviceTableModel::Known).data().toString(), QStringLiteral("new"));
        QVERIFY(!model.index(phone, DeviceTableModel::Mac).data(Qt::ToolTipRole).toString().isEmpty()); // randomized
        const int tv = model.rowOf(m_inv->idOf(TvMac));
        QCOMPARE(model.index(tv, DeviceTableModel::Name).data().toString(), QStringLiteral("LG Electronics"));
        QCOMPARE(model.index(tv, DeviceTableModel::Online).data().toString(), QStringLiteral("online"));
        const int printer = model.rowOf(m_inv->idOf(PrinterMac));
        QCOMPARE(model.index(printer, DeviceTableModel::Ip).data().toString(), QStringLiteral("10.0.0.200"));
        // Changes the tester watches: an insert, an edit, a check, a forget.
        m_inv->now = m_inv->now.addSecs(600);
        QVERIFY(m_inv->sweep({obs("10.0.0.50", "00:16:3e:00:00:05", "Apple", "mac", NameSource::Mdns)}));
        QVERIFY(model.reload());
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.setData(model.index(tv, DeviceTableModel::Name), QStringLiteral("Living room TV")));
        QVERIFY(model.setData(model.index(tv, DeviceTableModel::Known), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.index(tv, DeviceTableModel::Known).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        const DeviceId printerId = m_inv->idOf(PrinterMac);
        QVERIFY(model.forget({printerId}));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOf(printerId), -1);
        QVERIFY(!m_inv->store->device(printerId).value().has_value());
    }

    void ipSortsNumerically()
    {
        ui::DevicesTab tab(m_inv->store.get());
        QTableView *view = tab.view();
        view->sortByColumn(DeviceTableModel::Ip, Qt::AscendingOrder);
        const QStringList expected{QStringLiteral("10.0.0.2"), QStringLiteral("10.0.0.9"), QStringLiteral("10.0.0.10"),
                                   QStringLiteral("10.0.0.200")};
        QCOMPARE(column(tab.proxy(), DeviceTableModel::Ip), expected);
        view->sortByColumn(DeviceTableModel::Ip, Qt::DescendingOrder);
        QStringList reversed = expected;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(column(tab.proxy(), DeviceTableModel::Ip), reversed);
        // First seen by value: the phone joined last (06:00), the others at 00:00 (ties keep IP order).
        view->sortByColumn(DeviceTableModel::FirstSeen, Qt::DescendingOrder);
        QCOMPARE(tab.proxy()->index(0, DeviceTableModel::Name).data().toString(), QStringLiteral("phone"));
    }

    void filters()
    {
        ui::DevicesTab tab(m_inv->store.get());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QVERIFY(m_inv->store->setKnown(m_inv->idOf(NasMac), true));
        tab.reload();
        auto *filter = tab.findChild<QLineEdit *>(QStringLiteral("deviceFilter"));
        QTest::keyClicks(filter, QStringLiteral("brother")); // the vendor
        QCOMPARE(column(tab.proxy(), DeviceTableModel::Name), QStringList{QStringLiteral("printer")});
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("3e:00:00:03")); // part of a MAC
        QCOMPARE(column(tab.proxy(), DeviceTableModel::Name), QStringList{QStringLiteral("LG Electronics")});
        filter->clear();
        QCOMPARE(tab.proxy()->rowCount(), 4);
        const auto box = [&](const QString &text) {
            for (QCheckBox *b : tab.findChildren<QCheckBox *>())
                if (b->text().remove(QLatin1Char('&')) == text)
                    return b;
            return static_cast<QCheckBox *>(nullptr);
        };
        QTest::mouseClick(box(QStringLiteral("New")), Qt::LeftButton); // hide the new ones
        QCOMPARE(column(tab.proxy(), DeviceTableModel::Name), QStringList{QStringLiteral("nas")});
        QTest::mouseClick(box(QStringLiteral("New")), Qt::LeftButton);
        QTest::mouseClick(box(QStringLiteral("Known")), Qt::LeftButton); // hide the known one
        QCOMPARE(tab.proxy()->rowCount(), 3);
        QTest::mouseClick(box(QStringLiteral("Online only")), Qt::LeftButton); // and the offline phone
        QStringList names = column(tab.proxy(), DeviceTableModel::Name);
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("LG Electronics"), QStringLiteral("printer")}));
        // The device link from the events pane clears filters that would hide its target.
        QVERIFY(tab.selectDevice(m_inv->idOf(PhoneMac)));
        QCOMPARE(tab.selectedDevices(), QList<DeviceId>{m_inv->idOf(PhoneMac)});
        QCOMPARE(tab.proxy()->rowCount(), 4);
    }

    void nameAndNotesEditedInPlace()
    {
        ui::DevicesTab tab(m_inv->store.get());
        tab.resize(1100, 400);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QTableView *view = tab.view();
        const DeviceId tv = m_inv->idOf(TvMac);
        const int row = proxyRowOf(tab.proxy(), tv);
        // Double-click the name: an editor with the shown name; type a new one, Enter.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cellCenter(view, row, DeviceTableModel::Name));
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cellCenter(view, row, DeviceTableModel::Name));
        auto *editor = view->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        QCOMPARE(editor->text(), QStringLiteral("LG Electronics"));
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Living room TV"));
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits on a queued call: wait for the store to have it.
        QTRY_COMPARE(m_inv->store->device(tv).value()->customName, QStringLiteral("Living room TV"));
        QCOMPARE(tab.proxy()->index(proxyRowOf(tab.proxy(), tv), DeviceTableModel::Name).data().toString(),
                 QStringLiteral("Living room TV"));
        // Notes with F2 on the current cell.
        const int notesRow = proxyRowOf(tab.proxy(), tv);
        view->setCurrentIndex(tab.proxy()->index(notesRow, DeviceTableModel::Notes));
        QTest::keyClick(view, Qt::Key_F2);
        editor = view->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("behind the sofa"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_inv->store->device(tv).value()->notes, QStringLiteral("behind the sofa"));
        // A device another program forgot meanwhile: the store refuses, the tab says so, nothing is lost silently.
        const DeviceId nas = m_inv->idOf(NasMac);
        QVERIFY(m_inv->store->forgetDevice(nas));
        auto *error = tab.findChild<QLabel *>(QStringLiteral("errorLabel"));
        QVERIFY(error->isHidden());
        QVERIFY(!tab.model()->setData(tab.model()->index(tab.model()->rowOf(nas), DeviceTableModel::Name),
                                      QStringLiteral("gone")));
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(m_inv->store->path()), qPrintable(error->text()));
    }

    void forgetAsksFirst()
    {
        ui::DevicesTab tab(m_inv->store.get());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const DeviceId phone = m_inv->idOf(PhoneMac);
        QVERIFY(tab.selectDevice(phone));
        tab.forgetSelected();
        QMessageBox *box = visibleQuestion(&tab);
        QVERIFY(box);
        QVERIFY(box->informativeText().contains(QStringLiteral("phone")));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(!visibleQuestion(&tab));
        QCOMPARE(tab.model()->rowCount(), 4);
        QVERIFY(m_inv->store->device(phone).value().has_value());

        tab.forgetSelected();
        box = visibleQuestion(&tab);
        QVERIFY(box);
        QPushButton *forget = nullptr;
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                forget = qobject_cast<QPushButton *>(b);
        QVERIFY(forget);
        QTest::mouseClick(forget, Qt::LeftButton);
        QTRY_COMPARE(tab.model()->rowCount(), 3);
        QCOMPARE(tab.model()->rowOf(phone), -1);
        QVERIFY(!m_inv->store->device(phone).value().has_value());
    }

    // The phone and the TV picked together (say, a phone's two private MACs): Merge asks, Cancel changes
    // nothing, Merge leaves one row, and the absorbed MAC now finds the kept device.
    void mergeAsksThenJoinsTwoDevices()
    {
        ui::DevicesTab tab(m_inv->store.get());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const DeviceId phone = m_inv->idOf(PhoneMac);
        const DeviceId tv = m_inv->idOf(TvMac);
        auto *merge = tab.findChild<QAction *>(QStringLiteral("mergeDevices"));
        QVERIFY(merge);
        QVERIFY(tab.selectDevice(phone));
        QVERIFY(!merge->isEnabled()); // one device: nothing to merge
        const QModelIndex tvIndex = tab.proxy()->mapFromSource(tab.model()->index(tab.model()->rowOf(tv), 0));
        tab.view()->selectionModel()->select(tvIndex, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(merge->isEnabled());
        const auto question = [&tab]() -> QMessageBox * {
            for (QMessageBox *box : tab.findChildren<QMessageBox *>(QStringLiteral("mergeQuestion")))
                if (box->isVisible())
                    return box;
            return nullptr;
        };
        merge->trigger();
        QMessageBox *box = question();
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(!question());
        QCOMPARE(tab.model()->rowCount(), 4);
        merge->trigger();
        box = question();
        QVERIFY(box);
        QPushButton *accept = nullptr;
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::AcceptRole)
                accept = qobject_cast<QPushButton *>(b);
        QVERIFY(accept);
        QTest::mouseClick(accept, Qt::LeftButton);
        QTRY_COMPARE(tab.model()->rowCount(), 3);
        const auto found = m_inv->store->deviceByMac(QString::fromLatin1(TvMac));
        QVERIFY(found.ok() && found.value());
        QCOMPARE(found.value()->id, phone);
        QCOMPARE(tab.model()->rowOf(tv), -1);
    }

    // Watch on the selected devices reaches the store (offline/online notifications depend on it) and
    // the action shows the state of the selection; a second click stops watching.
    void watchTogglesTheStoreFlag()
    {
        ui::DevicesTab tab(m_inv->store.get());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const DeviceId nas = m_inv->idOf(NasMac);
        auto *watch = tab.findChild<QAction *>(QStringLiteral("watchDevices"));
        QVERIFY(watch);
        QVERIFY(tab.selectDevice(nas));
        QVERIFY(watch->isEnabled());
        QVERIFY(!watch->isChecked());
        watch->trigger();
        QVERIFY(m_inv->store->device(nas).value()->watch);
        QVERIFY(watch->isChecked());
        watch->trigger();
        QVERIFY(!m_inv->store->device(nas).value()->watch);
        QVERIFY(!watch->isChecked());
    }

    void reloadDiffsAndKeepsSelection()
    {
        ui::DevicesTab tab(m_inv->store.get());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QAbstractItemModelTester tester(tab.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const DeviceId tv = m_inv->idOf(TvMac);
        QVERIFY(tab.selectDevice(tv));
        QSignalSpy reset(tab.model(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy inserted(tab.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(tab.model(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(tab.model(), &QAbstractItemModel::dataChanged);

        // Nothing changed: nothing is signalled.
        tab.reload();
        QCOMPARE(reset.size() + inserted.size() + removed.size() + changed.size(), 0);

        // Next sweep: two new devices, the phone back, the printer forgotten by another view.
        m_inv->now = m_inv->now.addSecs(300);
        QVERIFY(m_inv->store->forgetDevice(m_inv->idOf(PrinterMac)));
        QVERIFY(m_inv->sweep({obs("10.0.0.2", NasMac, "Synology", "nas", NameSource::Dhcp, 1.5),
                              obs("10.0.0.10", PhoneMac, "", "phone", NameSource::Dns, 20.0),
                              obs("10.0.0.9", TvMac, "LG Electronics", nullptr, NameSource::Dns),
                              obs("10.0.0.60", "00:16:3e:00:00:06", "Apple", nullptr, NameSource::Dns),
                              obs("10.0.0.61", "00:16:3e:00:00:07", "Apple", nullptr, NameSource::Dns)}));
        tab.reload();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1); // one batch for both new devices
        QCOMPARE(inserted.at(0).at(2).toInt() - inserted.at(0).at(1).toInt(), 1);
        QVERIFY(!changed.isEmpty());
        for (const QList<QVariant> &args : std::as_const(changed))
            QVERIFY(!args.at(2).value<QList<int>>().isEmpty()); // explicit roles
        QCOMPARE(tab.model()->rowCount(), 5);
        QCOMPARE(tab.selectedDevices(), QList<DeviceId>{tv});
        const int phone = tab.model()->rowOf(m_inv->idOf(PhoneMac));
        QCOMPARE(tab.model()->index(phone, DeviceTableModel::Online).data().toString(), QStringLiteral("online"));
    }

    void presenceStripPixels_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void presenceStripPixels()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : QPalette(Qt::white);
        DeviceTableModel model(m_inv->store.get());
        ui::PresenceStripDelegate delegate;
        // 24 h over a 240-pixel bar: the delegate leaves 3 pixels either side and 4 above and below.
        const auto render = [&](DeviceId id) {
            QImage image(246, 24, QImage::Format_ARGB32);
            image.fill(palette.color(QPalette::Base));
            QPainter painter(&image);
            QStyleOptionViewItem option;
            option.rect = image.rect();
            option.palette = palette;
            option.state = QStyle::State_Enabled;
            delegate.paint(&painter, option, model.index(model.rowOf(id), DeviceTableModel::Presence));
            painter.end();
            return image;
        };
        const auto at = [](const QImage &image, double hour) { return image.pixelColor(3 + int(hour * 10), 14).rgb(); };
        const QRgb online = DeviceTableModel::onlineColor(palette).rgb();
        const QRgb track = ui::PresenceStripDelegate::trackColor(palette).rgb();
        // The phone: online 06:00-12:00 (the strip spans the 24 h before "now", 00:00 to 24:00).
        const QImage phone = render(m_inv->idOf(PhoneMac));
        for (double h : {6.5, 9.0, 11.5})
            QCOMPARE(at(phone, h), online);
        for (double h : {1.0, 5.5, 12.5, 18.0, 23.5})
            QCOMPARE(at(phone, h), track);
        // The NAS: online the whole day.
        const QImage nas = render(m_inv->idOf(NasMac));
        for (double h : {0.5, 9.0, 18.0, 23.5})
            QCOMPARE(at(nas, h), online);
        // Readable: the filled part stands out from the empty part and from the cell's background.
        QVERIFY2(contrast(QColor(online), QColor(track)) >= 3.0,
                 qPrintable(QString::number(contrast(QColor(online), QColor(track)))));
        QVERIFY(contrast(QColor(online), palette.color(QPalette::Base)) >= 3.0);
        QVERIFY(QColor(track) != palette.color(QPalette::Base));
    }

    void stateColoursReadable_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void stateColoursReadable()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : QPalette(Qt::white);
        const QColor base = palette.color(QPalette::Base);
        for (const QColor &c :
             {DeviceTableModel::onlineColor(palette), DeviceTableModel::newDeviceColor(palette),
              EventTableModel::alertColor(EventKind::DuplicateIp, palette), ui::RttChart::lineColor(palette)}) {
            QVERIFY(c.isValid());
            QVERIFY2(contrast(c, base) >= 3.0,
                     qPrintable(QStringLiteral("%1 on %2: %3").arg(c.name(), base.name()).arg(contrast(c, base))));
        }
        // The model hands out the colour of the application's palette, so a dark theme gets the light variant.
        const QPalette before = QGuiApplication::palette();
        QApplication::setPalette(palette);
        DeviceTableModel model(m_inv->store.get());
        const int tv = model.rowOf(m_inv->idOf(TvMac));
        const QColor shown = model.index(tv, DeviceTableModel::Online).data(Qt::ForegroundRole).value<QBrush>().color();
        QApplication::setPalette(before);
        QCOMPARE(shown, DeviceTableModel::onlineColor(palette));
    }

    void eventsPane()
    {
        ui::EventsPane pane(m_inv->store.get());
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(pane.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // 4 new devices, the printer's IP change and then the phone offline (both at 13:00); newest first.
        QCOMPARE(pane.proxy()->rowCount(), 6);
        QCOMPARE(EventKind(pane.proxy()->index(0, 0).data(EventTableModel::KindRole).toInt()), EventKind::Offline);
        QCOMPARE(EventKind(pane.proxy()->index(1, 0).data(EventTableModel::KindRole).toInt()), EventKind::IpChanged);
        QCOMPARE(EventKind(pane.proxy()->index(5, 0).data(EventTableModel::KindRole).toInt()), EventKind::NewDevice);
        QVERIFY(pane.proxy()
                    ->index(1, EventTableModel::Description)
                    .data()
                    .toString()
                    .contains(QStringLiteral("10.0.0.200")));
        QCOMPARE(m_inv->store->unseenEventCount().value(), 6);
        QVERIFY(pane.proxy()->index(0, 0).data(EventTableModel::BoldRole).toBool());

        // Filter by kind: the combo has every kind.
        QComboBox *kind = pane.kindCombo();
        QCOMPARE(kind->count(), int(allEventKinds().size()) + 1);
        kind->setCurrentIndex(kind->findData(int(EventKind::NewDevice)));
        QCOMPARE(pane.proxy()->rowCount(), 4);
        // Named as the Devices tab names them (the nameless TV by its vendor).
        QStringList devices = column(pane.proxy(), EventTableModel::Device);
        devices.sort();
        QCOMPARE(devices, (QStringList{QStringLiteral("LG Electronics"), QStringLiteral("nas"), QStringLiteral("phone"),
                                       QStringLiteral("printer")}));
        kind->setCurrentIndex(kind->findData(int(EventKind::Offline)));
        QCOMPARE(pane.proxy()->rowCount(), 1);
        QCOMPARE(pane.proxy()->index(0, EventTableModel::Device).data().toString(), QStringLiteral("phone"));

        // Shown: seen in the store (the tray calms down) but bold while the user looks.
        QSignalSpy unseen(&pane, &ui::EventsPane::unseenCountChanged);
        pane.resize(900, 300);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QCOMPARE(m_inv->store->unseenEventCount().value(), 0);
        QCOMPARE(unseen.last().at(0).toInt(), 0);
        QVERIFY(pane.proxy()->index(0, 0).data(EventTableModel::BoldRole).toBool());

        // The device link: double-click a row.
        QSignalSpy show(&pane, &ui::EventsPane::showDevice);
        const QPoint p = pane.view()->visualRect(pane.proxy()->index(0, EventTableModel::Device)).center();
        // QTest's double-click is only the second click's events: send the first click too, as a hand does.
        QTest::mouseClick(pane.view()->viewport(), Qt::LeftButton, {}, p);
        QTest::mouseDClick(pane.view()->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(show.size(), 1);
        QCOMPARE(show.at(0).at(0).value<DeviceId>(), m_inv->idOf(PhoneMac));

        // Minimised (as when lanwatch sits in the taskbar): what arrives now is not seen.
        pane.showMinimized();
        QTRY_VERIFY(!pane.proxy()->index(0, 0).data(EventTableModel::BoldRole).toBool());
        m_inv->now = m_inv->now.addSecs(30);
        QVERIFY(m_inv->sweep({obs("10.0.0.71", "00:16:3e:00:00:09", "Apple", "watch", NameSource::Mdns)}));
        pane.reload();
        QCOMPARE(pane.unseenCount(), 1);
        QVERIFY(m_inv->store->markAllEventsSeen());

        pane.hide();
        QVERIFY(!pane.proxy()->index(0, 0).data(EventTableModel::BoldRole).toBool());

        // While hidden a new device arrives: unseen and bold; "Mark all seen" settles both.
        kind->setCurrentIndex(0);
        m_inv->now = m_inv->now.addSecs(60);
        QVERIFY(m_inv->sweep({obs("10.0.0.70", "00:16:3e:00:00:08", "Apple", "ipad", NameSource::Mdns)}));
        pane.reload();
        QCOMPARE(unseen.last().at(0).toInt(), 1);
        QCOMPARE(pane.proxy()->rowCount(), 8);
        QVERIFY(pane.proxy()->index(0, 0).data(EventTableModel::BoldRole).toBool());
        QVERIFY(!pane.proxy()->index(1, 0).data(EventTableModel::BoldRole).toBool());
        pane.markAllSeenAction()->trigger();
        QCOMPARE(m_inv->store->unseenEventCount().value(), 0);
        QCOMPARE(unseen.last().at(0).toInt(), 0);
        QVERIFY(!pane.proxy()->index(0, 0).data(EventTableModel::BoldRole).toBool());
    }

    void historyDialog()
    {
        ui::DeviceHistoryDialog dialog(m_inv->store.get(), m_inv->idOf(PhoneMac));
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QVERIFY(dialog.windowTitle().contains(QStringLiteral("phone")));
        // 7 day rows, oldest first: the phone was out except 06:00-12:00 on Nov 20 (now is Nov 21, 00:00 UTC).
        const QList<ui::PresenceStrip> days = dialog.presenceWidget()->days();
        QCOMPARE(days.size(), 7);
        QCOMPARE(days.first().from, QDateTime(QDate(2026, 11, 15), QTime(0, 0), Qt::UTC));
        QCOMPARE(days.last().from, QDateTime(QDate(2026, 11, 21), QTime(0, 0), Qt::UTC));
        for (int d = 0; d < 7; ++d)
            QCOMPARE(days.at(d).spans.size(), d == 5 ? 1 : 0);
        QCOMPARE(days.at(5).spans.first().from, m_inv->start.addSecs(6 * 3600));
        QCOMPARE(days.at(5).spans.first().to, m_inv->start.addSecs(12 * 3600));
        // RTT: one 5-minute bucket per sweep it answered (06:00..12:00).
        QCOMPARE(dialog.rttChart()->pointCount(), 7);
        QCOMPARE(dialog.nameTable()->rowCount(), 1);
        QCOMPARE(dialog.nameTable()->item(0, 0)->text(), QStringLiteral("phone"));
        QVERIFY(dialog.nameTable()->item(0, 1)->text().startsWith(QStringLiteral("DNS")));

        // The NAS answered every sweep; the printer's two addresses, newest first.
        ui::DeviceHistoryDialog nas(m_inv->store.get(), m_inv->idOf(NasMac));
        QCOMPARE(nas.rttChart()->pointCount(), Sweeps);
        QVERIFY(nas.nameTable()->item(0, 1)->text().startsWith(QStringLiteral("DHCP")));
        ui::DeviceHistoryDialog printer(m_inv->store.get(), m_inv->idOf(PrinterMac));
        QCOMPARE(printer.ipTable()->rowCount(), 2);
        QCOMPARE(printer.ipTable()->item(0, 0)->text(), QStringLiteral("10.0.0.200"));
        QCOMPARE(printer.ipTable()->item(1, 0)->text(), QStringLiteral("10.0.0.100"));
        QVERIFY(!printer.ipTable()->item(1, 3)->text().isEmpty());

        // Painted: the week's phone row has online pixels at 09:00 on Nov 20 and none at 18:00.
        dialog.resize(800, 700);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        ui::PresenceWeekWidget *week = dialog.presenceWidget();
        const QImage image = week->grab().toImage();
        const QRect row = week->stripRect(5);
        const qreal dpr = image.devicePixelRatio();
        const auto at = [&](double hour) {
            return image.pixelColor(int((row.left() + hour / 24 * row.width()) * dpr), int(row.center().y() * dpr))
                .rgb();
        };
        QCOMPARE(at(9), DeviceTableModel::onlineColor(week->palette()).rgb());
        QCOMPARE(at(18), ui::PresenceStripDelegate::trackColor(week->palette()).rgb());

        // The tab opens it on a double-click outside the editable cells.
        ui::DevicesTab tab(m_inv->store.get());
        tab.resize(1100, 400);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const int r = proxyRowOf(tab.proxy(), m_inv->idOf(NasMac));
        QTest::mouseClick(tab.view()->viewport(), Qt::LeftButton, {}, cellCenter(tab.view(), r, DeviceTableModel::Mac));
        QTest::mouseDClick(tab.view()->viewport(), Qt::LeftButton, {},
                           cellCenter(tab.view(), r, DeviceTableModel::Mac));
        const auto opened = tab.findChildren<ui::DeviceHistoryDialog *>();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first()->deviceId(), m_inv->idOf(NasMac));
    }
};

QTEST_MAIN(TstDevicesUi)
#include "tst_devicesui.moc"
