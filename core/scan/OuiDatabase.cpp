// Loads the IEEE CSV registries once into one sorted array; a lookup is at most three binary searches.
#include "core/scan/OuiDatabase.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cstring>

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

// Longer prefixes first, then by prefix: vendorFor() searches each length class in turn.
bool entryLess(quint8 aBits, quint64 aPrefix, quint8 bBits, quint64 bPrefix)
{
    return aBits != bBits ? aBits > bBits : aPrefix < bPrefix;
}

// Splits the registries' CSV (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks)
// without copying unquoted fields; the files are ~3 MB and read once per process.
class CsvReader final
{
public:
    CsvReader(const char *begin, const char *end) : m_p(begin), m_end(end) {}

    bool atEnd() const { return m_p >= m_end; }

    // The next field of the current record; sets *lastInRecord when the record (line) ends after it.
    QByteArray field(bool *lastInRecord)
    {
        QByteArray out;
        if (m_p < m_end && *m_p == '"') {
            ++m_p;
            for (;;) {
                const char *quote = static_cast<const char *>(std::memchr(m_p, '"', size_t(m_end - m_p)));
                if (!quote) { // unterminated quote: take the rest of the file
                    out.append(m_p, m_end - m_p);
                    m_p = m_end;
                    break;
                }
                out.append(m_p, quote - m_p);
                m_p = quote + 1;
                if (m_p < m_end && *m_p == '"') { // "" inside a quoted field is one quote
                    out += '"';
                    ++m_p;
                    continue;
                }
                break;
            }
        }
        // Unquoted text (or stray text after a closing quote) runs to the next separator.
        const char *start = m_p;
        while (m_p < m_end && *m_p != ',' && *m_p != '\n')
            ++m_p;
        const char *stop = m_p;
        if (stop > start && stop[-1] == '\r')
            --stop;
        out.append(start, stop - start);
        *lastInRecord = m_p >= m_end || *m_p == '\n';
        if (m_p < m_end)
            ++m_p; // the ',' or '\n'
        return out;
    }

    void skipRecord(bool lastInRecord)
    {
        while (!lastInRecord && !atEnd())
            field(&lastInRecord);
    }

private:
    const char *m_p;
    const char *m_end;
};

} // namespace

const OuiDatabase &OuiDatabase::instance()
{
    // A function-local static: C++ guarantees one initialisation even when pool threads race here.
    static const OuiDatabase db(qEnvironmentVariableIsSet("LANWATCH_IEEE_DIR")
                                    ? qEnvironmentVariable("LANWATCH_IEEE_DIR")
                                    : QStringLiteral("/usr/share/ieee-data"));
    return db;
}

OuiDatabase::OuiDatabase(const QString &directory)
{
    QHash<QByteArray, quint32> nameIndex;
    nameIndex.reserve(40000);
    m_entries.reserve(50000);
    loadFile(directory + QStringLiteral("/oui.csv"), 24, nameIndex);
    loadFile(directory + QStringLiteral("/mam.csv"), 28, nameIndex);
    loadFile(directory + QStringLiteral("/oui36.csv"), 36, nameIndex);
    loadFile(directory + QStringLiteral("/iab.csv"), 36, nameIndex);
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry &a, const Entry &b) { return entryLess(a.bits, a.prefix, b.bits, b.prefix); });
    // A prefix listed twice keeps the name of the file loaded first (stable sort): oui36.csv before iab.csv.
    m_entries.erase(
        std::unique(m_entries.begin(), m_entries.end(),
                    [](const Entry &a, const Entry &b) { return a.bits == b.bits && a.prefix == b.prefix; }),
        m_entries.end());
    if (m_entries.empty() && m_error.isEmpty())
        m_error = QCoreApplication::translate("OuiDatabase", "No vendor registry found in %1 (install ieee-data).")
                      .arg(directory);
}

void OuiDatabase::loadFile(const QString &path, int bits, QHash<QByteArray, quint32> &nameIndex)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QCoreApplication::translate("OuiDatabase", "Cannot read the vendor registry %1: %2")
                      .arg(path, file.errorString());
        return;
    }
    const QByteArray data = file.readAll();
    CsvReader csv(data.constData(), data.constData() + data.size());
    bool header = true;
    while (!csv.atEnd()) {
        bool last = false;
        const QByteArray registry = csv.field(&last);
        if (last) { // blank line or a record that holds no assignment
            header = false;
            continue;
        }
        const QByteArray assignment = csv.field(&last);
        const QByteArray name = last ? QByteArray() : csv.field(&last).simplified();
        csv.skipRecord(last);
        if (header) {
            header = false;
            continue;
        }
        bool ok = false;
        const quint64 value = assignment.toULongLong(&ok, 16);
        if (!ok || assignment.size() * 4 != bits || name.isEmpty() || registry.isEmpty())
            continue; // malformed lines are skipped, not fatal: one bad row must not cost every vendor
        auto it = nameIndex.constFind(name);
        if (it == nameIndex.cend()) {
            it = nameIndex.insert(name, quint32(m_names.size()));
            m_names.append(QString::fromUtf8(name));
        }
        m_entries.push_back(Entry{value << (48 - bits), quint8(bits), *it});
    }
}

QString OuiDatabase::vendorFor(const MacAddress &mac) const
{
    if (mac[0] & 0x01)
        return {}; // multicast/broadcast: a group address names no device
    const quint64 v = macBits(mac);
    for (const quint8 bits : {quint8(36), quint8(28), quint8(24)}) {
        const quint64 key = v & maskFor(bits);
        const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), key, [bits](const Entry &e, quint64 k) {
            return entryLess(e.bits, e.prefix, bits, k);
        });
        if (it != m_entries.end() && it->bits == bits && it->prefix == key)
            return m_names[qsizetype(it->name)];
    }
    if (mac[0] & 0x02)
        return QCoreApplication::translate("OuiDatabase", "Locally administered");
    return {};
}

} // namespace lanwatch::scan
