// ReverseResolver: asynchronous, cancellable reverse DNS (PTR) lookups over UDP, in the caller's event loop.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>

class QUdpSocket;

namespace lanwatch::net {

// Replaces QHostInfo for PTR lookups: QHostInfo runs a blocking getnameinfo() on Qt's resolver threads,
// which abortHostLookup() cannot interrupt and which the process waits for at exit, so one DNS server
// that never answers held a scan, Ctrl-C and Quit for the resolver's whole timeout. Here nothing blocks:
// each query is a UDP socket in this thread's event loop with its own timer, like nmap's nsock DNS.
//
// Reads /etc/hosts (reverse entries) and /etc/resolv.conf (nameserver, options timeout:/attempts:) once,
// at construction. Lives in and must be used from the thread that created it.
class ReverseResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReverseResolver)

public:
    enum class Status { Found, NoName, Timeout, Error };
    Q_ENUM(Status)

    static constexpr int DefaultTimeoutMs = 1500; // per try; resolv.conf may only lower it
    static constexpr int DefaultAttempts = 2;     // tries per lookup, each to the next server
    static constexpr int DefaultMaxInFlight = 64; // more lookups wait in a queue

    struct Config
    {
        QString hostsPath = QStringLiteral("/etc/hosts");
        QString resolvConfPath = QStringLiteral("/etc/resolv.conf");
        quint16 port = 53; // tests run their fake server on another port
        int timeoutMs = DefaultTimeoutMs;
        int attempts = DefaultAttempts;
        int maxInFlight = DefaultMaxInFlight;
    };

    // name: the host name when Found, else empty. error: why, for Timeout and Error (for the user).
    using Callback = std::function<void(const QString &name, Status status, const QString &error)>;

    explicit ReverseResolver(QObject *parent = nullptr);
    explicit ReverseResolver(const Config &config, QObject *parent = nullptr);
    ~ReverseResolver() override; // drops every lookup: no callback runs afterwards, nothing waits

    // The callback runs later from the event loop (never inside lookup()), and not at all once context
    // is destroyed or cancelAll() was called. ipv4 is in host byte order.
    void lookup(quint32 ipv4, QObject *context, Callback callback);
    void cancelAll();

    QList<QHostAddress> servers() const;
    int timeoutMs() const; // the per-try timeout in effect
    int attempts() const;
    int inFlight() const; // queries on the wire
    int queued() const;   // lookups waiting for a free slot
    // Servers that were asked and have not answered anything yet.
    QList<QHostAddress> silentServers() const;

Q_SIGNALS:
    // A server let a try time out before it ever answered: once per server and resolver.
    void serverSilent(const QHostAddress &server);

private:
    struct Query;
    void loadHosts(const QString &path);
    void loadResolvConf(const QString &path);
    void startQuery(std::shared_ptr<Query> query);
    void sendTry(const std::shared_ptr<Query> &query);
    void onReadable(const std::shared_ptr<Query> &query, QUdpSocket *socket);
    void onTimeout(const std::shared_ptr<Query> &query);
    void finish(const std::shared_ptr<Query> &query, const QString &name, Status status, const QString &error);
    void deliver(QObject *context, bool hadContext, Callback callback, const QString &name, Status status,
                 const QString &error);
    void release(Query &query);

    Config m_config;
    QHash<quint32, QString> m_hosts;
    QList<QHostAddress> m_servers;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_attempts = DefaultAttempts;
    QSet<QString> m_answered, m_silentReported, m_asked;
    std::unordered_map<quint64, std::shared_ptr<Query>> m_active; // by serial
    quint64 m_nextSerial = 0;
    std::deque<std::shared_ptr<Query>> m_queue;
    quint64 m_generation = 0; // bumped by cancelAll(): deliveries already queued for an older one are dropped
};

} // namespace lanwatch::net
