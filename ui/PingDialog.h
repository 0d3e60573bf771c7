// PingDialog: a small, terminal-free ping of one host from the hosts table: one probe a second (the scan
// engine's ARP/ICMP/TCP, as the settings choose), each round trip listed as it comes, with sent/received
// and min/avg/max. Stops when closed.
#pragma once

#include "core/scan/ScanTypes.h"

#include <QDialog>
#include <QTimer>

class QLabel;
class QListWidget;
class QPushButton;

namespace lanwatch::scan {
class ScanEngine;
}

namespace lanwatch::ui {

class PingDialog final : public QDialog
{
    Q_OBJECT

public:
    // options: the session's scan options (method, ports, timeout); names are not looked up.
    PingDialog(quint32 ip, const lanwatch::scan::ScanOptions &options, QWidget *parent = nullptr);
    ~PingDialog() override;

    void setInterval(int ms) { m_timer.setInterval(ms); } // tests: faster than once a second
    int sent() const { return m_sent; }
    int received() const { return m_received; }
    QStringList lines() const;

private:
    void probe();
    void onFinished();
    void updateSummary();

    quint32 m_ip;
    lanwatch::scan::ScanOptions m_options;
    // A short-lived engine of the dialog's own: the session's engine may be busy with a scan, and a ping
    // must neither wait for it nor show up in the hosts table.
    lanwatch::scan::ScanEngine *m_engine;
    QTimer m_timer;
    QListWidget *m_list;
    QLabel *m_summary;
    QPushButton *m_pause;
    int m_sent = 0;
    int m_received = 0;
    double m_min = 0, m_max = 0, m_sum = 0;
    double m_rtt = -1; // this probe's answer, < 0 while none
    bool m_answered = false;
};

} // namespace lanwatch::ui
