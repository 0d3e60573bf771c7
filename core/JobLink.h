// JobLink: what a background job shares with the QObject that started it. The job posts results
// through it (queued to the owner's thread) only while the owner is attached; the owner detaches on
// cancel or destruction, so a job may outlive its owner safely and never touches it directly.
#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <utility>

namespace lanwatch::core {

template <typename Owner> class JobLink
{
public:
    explicit JobLink(Owner *owner = nullptr) : m_owner(owner) {}

    std::atomic_bool cancel{false};

    template <typename F> void post(F &&f)
    {
        QMutexLocker lock(&m_mutex);
        if (m_owner)
            QMetaObject::invokeMethod(m_owner, std::forward<F>(f), Qt::QueuedConnection);
    }
    void attach(Owner *owner)
    {
        QMutexLocker lock(&m_mutex);
        m_owner = owner;
    }
    void detach() { attach(nullptr); }
    // The owner while attached. Only meaningful in the owner's thread (inside a posted function), where
    // detaching cannot happen concurrently.
    Owner *owner() const
    {
        QMutexLocker lock(&m_mutex);
        return m_owner;
    }

private:
    mutable QMutex m_mutex;
    Owner *m_owner = nullptr; // guarded by m_mutex
};

} // namespace lanwatch::core
