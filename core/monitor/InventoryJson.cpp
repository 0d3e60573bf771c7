// The inventory as JSON, shared by lanwatch-cli and lanwatch-agent.
#include "core/monitor/InventoryJson.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

namespace lanwatch::monitor {

namespace {
QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}
} // namespace

QJsonObject deviceJson(const Device &d)
{
    QJsonArray ips;
    for (quint32 ip : d.ips)
        ips.append(ipToString(ip));
    return QJsonObject{{QStringLiteral("id"), d.id},
                       {QStringLiteral("name"), d.displayName()},
                       {QStringLiteral("customName"), d.customName},
                       {QStringLiteral("seenName"), d.lockedName.isEmpty() ? d.seenName : d.lockedName},
                       {QStringLiteral("ips"), ips},
                       {QStringLiteral("mac"), d.mac},
                       {QStringLiteral("aliases"), QJsonArray::fromStringList(d.aliases)},
                       {QStringLiteral("vendor"), d.vendor},
                       {QStringLiteral("notes"), d.notes},
                       {QStringLiteral("known"), d.known},
                       {QStringLiteral("watch"), d.watch},
                       {QStringLiteral("online"), d.online},
                       {QStringLiteral("randomizedMac"), d.randomizedMac},
                       {QStringLiteral("firstSeen"), isoUtc(d.firstSeen)},
                       {QStringLiteral("lastSeen"), isoUtc(d.lastSeen)}};
}

Device deviceFromJson(const QJsonObject &o)
{
    Device d;
    d.id = o[QStringLiteral("id")].toInteger();
    d.customName = o[QStringLiteral("customName")].toString();
    d.seenName = o[QStringLiteral("seenName")].toString();
    for (const QJsonValue &ip : o[QStringLiteral("ips")].toArray())
        if (const QHostAddress a(ip.toString()); a.protocol() == QAbstractSocket::IPv4Protocol)
            d.ips.append(a.toIPv4Address());
    d.mac = o[QStringLiteral("mac")].toString();
    if (d.mac.isEmpty()) {
        d.kind = DeviceKind::Ip;
        d.keyIp = d.ips.value(0);
    }
    for (const QJsonValue &alias : o[QStringLiteral("aliases")].toArray())
        d.aliases.append(alias.toString());
    d.vendor = o[QStringLiteral("vendor")].toString();
    d.notes = o[QStringLiteral("notes")].toString();
    d.known = o[QStringLiteral("known")].toBool();
    d.watch = o[QStringLiteral("watch")].toBool();
    d.online = o[QStringLiteral("online")].toBool();
    d.randomizedMac = o[QStringLiteral("randomizedMac")].toBool();
    d.firstSeen = QDateTime::fromString(o[QStringLiteral("firstSeen")].toString(), Qt::ISODate);
    d.lastSeen = QDateTime::fromString(o[QStringLiteral("lastSeen")].toString(), Qt::ISODate);
    return d;
}

QJsonObject eventJson(const Event &e, bool firstSweep)
{
    QJsonObject o{{QStringLiteral("time"), isoUtc(e.time)},
                  {QStringLiteral("kind"), eventKindName(e.kind)},
                  {QStringLiteral("ip"), e.ip ? ipToString(e.ip) : QString()},
                  {QStringLiteral("mac"), e.mac},
                  {QStringLiteral("name"), e.deviceName},
                  {QStringLiteral("vendor"), e.vendor},
                  {QStringLiteral("id"), e.id},
                  {QStringLiteral("device"), e.deviceId},
                  {QStringLiteral("message"), e.describe()}};
    if (e.otherIp)
        o.insert(QStringLiteral("otherIp"), ipToString(e.otherIp));
    if (!e.otherMac.isEmpty())
        o.insert(QStringLiteral("otherMac"), e.otherMac);
    if (e.kind == EventKind::NameChanged) {
        o.insert(QStringLiteral("nameBefore"), e.nameBefore);
        o.insert(QStringLiteral("nameAfter"), e.nameAfter);
    }
    if (e.randomizedMac)
        o.insert(QStringLiteral("randomizedMac"), true);
    if (firstSweep)
        o.insert(QStringLiteral("firstSweep"), true);
    return o;
}

std::optional<QDateTime> parseSince(const QString &input, const QDateTime &now)
{
    const QString text = input.trimmed();
    if (text.isEmpty() || text.size() > 40)
        return std::nullopt;
    static const QRegularExpression age(QStringLiteral("^(\\d{1,9})([smhd])$"));
    if (const auto m = age.match(text); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const qint64 unit = m.captured(2) == QLatin1String("s")   ? 1
                            : m.captured(2) == QLatin1String("m") ? 60
                            : m.captured(2) == QLatin1String("h") ? 3600
                                                                  : 86400;
        return now.toUTC().addSecs(-n * unit);
    }
    static const QRegularExpression epoch(QStringLiteral("^@(\\d{1,12})$"));
    if (const auto m = epoch.match(text); m.hasMatch())
        return QDateTime::fromSecsSinceEpoch(m.captured(1).toLongLong(), Qt::UTC);
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        t = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid())
            t = d.startOfDay();
    }
    if (!t.isValid())
        return std::nullopt;
    return t.toUTC();
}

} // namespace lanwatch::monitor
