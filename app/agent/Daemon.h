// Daemon: the classic way to run without systemd: a locked pid file and a double fork that reports back
// whether the agent really started; and the signals the agent acts on, delivered in the event loop.
#pragma once

#include "core/Result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace lanwatch::agent {

// A pid file held with an exclusive flock for the life of the process (and of the daemon it forks into): a
// second agent with the same file is refused, and a file left by a crashed agent (no lock) is taken over.
class PidFile final
{
    Q_DISABLE_COPY_MOVE(PidFile)

public:
    static Result<std::unique_ptr<PidFile>> acquire(const QString &path);
    ~PidFile();              // removes the file
    Result<void> writePid(); // the calling process's pid (after the forks)

private:
    PidFile(QString path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    QString m_path;
    int m_fd;
};

// Detaches: fork, setsid, fork, chdir /, umask 027, stdin from /dev/null, stdout/stderr to logFile (appended;
// empty: /dev/null). Returns in the daemon only; the original process waits until the daemon calls
// reportStarted() and exits 0, or exits 1 with the message the daemon gave to reportFailed() (or when the
// daemon died first).
Result<void> daemonize(const QString &logFile);
void reportStarted();
void reportFailed(const QString &message);

// Calls handler(signal) from the event loop (never inside the signal handler) for SIGTERM, SIGINT and SIGHUP,
// through a self-pipe; context owns the notifier.
void onSignals(QObject *context, std::function<void(int)> handler);

} // namespace lanwatch::agent
