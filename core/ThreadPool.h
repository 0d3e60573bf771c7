// The QThreadPool that core owns for all background work (scan sweeps, enrichment, sync runs).
#pragma once

class QThreadPool;

namespace lanwatch::core {

// Process-wide pool with a capped thread count; never the global QThreadPool::globalInstance(),
// so Qt's own users of the global pool (QtConcurrent defaults, QHostInfo) cannot starve us or be starved.
QThreadPool *threadPool();

} // namespace lanwatch::core
