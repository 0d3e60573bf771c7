// SyncPair values, their validation (messages a person can act on) and their storage.
#include "core/sync/SyncPair.h"

#include "core/Settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUuid>

#include <unistd.h>

namespace lanwatch::sync {

namespace {

// The canonical form of a path that may not exist yet: resolve the deepest existing ancestor.
QString canonical(const QString &path)
{
    QFileInfo info(QDir::cleanPath(QDir(path).absolutePath()));
    QStringList tail;
    while (!info.exists() && !info.absoluteFilePath().isEmpty() && info.absoluteFilePath() != QLatin1String("/")) {
        tail.prepend(info.fileName());
        info = QFileInfo(info.absolutePath());
    }
    QString base = info.canonicalFilePath();
    if (base.isEmpty())
        base = info.absoluteFilePath();
    for (const QString &part : std::as_const(tail))
        base += (base.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + part;
    return base;
}

bool isInside(const QString &inner, const QString &outer)
{
    return inner != outer && inner.startsWith(outer.endsWith(QLatin1Char('/')) ? outer : outer + QLatin1Char('/'));
}

} // namespace

QString syncModeName(SyncMode mode)
{
    return mode == SyncMode::Mirror ? QStringLiteral("mirror") : QStringLiteral("update");
}

std::optional<SyncMode> syncModeFromString(const QString &text)
{
    if (text == QLatin1String("mirror"))
        return SyncMode::Mirror;
    if (text == QLatin1String("update"))
        return SyncMode::Update;
    return std::nullopt;
}

QString SyncPair::displayName() const
{
    return QStringLiteral("%1 → %2").arg(source, destination);
}

QVariantMap SyncPair::toVariant() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("source"), source},
            {QStringLiteral("destination"), destination},
            {QStringLiteral("mode"), syncModeName(mode)},
            {QStringLiteral("pollSeconds"), pollSeconds},
            {QStringLiteral("delaySeconds"), delaySeconds},
            {QStringLiteral("excludes"), excludes},
            {QStringLiteral("enabled"), enabled},
            {QStringLiteral("deleteThresholdPercent"), deleteThresholdPercent},
            {QStringLiteral("mtimeToleranceSeconds"), mtimeToleranceSeconds},
            {QStringLiteral("keepVersionsDays"), keepVersionsDays},
            {QStringLiteral("oneFileSystem"), oneFileSystem},
            {QStringLiteral("maxWaitSeconds"), maxWaitSeconds}};
}

SyncPair SyncPair::fromVariant(const QVariantMap &map)
{
    SyncPair p;
    p.id = map.value(QStringLiteral("id")).toString();
    if (p.id.isEmpty())
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.source = map.value(QStringLiteral("source")).toString();
    p.destination = map.value(QStringLiteral("destination")).toString();
    p.mode = syncModeFromString(map.value(QStringLiteral("mode")).toString()).value_or(SyncMode::Mirror);
    p.pollSeconds = map.value(QStringLiteral("pollSeconds"), 10).toInt();
    p.delaySeconds = map.value(QStringLiteral("delaySeconds"), 2).toInt();
    p.excludes = map.value(QStringLiteral("excludes")).toStringList();
    p.enabled = map.value(QStringLiteral("enabled"), true).toBool();
    p.deleteThresholdPercent = map.value(QStringLiteral("deleteThresholdPercent"), 50).toInt();
    p.mtimeToleranceSeconds = map.value(QStringLiteral("mtimeToleranceSeconds"), 0).toInt();
    p.keepVersionsDays = map.value(QStringLiteral("keepVersionsDays"), 30).toInt();
    p.oneFileSystem = map.value(QStringLiteral("oneFileSystem"), false).toBool();
    p.maxWaitSeconds = map.value(QStringLiteral("maxWaitSeconds"), SyncPair().maxWaitSeconds).toInt();
    return p;
}

SyncPair SyncPair::create(const QString &source, const QString &destination)
{
    SyncPair p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.source = source;
    p.destination = destination;
    return p;
}

std::optional<PairProblem> validatePair(const SyncPair &pair, const QList<SyncPair> &otherPairs)
{
    using F = PairProblem::Field;
    if (pair.source.trimmed().isEmpty())
        return PairProblem{F::Source, QCoreApplication::translate("SyncPair", "Choose the folder to copy from.")};
    if (pair.destination.trimmed().isEmpty())
        return PairProblem{F::Destination, QCoreApplication::translate("SyncPair", "Choose the folder to copy to.")};
    if (QDir::isRelativePath(pair.source))
        return PairProblem{F::Source, QCoreApplication::translate(
                                          "SyncPair", "Use an absolute path for the source (starting with /).")};
    if (QDir::isRelativePath(pair.destination))
        return PairProblem{
            F::Destination,
            QCoreApplication::translate("SyncPair", "Use an absolute path for the destination (starting with /).")};

    const QFileInfo src(pair.source);
    if (!src.exists())
        return PairProblem{F::Source,
                           QCoreApplication::translate(
                               "SyncPair", "The source folder %1 does not exist. If it is on a removable or network "
                                           "disk, mount it first.")
                               .arg(pair.source)};
    if (!src.isDir())
        return PairProblem{
            F::Source,
            QCoreApplication::translate("SyncPair", "The source %1 is a file, not a folder.").arg(pair.source)};
    if (::access(QFile::encodeName(pair.source).constData(), R_OK | X_OK) != 0)
        return PairProblem{F::Source,
                           QCoreApplication::translate(
                               "SyncPair", "The source folder %1 cannot be read by this user: check its permissions.")
                               .arg(pair.source)};

    const QString s = canonical(pair.source);
    const QString d = canonical(pair.destination);
    if (s == d)
        return PairProblem{F::Destination,
                           QCoreApplication::translate(
                               "SyncPair", "The destination is the source folder itself: choose another folder.")};
    if (isInside(d, s))
        return PairProblem{F::Destination,
                           QCoreApplication::translate(
                               "SyncPair", "The destination is inside the source: each run would copy its own copies. "
                                           "Choose a folder outside %1.")
                               .arg(pair.source)};
    if (isInside(s, d))
        return PairProblem{F::Destination,
                           QCoreApplication::translate(
                               "SyncPair",
                               "The destination contains the source: a mirror would delete the source's neighbours. "
                               "Choose a folder that does not contain %1.")
                               .arg(pair.source)};

    const QFileInfo dst(pair.destination);
    if (dst.exists() && !dst.isDir())
        return PairProblem{F::Destination,
                           QCoreApplication::translate("SyncPair", "The destination %1 is a file, not a folder.")
                               .arg(pair.destination)};
    const QString writableProbe = dst.exists() ? pair.destination : dst.absolutePath();
    if (!QFileInfo::exists(writableProbe))
        return PairProblem{F::Destination,
                           QCoreApplication::translate(
                               "SyncPair", "The destination's parent folder %1 does not exist. If it is on a removable "
                                           "or network disk, mount it first.")
                               .arg(dst.absolutePath())};
    if (::access(QFile::encodeName(writableProbe).constData(), W_OK | X_OK) != 0)
        return PairProblem{F::Destination, QCoreApplication::translate(
                                               "SyncPair", "This user cannot write to %1: check its permissions.")
                                               .arg(writableProbe)};

    for (const SyncPair &other : otherPairs) {
        if (other.id == pair.id)
            continue;
        const QString od = canonical(other.destination);
        if (od == d || isInside(d, od) || isInside(od, d))
            return PairProblem{F::Destination,
                               QCoreApplication::translate(
                                   "SyncPair", "Another pair (%1) already writes to this folder or around it: two "
                                               "pairs would undo each other's work.")
                                   .arg(other.displayName())};
    }

    if (pair.pollSeconds < SyncLimits::MinPoll || pair.pollSeconds > SyncLimits::MaxPoll)
        return PairProblem{
            F::Intervals, QCoreApplication::translate("SyncPair", "The poll interval must be from 1 second to 1 day.")};
    if (pair.delaySeconds < 0 || pair.delaySeconds > SyncLimits::MaxDelay)
        return PairProblem{F::Intervals,
                           QCoreApplication::translate("SyncPair", "The delay must be from 0 seconds to 1 hour.")};
    if (pair.maxWaitSeconds < SyncLimits::MinMaxWait || pair.maxWaitSeconds > SyncLimits::MaxMaxWait)
        return PairProblem{F::Intervals, QCoreApplication::translate(
                                             "SyncPair", "The longest wait must be from 1 second to 1 day.")};
    if (pair.deleteThresholdPercent < SyncLimits::MinDeleteLimit ||
        pair.deleteThresholdPercent > SyncLimits::MaxDeleteLimit)
        return PairProblem{F::Other,
                           QCoreApplication::translate("SyncPair", "The deletion threshold must be from 1% to 100%.")};
    if (pair.mtimeToleranceSeconds < SyncLimits::MinTolerance || pair.mtimeToleranceSeconds > SyncLimits::MaxTolerance)
        return PairProblem{
            F::Other,
            QCoreApplication::translate("SyncPair", "The modification-time tolerance must be from 0 to 3600 seconds.")};
    if (pair.keepVersionsDays < 0 || pair.keepVersionsDays > SyncLimits::MaxKeepVersionsDays)
        return PairProblem{F::Other, QCoreApplication::translate(
                                         "SyncPair", "The number of days to keep versions cannot be negative.")};

    for (const QString &pattern : pair.excludes) {
        const QString p = pattern.trimmed();
        if (p.isEmpty())
            continue;
        if (p == QLatin1String("*") || p == QLatin1String("/") || p == QLatin1String("*/"))
            return PairProblem{
                F::Excludes,
                QCoreApplication::translate("SyncPair", "The pattern '%1' would exclude everything.").arg(p)};
        if (p.count(QLatin1Char('[')) != p.count(QLatin1Char(']')))
            return PairProblem{F::Excludes,
                               QCoreApplication::translate("SyncPair", "The pattern '%1' has an unclosed [ ].").arg(p)};
    }
    return std::nullopt;
}

QList<SyncPair> loadPairs(const core::Settings &settings)
{
    QList<SyncPair> pairs;
    for (const QVariant &v : settings.syncPairs())
        pairs.append(SyncPair::fromVariant(v.toMap()));
    return pairs;
}

void savePairs(core::Settings &settings, const QList<SyncPair> &pairs)
{
    QVariantList list;
    for (const SyncPair &p : pairs)
        list.append(p.toVariant());
    settings.setSyncPairs(list);
}

} // namespace lanwatch::sync
