// HostExport: the CLI's --json/--csv, and the CSV field quoting the dashboard's own export uses.
#pragma once

#include "core/scan/ScanTypes.h"

#include <QByteArray>
#include <QList>

namespace lanwatch::scan {

// Both sort by address and carry ip, mac, vendor, hostname (reverse DNS), rtt_ms, found_by, then names
// (every name by source), services (mDNS service types) and model (a TXT model hint).
// JSON: one array; unknown values are null; rtt_ms in milliseconds with 3 decimals; names an object
// {source: name}, services an array.
QByteArray hostsToJson(QList<HostRecord> hosts);
// CSV (RFC 4180): a header line, then one line per host; unknown values are empty fields; names as
// namesField(), services separated by spaces.
QByteArray hostsToCsv(QList<HostRecord> hosts);
// One RFC 4180 field, quoted when it holds a comma, quote or line break.
QByteArray csvField(const QString &value);
// "dns=nas.lab;mdns=nas.local", by nameSources() order.
QString namesField(const HostRecord &host);

} // namespace lanwatch::scan
