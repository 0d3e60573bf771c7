// Notifier: batches become messages; deliveries are jobs on core's blocking pool that report back through
// a JobLink; retries and the daily report are timers in the owner's thread.
#include "agent/Notifier.h"

#include "core/ThreadPool.h"
#include "core/monitor/InventoryJson.h"

#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRunnable>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace lanwatch::agent {

using namespace lanwatch::monitor;

namespace {

class DeliveryJob final : public QRunnable
{
public:
    DeliveryJob(std::shared_ptr<core::JobLink<Notifier>> link, Delivery delivery, quint64 id,
                std::function<void(Notifier *, quint64, const Result<void> &)> done)
        : m_link(std::move(link)), m_delivery(std::move(delivery)), m_id(id), m_done(std::move(done))
    {
        setAutoDelete(true);
    }
    void run() override
    {
        if (m_link->cancel)
            return;
        const Result<void> result = deliver(m_delivery, m_link->cancel);
        auto link = m_link;
        m_link->post([link, id = m_id, result, done = m_done] {
            if (Notifier *owner = link->owner())
                done(owner, id, result);
        });
    }

private:
    std::shared_ptr<core::JobLink<Notifier>> m_link;
    Delivery m_delivery;
    quint64 m_id;
    std::function<void(Notifier *, quint64, const Result<void> &)> m_done;
};

} // namespace

Notifier::Notifier(ReportSource report, QObject *parent)
    : QObject(parent), m_report(std::move(report)), m_link(std::make_shared<core::JobLink<Notifier>>(this)),
      m_reportTimer(new QTimer(this)), m_host(QHostInfo::localHostName())
{
    m_reportTimer->setSingleShot(true);
    m_reportTimer->setTimerType(Qt::VeryCoarseTimer);
    connect(m_reportTimer, &QTimer::timeout, this, [this] {
        sendDailyReport();
        scheduleReport();
    });
}

Notifier::~Notifier()
{
    m_link->cancel = true;
    m_link->detach();
}

void Notifier::setConfig(const NotifyConfig &config)
{
    m_config = config;
    scheduleReport();
}

QDateTime Notifier::nextReport() const
{
    if (!m_config.dailyReport || !m_config.mail)
        return {};
    const QDateTime now = QDateTime::currentDateTime();
    QDateTime at(now.date(), *m_config.dailyReport);
    if (at <= now)
        at = at.addDays(1);
    return at;
}

void Notifier::scheduleReport()
{
    m_reportTimer->stop();
    const QDateTime at = nextReport();
    if (!at.isValid())
        return;
    // Re-armed after each report, so a clock change or DST shifts at most one report.
    m_reportTimer->start(int(std::clamp<qint64>(QDateTime::currentDateTime().msecsTo(at), 0, 24LL * 3600 * 1000)));
}

void Notifier::notify(const QList<Event> &events, bool firstSweep)
{
    if (m_config.isEmpty())
        return;
    QList<Event> chosen;
    for (const Event &e : events) {
        const bool presence = e.kind == EventKind::Offline || e.kind == EventKind::Online;
        if (m_config.kinds.contains(e.kind) || (presence && m_config.watched && e.watch))
            chosen.append(e);
    }
    if (chosen.isEmpty())
        return;
    QString subject;
    if (chosen.size() == 1)
        subject = chosen.first().describe();
    else if (firstSweep &&
             std::all_of(chosen.cbegin(), chosen.cend(), [](const Event &e) { return e.kind == EventKind::NewDevice; }))
        subject = QStringLiteral("First sweep found %1 devices").arg(chosen.size());
    else
        subject = QStringLiteral("%1 events").arg(chosen.size());
    subject = QStringLiteral("lanwatch on %1: %2").arg(m_host, subject);
    QString text;
    QJsonArray list;
    for (const Event &e : std::as_const(chosen)) {
        text +=
            e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss ")) + e.describe() + QLatin1Char('\n');
        list.append(eventJson(e, firstSweep));
    }
    if (m_config.webhook) {
        Delivery d;
        d.kind = Delivery::Kind::Webhook;
        d.webhook = *m_config.webhook;
        d.subject = subject;
        switch (d.webhook.format) {
        case WebhookTarget::Format::Json:
            d.body = QJsonDocument(QJsonObject{{QStringLiteral("host"), m_host},
                                               {QStringLiteral("summary"), subject},
                                               {QStringLiteral("events"), list}})
                         .toJson(QJsonDocument::Compact);
            d.contentType = QByteArrayLiteral("application/json");
            break;
        case WebhookTarget::Format::Text:
            d.body = text.toUtf8();
            d.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
            break;
        case WebhookTarget::Format::Form:
            d.body = "title=" + QUrl::toPercentEncoding(subject) + "&message=" + QUrl::toPercentEncoding(text);
            d.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
            break;
        }
        d.what = QStringLiteral("webhook %1").arg(d.webhook.url);
        enqueue(d);
    }
    if (m_config.mail) {
        Delivery d;
        d.kind = Delivery::Kind::Mail;
        d.mail = *m_config.mail;
        d.subject = subject;
        d.body = text.toUtf8();
        d.what = QStringLiteral("mail to %1").arg(d.mail.to.join(QStringLiteral(", ")));
        enqueue(d);
    }
}

void Notifier::sendDailyReport()
{
    if (!m_config.mail)
        return;
    Delivery d;
    d.kind = Delivery::Kind::Mail;
    d.mail = *m_config.mail;
    d.subject =
        QStringLiteral("lanwatch on %1: daily report %2").arg(m_host, QDate::currentDate().toString(Qt::ISODate));
    d.body = m_report().toUtf8();
    d.what = QStringLiteral("daily report to %1").arg(d.mail.to.join(QStringLiteral(", ")));
    enqueue(d);
}

void Notifier::enqueue(Delivery delivery)
{
    Pending p;
    p.id = m_nextId++;
    p.delivery = std::move(delivery);
    m_pending.append(p);
    start(p.id);
}

void Notifier::start(quint64 id)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const Pending &p) { return p.id == id; });
    if (it == m_pending.end())
        return;
    ++it->attempt;
    core::blockingPool()->start(new DeliveryJob(
        m_link, it->delivery, id, [](Notifier *n, quint64 job, const Result<void> &r) { n->finished(job, r); }));
}

void Notifier::finished(quint64 id, const Result<void> &result)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const Pending &p) { return p.id == id; });
    if (it == m_pending.end())
        return;
    if (result) {
        const QString what = it->delivery.what;
        if (it->attempt > 1)
            Q_EMIT log(QStringLiteral("%1: sent at attempt %2").arg(what).arg(it->attempt));
        delete it->retry;
        m_pending.erase(it);
        Q_EMIT delivered(what);
        return;
    }
    const int attempts = m_config.retries + 1;
    if (it->attempt >= attempts) {
        Q_EMIT log(QStringLiteral("%1 failed (attempt %2 of %3): %4; giving up on this message")
                       .arg(it->delivery.what)
                       .arg(it->attempt)
                       .arg(attempts)
                       .arg(result.error()));
        delete it->retry;
        m_pending.erase(it);
        return;
    }
    qint64 wait = m_config.retryDelaySeconds;
    for (int i = 1; i < it->attempt; ++i)
        wait = std::min<qint64>(wait * 4, 3600);
    Q_EMIT log(QStringLiteral("%1 failed (attempt %2 of %3): %4; next try in %5 s")
                   .arg(it->delivery.what)
                   .arg(it->attempt)
                   .arg(attempts)
                   .arg(result.error())
                   .arg(wait));
    if (!it->retry) {
        it->retry = new QTimer(this);
        it->retry->setSingleShot(true);
        connect(it->retry, &QTimer::timeout, this, [this, id] { start(id); });
    }
    it->retry->start(int(wait * 1000));
}

} // namespace lanwatch::agent
