// Faults of real disks and users (kind changes, read errors, mounts, full disks, kill -9, FAT) against lanwatch-cli.
#include "SyncTestTree.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <grp.h>
#include <memory>
#include <pwd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/vfs.h>

using namespace synctest;

namespace {

constexpr qint64 T0 = 1700000000;
constexpr char TempPrefix[] = ".lanwatch-tmp-";
constexpr char VersionsFolder[] = ".lanwatch-versions";

QByteArray enc(const QString &path)
{
    return QFile::encodeName(path);
}

// One entry as rsync -a would carry it: kind, bytes or link target, permission bits, owner, mtime.
struct Entry
{
    char type = 'f'; // f file, d dir, l link, p fifo, s socket, ? other
    QByteArray content;
    uint mode = 0;
    uint uid = 0;
    uint gid = 0;
    qint64 mtimeSec = 0;
    qint64 mtimeNsec = 0;
    bool operator==(const Entry &) const = default;
};
using Tree = QMap<QString, Entry>;

struct TreeOptions
{
    bool withVersions = false; // include DST/.lanwatch-versions
    bool dirTimes = true;
};

void walk(const QByteArray &abs, const QString &rel, const TreeOptions &opt, Tree *out)
{
    DIR *dir = ::opendir(abs.constData());
    if (!dir)
        return;
    while (const dirent *e = ::readdir(dir)) {
        const QByteArray name(e->d_name);
        if (name == "." || name == "..")
            continue;
        const QString childRel =
            rel.isEmpty() ? QFile::decodeName(name) : rel + QLatin1Char('/') + QFile::decodeName(name);
        if (!opt.withVersions && rel.isEmpty() && name == VersionsFolder)
            continue;
        const QByteArray childAbs = abs + '/' + name;
        struct stat st = {};
        if (::lstat(childAbs.constData(), &st) != 0)
            continue;
        Entry n;
        n.mode = st.st_mode & 07777;
        n.uid = st.st_uid;
        n.gid = st.st_gid;
        n.mtimeSec = st.st_mtim.tv_sec;
        n.mtimeNsec = st.st_mtim.tv_nsec;
        if (S_ISDIR(st.st_mode)) {
            n.type = 'd';
            if (!opt.dirTimes)
                n.mtimeSec = n.mtimeNsec = 0;
        } else if (S_ISLNK(st.st_mode)) {
            n.type = 'l';
            char buf[4096];
            const ssize_t len = ::readlink(childAbs.constData(), buf, sizeof(buf));
            n.content = QByteArray(buf, len > 0 ? int(len) : 0);
            n.mode = 0;
        } else if (S_ISREG(st.st_mode)) {
            QFile f(QFile::decodeName(childAbs));
            if (f.open(QIODevice::ReadOnly))
                n.content = f.readAll();
        } else {
            n.type = S_ISFIFO(st.st_mode) ? 'p' : S_ISSOCK(st.st_mode) ? 's' : '?';
        }
        out->insert(childRel, n);
        if (n.type == 'd')
            walk(childAbs, childRel, opt, out);
    }
    ::closedir(dir);
}

// Everything under root (not root itself), lstat-based: symlinks are never followed, mounts are crossed.
Tree tree(const QString &root, TreeOptions opt = {})
{
    Tree t;
    walk(enc(root), QString(), opt, &t);
    return t;
}

QString describe(const Tree &actual, const Tree &expected)
{
    QStringList diff;
    const auto show = [](const Entry &e) {
        return QStringLiteral("%1 mode %2 uid %3 gid %4 mtime %5.%6 %7 bytes")
            .arg(QChar::fromLatin1(e.type))
            .arg(e.mode, 0, 8)
            .arg(e.uid)
            .arg(e.gid)
            .arg(e.mtimeSec)
            .arg(e.mtimeNsec, 9, 10, QLatin1Char('0'))
            .arg(e.content.size());
    };
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        if (!expected.contains(it.key()))
            diff << QStringLiteral("unexpected: ") + it.key();
        else if (!(expected.value(it.key()) == it.value()))
            diff << QStringLiteral("differs: %1: actual %2, expected %3")
                        .arg(it.key(), show(it.value()), show(expected.value(it.key())));
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        if (!actual.contains(it.key()))
            diff << QStringLiteral("missing: ") + it.key();
    return diff.mid(0, 40).join(QLatin1Char('\n'));
}

#define COMPARE_TREES(actual, expected)                                                                                \
    do {                                                                                                               \
        const Tree a_ = (actual);                                                                                      \
        const Tree e_ = (expected);                                                                                    \
        QVERIFY2(a_ == e_, qPrintable(QStringLiteral("trees differ:\n") + describe(a_, e_)));                          \
    } while (false)

// Only what a user reads back: kind and bytes.
Tree contentsOnly(Tree t)
{
    for (Entry &e : t) {
        const char type = e.type;
        const QByteArray content = e.content;
        e = Entry{};
        e.type = type;
        e.content = type == 'd' ? QByteArray() : content;
    }
    return t;
}

Tree without(Tree t, const QStringList &prefixes)
{
    for (auto it = t.begin(); it != t.end();) {
        const bool drop = std::any_of(prefixes.cbegin(), prefixes.cend(), [&](const QString &p) {
            return it.key() == p || it.key().startsWith(p + QLatin1Char('/'));
        });
        it = drop ? t.erase(it) : std::next(it);
    }
    return t;
}

QStringList stamps(const QString &dst)
{
    return QDir(dst + QLatin1Char('/') + QLatin1String(VersionsFolder))
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

// Every kept version, keyed by its path inside its <stamp> folder (folder times are the engine's own).
Tree versions(const QString &dst)
{
    Tree all;
    for (const QString &stamp : stamps(dst)) {
        const Tree t =
            tree(dst + QLatin1Char('/') + QLatin1String(VersionsFolder) + QLatin1Char('/') + stamp, {false, false});
        for (auto it = t.cbegin(); it != t.cend(); ++it)
            all.insert(it.key(), it.value());
    }
    return all;
}

QStringList tempsUnder(const QString &root)
{
    QStringList found;
    const Tree t = tree(root, {true, false});
    for (auto it = t.cbegin(); it != t.cend(); ++it)
        if (it.key().section(QLatin1Char('/'), -1).startsWith(QLatin1String(TempPrefix)))
            found << it.key();
    return found;
}

// A cheap look at one folder (no recursion): has a run copied a file into it yet, is a temp file there?
// (Not every temp file means copying has begun: the engine may probe DST with one while it plans.)
struct FolderLook
{
    bool copied = false;
    bool temp = false;
};

FolderLook look(const QString &dir)
{
    FolderLook seen;
    DIR *d = ::opendir(enc(dir).constData());
    if (!d)
        return seen;
    while (const dirent *e = ::readdir(d)) {
        if (std::strncmp(e->d_name, TempPrefix, sizeof(TempPrefix) - 1) == 0)
            seen.temp = true;
        else if (e->d_type == DT_REG)
            seen.copied = true;
        if (seen.copied && seen.temp)
            break;
    }
    ::closedir(d);
    return seen;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool lexists(const QString &path)
{
    struct stat st = {};
    return ::lstat(enc(path).constData(), &st) == 0;
}

char kindOf(const QString &path)
{
    struct stat st = {};
    if (::lstat(enc(path).constData(), &st) != 0)
        return '-';
    return S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' : S_ISREG(st.st_mode) ? 'f' : '?';
}

// Plan lines: "copy    PATH (SIZE)", "would delete  PATH", ... Any lower-case action word counts, so a line
// the spec does not name (say "times   PATH") is not overlooked; the summary line is not one.
QStringList planLines(const QString &out)
{
    static const QRegularExpression action(QStringLiteral("^(would )?[a-z]+ +\\S"));
    QStringList lines;
    for (const QString &line : out.split(QLatin1Char('\n')))
        if (action.match(line).hasMatch() && !line.contains(QLatin1String(" copied, ")))
            lines << line;
    return lines;
}

int summaryCount(const QString &out, const QString &word)
{
    // "5 deleted", "2 special files skipped": the number, then the word closing its phrase.
    const QRegularExpression re(QStringLiteral("(\\d+) (?:[a-z]+ )*") + word + QStringLiteral("\\b"));
    const auto m = re.match(out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// SIGSTOP is delivered to each thread on its own: wait until every thread of the process is stopped
// (/proc/PID/task/TID/stat: "tid (comm) S ..." with S == 'T').
bool waitStopped(qint64 pid)
{
    const QString tasks = QStringLiteral("/proc/%1/task").arg(pid);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        const QStringList tids = QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        const bool allStopped = !tids.isEmpty() && std::all_of(tids.cbegin(), tids.cend(), [&](const QString &tid) {
            const QByteArray stat = readAll(tasks + QLatin1Char('/') + tid + QStringLiteral("/stat"));
            const qsizetype close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.size() && stat.at(close + 2) == 'T';
        });
        if (allStopped)
            return true;
        QTest::qWait(1);
    }
    return false;
}

struct Ids
{
    uint uid = 0;
    uint gid = 0;
    bool ok = false;
};

Ids nobody()
{
    const passwd *pw = ::getpwnam("nobody");
    const group *gr = ::getgrnam("nogroup");
    if (!pw || !gr)
        return {};
    return {pw->pw_uid, gr->gr_gid, true};
}

void chownTree(const QString &root, Ids ids)
{
    ::lchown(enc(root).constData(), ids.uid, ids.gid);
    const Tree t = tree(root, {true, false});
    for (auto it = t.cbegin(); it != t.cend(); ++it)
        ::lchown(enc(root + QLatin1Char('/') + it.key()).constData(), ids.uid, ids.gid);
}

struct Run
{
    int code = -1;
    QString out;
    QString err;
    QString text() const
    {
        return QStringLiteral("exit %1\n--- stdout:\n%2\n--- stderr:\n%3")
            .arg(code)
            .arg(out.left(3000), err.left(3000));
    }
};

#define COMPARE_EXIT(run, expected)                                                                                    \
    QVERIFY2((run).code == (expected),                                                                                 \
             qPrintable(QStringLiteral("expected exit %1, got ").arg(expected) + (run).text()))

struct RunOptions
{
    bool asNobody = false;
    QString workDir;
    int timeoutMs = 90000;
};

RunOptions asNobody()
{
    RunOptions o;
    o.asNobody = true;
    return o;
}

RunOptions inFolder(const QString &dir)
{
    RunOptions o;
    o.workDir = dir;
    return o;
}

RunOptions withTimeout(int ms)
{
    RunOptions o;
    o.timeoutMs = ms;
    return o;
}

Run runProgram(const QString &program, const QStringList &args, const RunOptions &opt = {})
{
    QProcess p;
    QString prog = program;
    QStringList all = args;
    if (opt.asNobody) {
        all = QStringList{QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                          QStringLiteral("--clear-groups"), program} +
              args;
        prog = QStringLiteral("setpriv");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("XDG_RUNTIME_DIR")); // root's; nobody could not use it
        p.setProcessEnvironment(env);
    }
    if (!opt.workDir.isEmpty())
        p.setWorkingDirectory(opt.workDir);
    p.start(prog, all);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("could not start %1: %2").arg(prog, p.errorString());
        return r;
    }
    if (!p.waitForFinished(opt.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.code = -2;
        r.err = QStringLiteral("timed out after %1 ms\n").arg(opt.timeoutMs);
    } else {
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err += QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString cliPath()
{
    return lanwatch::test::binaryPath("app/lanwatch-cli");
}

Run sync(const QStringList &args, const RunOptions &opt = {})
{
    return runProgram(cliPath(), QStringList{QStringLiteral("sync")} + args, opt);
}

// Full path of a tool, also looked up in the sbin folders a non-login root shell may lack; empty if missing.
QString toolPath(const char *name)
{
    const QString found = QStandardPaths::findExecutable(QString::fromLatin1(name));
    return !found.isEmpty() ? found
                            : QStandardPaths::findExecutable(QString::fromLatin1(name),
                                                             {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
}

bool hasTool(const char *name)
{
    return !toolPath(name).isEmpty();
}

QString mountTmpfs(const QString &where, const QString &options)
{
    QDir().mkpath(where);
    if (::mount("tmpfs", enc(where).constData(), "tmpfs", 0, options.toLatin1().constData()) != 0)
        return QStringLiteral("mount -t tmpfs -o %1 %2: %3")
            .arg(options, where, QString::fromLocal8Bit(strerror(errno)));
    return {};
}

} // namespace

class TstSyncFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_loopDevices;
    QString p(const QString &rel) const { return m_dir->filePath(rel); }

    // Detaches every mount under this test's folder, deepest first; runs even after a failed check.
    void unmountAll()
    {
        if (!m_dir)
            return;
        const QString root = m_dir->path() + QLatin1Char('/');
        QStringList points;
        for (const QByteArray &line : readAll(QStringLiteral("/proc/self/mounts")).split('\n')) {
            const QString point =
                QString::fromUtf8(line.split(' ').value(1)).replace(QStringLiteral("\\040"), QStringLiteral(" "));
            if (point.startsWith(root))
                points << point;
        }
        std::sort(points.begin(), points.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
        for (const QString &point : points)
            if (::umount2(enc(point).constData(), MNT_DETACH) != 0)
                qWarning("cannot unmount %s: %s", qPrintable(point), strerror(errno));
    }

    // A tree whose mirror deletes only a small share of DST, so the delete limit never holds a run back.
    void writeBulk(const QString &root, int count = 6)
    {
        for (int i = 0; i < count; ++i)
            writeFile(root + QStringLiteral("/bulk%1.txt").arg(i), "bulk " + QByteArray::number(i), T0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        LANWATCH_REQUIRE(::geteuid() == 0, "these tests mount, chown and drop privileges: run them as root");
        // Every mount this test makes lives in a mount namespace of its own. A run killed part-way (a
        // timeout, a kill -9) then leaves nothing mounted where other programs look: a FUSE mount whose
        // daemon died answers ENOTCONN to anyone who walks /tmp, and broke another test's find once.
        // QProcess forks from this thread, so the programs it starts (mount.exfat-fuse, the CLI) join it.
        QVERIFY2(::unshare(CLONE_NEWNS) == 0, strerror(errno));
        QVERIFY2(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0, strerror(errno));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/tst_syncfaults-XXXXXX"));
        QVERIFY(m_dir->isValid());
        ::chmod(enc(m_dir->path()).constData(), 0755); // nobody must reach the trees it is given
    }

    void cleanup()
    {
        unmountAll();
        for (const QString &device : std::as_const(m_loopDevices))
            runProgram(toolPath("losetup"), {"-d", device}); // when still busy, the kernel detaches it once free
        m_loopDevices.clear();
        m_dir.reset();
    }

    // Rule 1a: SRC/sub became a symlink to a folder outside SRC: the link is copied as a link (rsync -a),
    // the old DST/sub folder goes to the versions folder, and nothing is read or written through the link.
    void sourceFolderBecomesSymlink()
    {
        const QString src = p("src"), dst = p("dst"), out = p("out");
        writeBulk(src);
        writeFile(src + "/sub/f1.txt", "one", T0);
        writeFile(src + "/sub/f2.txt", "two", T0);
        COMPARE_EXIT(sync({src, dst}), 0);
        const Tree oldSub = tree(dst + "/sub");
        const Entry oldSubDir = tree(dst, {false, false}).value("sub");

        writeFile(out + "/f1.txt", "outside one", T0 + 7);
        writeFile(out + "/o2.txt", "outside two", T0 + 7);
        const Tree outBefore = tree(out);
        QVERIFY(QDir(src + "/sub").removeRecursively());
        QVERIFY(QFile::link(out, src + "/sub"));

        const Run r = sync({src, dst});
        COMPARE_TREES(tree(out), outBefore);
        COMPARE_EXIT(r, 0);
        QVERIFY2(!r.err.contains("Not a directory"), qPrintable(r.err));
        QVERIFY2(r.err.trimmed().isEmpty(), qPrintable(r.err));
        QCOMPARE(kindOf(dst + "/sub"), 'l');
        COMPARE_TREES(tree(dst), tree(src));
        Tree kept{{"sub", oldSubDir}};
        for (auto it = oldSub.cbegin(); it != oldSub.cend(); ++it)
            kept.insert("sub/" + it.key(), it.value());
        COMPARE_TREES(versions(dst), kept);
    }

    // Rule 1b: DST/sub was replaced by a symlink to an outside folder: nothing there is deleted, moved or
    // written; as rsync -a (no --keep-dirlinks) does, the link is replaced by a real folder (and kept).
    void destinationFolderBecomesSymlink()
    {
        const QString src = p("src"), dst = p("dst"), out = p("out");
        writeBulk(src);
        writeFile(src + "/sub/f1.txt", "one", T0);
        writeFile(src + "/sub/f2.txt", "two", T0);
        writeFile(src + "/sub/keep.txt", "keep", T0);
        COMPARE_EXIT(sync({src, dst}), 0);

        writeFile(out + "/f1.txt", "outside one", T0 + 7);
        writeFile(out + "/f2.txt", "outside two", T0 + 7);
        writeFile(out + "/extra.txt", "outside extra", T0 + 7);
        const Tree outBefore = tree(out);
        QVERIFY(QDir(dst + "/sub").removeRecursively());
        QVERIFY(QFile::link(out, dst + "/sub"));
        const Entry link = tree(dst).value("sub");
        // Now the run wants to write sub/f1.txt and delete sub/f2.txt: neither may happen in OUT.
        writeFile(src + "/sub/f1.txt", "one, changed", T0 + 10);
        QVERIFY(QFile::remove(src + "/sub/f2.txt"));

        const Run r = sync({src, dst});
        COMPARE_TREES(tree(out), outBefore);
        COMPARE_EXIT(r, 0);
        QVERIFY2(r.err.trimmed().isEmpty(), qPrintable(r.err));
        QCOMPARE(kindOf(dst + "/sub"), 'd');
        COMPARE_TREES(tree(dst), tree(src));
        COMPARE_TREES(versions(dst), (Tree{{"sub", link}}));
    }

    // Rule 1c: SRC/sub became a regular file: DST/sub becomes that file, the old folder is kept, no errors.
    void sourceFolderBecomesFile()
    {
        const QString src = p("src"), dst = p("dst");
        writeBulk(src);
        writeFile(src + "/sub/f1.txt", "one", T0);
        writeFile(src + "/sub/f2.txt", "two", T0);
        COMPARE_EXIT(sync({src, dst}), 0);
        const Tree oldSub = tree(dst + "/sub");
        const Entry oldSubDir = tree(dst, {false, false}).value("sub");

        QVERIFY(QDir(src + "/sub").removeRecursively());
        writeFile(src + "/sub", "now a file", T0 + 20);
        const Run r = sync({src, dst});
        COMPARE_EXIT(r, 0);
        QVERIFY2(r.err.trimmed().isEmpty(), qPrintable(r.err));
        QCOMPARE(kindOf(dst + "/sub"), 'f');
        COMPARE_TREES(tree(dst), tree(src));
        Tree kept{{"sub", oldSubDir}};
        for (auto it = oldSub.cbegin(); it != oldSub.cend(); ++it)
            kept.insert("sub/" + it.key(), it.value());
        COMPARE_TREES(versions(dst), kept);
    }

    // Rule 2: after a read error in SRC nothing in DST is deleted, anywhere; what could be read is copied.
    // rsync is the reference: with --delete-after (or --no-inc-recursive) it deletes nothing and exits 23.
    // (Plain --delete is --delete-during with incremental recursion: it still deletes in the folders it
    // handled before it met the error, here DST's top level.)
    void readErrorMeansNoDeletions_data()
    {
        QTest::addColumn<uint>("lockedMode");
        QTest::newRow("folder mode 000 (cannot list)") << 0000u;
        QTest::newRow("folder mode r-- (lists, cannot stat)") << 0444u;
    }
    void readErrorMeansNoDeletions()
    {
        QFETCH(uint, lockedMode);
        const Ids ids = nobody();
        LANWATCH_REQUIRE(ids.ok, "no user nobody / group nogroup");
        LANWATCH_REQUIRE(hasTool("setpriv"), "setpriv (util-linux) is not installed");
        LANWATCH_REQUIRE(hasTool("rsync"), "rsync is not installed");
        const QString src = p("src"), dst = p("dst"), ref = p("ref");
        writeBulk(src);
        writeFile(src + "/a.txt", "a", T0);
        writeFile(src + "/gone.txt", "gone", T0);
        writeFile(src + "/ok/b.txt", "b", T0);
        writeFile(src + "/ok/gone2.txt", "gone too", T0);
        writeFile(src + "/locked/c.txt", "c", T0);
        writeFile(src + "/locked/d.txt", "d", T0);
        COMPARE_EXIT(sync({src, dst}), 0);
        QCOMPARE(runProgram("cp", {"-a", dst, ref}).code, 0);

        // Changes to carry over, and deletions that must wait for a run that read everything.
        writeFile(src + "/a.txt", "a, changed", T0 + 5);
        writeFile(src + "/ok/new.txt", "new", T0 + 5);
        QVERIFY(QFile::remove(src + "/gone.txt"));
        QVERIFY(QFile::remove(src + "/ok/gone2.txt"));
        for (const QString &d : {dst, ref}) {
            writeFile(d + "/extra.txt", "extra", T0);
            writeFile(d + "/ok/extra2.txt", "extra too", T0);
        }
        chownTree(m_dir->path(), ids);
        QVERIFY(::chmod(enc(src + "/locked").constData(), lockedMode) == 0);
        const Tree before = contentsOnly(tree(dst));

        const Run r = sync({src, dst}, asNobody());
        const Run rsync = runProgram("rsync", {"-a", "--delete-after", src + "/", ref + "/"}, asNobody());
        ::chmod(enc(src + "/locked").constData(), 0755);

        COMPARE_EXIT(r, 4);
        QVERIFY2(r.err.contains(src + "/locked") || r.err.contains("locked"), qPrintable(r.err));
        Tree expected = before;
        expected["a.txt"].content = "a, changed";
        Entry copied;
        copied.content = "new";
        expected.insert("ok/new.txt", copied);
        COMPARE_TREES(contentsOnly(tree(dst)), expected);
        // Only the replaced a.txt may be in the versions folder: nothing was deleted.
        QCOMPARE(versions(dst).keys(), QStringList{"a.txt"});
        QCOMPARE(versions(dst).value("a.txt").content, QByteArray("a"));

        QVERIFY2(rsync.code == 23, qPrintable(rsync.text()));
        COMPARE_TREES(contentsOnly(tree(ref)), expected);
    }

    // Rule 3: a mount point inside SRC is crossed by default; with -x it is not, and DST's copy under it
    // is left alone (rsync -x copies the mount point folder itself, not its contents, deletes nothing there).
    void mountPointInSource_data()
    {
        QTest::addColumn<bool>("oneFileSystem");
        QTest::newRow("default: crossed") << false;
        QTest::newRow("-x: not crossed") << true;
    }
    void mountPointInSource()
    {
        QFETCH(bool, oneFileSystem);
        const QString src = p("src"), dst = p("dst");
        writeBulk(src);
        QVERIFY(QDir().mkpath(src + "/mnt"));
        COMPARE_EXIT(sync({src, dst}), 0);
        writeFile(dst + "/mnt/m1.txt", "stale copy", T0 - 100);
        writeFile(dst + "/mnt/old.txt", "old", T0 - 100);
        const Tree dstBefore = tree(dst);

        const QString problem = mountTmpfs(src + "/mnt", "size=1m");
        LANWATCH_REQUIRE(problem.isEmpty(), problem);
        writeFile(src + "/mnt/m1.txt", "m1 on the mount", T0 + 1);
        writeFile(src + "/mnt/d/m2.txt", "m2 on the mount", T0 + 1);
        writeFile(src + "/after.txt", "after", T0 + 1);

        const Run r = sync(oneFileSystem ? QStringList{"-x", src, dst} : QStringList{src, dst});
        COMPARE_EXIT(r, 0);
        if (!oneFileSystem) {
            COMPARE_TREES(tree(dst), tree(src));
            return;
        }
        QVERIFY2(!r.out.contains("delete  mnt/"), qPrintable(r.out));
        COMPARE_TREES(without(tree(dst), {"mnt"}), without(tree(src), {"mnt"}));
        COMPARE_TREES(tree(dst + "/mnt"),
                      (Tree{{"m1.txt", dstBefore.value("mnt/m1.txt")}, {"old.txt", dstBefore.value("mnt/old.txt")}}));
        QVERIFY(versions(dst).isEmpty());
        bool noted = false;
        for (const QString &line : QString(r.out + r.err).split('\n'))
            noted = noted || (line.contains("mnt") &&
                              line.contains(QRegularExpression("mount|file ?system|not crossed",
                                                               QRegularExpression::CaseInsensitiveOption)));
        QVERIFY2(noted, qPrintable("no note that mnt/ was not crossed:\n" + r.text()));
    }

    // Rule 4: one run per destination. The first run is stopped mid-copy; a second run on the same DST
    // refuses at once (exit 1) without touching it; the first, continued, finishes the mirror.
    void oneRunPerDestination()
    {
        // On a tmpfs of its own: the run's closing syncfs() must not wait for other work on /tmp's disk.
        const QString problem = mountTmpfs(p("fs"), "size=512m");
        LANWATCH_REQUIRE(problem.isEmpty(), problem);
        const QString src = p("fs/src"), dst = p("fs/dst");
        QVERIFY(QDir().mkpath(src));
        for (int i = 0; i < 20000; ++i) {
            const QByteArray path = enc(src + QStringLiteral("/f%1.txt").arg(i, 5, 10, QLatin1Char('0')));
            const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            QVERIFY(fd >= 0);
            const QByteArray body = "file " + QByteArray::number(i) + '\n';
            QCOMPARE(::write(fd, body.constData(), body.size()), ssize_t(body.size()));
            ::close(fd);
        }

        QProcess first;
        first.start(cliPath(), {"sync", "-q", src, dst});
        QVERIFY(first.waitForStarted());
        QElapsedTimer t;
        t.start();
        while (!look(dst).copied && first.state() == QProcess::Running && t.elapsed() < 60000)
            ::usleep(200);
        QVERIFY2(first.state() == QProcess::Running,
                 "the first run finished before a copied file could be seen; the tree is too small here");
        QVERIFY2(look(dst).copied, "the first run copied nothing within 60 s");
        QVERIFY(::kill(pid_t(first.processId()), SIGSTOP) == 0);
        QVERIFY(waitStopped(first.processId()));
        const Tree during = tree(dst, {true, true});

        const Run second = sync({src, dst}, withTimeout(30000));
        COMPARE_EXIT(second, 1);
        QVERIFY2(
            second.err.contains(QRegularExpression("another lanwatch run", QRegularExpression::CaseInsensitiveOption)),
            qPrintable(second.err));
        COMPARE_TREES(tree(dst, {true, true}), during);

        QVERIFY(::kill(pid_t(first.processId()), SIGCONT) == 0);
        QVERIFY(first.waitForFinished(120000));
        QVERIFY2(first.exitStatus() == QProcess::NormalExit && first.exitCode() == 0,
                 qPrintable(QString::fromUtf8(first.readAllStandardError())));
        COMPARE_TREES(tree(dst), tree(src));
        QCOMPARE(tempsUnder(dst), QStringList());
    }

    // Rule 5a: a plan that cannot fit is refused before anything is written, with the figures.
    void planLargerThanFreeSpaceIsRefused()
    {
        const QString src = p("src"), disk = p("disk"), dst = disk + "/dst";
        const QString problem = mountTmpfs(disk, "size=2m");
        LANWATCH_REQUIRE(problem.isEmpty(), problem);
        writeFile(src + "/notes.txt", "notes", T0);
        writeFile(dst + "/notes.txt", "notes", T0);
        for (int i = 0; i < 10; ++i) {
            QByteArray mb(1 << 20, Qt::Uninitialized);
            for (int j = 0; j < mb.size(); ++j)
                mb[j] = char((j * 7 + i * 13) ^ (j >> 9));
            writeFile(src + QStringLiteral("/big%1.bin").arg(i), mb, T0);
        }
        const Tree before = tree(disk, {true, true});

        const Run r = sync({src, dst});
        COMPARE_EXIT(r, 1);
        static const QRegularExpression size(QStringLiteral("\\d+(?:[.,]\\d+)?\\s?(?:bytes|B|[kKMGT]i?B)\\b"));
        QVERIFY2(r.err.contains("free", Qt::CaseInsensitive), qPrintable(r.err));
        int sizes = 0;
        for (auto it = size.globalMatch(r.err); it.hasNext(); it.next())
            ++sizes;
        QVERIFY2(sizes >= 2, qPrintable("the needed and the free size expected in: " + r.err));
        COMPARE_TREES(tree(disk, {true, true}), before);
    }

    // Rule 5b: the disk fills up mid-run, after the free-space check passed (another program wrote to the
    // same disk: the run is stopped once it copies, the disk filled, the run continued). The run stops at
    // the first ENOSPC, says so once, deletes nothing and leaves no temp file.
    void diskFullMidRunStops()
    {
        const QString src = p("src"), disk = p("disk"), dst = disk + "/dst";
        const QString problem = mountTmpfs(disk, "size=64m");
        LANWATCH_REQUIRE(problem.isEmpty(), problem);
        for (int i = 0; i < 4; ++i) {
            writeFile(src + QStringLiteral("/k%1.txt").arg(i), "in step", T0);
            writeFile(dst + QStringLiteral("/k%1.txt").arg(i), "in step", T0);
        }
        writeFile(dst + "/extra.txt", "extra", T0);
        const QByteArray body(4096, 's');
        for (int i = 0; i < 5000; ++i) {
            const QByteArray path = enc(src + QStringLiteral("/s%1.txt").arg(i, 4, 10, QLatin1Char('0')));
            const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            QVERIFY(fd >= 0);
            QCOMPARE(::write(fd, body.constData(), body.size()), ssize_t(body.size()));
            ::close(fd);
        }

        QProcess run;
        run.start(cliPath(), {"sync", "-q", src, dst});
        QVERIFY(run.waitForStarted());
        QElapsedTimer t;
        t.start();
        // Copying has begun (so the check passed) once a file is copied: DST held only the k*.txt before.
        const auto copying = [&] {
            const QStringList names = QDir(dst).entryList({"s*.txt"}, QDir::Files);
            return !names.isEmpty();
        };
        while (!copying() && run.state() == QProcess::Running && t.elapsed() < 60000)
            ::usleep(200);
        QVERIFY2(run.state() == QProcess::Running, "the run ended before it could be stopped mid-copy");
        QVERIFY(::kill(pid_t(run.processId()), SIGSTOP) == 0);
        QVERIFY(waitStopped(run.processId()));
        {
            QFile filler(disk + "/filler.bin");
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray chunk(64 * 1024, 'f');
            while (filler.write(chunk) == chunk.size() && filler.flush()) {
            }
        }
        struct statfs fs = {};
        QVERIFY(::statfs(enc(disk).constData(), &fs) == 0 && fs.f_bfree == 0);
        QVERIFY(::kill(pid_t(run.processId()), SIGCONT) == 0);
        QVERIFY(run.waitForFinished(60000));
        const QString err = QString::fromUtf8(run.readAllStandardError());

        QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 1,
                 qPrintable(QStringLiteral("exit %1\n").arg(run.exitCode()) + err.left(3000)));
        const QStringList fullLines =
            err.split('\n').filter(QRegularExpression("full|no space left", QRegularExpression::CaseInsensitiveOption));
        QVERIFY2(fullLines.size() == 1, qPrintable("the disk-full error should be said once:\n" + err.left(3000)));
        QCOMPARE(readAll(dst + "/extra.txt"), QByteArray("extra"));
        QVERIFY(!versions(dst).contains("extra.txt"));
        QCOMPARE(tempsUnder(disk), QStringList());
    }

    // Rule 6: kill -9 while a file is being written; the next run cleans the stale temp files up first
    // and finishes the mirror.
    void killedRunIsRepairedByTheNext()
    {
        // On a tmpfs of its own: the run's closing syncfs() must not wait for other work on /tmp's disk.
        const QString problem = mountTmpfs(p("fs"), "size=1g");
        LANWATCH_REQUIRE(problem.isEmpty(), problem);
        const QString src = p("fs/src"), dst = p("fs/dst");
        QVERIFY(QDir().mkpath(src));
        QByteArray body(128 * 1024, 'x');
        for (int i = 0; i < 2000; ++i) {
            body.replace(0, 12, QByteArray::number(i).rightJustified(12, '0'));
            const QByteArray path = enc(src + QStringLiteral("/big%1.bin").arg(i, 4, 10, QLatin1Char('0')));
            const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            QVERIFY(fd >= 0);
            QCOMPARE(::write(fd, body.constData(), body.size()), ssize_t(body.size()));
            ::close(fd);
        }

        QProcess first;
        first.start(cliPath(), {"sync", "-q", src, dst});
        QVERIFY(first.waitForStarted());
        QElapsedTimer t;
        t.start();
        bool killed = false;
        while (!killed && first.state() == QProcess::Running && t.elapsed() < 60000) {
            if (const FolderLook seen = look(dst); !seen.copied || !seen.temp)
                continue;
            // Stop it, then look again: a stopped process cannot rename its temp file away any more.
            ::kill(pid_t(first.processId()), SIGSTOP);
            if (!waitStopped(first.processId()))
                break;
            if (look(dst).temp) {
                ::kill(pid_t(first.processId()), SIGKILL);
                killed = true;
            } else {
                ::kill(pid_t(first.processId()), SIGCONT);
            }
        }
        QVERIFY2(killed, "no moment with a temp file in DST was caught before the first run ended");
        QVERIFY(first.waitForFinished(10000));
        QVERIFY(!tempsUnder(dst).isEmpty());

        const Run r = sync({"-q", src, dst});
        COMPARE_EXIT(r, 0);
        COMPARE_TREES(tree(dst), tree(src));
        QCOMPARE(tempsUnder(dst), QStringList());
    }

    // Rule 7: a file appended to all along is either copied as a consistent snapshot (a prefix of what it
    // grew to) or reported as not copied (exit 4); never a silent exit 0 without it.
    void fileThatNeverStopsChanging()
    {
        const QString src = p("src"), dst = p("dst");
        writeFile(src + "/other.txt", "other", T0);
        writeFile(src + "/sub/x.txt", "x", T0);
        writeFile(src + "/log.txt", "start\n", T0);
        QProcess writer;
        writer.setWorkingDirectory(src);
        writer.start("sh", {"-c", "i=0; while :; do i=$((i+1)); echo \"line $i\" >> log.txt; done"});
        QVERIFY(writer.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(src + "/log.txt").size() > 10000, 10000);

        const Run r = sync({src, dst}, withTimeout(120000));
        QVERIFY2(writer.state() == QProcess::Running, "the writer stopped before the run ended");
        writer.kill();
        writer.waitForFinished();
        const QByteArray final = readAll(src + "/log.txt");
        const QByteArray copied = readAll(dst + "/log.txt");

        QVERIFY2(r.code == 0 || r.code == 4, qPrintable(r.text()));
        if (r.code == 0) {
            QVERIFY2(kindOf(dst + "/log.txt") == 'f', "exit 0 but log.txt was not copied");
        } else {
            QVERIFY2(r.err.contains("log.txt") && r.err.contains("not copied"), qPrintable(r.err));
        }
        if (kindOf(dst + "/log.txt") == 'f') {
            QVERIFY2(copied.startsWith("start\n") && final.startsWith(copied),
                     qPrintable(QStringLiteral("DST/log.txt (%1 bytes) is not a prefix of the source (%2 bytes)")
                                    .arg(copied.size())
                                    .arg(final.size())));
        }
        QCOMPARE(readAll(dst + "/other.txt"), QByteArray("other"));
        QCOMPARE(readAll(dst + "/sub/x.txt"), QByteArray("x"));
        QCOMPARE(tempsUnder(dst), QStringList());
    }

    // Rule 8: DST on exFAT through FUSE (the kernel here has neither vfat nor exfat): exfat-fuse keeps whole
    // seconds, shows every mode as 0777 and cannot hold symlinks. (fusefat, the FAT16/32 driver, resets a
    // file's mtime on rename and fails rsync's own temp files, so it cannot stand in for a FAT disk.) A second
    // run with no change does nothing and keeps no version; a replaced file is kept in a versions folder whose
    // name exFAT accepts (no ':').
    void fatDestination_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("defaults") << QStringList();
        QTest::newRow("--mtime-tolerance 2") << QStringList{"--mtime-tolerance", "2"};
    }
    void fatDestination()
    {
        QFETCH(QStringList, options);
        LANWATCH_REQUIRE(hasTool("mount.exfat-fuse") && hasTool("mkfs.exfat") && hasTool("losetup"),
                         "exfat-fuse and exfatprogs are not installed (scripts/bootstrap.sh deps)");
        LANWATCH_REQUIRE(QFileInfo::exists("/dev/fuse"), "no /dev/fuse on this machine");
        LANWATCH_REQUIRE(QFileInfo::exists("/dev/loop-control"), "no loop devices on this machine");
        const QString src = p("src"), img = p("exfat.img"), mnt = p("exfat"), dst = mnt + "/backup";
        {
            QFile image(img);
            QVERIFY(image.open(QIODevice::WriteOnly) && image.resize(64 << 20));
        }
        const Run mkfs = runProgram(toolPath("mkfs.exfat"), {img});
        QVERIFY2(mkfs.code == 0, qPrintable(mkfs.text()));
        // exfat-fuse run by root wants a block device, so the image goes on a loop device first.
        const Run loop = runProgram(toolPath("losetup"), {"--find", "--show", img});
        QVERIFY2(loop.code == 0, qPrintable(loop.text()));
        m_loopDevices << loop.out.trimmed();
        QVERIFY(QDir().mkpath(mnt));
        const Run mount = runProgram(toolPath("mount.exfat-fuse"), {loop.out.trimmed(), mnt});
        QVERIFY2(mount.code == 0, qPrintable(mount.text()));
        struct statfs fs = {};
        QTRY_VERIFY_WITH_TIMEOUT(::statfs(enc(mnt).constData(), &fs) == 0 && fs.f_type == 0x65735546, 10000);

        writeFile(src + "/a.txt", "a", T0 + 1, 0600); // odd second, nanoseconds
        writeFile(src + "/run.sh", "#!/bin/sh\n", T0 + 3, 0755);
        writeFile(src + "/sub/b.txt", "b", T0 + 2, 0644);
        const auto sameFiles = [&] {
            const Tree s = tree(src), d = tree(dst);
            for (const char *name : {"a.txt", "run.sh", "sub/b.txt"}) {
                if (d.value(name).content != s.value(name).content || d.value(name).type != 'f')
                    return QStringLiteral("%1 differs").arg(name);
                if (qAbs(d.value(name).mtimeSec - s.value(name).mtimeSec) > 2)
                    return QStringLiteral("%1: mtime %2 vs %3")
                        .arg(name)
                        .arg(d.value(name).mtimeSec)
                        .arg(s.value(name).mtimeSec);
            }
            return QString();
        };

        const Run r1 = sync(options + QStringList{src, dst});
        COMPARE_EXIT(r1, 0);
        QVERIFY2(r1.err.trimmed().isEmpty(), qPrintable(r1.err));
        QCOMPARE(sameFiles(), QString());
        const Run r2 = sync(options + QStringList{src, dst});
        COMPARE_EXIT(r2, 0);
        QVERIFY2(planLines(r2.out).isEmpty(), qPrintable(r2.out));
        QVERIFY2(r2.out.contains("0 copied, 0 updated"), qPrintable(r2.out));
        QCOMPARE(stamps(dst), QStringList());

        writeFile(src + "/a.txt", "a, changed", T0 + 101, 0600);
        const Run r3 = sync(options + QStringList{src, dst});
        COMPARE_EXIT(r3, 0);
        QCOMPARE(sameFiles(), QString());
        QCOMPARE(stamps(dst).size(), 1);
        QCOMPARE(versions(dst).keys(), QStringList{"a.txt"});
        QCOMPARE(versions(dst).value("a.txt").content, QByteArray("a"));
        const Run r4 = sync(options + QStringList{src, dst});
        COMPARE_EXIT(r4, 0);
        QVERIFY2(planLines(r4.out).isEmpty(), qPrintable(r4.out));
        QCOMPARE(stamps(dst).size(), 1);

        // exFAT cannot hold a symlink: it must be reported by its path (exit 4), on every run as rsync does.
        QVERIFY(QFile::link("a.txt", src + "/to-a"));
        for (int run = 0; run < 2; ++run) {
            const Run r = sync(options + QStringList{src, dst});
            if (kindOf(dst + "/to-a") == 'l') {
                COMPARE_EXIT(r, 0);
                QCOMPARE(QFile::symLinkTarget(dst + "/to-a"), QFileInfo(dst + "/a.txt").absoluteFilePath());
            } else {
                COMPARE_EXIT(r, 4);
                QVERIFY2(r.err.contains("to-a"), qPrintable(r.err));
                for (const char *fine : {"a.txt", "run.sh", "b.txt"})
                    QVERIFY2(!r.err.contains(QLatin1String(fine)), qPrintable(r.err));
                QVERIFY2(planLines(r.out) == QStringList{"symlink to-a"}, qPrintable(r.out));
            }
            QCOMPARE(stamps(dst).size(), 1);
            QCOMPARE(sameFiles(), QString());
        }
    }

    // Rule 9: metadata as rsync -a keeps it as root; FIFOs and sockets are skipped, counted and named.
    void metadataAsRsyncA()
    {
        const Ids ids = nobody();
        LANWATCH_REQUIRE(ids.ok, "no user nobody / group nogroup");
        const QString src = p("src"), dst = p("dst");
        const auto at = [&](const char *rel) { return enc(src + '/' + rel); };
        writeFile(src + "/suid.bin", "suid", T0);
        writeFile(src + "/sgid.bin", "sgid", T0);
        writeFile(src + "/owned.txt", "owned", T0);
        writeFile(src + "/sticky/f.txt", "f", T0);
        writeFile(src + "/sgiddir/g.txt", "g", T0);
        writeFile(src + "/owneddir/inner.txt", "inner", T0);
        QVERIFY(QFile::link("owned.txt", src + "/link"));
        // chown first: it clears set-id bits, which is why a copier has to chmod after chown.
        QVERIFY(::chown(at("owned.txt").constData(), ids.uid, ids.gid) == 0);
        QVERIFY(::chown(at("suid.bin").constData(), ids.uid, ids.gid) == 0);
        QVERIFY(::chown(at("owneddir").constData(), ids.uid, ids.gid) == 0);
        QVERIFY(::lchown(at("link").constData(), ids.uid, ids.gid) == 0);
        QVERIFY(::chmod(at("suid.bin").constData(), 04755) == 0);
        QVERIFY(::chmod(at("sgid.bin").constData(), 02755) == 0);
        QVERIFY(::chmod(at("sticky").constData(), 01777) == 0);
        QVERIFY(::chmod(at("sgiddir").constData(), 02775) == 0);
        QVERIFY(::mkfifo(at("fifo").constData(), 0644) == 0);
        {
            const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
            QVERIFY(s >= 0);
            sockaddr_un addr = {};
            addr.sun_family = AF_UNIX;
            QVERIFY(size_t(at("sock").size()) < sizeof(addr.sun_path));
            std::strcpy(addr.sun_path, at("sock").constData());
            QVERIFY(::bind(s, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0);
            ::close(s);
        }
        for (const char *dir : {"sticky", "sgiddir", "owneddir"})
            setDirTime(src + '/' + dir, T0 - 50);

        const Run r = sync({"--verbose", src, dst});
        COMPARE_EXIT(r, 0);
        COMPARE_TREES(tree(dst), without(tree(src), {"fifo", "sock"}));
        QCOMPARE(summaryCount(r.out, "skipped"), 2);
        QVERIFY2(QString(r.out + r.err).contains("fifo") && QString(r.out + r.err).contains("sock"),
                 qPrintable(r.text()));
        QCOMPARE(kindOf(dst + "/fifo"), '-');
        QCOMPARE(kindOf(dst + "/sock"), '-');
    }

    // Rule 9: names lanwatch reserves for itself, found inside SRC, are skipped but never silently: counted
    // in the summary and named with --verbose, like FIFOs; they never mix with DST's own versions folder
    // or count as its stale temp files. (rsync knows no such names and would copy them.)
    void reservedNamesInSourceAreReported()
    {
        const QString src = p("src"), dst = p("dst");
        writeFile(src + "/a.txt", "a", T0);
        writeFile(src + "/.lanwatch-versions/old.txt", "not ours", T0);
        writeFile(src + "/.lanwatch-tmp-x", "not ours either", T0);
        writeFile(src + "/sub/.lanwatch-tmp-y", "nor this", T0);
        writeFile(src + "/sub/c.txt", "c", T0);

        const Run r = sync({src, dst});
        COMPARE_EXIT(r, 0);
        QVERIFY2(summaryCount(r.out, "skipped") == 3, qPrintable(r.text()));
        QCOMPARE(readAll(dst + "/a.txt"), QByteArray("a"));
        QCOMPARE(readAll(dst + "/sub/c.txt"), QByteArray("c"));
        QCOMPARE(tree(dst, {true, true}).keys(), (QStringList{"a.txt", "sub", "sub/c.txt"}));

        writeFile(src + "/b.txt", "b", T0);
        const Run verbose = sync({"--verbose", src, dst});
        COMPARE_EXIT(verbose, 0);
        const QString all = QString(verbose.out + verbose.err);
        for (const char *name : {".lanwatch-versions", ".lanwatch-tmp-x", "sub/.lanwatch-tmp-y"})
            QVERIFY2(all.contains(QLatin1String(name)),
                     qPrintable(name + QStringLiteral(" not named:\n") + verbose.text()));
        QCOMPARE(tree(dst, {true, true}).keys(), (QStringList{"a.txt", "b.txt", "sub", "sub/c.txt"}));
    }

    // Rule 10a: a held-back run says "would " in front of every plan line and changes nothing.
    void heldBackRunSaysWouldOnEveryLine()
    {
        const QString src = p("src"), dst = p("dst");
        for (const char *name : {"a.txt", "b.txt", "c.txt", "d.txt"})
            writeFile(src + '/' + name, name, T0);
        COMPARE_EXIT(sync({src, dst}), 0);
        for (const char *name : {"b.txt", "c.txt", "d.txt"})
            QVERIFY(QFile::remove(src + '/' + name));
        writeFile(src + "/new.txt", "new", T0);
        const Tree before = tree(dst, {true, true});

        const Run r = sync({src, dst});
        COMPARE_EXIT(r, 3);
        const QStringList lines = planLines(r.out);
        QVERIFY2(lines.filter(QRegularExpression("^would ")).size() == lines.size(), qPrintable(r.out));
        QCOMPARE(lines.filter(QRegularExpression("^would delete\\s+[bcd]\\.txt$")).size(), 3);
        QVERIFY2(lines.filter(QRegularExpression("^would copy\\s+new\\.txt \\(")).size() == 1, qPrintable(r.out));
        COMPARE_TREES(tree(dst, {true, true}), before);
    }

    // Rule 10b: "--" ends the options, so a folder named like an option works after it.
    void doubleDashEndsOptions()
    {
        writeFile(p("-weird/a.txt"), "a", T0);
        writeFile(p("-weird/sub/b.txt"), "b", T0);
        const Run bare = sync({"-weird", "out1"}, inFolder(m_dir->path()));
        COMPARE_EXIT(bare, 2);
        QVERIFY(!lexists(p("out1")));
        const Run r = sync({"--", "-weird", "out2"}, inFolder(m_dir->path()));
        COMPARE_EXIT(r, 0);
        COMPARE_TREES(tree(p("out2")), tree(p("-weird")));
    }

    // Rule 10c: the summary's "deleted" and "updated" counts are the files really moved into versions.
    void deletedCountMatchesTheVersionsFolder()
    {
        const QString src = p("src"), dst = p("dst");
        for (int i = 0; i < 10; ++i)
            writeFile(src + QStringLiteral("/f%1.txt").arg(i), "f" + QByteArray::number(i), T0);
        writeFile(src + "/sub/s1.txt", "s1", T0);
        writeFile(src + "/sub/s2.txt", "s2", T0);
        writeFile(src + "/u.txt", "u", T0);
        COMPARE_EXIT(sync({src, dst}), 0);
        const Tree old = tree(dst);
        for (const char *name : {"f1.txt", "f2.txt", "f3.txt"})
            QVERIFY(QFile::remove(src + '/' + name));
        QVERIFY(QDir(src + "/sub").removeRecursively());
        writeFile(src + "/u.txt", "u, changed", T0 + 9);

        const Run r = sync({src, dst});
        COMPARE_EXIT(r, 0);
        COMPARE_TREES(tree(dst), tree(src));
        Tree files = versions(dst);
        for (auto it = files.begin(); it != files.end();)
            it = it->type == 'd' ? files.erase(it) : std::next(it);
        Tree expected;
        for (const char *name : {"f1.txt", "f2.txt", "f3.txt", "sub/s1.txt", "sub/s2.txt", "u.txt"})
            expected.insert(name, old.value(name));
        COMPARE_TREES(files, expected);
        QCOMPARE(summaryCount(r.out, "deleted"), 5);
        QCOMPARE(summaryCount(r.out, "updated"), 1);
        QCOMPARE(summaryCount(r.out, "deleted") + summaryCount(r.out, "updated"), int(files.size()));
    }
};

QTEST_GUILESS_MAIN(TstSyncFaults)
#include "tst_syncfaults.moc"
