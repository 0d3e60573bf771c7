// The QThreadPool that core owns for all background work.
#include "core/ThreadPool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace {
// Sweeps block in poll() for their probe window and enrichment waits on DNS, so the pool is sized
// above the core count, but capped so a burst of work cannot spawn hundreds of threads.
// Q_GLOBAL_STATIC destroys the pool at exit, which waits for every job still running.
struct CorePool : QThreadPool {
    CorePool()
    {
        setObjectName(QStringLiteral("lanwatch-core"));
        setMaxThreadCount(std::clamp(QThread::idealThreadCount() * 4, 8, 32));
        setExpiryTimeout(30'000);
    }
};
Q_GLOBAL_STATIC(CorePool, s_pool)
} // namespace

namespace lanwatch::core {

QThreadPool *threadPool()
{
    return s_pool();
}

} // namespace lanwatch::core
