// lanwatch-cli devices / events: read and edit the device inventory the monitor fills.
#pragma once

#include "core/monitor/DeviceTypes.h"

#include <QStringList>

#include <memory>

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::cli {
int runDevicesCommand(const QStringList &args); // args after "devices" (a first "set" edits one device)
int runEventsCommand(const QStringList &args);  // args after "events"

// One event as printed by 'events' and 'monitor': a line of text, or one JSON object (no newline added).
QString eventText(const monitor::Event &event);
QString eventJsonLine(const monitor::Event &event, bool firstSweep = false); // monitor::eventJson, compact

// Opens the inventory at path (empty: the default), printing the store's message on failure and its notice
// (a corrupt file moved aside) on stderr. mustExist: a reading command does not create an empty file.
std::unique_ptr<monitor::DeviceStore> openInventory(const QString &path, bool mustExist, int *exitCode);
} // namespace lanwatch::cli
