// ReverseResolver against a fake DNS server on loopback: answers, NXDOMAIN, silence, hostile bytes,
// spoofed answers, /etc/hosts and resolv.conf parsing, cancellation and the in-flight cap.
#include "core/net/ReverseResolver.h"

#include "FakeDnsServer.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lanwatch::net;
using lanwatch::test::dnsName;
using lanwatch::test::dnsRecord;
using lanwatch::test::dnsReply;
using lanwatch::test::FakeDnsServer;
using Status = ReverseResolver::Status;

namespace {

constexpr quint32 Target = 0x0a000207; // 10.0.2.7 -> 7.2.0.10.in-addr.arpa
constexpr int TypeCname = 5, TypePtr = 12;
const QByteArray AtQuestion("\xc0\x0c", 2);

struct Outcome
{
    int calls = 0;
    QString name;
    Status status = Status::Error;
    QString error;
};

} // namespace

class TstReverseResolver : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeDnsServer> m_server;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(bytes);
        return path;
    }

    ReverseResolver::Config config(int timeoutMs = 5000, int attempts = 2)
    {
        ReverseResolver::Config c;
        c.hostsPath = writeFile(QStringLiteral("hosts"), "127.0.0.1 localhost\n");
        c.resolvConfPath =
            writeFile(QStringLiteral("resolv.conf"), "nameserver " + m_server->address().toString().toLatin1() + "\n");
        c.port = m_server->port();
        c.timeoutMs = timeoutMs;
        c.attempts = attempts;
        return c;
    }

    static void lookup(ReverseResolver &resolver, quint32 ip, Outcome *out, QObject *context = nullptr)
    {
        resolver.lookup(ip, context, [out](const QString &name, Status status, const QString &error) {
            ++out->calls;
            out->name = name;
            out->status = status;
            out->error = error;
        });
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeDnsServer>();
        QVERIFY(m_server->listen(QHostAddress(QStringLiteral("127.0.0.83"))));
    }
    void cleanup() { m_server.reset(); }

    void answersAPtr_data()
    {
        QTest::addColumn<QByteArray>("ptr");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QByteArray("printer.lan") << QStringLiteral("printer.lan");
        QTest::newRow("case kept") << QByteArray("NAS.Home.Arpa") << QStringLiteral("NAS.Home.Arpa");
        // A hostile name cannot put escape sequences on the user's terminal or fake a label boundary.
        QTest::newRow("control bytes") << QByteArray("evil\x1b[31m.lan") << QStringLiteral("evil\\027\\09131m.lan");
    }
    void answersAPtr()
    {
        QFETCH(QByteArray, ptr);
        QFETCH(QString, expected);
        m_server->answer = [ptr](const QByteArray &q) {
            return QList<QByteArray>{dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, dnsName(ptr))})};
        };
        ReverseResolver resolver(config());
        Outcome out;
        lookup(resolver, Target, &out);
        QTRY_COMPARE(out.calls, 1);
        QCOMPARE(out.status, Status::Found);
        QCOMPARE(out.name, expected);
        QCOMPARE(m_server->queries.size(), 1);
        // The question is the reversed address under in-addr.arpa, type PTR, class IN, recursion desired.
        const QByteArray q = m_server->queries.first();
        QCOMPARE(q.mid(2, 2), QByteArray("\x01\x00", 2));
        QCOMPARE(q.mid(12), dnsName("7.2.0.10.in-addr.arpa") + QByteArray("\0\x0c\0\x01", 4));
        QVERIFY(resolver.silentServers().isEmpty());
    }

    void nxdomainAndNoPtrAreNoName()
    {
        ReverseResolver resolver(config());
        m_server->answer = [](const QByteArray &q) { return QList<QByteArray>{dnsReply(q, 3, {})}; };
        Outcome nx;
        lookup(resolver, Target, &nx);
        QTRY_COMPARE(nx.calls, 1);
        QCOMPARE(nx.status, Status::NoName);
        QVERIFY(nx.name.isEmpty());

        // NOERROR with only an unrelated record (an A record for the same owner).
        m_server->answer = [](const QByteArray &q) {
            return QList<QByteArray>{dnsReply(q, 0, {dnsRecord(AtQuestion, 1, QByteArray("\x0a\0\x02\x07", 4))})};
        };
        Outcome empty;
        lookup(resolver, Target, &empty);
        QTRY_COMPARE(empty.calls, 1);
        QCOMPARE(empty.status, Status::NoName);
    }

    void silentServerTimesOutAfterEveryTry()
    {
        ReverseResolver resolver(config(150, 2));
        QSignalSpy silent(&resolver, &ReverseResolver::serverSilent);
        Outcome out;
        lookup(resolver, Target, &out);
        QTRY_COMPARE(out.calls, 1);
        QCOMPARE(out.status, Status::Timeout);
        QCOMPARE(out.error, QStringLiteral("no answer from 127.0.0.83 within 0.15 s"));
        QCOMPARE(m_server->queries.size(), 2); // both tries were sent
        QCOMPARE(silent.size(), 1);            // said once per server
        QCOMPARE(silent.first().first().value<QHostAddress>(), m_server->address());
        QCOMPARE(resolver.silentServers(), QList<QHostAddress>{m_server->address()});
    }

    void spoofedAnswersAreIgnored_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("wrong id") << QStringLiteral("id");
        QTest::newRow("wrong question") << QStringLiteral("question");
        QTest::newRow("not a response") << QStringLiteral("query");
        QTest::newRow("junk bytes") << QStringLiteral("junk");
        QTest::newRow("question with a pointer loop") << QStringLiteral("qloop");
        QTest::newRow("from another address") << QStringLiteral("address");
    }
    void spoofedAnswersAreIgnored()
    {
        // The bad datagram comes first, then the real answer: only the real one may count.
        QFETCH(QString, kind);
        QUdpSocket other;
        QVERIFY(other.bind(QHostAddress(QStringLiteral("127.0.0.84")), m_server->port()));
        FakeDnsServer *server = m_server.get();
        m_server->answer = [kind, server, &other](const QByteArray &q) {
            const QByteArray evil = dnsRecord(AtQuestion, TypePtr, dnsName("evil.example"));
            const QByteArray good = dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, dnsName("good.lan"))});
            QByteArray bad;
            if (kind == QLatin1String("id")) {
                bad = dnsReply(q, 0, {evil}, 0, 1);
            } else if (kind == QLatin1String("question")) {
                QByteArray otherQuestion = q.left(12) + dnsName("8.2.0.10.in-addr.arpa") + q.right(4);
                bad = dnsReply(otherQuestion, 0, {evil});
            } else if (kind == QLatin1String("query")) {
                bad = dnsReply(q, 0, {evil});
                bad[2] = char(bad[2] & 0x7f); // QR clear
            } else if (kind == QLatin1String("junk")) {
                bad = q.left(2) + QByteArray("\xff\xff\xff", 3);
            } else if (kind == QLatin1String("qloop")) {
                bad = dnsReply(q, 0, {evil}).left(12) + QByteArray("\xc0\x0c\0\x0c\0\x01", 6);
            } else {
                other.writeDatagram(dnsReply(q, 0, {evil}), server->lastSender, server->lastSenderPort);
                return QList<QByteArray>{good};
            }
            return QList<QByteArray>{bad, good};
        };
        ReverseResolver resolver(config());
        Outcome out;
        lookup(resolver, Target, &out);
        QTRY_COMPARE(out.calls, 1);
        QCOMPARE(out.status, Status::Found);
        QCOMPARE(out.name, QStringLiteral("good.lan"));
    }

    void hostileAnswersAreErrors_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("error");
        QTest::newRow("pointer loop") << QStringLiteral("loop") << QStringLiteral("does not point backwards (a loop)");
        QTest::newRow("forward pointer") << QStringLiteral("forward")
                                         << QStringLiteral("does not point backwards (a loop)");
        QTest::newRow("truncated record")
            << QStringLiteral("cut") << QStringLiteral("runs past the end of the message");
        QTest::newRow("oversized label") << QStringLiteral("label") << QStringLiteral("reserved type");
        QTest::newRow("rdata longer than the name")
            << QStringLiteral("rdlen") << QStringLiteral("does not fill its data");
        QTest::newRow("TC bit") << QStringLiteral("tc")
                                << QStringLiteral("truncated (TC bit); lanwatch does not retry over TCP");
    }
    void hostileAnswersAreErrors()
    {
        QFETCH(QString, kind);
        QFETCH(QString, error);
        m_server->answer = [kind](const QByteArray &q) {
            const int answerAt = int(q.size()); // the answer starts right after the question
            QByteArray r;
            if (kind == QLatin1String("loop")) {
                // The PTR data is a pointer to itself.
                const int rdataAt = answerAt + 12;
                r = dnsReply(q, 0,
                             {dnsRecord(AtQuestion, TypePtr,
                                        QByteArray(1, char(0xc0 | (rdataAt >> 8))) + char(rdataAt & 0xff))});
            } else if (kind == QLatin1String("forward")) {
                r = dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, QByteArray("\xc0\xff", 2))});
            } else if (kind == QLatin1String("cut")) {
                r = dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, dnsName("printer.lan"))});
                r.chop(5);
            } else if (kind == QLatin1String("label")) {
                r = dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, QByteArray("\x50") + QByteArray(80, 'a') + '\0')});
            } else if (kind == QLatin1String("rdlen")) {
                r = dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, dnsName("printer.lan") + "junk")});
            } else {
                r = dnsReply(q, 0, {}, 0x0200);
            }
            return QList<QByteArray>{r};
        };
        ReverseResolver resolver(config());
        Outcome out;
        lookup(resolver, Target, &out);
        QTRY_COMPARE(out.calls, 1);
        QCOMPARE(out.status, Status::Error);
        QVERIFY2(out.error.contains(error), qPrintable(out.error));
        QVERIFY2(out.error.contains(QStringLiteral("127.0.0.83")), qPrintable(out.error));
    }

    void followsOneClasslessDelegationAlias()
    {
        // RFC 2317: 7.2.0.10.in-addr.arpa is a CNAME to 7.0/26.2.0.10.in-addr.arpa, where the PTR lives.
        m_server->answer = [](const QByteArray &q) {
            const QByteArray question = q.mid(12, q.size() - 16);
            if (question == dnsName("7.2.0.10.in-addr.arpa"))
                return QList<QByteArray>{
                    dnsReply(q, 0, {dnsRecord(AtQuestion, TypeCname, dnsName("7.0/26.2.0.10.in-addr.arpa"))})};
            if (question == dnsName("7.0/26.2.0.10.in-addr.arpa"))
                return QList<QByteArray>{dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, dnsName("cam.lan"))})};
            return QList<QByteArray>{dnsReply(q, 3, {})};
        };
        ReverseResolver resolver(config());
        Outcome out;
        lookup(resolver, Target, &out);
        QTRY_COMPARE(out.calls, 1);
        QCOMPARE(out.status, Status::Found);
        QCOMPARE(out.name, QStringLiteral("cam.lan"));
        QCOMPARE(m_server->queries.size(), 2);

        // The alias and its PTR in one answer need no second query.
        m_server->queries.clear();
        m_server->answer = [](const QByteArray &q) {
            const QByteArray alias = dnsName("7.0/26.2.0.10.in-addr.arpa");
            return QList<QByteArray>{dnsReply(
                q, 0, {dnsRecord(AtQuestion, TypeCname, alias), dnsRecord(alias, TypePtr, dnsName("cam2.lan"))})};
        };
        Outcome one;
        lookup(resolver, Target, &one);
        QTRY_COMPARE(one.calls, 1);
        QCOMPARE(one.name, QStringLiteral("cam2.lan"));
        QCOMPARE(m_server->queries.size(), 1);

        // Only one alias is followed: a chain of them ends as "no name", not as a loop.
        m_server->queries.clear();
        m_server->answer = [](const QByteArray &q) {
            return QList<QByteArray>{
                dnsReply(q, 0, {dnsRecord(AtQuestion, TypeCname, dnsName("x.7.2.0.10.in-addr.arpa"))})};
        };
        Outcome chain;
        lookup(resolver, Target, &chain);
        QTRY_COMPARE(chain.calls, 1);
        QCOMPARE(chain.status, Status::NoName);
        QCOMPARE(m_server->queries.size(), 2);
    }

    void hostsFileComesFirst()
    {
        ReverseResolver::Config c = config();
        c.hostsPath = writeFile(QStringLiteral("hosts.fixture"), "# comment line\n"
                                                                 "127.0.0.1\tlocalhost\n"
                                                                 "this is junk\n"
                                                                 "\n"
                                                                 "   10.0.2.7   nas.lan nas   # trailing comment\n"
                                                                 "10.0.2.7 second.lan\n"
                                                                 "::1 localhost ip6-localhost\n"
                                                                 "999.1.1.1 broken\n"
                                                                 "10.0.2.8\n"
                                                                 "0x0a.0.2.9 hex\n");
        m_server->answer = [](const QByteArray &q) { return QList<QByteArray>{dnsReply(q, 3, {})}; };
        ReverseResolver resolver(c);
        Outcome nas, local, bare, hex;
        lookup(resolver, Target, &nas);
        lookup(resolver, 0x7f000001, &local);
        lookup(resolver, 0x0a000208, &bare);
        lookup(resolver, 0x0a000209, &hex);
        QTRY_VERIFY(nas.calls == 1 && local.calls == 1 && bare.calls == 1 && hex.calls == 1);
        QCOMPARE(nas.name, QStringLiteral("nas.lan")); // the first line for an address wins
        QCOMPARE(local.name, QStringLiteral("localhost"));
        QCOMPARE(bare.status, Status::NoName); // junk lines were skipped, so these went to DNS
        QCOMPARE(hex.status, Status::NoName);
        QCOMPARE(m_server->queries.size(), 2);
    }

    void resolvConfIsReadAndCapped_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("servers");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<int>("attempts");
        QTest::newRow("long timeouts are capped") << QByteArray("nameserver 192.0.2.1\noptions timeout:30 attempts:5\n")
                                                  << QStringList{"192.0.2.1"} << 1500 << 2;
        QTest::newRow("shorter ones are kept")
            << QByteArray("options timeout:1 attempts:1 rotate\nnameserver 192.0.2.1\n") << QStringList{"192.0.2.1"}
            << 1000 << 1;
        QTest::newRow("IPv4 and IPv6, junk, comments, three at most")
            << QByteArray("# comment\n; another\nsearch lan\ndomain lan\nnameserver 2001:db8::53\nnameserver bogus\n"
                          "nameserver\nnameserver 192.0.2.1 # trailing\nnameserver 192.0.2.2\nnameserver 192.0.2.3\n"
                          "options timeout:x attempts:-1\n")
            << QStringList{"2001:db8::53", "192.0.2.1", "192.0.2.2"} << 1500 << 2;
        QTest::newRow("no nameserver: localhost, as glibc")
            << QByteArray("search lan\n") << QStringList{"127.0.0.1"} << 1500 << 2;
    }
    void resolvConfIsReadAndCapped()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, servers);
        QFETCH(int, timeoutMs);
        QFETCH(int, attempts);
        ReverseResolver::Config c;
        c.hostsPath = m_dir.filePath(QStringLiteral("missing-hosts"));
        c.resolvConfPath = writeFile(QStringLiteral("resolv.conf"), text);
        ReverseResolver resolver(c);
        QStringList got;
        for (const QHostAddress &a : resolver.servers())
            got << a.toString();
        QCOMPARE(got, servers);
        QCOMPARE(resolver.timeoutMs(), timeoutMs);
        QCOMPARE(resolver.attempts(), attempts);
    }

    void triesRotateOverServers()
    {
        // The first server is silent; the second try goes to the second server, which answers.
        FakeDnsServer second;
        QVERIFY(second.listen(QHostAddress(QStringLiteral("127.0.0.85")), m_server->port()));
        second.answer = [](const QByteArray &q) {
            return QList<QByteArray>{dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, dnsName("second.lan"))})};
        };
        ReverseResolver::Config c = config(150, 2);
        c.resolvConfPath = writeFile(QStringLiteral("resolv.conf"), "nameserver 127.0.0.83\nnameserver 127.0.0.85\n");
        ReverseResolver resolver(c);
        QSignalSpy silent(&resolver, &ReverseResolver::serverSilent);
        Outcome out;
        lookup(resolver, Target, &out);
        QTRY_COMPARE(out.calls, 1);
        QCOMPARE(out.name, QStringLiteral("second.lan"));
        QCOMPARE(m_server->queries.size(), 1);
        QCOMPARE(second.queries.size(), 1);
        QCOMPARE(silent.size(), 1);
        QCOMPARE(resolver.silentServers(), QList<QHostAddress>{m_server->address()});
    }

    void cancelAllDropsEveryCallback()
    {
        m_server->answer = [](const QByteArray &) { return QList<QByteArray>{}; };
        ReverseResolver resolver(config(100, 1));
        Outcome onWire, fromHosts;
        lookup(resolver, Target, &onWire);
        QTRY_COMPARE(m_server->queries.size(), 1);
        lookup(resolver, 0x7f000001, &fromHosts); // its answer is already queued for delivery
        resolver.cancelAll();
        QCOMPARE(resolver.inFlight(), 0);
        // A later lookup on the same resolver times out after the cancelled one would have: proof enough
        // that the cancelled callbacks never run.
        Outcome later;
        lookup(resolver, Target, &later);
        QTRY_COMPARE(later.calls, 1);
        QCOMPARE(later.status, Status::Timeout);
        QCOMPARE(onWire.calls, 0);
        QCOMPARE(fromHosts.calls, 0);
    }

    void destructionDropsEveryCallback()
    {
        m_server->answer = [](const QByteArray &) { return QList<QByteArray>{}; };
        Outcome gone, goneHosts, deadContext, witness;
        auto resolver = std::make_unique<ReverseResolver>(config(100, 1));
        lookup(*resolver, Target, &gone);
        QTRY_COMPARE(m_server->queries.size(), 1);
        lookup(*resolver, 0x7f000001, &goneHosts); // its answer is already queued for delivery
        resolver.reset();                          // returns at once, waits for nothing

        // A destroyed context drops its callback too, while the resolver lives on.
        ReverseResolver alive(config(100, 1));
        auto context = std::make_unique<QObject>();
        lookup(alive, Target, &deadContext, context.get());
        context.reset();
        lookup(alive, Target, &witness);
        QTRY_COMPARE(witness.calls, 1);
        QCOMPARE(witness.status, Status::Timeout);
        QCOMPARE(gone.calls, 0);
        QCOMPARE(goneHosts.calls, 0);
        QCOMPARE(deadContext.calls, 0);
    }

    void inFlightIsCapped()
    {
        m_server->hold = true;
        m_server->answer = [](const QByteArray &q) {
            return QList<QByteArray>{dnsReply(q, 0, {dnsRecord(AtQuestion, TypePtr, dnsName("h.lan"))})};
        };
        ReverseResolver::Config c = config();
        c.maxInFlight = 4;
        ReverseResolver resolver(c);
        QList<Outcome> outs(10);
        for (int i = 0; i < outs.size(); ++i)
            lookup(resolver, Target + quint32(i), &outs[i]);
        QCOMPARE(resolver.inFlight(), 4);
        QCOMPARE(resolver.queued(), 6);
        QTRY_COMPARE(m_server->queries.size(), 4);
        m_server->release(); // answers the held four, then each new query as it comes
        QTRY_VERIFY(std::all_of(outs.cbegin(), outs.cend(), [](const Outcome &o) { return o.calls == 1; }));
        QCOMPARE(m_server->queries.size(), 10);
        QCOMPARE(resolver.inFlight(), 0);
        QCOMPARE(resolver.queued(), 0);
        for (const Outcome &o : std::as_const(outs))
            QCOMPARE(o.name, QStringLiteral("h.lan"));
    }
};

QTEST_GUILESS_MAIN(TstReverseResolver)
#include "tst_reverseresolver.moc"
