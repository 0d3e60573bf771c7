// The QThreadPools that core owns: one for CPU-bound and short jobs, one for work that may block.
#pragma once

class QThreadPool;

namespace lanwatch::core {

// Process-wide pool with a capped thread count; never the global QThreadPool::globalInstance(),
// so Qt's own users of the global pool (QtConcurrent defaults, QHostInfo) cannot starve us or be starved.
// Scan sweeps and enrichment run here.
QThreadPool *threadPool();

// A second, separately capped pool for work that can block for a long time on the disk or a dead
// mount: sync runs and their copy workers, planning and watch walks, pair validation. A big copy or a
// hung NFS server fills this pool, never threadPool(), so scanning (and, next, monitoring) goes on.
// Jobs here must watch a cancel flag: exit waits for what still runs.
QThreadPool *blockingPool();

} // namespace lanwatch::core
