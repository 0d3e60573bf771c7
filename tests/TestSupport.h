// Shared test helpers: honest skips (a skip under CI=true is a failure) and paths to built binaries.
#pragma once

#include <QString>
#include <QTest>
#include <QtGlobal>

namespace lanwatch::test {

inline bool runningInCi()
{
    return qEnvironmentVariable("CI").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

inline QString binaryPath(const char *relative)
{
    return QStringLiteral(LANWATCH_BINARY_DIR "/") + QString::fromUtf8(relative);
}

inline QString sourcePath(const char *relative)
{
    return QStringLiteral(LANWATCH_SOURCE_DIR "/") + QString::fromUtf8(relative);
}

} // namespace lanwatch::test

// Use in initTestCase()/a test: when the machine truly cannot run it, skip with the reason, except
// under CI=true, where the same condition fails the test (CI must never pass on skipped work).
#define LANWATCH_REQUIRE(condition, reason)                                                                   \
    do {                                                                                                      \
        if (!(condition)) {                                                                                   \
            if (lanwatch::test::runningInCi())                                                                \
                QFAIL(qPrintable(QStringLiteral("CI=true and this test cannot run: ") + QString(reason)));   \
            QSKIP(qPrintable(QString(reason)));                                                               \
        }                                                                                                     \
    } while (false)
