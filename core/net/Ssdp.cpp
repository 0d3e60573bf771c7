// Ssdp: SSDP (UPnP Device Architecture 1.1, section 1.3) request and answer, and the description document.
#include "core/net/Ssdp.h"

#include <QHostAddress>
#include <QList>
#include <QXmlStreamReader>

namespace lanwatch::net {

namespace {

QString cleanText(const QString &raw)
{
    QString s = raw;
    s.removeIf([](QChar c) { return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; });
    return s.simplified().left(100);
}

} // namespace

QByteArray ssdpSearchRequest(int mxSeconds)
{
    return "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: " +
           QByteArray::number(qBound(1, mxSeconds, 5)) +
           "\r\nST: upnp:rootdevice\r\nUSER-AGENT: Linux UPnP/1.1 lanwatch/1\r\n\r\n";
}

QUrl ssdpLocation(const QByteArray &datagram)
{
    if (datagram.size() > 4096 || !datagram.startsWith("HTTP/1.1 200"))
        return {};
    const QList<QByteArray> lines = datagram.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).trimmed().toLower() != "location")
            continue;
        const QUrl url(QString::fromLatin1(line.mid(colon + 1).trimmed()), QUrl::StrictMode);
        QHostAddress host;
        if (!url.isValid() || url.scheme() != QLatin1String("http") || !host.setAddress(url.host()) ||
            host.protocol() != QAbstractSocket::IPv4Protocol || url.port(80) <= 0)
            return {};
        return url;
    }
    return {};
}

DeviceDescription parseDeviceDescription(const QByteArray &xml)
{
    DeviceDescription d;
    if (xml.size() > MaxDescriptionBytes)
        return d;
    QXmlStreamReader reader(xml);
    // Only the root device's own fields (root/device/X), not those of its embedded devices.
    QList<QString> names;
    bool sawDevice = false;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            names.append(reader.name().toString());
            if (names.size() > 32)
                return {}; // nesting no description has: nothing read so far counts either
            if (names.size() == 2 && names[0] == QLatin1String("root") && names[1] == QLatin1String("device"))
                sawDevice = true;
            if (names.size() == 3 && names[0] == QLatin1String("root") && names[1] == QLatin1String("device")) {
                const QString field = names[2];
                if (field == QLatin1String("friendlyName") || field == QLatin1String("manufacturer") ||
                    field == QLatin1String("modelName")) {
                    const QString text = cleanText(reader.readElementText());
                    names.removeLast();
                    if (field == QLatin1String("friendlyName"))
                        d.friendlyName = text;
                    else if (field == QLatin1String("manufacturer"))
                        d.manufacturer = text;
                    else
                        d.modelName = text;
                }
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (!names.isEmpty())
                names.removeLast();
        }
    }
    d.ok = !reader.hasError() && sawDevice;
    if (!d.ok)
        d = DeviceDescription{};
    return d;
}

} // namespace lanwatch::net
