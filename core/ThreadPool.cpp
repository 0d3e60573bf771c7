// The QThreadPools that core owns for all background work.
#include "core/ThreadPool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace {
// Sweeps block in poll() for their probe window, so the pool is sized above the core count, but
// capped so a burst of work cannot spawn hundreds of threads. Reverse DNS does not run on any thread
// (net::ReverseResolver is UDP sockets in the engine's event loop), so exit never waits for a lookup.
// Q_GLOBAL_STATIC destroys the pool at exit, which waits for every job still running: every job on
// it watches a cancel flag that its owner sets on destruction.
struct CorePool : QThreadPool
{
    CorePool()
    {
        setObjectName(QStringLiteral("lanwatch-core"));
        setMaxThreadCount(std::clamp(QThread::idealThreadCount() * 4, 8, 32));
        setExpiryTimeout(30'000);
    }
};
Q_GLOBAL_STATIC(CorePool, s_pool)

// Blocking file-system work: a few runs and walks at once, each able to use a few extra copy workers
// (SyncRunner starts them with tryStart, so a full pool only makes a run use fewer threads).
struct BlockingPool : QThreadPool
{
    BlockingPool()
    {
        setObjectName(QStringLiteral("lanwatch-blocking"));
        setMaxThreadCount(std::clamp(QThread::idealThreadCount() * 2, 4, 16));
        setExpiryTimeout(30'000);
    }
};
Q_GLOBAL_STATIC(BlockingPool, s_blocking)
} // namespace

namespace lanwatch::core {

QThreadPool *threadPool()
{
    return s_pool();
}

QThreadPool *blockingPool()
{
    return s_blocking();
}

} // namespace lanwatch::core
