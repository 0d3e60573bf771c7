// AnnounceParser against crafted frames, valid and hostile, and the kernel filter the listener attaches
// (checked on a datagram socketpair, where the kernel runs it the same way without any privilege).
#include "FrameBuilder.h"
#include "core/monitor/AnnounceParser.h"
#include "core/monitor/PassiveListener.h"

#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>

#include <cstring>
#include <memory>

#include <sys/socket.h>
#include <unistd.h>

using namespace lanwatch::monitor;
using namespace lanwatch::test::frames;

Q_DECLARE_METATYPE(lanwatch::monitor::ParseStatus)
Q_DECLARE_METATYPE(lanwatch::monitor::AnnounceKind)

namespace {

QString ipText(quint32 a)
{
    return a == 0 ? QString()
                  : QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xff).arg((a >> 8) & 0xff).arg(a & 0xff);
}

const QByteArray Client = mac("02:00:00:00:00:42");

Bootp discover(const QByteArray &options)
{
    Bootp b;
    b.options = option(53, QByteArray(1, 1)) + options + QByteArray(1, char(255));
    return b;
}

} // namespace

class TstAnnounceParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<ParseStatus>("status");
        QTest::addColumn<AnnounceKind>("kind");
        QTest::addColumn<QString>("mac");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("hostName");
        QTest::addColumn<QString>("vendorClass");
        QTest::addColumn<int>("vlan");
        QTest::addColumn<bool>("differs");

        const auto ok = ParseStatus::Ok;
        const QString arpMac = QStringLiteral("02:00:00:00:00:0a");
        const QString clientMac = QStringLiteral("02:00:00:00:00:42");
        const QString none;

        // ---- ARP ----
        QTest::newRow("arp request") << arpFrame({}) << ok << AnnounceKind::ArpRequest << arpMac
                                     << QStringLiteral("10.251.7.10") << none << none << -1 << false;
        {
            Arp a;
            a.op = 2;
            a.tha = mac("02:00:00:00:00:01");
            QTest::newRow("arp reply") << arpFrame(a) << ok << AnnounceKind::ArpReply << arpMac
                                       << QStringLiteral("10.251.7.10") << none << none << -1 << false;
        }
        {
            Arp a;
            a.tpa = a.spa;
            QTest::newRow("gratuitous request") << arpFrame(a) << ok << AnnounceKind::ArpGratuitous << arpMac
                                                << QStringLiteral("10.251.7.10") << none << none << -1 << false;
            a.op = 2;
            a.tha = mac("ff:ff:ff:ff:ff:ff");
            QTest::newRow("gratuitous reply") << arpFrame(a) << ok << AnnounceKind::ArpGratuitous << arpMac
                                              << QStringLiteral("10.251.7.10") << none << none << -1 << false;
        }
        {
            Arp a;
            a.spa = 0;
            a.tpa = ip(10, 251, 7, 99);
            QTest::newRow("probe (RFC 5227)")
                << arpFrame(a) << ok << AnnounceKind::ArpProbe << arpMac << none << none << none << -1 << false;
            a.op = 2;
            QTest::newRow("reply from 0.0.0.0") << arpFrame(a) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                                << none << none << none << none << -1 << false;
        }
        {
            Arp a;
            a.sha = mac("ff:ff:ff:ff:ff:ff");
            QTest::newRow("broadcast sender MAC") << arpFrame(a) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                                  << none << none << none << none << -1 << false;
            a.sha = mac("00:00:00:00:00:00");
            QTest::newRow("zero sender MAC") << arpFrame(a) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                             << none << none << none << none << -1 << false;
            a = Arp{};
            a.spa = ip(255, 255, 255, 255);
            QTest::newRow("broadcast sender IP") << arpFrame(a) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                                 << none << none << none << none << -1 << false;
        }
        QTest::newRow("frame source differs")
            << arpFrame({}, mac("02:99:99:99:99:99")) << ok << AnnounceKind::ArpRequest << arpMac
            << QStringLiteral("10.251.7.10") << none << none << -1 << true;
        QTest::newRow("802.1Q tagged ARP")
            << ethernet(mac("ff:ff:ff:ff:ff:ff"), mac("02:00:00:00:00:0a"), 0x0806, arp({}), {{0x8100, 0x202a}}) << ok
            << AnnounceKind::ArpRequest << arpMac << QStringLiteral("10.251.7.10") << none << none << 42 << false;
        QTest::newRow("QinQ tagged ARP (inner VLAN kept)")
            << ethernet(mac("ff:ff:ff:ff:ff:ff"), mac("02:00:00:00:00:0a"), 0x0806, arp({}),
                        {{0x88a8, 0x0064}, {0x8100, 0x0007}})
            << ok << AnnounceKind::ArpRequest << arpMac << QStringLiteral("10.251.7.10") << none << none << 7 << false;
        QTest::newRow("three tags: not followed")
            << ethernet(mac("ff:ff:ff:ff:ff:ff"), mac("02:00:00:00:00:0a"), 0x0806, arp({}),
                        {{0x88a8, 1}, {0x8100, 2}, {0x8100, 3}})
            << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest << none << none << none << none << 2 << false;
        QTest::newRow("ARP cut at 41 bytes") << arpFrame({}).left(41) << ParseStatus::Truncated
                                             << AnnounceKind::ArpRequest << none << none << none << none << -1 << false;
        QTest::newRow("ARP header only") << arpFrame({}).left(14 + 8) << ParseStatus::Truncated
                                         << AnnounceKind::ArpRequest << none << none << none << none << -1 << false;
        QTest::newRow("cut inside the VLAN tag")
            << ethernet(mac("ff:ff:ff:ff:ff:ff"), mac("02:00:00:00:00:0a"), 0x0806, arp({}), {{0x8100, 1}}).left(15)
            << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none << none << none << -1 << false;
        QTest::newRow("13 bytes") << QByteArray(13, '\xff') << ParseStatus::Truncated << AnnounceKind::ArpRequest
                                  << none << none << none << none << -1 << false;
        QTest::newRow("empty") << QByteArray() << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none
                               << none << none << -1 << false;
        {
            Arp a;
            a.hlen = 8;
            QTest::newRow("hardware length 8") << arpFrame(a) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                               << none << none << none << none << -1 << false;
            a = Arp{};
            a.htype = 6;
            QTest::newRow("IEEE 802 hardware")
                << arpFrame(a) << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest << none << none << none
                << none << -1 << false;
            a = Arp{};
            a.op = 3;
            QTest::newRow("RARP opcode") << arpFrame(a) << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest
                                         << none << none << none << none << -1 << false;
        }
        QTest::newRow("IPv6 EtherType") << ethernet(mac("33:33:00:00:00:01"), Client, 0x86dd, QByteArray(60, '\0'))
                                        << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest << none << none
                                        << none << none << -1 << false;

        // ---- DHCP ----
        QTest::newRow("discover with name and vendor")
            << dhcpFrame(discover(option(12, "kitchen-pi") + option(60, "udhcp 1.35.0"))) << ok
            << AnnounceKind::DhcpDiscover << clientMac << none << QStringLiteral("kitchen-pi")
            << QStringLiteral("udhcp 1.35.0") << -1 << false;
        {
            Bootp b;
            b.options = option(53, QByteArray(1, 3)) + option(50, be32(ip(10, 251, 7, 150))) + option(12, "laptop") +
                        QByteArray(1, char(255));
            QTest::newRow("request with requested IP")
                << dhcpFrame(b) << ok << AnnounceKind::DhcpRequest << clientMac << QStringLiteral("10.251.7.150")
                << QStringLiteral("laptop") << none << -1 << false;
            b.ciaddr = ip(10, 251, 7, 151);
            QTest::newRow("option 50 wins over ciaddr")
                << dhcpFrame(b) << ok << AnnounceKind::DhcpRequest << clientMac << QStringLiteral("10.251.7.150")
                << QStringLiteral("laptop") << none << -1 << false;
        }
        {
            Bootp b;
            b.ciaddr = ip(10, 251, 7, 33);
            b.options = option(53, QByteArray(1, 8)) + QByteArray(1, char(255));
            QTest::newRow("inform from ciaddr") << dhcpFrame(b) << ok << AnnounceKind::DhcpInform << clientMac
                                                << QStringLiteral("10.251.7.33") << none << none << -1 << false;
        }
        QTest::newRow("host name with C terminator")
            << dhcpFrame(discover(option(12, QByteArray("printer\0\0", 9)))) << ok << AnnounceKind::DhcpDiscover
            << clientMac << none << QStringLiteral("printer") << none << -1 << false;
        QTest::newRow("UTF-8 host name") << dhcpFrame(discover(option(12, QStringLiteral("Küche").toUtf8()))) << ok
                                         << AnnounceKind::DhcpDiscover << clientMac << none << QStringLiteral("Küche")
                                         << none << -1 << false;
        QTest::newRow("first host name wins")
            << dhcpFrame(discover(option(12, "first") + option(12, "second"))) << ok << AnnounceKind::DhcpDiscover
            << clientMac << none << QStringLiteral("first") << none << -1 << false;
        QTest::newRow("wrong-length option 50 ignored")
            << dhcpFrame(discover(option(50, QByteArray(3, '\x0a')))) << ok << AnnounceKind::DhcpDiscover << clientMac
            << none << none << none << -1 << false;
        QTest::newRow("requested broadcast address dropped")
            << dhcpFrame(discover(option(50, be32(0xffffffff)))) << ok << AnnounceKind::DhcpDiscover << clientMac
            << none << none << none << -1 << false;
        {
            Bootp b;
            b.options = option(53, QByteArray(1, 1)) + QByteArray(1, 12) + char(40) + "short";
            QTest::newRow("option length past the end")
                << dhcpFrame(b) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none << none << none
                << -1 << false;
            b.options = option(53, QByteArray(1, 1)) + QByteArray(1, 12);
            QTest::newRow("option length byte missing")
                << dhcpFrame(b) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none << none << none
                << -1 << false;
            b.options = option(53, QByteArray(1, 1)) + QByteArray(3, '\0');
            QTest::newRow("no end option, padding to the end")
                << dhcpFrame(b) << ok << AnnounceKind::DhcpDiscover << clientMac << none << none << none << -1 << false;
        }
        {
            Bootp b;
            b.options = option(53, QByteArray(1, 1)) + option(52, QByteArray(1, 1)) + QByteArray(1, char(255));
            b.file = option(12, "from-file") + QByteArray(1, char(255));
            QTest::newRow("overload: name in the file field")
                << dhcpFrame(b) << ok << AnnounceKind::DhcpDiscover << clientMac << none << QStringLiteral("from-file")
                << none << -1 << false;
            b.options = option(53, QByteArray(1, 1)) + option(52, QByteArray(1, 3)) + QByteArray(1, char(255));
            b.file = option(60, "vendor-in-file") + QByteArray(1, char(255));
            b.sname = option(12, "name-in-sname") + QByteArray(1, char(255));
            QTest::newRow("overload: file and sname")
                << dhcpFrame(b) << ok << AnnounceKind::DhcpDiscover << clientMac << none
                << QStringLiteral("name-in-sname") << QStringLiteral("vendor-in-file") << -1 << false;
            b.sname = QByteArray(62, '\0') + QByteArray(1, 12) + char(10); // runs past sname into file
            QTest::newRow("overload: option runs out of sname")
                << dhcpFrame(b) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none << none << none
                << -1 << false;
            b.options = option(53, QByteArray(1, 1)) + option(52, QByteArray(1, 1)) + QByteArray(1, char(255));
            b.file = option(52, QByteArray(1, 2)) + QByteArray(1, char(255));
            b.sname = option(12, "not-overloaded") + QByteArray(1, char(255));
            QTest::newRow("overload inside an overloaded field is ignored")
                << dhcpFrame(b) << ok << AnnounceKind::DhcpDiscover << clientMac << none << none << none << -1 << false;
            b.options = option(53, QByteArray(1, 1)) + option(52, QByteArray(1, 9)) + QByteArray(1, char(255));
            QTest::newRow("overload value 9 ignored")
                << dhcpFrame(b) << ok << AnnounceKind::DhcpDiscover << clientMac << none << none << none << -1 << false;
        }
        {
            Bootp b;
            b.options = option(12, "nameless") + QByteArray(1, char(255));
            QTest::newRow("no message type") << dhcpFrame(b) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                             << none << none << none << none << -1 << false;
            b.options = option(53, QByteArray(2, 1)) + QByteArray(1, char(255));
            QTest::newRow("message type of 2 bytes")
                << dhcpFrame(b) << ParseStatus::Malformed << AnnounceKind::ArpRequest << none << none << none << none
                << -1 << false;
            b.options = option(53, QByteArray(1, 7)) + QByteArray(1, char(255));
            QTest::newRow("release") << dhcpFrame(b) << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest << none
                                     << none << none << none << -1 << false;
        }
        {
            Bootp b = discover({});
            b.op = 2;
            QTest::newRow("BOOTREPLY") << dhcpFrame(b) << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest
                                       << none << none << none << none << -1 << false;
            b = discover({});
            b.magic = false;
            QTest::newRow("BOOTP without cookie")
                << dhcpFrame(b) << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest << none << none << none
                << none << -1 << false;
            b = discover({});
            b.chaddr = mac("01:00:5e:00:00:01");
            QTest::newRow("multicast chaddr") << dhcpFrame(b) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                              << none << none << none << none << -1 << false;
            b = discover({});
            b.hlen = 20;
            QTest::newRow("chaddr length 20")
                << dhcpFrame(b) << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest << none << none << none
                << none << -1 << false;
        }
        {
            Ipv4Udp o;
            o.ihl = 7;
            QTest::newRow("IP header options") << dhcpFrame(discover({}), o) << ok << AnnounceKind::DhcpDiscover
                                               << clientMac << none << none << none << -1 << false;
            o.ihl = 4;
            QTest::newRow("IHL 4") << dhcpFrame(discover({}), o) << ParseStatus::Malformed << AnnounceKind::ArpRequest
                                   << none << none << none << none << -1 << false;
            const QByteArray whole = dhcpFrame(discover({}));
            QByteArray ihl15 = whole;
            ihl15[14] = char(0x4f);
            QTest::newRow("IHL 15 past a short frame")
                << ihl15.left(14 + 40) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none << none
                << none << -1 << false;
            o = Ipv4Udp{};
            o.totalLengthDelta = 100;
            QTest::newRow("IP total length past the frame")
                << dhcpFrame(discover({}), o) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none
                << none << none << -1 << false;
            o.totalLengthDelta = -(int(whole.size()) - 14 - 8);
            QTest::newRow("IP total length below the header")
                << dhcpFrame(discover({}), o) << ParseStatus::Malformed << AnnounceKind::ArpRequest << none << none
                << none << none << -1 << false;
            o = Ipv4Udp{};
            o.udpLengthDelta = 60;
            QTest::newRow("UDP length lies (too long)")
                << dhcpFrame(discover({}), o) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none
                << none << none << -1 << false;
            o.udpLengthDelta = -(int(whole.size()) - 14 - 20 - 4);
            QTest::newRow("UDP length below 8")
                << dhcpFrame(discover({}), o) << ParseStatus::Malformed << AnnounceKind::ArpRequest << none << none
                << none << none << -1 << false;
            o = Ipv4Udp{};
            o.udpLengthDelta = -40; // shorter than the BOOTP fixed part: the options are not read
            QTest::newRow("UDP length cuts BOOTP")
                << dhcpFrame(discover({}), o) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none << none
                << none << none << -1 << false;
            o = Ipv4Udp{};
            o.fragment = 0x2000;
            QTest::newRow("first fragment") << dhcpFrame(discover({}), o) << ParseStatus::Fragment
                                            << AnnounceKind::ArpRequest << none << none << none << none << -1 << false;
            o.fragment = 0x0010;
            QTest::newRow("later fragment") << dhcpFrame(discover({}), o) << ParseStatus::Fragment
                                            << AnnounceKind::ArpRequest << none << none << none << none << -1 << false;
            o.fragment = 0x4000; // don't fragment: a whole datagram
            QTest::newRow("DF set") << dhcpFrame(discover({}), o) << ok << AnnounceKind::DhcpDiscover << clientMac
                                    << none << none << none << -1 << false;
            o = Ipv4Udp{};
            o.sport = 67;
            o.dport = 68;
            QTest::newRow("server to client")
                << dhcpFrame(discover({}), o) << ParseStatus::NotAnnouncement << AnnounceKind::ArpRequest << none
                << none << none << none << -1 << false;
            o = Ipv4Udp{};
            o.protocol = 6;
            QTest::newRow("TCP") << dhcpFrame(discover({}), o) << ParseStatus::NotAnnouncement
                                 << AnnounceKind::ArpRequest << none << none << none << none << -1 << false;
        }
        QTest::newRow("Ethernet padding after the datagram")
            << dhcpFrame(discover({})) + QByteArray(30, '\0') << ok << AnnounceKind::DhcpDiscover << clientMac << none
            << none << none << -1 << false;
        QTest::newRow("802.1Q tagged DHCP")
            << dhcpFrame(discover(option(12, "tagged")), {}, {{0x8100, 0x0064}}) << ok << AnnounceKind::DhcpDiscover
            << clientMac << none << QStringLiteral("tagged") << none << 100 << false;
        QTest::newRow("relayed: frame source is not chaddr")
            << dhcpFrame(discover({}), {}, {}, mac("02:77:77:77:77:77")) << ok << AnnounceKind::DhcpDiscover
            << clientMac << none << none << none << -1 << true;
        QTest::newRow("IPv4 cut inside UDP header")
            << dhcpFrame(discover({})).left(14 + 20 + 4) << ParseStatus::Truncated << AnnounceKind::ArpRequest << none
            << none << none << none << -1 << false;
    }

    void parse()
    {
        QFETCH(QByteArray, frame);
        QFETCH(ParseStatus, status);
        QFETCH(AnnounceKind, kind);
        QFETCH(QString, mac);
        QFETCH(QString, ip);
        QFETCH(QString, hostName);
        QFETCH(QString, vendorClass);
        QFETCH(int, vlan);
        QFETCH(bool, differs);

        // LANWATCH_WRITE_CORPUS=DIR: this table is the fuzzer's seed corpus (tests/fuzz/corpus/fuzz_announce).
        if (const QString dir = qEnvironmentVariable("LANWATCH_WRITE_CORPUS"); !dir.isEmpty()) {
            QFile seed(dir + QStringLiteral("/seed-") +
                       QString::fromLatin1(QTest::currentDataTag())
                           .replace(QRegularExpression(QStringLiteral("\\W+")), QStringLiteral("-")));
            QVERIFY(seed.open(QIODevice::WriteOnly) && seed.write(frame) == frame.size());
        }
        // The parser sees exactly the frame's bytes: a copy on the heap lets ASan catch any read past it.
        std::unique_ptr<quint8[]> exact(new quint8[std::size_t(frame.size()) + 1]);
        std::memcpy(exact.get(), frame.constData(), std::size_t(frame.size()));
        ParsedAnnouncement a;
        const ParseStatus got = parseFrame(frame.isEmpty() ? nullptr : exact.get(), std::size_t(frame.size()), a);
        QCOMPARE(int(got), int(status));
        if (status != ParseStatus::Ok) {
            if (vlan >= 0)
                QCOMPARE(a.vlanId, vlan);
            return;
        }
        QCOMPARE(QString::fromLatin1(announceKindName(a.kind)), QString::fromLatin1(announceKindName(kind)));
        QCOMPARE(lanwatch::scan::macToString(a.mac), mac);
        QCOMPARE(ipText(a.ip), ip);
        QCOMPARE(QString::fromUtf8(a.hostName.data(), qsizetype(a.hostName.size())), hostName);
        QCOMPARE(QString::fromUtf8(a.vendorClass.data(), qsizetype(a.vendorClass.size())), vendorClass);
        QCOMPARE(a.vlanId, vlan);
        QCOMPARE(a.frameSourceDiffers, differs);
    }

    // Every prefix of valid frames parses without reading past its end (ASan builds check the reads).
    void everyPrefixIsSafe()
    {
        Bootp b;
        b.options = option(53, QByteArray(1, 3)) + option(50, be32(ip(10, 1, 2, 3))) + option(12, "x") +
                    option(52, QByteArray(1, 3)) + QByteArray(1, char(255));
        const QList<QByteArray> frames{arpFrame({}), dhcpFrame(b, {}, {{0x8100, 5}})};
        for (const QByteArray &frame : frames) {
            int ok = 0;
            for (qsizetype n = 0; n <= frame.size(); ++n) {
                std::unique_ptr<quint8[]> exact(new quint8[std::size_t(n) + 1]);
                std::memcpy(exact.get(), frame.constData(), std::size_t(n));
                ParsedAnnouncement a;
                if (parseFrame(exact.get(), std::size_t(n), a) == ParseStatus::Ok)
                    ++ok;
            }
            QVERIFY(ok >= 1); // the whole frame at least
        }
    }

    void kernelFilter_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("passes");
        QTest::newRow("ARP") << arpFrame({}) << true;
        QTest::newRow("tagged ARP") << ethernet(mac("ff:ff:ff:ff:ff:ff"), Client, 0x0806, arp({}), {{0x8100, 1}})
                                    << true;
        QTest::newRow("DHCP client") << dhcpFrame(discover({})) << true;
        QTest::newRow("DHCP client, IP options") << dhcpFrame(discover({}), Ipv4Udp{7}) << true;
        QTest::newRow("tagged DHCP client") << dhcpFrame(discover({}), {}, {{0x8100, 1}}) << true;
        Ipv4Udp reply;
        reply.sport = 67;
        reply.dport = 68;
        QTest::newRow("DHCP server reply") << dhcpFrame(discover({}), reply) << false;
        Ipv4Udp dns;
        dns.sport = 5353;
        dns.dport = 53;
        QTest::newRow("DNS") << dhcpFrame(discover({}), dns) << false;
        Ipv4Udp tcp;
        tcp.protocol = 6;
        QTest::newRow("TCP") << dhcpFrame(discover({}), tcp) << false;
        Ipv4Udp fragment;
        fragment.fragment = 0x0020;
        QTest::newRow("fragment") << dhcpFrame(discover({}), fragment) << false;
        QTest::newRow("IPv6") << ethernet(mac("33:33:00:00:00:01"), Client, 0x86dd, QByteArray(60, '\0')) << false;
    }

    void kernelFilter()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, passes);
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
        const auto closeBoth = qScopeGuard([&fds] {
            ::close(fds[0]);
            ::close(fds[1]);
        });
        QVERIFY(attachPassiveFilter(fds[1]));
        QCOMPARE(::send(fds[0], frame.constData(), std::size_t(frame.size()), 0), ssize_t(frame.size()));
        // A marker that always passes, sent after: once it is there, the frame before it was decided.
        const QByteArray marker = arpFrame({});
        QCOMPARE(::send(fds[0], marker.constData(), std::size_t(marker.size()), 0), ssize_t(marker.size()));
        char first[2048], second[2048];
        const ssize_t n1 = ::recv(fds[1], first, sizeof(first), 0);
        const ssize_t n2 = ::recv(fds[1], second, sizeof(second), 0);
        QVERIFY(n1 > 0);
        if (passes) {
            QCOMPARE(QByteArray(first, int(n1)), frame);
            QCOMPARE(QByteArray(second, int(n2)), marker);
        } else {
            QCOMPARE(QByteArray(first, int(n1)), marker);
            QCOMPARE(n2, ssize_t(-1));
        }
    }
};

QTEST_GUILESS_MAIN(TstAnnounceParser)
#include "tst_announceparser.moc"
