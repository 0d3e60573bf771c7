// AgentConfig: what lanwatch-agent runs, read from its INI-style file (and the quick-start flags), checked
// whole before anything starts: a mistake comes back as "FILE:LINE: reason".
#pragma once

#include "agent/Notifier.h"
#include "core/Result.h"
#include "core/monitor/MonitorTypes.h"
#include "core/sync/SyncPair.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace lanwatch::agent {

struct AgentDefaults
{
    static constexpr const char *ConfigPath = "/etc/lanwatch/agent.conf";
    static constexpr const char *ListenAddress = "127.0.0.1";
    static constexpr quint16 ListenPort = 9617; // next to node_exporter's 9100 range; unclaimed on the wiki
    static constexpr int MaxTokenBytes = 4096;
};

struct AgentConfig
{
    // [agent]
    QHostAddress listenAddress{QString::fromLatin1(AgentDefaults::ListenAddress)};
    quint16 listenPort = AgentDefaults::ListenPort; // 0: any free port (printed at start)
    QString tokenFile;                              // empty: no token asked for
    QByteArray token;                               // read from tokenFile when the config is loaded
    QString database;                               // empty: defaultDatabase()
    QString logFile;                                // --daemon only: where stdout/stderr go (empty: /dev/null)
    QString tlsCert, tlsKey;                        // PEM files: the endpoint speaks HTTPS (both or neither)
    QByteArray tlsCertPem, tlsKeyPem;               // read when the config is loaded
    // [monitor]
    QList<monitor::WatchedTarget> watch; // intervalSeconds 0: the target takes intervalSeconds below
    int intervalSeconds = monitor::MonitorLimits::DefaultIntervalSeconds; // for targets without their own
    int graceSeconds = 0;                                                 // 0: automatic
    bool passive = true;
    // [sync NAME]: folder-sync pairs the agent keeps in step; id = NAME (the "pair" label of the metrics)
    QList<sync::SyncPair> pairs;
    // [notify]: webhook and mail for the events (and the daily report), for sites without Alertmanager
    NotifyConfig notify;

    QString listenText() const; // "127.0.0.1:9617", "[::1]:9617"
    // $STATE_DIRECTORY/devices.sqlite under systemd (StateDirectory=lanwatch), else DeviceStore::defaultPath().
    static QString defaultDatabase();
    QString databasePath() const { return database.isEmpty() ? defaultDatabase() : database; }

    // Parses a config file's text. fileName names it in messages ("agent.conf:12: unknown key 'intervl' ...").
    // Relative paths in it are taken from baseDir.
    static Result<AgentConfig> parse(const QString &text, const QString &fileName, const QString &baseDir);
    static Result<AgentConfig> load(const QString &path);

    // Setters shared by the file and the quick-start flags; each returns the reason a value is refused.
    Result<void> setListen(const QString &text);
    // "TARGET" or "TARGET every SECONDS"; a target without its own interval takes intervalSeconds, wherever
    // that is set (a later line, the --interval flag).
    Result<void> addWatch(const QString &value);
    Result<void> setInterval(const QString &text);
    Result<void> setGrace(const QString &text);
    Result<void> readToken(); // reads tokenFile into token
    Result<void> readTls();   // reads and checks tlsCert and tlsKey

    QList<monitor::WatchedTarget> targets() const; // watch, each with the interval that applies

    bool operator==(const AgentConfig &) const = default;
};

} // namespace lanwatch::agent
