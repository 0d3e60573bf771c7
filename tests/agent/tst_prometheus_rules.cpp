// resources/prometheus: the alert rules pass promtool check rules and their promtool unit tests, and every
// lanwatch_* series they use is one the agent exports with a sync pair configured (a renamed metric would
// otherwise silence an alert).
#include "agent/Metrics.h"
#include "core/monitor/DeviceStore.h"

#include "LabSupport.h"
#include "TestSupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch;

class TstPrometheusRules : public QObject
{
    Q_OBJECT

    QString m_promtool;

private Q_SLOTS:
    void initTestCase()
    {
        m_promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        LANWATCH_REQUIRE(!m_promtool.isEmpty(),
                         "promtool is missing (Debian package prometheus): scripts/bootstrap.sh deps");
    }

    void checkRules()
    {
        const auto r = test::run(m_promtool, {QStringLiteral("check"), QStringLiteral("rules"),
                                              test::sourcePath("resources/prometheus/lanwatch-rules.yml")});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY2(r.out.contains("SUCCESS: 8 rules found"), r.out.constData());
    }

    void unitTests()
    {
        const auto r = test::run(m_promtool, {QStringLiteral("test"), QStringLiteral("rules"),
                                              test::sourcePath("resources/prometheus/lanwatch-rules.test.yml")});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    }

    void rulesUseExportedSeries()
    {
        QFile rules(test::sourcePath("resources/prometheus/lanwatch-rules.yml"));
        QVERIFY(rules.open(QIODevice::ReadOnly));
        QSet<QString> used;
        const QString text = QString::fromUtf8(rules.readAll());
        static const QRegularExpression name(QStringLiteral("\\blanwatch_[a-z_]+"));
        for (auto it = name.globalMatch(text); it.hasNext();)
            used.insert(it.next().captured());
        QVERIFY(used.contains(QStringLiteral("lanwatch_device_up")));

        QTemporaryDir dir;
        auto store = monitor::DeviceStore::open(dir.filePath(QStringLiteral("d.sqlite")));
        QVERIFY(store);
        sync::SyncPair pair;
        pair.id = QStringLiteral("docs");
        pair.destination = dir.path();
        const auto page = agent::renderMetrics(*store.value(), {{QStringLiteral("10.0.0.0/24"), 60}}, {}, {pair});
        QVERIFY(page);
        QSet<QString> exported;
        for (const QByteArray &line : page->split('\n'))
            if (line.startsWith("# TYPE "))
                exported.insert(QString::fromLatin1(line.split(' ').at(2)));
        for (const QString &n : std::as_const(used))
            QVERIFY2(exported.contains(n), qPrintable(n));
    }
};

QTEST_GUILESS_MAIN(TstPrometheusRules)
#include "tst_prometheus_rules.moc"
