// FileTree: a fast POSIX walk (openat/fstatat, no per-file Qt objects) of a folder into sorted entries,
// with every read error kept by path so that nothing unread is ever taken for "not there".
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>

#include <atomic>
#include <sys/types.h>
#include <deque>
#include <vector>

namespace lanwatch::sync {

struct TreeEntry
{
    enum class Type : quint8 { File, Dir, Symlink, Other };
    QByteArray path; // relative, '/'-separated, in the file system's own bytes
    Type type = Type::File;
    bool holdsExcluded = false; // Dir: an excluded entry is somewhere inside (never moved away whole)
    bool notDescended = false;  // Dir: a mount point not crossed (one-file-system) or a folder not read
    mode_t mode = 0;            // permission bits with setuid/setgid/sticky
    uid_t uid = 0;
    gid_t gid = 0;
    qint64 size = 0;
    qint64 mtimeSec = 0;
    qint64 mtimeNsec = 0;
    dev_t device = 0;
    ino_t inode = 0;
};

// Names lanwatch itself keeps in a destination: never compared, copied or deleted.
inline constexpr char VersionsFolder[] = ".lanwatch-versions";
inline constexpr char TempPrefix[] = ".lanwatch-tmp-";

class ExcludeRules
{
public:
    explicit ExcludeRules(const QStringList &patterns);
    bool excluded(const QByteArray &relativePath, const QByteArray &name, bool isDir) const;
    bool isEmpty() const { return m_rules.empty(); }

private:
    struct Rule
    {
        QByteArray glob;
        bool dirOnly = false;
        bool pathMatch = false; // has a '/' inside: matched against the relative path
    };
    std::vector<Rule> m_rules;
};

struct WalkOptions
{
    enum class Side { Source, Destination };
    Side side = Side::Source;
    bool oneFileSystem = false; // do not descend into folders on another device than their parent
};

struct TreeWalk
{
    std::deque<TreeEntry> entries; // (a deque: no doubling peaks on 200,000 entries) sorted as paths ('/' before any other byte); parents before children
    dev_t rootDevice = 0;
    ino_t rootInode = 0;
    int files = 0;                       // non-directories
    QStringList errors;                  // folders that could not be listed, entries that could not be stat'ed
    std::vector<QByteArray> unreadable;  // folders whose contents are unknown (errors) or not crossed (mounts)
    QStringList notes;                   // mounts not crossed, ...
    int reserved = 0;                    // Source: lanwatch's own names found in the source (skipped)
    QStringList skipped;                 // Source: reserved names and special files, by path
    int special = 0;                     // Source: FIFOs, sockets, devices (in entries as Type::Other)
    std::vector<QByteArray> staleTemps;  // Destination: .lanwatch-tmp-* files left by a run that crashed
};

// Path order used by walks and merges: byte-wise, with '/' lower than any other byte.
bool pathLess(const QByteArray &a, const QByteArray &b);
// True when path is strictly inside folder.
inline bool pathUnder(const QByteArray &path, const QByteArray &folder)
{
    return path.size() > folder.size() && path.startsWith(folder) && path.at(folder.size()) == '/';
}

// Walks root (which must be a folder). Fails with a message when root is missing or unreadable; read
// errors below it are collected in the walk's errors (and its unreadable folders).
Result<TreeWalk> walkTree(const QString &root, const ExcludeRules &rules, const WalkOptions &options,
                          const std::atomic_bool *cancel);

} // namespace lanwatch::sync
