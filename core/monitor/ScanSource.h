// ScanSource: where the monitor's sweeps come from. The ScanEngine through ScanEngineSource; tests feed
// sweep results through a fake, without the network.
#pragma once

#include "core/Result.h"
#include "core/scan/ScanTypes.h"
#include "core/scan/TargetSet.h"

#include <QHash>
#include <QList>
#include <QObject>

class QThreadPool;

namespace lanwatch::scan {
class ScanEngine;
}

namespace lanwatch::monitor {

// One sweep at a time. finished() is emitted in the source's thread, once per successful start().
class ScanSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanSource)

public:
    using QObject::QObject;
    ~ScanSource() override = default;

    // retried: the addresses that get every retry (the others are tried once); the whole of targets when
    // every address must be tried as hard as the options say.
    virtual Result<void> start(const scan::TargetSet &targets, const scan::TargetSet &retried) = 0;
    virtual void cancel() = 0; // finished(..., true) follows

Q_SIGNALS:
    // Every live host with what enrichment found (MAC, vendor, name, RTT).
    void finished(const QList<lanwatch::scan::HostRecord> &hosts, bool cancelled);
    void warning(const QString &message);
};

// The adapter: runs a ScanEngine sweep and hands over its hosts when the engine has finished enriching them.
class ScanEngineSource final : public ScanSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanEngineSource)

public:
    explicit ScanEngineSource(scan::ScanOptions options = {}, QObject *parent = nullptr, QThreadPool *pool = nullptr);
    ~ScanEngineSource() override;

    Result<void> start(const scan::TargetSet &targets, const scan::TargetSet &retried) override;
    void cancel() override;

private:
    scan::ScanOptions m_options;
    scan::ScanEngine *m_engine; // child
    QHash<quint32, scan::HostRecord> m_hosts;
    QList<quint32> m_order;
};

} // namespace lanwatch::monitor
