// libFuzzer target for the target parser: text a user types or pastes (or a settings file holds).
#include "core/scan/TargetSet.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace lanwatch::scan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto set = TargetSet::parse(text, true);
    if (!set) {
        if (set.error().size() > 400) { // the user's text is quoted cut short
            std::fprintf(stderr, "fuzz_targets: a %lld-character error\n", static_cast<long long>(set.error().size()));
            std::abort();
        }
        return 0;
    }
    quint64 counted = 0;
    for (const auto &r : set->ranges()) {
        if (r.first > r.last)
            std::abort();
        counted += quint64(r.last) - r.first + 1;
    }
    if (counted != set->size() || set->isEmpty() || !set->contains(set->at(0)) || !set->contains(set->at(set->size() - 1)))
        std::abort();
    return 0;
}
