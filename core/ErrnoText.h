// errnoText: an errno as the C library words it in the user's locale, for messages a person acts on.
#pragma once

#include <QString>

#include <cstring>

namespace lanwatch {

inline QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

} // namespace lanwatch
