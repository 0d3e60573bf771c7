// Dropping capabilities at start-up: bounding and ambient sets, root's exec rules, then the sets themselves.
#include "core/Privileges.h"
#include "core/ErrnoText.h"

#include <QDir>

#include <cerrno>

#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/securebits.h>

namespace lanwatch {

namespace {

bool capabilities(__user_cap_data_struct (&data)[2])
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    return ::syscall(SYS_capget, &header, data) == 0;
}

} // namespace

Result<bool> dropPrivilegesKeepingNetRaw()
{
    __user_cap_data_struct data[2]{};
    if (!capabilities(data))
        return Result<bool>::failure(QStringLiteral("capget: ") + errnoText(errno));
    const bool any = data[0].permitted || data[1].permitted || data[0].inheritable || data[1].inheritable ||
                     ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0) == 1;
    if (!any)
        return false; // an ordinary user: nothing to give up
    if (QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() != 1)
        return Result<bool>::failure(QStringLiteral("capabilities are dropped before any thread starts; one has"));

    const std::uint32_t netRaw = 1u << CAP_NET_RAW;
    const std::uint32_t keep = data[0].permitted & netRaw;
    if (data[0].effective & (1u << CAP_SETPCAP)) {
        // Root that execs gets every capability back unless SECBIT_NOROOT says otherwise; and nothing
        // this process starts may gain more than CAP_NET_RAW (lanwatch-netcap's file capability).
        ::prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED, 0, 0, 0);
        for (int cap = 0; cap < 64; ++cap)
            if (cap != CAP_NET_RAW)
                ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    }
    ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    data[0] = {0, keep, 0}; // effective, permitted, inheritable
    data[1] = {0, 0, 0};
    if (::syscall(SYS_capset, &header, data) != 0)
        return Result<bool>::failure(QStringLiteral("capset: ") + errnoText(errno));
    if (!capabilities(data) || data[0].effective || data[1].effective || (data[0].permitted & ~netRaw) ||
        data[1].permitted)
        return Result<bool>::failure(QStringLiteral("capabilities are still held after capset"));
    return true;
}

} // namespace lanwatch
