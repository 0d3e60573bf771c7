// Ssdp: the SSDP M-SEARCH request, its answers' LOCATION, and the UPnP device description's names,
// bounds-checked for bytes from anyone on the network.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QtGlobal>

namespace lanwatch::net {

inline constexpr quint32 SsdpGroup = 0xEFFFFFFA; // 239.255.255.250
inline constexpr quint16 SsdpPort = 1900;
inline constexpr qsizetype MaxDescriptionBytes = 64 * 1024; // a real one is 1-10 KB; more is not read

// "M-SEARCH * HTTP/1.1" for upnp:rootdevice, answers within mxSeconds (1 to 5).
QByteArray ssdpSearchRequest(int mxSeconds);

// The LOCATION of an M-SEARCH answer ("HTTP/1.1 200 OK" with a LOCATION header of an http:// URL whose host
// is an IPv4 address); an invalid QUrl for anything else.
QUrl ssdpLocation(const QByteArray &datagram);

struct DeviceDescription
{
    bool ok = false;                               // well-formed XML with a <device> in a <root>
    QString friendlyName, manufacturer, modelName; // of the root device, control characters removed, <= 100
};
// Reads at most MaxDescriptionBytes; a document cut there or malformed is not ok.
DeviceDescription parseDeviceDescription(const QByteArray &xml);

} // namespace lanwatch::net
