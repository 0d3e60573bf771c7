// FileTree: a fast POSIX walk (openat/fstatat, no per-file Qt objects) of a folder into sorted entries.
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>

#include <atomic>
#include <sys/types.h>
#include <vector>

namespace lanwatch::sync {

struct TreeEntry
{
    enum class Type : quint8 { File, Dir, Symlink, Other };
    QByteArray path; // relative, '/'-separated, in the file system's own bytes
    Type type = Type::File;
    qint64 size = 0;
    qint64 mtimeSec = 0;
    qint64 mtimeNsec = 0;
    mode_t mode = 0; // permission bits
    dev_t device = 0;
};

// Names lanwatch itself keeps in a destination: never compared, copied or deleted.
inline constexpr char VersionsFolder[] = ".lanwatch-versions";
inline constexpr char TempPrefix[] = ".lanwatch-tmp-";

class ExcludeRules
{
public:
    explicit ExcludeRules(const QStringList &patterns);
    bool excluded(const QByteArray &relativePath, const QByteArray &name, bool isDir) const;

private:
    struct Rule
    {
        QByteArray glob;
        bool dirOnly = false;
        bool pathMatch = false; // has a '/' inside: matched against the relative path
    };
    std::vector<Rule> m_rules;
};

struct TreeWalk
{
    std::vector<TreeEntry> entries; // sorted as paths ('/' before any other byte); parents before children
    dev_t rootDevice = 0;
    int files = 0;                      // non-directories
    std::vector<QByteArray> unreadable; // sub-folders that could not be read: never delete under them
};

// Path order used by walks and merges: byte-wise, with '/' lower than any other byte.
bool pathLess(const QByteArray &a, const QByteArray &b);

// Walks root (which must be a folder). Fails with a message when root is missing or unreadable;
// unreadable sub-folders are reported in errors and skipped (their contents are then never deleted).
Result<TreeWalk> walkTree(const QString &root, const ExcludeRules &rules, const std::atomic_bool *cancel,
                          QStringList *errors);

} // namespace lanwatch::sync
