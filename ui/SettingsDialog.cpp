// The settings form; every field maps to one typed core::Settings value.
#include "ui/SettingsDialog.h"

#include "core/Settings.h"
#include "core/scan/ScanDefaults.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lanwatch::ui {

SettingsDialog::SettingsDialog(core::Settings *settings, QWidget *parent) : QDialog(parent), m_settings(settings)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    auto *scanBox = new QGroupBox(tr("Scanning"), this);
    auto *form = new QFormLayout(scanBox);
    m_timeout = new QSpinBox(scanBox);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(scan::ScanDefaults::MinTimeoutMs, scan::ScanDefaults::MaxTimeoutMs);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setToolTip(tr("Longest wait for a reply before a retry; on a LAN lanwatch adapts it to the measured "
                             "round trip."));
    form->addRow(tr("Reply timeout:"), m_timeout);
    m_retries = new QSpinBox(scanBox);
    m_retries->setObjectName(QStringLiteral("retries"));
    m_retries->setRange(scan::ScanDefaults::MinRetries, scan::ScanDefaults::MaxRetries);
    form->addRow(tr("Retries:"), m_retries);
    m_rate = new QSpinBox(scanBox);
    m_rate->setObjectName(QStringLiteral("rate"));
    // The minimum is the "automatic" special value; every other value is an explicit rate.
    static_assert(scan::ScanDefaults::AutoRatePps == scan::ScanDefaults::MinRatePps - 1);
    m_rate->setRange(scan::ScanDefaults::AutoRatePps, scan::ScanDefaults::MaxRatePps);
    m_rate->setSingleStep(500);
    m_rate->setSuffix(tr(" packets/s"));
    m_rate->setSpecialValueText(
        tr("Automatic (%1 packets/s)").arg(QLocale().toString(scan::ScanDefaults::AutomaticRatePps)));
    form->addRow(tr("Send rate:"), m_rate);
    m_method = new QComboBox(scanBox);
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItem(tr("Automatic"), QStringLiteral("auto"));
    m_method->addItem(tr("ARP only (needs CAP_NET_RAW)"), QStringLiteral("arp"));
    m_method->addItem(tr("ICMP echo only"), QStringLiteral("icmp"));
    m_method->addItem(tr("TCP connect only"), QStringLiteral("tcp"));
    form->addRow(tr("Method:"), m_method);
    m_resolveNames = new QCheckBox(tr("Look up host names (reverse DNS)"), scanBox);
    m_resolveNames->setObjectName(QStringLiteral("resolveNames"));
    form->addRow(m_resolveNames);

    auto *trayBox = new QGroupBox(tr("Window and tray"), this);
    auto *trayLayout = new QVBoxLayout(trayBox);
    m_closeToTray = new QCheckBox(tr("Closing the window keeps lanwatch running in the tray"), trayBox);
    m_closeToTray->setObjectName(QStringLiteral("closeToTray"));
    m_minimizeToTray = new QCheckBox(tr("Minimizing the window hides it in the tray"), trayBox);
    m_minimizeToTray->setObjectName(QStringLiteral("minimizeToTray"));
    trayLayout->addWidget(m_closeToTray);
    trayLayout->addWidget(m_minimizeToTray);

    auto *notifyBox = new QGroupBox(tr("Notifications"), this);
    auto *notifyLayout = new QVBoxLayout(notifyBox);
    const auto addSwitch = [notifyBox, notifyLayout](const QString &text, const char *name) {
        auto *box = new QCheckBox(text, notifyBox);
        box->setObjectName(QLatin1String(name));
        notifyLayout->addWidget(box);
        return box;
    };
    m_notifyNew = addSwitch(tr("A device never seen before appears"), "notifyNew");
    m_notifyWatched = addSwitch(tr("A device marked \"watch\" goes offline or comes back"), "notifyWatched");
    m_notifyConflicts = addSwitch(tr("An address is claimed by another device (possible spoofing) or used by two "
                                     "devices at once"),
                                  "notifyConflicts");
    m_notifySync = addSwitch(tr("A folder sync run fails, is held back or is incomplete"), "notifySync");

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scanBox);
    layout->addWidget(trayBox);
    layout->addWidget(notifyBox);
    layout->addWidget(buttons);

    m_timeout->setValue(settings->scanTimeoutMs());
    m_retries->setValue(settings->scanRetries());
    m_rate->setValue(settings->scanRatePps());
    m_method->setCurrentIndex(std::max(0, m_method->findData(settings->scanMethod())));
    m_resolveNames->setChecked(settings->resolveNames());
    m_closeToTray->setChecked(settings->closeToTray());
    m_minimizeToTray->setChecked(settings->minimizeToTray());
    using Notification = core::Settings::Notification;
    m_notifyNew->setChecked(settings->notifies(Notification::NewDevice));
    m_notifyWatched->setChecked(settings->notifies(Notification::WatchedPresence));
    m_notifyConflicts->setChecked(settings->notifies(Notification::AddressConflict));
    m_notifySync->setChecked(settings->notifies(Notification::SyncProblem));
}

void SettingsDialog::accept()
{
    m_settings->setScanTimeoutMs(m_timeout->value());
    m_settings->setScanRetries(m_retries->value());
    m_settings->setScanRatePps(m_rate->value());
    m_settings->setScanMethod(m_method->currentData().toString());
    m_settings->setResolveNames(m_resolveNames->isChecked());
    m_settings->setCloseToTray(m_closeToTray->isChecked());
    m_settings->setMinimizeToTray(m_minimizeToTray->isChecked());
    using Notification = core::Settings::Notification;
    m_settings->setNotifies(Notification::NewDevice, m_notifyNew->isChecked());
    m_settings->setNotifies(Notification::WatchedPresence, m_notifyWatched->isChecked());
    m_settings->setNotifies(Notification::AddressConflict, m_notifyConflicts->isChecked());
    m_settings->setNotifies(Notification::SyncProblem, m_notifySync->isChecked());
    m_settings->sync();
    QDialog::accept();
}

} // namespace lanwatch::ui
