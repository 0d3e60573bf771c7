// Reads everything in reload(); a read that fails shows its message in the dialog and leaves its part empty.
#include "ui/monitor/DeviceHistoryDialog.h"

#include "core/monitor/DeviceStore.h"
#include "ui/monitor/PresenceWeekWidget.h"
#include "ui/monitor/RttChart.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lanwatch::ui {

using namespace lanwatch::monitor;

namespace {
QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}
} // namespace

DeviceHistoryDialog::DeviceHistoryDialog(DeviceStore *store, DeviceId id, QWidget *parent)
    : QDialog(parent), m_store(store), m_id(id), m_summary(new QLabel(this)), m_error(new QLabel(this)),
      m_week(new PresenceWeekWidget(this)), m_rtt(new RttChart(this)),
      m_ips(makeTable({tr("IP address"), tr("First seen"), tr("Last seen"), tr("Until")}, QStringLiteral("ipHistory"),
                      this)),
      m_names(
          makeTable({tr("Name"), tr("Source"), tr("First seen"), tr("Last seen")}, QStringLiteral("namesSeen"), this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *presenceBox = new QGroupBox(tr("Presence, last 7 days"), this);
    (new QVBoxLayout(presenceBox))->addWidget(m_week);
    auto *rttBox = new QGroupBox(tr("Round-trip time, last 7 days (line: average, band: lowest to highest)"), this);
    (new QVBoxLayout(rttBox))->addWidget(m_rtt);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_ips, tr("IP addresses"));
    tabs->addTab(m_names, tr("Names seen"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(presenceBox);
    layout->addWidget(rttBox, 2);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(760, 680);
    reload();
}

QString DeviceHistoryDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void DeviceHistoryDialog::addError(const QString &message)
{
    m_error->setText(m_error->text().isEmpty() ? message : m_error->text() + QLatin1Char('\n') + message);
    m_error->show();
}

void DeviceHistoryDialog::reload()
{
    m_error->clear();
    m_error->hide();
    const QDateTime now = m_store->now();
    // The week rows start at local midnight six days ago; the chart covers the same span.
    const QDateTime from = now.toLocalTime().date().addDays(-(PresenceWeekWidget::Days - 1)).startOfDay().toUTC();

    const Result<std::optional<Device>> device = m_store->device(m_id);
    if (!device) {
        addError(device.error());
        return;
    }
    if (!device->has_value()) {
        setWindowTitle(tr("Device history"));
        addError(tr("This device is no longer in the inventory (it was forgotten or merged into another one)."));
        return;
    }
    const Device &d = **device;
    setWindowTitle(tr("History of %1").arg(d.displayName()));

    QStringList facts;
    facts << (d.kind == DeviceKind::Mac ? d.mac : ipToString(d.keyIp));
    if (!d.vendor.isEmpty())
        facts << d.vendor;
    if (d.online && d.onlineSince.isValid())
        facts << tr("online since %1").arg(when(d.onlineSince));
    else
        facts << tr("offline, last seen %1").arg(when(d.lastSeen));
    if (const Result<PresenceStats> stats = m_store->presenceStats(m_id))
        facts << tr("online %1% of the last 7 days").arg(QLocale().toString(stats->fraction7d * 100, 'f', 0));
    else
        addError(stats.error());
    m_summary->setText(QStringLiteral("<b>%1</b><br>%2")
                           .arg(d.displayName().toHtmlEscaped(), facts.join(QStringLiteral(" · ")).toHtmlEscaped()));

    if (const Result<QList<PresenceSpan>> spans = m_store->presence(m_id, from, now))
        m_week->setPresence(*spans, now);
    else
        addError(spans.error());

    if (const Result<QList<RttPoint>> rtt = m_store->rtt(m_id, from, now))
        m_rtt->setSeries(*rtt, from, now);
    else
        addError(rtt.error());

    m_ips->setRowCount(0);
    if (const Result<QList<IpSpan>> ips = m_store->ipHistory(m_id)) {
        // Newest first: the question is usually "what did it have lately".
        for (qsizetype i = ips->size() - 1; i >= 0; --i) {
            const IpSpan &s = ips->at(i);
            const int row = m_ips->rowCount();
            m_ips->insertRow(row);
            m_ips->setItem(row, 0, new QTableWidgetItem(ipToString(s.ip)));
            m_ips->setItem(row, 1, new QTableWidgetItem(when(s.firstSeen)));
            m_ips->setItem(row, 2, new QTableWidgetItem(when(s.lastSeen)));
            m_ips->setItem(row, 3,
                           new QTableWidgetItem(s.ended.isValid() ? when(s.ended)
                                                : d.online        ? tr("still holds it")
                                                                  : tr("its last known address")));
        }
    } else {
        addError(ips.error());
    }

    m_names->setRowCount(0);
    if (const Result<QList<SeenName>> names = m_store->names(m_id)) {
        for (const SeenName &n : *names) {
            QString source;
            switch (n.source) {
            case NameSource::Dns:
                source = tr("DNS (reverse lookup)");
                break;
            case NameSource::Dhcp:
                source = tr("DHCP (host name the device sent)");
                break;
            case NameSource::Mdns:
                source = tr("mDNS");
                break;
            case NameSource::NetBios:
                source = tr("NetBIOS");
                break;
            }
            const int row = m_names->rowCount();
            m_names->insertRow(row);
            m_names->setItem(row, 0, new QTableWidgetItem(n.locked ? tr("%1 (pinned)").arg(n.name) : n.name));
            m_names->setItem(row, 1, new QTableWidgetItem(source));
            m_names->setItem(row, 2, new QTableWidgetItem(when(n.firstSeen)));
            m_names->setItem(row, 3, new QTableWidgetItem(when(n.lastSeen)));
        }
    } else {
        addError(names.error());
    }
    m_ips->resizeColumnsToContents();
    m_names->resizeColumnsToContents();
}

} // namespace lanwatch::ui
