// FakeDnsServer: a DNS server on a loopback UDP socket whose answers a test chooses, hostile ones included.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QNetworkDatagram>
#include <QObject>
#include <QUdpSocket>

#include <functional>

namespace lanwatch::test {

inline QByteArray dnsName(const QByteArray &dotted)
{
    QByteArray wire;
    for (const QByteArray &label : dotted.split('.'))
        if (!label.isEmpty())
            wire += char(label.size()) + label;
    return wire + '\0';
}

inline QByteArray be16(int v)
{
    return QByteArray(1, char((v >> 8) & 0xff)) + char(v & 0xff);
}

// One resource record: owner (wire form; "\xc0\x0c" points at the question), type, class IN, rdata.
inline QByteArray dnsRecord(const QByteArray &owner, int type, const QByteArray &rdata)
{
    return owner + be16(type) + be16(1) + QByteArray("\0\0\x0e\x10", 4) + be16(int(rdata.size())) + rdata;
}

// An answer to query (the bytes that were sent): its id and question, flags, rcode and records.
inline QByteArray dnsReply(const QByteArray &query, int rcode, const QList<QByteArray> &answers, int flagBits = 0,
                           int idDelta = 0)
{
    const int id = ((quint8(query.at(0)) << 8) | quint8(query.at(1))) + idDelta;
    QByteArray r =
        be16(id & 0xffff) + be16(0x8180 | flagBits | rcode) + be16(1) + be16(int(answers.size())) + be16(0) + be16(0);
    r += query.mid(12); // our queries carry the question only
    for (const QByteArray &a : answers)
        r += a;
    return r;
}

class FakeDnsServer final : public QObject
{
public:
    // Returns the datagrams to send back (none: silent); may use other() to answer from elsewhere.
    using Answer = std::function<QList<QByteArray>(const QByteArray &query)>;

    bool listen(const QHostAddress &address, quint16 port = 0)
    {
        if (!m_socket.bind(address, port))
            return false;
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram q = m_socket.receiveDatagram();
                queries << q.data();
                if (hold) {
                    m_held << q;
                    continue;
                }
                respond(q);
            }
        });
        return true;
    }
    quint16 port() const { return m_socket.localPort(); }
    QHostAddress address() const { return m_socket.localAddress(); }
    void release()
    {
        hold = false;
        for (const QNetworkDatagram &q : std::exchange(m_held, {}))
            respond(q);
    }

    Answer answer;
    bool hold = false;
    QList<QByteArray> queries;
    QHostAddress lastSender; // where the query being answered came from
    quint16 lastSenderPort = 0;

private:
    void respond(const QNetworkDatagram &q)
    {
        lastSender = q.senderAddress();
        lastSenderPort = quint16(q.senderPort());
        if (!answer)
            return;
        for (const QByteArray &bytes : answer(q.data()))
            m_socket.writeDatagram(bytes, q.senderAddress(), quint16(q.senderPort()));
    }

    QUdpSocket m_socket;
    QList<QNetworkDatagram> m_held;
};

} // namespace lanwatch::test
