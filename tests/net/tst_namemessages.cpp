// The mDNS and NetBIOS side of DnsMessage: queries byte for byte, and real answers (captured from
// avahi-daemon 0.8 and Samba 4.17's nmbd in the lab) parsed; broken ones rejected.
#include "core/net/DnsMessage.h"

#include <QTest>

using namespace lanwatch::net;

namespace {

DnsMessage parse(const QByteArray &bytes)
{
    return parseMessage(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()));
}

NodeStatus status(const QByteArray &bytes, quint16 id)
{
    return parseNodeStatus(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()), id);
}

// nmbd's answer to node status id 7: WORKPC <00> <03> <20>, LAB <00> <1e> (group), MAC all zero.
const QByteArray NmbdAnswer = QByteArray::fromHex(
    "00078400000000010000000020434b4141414141414141414141414141414141414141414141414141414141410000210001000000000089"
    "05574f524b5043202020202020202020000400574f524b5043202020202020202020030400574f524b50432020202020202020202004004c"
    "41422020202020202020202020200084004c41422020202020202020202020201e8400000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000");

// avahi's multicast answer to the reverse PTR of 10.251.7.16: no question, one PTR with the cache-flush bit.
const QByteArray AvahiAnswer = QByteArray::fromHex("0000840000000001000000000231360137033235310231300769"
                                                   "6e2d61646472046172706100000c8001000000780014"
                                                   "0c616e6e61732d6970686f6e65056c6f63616c00");

} // namespace

class TstNameMessages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mdnsQueryWithUnicastBit()
    {
        const QByteArray q = buildQuery(0, {reverseName(0x0afb0710)}, TypePtrQuery, QueryFlags::MdnsUnicastResponse);
        QCOMPARE(q.toHex(), QByteArray("000000000001000000000000023136013703323531023130"
                                       "07696e2d61646472046172706100000c8001"));
        // Two questions in one message, plain multicast (no QU bit, no RD).
        const QByteArray two = buildQuery(0, {"_ipp._tcp.local", "_ssh._tcp.local"}, TypePtrQuery, QueryFlags::Mdns);
        QCOMPARE(two.mid(4, 2).toHex(), QByteArray("0002"));
        QCOMPARE(two.right(4).toHex(), QByteArray("000c0001"));
        QVERIFY(buildQuery(0, {"bad..name"}, TypePtrQuery, QueryFlags::Mdns).isEmpty());
        // The DNS resolver's query is unchanged by the generalisation.
        QCOMPARE(buildPtrQuery(0x1234, "1.0.0.127.in-addr.arpa").left(4).toHex(), QByteArray("12340100"));
    }

    void nodeStatusQuery()
    {
        QCOMPARE(netbiosNodeStatusQuery(7).toHex(),
                 QByteArray("000700000001000000000000") + "20434b" + QByteArray("41").repeated(30) + "0000210001");
    }

    void avahiAnswer()
    {
        const DnsMessage m = parse(AvahiAnswer);
        QVERIFY2(m.ok, m.error);
        QVERIFY(m.response);
        QCOMPARE(m.records.size(), 1);
        QCOMPARE(m.records[0].owner, QByteArray("16.7.251.10.in-addr.arpa"));
        QCOMPARE(m.records[0].type, TypePtrQuery);
        QCOMPARE(m.records[0].rclass, quint16(1)); // cache-flush bit removed
        QCOMPARE(m.records[0].name, QStringLiteral("annas-iphone.local"));
    }

    void nmbdAnswer()
    {
        QCOMPARE(NmbdAnswer.size(), 193);
        const DnsMessage m = parseMessage(reinterpret_cast<const std::uint8_t *>(NmbdAnswer.constData()),
                                          std::size_t(NmbdAnswer.size()), Dialect::NetBios);
        QVERIFY2(m.ok, m.error);
        QVERIFY(!parse(NmbdAnswer).ok); // read as DNS, 0x21 is SRV and its data no name: the dialect matters
        const NodeStatus s = status(NmbdAnswer, 7);
        QVERIFY(s.ok);
        QCOMPARE(s.name, QStringLiteral("WORKPC"));
        QVERIFY(!s.mac);                    // Samba reports no MAC
        QVERIFY(!status(NmbdAnswer, 8).ok); // another query's answer
        QByteArray withMac = NmbdAnswer;
        withMac[12 + 34 + 10 + 1 + 5 * 18] = char(0x02);
        QCOMPARE(status(withMac, 7).mac.value(), (std::array<quint8, 6>{2, 0, 0, 0, 0, 0}));
    }

    void brokenAnswersRejected_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("cut in the names") << NmbdAnswer.left(80);
        QByteArray tooMany = NmbdAnswer;
        tooMany[12 + 34 + 10] = char(200); // 200 names in 137 bytes
        QTest::newRow("name count past the data") << tooMany;
        QTest::newRow("header only") << NmbdAnswer.left(12);
        QTest::newRow("random") << QByteArray::fromHex("0007deadbeef0001ffff0000414243");
    }

    void brokenAnswersRejected()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!status(bytes, 7).ok);
    }

    void mdnsLoopsRejected()
    {
        // A PTR whose data (offset 25) points at itself, and an owner that points forward at itself.
        QVERIFY(!parse(QByteArray::fromHex("000084000000000100000000016100000c0001000000780002c019")).ok);
        QVERIFY(!parse(QByteArray::fromHex("000084000000000100000000c00e000c0001000000780002c00c")).ok);
        // The same message with a proper name parses: the rejections above are about the loops.
        QVERIFY(parse(QByteArray::fromHex("000084000000000100000000016100000c0001000000780003016200")).ok);
    }

    void txtAndSrv()
    {
        // _ipp._tcp PTR instance, then its TXT "ty=HP" and "txtvers=1" and SRV 0 0 631 printer.local.
        QByteArray m = QByteArray::fromHex("000084000000000300000000");
        m += QByteArray::fromHex("045f697070045f746370056c6f63616c00") + QByteArray::fromHex("000c0001000000780005");
        m += QByteArray::fromHex("024f50c00c"); // "OP" + a pointer to _ipp._tcp.local, at offset 39 (0x27)
        m += QByteArray::fromHex("c027") + QByteArray::fromHex("00108001000000780010") + "\x05ty=HP" +
             QByteArray("\x09txtvers=1", 10);
        m += QByteArray::fromHex("c027") + QByteArray::fromHex("00218001000000780010") +
             QByteArray::fromHex("000000000277") + "\x07printer" + QByteArray::fromHex("c016");
        const DnsMessage d = parse(m);
        QVERIFY2(d.ok, d.error);
        QCOMPARE(d.records.size(), 3);
        QCOMPARE(d.records[0].name, QStringLiteral("OP._ipp._tcp.local"));
        QCOMPARE(d.records[0].nameLabels.first(), QByteArray("OP"));
        QCOMPARE(d.records[1].owner, QByteArray("op._ipp._tcp.local"));
        QCOMPARE(d.records[1].txt, (QList<QByteArray>{"ty=HP", "txtvers=1"}));
        QCOMPARE(d.records[2].name, QStringLiteral("printer.local"));
        // A TXT string longer than its record is not a clean message.
        QByteArray badTxt = m;
        badTxt[m.indexOf("\x05ty=HP")] = char(0x30);
        QVERIFY(!parse(badTxt).ok);
    }
};

QTEST_GUILESS_MAIN(TstNameMessages)
#include "tst_namemessages.moc"
