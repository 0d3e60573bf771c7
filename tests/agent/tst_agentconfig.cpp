// AgentConfig: a full config read back field by field, the commented example that ships in resources/ is
// valid, and each kind of mistake is refused with its line number and a reason.
#include "agent/AgentConfig.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch;
using namespace lanwatch::agent;
using lanwatch::monitor::WatchedTarget;

class TstAgentConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(bytes);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fullConfig()
    {
        write(QStringLiteral("token"), "abc123\n");
        const auto c = AgentConfig::parse(QStringLiteral("# a site\n"
                                                         "[agent]\n"
                                                         "listen = [::1]:9700\n"
                                                         "token_file = token\n"
                                                         "database = state/devices.sqlite\n"
                                                         "\n"
                                                         "[monitor]\n"
                                                         "watch = 192.168.1.0/24\n"
                                                         "  watch = 10.0.0.0/16 every 600  \n"
                                                         "; the default for the /24\n"
                                                         "interval = 120\n"
                                                         "grace = 900\n"
                                                         "passive = no\n"),
                                          QStringLiteral("agent.conf"), m_dir.path());
        QVERIFY2(c, qPrintable(c.error()));
        QCOMPARE(c->listenAddress, QHostAddress(QStringLiteral("::1")));
        QCOMPARE(c->listenPort, quint16(9700));
        QCOMPARE(c->listenText(), QStringLiteral("[::1]:9700"));
        QCOMPARE(c->tokenFile, m_dir.filePath(QStringLiteral("token")));
        QCOMPARE(c->token, QByteArray("abc123"));
        QCOMPARE(c->databasePath(), m_dir.filePath(QStringLiteral("state/devices.sqlite")));
        QCOMPARE(c->targets(),
                 (QList<WatchedTarget>{{QStringLiteral("192.168.1.0/24"), 120}, {QStringLiteral("10.0.0.0/16"), 600}}));
        QCOMPARE(c->graceSeconds, 900);
        QCOMPARE(c->passive, false);
    }

    void defaults()
    {
        const auto c = AgentConfig::parse(QStringLiteral("[monitor]\nwatch = 10.1.2.0/24\n"), QStringLiteral("a"), {});
        QVERIFY2(c, qPrintable(c.error()));
        QCOMPARE(c->listenText(), QStringLiteral("127.0.0.1:9617"));
        QVERIFY(c->token.isEmpty());
        QCOMPARE(c->targets(), (QList<WatchedTarget>{{QStringLiteral("10.1.2.0/24"), 300}}));
        QCOMPARE(c->graceSeconds, 0);
        QCOMPARE(c->passive, true);
    }

    // The example in resources/ parses (its token file aside) and watches what its comments say.
    void shippedExample()
    {
        QFile f(lanwatch::test::sourcePath("resources/agent.conf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QStringLiteral("\n# token_file =")));
        const auto c = AgentConfig::parse(text, QStringLiteral("agent.conf"), QStringLiteral("/etc/lanwatch"));
        QVERIFY2(c, qPrintable(c.error()));
        QCOMPARE(c->listenText(), QStringLiteral("127.0.0.1:9617"));
        QVERIFY(!c->targets().isEmpty());
    }

    void mistakes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << QStringLiteral("[monitor]\nwatch = 10.0.0.0/24\nintervl = 30\n")
                                     << QStringLiteral("a.conf:3: unknown key 'intervl' in [monitor]");
        QTest::newRow("unknown section") << QStringLiteral("\n[monitr]\n")
                                         << QStringLiteral("a.conf:2: unknown section [monitr]");
        QTest::newRow("unclosed section")
            << QStringLiteral("[agent\n") << QStringLiteral("a.conf:1: a section header must end with ']'");
        QTest::newRow("outside a section")
            << QStringLiteral("listen = 127.0.0.1:1\n") << QStringLiteral("a.conf:1: 'listen' is outside a section");
        QTest::newRow("no equals") << QStringLiteral("[agent]\nlisten 127.0.0.1:9617\n")
                                   << QStringLiteral("a.conf:2: expected KEY = VALUE");
        QTest::newRow("bad target") << QStringLiteral("[monitor]\nwatch = 10.0.0.300/24\n")
                                    << QStringLiteral("a.conf:2: bad target '10.0.0.300/24'");
        QTest::newRow("target twice") << QStringLiteral("[monitor]\nwatch = 10.0.0.0/24\nwatch = 10.0.0.0/24\n")
                                      << QStringLiteral("a.conf:3: '10.0.0.0/24' is watched twice");
        QTest::newRow("short interval") << QStringLiteral("[monitor]\ninterval = 5\n")
                                        << QStringLiteral(
                                               "a.conf:2: interval must be a whole number of seconds from 30");
        QTest::newRow("bad every") << QStringLiteral("[monitor]\nwatch = 10.0.0.0/24 every soon\n")
                                   << QStringLiteral("a.conf:2: the interval must be a whole number of seconds");
        QTest::newRow("grace") << QStringLiteral("[monitor]\ngrace = -1\n")
                               << QStringLiteral("a.conf:2: grace (or 0 / auto) must be");
        QTest::newRow("passive") << QStringLiteral("[monitor]\npassive = maybe\n")
                                 << QStringLiteral("a.conf:2: expected yes or no, not 'maybe'");
        QTest::newRow("listen name") << QStringLiteral("[agent]\nlisten = localhost:9617\n")
                                     << QStringLiteral("a.conf:2: listen must be ADDRESS:PORT");
        QTest::newRow("listen port") << QStringLiteral("[agent]\nlisten = 127.0.0.1:70000\n")
                                     << QStringLiteral("a.conf:2: the port in '127.0.0.1:70000' is above 65535");
        QTest::newRow("key twice") << QStringLiteral("[agent]\nlisten = 127.0.0.1:1\nlisten = 127.0.0.1:2\n")
                                   << QStringLiteral("a.conf:3: 'listen' is set twice in [agent]");
        QTest::newRow("tls cert only") << QStringLiteral("[agent]\ntls_cert = " LANWATCH_SOURCE_DIR
                                                         "/tests/agent/fixtures/tls-cert.pem\n")
                                       << QStringLiteral("a.conf:2: give both tls_cert and tls_key");
        QTest::newRow("tls swapped") << QStringLiteral(
                                            "[agent]\ntls_cert = " LANWATCH_SOURCE_DIR
                                            "/tests/agent/fixtures/tls-key.pem\ntls_key = " LANWATCH_SOURCE_DIR
                                            "/tests/agent/fixtures/tls-cert.pem\n")
                                     << QStringLiteral("a.conf:3: tls_cert ");
        QTest::newRow("missing token") << QStringLiteral("[agent]\n\ntoken_file = /nonexistent/token\n")
                                       << QStringLiteral("a.conf:3: cannot read the token file /nonexistent/token");
    }

    void mistakes()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto c = AgentConfig::parse(text, QStringLiteral("a.conf"), m_dir.path());
        QVERIFY(!c);
        QVERIFY2(c.error().startsWith(message), qPrintable(c.error()));
    }

    void syncPairs()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("photos"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("docs"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("backup"))));
        const auto c = AgentConfig::parse(QStringLiteral("[sync photos]\n"
                                                         "source = photos\n"
                                                         "destination = backup/photos\n"
                                                         "mode = update\n"
                                                         "exclude = *.tmp\n"
                                                         "exclude = .cache/\n"
                                                         "poll = 60\n"
                                                         "delay = 5\n"
                                                         "max_wait = 600\n"
                                                         "delete_limit = 20\n"
                                                         "keep_versions = 0\n"
                                                         "mtime_tolerance = 2\n"
                                                         "one_file_system = yes\n"
                                                         "[sync docs]\n"
                                                         "source = docs\n"
                                                         "destination = backup/docs\n"),
                                          QStringLiteral("a.conf"), m_dir.path());
        QVERIFY2(c, qPrintable(c.error()));
        QCOMPARE(c->pairs.size(), 2);
        const sync::SyncPair &p = c->pairs.at(0);
        QCOMPARE(p.id, QStringLiteral("photos"));
        QCOMPARE(p.source, m_dir.filePath(QStringLiteral("photos")));
        QCOMPARE(p.destination, m_dir.filePath(QStringLiteral("backup/photos")));
        QCOMPARE(p.mode, sync::SyncMode::Update);
        QCOMPARE(p.excludes, QStringList({QStringLiteral("*.tmp"), QStringLiteral(".cache/")}));
        QCOMPARE(p.pollSeconds, 60);
        QCOMPARE(p.delaySeconds, 5);
        QCOMPARE(p.maxWaitSeconds, 600);
        QCOMPARE(p.deleteThresholdPercent, 20);
        QCOMPARE(p.keepVersionsDays, 0);
        QCOMPARE(p.mtimeToleranceSeconds, 2);
        QCOMPARE(p.oneFileSystem, true);
        const sync::SyncPair &d = c->pairs.at(1);
        QCOMPARE(d.id, QStringLiteral("docs"));
        QCOMPARE(d.mode, sync::SyncMode::Mirror); // the defaults of a pair made in the GUI
        QCOMPARE(d.pollSeconds, sync::SyncPair().pollSeconds);
    }

    void syncMistakes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no destination") << QStringLiteral("[monitor]\n[sync a]\nsource = photos\n")
                                        << QStringLiteral("a.conf:2: [sync a] needs source = and destination =");
        QTest::newRow("missing source") << QStringLiteral("[sync a]\nsource = nowhere\ndestination = x\n")
                                        << QStringLiteral("a.conf:1: [sync a]: ");
        QTest::newRow("inside the source") << QStringLiteral("[sync a]\nsource = photos\ndestination = photos/b\n")
                                           << QStringLiteral("a.conf:1: [sync a]: ");
        QTest::newRow("one destination twice")
            << QStringLiteral("[sync a]\nsource = photos\ndestination = b\n[sync b]\nsource = docs\ndestination = b\n")
            << QStringLiteral("a.conf:");
        QTest::newRow("same name") << QStringLiteral("[sync a]\n[sync a]\n")
                                   << QStringLiteral("a.conf:2: there is already a [sync a]");
        QTest::newRow("bad name") << QStringLiteral("[sync my photos]\n")
                                  << QStringLiteral("a.conf:1: unknown section");
        QTest::newRow("bad mode") << QStringLiteral("[sync a]\nmode = copy\n")
                                  << QStringLiteral("a.conf:2: mode must be mirror or update, not 'copy'");
        QTest::newRow("bad poll") << QStringLiteral("[sync a]\npoll = 0\n")
                                  << QStringLiteral("a.conf:2: poll must be a whole number from 1 to 86400");
        QTest::newRow("unknown key") << QStringLiteral("[sync a]\nsrc = photos\n")
                                     << QStringLiteral("a.conf:2: unknown key 'src' in a [sync NAME] section");
        QTest::newRow("key twice") << QStringLiteral("[sync a]\nsource = photos\nsource = docs\n")
                                   << QStringLiteral("a.conf:3: 'source' is set twice in [a]");
    }

    void syncMistakes()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("photos"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("docs"))));
        const auto c = AgentConfig::parse(text, QStringLiteral("a.conf"), m_dir.path());
        QVERIFY(!c);
        QVERIFY2(c.error().startsWith(message), qPrintable(c.error()));
    }

    void notify()
    {
        write(QStringLiteral("smtp.pw"), "pa ss\n");
        const auto c = AgentConfig::parse(QStringLiteral("[notify]\n"
                                                         "webhook = https://ntfy.example/lanwatch\n"
                                                         "webhook_format = text\n"
                                                         "smtp = smtp://mail.example:587\n"
                                                         "smtp_user = agent\n"
                                                         "smtp_password_file = smtp.pw\n"
                                                         "mail_from = agent@example.org\n"
                                                         "mail_to = a@example.org\n"
                                                         "mail_to = b@example.org\n"
                                                         "events = new-device, offline, watched\n"
                                                         "daily_report = 07:30\n"
                                                         "retries = 3\n"
                                                         "retry_delay = 10\n"),
                                          QStringLiteral("a.conf"), m_dir.path());
        QVERIFY2(c, qPrintable(c.error()));
        const NotifyConfig &n = c->notify;
        QVERIFY(n.webhook);
        QCOMPARE(n.webhook->url, QStringLiteral("https://ntfy.example/lanwatch"));
        QCOMPARE(n.webhook->format, WebhookTarget::Format::Text);
        QVERIFY(n.mail);
        QCOMPARE(n.mail->url, QStringLiteral("smtp://mail.example:587"));
        QCOMPARE(n.mail->user, QStringLiteral("agent"));
        QCOMPARE(n.mail->password, QByteArray("pa ss"));
        QCOMPARE(n.mail->tls, MailTarget::Tls::Required); // STARTTLS unless told otherwise
        QCOMPARE(n.mail->to, QStringList({QStringLiteral("a@example.org"), QStringLiteral("b@example.org")}));
        QCOMPARE(n.kinds, QSet<monitor::EventKind>({monitor::EventKind::NewDevice, monitor::EventKind::Offline}));
        QVERIFY(n.watched);
        QCOMPARE(n.dailyReport, QTime(7, 30));
        QCOMPARE(n.retries, 3);
        QCOMPARE(n.retryDelaySeconds, 10);
        // Without [notify]: nothing is sent.
        QVERIFY(AgentConfig::parse(QStringLiteral("[monitor]\n"), QStringLiteral("a"), {})->notify.isEmpty());
    }

    void notifyMistakes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("webhook scheme") << QStringLiteral("[notify]\nwebhook = ftp://x/y\n")
                                        << QStringLiteral("a.conf:2: webhook must be a http or https URL");
        QTest::newRow("smtp scheme") << QStringLiteral("[notify]\nsmtp = mail.example:25\n")
                                     << QStringLiteral("a.conf:2: smtp must be a smtp or smtps URL");
        QTest::newRow("no recipient") << QStringLiteral("\n[notify]\nsmtp = smtp://m:25\nmail_from = a@b.c\n")
                                      << QStringLiteral(
                                             "a.conf:2: [notify] needs mail_from = and at least one mail_to");
        QTest::newRow("address") << QStringLiteral("[notify]\nmail_to = admin\n")
                                 << QStringLiteral("a.conf:2: mail_to must be a mail address, not 'admin'");
        QTest::newRow("report without mail") << QStringLiteral("[notify]\nwebhook = http://h/x\ndaily_report = 07:00\n")
                                             << QStringLiteral("a.conf:1: [notify] daily_report goes out by mail");
        QTest::newRow("report time") << QStringLiteral("[notify]\ndaily_report = 7 am\n")
                                     << QStringLiteral("a.conf:2: daily_report must be a local time HH:MM");
        QTest::newRow("event kind") << QStringLiteral("[notify]\nevents = new-device, spoofing\n")
                                    << QStringLiteral("a.conf:2: unknown event kind 'spoofing'");
        QTest::newRow("starttls") << QStringLiteral("[notify]\nsmtp_starttls = maybe\n")
                                  << QStringLiteral("a.conf:2: smtp_starttls must be required, try or no");
        QTest::newRow("password file") << QStringLiteral("[notify]\nsmtp_password_file = /nonexistent\n")
                                       << QStringLiteral("a.conf:2: cannot read the SMTP password file /nonexistent");
        QTest::newRow("unknown key") << QStringLiteral("[notify]\nemail = a@b.c\n")
                                     << QStringLiteral("a.conf:2: unknown key 'email' in [notify]");
    }

    void notifyMistakes()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto c = AgentConfig::parse(text, QStringLiteral("a.conf"), m_dir.path());
        QVERIFY(!c);
        QVERIFY2(c.error().startsWith(message), qPrintable(c.error()));
    }

    void tokenFiles()
    {
        AgentConfig c;
        c.tokenFile = write(QStringLiteral("empty"), "\n");
        QVERIFY(!c.readToken());
        c.tokenFile = write(QStringLiteral("two"), "one two\n");
        QVERIFY(!c.readToken());
        c.tokenFile = write(QStringLiteral("big"), QByteArray(AgentDefaults::MaxTokenBytes + 1, 'x'));
        QVERIFY(!c.readToken());
        c.tokenFile = write(QStringLiteral("good"), "  tok\n");
        QVERIFY(c.readToken());
        QCOMPARE(c.token, QByteArray("tok"));
    }

    void stateDirectory()
    {
        qputenv("STATE_DIRECTORY", "/var/lib/lanwatch:/var/lib/other");
        QCOMPARE(AgentConfig::defaultDatabase(), QStringLiteral("/var/lib/lanwatch/devices.sqlite"));
        qunsetenv("STATE_DIRECTORY");
        QVERIFY(AgentConfig::defaultDatabase().endsWith(QStringLiteral("/devices.sqlite")));
    }
};

QTEST_GUILESS_MAIN(TstAgentConfig)
#include "tst_agentconfig.moc"
