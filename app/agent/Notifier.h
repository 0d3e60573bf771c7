// Notifier: the agent's direct notifications for sites without Alertmanager. Each batch of events the monitor
// reports (filtered by kind) becomes one message to the webhook and one mail; a daily report goes out by mail
// at a set local time. Sending runs on core's blocking pool, never in the event loop; a failure is retried
// with back-off and each attempt is logged; giving up is logged too, and nothing of it stops the agent.
#pragma once

#include "agent/Delivery.h"
#include "core/JobLink.h"
#include "core/monitor/DeviceTypes.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTime>

#include <functional>
#include <memory>

class QTimer;

namespace lanwatch::agent {

struct NotifyConfig
{
    std::optional<WebhookTarget> webhook;
    std::optional<MailTarget> mail;
    // Kinds sent at once; "watched" (offline/online of devices marked to watch) is watchOfflineOnline.
    QSet<monitor::EventKind> kinds{monitor::EventKind::NewDevice, monitor::EventKind::IpClaimed,
                                   monitor::EventKind::DuplicateIp};
    bool watched = true;
    std::optional<QTime> dailyReport; // local time; needs mail
    int retries = 5;                  // attempts after the first
    int retryDelaySeconds = 30;       // the first wait; each next one is 4 times longer (at most 1 h)
    bool operator==(const NotifyConfig &) const = default;
    bool isEmpty() const { return !webhook && !mail; }
};

class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    // The daily report's text, made when it is due (the agent reads its inventory and counters).
    using ReportSource = std::function<QString()>;

    explicit Notifier(ReportSource report, QObject *parent = nullptr);
    ~Notifier() override; // cancels transfers in progress (they stop within a second) and pending retries

    void setConfig(const NotifyConfig &config); // pending retries keep their target
    const NotifyConfig &config() const { return m_config; }

    // A batch from Monitor::eventBatch: what passes the filter goes out as one message.
    void notify(const QList<monitor::Event> &events, bool firstSweep);
    void sendDailyReport(); // now (the timer calls it at the configured time)
    QDateTime nextReport() const;

    int pending() const { return int(m_pending.size()); } // deliveries queued, running or waiting to retry

Q_SIGNALS:
    void log(const QString &line);
    void delivered(const QString &what); // after a success (tests wait for it)

private:
    struct Pending
    {
        quint64 id = 0;
        Delivery delivery;
        int attempt = 0; // 1 for the first try
        QTimer *retry = nullptr;
    };
    void enqueue(Delivery delivery);
    void start(quint64 id);
    void finished(quint64 id, const Result<void> &result);
    void scheduleReport();

    ReportSource m_report;
    NotifyConfig m_config;
    QList<Pending> m_pending;
    quint64 m_nextId = 1;
    std::shared_ptr<core::JobLink<Notifier>> m_link;
    QTimer *m_reportTimer;
    QString m_host;
};

} // namespace lanwatch::agent
