// Least privilege on the namespace LAN (tests/lab/lab.sh): as 'nobody', lanwatch-cli finds every host by ARP
// with a copy of lanwatch-netcap that alone carries cap_net_raw+ep, and without it falls back as before.
#include "LabSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <unistd.h>

using namespace lanwatch;

class TstNetcapLab : public QObject
{
    Q_OBJECT

private:
    QString m_ns, m_target, m_labDir;
    QTemporaryDir m_bin; // world-readable copies: nobody runs them, and only the helper copy gets the capability
    QString m_cli, m_helper;
    bool m_labUp = false;
    struct Host
    {
        QString mac, role;
    };
    QMap<QString, Host> m_expected;

    test::Run scanAsNobody()
    {
        return test::run(QStringLiteral("ip"),
                         {QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("setpriv"),
                          QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                          QStringLiteral("--clear-groups"), m_cli, QStringLiteral("scan"), m_target,
                          QStringLiteral("--json"), QStringLiteral("--no-dns")});
    }

    static void copyExecutable(const QString &from, const QString &to)
    {
        QVERIFY(QFile::copy(from, to));
        QVERIFY(QFile::setPermissions(to, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                                              QFile::ReadOther | QFile::ExeOther));
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "building network namespaces and setcap need root");
        LANWATCH_LAB_UP(values, m_labUp, QStringLiteral("ncap"), {QStringLiteral("--subnet"), QStringLiteral("11")});
        m_ns = values.value(QStringLiteral("LAB_NS"));
        m_target = values.value(QStringLiteral("LAB_TARGET"));
        m_labDir = values.value(QStringLiteral("LAB_DIR"));
        QVERIFY(!m_ns.isEmpty() && !m_target.isEmpty());
        QFile expected(m_labDir + QStringLiteral("/expected.tsv"));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        expected.readLine(); // header
        while (!expected.atEnd()) {
            const QStringList c = QString::fromUtf8(expected.readLine()).trimmed().split(QLatin1Char('\t'));
            if (c.size() >= 7)
                m_expected.insert(c[0], {c[1], c[6]});
        }
        QVERIFY(m_expected.size() >= 13);

        QVERIFY(m_bin.isValid());
        QVERIFY(QFile::setPermissions(m_bin.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                        QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                        QFile::ExeOther));
        m_cli = m_bin.filePath(QStringLiteral("lanwatch-cli"));
        m_helper = m_bin.filePath(QStringLiteral("lanwatch-netcap"));
        copyExecutable(test::binaryPath("app/lanwatch-cli"), m_cli);
        copyExecutable(test::binaryPath("app/lanwatch-netcap"), m_helper);
        const test::Run setcap = test::run(QStringLiteral("setcap"), {QStringLiteral("cap_net_raw+ep"), m_helper});
        LANWATCH_REQUIRE(setcap.exitCode == 0, QStringLiteral("setcap failed: ") + QString::fromUtf8(setcap.err));
        const test::Run getcap = test::run(QStringLiteral("getcap"), {m_helper, m_cli});
        QCOMPARE(QString::fromUtf8(getcap.out).trimmed(), m_helper + QStringLiteral(" cap_net_raw=ep"));
    }

    void cleanupTestCase()
    {
        if (m_labUp)
            QCOMPARE(test::lab(QStringLiteral("down"), QStringLiteral("ncap")).exitCode, 0);
    }

    // The helper next to the CLI hands it the ARP sockets: every host, each found by ARP with its MAC,
    // also those that drop every IPv4 packet; and nothing is said about missing privileges.
    void nobodyWithHelperFindsHostsByArp()
    {
        const test::Run run = scanAsNobody();
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!run.err.contains("CAP_NET_RAW"), run.err.constData());
        QMap<QString, QJsonObject> found;
        for (const QJsonValue &v : QJsonDocument::fromJson(run.out).array())
            found.insert(v.toObject().value(QStringLiteral("ip")).toString(), v.toObject());
        QCOMPARE(QStringList(found.keys()), QStringList(m_expected.keys()));
        for (auto it = m_expected.cbegin(); it != m_expected.cend(); ++it) {
            const QJsonObject h = found.value(it.key());
            QCOMPARE(h.value(QStringLiteral("mac")).toString(), it->mac);
            const bool self = it->role == QLatin1String("scanner");
            QCOMPARE(h.value(QStringLiteral("found_by")).toString(),
                     self ? QStringLiteral("local") : QStringLiteral("arp"));
        }
    }

    // The helper refuses a whole request with a name it does not accept ('+' is legal for the kernel, not for
    // the helper); the sweep then asks for each interface alone, so the lab's interface keeps its ARP.
    void oneRefusedInterfaceLeavesTheOthersTheirArp()
    {
        const QString odd = QStringLiteral("nc+odd");
        auto ipIn = [this](const QStringList &args) {
            return test::run(QStringLiteral("ip"), QStringList{QStringLiteral("-n"), m_ns} + args).exitCode;
        };
        // A veth pair with both ends in the scanner's namespace (no dummy module here): nothing leaves it.
        QCOMPARE(
            ipIn({QStringLiteral("link"), QStringLiteral("add"), odd, QStringLiteral("type"), QStringLiteral("veth"),
                  QStringLiteral("peer"), QStringLiteral("name"), QStringLiteral("nc-oddpeer")}),
            0);
        const auto removeOdd = qScopeGuard([&] { ipIn({QStringLiteral("link"), QStringLiteral("del"), odd}); });
        QCOMPARE(ipIn({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("10.252.11.1/29"),
                       QStringLiteral("dev"), odd}),
                 0);
        QCOMPARE(ipIn({QStringLiteral("link"), QStringLiteral("set"), odd, QStringLiteral("up")}), 0);
        QCOMPARE(
            ipIn({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("nc-oddpeer"), QStringLiteral("up")}),
            0);
        const test::Run run =
            test::run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), m_ns,
                                             QStringLiteral("setpriv"), QStringLiteral("--reuid=nobody"),
                                             QStringLiteral("--regid=nogroup"), QStringLiteral("--clear-groups"), m_cli,
                                             QStringLiteral("scan"), m_target + QStringLiteral(",10.252.11.2-6"),
                                             QStringLiteral("--json"), QStringLiteral("--no-dns")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("ARP on nc+odd is not available") && run.err.contains("not an interface name"),
                 run.err.constData());
        int byArp = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(run.out).array())
            byArp += v.toObject().value(QStringLiteral("found_by")).toString() == QLatin1String("arp");
        QCOMPARE(byArp, m_expected.size() - 1); // every lab host but the scanner itself
    }

    // The same user without a capable helper: no ARP at all, and it says why (the fallback of today).
    void nobodyWithoutCapableHelperHasNoArp()
    {
        QVERIFY(test::run(QStringLiteral("setcap"), {QStringLiteral("-r"), m_helper}).exitCode == 0);
        const test::Run run = scanAsNobody();
        QVERIFY(test::run(QStringLiteral("setcap"), {QStringLiteral("cap_net_raw+ep"), m_helper}).exitCode == 0);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("CAP_NET_RAW"), run.err.constData());
        for (const QJsonValue &v : QJsonDocument::fromJson(run.out).array())
            QVERIFY(v.toObject().value(QStringLiteral("found_by")).toString() != QLatin1String("arp"));
    }

    // The monitor's passive listener gets its ARP+DHCP socket from the helper too, instead of falling back
    // to the neighbour table.
    void nobodyMonitorListensOnPackets()
    {
        const QString db = m_bin.filePath(QStringLiteral("db"));
        QVERIFY(QDir().mkpath(db));
        QCOMPARE(test::run(QStringLiteral("chown"), {QStringLiteral("nobody:nogroup"), db}).exitCode, 0);
        QProcess p;
        p.start(QStringLiteral("ip"),
                {QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("setpriv"),
                 QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"), QStringLiteral("--clear-groups"),
                 m_cli, QStringLiteral("monitor"), m_target, QStringLiteral("--json"), QStringLiteral("--db"),
                 db + QStringLiteral("/nobody.sqlite")});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).count('\n') >= m_expected.size(), 30000);
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(!err.contains("neighbour table instead"), err.constData());
        QVERIFY2(!err.contains("CAP_NET_RAW"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TstNetcapLab)
#include "tst_netcap_lab.moc"
