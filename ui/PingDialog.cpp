// One scan of one address per tick; the engine's finished() closes each probe (answered or not).
#include "ui/PingDialog.h"

#include "core/scan/ScanEngine.h"
#include "core/scan/TargetSet.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

namespace lanwatch::ui {

PingDialog::PingDialog(quint32 ip, const scan::ScanOptions &options, QWidget *parent)
    : QDialog(parent), m_ip(ip), m_options(options), m_engine(new scan::ScanEngine(this))
{
    setObjectName(QStringLiteral("pingDialog"));
    setWindowTitle(tr("Ping %1").arg(scan::ipv4ToString(ip)));
    m_options.retries = 0;
    m_options.resolveNames = false;
    m_options.nameGraceMs = 0;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("pingReplies"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("pingSummary"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_pause = buttons->addButton(tr("&Pause"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_timer.isActive()) {
            m_timer.stop();
            m_pause->setText(tr("&Resume"));
        } else {
            m_timer.start();
            m_pause->setText(tr("&Pause"));
        }
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    resize(em * 28, em * 22);

    connect(m_engine, &scan::ScanEngine::hostFound, this, [this](const scan::HostRecord &h) {
        if (h.ip != m_ip)
            return;
        m_answered = true;
        m_rtt = h.rttMs;
    });
    connect(m_engine, &scan::ScanEngine::finished, this, &PingDialog::onFinished);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &PingDialog::probe);
    m_timer.start();
    updateSummary();
    QTimer::singleShot(0, this, &PingDialog::probe);
}

PingDialog::~PingDialog()
{
    m_timer.stop();
    m_engine->cancel(); // the engine is a child: its jobs end with it, nothing waits
}

QStringList PingDialog::lines() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

void PingDialog::probe()
{
    if (m_engine->isRunning())
        return; // the last probe is still waiting for its answer
    const auto target = scan::TargetSet::parse(scan::ipv4ToString(m_ip));
    m_answered = false;
    m_rtt = -1;
    if (const auto started = m_engine->start(target.value(), m_options); !started.ok()) {
        m_list->addItem(started.error());
        m_timer.stop();
        return;
    }
    ++m_sent;
}

void PingDialog::onFinished()
{
    const QString time = QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"));
    if (m_answered) {
        ++m_received;
        if (m_rtt >= 0) {
            m_min = m_received == 1 ? m_rtt : std::min(m_min, m_rtt);
            m_max = std::max(m_max, m_rtt);
            m_sum += m_rtt;
            m_list->addItem(
                tr("%1  answer from %2: %3 ms").arg(time, scan::ipv4ToString(m_ip), QLocale().toString(m_rtt, 'f', 2)));
        } else {
            m_list->addItem(tr("%1  %2 is this computer").arg(time, scan::ipv4ToString(m_ip)));
        }
    } else {
        m_list->addItem(tr("%1  no answer").arg(time));
    }
    while (m_list->count() > 500)
        delete m_list->takeItem(0);
    m_list->scrollToBottom();
    updateSummary();
}

void PingDialog::updateSummary()
{
    const QLocale locale;
    QString text = tr("%1 sent, %2 answered").arg(m_sent).arg(m_received);
    if (m_received > 0 && m_sum > 0)
        text +=
            QLatin1String("; ") + tr("round trip min %1, avg %2, max %3 ms")
                                      .arg(locale.toString(m_min, 'f', 2), locale.toString(m_sum / m_received, 'f', 2),
                                           locale.toString(m_max, 'f', 2));
    m_summary->setText(text);
}

} // namespace lanwatch::ui
