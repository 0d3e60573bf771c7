// AgentServer: lanwatch-agent's HTTP endpoint on Qt HTTP Server: /metrics, /api/v1/devices, /api/v1/events,
// /healthz. Read-only: nothing a GET does changes the inventory.
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class QTcpServer;

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::agent {

// Lives in the thread of the DeviceStore it reads (the agent's main thread): handlers run in the event loop.
class AgentServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentServer)

public:
    using MetricsSource = std::function<Result<QByteArray>()>;

    static constexpr int DefaultEventLimit = 1000; // /api/v1/events without limit=
    static constexpr int MaxEventLimit = 10000;
    static constexpr int MaxQueryBytes = 1024;     // a longer query string is refused (400), not parsed
    static constexpr int MaxBodyBytes = 16 * 1024; // a PATCH body

    AgentServer(monitor::DeviceStore *store, MetricsSource metrics, QObject *parent = nullptr);
    ~AgentServer() override;

    // Binds address:port (0: any free port) and returns the port; on failure the reason, and nothing listens.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    void close(); // stops listening (connections in progress are dropped with the server)
    bool isListening() const;
    quint16 port() const;

    // Every path except /healthz then needs "Authorization: Bearer TOKEN" (401 otherwise). Empty: no token.
    void setToken(const QByteArray &token) { m_token = token; }
    // PEM certificate (chain) and key: the next listen() speaks HTTPS only. Empty: plain HTTP.
    void setTls(const QByteArray &certPem, const QByteArray &keyPem);

private:
    std::optional<QHttpServerResponse> refused(const QHttpServerRequest &request, bool needsToken) const;
    QHttpServerResponse metrics(const QHttpServerRequest &request) const;
    QHttpServerResponse devices(const QHttpServerRequest &request) const;
    QHttpServerResponse events(const QHttpServerRequest &request) const;
    // GET: one device; PATCH (token required, and a token must be configured): name, notes, known, watch.
    QHttpServerResponse device(const QString &key, const QHttpServerRequest &request);
    void createServer();

    monitor::DeviceStore *m_store;
    MetricsSource m_metrics;
    QByteArray m_token;
    QByteArray m_certPem, m_keyPem;
    QHttpServer *m_http = nullptr; // recreated by listen(): Qt 6.4 cannot unbind a QTcpServer from it
    QTcpServer *m_tcp = nullptr;   // owned by m_http
};

} // namespace lanwatch::agent
