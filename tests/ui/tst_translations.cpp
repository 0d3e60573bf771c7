// The Simplified Chinese translation is complete and is what the binary loads: no unfinished entry in
// the .ts, every entry has a translation, the compiled .qm turns known source strings into Chinese, and
// the .ts is up to date with the sources (lupdate over them would add or remove nothing).
#include "TestSupport.h"
#include "core/scan/ScanEngine.h"
#include "core/sync/SyncScheduler.h"
#include "ui/HostTableModel.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/TrayController.h"
#include "ui/sync/SyncPairsDialog.h"

#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

class TstTranslations : public QObject
{
    Q_OBJECT

    // Every message of a .ts as "context | source | comment".
    static QSet<QString> messages(const QString &path)
    {
        QSet<QString> out;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return out;
        QXmlStreamReader xml(&f);
        QString context, source, comment;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement() && !xml.isEndElement())
                continue;
            const auto name = xml.name();
            if (xml.isStartElement() && name == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.isStartElement() && name == QLatin1String("message"))
                source.clear(), comment.clear();
            else if (xml.isStartElement() && name == QLatin1String("source"))
                source = xml.readElementText();
            else if (xml.isStartElement() && name == QLatin1String("comment"))
                comment = xml.readElementText();
            else if (xml.isEndElement() && name == QLatin1String("message"))
                out.insert(context + QStringLiteral(" | ") + source + QStringLiteral(" | ") + comment);
        }
        return out;
    }

private Q_SLOTS:
    // translations/update.sh's lupdate run, on a copy: the committed .ts must already hold exactly the
    // messages the sources have (a new tr() not in the .ts, or a message no source has any more, fails).
    void tsIsUpToDateWithTheSources()
    {
        const QString lupdate = QStringLiteral("/usr/lib/qt6/bin/lupdate");
        LANWATCH_REQUIRE(QFile::exists(lupdate), "lupdate is not installed (qt6-l10n-tools)");
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString committed = lanwatch::test::sourcePath("translations/lanwatch_zh_CN.ts");
        const QString copy = tmp.filePath(QStringLiteral("lanwatch_zh_CN.ts"));
        QVERIFY(QFile::copy(committed, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess p;
        p.start(lupdate,
                {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                 QStringLiteral("-I"), lanwatch::test::sourcePath(""), lanwatch::test::sourcePath("core"),
                 lanwatch::test::sourcePath("ui"), lanwatch::test::sourcePath("app"), QStringLiteral("-ts"), copy});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QSet<QString> before = messages(committed);
        const QSet<QString> after = messages(copy);
        QVERIFY(before.size() > 200);
        const QStringList added = QSet<QString>(after).subtract(before).values();
        const QStringList removed = QSet<QString>(before).subtract(after).values();
        QVERIFY2(added.isEmpty(), qPrintable(QStringLiteral("not in the .ts yet (run translations/update.sh): ") +
                                             added.join(QStringLiteral("; "))));
        QVERIFY2(removed.isEmpty(), qPrintable(QStringLiteral("in the .ts but in no source any more: ") +
                                               removed.join(QStringLiteral("; "))));
    }

    void tsIsComplete()
    {
        QFile ts(lanwatch::test::sourcePath("translations/lanwatch_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        const qsizetype messages = text.count(QStringLiteral("<message"));
        QVERIFY2(messages > 200, qPrintable(QString::number(messages)));
        QCOMPARE(text.count(QStringLiteral("type=\"unfinished\"")), 0);
        QCOMPARE(text.count(QStringLiteral("type=\"vanished\"")) + text.count(QStringLiteral("type=\"obsolete\"")), 0);
        // Every translation holds Chinese text (or is a pure placeholder/unit such as " %"). lupdate
        // writes a plural (numerus) translation over several lines, one <numerusform> each.
        const QRegularExpression translation(QStringLiteral("<translation>(.*?)</translation>"),
                                             QRegularExpression::DotMatchesEverythingOption);
        QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("<numerusform>\\s*</numerusform>"))),
                 "an empty plural form");
        // A translation without Chinese may only be placeholders, punctuation and the product's name.
        const QRegularExpression noWords(QStringLiteral("^(%\\d+|%n|lanwatch|[\\s\\p{P}\\p{S}])*$"));
        QStringList english;
        for (auto it = translation.globalMatch(text); it.hasNext();) {
            const QString t = it.next().captured(1).remove(QRegularExpression(QStringLiteral("</?numerusform>")));
            QVERIFY2(!t.trimmed().isEmpty(), "an empty translation");
            if (!t.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))) && !noWords.match(t).hasMatch())
                english << t;
        }
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("not translated: ") + english.join(QStringLiteral(" | "))));
    }

    void compiledTranslationIsUsed_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("chinese");
        // Contexts as the running code asks for them: tr() uses the class's qualified meta-object name.
        const auto ctx = [](const QMetaObject &mo) { return QString::fromLatin1(mo.className()); };
        QTest::newRow("scan button") << ctx(lanwatch::ui::MainWindow::staticMetaObject) << "&Scan"
                                     << "扫描(&S)";
        QTest::newRow("column") << ctx(lanwatch::ui::HostTableModel::staticMetaObject) << "Vendor"
                                << "厂商";
        QTest::newRow("tray") << ctx(lanwatch::ui::TrayController::staticMetaObject) << "Quit lanwatch"
                              << "退出 lanwatch";
        QTest::newRow("engine") << ctx(lanwatch::scan::ScanEngine::staticMetaObject) << "ICMP echo (raw socket)"
                                << "ICMP 回显（原始套接字）";
        QTest::newRow("scheduler log") << ctx(lanwatch::sync::SyncScheduler::staticMetaObject) << "Paused."
                                       << "已暂停。";
        QTest::newRow("core message") << "TargetSet"
                                      << "The target list has an empty entry: remove the extra comma."
                                      << "目标列表中有空项：请删除多余的逗号。";
        QTest::newRow("sync state") << ctx(lanwatch::sync::SyncScheduler::staticMetaObject) << "held back"
                                    << "已暂缓";
        QTest::newRow("found by") << ctx(lanwatch::ui::HostTableModel::staticMetaObject) << "this computer"
                                  << "本机";
        QTest::newRow("host state") << ctx(lanwatch::ui::HostTableModel::staticMetaObject) << "last session"
                                    << "上次会话";
        QTest::newRow("preview action") << ctx(lanwatch::ui::SyncPairsDialog::staticMetaObject)
                                        << "permissions and modification time"
                                        << "权限和修改时间";
        QTest::newRow("vendor") << "OuiDatabase"
                                << "Locally administered"
                                << "本地管理地址";
    }
    void compiledTranslationIsUsed()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, chinese);
        QTranslator translator;
        QVERIFY(translator.load(lanwatch::test::binaryPath("app/lanwatch_zh_CN.qm")));
        QCOMPARE(translator.translate(qPrintable(context), qPrintable(source)), chinese);
    }

    // Issue 10, defect 5: Qt's own texts (OK/Cancel, file dialogs) come from Qt's catalogues, which lanwatch
    // loads for the locale; they must be installed (bootstrap.sh installs qt6-translations-l10n).
    void qtsOwnTextsAreChinese()
    {
        QTranslator qt;
        QVERIFY2(qt.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)),
                 "qtbase_zh_CN.qm is not installed (qt6-translations-l10n)");
        QCOMPARE(qt.translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        const auto loaded = lanwatch::ui::installTranslations(QLocale(QLocale::Chinese, QLocale::China),
                                                              lanwatch::test::binaryPath("app"));
        QVERIFY(loaded.qt);
        QVERIFY2(loaded.lanwatch.endsWith(QStringLiteral("lanwatch_zh_CN.qm")), qPrintable(loaded.lanwatch));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QCOMPARE(lanwatch::ui::foundByText(lanwatch::scan::FoundBy::Local), QStringLiteral("本机"));
    }

    // Issue 10, defect 6: English has singular and plural ("1 host up", "2 hosts up"), from lanwatch_en.ts.
    void englishPluralForms()
    {
        QTranslator en;
        QVERIFY(en.load(lanwatch::test::binaryPath("app/lanwatch_en.qm")));
        const char *ctx = lanwatch::ui::MainWindow::staticMetaObject.className();
        QCOMPARE(en.translate(ctx, "Scan of %1 finished in %2 s: %n host(s) up", nullptr, 1),
                 QStringLiteral("Scan of %1 finished in %2 s: %n host up"));
        QCOMPARE(en.translate(ctx, "Scan of %1 finished in %2 s: %n host(s) up", nullptr, 2),
                 QStringLiteral("Scan of %1 finished in %2 s: %n hosts up"));
        QCOMPARE(en.translate(ctx, "%n pair(s) need attention", nullptr, 1), QStringLiteral("%n pair needs attention"));
        // Every English plural form is filled and none keeps the "(s)" of the source.
        QFile ts(lanwatch::test::sourcePath("translations/lanwatch_en.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        QCOMPARE(text.count(QStringLiteral("type=\"unfinished\"")), 0);
        QVERIFY(!text.contains(QRegularExpression(QStringLiteral("<numerusform>[^<]*\\((s|es)\\)"))));
    }
};

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
