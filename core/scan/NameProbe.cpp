// NameProbe: mDNS and NetBIOS names for live hosts on raw UDP sockets watched by QSocketNotifier (Qt's
// QUdpSocket cannot set SO_REUSEPORT, which sharing 5353 with a running avahi-daemon needs).
#include "core/scan/NameProbe.h"

#include "core/net/DnsMessage.h"
#include "core/net/Ssdp.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSocketNotifier>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lanwatch::scan {

namespace {

constexpr quint32 MdnsGroup = 0xE00000FB; // 224.0.0.251
const QByteArray ServicesBrowse("_services._dns-sd._udp.local");

int openUdp(quint16 port, bool reusePort)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    if (reusePort) {
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof(a)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void sendTo(int fd, const QByteArray &packet, quint32 ip, quint16 port)
{
    if (fd < 0 || packet.isEmpty())
        return;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(ip);
    // A full send buffer or an unreachable host loses one question; the retry or the timeout covers it.
    [[maybe_unused]] const ssize_t sent = ::sendto(fd, packet.constData(), size_t(packet.size()), MSG_NOSIGNAL,
                                                   reinterpret_cast<const sockaddr *>(&a), sizeof(a));
}

// Reads one datagram; false when there is none. Oversized datagrams are cut (MSG_TRUNC) and dropped.
bool receive(int fd, QByteArray *packet, quint32 *from, quint16 *port)
{
    char buffer[9000];
    sockaddr_in a{};
    socklen_t len = sizeof(a);
    const ssize_t n = ::recvfrom(fd, buffer, sizeof(buffer), MSG_TRUNC, reinterpret_cast<sockaddr *>(&a), &len);
    if (n < 0)
        return false;
    *from = ntohl(a.sin_addr.s_addr);
    *port = ntohs(a.sin_port);
    *packet = size_t(n) > sizeof(buffer) ? QByteArray() : QByteArray(buffer, qsizetype(n));
    return true;
}

// A TXT value shown to the user: UTF-8, control characters dropped, at most 100 characters.
QString cleanText(const QByteArray &raw)
{
    QString s = QString::fromUtf8(raw);
    s.removeIf([](QChar c) { return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; });
    return s.trimmed().left(100);
}

} // namespace

struct NameProbe::Host
{
    quint32 ip = 0;
    Callback callback;
    quint16 netbiosId = 0;
    bool mdnsAnswered = false, netbiosAnswered = false;
    Result result;
    QTimer *retry = nullptr, *deadline = nullptr;
};

NameProbe::NameProbe(const Config &config, const QList<InterfaceInfo> &scope, std::function<bool(quint32)> inTargets,
                     QObject *parent)
    : QObject(parent), m_config(config), m_inTargets(std::move(inTargets))
{
    for (const InterfaceInfo &i : scope)
        if (!i.loopback)
            m_scope.append(i);
    m_mdnsFd = openUdp(config.mdnsPort, true);
    if (m_mdnsFd < 0) {
        m_warnings << tr("mDNS: port %1 is taken by a program that does not share it; asking from another port, "
                         "which some devices (iPhones) do not answer")
                          .arg(config.mdnsPort);
        m_mdnsFd = openUdp(0, false);
    } else {
        const int ttl = 255, loop = 0;
        ::setsockopt(m_mdnsFd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl));
        ::setsockopt(m_mdnsFd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop));
        for (const InterfaceInfo &i : std::as_const(m_scope)) {
            ip_mreqn m{};
            m.imr_multiaddr.s_addr = htonl(MdnsGroup);
            m.imr_address.s_addr = htonl(i.ip);
            m.imr_ifindex = i.index;
            // EADDRINUSE: another address of the same interface joined already.
            ::setsockopt(m_mdnsFd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m));
        }
    }
    m_netbiosFd = openUdp(0, false);
    if (m_mdnsFd < 0 || m_netbiosFd < 0)
        m_warnings << tr("host names: cannot open a UDP socket (%1); no mDNS or NetBIOS names")
                          .arg(QString::fromLocal8Bit(std::strerror(errno)));
    if (m_mdnsFd >= 0) {
        m_mdnsNotifier = new QSocketNotifier(qintptr(m_mdnsFd), QSocketNotifier::Read, this);
        connect(m_mdnsNotifier, &QSocketNotifier::activated, this, &NameProbe::onMdnsReadable);
    }
    if (m_netbiosFd >= 0) {
        m_netbiosNotifier = new QSocketNotifier(qintptr(m_netbiosFd), QSocketNotifier::Read, this);
        connect(m_netbiosNotifier, &QSocketNotifier::activated, this, &NameProbe::onNetbiosReadable);
    }
    if (config.ssdp && !m_scope.isEmpty()) {
        m_ssdpFd = openUdp(0, false);
        if (m_ssdpFd >= 0) {
            const int ttl = 2, loop = 0; // UDA 1.1: a TTL of 2 by default
            ::setsockopt(m_ssdpFd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl));
            ::setsockopt(m_ssdpFd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop));
            m_ssdpNotifier = new QSocketNotifier(qintptr(m_ssdpFd), QSocketNotifier::Read, this);
            connect(m_ssdpNotifier, &QSocketNotifier::activated, this, &NameProbe::onSsdpReadable);
        }
    }
    m_browseTimer = new QTimer(this);
    m_browseTimer->setSingleShot(true);
    connect(m_browseTimer, &QTimer::timeout, this, [this] {
        for (const quint32 ip : m_hosts.keys())
            tryFinish(ip);
    });
    m_ssdpTimer = new QTimer(this);
    m_ssdpTimer->setSingleShot(true);
    connect(m_ssdpTimer, &QTimer::timeout, this, [this] {
        for (const quint32 ip : m_hosts.keys())
            tryFinish(ip);
    });
}

NameProbe::~NameProbe()
{
    cancelAll();
    delete m_mdnsNotifier;
    delete m_netbiosNotifier;
    delete m_ssdpNotifier;
    if (m_ssdpFd >= 0)
        ::close(m_ssdpFd);
    if (m_mdnsFd >= 0)
        ::close(m_mdnsFd);
    if (m_netbiosFd >= 0)
        ::close(m_netbiosFd);
}

bool NameProbe::inScope(quint32 ip) const
{
    return std::any_of(m_scope.begin(), m_scope.end(), [ip](const InterfaceInfo &i) { return i.onLink(ip); });
}

bool NameProbe::browseSettled() const
{
    return !m_browsing || m_lastBrowseSend.elapsed() >= BrowseQuietMs;
}

int NameProbe::ssdpRemainingMs() const
{
    return m_ssdpSent.isValid() ? int(std::max<qint64>(0, SsdpWaitMs - m_ssdpSent.elapsed())) : 0;
}

void NameProbe::sendMulticast(const QByteArray &packet, const InterfaceInfo *only)
{
    if (m_mdnsFd < 0 || packet.isEmpty())
        return;
    for (const InterfaceInfo &i : std::as_const(m_scope)) {
        if (only && i.index != only->index)
            continue;
        ip_mreqn m{};
        m.imr_address.s_addr = htonl(i.ip);
        m.imr_ifindex = i.index;
        ::setsockopt(m_mdnsFd, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof(m));
        sendTo(m_mdnsFd, packet, MdnsGroup, m_config.mdnsPort);
    }
}

void NameProbe::browse()
{
    if (m_ssdpFd >= 0) {
        const QByteArray search = net::ssdpSearchRequest(1);
        for (const InterfaceInfo &i : std::as_const(m_scope)) {
            ip_mreqn m{};
            m.imr_address.s_addr = htonl(i.ip);
            m.imr_ifindex = i.index;
            ::setsockopt(m_ssdpFd, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof(m));
            sendTo(m_ssdpFd, search, net::SsdpGroup, net::SsdpPort);
        }
        m_ssdpSent.start();
        m_ssdpTimer->start(SsdpWaitMs);
    }
    if (m_scope.isEmpty() || m_mdnsFd < 0)
        return;
    m_browsing = true;
    m_lastBrowseSend.start();
    sendMulticast(net::buildQuery(0, {ServicesBrowse}, net::TypePtrQuery, net::QueryFlags::MdnsUnicastResponse),
                  nullptr);
    m_browseTimer->start(BrowseQuietMs);
}

void NameProbe::probe(quint32 ip, Callback callback)
{
    if (m_hosts.contains(ip))
        return;
    auto host = std::make_shared<Host>();
    host->ip = ip;
    host->callback = std::move(callback);
    host->netbiosId = m_nextId++;
    if (m_nextId == 0)
        m_nextId = 1;
    host->retry = new QTimer(this);
    host->retry->setSingleShot(true);
    connect(host->retry, &QTimer::timeout, this, [this, ip] {
        const auto h = m_hosts.value(ip);
        if (!h)
            return;
        if (!h->mdnsAnswered)
            sendMdns(ip);
        if (!h->netbiosAnswered)
            sendNetbios(*h);
    });
    host->deadline = new QTimer(this);
    host->deadline->setSingleShot(true);
    connect(host->deadline, &QTimer::timeout, this, [this, ip] { finish(ip); });
    m_hosts.insert(ip, host);
    sendMdns(ip);
    sendNetbios(*host);
    host->retry->start(std::min(RetryAfterMs, m_config.timeoutMs / 2));
    // A host found early in the sweep also waits for the M-SEARCH's answers (at most SsdpWaitMs after it).
    host->deadline->start(std::max(m_config.timeoutMs, ssdpRemainingMs()));
    if (m_mdnsFd < 0 && m_netbiosFd < 0)
        QTimer::singleShot(0, this, [this, ip] { finish(ip); });
}

void NameProbe::sendMdns(quint32 ip)
{
    const QByteArray query =
        net::buildQuery(0, {net::reverseName(ip)}, net::TypePtrQuery, net::QueryFlags::MdnsUnicastResponse);
    sendTo(m_mdnsFd, query, ip, m_config.mdnsPort);
    for (const InterfaceInfo &i : std::as_const(m_scope))
        if (i.onLink(ip)) {
            sendMulticast(query, &i);
            break;
        }
}

void NameProbe::sendNetbios(const Host &host)
{
    sendTo(m_netbiosFd, net::netbiosNodeStatusQuery(host.netbiosId), host.ip, m_config.netbiosPort);
}

void NameProbe::onMdnsReadable()
{
    QByteArray packet;
    quint32 from = 0;
    quint16 port = 0;
    for (int i = 0; i < 256 && receive(m_mdnsFd, &packet, &from, &port); ++i)
        if (port == m_config.mdnsPort && !packet.isEmpty())
            handleMdns(from, packet);
}

void NameProbe::handleMdns(quint32 from, const QByteArray &packet)
{
    const net::DnsMessage m =
        net::parseMessage(reinterpret_cast<const std::uint8_t *>(packet.constData()), std::size_t(packet.size()));
    if (!m.ok || !m.response || m.opcode != 0 || m.rcode != 0)
        return;
    const auto host = m_hosts.value(from);
    if (host) {
        const QByteArray reverse = net::reverseName(from);
        for (const net::DnsRecord &r : m.records) {
            if (r.type == net::TypePtrQuery && r.owner == reverse && !r.name.isEmpty()) {
                host->result.names.insert(QStringLiteral("mdns"), r.name);
                host->mdnsAnswered = true;
                break;
            }
        }
    }
    if (!m_browsing || !inScope(from) || !m_inTargets(from))
        return;
    // Browse: service types from the enumeration, and model hints from the TXT of the instances of types
    // this host advertises (the responder puts them in the additional section of its PTR answer).
    QList<QByteArray> newTypes;
    for (const net::DnsRecord &r : m.records) {
        if (r.type != net::TypePtrQuery)
            continue;
        if (r.owner == ServicesBrowse.toLower()) {
            if (r.nameLabels.size() < 3 || !r.nameKey.endsWith(".local"))
                continue;
            m_services[from].insert(QString::fromLatin1(r.nameKey.chopped(6)));
            if (!m_types.contains(r.nameKey) && m_types.size() < MaxServiceTypes) {
                m_types.insert(r.nameKey);
                newTypes.append(r.nameKey);
            }
        } else if (m_types.contains(r.owner)) {
            m_services[from].insert(QString::fromLatin1(r.owner.chopped(6)));
        }
    }
    for (const net::DnsRecord &r : m.records) {
        if (r.type != net::TypeTxtQuery || m_models.contains(from))
            continue;
        const bool ofAType = std::any_of(m_types.begin(), m_types.end(), [&r](const QByteArray &type) {
            return r.owner.endsWith(QByteArray('.' + type));
        });
        if (!ofAType)
            continue;
        QString model;
        for (const char *key : {"ty=", "md=", "model=", "usb_MDL="})
            for (const QByteArray &entry : r.txt)
                if (model.isEmpty() && entry.size() > qsizetype(std::strlen(key)) &&
                    entry.toLower().startsWith(QByteArray(key).toLower()))
                    model = cleanText(entry.mid(qsizetype(std::strlen(key))));
        if (!model.isEmpty())
            m_models.insert(from, model);
    }
    if (!newTypes.isEmpty()) {
        m_lastBrowseSend.start();
        sendMulticast(net::buildQuery(0, newTypes, net::TypePtrQuery, net::QueryFlags::MdnsUnicastResponse), nullptr);
        m_browseTimer->start(BrowseQuietMs);
    }
    if (host)
        tryFinish(from);
}

void NameProbe::onNetbiosReadable()
{
    QByteArray packet;
    quint32 from = 0;
    quint16 port = 0;
    for (int i = 0; i < 256 && receive(m_netbiosFd, &packet, &from, &port); ++i) {
        const auto host = m_hosts.value(from);
        if (!host || port != m_config.netbiosPort || packet.isEmpty())
            continue;
        const net::NodeStatus status = net::parseNodeStatus(reinterpret_cast<const std::uint8_t *>(packet.constData()),
                                                            std::size_t(packet.size()), host->netbiosId);
        if (!status.ok)
            continue;
        host->netbiosAnswered = true;
        if (!status.name.isEmpty())
            host->result.names.insert(QStringLiteral("netbios"), status.name);
        if (status.mac)
            host->result.netbiosMac = *status.mac;
        tryFinish(from);
    }
}

void NameProbe::onSsdpReadable()
{
    QByteArray packet;
    quint32 from = 0;
    quint16 port = 0;
    for (int i = 0; i < 256 && receive(m_ssdpFd, &packet, &from, &port); ++i) {
        // Devices answer from any port; what counts is who answered and where its description is.
        if (packet.isEmpty() || m_fetched.contains(from) || !inScope(from) || !m_inTargets(from))
            continue;
        const QUrl location = net::ssdpLocation(packet);
        // Only the answering host's own description: a LOCATION elsewhere would make us fetch from anyone.
        if (!location.isValid() || QHostAddress(location.host()) != QHostAddress(from))
            continue;
        fetchDescription(from, location);
    }
}

void NameProbe::fetchDescription(quint32 ip, const QUrl &url)
{
    if (!m_http) {
        m_http = new QNetworkAccessManager(this);
        m_http->setProxy(QNetworkProxy::NoProxy); // a LAN device, never through the user's proxy
    }
    m_fetched.insert(ip);
    QNetworkRequest request(url);
    request.setTransferTimeout(FetchTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_http->get(request);
    m_fetching.insert(ip, reply);
    auto body = std::make_shared<QByteArray>();
    connect(reply, &QNetworkReply::readyRead, this, [reply, body] {
        body->append(reply->read(net::MaxDescriptionBytes + 1 - body->size()));
        if (body->size() > net::MaxDescriptionBytes)
            reply->abort(); // a description this large is not one: stop reading, keep nothing
    });
    connect(reply, &QNetworkReply::finished, this, [this, ip, reply, body] {
        reply->deleteLater();
        if (m_fetching.value(ip) != reply)
            return;
        m_fetching.remove(ip);
        if (reply->error() == QNetworkReply::NoError && body->size() <= net::MaxDescriptionBytes) {
            body->append(reply->readAll().left(net::MaxDescriptionBytes + 1 - body->size()));
            const net::DeviceDescription d = net::parseDeviceDescription(*body);
            if (d.ok && !d.friendlyName.isEmpty())
                m_ssdpNames.insert(ip, d.friendlyName);
            QString model = d.modelName;
            if (!d.manufacturer.isEmpty() && !model.startsWith(d.manufacturer, Qt::CaseInsensitive))
                model = model.isEmpty() ? d.manufacturer : d.manufacturer + QLatin1Char(' ') + model;
            if (d.ok && !model.isEmpty())
                m_ssdpModels.insert(ip, model);
        }
        if (m_hosts.contains(ip))
            tryFinish(ip);
    });
}

void NameProbe::tryFinish(quint32 ip)
{
    const auto host = m_hosts.value(ip);
    if (!host || m_fetching.contains(ip))
        return;
    const bool deadlinePassed = !host->deadline->isActive();
    if (deadlinePassed || (host->mdnsAnswered && host->netbiosAnswered && browseSettled() && ssdpRemainingMs() == 0))
        finish(ip);
}

void NameProbe::finish(quint32 ip)
{
    if (m_fetching.contains(ip))
        return; // the fetch's own timeout (FetchTimeoutMs) ends it, then tryFinish() finishes the host
    const auto host = m_hosts.take(ip);
    if (!host)
        return;
    delete host->retry;
    delete host->deadline;
    Result result = host->result;
    QStringList services(m_services.value(ip).begin(), m_services.value(ip).end());
    services.sort();
    result.services = services;
    result.model = m_models.value(ip, m_ssdpModels.value(ip));
    if (m_ssdpNames.contains(ip))
        result.names.insert(QStringLiteral("ssdp"), m_ssdpNames.value(ip));
    // Queued, so a callback never runs inside probe() or a socket handler that is still using the host.
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation, callback = host->callback, ip, result] {
            if (generation == m_generation)
                callback(ip, result);
        },
        Qt::QueuedConnection);
}

void NameProbe::cancelAll()
{
    for (const auto &host : std::as_const(m_hosts)) {
        delete host->retry;
        delete host->deadline;
    }
    m_hosts.clear();
    ++m_generation;
    m_browseTimer->stop();
    m_ssdpTimer->stop();
    // abort() emits finished at once: the handlers must find the reply no longer theirs.
    const auto fetching = std::exchange(m_fetching, {});
    for (QNetworkReply *reply : fetching)
        reply->abort();
    m_browsing = false;
}

} // namespace lanwatch::scan
