// RateLimiter: a token bucket that paces probe sends; time is passed in so it is testable without clocks.
#pragma once

#include <QtGlobal>

#include <algorithm>

namespace lanwatch::scan {

class RateLimiter
{
public:
    // burst: how many sends may go back to back after an idle spell (kept small so a LAN switch never
    // sees a wall of broadcasts at once).
    RateLimiter(double packetsPerSecond, int burst, qint64 nowNs)
        : m_intervalNs(packetsPerSecond > 0 ? 1e9 / packetsPerSecond : 0), m_burst(std::max(1, burst)),
          m_tokens(m_burst), m_lastNs(nowNs)
    {}

    // Takes one token if one is available at nowNs.
    bool tryTake(qint64 nowNs)
    {
        refill(nowNs);
        if (m_tokens < 1.0)
            return false;
        m_tokens -= 1.0;
        return true;
    }

    // Nanoseconds from nowNs until the next token is available (0: now).
    qint64 waitNs(qint64 nowNs)
    {
        refill(nowNs);
        if (m_tokens >= 1.0 || m_intervalNs <= 0)
            return 0;
        return static_cast<qint64>((1.0 - m_tokens) * m_intervalNs) + 1;
    }

private:
    void refill(qint64 nowNs)
    {
        if (m_intervalNs <= 0) {
            m_tokens = m_burst;
            return;
        }
        if (nowNs > m_lastNs) {
            m_tokens = std::min<double>(m_burst, m_tokens + double(nowNs - m_lastNs) / m_intervalNs);
            m_lastNs = nowNs;
        }
    }

    double m_intervalNs;
    int m_burst;
    double m_tokens;
    qint64 m_lastNs;
};

} // namespace lanwatch::scan
