// ARP and ICMP packet building/parsing against known bytes, and the pacing token bucket.
#include "core/scan/Packets.h"
#include "core/scan/RateLimiter.h"

#include <QTest>

using namespace lanwatch::scan;
using namespace lanwatch::scan::packets;

namespace {
QByteArray bytes(const quint8 *p, std::size_t n)
{
    return QByteArray(reinterpret_cast<const char *>(p), qsizetype(n));
}
} // namespace

class TstPackets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void arpRequestBytes()
    {
        const MacAddress mac{0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
        const auto frame = buildArpRequest(mac, 0x0afb0701u /*10.251.7.1*/, 0x0afb0714u /*10.251.7.20*/);
        const QByteArray expected = QByteArray::fromHex("ffffffffffff"
                                                        "021122334455"
                                                        "0806"
                                                        "0001"
                                                        "0800"
                                                        "06"
                                                        "04"
                                                        "0001"
                                                        "021122334455"
                                                        "0afb0701"
                                                        "000000000000"
                                                        "0afb0714") +
                                    QByteArray(18, '\0');
        QCOMPARE(bytes(frame.data(), frame.size()).toHex(), expected.toHex());
    }

    void arpReplyParsed()
    {
        // A real reply as tcpdump -xx shows it: 10.251.7.20 is-at b8:27:eb:01:02:03, to 10.251.7.1.
        const QByteArray frame = QByteArray::fromHex("021122334455"
                                                     "b827eb010203"
                                                     "0806"
                                                     "0001"
                                                     "0800"
                                                     "06"
                                                     "04"
                                                     "0002"
                                                     "b827eb010203"
                                                     "0afb0714"
                                                     "021122334455"
                                                     "0afb0701");
        const auto reply =
            parseArpReply(reinterpret_cast<const quint8 *>(frame.constData()), std::size_t(frame.size()));
        QVERIFY(reply);
        QCOMPARE(macToString(reply->senderMac), QStringLiteral("b8:27:eb:01:02:03"));
        QCOMPARE(reply->senderIp, 0x0afb0714u);
        QCOMPARE(macToString(reply->targetMac), QStringLiteral("02:11:22:33:44:55"));
        QCOMPARE(reply->targetIp, 0x0afb0701u);
    }

    void arpRejects_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("request, not reply") << QByteArray::fromHex(
            "ffffffffffff021122334455080600010800060400010211223344550afb07010000000000000afb0714");
        QTest::newRow("not ARP ethertype") << QByteArray::fromHex(
            "021122334455b827eb010203080000010800060400020211223344550afb07010000000000000afb0714");
        QTest::newRow("truncated") << QByteArray::fromHex("021122334455b827eb0102030806000108000604");
        QTest::newRow("IPv6 protocol type") << QByteArray::fromHex(
            "021122334455b827eb0102030806000186dd060400020211223344550afb07010000000000000afb0714");
    }
    void arpRejects()
    {
        QFETCH(QByteArray, frame);
        QVERIFY(!parseArpReply(reinterpret_cast<const quint8 *>(frame.constData()), std::size_t(frame.size())));
    }

    void checksumKnownVector()
    {
        // RFC 1071 section 3 example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2, checksum 0x220d.
        const quint8 data[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
        QCOMPARE(internetChecksum(data, sizeof(data)), quint16(0x220d));
    }

    void echoRequestBytes()
    {
        // Checksum worked by hand: words sum to 0x12b92, folded 0x2b93, complement 0xd46c.
        const QByteArray p = buildEchoRequest(0x1234, 0x0007, EchoPayload{0x1122334455667788ull, 0x0000000100000002ll});
        QCOMPARE(p.toHex(), QByteArray("0800"
                                       "d46c"
                                       "1234"
                                       "0007"
                                       "1122334455667788"
                                       "0000000100000002"));
        QCOMPARE(internetChecksum(reinterpret_cast<const quint8 *>(p.constData()), std::size_t(p.size())), quint16(0));
    }

    void echoReplyWithIpHeader()
    {
        QByteArray icmp = buildEchoRequest(0x1234, 0x0007, EchoPayload{42, 1000});
        icmp[0] = 0; // echo reply
        icmp[2] = 0;
        icmp[3] = 0;
        const quint16 sum =
            internetChecksum(reinterpret_cast<const quint8 *>(icmp.constData()), std::size_t(icmp.size()));
        icmp[2] = char(sum >> 8);
        icmp[3] = char(sum & 0xff);
        const QByteArray ip = QByteArray::fromHex("45000034000040004001"
                                                  "0000"
                                                  "0afb0714"
                                                  "0afb0701");
        const QByteArray packet = ip + icmp;
        const auto reply =
            parseEchoReply(reinterpret_cast<const quint8 *>(packet.constData()), std::size_t(packet.size()), true);
        QVERIFY(reply);
        QCOMPARE(reply->sourceIp, 0x0afb0714u);
        QCOMPARE(reply->identifier, quint16(0x1234));
        QCOMPARE(reply->sequence, quint16(7));
        QCOMPARE(reply->payload.token, quint64(42));
        QCOMPARE(reply->payload.sentNs, qint64(1000));

        const auto noHeader =
            parseEchoReply(reinterpret_cast<const quint8 *>(icmp.constData()), std::size_t(icmp.size()), false);
        QVERIFY(noHeader);
        QCOMPARE(noHeader->sequence, quint16(7));

        QByteArray corrupt = icmp;
        corrupt[10] = char(corrupt[10] ^ 0x01);
        QVERIFY(
            !parseEchoReply(reinterpret_cast<const quint8 *>(corrupt.constData()), std::size_t(corrupt.size()), false));
        // Our own request looped back is not a reply.
        const QByteArray request = buildEchoRequest(1, 1, EchoPayload{});
        QVERIFY(
            !parseEchoReply(reinterpret_cast<const quint8 *>(request.constData()), std::size_t(request.size()), false));
        // A reply without our payload (someone else's ping) is refused.
        QVERIFY(!parseEchoReply(reinterpret_cast<const quint8 *>(icmp.constData()), 8, false));
    }

    void pacingHoldsTheRate()
    {
        // 1000 pps with a burst of 10: in one simulated second at most 10 + 1000 sends get through.
        RateLimiter limiter(1000, 10, 0);
        int sent = 0;
        for (qint64 t = 0; t <= 1'000'000'000; t += 100'000) // every 0.1 ms
            while (limiter.tryTake(t))
                ++sent;
        QVERIFY2(sent >= 1000 && sent <= 1011, qPrintable(QString::number(sent)));
    }

    void pacingBurstAndWait()
    {
        RateLimiter limiter(100, 3, 0);
        QVERIFY(limiter.tryTake(0));
        QVERIFY(limiter.tryTake(0));
        QVERIFY(limiter.tryTake(0));
        QVERIFY(!limiter.tryTake(0));
        const qint64 wait = limiter.waitNs(0);
        QVERIFY(wait > 9'000'000 && wait <= 10'000'001);
        QVERIFY(!limiter.tryTake(wait - 1'000'000));
        QVERIFY(limiter.tryTake(wait));
    }

    void unlimitedRate()
    {
        RateLimiter limiter(0, 1, 0);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(limiter.tryTake(0));
        QCOMPARE(limiter.waitNs(0), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TstPackets)
#include "tst_packets.moc"
