// Loads the IEEE CSV registries once into sorted arrays; a lookup is three binary searches.
#include "core/scan/OuiDatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>

#include <algorithm>

namespace lanwatch::scan {

namespace {

quint64 macBits(const MacAddress &mac)
{
    quint64 v = 0;
    for (quint8 b : mac)
        v = (v << 8) | b;
    return v;
}

quint64 maskFor(int bits)
{
    return (~quint64(0) << (48 - bits)) & 0xffff'ffff'ffffull;
}

// One CSV field starting at p (RFC 4180 quoting); p ends after the separator.
QByteArray csvField(const char *&p, const char *end)
{
    QByteArray out;
    if (p < end && *p == '"') {
        ++p;
        while (p < end) {
            if (*p == '"') {
                if (p + 1 < end && p[1] == '"') {
                    out += '"';
                    p += 2;
                    continue;
                }
                ++p;
                break;
            }
            out += *p++;
        }
        while (p < end && *p != ',' && *p != '\n')
            ++p;
    } else {
        const char *start = p;
        while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            ++p;
        out = QByteArray(start, p - start);
        while (p < end && *p != ',' && *p != '\n')
            ++p;
    }
    if (p < end && *p == ',')
        ++p;
    return out;
}

} // namespace

const OuiDatabase &OuiDatabase::instance()
{
    static const OuiDatabase db(qEnvironmentVariableIsSet("LANWATCH_IEEE_DIR")
                                    ? qEnvironmentVariable("LANWATCH_IEEE_DIR")
                                    : QStringLiteral("/usr/share/ieee-data"));
    return db;
}

OuiDatabase::OuiDatabase(const QString &directory)
{
    loadFile(directory + QStringLiteral("/oui.csv"), 24);
    loadFile(directory + QStringLiteral("/mam.csv"), 28);
    loadFile(directory + QStringLiteral("/oui36.csv"), 36);
    loadFile(directory + QStringLiteral("/iab.csv"), 36);
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry &a, const Entry &b) { return a.bits != b.bits ? a.bits > b.bits : a.prefix < b.prefix; });
    if (m_entries.empty() && m_error.isEmpty())
        m_error = QCoreApplication::translate("OuiDatabase", "No vendor registry found in %1 (install ieee-data).")
                      .arg(directory);
}

void OuiDatabase::loadFile(const QString &path, int bits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QCoreApplication::translate("OuiDatabase", "Cannot read %1: %2").arg(path, file.errorString());
        return;
    }
    const QByteArray data = file.readAll();
    QHash<QByteArray, quint32> nameIndex;
    const char *p = data.constData();
    const char *end = p + data.size();
    bool header = true;
    while (p < end) {
        const QByteArray registry = csvField(p, end);
        const QByteArray assignment = csvField(p, end);
        const QByteArray name = csvField(p, end).trimmed();
        while (p < end && *p != '\n') // the address field may be quoted and hold commas: skip the rest
            csvField(p, end);
        if (p < end)
            ++p;
        if (header) {
            header = false;
            continue;
        }
        bool ok = false;
        const quint64 value = assignment.toULongLong(&ok, 16);
        if (!ok || assignment.size() * 4 != bits || name.isEmpty() || registry.isEmpty())
            continue;
        auto it = nameIndex.find(name);
        if (it == nameIndex.end()) {
            it = nameIndex.insert(name, quint32(m_names.size()));
            m_names.append(QString::fromUtf8(name));
        }
        m_entries.push_back(Entry{value << (48 - bits), quint8(bits), *it});
    }
}

QString OuiDatabase::vendorFor(const MacAddress &mac) const
{
    const quint64 v = macBits(mac);
    for (const int bits : {36, 28, 24}) {
        const quint64 key = v & maskFor(bits);
        const auto it = std::lower_bound(
            m_entries.begin(), m_entries.end(), Entry{key, quint8(bits), 0},
            [](const Entry &a, const Entry &b) { return a.bits != b.bits ? a.bits > b.bits : a.prefix < b.prefix; });
        if (it != m_entries.end() && it->bits == bits && it->prefix == key)
            return m_names[qsizetype(it->name)];
    }
    if (mac[0] & 0x01)
        return {}; // multicast/broadcast: no vendor
    if (mac[0] & 0x02)
        return QCoreApplication::translate("OuiDatabase", "Locally administered");
    return {};
}

} // namespace lanwatch::scan
