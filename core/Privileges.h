// Privileges: lanwatch-cli and lanwatch-agent, started as root or with capabilities, give them up at
// start-up as fping and arp-scan do, keeping at most CAP_NET_RAW in the permitted set (not effective), which
// core/net/RawSockets raises in the opening thread for the moment a raw socket is opened.
#pragma once

#include "core/Result.h"

namespace lanwatch {

// Call in main() before any thread exists (capabilities are per thread: a thread started before would
// keep them). Returns whether anything was dropped; a failure says why and leaves the process as it was
// as far as the kernel allowed.
Result<bool> dropPrivilegesKeepingNetRaw();

} // namespace lanwatch
