// Opens a device database and says what happened: run by tst_devicestore as another user (setpriv),
// because root reads every file and so cannot see a permission error itself.
#include "core/monitor/DeviceStore.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc != 2) {
        out << "usage: devicestore_probe DATABASE\n";
        return 2;
    }
    const auto store = lanwatch::monitor::DeviceStore::open(QString::fromLocal8Bit(argv[1]));
    if (!store) {
        out << "error: " << store.error() << '\n';
        return 1;
    }
    if (!store.value()->notice().isEmpty())
        out << "notice: " << store.value()->notice() << '\n';
    const auto devices = store.value()->devices();
    out << "devices: " << (devices ? QString::number(devices->size()) : devices.error()) << '\n';
    return devices ? 0 : 1;
}
