// HostExport: the CLI's --json/--csv, and the CSV field quoting the dashboard's own export uses.
#pragma once

#include "core/scan/ScanTypes.h"

#include <QByteArray>
#include <QList>

namespace lanwatch::scan {

// Both sort by address and carry ip, mac, vendor, hostname, rtt_ms, found_by.
// JSON: one array; unknown values are null; rtt_ms in milliseconds with 3 decimals.
QByteArray hostsToJson(QList<HostRecord> hosts);
// CSV (RFC 4180): a header line, then one line per host; unknown values are empty fields.
QByteArray hostsToCsv(QList<HostRecord> hosts);
// One RFC 4180 field, quoted when it holds a comma, quote or line break.
QByteArray csvField(const QString &value);

} // namespace lanwatch::scan
