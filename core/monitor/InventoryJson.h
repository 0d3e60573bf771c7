// The inventory as JSON, one definition for every view that prints or serves it (lanwatch-cli devices/events/
// monitor --json, the agent's /api/v1), and the "since" times those views accept.
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace lanwatch::monitor {

// id, name, customName, seenName, ips, mac, aliases, vendor, notes, known, watch, online, randomizedMac,
// firstSeen, lastSeen (times as ISO 8601 UTC).
QJsonObject deviceJson(const Device &device);
// The inverse, for a device read from an agent's /api/v1/devices: the fields deviceJson writes (the name it
// shows is recomputed by Device::displayName() from customName and seenName, and comes out the same).
Device deviceFromJson(const QJsonObject &object);
// time, kind, ip, mac, name, vendor, id, device, message, and when they apply otherIp, otherMac, nameBefore,
// nameAfter, randomizedMac, firstSweep (a view may summarise the first sweep's burst).
QJsonObject eventJson(const Event &event, bool firstSweep = false);

// "2026-03-01T12:00:00Z", "2026-03-01 12:00" (local time), "2026-03-01", "@EPOCH", or an age before now:
// "90s", "30m", "2h", "7d". nullopt when it is none of these.
std::optional<QDateTime> parseSince(const QString &text, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace lanwatch::monitor
