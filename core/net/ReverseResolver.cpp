// ReverseResolver: PTR queries over UDP sockets with per-try timers, rotating servers and an in-flight cap.
#include "core/net/ReverseResolver.h"

#include "core/net/DnsMessage.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkDatagram>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUdpSocket>

#include <arpa/inet.h>

namespace lanwatch::net {

namespace {

constexpr int MaxServers = 3; // as glibc (MAXNS)

// Strict dotted quad (inet_pton), unlike QHostAddress, which also takes "1" or "0x7f.1".
std::optional<quint32> parseIpv4(const QByteArray &text)
{
    in_addr a{};
    if (::inet_pton(AF_INET, text.constData(), &a) != 1)
        return std::nullopt;
    return ntohl(a.s_addr);
}

QString serverText(const QHostAddress &server)
{
    return server.toString();
}

} // namespace

struct ReverseResolver::Query
{
    quint64 serial = 0;
    quint32 ip = 0;
    QByteArray qname;
    bool followedAlias = false;
    QPointer<QObject> context;
    bool hadContext = false;
    Callback callback;
    int tries = 0;
    struct Sent
    {
        quint16 id;
        QHostAddress server;
        QByteArray qname;
    };
    QList<Sent> sent;
    QUdpSocket *socket4 = nullptr;
    QUdpSocket *socket6 = nullptr;
    QTimer *timer = nullptr;
    QString lastError;
};

ReverseResolver::ReverseResolver(QObject *parent) : ReverseResolver(Config{}, parent) {}

ReverseResolver::ReverseResolver(const Config &config, QObject *parent) : QObject(parent), m_config(config)
{
    m_config.maxInFlight = qMax(1, m_config.maxInFlight);
    m_timeoutMs = qMax(1, m_config.timeoutMs);
    m_attempts = qMax(1, m_config.attempts);
    loadHosts(m_config.hostsPath);
    loadResolvConf(m_config.resolvConfPath);
}

ReverseResolver::~ReverseResolver()
{
    cancelAll();
}

void ReverseResolver::loadHosts(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return; // no hosts file: DNS only
    // Bounded: a hosts file is small; a huge or endless one (a FIFO, /dev/zero) must not hang us.
    const QByteArray bytes = file.read(4 << 20);
    for (QByteArray line : bytes.split('\n')) {
        const int hash = line.indexOf('#');
        if (hash >= 0)
            line.truncate(hash);
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 2)
            continue; // blank, comment or junk
        const auto ip = parseIpv4(fields.at(0));
        if (!ip || m_hosts.contains(*ip))
            continue; // IPv6 (not scanned) or a later line for the same address (the first one wins, as glibc)
        m_hosts.insert(*ip, QString::fromLatin1(fields.at(1)));
    }
}

void ReverseResolver::loadResolvConf(const QString &path)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = file.read(1 << 20);
        for (QByteArray line : bytes.split('\n')) {
            const int comment = line.indexOf('#'), semicolon = line.indexOf(';');
            const int cut = comment < 0 ? semicolon : (semicolon < 0 ? comment : qMin(comment, semicolon));
            if (cut >= 0)
                line.truncate(cut);
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() < 2)
                continue;
            if (fields.at(0) == "nameserver") {
                const QHostAddress server(QString::fromLatin1(fields.at(1)));
                if (!server.isNull() && m_servers.size() < MaxServers && !m_servers.contains(server))
                    m_servers.append(server);
            } else if (fields.at(0) == "options") {
                for (const QByteArray &option : fields.mid(1)) {
                    bool ok = false;
                    if (option.startsWith("timeout:")) {
                        const int seconds = option.mid(8).toInt(&ok);
                        if (ok && seconds >= 1) // glibc's own minimum is 1 s; we only ever shorten
                            m_timeoutMs = qMin(m_timeoutMs, seconds * 1000);
                    } else if (option.startsWith("attempts:")) {
                        const int n = option.mid(9).toInt(&ok);
                        if (ok && n >= 1)
                            m_attempts = qMin(m_attempts, n);
                    }
                }
            }
            // search/domain/sortlist do not apply to PTR names.
        }
    }
    if (m_servers.isEmpty())
        m_servers.append(QHostAddress(QHostAddress::LocalHost)); // glibc's default without a nameserver line
}

QList<QHostAddress> ReverseResolver::servers() const
{
    return m_servers;
}

int ReverseResolver::timeoutMs() const
{
    return m_timeoutMs;
}

int ReverseResolver::attempts() const
{
    return m_attempts;
}

int ReverseResolver::inFlight() const
{
    return int(m_active.size());
}

int ReverseResolver::queued() const
{
    return int(m_queue.size());
}

QList<QHostAddress> ReverseResolver::silentServers() const
{
    QList<QHostAddress> silent;
    for (const QHostAddress &s : m_servers)
        if (m_asked.contains(serverText(s)) && !m_answered.contains(serverText(s)))
            silent << s;
    return silent;
}

void ReverseResolver::lookup(quint32 ipv4, QObject *context, Callback callback)
{
    if (const auto it = m_hosts.constFind(ipv4); it != m_hosts.constEnd()) {
        deliver(context, context != nullptr, std::move(callback), it.value(), Status::Found, {});
        return;
    }
    auto query = std::make_shared<Query>();
    query->serial = ++m_nextSerial;
    query->ip = ipv4;
    query->qname = reverseName(ipv4);
    query->context = context;
    query->hadContext = context != nullptr;
    query->callback = std::move(callback);
    if (int(m_active.size()) < m_config.maxInFlight)
        startQuery(std::move(query));
    else
        m_queue.push_back(std::move(query));
}

void ReverseResolver::cancelAll()
{
    ++m_generation;
    m_queue.clear();
    auto active = std::move(m_active);
    m_active.clear();
    for (auto &[serial, query] : active)
        release(*query);
}

void ReverseResolver::release(Query &query)
{
    // deleteLater: this may run inside one of these objects' own signal handlers.
    for (QObject *o : {static_cast<QObject *>(query.socket4), static_cast<QObject *>(query.socket6),
                       static_cast<QObject *>(query.timer)}) {
        if (!o)
            continue;
        o->disconnect(this);
        if (auto *timer = qobject_cast<QTimer *>(o))
            timer->stop();
        if (auto *socket = qobject_cast<QUdpSocket *>(o))
            socket->close();
        o->deleteLater();
    }
    query.socket4 = query.socket6 = nullptr;
    query.timer = nullptr;
}

void ReverseResolver::startQuery(std::shared_ptr<Query> query)
{
    m_active.emplace(query->serial, query);
    query->timer = new QTimer(this);
    query->timer->setSingleShot(true);
    connect(query->timer, &QTimer::timeout, this, [this, query] { onTimeout(query); });
    sendTry(query);
}

void ReverseResolver::sendTry(const std::shared_ptr<Query> &query)
{
    while (query->tries < m_attempts) {
        const QHostAddress server = m_servers.at(query->tries % m_servers.size());
        ++query->tries;
        const bool v6 = server.protocol() == QAbstractSocket::IPv6Protocol;
        QUdpSocket *&socket = v6 ? query->socket6 : query->socket4;
        if (!socket) {
            socket = new QUdpSocket(this);
            // Port 0: the kernel picks a random source port for each query's socket.
            if (!socket->bind(v6 ? QHostAddress(QHostAddress::AnyIPv6) : QHostAddress(QHostAddress::AnyIPv4), 0)) {
                query->lastError =
                    tr("cannot open a UDP socket for %1: %2").arg(serverText(server), socket->errorString());
                socket->deleteLater();
                socket = nullptr;
                continue;
            }
            QUdpSocket *s = socket;
            connect(s, &QUdpSocket::readyRead, this, [this, query, s] { onReadable(query, s); });
        }
        const auto id = quint16(QRandomGenerator::system()->generate());
        const QByteArray datagram = buildPtrQuery(id, query->qname);
        if (datagram.isEmpty()) {
            finish(query, {}, Status::Error,
                   tr("cannot ask for %1: not a valid DNS name").arg(QString::fromLatin1(query->qname)));
            return;
        }
        if (socket->writeDatagram(datagram, server, m_config.port) != datagram.size()) {
            query->lastError = tr("cannot send to %1: %2").arg(serverText(server), socket->errorString());
            continue;
        }
        m_asked.insert(serverText(server));
        query->sent.append({id, server, query->qname});
        query->timer->start(m_timeoutMs);
        return;
    }
    // No try left.
    if (!query->lastError.isEmpty())
        finish(query, {}, Status::Error, query->lastError);
    else
        finish(query, {}, Status::Timeout,
               tr("no answer from %1 within %2 s")
                   .arg(serverText(query->sent.isEmpty() ? m_servers.constFirst() : query->sent.constLast().server))
                   .arg(m_timeoutMs / 1000.0, 0, 'g', 3));
}

void ReverseResolver::onReadable(const std::shared_ptr<Query> &query, QUdpSocket *socket)
{
    while (socket->hasPendingDatagrams()) {
        if (!m_active.contains(query->serial))
            return; // finished while reading
        const QNetworkDatagram datagram = socket->receiveDatagram(65536);
        const QByteArray bytes = datagram.data();
        if (bytes.size() < 2 || datagram.senderPort() != m_config.port)
            continue;
        const auto id = quint16((quint8(bytes.at(0)) << 8) | quint8(bytes.at(1)));
        const QHostAddress from = datagram.senderAddress();
        // Only an answer from the server that was asked, with the id and question that were sent (a
        // spoofer off the path must guess the id and the kernel's random source port).
        const Query::Sent *match = nullptr;
        for (const Query::Sent &sent : std::as_const(query->sent))
            if (sent.id == id && sent.server.isEqual(from, QHostAddress::TolerantConversion))
                match = &sent;
        if (!match)
            continue;
        const PtrReply reply = parsePtrReply(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                             std::size_t(bytes.size()), id, match->qname);
        if (reply.kind == ReplyKind::Mismatch)
            continue;
        const QString server = serverText(match->server);
        m_answered.insert(server);
        switch (reply.kind) {
        case ReplyKind::Name:
            finish(query, reply.name, Status::Found, {});
            return;
        case ReplyKind::NoName:
            finish(query, {}, Status::NoName, {});
            return;
        case ReplyKind::Alias:
            if (query->followedAlias || match->qname != query->qname) {
                finish(query, {}, Status::NoName, {});
                return;
            }
            // RFC 2317: the PTR lives under the alias; ask for it, with fresh tries.
            query->followedAlias = true;
            query->qname = reply.cname;
            query->tries = 0;
            query->lastError.clear();
            sendTry(query);
            return;
        case ReplyKind::ServerError:
            // SERVFAIL, REFUSED...: the next try goes to the next server, as glibc does.
            query->lastError = tr("%1 answered with DNS error code %2").arg(server).arg(reply.rcode);
            query->timer->stop();
            sendTry(query);
            return;
        case ReplyKind::Truncated:
            // A PTR answer is a few dozen bytes; one that does not fit in 512 is not worth a TCP retry.
            finish(query, {}, Status::Error,
                   tr("the answer from %1 was truncated (TC bit); lanwatch does not retry over TCP").arg(server));
            return;
        case ReplyKind::Malformed:
            finish(query, {}, Status::Error,
                   tr("malformed answer from %1: %2")
                       .arg(server, QCoreApplication::translate("lanwatch::net::DnsMessage", reply.error)));
            return;
        case ReplyKind::Mismatch:
            break;
        }
    }
}

void ReverseResolver::onTimeout(const std::shared_ptr<Query> &query)
{
    if (!m_active.contains(query->serial))
        return;
    if (!query->sent.isEmpty()) {
        const QString server = serverText(query->sent.constLast().server);
        if (!m_answered.contains(server) && !m_silentReported.contains(server)) {
            m_silentReported.insert(server);
            Q_EMIT serverSilent(query->sent.constLast().server);
            if (!m_active.contains(query->serial))
                return; // a receiver cancelled
        }
    }
    sendTry(query);
}

void ReverseResolver::finish(const std::shared_ptr<Query> &query, const QString &name, Status status,
                             const QString &error)
{
    if (m_active.erase(query->serial) == 0)
        return;
    release(*query);
    deliver(query->context, query->hadContext, std::move(query->callback), name, status, error);
    while (!m_queue.empty() && int(m_active.size()) < m_config.maxInFlight) {
        auto next = std::move(m_queue.front());
        m_queue.pop_front();
        startQuery(std::move(next));
    }
}

void ReverseResolver::deliver(QObject *context, bool hadContext, Callback callback, const QString &name, Status status,
                              const QString &error)
{
    // Queued, so a callback never runs inside lookup() or a socket handler and may cancel or delete us.
    QPointer<QObject> guard(context);
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, guard, hadContext, generation, callback = std::move(callback), name, status, error] {
            if (generation != m_generation || (hadContext && !guard))
                return;
            if (callback)
                callback(name, status, error);
        },
        Qt::QueuedConnection);
}

} // namespace lanwatch::net
