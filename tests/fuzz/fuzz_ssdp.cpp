// libFuzzer target for the SSDP answer (LOCATION) and UPnP description parsers: anything a host could send
// back to an M-SEARCH or serve as its description.
#include "core/net/Ssdp.h"

#include <QHostAddress>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace lanwatch::net;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_ssdp: invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QUrl location = ssdpLocation(bytes);
    if (location.isValid()) {
        check(location.scheme() == QLatin1String("http"), "a LOCATION that is not http");
        check(QHostAddress(location.host()).protocol() == QAbstractSocket::IPv4Protocol,
              "a LOCATION whose host is not an IPv4 address");
    }
    const DeviceDescription d = parseDeviceDescription(bytes);
    if (!d.ok)
        check(d.friendlyName.isEmpty() && d.manufacturer.isEmpty() && d.modelName.isEmpty(),
              "a rejected description gave names");
    for (const QString *s : {&d.friendlyName, &d.manufacturer, &d.modelName}) {
        check(s->size() <= 100, "a name longer than 100 characters");
        for (const QChar c : *s)
            check(c.category() != QChar::Other_Control, "a control character in a name");
    }
    return 0;
}
