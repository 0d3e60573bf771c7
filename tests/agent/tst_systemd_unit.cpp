// resources/systemd/lanwatch-agent.service: systemd-analyze verify finds nothing to say about it (its ExecStart
// pointed at the built agent, so the check includes the executable), and it keeps the privileges the README
// promises: its own user, only CAP_NET_RAW, no new privileges, a read-only system, /var/lib/lanwatch.
#include "LabSupport.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TstSystemdUnit : public QObject
{
    Q_OBJECT

    QString m_analyze;
    QTemporaryDir m_dir;
    QByteArray m_unit;

    // Writes text as lanwatch-agent.service in a folder of its own and returns what verify printed about it.
    QByteArray verify(const QByteArray &text, const QString &folder, int *exitCode)
    {
        QDir(m_dir.path()).mkpath(folder);
        const QString path = m_dir.filePath(folder + QStringLiteral("/lanwatch-agent.service"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return "cannot write " + path.toUtf8();
        f.write(text);
        f.close();
        const auto r = lanwatch::test::run(m_analyze, {QStringLiteral("verify"), QStringLiteral("--man=no"), path});
        *exitCode = r.exitCode;
        QByteArray about; // verify also reports on units it pulls in; only lines about ours count
        for (const QByteArray &line : QByteArray(r.out + '\n' + r.err).split('\n'))
            if (line.contains("lanwatch-agent"))
                about += line + '\n';
        return about;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
        LANWATCH_REQUIRE(!m_analyze.isEmpty(), "systemd-analyze is missing (systemd is not installed)");
        QVERIFY(m_dir.isValid());
        QFile unit(lanwatch::test::sourcePath("resources/systemd/lanwatch-agent.service"));
        QVERIFY(unit.open(QIODevice::ReadOnly));
        m_unit = unit.readAll();
        QVERIFY(m_unit.contains("ExecStart=/usr/local/bin/lanwatch-agent "));
        m_unit.replace("/usr/local/bin/lanwatch-agent", lanwatch::test::binaryPath("app/lanwatch-agent").toUtf8());
    }

    void verifies()
    {
        int rc = -1;
        const QByteArray said = verify(m_unit, QStringLiteral("good"), &rc);
        QCOMPARE(rc, 0);
        QVERIFY2(said.isEmpty(), said.constData());
    }

    // The check above can fail: verify exits 0 on a bad value and only says so, which is what is looked for.
    void aBrokenUnitIsCaught()
    {
        QByteArray broken = m_unit;
        broken.replace("NoNewPrivileges=yes", "NoNewPrivileges=perhaps");
        int rc = -1;
        const QByteArray said = verify(broken, QStringLiteral("broken"), &rc);
        QVERIFY2(said.contains("NoNewPrivileges") || said.contains("perhaps"), said.constData());
    }

    void privileges_data()
    {
        QTest::addColumn<QByteArray>("line");
        for (const char *line :
             {"User=lanwatch", "AmbientCapabilities=CAP_NET_RAW", "CapabilityBoundingSet=CAP_NET_RAW",
              "NoNewPrivileges=yes", "ProtectSystem=strict", "StateDirectory=lanwatch",
              "ExecReload=/bin/kill -HUP $MAINPID", "RestartPreventExitStatus=2"})
            QTest::newRow(line) << QByteArray(line);
    }

    void privileges()
    {
        QFETCH(QByteArray, line);
        QVERIFY(m_unit.contains(QByteArray('\n' + line + '\n')));
    }
};

QTEST_GUILESS_MAIN(TstSystemdUnit)
#include "tst_systemd_unit.moc"
