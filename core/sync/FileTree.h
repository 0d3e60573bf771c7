// FileTree: one folder's listing at a time (openat/fstatat relative to its descriptor, no per-file Qt
// objects), with every read error kept, so that nothing unread is ever taken for "not there". The
// planner walks source and destination in step with it, folder by folder, and keeps nothing of a
// folder once it has compared it: memory follows what must change, not the size of the trees.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/types.h>
#include <vector>

namespace lanwatch::sync {

struct TreeEntry
{
    enum class Type : quint8 { File, Dir, Symlink, Other };
    QByteArray name; // in the file system's own bytes
    Type type = Type::File;
    mode_t mode = 0; // permission bits with setuid/setgid/sticky
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

enum class TreeSide { Source, Destination };

struct FolderListing
{
    std::vector<TreeEntry> entries; // sorted by name (byte-wise); excluded and reserved names left out
    bool excludedInside = false;    // an excluded entry was left out of this folder
    bool complete = true;           // false: the folder could not be listed, or some entries not stat'ed
    QString error;                  // why not complete, naming the folder (and the first entry)
    std::vector<QByteArray> reserved; // Source: lanwatch's own names found here
    std::vector<QByteArray> temps;    // Destination: .lanwatch-tmp-* files here (a crashed run's)
};

// Lists the folder open at dirFd (the descriptor stays the caller's). prefix is its path relative to
// the root ("" for the root itself), root the root's path for messages.
FolderListing listFolder(int dirFd, const QByteArray &prefix, TreeSide side, const ExcludeRules &rules,
                         const QString &root);

} // namespace lanwatch::sync
