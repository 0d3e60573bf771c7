// Two sites, one Prometheus: lanwatch-agent in two namespace LANs with different subnets (tests/lab/lab.sh,
// labs "aga" 10.251.7.0/24 and "agb" 10.251.8.0/24), each with its own config and inventory, reachable only
// over a management link to a third namespace where a real Prometheus (Debian's) scrapes both every second.
// Asserted through Prometheus's /api/v1/query: the exact set of lanwatch_device_up series of both sites, and a
// host whose link goes down in one site turning to 0 after the grace period while everything else stays 1.
// Also: SIGTERM during a sweep ends the agent within 2 s.
#include "LabSupport.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using lanwatch::test::keyValues;
using lanwatch::test::run;
using lanwatch::test::Run;

namespace {

struct Site
{
    Site(QString name, int n) : lab(std::move(name)), subnet(n) {}
    QString lab;    // lab.sh name
    int subnet = 0; // 10.251.N.0/24
    QString ns, target, dir;
    QString agentAddress; // on the management link
    QString mgmtIf;       // its peer in the Prometheus namespace
    bool up = false;
    QProcess *agent = nullptr;
};

// (instance, mac, network) -> value, as Prometheus answers an instant query.
using Series = QMap<std::tuple<QString, QString, QString>, QString>;

QString differences(const Series &seen, const Series &want)
{
    QStringList out;
    for (auto it = want.cbegin(); it != want.cend(); ++it)
        if (seen.value(it.key()) != it.value())
            out << QStringLiteral("%1 %2 %3: %4 (want %5)")
                       .arg(std::get<0>(it.key()), std::get<1>(it.key()), std::get<2>(it.key()),
                            seen.value(it.key(), QStringLiteral("absent")), it.value());
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        if (!want.contains(it.key()))
            out << QStringLiteral("%1 %2 %3: %4 (unexpected)")
                       .arg(std::get<0>(it.key()), std::get<1>(it.key()), std::get<2>(it.key()), it.value());
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TstAgentLab : public QObject
{
    Q_OBJECT

    const QString m_promNs = QStringLiteral("lwagm-prom");
    static constexpr int IntervalS = 5;
    static constexpr int GraceS = 4;
    QTemporaryDir m_dir;
    QList<Site> m_sites{{QStringLiteral("aga"), 7}, {QStringLiteral("agb"), 8}};
    QProcess m_prometheus;
    QString m_prometheusBin;
    bool m_promNsUp = false;

    bool ns(const QString &name, const QStringList &command)
    {
        const Run r =
            run(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), name} + command);
        if (r.exitCode != 0)
            qWarning("%s: %s", qPrintable(command.join(QLatin1Char(' '))), r.err.constData());
        return r.exitCode == 0;
    }
    bool ip(const QStringList &args)
    {
        const Run r = run(QStringLiteral("ip"), args);
        if (r.exitCode != 0)
            qWarning("ip %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
        return r.exitCode == 0;
    }

    // GET in the Prometheus namespace (the only place that reaches both agents and Prometheus).
    QByteArray get(const QString &url)
    {
        const Run r = run(QStringLiteral("ip"),
                          {QStringLiteral("netns"), QStringLiteral("exec"), m_promNs, QStringLiteral("curl"),
                           QStringLiteral("-s"), QStringLiteral("-m"), QStringLiteral("5"), url},
                          10000);
        return r.exitCode == 0 ? r.out : QByteArray();
    }

    Series query(const QString &promql)
    {
        const QByteArray body = get(QStringLiteral("http://127.0.0.1:9090/api/v1/query?query=") +
                                    QString::fromLatin1(QUrl::toPercentEncoding(promql)));
        Series series;
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        for (const QJsonValue &v : o[QStringLiteral("data")][QStringLiteral("result")].toArray()) {
            const QJsonObject metric = v[QStringLiteral("metric")].toObject();
            series.insert({metric[QStringLiteral("instance")].toString(), metric[QStringLiteral("mac")].toString(),
                           metric[QStringLiteral("network")].toString()},
                          v[QStringLiteral("value")].toArray().at(1).toString());
        }
        return series;
    }

    bool startAgent(Site &site, const QString &conf)
    {
        site.agent = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANWATCH_TEST_MIN_INTERVAL"), QStringLiteral("1"));
        site.agent->setProcessEnvironment(env);
        site.agent->start(QStringLiteral("ip"),
                          {QStringLiteral("netns"), QStringLiteral("exec"), site.ns,
                           lanwatch::test::binaryPath("app/lanwatch-agent"), QStringLiteral("--config"), conf});
        return site.agent->waitForStarted();
    }

    bool stopAgent(Site &site, qint64 *ms)
    {
        QElapsedTimer t;
        t.start();
        ::kill(pid_t(site.agent->processId()), SIGTERM); // 'ip netns exec' execs the agent: this is its pid
        const bool done = site.agent->waitForFinished(5000);
        *ms = t.elapsed();
        const bool clean = done && site.agent->exitStatus() == QProcess::NormalExit && site.agent->exitCode() == 0;
        if (!clean)
            qWarning("agent: %s", site.agent->readAllStandardError().constData());
        delete site.agent;
        site.agent = nullptr;
        return clean;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "building network namespaces needs root (run the suite as root)");
        m_prometheusBin = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
        LANWATCH_REQUIRE(!m_prometheusBin.isEmpty(), "prometheus is missing (Debian package prometheus)");
        LANWATCH_REQUIRE(!QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty(), "curl is missing");
        QVERIFY(m_dir.isValid());

        ip({QStringLiteral("netns"), QStringLiteral("del"), m_promNs}); // a stale one from a killed run
        QVERIFY(ip({QStringLiteral("netns"), QStringLiteral("add"), m_promNs}));
        m_promNsUp = true;
        QVERIFY(ip({QStringLiteral("-n"), m_promNs, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                    QStringLiteral("up")}));
        for (Site &site : m_sites) {
            LANWATCH_LAB_UP(values, site.up, site.lab, {QStringLiteral("--subnet"), QString::number(site.subnet)});
            site.ns = values.value(QStringLiteral("LAB_NS"));
            site.target = values.value(QStringLiteral("LAB_TARGET"));
            site.dir = values.value(QStringLiteral("LAB_DIR"));
            QCOMPARE(site.target, QStringLiteral("10.251.%1.0/24").arg(site.subnet));
            // The management link: not a port of the lab's bridge, so the site's LAN does not see it.
            const QString n = QString::number(site.subnet);
            site.agentAddress = QStringLiteral("10.250.%1.1").arg(n);
            site.mgmtIf = QStringLiteral("m") + site.lab;
            QVERIFY(ip({QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("mgmt0"), QStringLiteral("netns"),
                        site.ns, QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                        QStringLiteral("name"), site.mgmtIf, QStringLiteral("netns"), m_promNs}));
            QVERIFY(ns(site.ns,
                       {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"),
                        site.agentAddress + QStringLiteral("/30"), QStringLiteral("dev"), QStringLiteral("mgmt0")}));
            QVERIFY(ns(site.ns, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                                 QStringLiteral("mgmt0"), QStringLiteral("up")}));
            QVERIFY(ns(m_promNs, {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"),
                                  QStringLiteral("10.250.%1.2/30").arg(n), QStringLiteral("dev"), site.mgmtIf}));
            QVERIFY(ns(m_promNs, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), site.mgmtIf,
                                  QStringLiteral("up")}));
        }
    }

    void cleanupTestCase()
    {
        for (Site &site : m_sites) {
            if (site.agent) {
                site.agent->kill();
                site.agent->waitForFinished();
            }
            if (site.up)
                lanwatch::test::lab(QStringLiteral("down"), site.lab, {}, 60000);
        }
        if (m_prometheus.state() != QProcess::NotRunning) {
            m_prometheus.terminate();
            if (!m_prometheus.waitForFinished(5000))
                m_prometheus.kill();
            m_prometheus.waitForFinished();
        }
        if (m_promNsUp)
            ip({QStringLiteral("netns"), QStringLiteral("del"), m_promNs});
    }

    // The agent's first sweep of a /24 with silent hosts takes seconds; SIGTERM in the middle of it must not.
    void sigtermDuringSweep()
    {
        Site &site = m_sites[0];
        const QString conf = m_dir.filePath(QStringLiteral("stop.conf"));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("[agent]\nlisten = %1:9617\ndatabase = %2\n[monitor]\nwatch = %3\n")
                    .arg(site.agentAddress, m_dir.filePath(QStringLiteral("stop.sqlite")), site.target)
                    .toUtf8());
        f.close();
        QVERIFY(startAgent(site, conf));
        QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("http://%1:9617/healthz").arg(site.agentAddress)),
                                  QByteArray("ok\n"), 10000);
        // Started: its first sweep began at once and has not finished (none counted yet).
        const QByteArray page = get(QStringLiteral("http://%1:9617/metrics").arg(site.agentAddress));
        QVERIFY2(page.contains(QByteArray("lanwatch_sweeps_total{network=\"" + site.target.toUtf8() + "\"} 0\n")),
                 page.constData());
        qint64 ms = 0;
        QVERIFY(stopAgent(site, &ms));
        qInfo("SIGTERM during the first sweep: exited 0 after %lld ms", ms);
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
    }

    void prometheusScrapesTwoSites()
    {
        // Each site: its own config and inventory; a sweep every 5 s and offline after 4 s without an answer.
        QStringList targets;
        for (Site &site : m_sites) {
            const QString conf = m_dir.filePath(site.lab + QStringLiteral(".conf"));
            QFile f(conf);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("[agent]\nlisten = %1:9617\ndatabase = %2\n[monitor]\nwatch = %3 every %4\n"
                                   "grace = %5\n")
                        .arg(site.agentAddress, m_dir.filePath(site.lab + QStringLiteral(".sqlite")), site.target)
                        .arg(IntervalS)
                        .arg(GraceS)
                        .toUtf8());
            f.close();
            QVERIFY(startAgent(site, conf));
            targets << QStringLiteral("'%1:9617'").arg(site.agentAddress);
        }
        const QString promConf = m_dir.filePath(QStringLiteral("prometheus.yml"));
        QFile pc(promConf);
        QVERIFY(pc.open(QIODevice::WriteOnly));
        pc.write(QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                "scrape_configs:\n  - job_name: lanwatch\n    static_configs:\n      - targets: [%1]\n")
                     .arg(targets.join(QStringLiteral(", ")))
                     .toUtf8());
        pc.close();
        m_prometheus.setProcessChannelMode(QProcess::MergedChannels);
        m_prometheus.setStandardOutputFile(m_dir.filePath(QStringLiteral("prometheus.log")));
        m_prometheus.start(QStringLiteral("ip"),
                           {QStringLiteral("netns"), QStringLiteral("exec"), m_promNs, m_prometheusBin,
                            QStringLiteral("--config.file=") + promConf,
                            QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("tsdb")),
                            QStringLiteral("--web.listen-address=127.0.0.1:9090")});
        QVERIFY(m_prometheus.waitForStarted());

        // The exact set: every live address of each lab's expected.tsv (the scanner's own included), with the
        // site's network, all 1, and nothing else.
        Series expected;
        for (const Site &site : std::as_const(m_sites)) {
            QFile tsv(site.dir + QStringLiteral("/expected.tsv"));
            QVERIFY(tsv.open(QIODevice::ReadOnly));
            tsv.readLine();
            while (!tsv.atEnd()) {
                const QList<QByteArray> fields = tsv.readLine().trimmed().split('\t');
                if (fields.size() >= 2)
                    expected.insert(
                        {site.agentAddress + QStringLiteral(":9617"), QString::fromLatin1(fields[1]), site.target},
                        QStringLiteral("1"));
            }
        }
        QCOMPARE(expected.size(), 46);
        Series seen;
        QElapsedTimer sinceStart;
        sinceStart.start();
        QTRY_VERIFY2_WITH_TIMEOUT((seen = query(QStringLiteral("lanwatch_device_up"))) == expected,
                                  qPrintable(differences(seen, expected)), 60000);
        qInfo("both sites' exact series in Prometheus %lld ms after the agents started", sinceStart.elapsed());
        // Both instances are up for Prometheus, and the info series carry names and addresses.
        QCOMPARE(query(QStringLiteral("up{job=\"lanwatch\"} == 1")).size(), 2);
        const QByteArray nas = get(QStringLiteral("http://127.0.0.1:9090/api/v1/query?query=") +
                                   QString::fromLatin1(QUrl::toPercentEncoding(
                                       QStringLiteral("lanwatch_device_info{mac=\"00:11:32:00:00:04\"}"))));
        QVERIFY2(nas.contains("\"ip\":\"10.251.7.4\"") && nas.contains("\"ip\":\"10.251.8.4\"") &&
                     nas.contains("\"name\":\"nas.lab.test\""),
                 nas.constData());

        // Site a's .16 loses its link: its series turns 0 after the grace period; site b's .16 and all else stay 1.
        const QString downMac = QStringLiteral("3c:22:fb:00:00:10");
        QVERIFY(ns(QStringLiteral("lwaga-h16"), {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                                                 QStringLiteral("eth0"), QStringLiteral("down")}));
        QElapsedTimer sinceDown;
        sinceDown.start();
        const auto down =
            std::make_tuple(m_sites[0].agentAddress + QStringLiteral(":9617"), downMac, m_sites[0].target);
        Series after = expected;
        after[down] = QStringLiteral("0");
        QTRY_VERIFY2_WITH_TIMEOUT((seen = query(QStringLiteral("lanwatch_device_up"))) == after,
                                  qPrintable(differences(seen, after)), 60000);
        const qint64 ms = sinceDown.elapsed();
        const qint64 observedAt = QDateTime::currentMSecsSinceEpoch();
        qInfo(
            "lanwatch_device_up turned 0 in Prometheus %lld ms after the link went down (grace %d s, sweep every %d s)",
            ms, GraceS, IntervalS);
        // Not before the grace period after the device last answered (as Prometheus has it), and not much later
        // than the sweep after that.
        const QByteArray last =
            get(QStringLiteral("http://127.0.0.1:9090/api/v1/query?query=") +
                QString::fromLatin1(QUrl::toPercentEncoding(
                    QStringLiteral("lanwatch_device_last_seen_timestamp_seconds{instance=\"%1:9617\",mac=\"%2\"}")
                        .arg(m_sites[0].agentAddress, downMac))));
        const QJsonArray result =
            QJsonDocument::fromJson(last).object()[QStringLiteral("data")][QStringLiteral("result")].toArray();
        QCOMPARE(result.size(), 1);
        const double lastSeen = result.at(0)[QStringLiteral("value")].toArray().at(1).toString().toDouble();
        QVERIFY2(observedAt - qint64(lastSeen * 1000) >= GraceS * 1000,
                 qPrintable(QStringLiteral("%1 ms after last seen").arg(observedAt - qint64(lastSeen * 1000))));
        QVERIFY2(ms < (GraceS + IntervalS + 5) * 1000, qPrintable(QString::number(ms)));

        for (Site &site : m_sites) {
            qint64 stopMs = 0;
            QVERIFY(stopAgent(site, &stopMs));
            QVERIFY2(stopMs < 2000, qPrintable(QString::number(stopMs)));
        }
    }
};

QTEST_GUILESS_MAIN(TstAgentLab)
#include "tst_agent_lab.moc"
