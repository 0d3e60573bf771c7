// End to end: the real `lanwatch --scan <lab /24>` inside the namespace LAN, under Xvfb with a tray
// host (trayer). The dumped table must hold exactly the lab's hosts, the tray icon must be embedded
// in the tray, and a screenshot is saved as a test artifact.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class TstGuiE2e : public QObject
{
    Q_OBJECT

private:
    QString m_ns, m_target, m_labDir;
    QString m_display;
    QTemporaryDir m_tmp;
    QProcess m_xvfb, m_trayer, m_app;
    bool m_labUp = false;

    QString run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral("ip"),
                QStringList{QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("env"),
                            QStringLiteral("DISPLAY=") + m_display, program} +
                    args);
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }
    void startInLab(QProcess &p, const QString &program, const QStringList &args)
    {
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QStringLiteral("ip"),
                QStringList{QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("env"),
                            QStringLiteral("DISPLAY=") + m_display, QStringLiteral("LANG=C.UTF-8"), program} +
                    args);
    }
    static void stop(QProcess &p)
    {
        if (p.state() == QProcess::NotRunning)
            return;
        p.terminate();
        if (!p.waitForFinished(5000)) {
            p.kill();
            p.waitForFinished(2000);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "building network namespaces needs root (run the suite as root)");
        for (const char *tool : {"Xvfb", "trayer", "xwininfo", "import"})
            LANWATCH_REQUIRE(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                             QStringLiteral("%1 is missing (bash scripts/bootstrap.sh deps installs it)")
                                 .arg(QString::fromLatin1(tool)));
        QProcess up;
        up.start(QStringLiteral("bash"),
                 {lanwatch::test::sourcePath("tests/lab/lab.sh"), QStringLiteral("up"), QStringLiteral("tgui")});
        QVERIFY(up.waitForFinished(120000));
        LANWATCH_REQUIRE(up.exitCode() == 0, QStringLiteral("the namespace lab could not be built: ") +
                                                 QString::fromUtf8(up.readAllStandardError()));
        m_labUp = true;
        for (const QString &line : QString::fromUtf8(up.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("LAB_NS=")))
                m_ns = line.section(QLatin1Char('='), 1);
            else if (line.startsWith(QLatin1String("LAB_TARGET=")))
                m_target = line.section(QLatin1Char('='), 1);
            else if (line.startsWith(QLatin1String("LAB_DIR=")))
                m_labDir = line.section(QLatin1Char('='), 1);
        }
        QVERIFY(!m_ns.isEmpty() && !m_target.isEmpty());

        // A display number of our own: the X socket is a file, reachable from the lab namespace.
        const int display = 90 + int(::getpid() % 100);
        m_display = QStringLiteral(":%1").arg(display);
        QFile::remove(QStringLiteral("/tmp/.X11-unix/X%1").arg(display));
        startInLab(m_xvfb, QStringLiteral("Xvfb"),
                   {m_display, QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1280x800x24"),
                    QStringLiteral("-nolisten"), QStringLiteral("tcp")});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(display)), 15000);
        startInLab(m_trayer, QStringLiteral("trayer"),
                   {QStringLiteral("--edge"), QStringLiteral("top"), QStringLiteral("--align"), QStringLiteral("right"),
                    QStringLiteral("--widthtype"), QStringLiteral("pixel"), QStringLiteral("--width"),
                    QStringLiteral("120"), QStringLiteral("--heighttype"), QStringLiteral("pixel"),
                    QStringLiteral("--height"), QStringLiteral("28")});
        QTRY_VERIFY_WITH_TIMEOUT(run(QStringLiteral("xwininfo"), {QStringLiteral("-root"), QStringLiteral("-tree")})
                                     .contains(QStringLiteral("\"trayer\")")),
                                 15000);
    }

    void cleanupTestCase()
    {
        stop(m_app);
        stop(m_trayer);
        stop(m_xvfb);
        if (m_labUp)
            QProcess::execute(QStringLiteral("bash"), {lanwatch::test::sourcePath("tests/lab/lab.sh"),
                                                       QStringLiteral("down"), QStringLiteral("tgui")});
    }

    void scanShowsExactlyTheLabAndSitsInTheTray()
    {
        const QString dump = m_tmp.filePath(QStringLiteral("hosts.json"));
        startInLab(m_app, lanwatch::test::binaryPath("app/lanwatch"),
                   {QStringLiteral("--scan"), m_target, QStringLiteral("--dump-hosts"), dump,
                    QStringLiteral("--settings"), m_tmp.filePath(QStringLiteral("settings.ini"))});
        QVERIFY(m_app.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dump), 30000); // written when the scan has finished

        // The window's table holds exactly the lab's hosts, with their MACs.
        QFile f(dump);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QMap<QString, QString> shown;
        for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).array())
            shown.insert(v.toObject().value(QStringLiteral("ip")).toString(),
                         v.toObject().value(QStringLiteral("mac")).toString());
        QMap<QString, QString> expected;
        QFile tsv(m_labDir + QStringLiteral("/expected.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        tsv.readLine();
        while (!tsv.atEnd()) {
            const QStringList c = QString::fromUtf8(tsv.readLine()).trimmed().split(QLatin1Char('\t'));
            if (c.size() >= 2)
                expected.insert(c[0], c[1]);
        }
        QCOMPARE(shown, expected);

        // The tray icon is embedded: a lanwatch window is a child of trayer's panel.
        const QString tree = run(QStringLiteral("xwininfo"), {QStringLiteral("-root"), QStringLiteral("-tree")});
        const qsizetype panel = tree.indexOf(QStringLiteral("(\"panel\" \"trayer\")"));
        QVERIFY2(panel >= 0, qPrintable(tree));
        const QString afterPanel = tree.mid(panel, 400);
        QVERIFY2(afterPanel.contains(QStringLiteral("\"lanwatch\"")), qPrintable(afterPanel));
        // And the main window is on screen.
        QVERIFY(tree.contains(QStringLiteral("\"lanwatch\": (\"lanwatch\" \"lanwatch\")")));

        const QString artifacts = lanwatch::test::binaryPath("artifacts");
        QDir().mkpath(artifacts);
        QProcess::execute(QStringLiteral("ip"),
                          {QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("import"),
                           QStringLiteral("-display"), m_display, QStringLiteral("-window"), QStringLiteral("root"),
                           artifacts + QStringLiteral("/gui-e2e.png")});
        QVERIFY(QFileInfo(artifacts + QStringLiteral("/gui-e2e.png")).size() > 10000);
    }
};

QTEST_GUILESS_MAIN(TstGuiE2e)
#include "tst_gui_e2e.moc"
