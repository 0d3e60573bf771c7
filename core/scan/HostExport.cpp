// JSON and CSV renderings of host records, sorted by address.
#include "core/scan/HostExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace lanwatch::scan {

namespace {

void sortByAddress(QList<HostRecord> &hosts)
{
    std::sort(hosts.begin(), hosts.end(), [](const HostRecord &a, const HostRecord &b) { return a.ip < b.ip; });
}

double roundedRtt(double ms)
{
    return std::round(ms * 1000.0) / 1000.0;
}

} // namespace

QByteArray csvField(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QString namesField(const HostRecord &host)
{
    QStringList parts;
    for (const QString &source : nameSources())
        if (host.names.contains(source))
            parts << source + QLatin1Char('=') + host.names.value(source);
    return parts.join(QLatin1Char(';'));
}

QByteArray hostsToJson(QList<HostRecord> hosts)
{
    sortByAddress(hosts);
    QJsonArray array;
    for (const HostRecord &h : std::as_const(hosts)) {
        QJsonObject o;
        o.insert(QStringLiteral("ip"), h.ipString());
        o.insert(QStringLiteral("mac"), h.mac ? QJsonValue(h.macString()) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("vendor"), h.vendor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.vendor));
        o.insert(QStringLiteral("hostname"),
                 h.hostname.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.hostname));
        o.insert(QStringLiteral("rtt_ms"),
                 h.rttMs < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(roundedRtt(h.rttMs)));
        o.insert(QStringLiteral("found_by"), foundByName(h.foundBy));
        // Anomalies, as arp-scan's DUP: every other MAC that answered ARP for this address in the same scan.
        o.insert(QStringLiteral("duplicate"), h.duplicate());
        QJsonArray others;
        for (const MacAddress &m : h.otherMacs)
            others.append(macToString(m));
        o.insert(QStringLiteral("other_macs"), others);
        o.insert(QStringLiteral("mac_mismatch"), h.macMismatch);
        QJsonObject names;
        for (auto it = h.names.begin(); it != h.names.end(); ++it)
            names.insert(it.key(), it.value());
        o.insert(QStringLiteral("names"), names);
        o.insert(QStringLiteral("services"), QJsonArray::fromStringList(h.services));
        o.insert(QStringLiteral("model"), h.model.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.model));
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray hostsToCsv(QList<HostRecord> hosts)
{
    sortByAddress(hosts);
    QByteArray out("ip,mac,vendor,hostname,rtt_ms,found_by,duplicate,other_macs,mac_mismatch,names,services,model\r\n");
    for (const HostRecord &h : std::as_const(hosts)) {
        QStringList others;
        for (const MacAddress &m : h.otherMacs)
            others << macToString(m);
        out += csvField(h.ipString()) + ',' + csvField(h.macString()) + ',' + csvField(h.vendor) + ',' +
               csvField(h.hostname) + ',' +
               (h.rttMs < 0 ? QByteArray() : QByteArray::number(roundedRtt(h.rttMs), 'f', 3)) + ',' +
               csvField(foundByName(h.foundBy)) + ',' + (h.duplicate() ? "yes" : "no") + ',' +
               csvField(others.join(QLatin1Char(' '))) + ',' + (h.macMismatch ? "yes" : "no") + ',' +
               csvField(namesField(h)) + ',' + csvField(h.services.join(QLatin1Char(' '))) + ',' + csvField(h.model) +
               "\r\n";
    }
    return out;
}

} // namespace lanwatch::scan
