// TargetSet parsing: CIDR, ranges, single addresses and comma-separated lists, merged and sorted.
#include "core/scan/TargetSet.h"

#include <QCoreApplication>

#include <algorithm>

namespace lanwatch::scan {

namespace {

// User text quoted in a message, cut short: a pasted 100 KB target must not come back whole on stderr.
QString shown(const QString &text)
{
    constexpr qsizetype Max = 64;
    if (text.size() <= Max)
        return text;
    return text.left(Max) + QStringLiteral("... (%1 characters)").arg(text.size());
}

// Strict dotted quad with a reason when it is not one ("300.1.1.1": octet out of range).
Result<quint32> parseAddress(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return Result<quint32>::failure(
            QCoreApplication::translate(
                "TargetSet", "'%1' is not an IPv4 address: expected four numbers separated by dots, like 192.168.1.10.")
                .arg(shown(text)));
    quint32 ip = 0;
    for (const QString &part : parts) {
        if (part.isEmpty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), [](QChar c) {
                return c >= QLatin1Char('0') && c <= QLatin1Char('9');
            }))
            return Result<quint32>::failure(
                QCoreApplication::translate("TargetSet",
                                            "'%1' is not an IPv4 address: '%2' is not a number from 0 to 255.")
                    .arg(shown(text), shown(part)));
        const uint octet = part.toUInt();
        if (octet > 255)
            return Result<quint32>::failure(
                QCoreApplication::translate("TargetSet", "'%1' is not an IPv4 address: %2 is larger than 255.")
                    .arg(shown(text))
                    .arg(octet));
        ip = (ip << 8) | octet;
    }
    return ip;
}

Result<TargetSet::Range> parseItem(const QString &item)
{
    using R = Result<TargetSet::Range>;
    const qsizetype slash = item.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        const auto base = parseAddress(item.left(slash).trimmed());
        if (!base)
            return R::failure(base.error());
        const QString prefixText = item.mid(slash + 1).trimmed();
        bool ok = false;
        const int prefix = prefixText.toInt(&ok);
        if (!ok || prefix < 0 || prefix > 32)
            return R::failure(QCoreApplication::translate(
                                  "TargetSet", "'%1': the prefix length must be a number from 0 to 32, not '%2'.")
                                  .arg(shown(item), shown(prefixText)));
        const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
        const quint32 network = base.value() & mask;
        const quint32 broadcast = network | ~mask;
        // /31 (RFC 3021 point-to-point) and /32 have no network or broadcast address to leave out.
        if (prefix >= 31)
            return TargetSet::Range{network, broadcast};
        return TargetSet::Range{network + 1, broadcast - 1};
    }
    const qsizetype dash = item.indexOf(QLatin1Char('-'));
    if (dash >= 0) {
        const QString left = item.left(dash).trimmed();
        const QString right = item.mid(dash + 1).trimmed();
        const auto first = parseAddress(left);
        if (!first)
            return R::failure(first.error());
        quint32 last = 0;
        if (right.contains(QLatin1Char('.'))) {
            const auto end = parseAddress(right);
            if (!end)
                return R::failure(end.error());
            last = end.value();
        } else {
            // "10.0.1.10-50": the end replaces the last octet.
            bool ok = false;
            const uint octet = right.toUInt(&ok);
            if (!ok || octet > 255)
                return R::failure(
                    QCoreApplication::translate(
                        "TargetSet", "'%1': the range end must be an address or a last octet from 0 to 255, not '%2'.")
                        .arg(shown(item), shown(right)));
            last = (first.value() & 0xffffff00u) | octet;
        }
        if (last < first.value())
            return R::failure(
                QCoreApplication::translate(
                    "TargetSet", "'%1' is a reversed range: it ends before it starts. Write the lower address first.")
                    .arg(shown(item)));
        return TargetSet::Range{first.value(), last};
    }
    const auto single = parseAddress(item);
    if (!single)
        return R::failure(single.error());
    return TargetSet::Range{single.value(), single.value()};
}

} // namespace

Result<TargetSet> TargetSet::parse(const QString &text, bool allowLarge)
{
    using R = Result<TargetSet>;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return R::failure(QCoreApplication::translate(
            "TargetSet", "No target given: enter a subnet (10.0.1.0/24), a range (10.0.1.10-50) or an address."));

    QList<Range> ranges;
    const QStringList items = trimmed.split(QLatin1Char(','));
    for (const QString &raw : items) {
        const QString item = raw.trimmed();
        if (item.isEmpty())
            return R::failure(QCoreApplication::translate(
                "TargetSet", "The target list has an empty entry: remove the extra comma."));
        auto range = parseItem(item);
        if (!range)
            return R::failure(range.error());
        ranges.append(range.value());
    }

    const TargetSet set = fromRanges(std::move(ranges));
    if (set.m_size == 0)
        return R::failure(QCoreApplication::translate("TargetSet", "'%1' contains no address to probe.").arg(shown(trimmed)));
    if (set.m_size > LargeLimit && !allowLarge)
        return R::failure(QCoreApplication::translate(
                              "TargetSet",
                              "'%1' has %2 addresses, more than the limit of %3. Narrow the target, or allow large "
                              "scans (--allow-large) if you really mean it.")
                              .arg(shown(trimmed))
                              .arg(set.m_size)
                              .arg(LargeLimit));
    return set;
}

TargetSet TargetSet::fromRanges(QList<Range> ranges)
{
    // Sort and merge overlapping or adjacent ranges so every address is probed once.
    std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) { return a.first < b.first; });
    TargetSet set;
    for (const Range &r : std::as_const(ranges)) {
        if (r.first > r.last)
            continue;
        if (!set.m_ranges.isEmpty() && quint64(r.first) <= quint64(set.m_ranges.last().last) + 1)
            set.m_ranges.last().last = std::max(set.m_ranges.last().last, r.last);
        else
            set.m_ranges.append(r);
    }
    for (const Range &r : std::as_const(set.m_ranges))
        set.m_size += quint64(r.last) - r.first + 1;
    return set;
}

QList<TargetSet::Range> TargetSet::slice(quint64 from, quint64 count) const
{
    QList<Range> out;
    for (const Range &r : m_ranges) {
        if (count == 0)
            break;
        const quint64 size = quint64(r.last) - r.first + 1;
        if (from >= size) {
            from -= size;
            continue;
        }
        const quint64 take = std::min(size - from, count);
        out.append({r.first + quint32(from), r.first + quint32(from + take - 1)});
        count -= take;
        from = 0;
    }
    return out;
}

quint32 TargetSet::at(quint64 index) const
{
    for (const Range &r : m_ranges) {
        const quint64 count = quint64(r.last) - r.first + 1;
        if (index < count)
            return r.first + static_cast<quint32>(index);
        index -= count;
    }
    Q_ASSERT_X(false, "TargetSet::at", "index out of range");
    return 0;
}

bool TargetSet::contains(quint32 ip) const
{
    const auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), ip,
                                     [](quint32 value, const Range &r) { return value < r.first; });
    return it != m_ranges.begin() && ip <= std::prev(it)->last;
}

QString ipv4ToString(quint32 ip)
{
    return QStringLiteral("%1.%2.%3.%4").arg(ip >> 24).arg((ip >> 16) & 0xff).arg((ip >> 8) & 0xff).arg(ip & 0xff);
}

std::optional<quint32> ipv4FromString(const QString &text)
{
    const auto r = parseAddress(text.trimmed());
    if (!r)
        return std::nullopt;
    return r.value();
}

} // namespace lanwatch::scan
