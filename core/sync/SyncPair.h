// SyncPair: one source/destination folder pair with its mode, timers and excludes; validation with
// the field that is wrong; persistence through core::Settings.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace lanwatch::core {
class Settings;
}

namespace lanwatch::sync {

enum class SyncMode { Mirror, Update };
QString syncModeName(SyncMode mode); // "mirror" / "update" (stable: settings and CLI)
std::optional<SyncMode> syncModeFromString(const QString &text);

// Valid ranges of a pair's numbers, defined once for the CLI, the settings and the dialog.
namespace SyncLimits {
inline constexpr int MinPoll = 1, MaxPoll = 86400;
inline constexpr int MaxDelay = 3600;
inline constexpr int MinMaxWait = 1, MaxMaxWait = 86400;
inline constexpr int MinTolerance = 0, MaxTolerance = 3600;
inline constexpr int MinDeleteLimit = 1, MaxDeleteLimit = 100;
inline constexpr int MaxKeepVersionsDays = 36500;
} // namespace SyncLimits

struct SyncPair
{
    QString id; // QUuid string, stable across edits and restarts
    QString source;
    QString destination;
    SyncMode mode = SyncMode::Mirror;
    int pollSeconds = 10; // safety-net poll; the inotify watcher usually reacts first
    int delaySeconds = 2; // quiet time after the last change before a run (a burst gives one run)
    int maxWaitSeconds = 30; // a source that never stops changing is still synced at least this often
    QStringList excludes; // globs: "*.tmp" (any name), ".cache/" (folders), "build/*.o" (relative paths)
    bool enabled = true;
    int deleteThresholdPercent = 50; // a run deleting more than this share of the destination's files asks first
    int mtimeToleranceSeconds = 0;   // 2 for FAT-like destinations
    int keepVersionsDays = 30;       // versions older than this are pruned; 0 keeps them forever
    bool oneFileSystem = false;      // rsync -x: do not cross into other file systems inside the source
                                     // (the destination's copy of what is under such a mount is kept)

    QString displayName() const; // "source → destination", for logs and notifications
    QVariantMap toVariant() const;
    static SyncPair fromVariant(const QVariantMap &map);
    static SyncPair create(const QString &source, const QString &destination); // with a new id
    bool operator==(const SyncPair &) const = default;
};

struct PairProblem
{
    enum class Field { Source, Destination, Excludes, Intervals, Other } field;
    QString message;
};

// nullopt when the pair may be saved. Checks: source exists, is a folder and is readable; the
// destination is not the source, not inside it and does not contain it (symlinks resolved); its parent
// exists and it is (or can be created) writable; no other pair writes the same destination or into it;
// intervals and threshold in range; excludes are sane globs.
std::optional<PairProblem> validatePair(const SyncPair &pair, const QList<SyncPair> &otherPairs);

QList<SyncPair> loadPairs(const lanwatch::core::Settings &settings);
void savePairs(lanwatch::core::Settings &settings, const QList<SyncPair> &pairs);

} // namespace lanwatch::sync
