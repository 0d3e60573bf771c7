// The agent's direct notifications, end to end on loopback: a real agent finds 127.0.0.1 (a new device) and
// tells a local HTTP receiver (which fails the first POST: retried) and a local SMTP receiver (python3-aiosmtpd,
// with a login); the daily report, set a few seconds ahead, arrives by mail; wrong SMTP credentials are retried
// with back-off, reported, and given up on, while the agent runs on.
#include "TestSupport.h"
#include "agent/Notifier.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTime>
#include <QUrlQuery>

#include <csignal>
#include <unistd.h>

class TstAgentNotify : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_smtp;
    quint16 m_smtpPort = 0;
    QList<QJsonObject> m_smtpLines;
    QHttpServer m_http;
    quint16 m_httpPort = 0;
    QList<QByteArray> m_posts;
    int m_postsRefused = 0;
    struct Post
    {
        QByteArray contentType, title, body;
    };
    QList<Post> m_formatted;

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(bytes);
        return f.fileName();
    }

    void readSmtp()
    {
        while (m_smtp.canReadLine()) {
            const QJsonObject o = QJsonDocument::fromJson(m_smtp.readLine()).object();
            if (!o.isEmpty())
                m_smtpLines.append(o);
        }
    }

    QList<QJsonObject> mails(const QString &subjectPart) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : m_smtpLines)
            if (o.contains(QStringLiteral("data")) && o[QStringLiteral("data")].toString().contains(subjectPart))
                out.append(o);
        return out;
    }

    int authFailures() const
    {
        return int(std::count_if(m_smtpLines.cbegin(), m_smtpLines.cend(),
                                 [](const QJsonObject &o) { return o.contains(QStringLiteral("auth")); }));
    }

    QString config(const QString &name, const QString &password, const QString &extra)
    {
        return write(name + QStringLiteral(".conf"),
                     QStringLiteral("[agent]\nlisten = 127.0.0.1:0\ndatabase = %1.sqlite\n"
                                    "[monitor]\nwatch = 127.0.0.1\npassive = no\n"
                                    "[notify]\nsmtp = smtp://127.0.0.1:%2\nsmtp_user = lanwatch\n"
                                    "smtp_password_file = %3\nsmtp_starttls = no\nmail_from = agent@lab.test\n"
                                    "mail_to = admin@lab.test\nevents = new-device\nretry_delay = 1\n%4")
                         .arg(name)
                         .arg(m_smtpPort)
                         .arg(write(name + QStringLiteral(".pw"), password.toUtf8()), extra)
                         .toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString python = QStringLiteral("/usr/bin/python3");
        LANWATCH_REQUIRE(QFile::exists(python) &&
                             QProcess::execute(python, {QStringLiteral("-c"), QStringLiteral("import aiosmtpd")}) == 0,
                         "python3-aiosmtpd is missing (the local SMTP receiver): scripts/bootstrap.sh deps");
        m_smtpPort = freePort();
        connect(&m_smtp, &QProcess::readyReadStandardOutput, this, &TstAgentNotify::readSmtp);
        m_smtp.start(python, {lanwatch::test::sourcePath("tests/agent/smtp_receiver.py"), QString::number(m_smtpPort),
                              QStringLiteral("lanwatch"), QStringLiteral("s3cret")});
        QVERIFY(m_smtp.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!m_smtpLines.isEmpty() && m_smtpLines.first().contains(QStringLiteral("ready")),
                                 10000);

        // The webhook receiver: refuses the first POST (500), takes the rest.
        m_http.route(QStringLiteral("/hook"), QHttpServerRequest::Method::Post, [this](const QHttpServerRequest &r) {
            if (m_postsRefused == 0) {
                ++m_postsRefused;
                return QHttpServerResponse(QHttpServerResponse::StatusCode::InternalServerError);
            }
            m_posts.append(r.body());
            return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
        });
        m_http.route(QStringLiteral("/fmt"), QHttpServerRequest::Method::Post, [this](const QHttpServerRequest &r) {
            m_formatted.append({r.value("Content-Type"), r.value("Title"), r.body()});
            return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
        });
        m_httpPort = m_http.listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_httpPort != 0);
    }

    void cleanupTestCase()
    {
        m_smtp.closeWriteChannel(); // the receiver stops when its stdin closes
        if (!m_smtp.waitForFinished(5000))
            m_smtp.kill();
    }

    void newDeviceAndDailyReport()
    {
        // The report a few seconds ahead (local time; past midnight it is tomorrow's, which is also 4 s ahead).
        const QString at = QTime::currentTime().addSecs(4).toString(QStringLiteral("HH:mm:ss"));
        const QString conf =
            config(QStringLiteral("good"), QStringLiteral("s3cret"),
                   QStringLiteral("webhook = http://127.0.0.1:%1/hook\ndaily_report = %2\n").arg(m_httpPort).arg(at));
        QProcess agent;
        agent.setWorkingDirectory(m_dir.path());
        agent.setProcessChannelMode(QProcess::MergedChannels);
        agent.start(lanwatch::test::binaryPath("app/lanwatch-agent"), {QStringLiteral("--config"), conf});
        QVERIFY(agent.waitForStarted());
        QByteArray out;

        // The webhook: the first POST refused, the same message sent again after the 1 s back-off.
        QTRY_COMPARE_WITH_TIMEOUT(m_posts.size(), 1, 10000);
        QCOMPARE(m_postsRefused, 1);
        const QJsonObject hook = QJsonDocument::fromJson(m_posts.first()).object();
        const QJsonArray events = hook[QStringLiteral("events")].toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0)[QStringLiteral("kind")].toString(), QStringLiteral("new-device"));
        QCOMPARE(events.at(0)[QStringLiteral("ip")].toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(hook[QStringLiteral("summary")].toString().contains(QStringLiteral("New device")));
        QTRY_VERIFY_WITH_TIMEOUT((out += agent.readAll(), out.contains("sent at attempt 2")), 5000);
        QVERIFY2(out.contains("failed (attempt 1 of 6): HTTP 500; next try in 1 s"), out.constData());

        // The mail, with the login.
        QTRY_COMPARE_WITH_TIMEOUT(mails(QStringLiteral("Subject: lanwatch on")).size() >= 1, true, 10000);
        const QJsonObject mail = mails(QStringLiteral("New device")).value(0);
        QCOMPARE(mail[QStringLiteral("mail_from")].toString(), QStringLiteral("agent@lab.test"));
        QCOMPARE(mail[QStringLiteral("rcpt_tos")].toArray(), QJsonArray{QStringLiteral("admin@lab.test")});
        QVERIFY(mail[QStringLiteral("data")].toString().contains(QStringLiteral(" at 127.0.0.1\r\n")));
        QCOMPARE(authFailures(), 0);

        // The daily report at its time: the new device of the day and the count.
        QTRY_COMPARE_WITH_TIMEOUT(mails(QStringLiteral("daily report")).size(), 1, 15000);
        const QString report = mails(QStringLiteral("daily report")).first()[QStringLiteral("data")].toString();
        QVERIFY2(report.contains(QStringLiteral("New devices: 1\r\n")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral(" at 127.0.0.1\r\n")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("Now: 1 devices, 1 online, 0 offline")), qPrintable(report));
        QCOMPARE(mails(QStringLiteral("New device: ")).size(), 2); // the event's mail and the report's line

        ::kill(pid_t(agent.processId()), SIGTERM);
        QVERIFY(agent.waitForFinished(5000));
        QCOMPARE(agent.exitCode(), 0);
    }

    // Wrong password: each attempt refused by the server, retried after 1 s and 4 s, then given up on; the agent
    // still answers and stops cleanly.
    void badCredentialsAreRetriedAndReported()
    {
        const int refusedBefore = authFailures();
        const qsizetype mailsBefore = mails(QStringLiteral("Subject:")).size();
        const QString conf = config(QStringLiteral("bad"), QStringLiteral("wrong"), QStringLiteral("retries = 2\n"));
        QProcess agent;
        agent.setWorkingDirectory(m_dir.path());
        agent.setProcessChannelMode(QProcess::MergedChannels);
        agent.start(lanwatch::test::binaryPath("app/lanwatch-agent"), {QStringLiteral("--config"), conf});
        QVERIFY(agent.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += agent.readAll(), out.contains("giving up on this message")), 20000);
        QVERIFY2(out.contains("mail to admin@lab.test failed (attempt 1 of 3): "), out.constData());
        QVERIFY2(out.contains("; next try in 1 s"), out.constData());
        QVERIFY2(out.contains("failed (attempt 2 of 3): ") && out.contains("; next try in 4 s"), out.constData());
        QVERIFY2(out.contains("failed (attempt 3 of 3): "), out.constData());
        QCOMPARE(authFailures() - refusedBefore, 3);
        QCOMPARE(mails(QStringLiteral("Subject:")).size(), mailsBefore);
        QCOMPARE(agent.state(), QProcess::Running);
        ::kill(pid_t(agent.processId()), SIGTERM);
        QVERIFY(agent.waitForFinished(5000));
        QCOMPARE(agent.exitCode(), 0);
    }

    // In-process: what a batch becomes in each webhook format, the first sweep's summary, and the filter
    // (offline of an unwatched device is not sent, of a watched one it is).
    void webhookFormats()
    {
        using namespace lanwatch::monitor;
        auto event = [](EventKind kind, const char *ip, const char *mac, bool watch) {
            Event e;
            e.kind = kind;
            e.time = QDateTime::currentDateTimeUtc();
            e.ip = QHostAddress(QString::fromLatin1(ip)).toIPv4Address();
            e.mac = QString::fromLatin1(mac);
            e.watch = watch;
            return e;
        };
        lanwatch::agent::Notifier notifier([] { return QString(); });
        lanwatch::agent::NotifyConfig config;
        config.webhook = lanwatch::agent::WebhookTarget{QStringLiteral("http://127.0.0.1:%1/fmt").arg(m_httpPort),
                                                        lanwatch::agent::WebhookTarget::Format::Text};
        notifier.setConfig(config);
        notifier.notify({event(EventKind::NewDevice, "10.0.0.2", "00:11:32:00:00:02", false),
                         event(EventKind::NewDevice, "10.0.0.3", "00:11:32:00:00:03", false)},
                        true);
        QTRY_COMPARE_WITH_TIMEOUT(m_formatted.size(), 1, 10000);
        QCOMPARE(m_formatted[0].contentType, QByteArray("text/plain; charset=utf-8"));
        QVERIFY2(m_formatted[0].title.endsWith(": First sweep found 2 devices"), m_formatted[0].title.constData());
        QCOMPARE(m_formatted[0].body.count('\n'), 2);
        QVERIFY(m_formatted[0].body.contains("New device: 00:11:32:00:00:03 at 10.0.0.3\n"));

        config.webhook->format = lanwatch::agent::WebhookTarget::Format::Form;
        notifier.setConfig(config);
        notifier.notify({event(EventKind::Offline, "10.0.0.2", "00:11:32:00:00:02", false)}, false);
        notifier.notify({event(EventKind::Offline, "10.0.0.3", "00:11:32:00:00:03", true)}, false);
        QTRY_COMPARE_WITH_TIMEOUT(m_formatted.size(), 2, 10000);
        QCOMPARE(m_formatted[1].contentType, QByteArray("application/x-www-form-urlencoded"));
        const QUrlQuery form(QString::fromUtf8(m_formatted[1].body));
        QVERIFY2(form.queryItemValue(QStringLiteral("title"), QUrl::FullyDecoded)
                     .endsWith(QStringLiteral(": 00:11:32:00:00:03 went offline")),
                 m_formatted[1].body.constData());
        QVERIFY(form.queryItemValue(QStringLiteral("message"), QUrl::FullyDecoded)
                    .endsWith(QStringLiteral(" 00:11:32:00:00:03 went offline\n")));
        QTRY_COMPARE_WITH_TIMEOUT(notifier.pending(), 0, 5000);
        QCOMPARE(m_formatted.size(), 2); // the unwatched device's offline was not sent
    }

    // A receiver that takes the connection and never answers: SIGTERM still ends the agent within 2 s (the
    // transfer on the pool thread is aborted, the exit does not wait for curl's 30 s timeout).
    void sigtermDuringADelivery()
    {
        QTcpServer blackHole;
        QVERIFY(blackHole.listen(QHostAddress::LocalHost, 0));
        const QString conf = write(QStringLiteral("hole.conf"),
                                   QStringLiteral("[agent]\nlisten = 127.0.0.1:0\ndatabase = hole.sqlite\n"
                                                  "[monitor]\nwatch = 127.0.0.1\npassive = no\n"
                                                  "[notify]\nwebhook = http://127.0.0.1:%1/hook\nevents = new-device\n")
                                       .arg(blackHole.serverPort())
                                       .toUtf8());
        QProcess agent;
        agent.setWorkingDirectory(m_dir.path());
        agent.start(lanwatch::test::binaryPath("app/lanwatch-agent"), {QStringLiteral("--config"), conf});
        QVERIFY(agent.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(blackHole.hasPendingConnections(), 10000);
        QTcpSocket *held = blackHole.nextPendingConnection();
        QTRY_VERIFY_WITH_TIMEOUT(held->bytesAvailable() > 0, 5000); // the POST was sent and waits for an answer
        QElapsedTimer stopping;
        stopping.start();
        ::kill(pid_t(agent.processId()), SIGTERM);
        QVERIFY(agent.waitForFinished(5000));
        qInfo("SIGTERM during a delivery to exit: %lld ms", stopping.elapsed());
        QVERIFY(stopping.elapsed() < 2000);
        QCOMPARE(agent.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TstAgentNotify)
#include "tst_agentnotify.moc"
