// Helpers for sync tests: build real folder trees and snapshot them (type, bytes, link, mode, mtime).
#pragma once

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QString>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace synctest {

struct Node
{
    char type = 'f';    // f file, d dir, l link
    QByteArray content; // file bytes or link target
    uint mode = 0;
    qint64 mtimeSec = 0;
    qint64 mtimeNsec = 0;
    bool operator==(const Node &) const = default;
};
using Snapshot = QMap<QString, Node>;

inline void writeFile(const QString &path, const QByteArray &content, qint64 mtimeSec = 0, uint mode = 0644)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    f.close();
    ::chmod(QFile::encodeName(path).constData(), mode);
    if (mtimeSec) {
        const timespec times[2] = {{mtimeSec, 123456789}, {mtimeSec, 123456789}};
        ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0);
    }
}

inline void setDirTime(const QString &path, qint64 mtimeSec)
{
    const timespec times[2] = {{mtimeSec, 0}, {mtimeSec, 0}};
    ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0);
}

// Everything under root except lanwatch's versions folder, with full metadata.
inline Snapshot snapshot(const QString &root, bool withDirTimes = true)
{
    Snapshot s;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel.startsWith(QLatin1String(".lanwatch-versions")))
            continue;
        struct stat st
        {
        };
        ::lstat(QFile::encodeName(path).constData(), &st);
        Node n;
        n.mode = st.st_mode & 07777;
        n.mtimeSec = st.st_mtim.tv_sec;
        n.mtimeNsec = st.st_mtim.tv_nsec;
        if (S_ISDIR(st.st_mode)) {
            n.type = 'd';
            if (!withDirTimes)
                n.mtimeSec = n.mtimeNsec = 0;
        } else if (S_ISLNK(st.st_mode)) {
            n.type = 'l';
            n.content = QFile::encodeName(QFile::symLinkTarget(path));
            char buf[4096];
            const ssize_t len = ::readlink(QFile::encodeName(path).constData(), buf, sizeof(buf));
            n.content = QByteArray(buf, len > 0 ? len : 0);
            n.mode = 0;
        } else {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                n.content = f.readAll();
        }
        s.insert(rel, n);
    }
    return s;
}

inline QString describe(const Snapshot &a, const Snapshot &b)
{
    QStringList diff;
    for (auto it = a.cbegin(); it != a.cend(); ++it)
        if (!b.contains(it.key()))
            diff << QStringLiteral("only in first: ") + it.key();
        else if (!(b.value(it.key()) == it.value()))
            diff << QStringLiteral("differs: %1 (mode %2/%3 mtime %4/%5)")
                        .arg(it.key())
                        .arg(it.value().mode, 0, 8)
                        .arg(b.value(it.key()).mode, 0, 8)
                        .arg(it.value().mtimeSec)
                        .arg(b.value(it.key()).mtimeSec);
    for (auto it = b.cbegin(); it != b.cend(); ++it)
        if (!a.contains(it.key()))
            diff << QStringLiteral("only in second: ") + it.key();
    return diff.join(QLatin1Char('\n'));
}

} // namespace synctest
