// AgentServer: routes, the bearer-token check and small, fixed answers to anything unexpected.
#include "agent/AgentServer.h"

#include "agent/Metrics.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/InventoryJson.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QUrlQuery>

#include <optional>

namespace lanwatch::agent {

using namespace lanwatch::monitor;
using Status = QHttpServerResponse::StatusCode;

namespace {

QHttpServerResponse text(const QByteArray &body, Status status)
{
    return QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), body + '\n', status);
}

QHttpServerResponse json(const QJsonValue &value, Status status = Status::Ok)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return QHttpServerResponse(QByteArrayLiteral("application/json"), body, status);
}

QHttpServerResponse jsonError(const QString &message, Status status)
{
    return json(QJsonObject{{QStringLiteral("error"), message}}, status);
}

// Compares in time independent of where the first difference is.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

AgentServer::AgentServer(DeviceStore *store, MetricsSource metrics, QObject *parent)
    : QObject(parent), m_store(store), m_metrics(std::move(metrics))
{}

AgentServer::~AgentServer() = default;

void AgentServer::createServer()
{
    delete m_http;
    m_http = new QHttpServer(this);
    m_tcp = nullptr;
    m_http->route(QStringLiteral("/metrics"), [this](const QHttpServerRequest &r) { return metrics(r); });
    m_http->route(QStringLiteral("/api/v1/devices"), [this](const QHttpServerRequest &r) { return devices(r); });
    m_http->route(QStringLiteral("/api/v1/events"), [this](const QHttpServerRequest &r) { return events(r); });
    m_http->route(QStringLiteral("/api/v1/devices/<arg>"),
                  [this](const QString &key, const QHttpServerRequest &r) { return device(key, r); });
    m_http->route(QStringLiteral("/healthz"), [this](const QHttpServerRequest &r) {
        if (auto no = refused(r, false))
            return std::move(*no);
        return text(QByteArrayLiteral("ok"), Status::Ok);
    });
    // Anything else: a fixed small answer that echoes nothing of the request.
    m_http->setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write(QByteArrayLiteral("not found\n"), QByteArrayLiteral("text/plain; charset=utf-8"),
                        QHttpServerResponder::StatusCode::NotFound);
    });
}

Result<quint16> AgentServer::listen(const QHostAddress &address, quint16 port)
{
    close();
    std::unique_ptr<QTcpServer> tcp;
    if (m_certPem.isEmpty()) {
        tcp = std::make_unique<QTcpServer>();
    } else {
        // Qt HTTP Server (6.4) takes connections on pendingConnectionAvailable, which a QSslServer emits only
        // after the handshake: a client that never completes it never reaches a handler.
        if (!QSslSocket::supportsSsl())
            return Result<quint16>::failure(QStringLiteral("this Qt has no TLS backend (OpenSSL) for tls_cert"));
        const auto chain = QSslCertificate::fromData(m_certPem, QSsl::Pem);
        const QSslKey key(m_keyPem, chain.value(0).publicKey().algorithm(), QSsl::Pem);
        if (chain.isEmpty() || chain.first().isNull() || key.isNull())
            return Result<quint16>::failure(
                QStringLiteral("tls_cert and tls_key are not a PEM certificate and its unencrypted private key"));
        auto ssl = std::make_unique<QSslServer>();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->setSslConfiguration(tls);
        ssl->setHandshakeTimeout(10000);
        tcp = std::move(ssl);
    }
    if (!tcp->listen(address, port)) {
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                 : address.toString();
        return Result<quint16>::failure(
            QStringLiteral("cannot listen on %1:%2: %3").arg(host).arg(port).arg(tcp->errorString()));
    }
    createServer();
    m_tcp = tcp.release();
    m_tcp->setParent(m_http);
    m_http->bind(m_tcp);
    return m_tcp->serverPort();
}

void AgentServer::setTls(const QByteArray &certPem, const QByteArray &keyPem)
{
    m_certPem = certPem;
    m_keyPem = keyPem;
}

void AgentServer::close()
{
    delete m_http; // closes the listening socket it owns and its connections
    m_http = nullptr;
    m_tcp = nullptr;
}

bool AgentServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 AgentServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

std::optional<QHttpServerResponse> AgentServer::refused(const QHttpServerRequest &request, bool needsToken) const
{
    if (request.method() != QHttpServerRequest::Method::Get && request.method() != QHttpServerRequest::Method::Head) {
        QHttpServerResponse r = text(QByteArrayLiteral("only GET here"), Status::MethodNotAllowed);
        r.setHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD"));
        return r;
    }
    if (needsToken && !m_token.isEmpty()) {
        const QByteArray header = request.value(QByteArrayLiteral("Authorization")).trimmed();
        const QByteArray scheme = QByteArrayLiteral("Bearer ");
        if (!header.startsWith(scheme) || !sameSecret(header.mid(scheme.size()).trimmed(), m_token)) {
            QHttpServerResponse r = text(QByteArrayLiteral("a valid bearer token is needed"), Status::Unauthorized);
            r.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"lanwatch\""));
            return r;
        }
    }
    if (request.url().query(QUrl::FullyEncoded).size() > MaxQueryBytes)
        return text(QByteArrayLiteral("query string too long"), Status::BadRequest);
    return std::nullopt;
}

QHttpServerResponse AgentServer::metrics(const QHttpServerRequest &request) const
{
    if (auto no = refused(request, true))
        return std::move(*no);
    if (!request.query().isEmpty())
        return text(QByteArrayLiteral("/metrics takes no parameters"), Status::BadRequest);
    const auto page = m_metrics();
    if (!page) {
        qWarning("lanwatch-agent: /metrics: %s", qPrintable(page.error()));
        return text(QByteArrayLiteral("the inventory could not be read; see the agent's log"),
                    Status::InternalServerError);
    }
    return QHttpServerResponse(QByteArray(MetricsContentType), page.value());
}

QHttpServerResponse AgentServer::devices(const QHttpServerRequest &request) const
{
    if (auto no = refused(request, true))
        return std::move(*no);
    if (!request.query().isEmpty())
        return jsonError(QStringLiteral("/api/v1/devices takes no parameters"), Status::BadRequest);
    const auto list = m_store->devices();
    if (!list) {
        qWarning("lanwatch-agent: /api/v1/devices: %s", qPrintable(list.error()));
        return jsonError(QStringLiteral("the inventory could not be read; see the agent's log"),
                         Status::InternalServerError);
    }
    QJsonArray array;
    for (const Device &d : list.value())
        array.append(deviceJson(d));
    return json(array);
}

QHttpServerResponse AgentServer::events(const QHttpServerRequest &request) const
{
    if (auto no = refused(request, true))
        return std::move(*no);
    EventFilter filter;
    filter.limit = DefaultEventLimit;
    const QUrlQuery query = request.query();
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("since")) {
            const auto t = parseSince(value, m_store->now());
            if (!t)
                return jsonError(QStringLiteral("since must be a time (2026-03-01T12:00:00Z, @EPOCH) or an age (30m, "
                                                "2h, 7d)"),
                                 Status::BadRequest);
            filter.since = *t;
        } else if (key == QLatin1String("kind")) {
            const auto k = eventKindFromName(value);
            if (!k)
                return jsonError(QStringLiteral("unknown kind"), Status::BadRequest);
            filter.kind = *k;
        } else if (key == QLatin1String("limit")) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < 1 || n > MaxEventLimit)
                return jsonError(QStringLiteral("limit must be from 1 to %1").arg(MaxEventLimit), Status::BadRequest);
            filter.limit = n;
        } else {
            return jsonError(QStringLiteral("unknown parameter (known: since, kind, limit)"), Status::BadRequest);
        }
    }
    const auto list = m_store->events(filter);
    if (!list) {
        qWarning("lanwatch-agent: /api/v1/events: %s", qPrintable(list.error()));
        return jsonError(QStringLiteral("the inventory could not be read; see the agent's log"),
                         Status::InternalServerError);
    }
    // Oldest first, as 'lanwatch-cli events' prints them; the store gives the newest limit first.
    QJsonArray array;
    for (auto it = list->crbegin(); it != list->crend(); ++it)
        array.append(eventJson(*it));
    return json(array);
}

QHttpServerResponse AgentServer::device(const QString &key, const QHttpServerRequest &request)
{
    const bool patch = request.method() == QHttpServerRequest::Method::Patch;
    if (!patch)
        if (auto no = refused(request, true))
            return std::move(*no);
    if (patch) {
        // Changes only with a token: without one configured, nobody may change anything over HTTP.
        if (m_token.isEmpty())
            return jsonError(QStringLiteral("changes need a token: set token_file on the agent"), Status::Forbidden);
        const QByteArray header = request.value(QByteArrayLiteral("Authorization")).trimmed();
        const QByteArray scheme = QByteArrayLiteral("Bearer ");
        if (!header.startsWith(scheme) || !sameSecret(header.mid(scheme.size()).trimmed(), m_token)) {
            QHttpServerResponse r = jsonError(QStringLiteral("a valid bearer token is needed"), Status::Unauthorized);
            r.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"lanwatch\""));
            return r;
        }
    }
    if (!request.query().isEmpty())
        return jsonError(QStringLiteral("this path takes no parameters"), Status::BadRequest);
    const QString mac = normalizedMac(key);
    const QHostAddress ip(key);
    Result<std::optional<Device>> found = std::optional<Device>();
    if (!mac.isEmpty())
        found = m_store->deviceByMac(mac);
    else if (ip.protocol() == QAbstractSocket::IPv4Protocol)
        found = m_store->deviceByIp(ip.toIPv4Address());
    else
        return jsonError(QStringLiteral("give a MAC address (or the IP of a device known by its IP)"),
                         Status::BadRequest);
    if (!found) {
        qWarning("lanwatch-agent: /api/v1/devices/: %s", qPrintable(found.error()));
        return jsonError(QStringLiteral("the inventory could not be read; see the agent's log"),
                         Status::InternalServerError);
    }
    if (!found.value())
        return jsonError(QStringLiteral("no such device"), Status::NotFound);
    const DeviceId id = found.value()->id;
    if (!patch)
        return json(deviceJson(*found.value()));

    if (request.body().size() > MaxBodyBytes)
        return jsonError(QStringLiteral("body too large"), Status::PayloadTooLarge);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return jsonError(QStringLiteral("the body must be a JSON object"), Status::BadRequest);
    const QJsonObject changes = doc.object();
    // Everything is checked before anything is written: a bad field changes nothing.
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QString &field = it.key();
        const bool text = field == QLatin1String("name") || field == QLatin1String("notes");
        const bool flag = field == QLatin1String("known") || field == QLatin1String("watch");
        if (!text && !flag)
            return jsonError(QStringLiteral("unknown field (known: name, notes, known, watch)"), Status::BadRequest);
        if ((text && !it.value().isString()) || (flag && !it.value().isBool()))
            return jsonError(QStringLiteral("name and notes are strings, known and watch true or false"),
                             Status::BadRequest);
        if (text && it.value().toString().size() > (field == QLatin1String("name") ? 200 : 4000))
            return jsonError(QStringLiteral("name is at most 200 characters, notes 4000"), Status::BadRequest);
    }
    QList<Result<void>> results;
    if (changes.contains(QStringLiteral("name")))
        results << m_store->setCustomName(id, changes[QStringLiteral("name")].toString().trimmed());
    if (changes.contains(QStringLiteral("notes")))
        results << m_store->setNotes(id, changes[QStringLiteral("notes")].toString());
    if (changes.contains(QStringLiteral("known")))
        results << m_store->setKnown(id, changes[QStringLiteral("known")].toBool());
    if (changes.contains(QStringLiteral("watch")))
        results << m_store->setWatch(id, changes[QStringLiteral("watch")].toBool());
    for (const Result<void> &r : std::as_const(results))
        if (!r) {
            qWarning("lanwatch-agent: PATCH /api/v1/devices/: %s", qPrintable(r.error()));
            return jsonError(QStringLiteral("the inventory could not be written; see the agent's log"),
                             Status::InternalServerError);
        }
    const auto after = m_store->device(id);
    return after && after.value() ? json(deviceJson(*after.value()))
                                  : jsonError(QStringLiteral("gone"), Status::NotFound);
}

} // namespace lanwatch::agent
