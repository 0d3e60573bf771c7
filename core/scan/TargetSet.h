// TargetSet: the addresses a scan probes, parsed from CIDR, ranges, single addresses and lists.
#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

namespace lanwatch::scan {

class TargetSet
{
public:
    struct Range
    {
        quint32 first; // host byte order, inclusive
        quint32 last;  // inclusive
        bool operator==(const Range &) const = default;
    };

    static constexpr quint64 LargeLimit = 65'536;

    // Accepts "10.0.1.0/24", "10.0.1.10-10.0.1.50", "10.0.1.10-50", "10.0.1.7" and comma-separated
    // lists of these (spaces allowed). A CIDR's network and broadcast addresses are left out (/31 and
    // /32 keep theirs). Ranges are merged and sorted. Refuses, with a message saying what is wrong:
    // empty input, bad octets, prefix > 32, reversed ranges, and more than LargeLimit addresses unless
    // allowLarge.
    static Result<TargetSet> parse(const QString &text, bool allowLarge = false);

    // The set of these ranges, sorted and merged (no size limit, may be empty).
    static TargetSet fromRanges(QList<Range> ranges);

    quint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    quint32 at(quint64 index) const; // index in [0, size())
    bool contains(quint32 ip) const;
    const QList<Range> &ranges() const { return m_ranges; }
    // The addresses at indexes [from, from + count), clipped to size(), as ranges in order.
    QList<Range> slice(quint64 from, quint64 count) const;

private:
    QList<Range> m_ranges;
    quint64 m_size = 0;
};

QString ipv4ToString(quint32 ip);
std::optional<quint32> ipv4FromString(const QString &text); // strict dotted quad

} // namespace lanwatch::scan
