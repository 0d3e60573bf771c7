// The default target: the default route's interface from /proc/net/route, its address and prefix.
#include "core/scan/LocalNetwork.h"

#include "core/scan/NetInfo.h"
#include "core/scan/TargetSet.h"

#include <QFile>

namespace lanwatch::scan {

namespace {
QString defaultRouteInterface()
{
    QFile routes(QStringLiteral("/proc/net/route"));
    if (!routes.open(QIODevice::ReadOnly))
        return {};
    routes.readLine(); // header
    while (!routes.atEnd()) {
        const QList<QByteArray> f = routes.readLine().simplified().split(' ');
        if (f.size() > 7 && f[1] == "00000000" && f[7] == "00000000")
            return QString::fromLatin1(f[0]);
    }
    return {};
}
} // namespace

QString primarySubnet()
{
    const QList<InterfaceInfo> interfaces = ipv4Interfaces();
    const QString preferred = defaultRouteInterface();
    const InterfaceInfo *chosen = nullptr;
    for (const InterfaceInfo &i : interfaces) {
        if (i.loopback)
            continue;
        if (i.name == preferred) {
            chosen = &i;
            break;
        }
        if (!chosen)
            chosen = &i;
    }
    if (!chosen)
        return {};
    const int prefix = chosen->prefix < 16 ? 24 : chosen->prefix;
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return QStringLiteral("%1/%2").arg(ipv4ToString(chosen->ip & mask)).arg(prefix);
}

} // namespace lanwatch::scan
