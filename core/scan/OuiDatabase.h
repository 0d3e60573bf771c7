// OuiDatabase: MAC address -> vendor name from the IEEE registries (MA-L, MA-M, MA-S/IAB) of ieee-data.
#pragma once

#include "core/scan/ScanTypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace lanwatch::scan {

class OuiDatabase final
{
public:
    // The process-wide database from /usr/share/ieee-data (LANWATCH_IEEE_DIR overrides it), loaded on
    // first use from whichever pool thread asks first (thread-safe: a function-local static).
    static const OuiDatabase &instance();

    explicit OuiDatabase(const QString &directory);

    // The longest registered prefix wins (MA-S 36 bits over MA-M 28 over MA-L 24). A locally
    // administered address not in a registry gives "Locally administered"; unknown or multicast
    // (group addresses name no device), empty.
    QString vendorFor(const MacAddress &mac) const;

    bool isLoaded() const { return !m_entries.empty(); }
    int entryCount() const { return int(m_entries.size()); }
    int nameCount() const { return int(m_names.size()); } // distinct organisation names (shared by all files)
    QString loadError() const { return m_error; }

private:
    struct Entry
    {
        quint64 prefix; // the MAC's 48 bits with everything past the prefix cleared
        quint8 bits;    // 24, 28 or 36
        quint32 name;   // index into m_names
    };
    void loadFile(const QString &path, int bits, QHash<QByteArray, quint32> &nameIndex);

    std::vector<Entry> m_entries; // sorted by (bits desc, prefix) per length class, see vendorFor()
    QStringList m_names;
    QString m_error; // the last file that could not be read; the others still load
};

} // namespace lanwatch::scan
