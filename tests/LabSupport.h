// Helpers shared by the namespace-LAN tests: run a program to completion, and read lab.sh's KEY=VALUE
// output (the shell variables `lab.sh up` prints for eval).
#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

#include "TestSupport.h"

namespace lanwatch::test {

struct Run
{
    int exitCode = -1; // -1: crashed or killed after the timeout
    QByteArray out, err;
};

inline Run run(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    p.waitForFinished();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

inline QMap<QString, QString> keyValues(const QByteArray &out)
{
    QMap<QString, QString> values;
    for (const QString &line : QString::fromUtf8(out).split(QLatin1Char('\n')))
        if (line.contains(QLatin1Char('=')))
            values.insert(line.section(QLatin1Char('='), 0, 0), line.section(QLatin1Char('='), 1));
    return values;
}

// tests/lab/lab.sh VERB NAME [ARGS...]: up (prints the lab's shell variables, see keyValues), join, down.
inline Run lab(const QString &verb, const QString &name, const QStringList &args = {}, int timeoutMs = 120000)
{
    return run(QStringLiteral("bash"), QStringList{sourcePath("tests/lab/lab.sh"), verb, name} + args, timeoutMs);
}

} // namespace lanwatch::test

// Builds a lab (lanwatch::test::lab("up", NAME, ARGS...)), sets upFlag and declares `values`, its LAB_*
// variables. A lab that cannot be built skips the test, and fails it under CI=true.
#define LANWATCH_LAB_UP(values, upFlag, ...)                                                                         \
    QMap<QString, QString> values;                                                                                   \
    do {                                                                                                             \
        const lanwatch::test::Run labUp_ = lanwatch::test::lab(QStringLiteral("up"), __VA_ARGS__);                   \
        LANWATCH_REQUIRE(labUp_.exitCode == 0,                                                                       \
                         QStringLiteral("the namespace lab could not be built: ") + QString::fromUtf8(labUp_.err)); \
        upFlag = true;                                                                                               \
        values = lanwatch::test::keyValues(labUp_.out);                                                              \
    } while (false)
