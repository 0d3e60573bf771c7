// PathAt: the few helpers every piece of sync code uses to act on a tree only through directory
// descriptors: split a relative path, open a folder beneath a root without following any symlink,
// and name a temp file so that a later run knows it is lanwatch's.
#pragma once

#include "core/ErrnoText.h" // errnoText, used with these helpers

#include <QByteArray>
#include <QString>

namespace lanwatch::sync {

QByteArray parentOf(const QByteArray &path); // "a/b/c" -> "a/b"; "c" -> ""
QByteArray nameOf(const QByteArray &path);   // "a/b/c" -> "c"

// Opens the folder rel (relative; empty for root itself) beneath root without following any symlink
// on the way and without leaving root (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, or one
// O_NOFOLLOW component at a time before Linux 5.6). -1 with errno (ELOOP/EXDEV: a link in the way).
int openBeneath(int rootFd, const QByteArray &rel);

// ".lanwatch-tmp-<pid>-<random>-<name>", under NAME_MAX: recognisable as ours, unique.
QByteArray tempNameFor(const QByteArray &name);

} // namespace lanwatch::sync
