// applyRowDiff: turns a model's rows into a fresh list with ranged removes, inserts and dataChanged, so a
// refresh every sweep keeps the view's selection, current index and scroll position (a reset loses them).
#pragma once

#include <QHash>
#include <QList>

#include <algorithm>
#include <functional>

namespace lanwatch::ui {

// Rows are matched by key. The order of the keys both lists share must be the same (the store returns
// devices by id and events newest first, so it is); when it is not, reset() is called instead.
template <typename Row, typename Key> struct RowDiffOps
{
    std::function<Key(const Row &)> keyOf;
    std::function<bool(const Row &, const Row &)> same;   // false: the row shows other data now
    std::function<void(int first, int last)> beginRemove; // then endRemove
    std::function<void()> endRemove;
    std::function<void(int first, int last)> beginInsert; // then endInsert
    std::function<void()> endInsert;
    std::function<void(int first, int last)> changed;   // rows [first, last] now hold other data
    std::function<void(const QList<Row> &fresh)> reset; // the fallback
};

template <typename Row, typename Key>
void applyRowDiff(QList<Row> &rows, const QList<Row> &fresh, const RowDiffOps<Row, Key> &ops)
{
    QHash<Key, int> freshIndex;
    freshIndex.reserve(fresh.size());
    for (int i = 0; i < fresh.size(); ++i)
        freshIndex.insert(ops.keyOf(fresh.at(i)), i);

    // The shared keys in the same order on both sides, or give up and reset.
    int lastIndex = -1;
    for (const Row &r : std::as_const(rows)) {
        const auto it = freshIndex.constFind(ops.keyOf(r));
        if (it == freshIndex.cend())
            continue;
        if (*it < lastIndex) {
            ops.reset(fresh);
            return;
        }
        lastIndex = *it;
    }

    // Removals, from the bottom up, one call per contiguous run.
    for (int last = int(rows.size()) - 1; last >= 0;) {
        if (freshIndex.contains(ops.keyOf(rows.at(last)))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshIndex.contains(ops.keyOf(rows.at(first - 1))))
            --first;
        ops.beginRemove(first, last);
        rows.remove(first, last - first + 1);
        ops.endRemove();
        last = first - 1;
    }

    // rows is now a subsequence of fresh: insert the runs it lacks, update the rows it has.
    QList<int> changedRows;
    int j = 0;
    for (int i = 0; i < fresh.size();) {
        if (j < rows.size() && ops.keyOf(rows.at(j)) == ops.keyOf(fresh.at(i))) {
            if (!ops.same(rows.at(j), fresh.at(i))) {
                rows[j] = fresh.at(i);
                changedRows.append(j);
            }
            ++i;
            ++j;
            continue;
        }
        const Key stopKey = j < rows.size() ? ops.keyOf(rows.at(j)) : Key{};
        int end = i;
        while (end < fresh.size() && (j >= rows.size() || ops.keyOf(fresh.at(end)) != stopKey))
            ++end;
        const int count = end - i;
        ops.beginInsert(j, j + count - 1);
        rows.insert(j, count, Row{});
        std::copy(fresh.begin() + i, fresh.begin() + end, rows.begin() + j);
        ops.endInsert();
        // Rows shifted below the insert: earlier-recorded changes are above j, so still right.
        j += count;
        i = end;
    }

    for (int k = 0; k < changedRows.size();) {
        int end = k;
        while (end + 1 < changedRows.size() && changedRows.at(end + 1) == changedRows.at(end) + 1)
            ++end;
        ops.changed(changedRows.at(k), changedRows.at(end));
        k = end + 1;
    }
}

} // namespace lanwatch::ui
