// AgentConfig: a small INI reader that knows every key, so a typo is a line number and a reason, not a
// silently ignored setting (QSettings reads anything and says nothing).
#include "agent/AgentConfig.h"

#include "core/monitor/DeviceStore.h"
#include "core/scan/TargetSet.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace lanwatch::agent {

using monitor::MonitorLimits;

namespace {

QString quoted(QString text)
{
    if (text.size() > 60)
        text = text.left(57) + QStringLiteral("...");
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

Result<int> seconds(const QString &text, int minimum, int maximum, const char *what)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return Result<int>::failure(QStringLiteral("%1 must be a whole number of seconds from %2 to %3, not %4")
                                        .arg(QLatin1String(what))
                                        .arg(minimum)
                                        .arg(maximum)
                                        .arg(quoted(text)));
    return value;
}

Result<bool> boolean(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("yes") || t == QLatin1String("true") || t == QLatin1String("on") || t == QLatin1String("1"))
        return true;
    if (t == QLatin1String("no") || t == QLatin1String("false") || t == QLatin1String("off") || t == QLatin1String("0"))
        return false;
    return Result<bool>::failure(QStringLiteral("expected yes or no, not %1").arg(quoted(text)));
}

QString absolute(const QString &path, const QString &baseDir)
{
    return path.isEmpty() || QDir::isAbsolutePath(path) ? path : QDir(baseDir).absoluteFilePath(path);
}

} // namespace

QString AgentConfig::listenText() const
{
    const QString host = listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + listenAddress.toString() + QLatin1Char(']')
                             : listenAddress.toString();
    return host + QLatin1Char(':') + QString::number(listenPort);
}

QString AgentConfig::defaultDatabase()
{
    // systemd's StateDirectory= sets STATE_DIRECTORY (a colon-separated list; the first is ours).
    const QString state = qEnvironmentVariable("STATE_DIRECTORY").section(QLatin1Char(':'), 0, 0);
    if (!state.isEmpty())
        return QDir(state).filePath(QStringLiteral("devices.sqlite"));
    return monitor::DeviceStore::defaultPath();
}

Result<void> AgentConfig::setListen(const QString &input)
{
    const QString text = input.trimmed();
    // "ADDR:PORT", "[IPV6]:PORT"; a name is not accepted: what is bound must not depend on DNS at boot.
    static const QRegularExpression form(QStringLiteral("^(?:\\[([0-9A-Fa-f:.]+)\\]|([0-9.]+)):(\\d{1,5})$"));
    const auto m = form.match(text);
    QHostAddress address;
    if (!m.hasMatch() || !address.setAddress(m.captured(1).isEmpty() ? m.captured(2) : m.captured(1)))
        return Result<void>::failure(
            QStringLiteral("listen must be ADDRESS:PORT (e.g. 127.0.0.1:9617 or [::1]:9617), not %1")
                .arg(quoted(text)));
    const int port = m.captured(3).toInt();
    if (port > 65535)
        return Result<void>::failure(QStringLiteral("the port in %1 is above 65535").arg(quoted(text)));
    listenAddress = address;
    listenPort = quint16(port);
    return {};
}

Result<void> AgentConfig::addWatch(const QString &value)
{
    static const QRegularExpression every(QStringLiteral("^(.*\\S)\\s+every\\s+(\\S+)$"));
    QString target = value.trimmed();
    int interval = 0;
    if (const auto m = every.match(target); m.hasMatch()) {
        const auto s = seconds(m.captured(2), monitor::minimumIntervalSeconds(), MonitorLimits::MaxIntervalSeconds,
                               "the interval");
        if (!s)
            return Result<void>::failure(s.error());
        interval = s.value();
        target = m.captured(1);
    }
    if (target.isEmpty())
        return Result<void>::failure(QStringLiteral("watch needs a target, e.g. watch = 192.168.1.0/24"));
    if (const auto set = scan::TargetSet::parse(target); !set)
        return Result<void>::failure(QStringLiteral("bad target %1: %2").arg(quoted(target), set.error()));
    for (const monitor::WatchedTarget &w : std::as_const(watch))
        if (w.target == target)
            return Result<void>::failure(QStringLiteral("%1 is watched twice").arg(quoted(target)));
    watch.append({target, interval});
    return {};
}

Result<void> AgentConfig::setInterval(const QString &text)
{
    const auto s = seconds(text, monitor::minimumIntervalSeconds(), MonitorLimits::MaxIntervalSeconds, "interval");
    if (!s)
        return Result<void>::failure(s.error());
    intervalSeconds = s.value();
    return {};
}

Result<void> AgentConfig::setGrace(const QString &text)
{
    if (text.trimmed() == QLatin1String("0") || text.trimmed() == QLatin1String("auto")) {
        graceSeconds = 0;
        return {};
    }
    const auto s =
        seconds(text, monitor::minimumIntervalSeconds(), MonitorLimits::MaxGraceSeconds, "grace (or 0 / auto)");
    if (!s)
        return Result<void>::failure(s.error());
    graceSeconds = s.value();
    return {};
}

Result<void> AgentConfig::readToken()
{
    token.clear();
    if (tokenFile.isEmpty())
        return {};
    QFile f(tokenFile);
    if (!f.open(QIODevice::ReadOnly))
        return Result<void>::failure(
            QStringLiteral("cannot read the token file %1: %2").arg(tokenFile, f.errorString()));
    const QByteArray bytes = f.read(AgentDefaults::MaxTokenBytes + 1).trimmed();
    if (bytes.isEmpty())
        return Result<void>::failure(QStringLiteral("the token file %1 is empty").arg(tokenFile));
    if (bytes.size() > AgentDefaults::MaxTokenBytes || bytes.contains('\n') || bytes.contains(' '))
        return Result<void>::failure(
            QStringLiteral("the token file %1 must hold one token on one line (at most %2 bytes)")
                .arg(tokenFile)
                .arg(AgentDefaults::MaxTokenBytes));
    token = bytes;
    return {};
}

Result<void> AgentConfig::readTls()
{
    tlsCertPem.clear();
    tlsKeyPem.clear();
    if (tlsCert.isEmpty() && tlsKey.isEmpty())
        return {};
    if (tlsCert.isEmpty() || tlsKey.isEmpty())
        return Result<void>::failure(QStringLiteral("give both tls_cert and tls_key (PEM files), or neither"));
    // Only the PEM markers here: the TLS backend (OpenSSL) is not loaded before the agent forks. The certificate
    // and key themselves are checked when the endpoint is bound (exit 1 with the reason).
    QFile cert(tlsCert);
    if (!cert.open(QIODevice::ReadOnly))
        return Result<void>::failure(QStringLiteral("cannot read tls_cert %1: %2").arg(tlsCert, cert.errorString()));
    const QByteArray certPem = cert.read(1 << 20);
    if (!certPem.contains("-----BEGIN CERTIFICATE-----"))
        return Result<void>::failure(QStringLiteral("tls_cert %1 holds no PEM certificate").arg(tlsCert));
    QFile key(tlsKey);
    if (!key.open(QIODevice::ReadOnly))
        return Result<void>::failure(QStringLiteral("cannot read tls_key %1: %2").arg(tlsKey, key.errorString()));
    const QByteArray keyPem = key.read(1 << 20);
    if (!keyPem.contains("PRIVATE KEY-----") || keyPem.contains("ENCRYPTED"))
        return Result<void>::failure(QStringLiteral("tls_key %1 holds no unencrypted PEM private key").arg(tlsKey));
    tlsCertPem = certPem;
    tlsKeyPem = keyPem;
    return {};
}

QList<monitor::WatchedTarget> AgentConfig::targets() const
{
    QList<monitor::WatchedTarget> list = watch;
    for (monitor::WatchedTarget &w : list)
        if (w.intervalSeconds == 0)
            w.intervalSeconds = intervalSeconds;
    return list;
}

namespace {

Result<int> number(const QString &text, int minimum, int maximum, const char *what)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return Result<int>::failure(QStringLiteral("%1 must be a whole number from %2 to %3, not %4")
                                        .arg(QLatin1String(what))
                                        .arg(minimum)
                                        .arg(maximum)
                                        .arg(quoted(text)));
    return value;
}

// One key of a [sync NAME] section into pair.
Result<void> setPairKey(sync::SyncPair &pair, const QString &key, const QString &value, const QString &baseDir)
{
    auto into = [](int &field, const Result<int> &r) {
        if (!r)
            return Result<void>::failure(r.error());
        field = r.value();
        return Result<void>();
    };
    using namespace sync::SyncLimits;
    if (key == QLatin1String("source"))
        pair.source = absolute(value, baseDir);
    else if (key == QLatin1String("destination"))
        pair.destination = absolute(value, baseDir);
    else if (key == QLatin1String("mode")) {
        const auto mode = sync::syncModeFromString(value);
        if (!mode)
            return Result<void>::failure(QStringLiteral("mode must be mirror or update, not %1").arg(quoted(value)));
        pair.mode = *mode;
    } else if (key == QLatin1String("exclude")) {
        if (value.isEmpty())
            return Result<void>::failure(QStringLiteral("exclude needs a pattern, e.g. exclude = *.tmp"));
        pair.excludes.append(value);
    } else if (key == QLatin1String("poll"))
        return into(pair.pollSeconds, number(value, MinPoll, MaxPoll, "poll"));
    else if (key == QLatin1String("delay"))
        return into(pair.delaySeconds, number(value, 0, MaxDelay, "delay"));
    else if (key == QLatin1String("max_wait"))
        return into(pair.maxWaitSeconds, number(value, MinMaxWait, MaxMaxWait, "max_wait"));
    else if (key == QLatin1String("delete_limit"))
        return into(pair.deleteThresholdPercent, number(value, MinDeleteLimit, MaxDeleteLimit, "delete_limit"));
    else if (key == QLatin1String("keep_versions"))
        return into(pair.keepVersionsDays, number(value, 0, MaxKeepVersionsDays, "keep_versions"));
    else if (key == QLatin1String("mtime_tolerance"))
        return into(pair.mtimeToleranceSeconds, number(value, MinTolerance, MaxTolerance, "mtime_tolerance"));
    else if (key == QLatin1String("one_file_system")) {
        const auto b = boolean(value);
        if (!b)
            return Result<void>::failure(b.error());
        pair.oneFileSystem = b.value();
    } else
        return Result<void>::failure(QStringLiteral("unknown key %1 in a [sync NAME] section (known: source, "
                                                    "destination, mode, exclude, poll, delay, max_wait, delete_limit, "
                                                    "keep_versions, mtime_tolerance, one_file_system)")
                                         .arg(quoted(key)));
    return {};
}

Result<QByteArray> readSecret(const QString &path, const char *what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(
            QStringLiteral("cannot read the %1 %2: %3").arg(QLatin1String(what), path, f.errorString()));
    const QByteArray bytes = f.read(AgentDefaults::MaxTokenBytes + 1).trimmed();
    if (bytes.isEmpty() || bytes.size() > AgentDefaults::MaxTokenBytes || bytes.contains('\n'))
        return Result<QByteArray>::failure(QStringLiteral("the %1 %2 must hold one line (at most %3 bytes)")
                                               .arg(QLatin1String(what), path)
                                               .arg(AgentDefaults::MaxTokenBytes));
    return bytes;
}

// One key of [notify].
Result<void> setNotifyKey(NotifyConfig &n, const QString &key, const QString &value, const QString &baseDir)
{
    auto url = [&](const QStringList &schemes) -> Result<QString> {
        const QUrl u(value, QUrl::StrictMode);
        if (!u.isValid() || !schemes.contains(u.scheme()) || u.host().isEmpty())
            return Result<QString>::failure(QStringLiteral("%1 must be a %2 URL, not %3")
                                                .arg(key, schemes.join(QStringLiteral(" or ")), quoted(value)));
        return value;
    };
    auto mail = [&]() -> MailTarget & {
        if (!n.mail)
            n.mail = MailTarget{};
        return *n.mail;
    };
    static const QRegularExpression address(QStringLiteral("^[^@\\s<>,]+@[^@\\s<>,]+$"));
    if (key == QLatin1String("webhook")) {
        const auto u = url({QStringLiteral("http"), QStringLiteral("https")});
        if (!u)
            return Result<void>::failure(u.error());
        const auto format = n.webhook ? n.webhook->format : WebhookTarget::Format::Json;
        n.webhook = WebhookTarget{u.value(), format};
    } else if (key == QLatin1String("webhook_format")) {
        static const QHash<QString, WebhookTarget::Format> formats{
            {QStringLiteral("json"), WebhookTarget::Format::Json},
            {QStringLiteral("text"), WebhookTarget::Format::Text},
            {QStringLiteral("form"), WebhookTarget::Format::Form}};
        if (!formats.contains(value))
            return Result<void>::failure(
                QStringLiteral("webhook_format must be json, text or form, not %1").arg(quoted(value)));
        if (!n.webhook)
            n.webhook = WebhookTarget{};
        n.webhook->format = formats.value(value);
    } else if (key == QLatin1String("smtp")) {
        const auto u = url({QStringLiteral("smtp"), QStringLiteral("smtps")});
        if (!u)
            return Result<void>::failure(u.error());
        mail().url = u.value();
    } else if (key == QLatin1String("smtp_user")) {
        mail().user = value;
    } else if (key == QLatin1String("smtp_password_file")) {
        const auto secret = readSecret(absolute(value, baseDir), "SMTP password file");
        if (!secret)
            return Result<void>::failure(secret.error());
        mail().password = secret.value();
    } else if (key == QLatin1String("smtp_starttls")) {
        if (value == QLatin1String("required"))
            mail().tls = MailTarget::Tls::Required;
        else if (value == QLatin1String("try"))
            mail().tls = MailTarget::Tls::Try;
        else if (value == QLatin1String("no"))
            mail().tls = MailTarget::Tls::None;
        else
            return Result<void>::failure(
                QStringLiteral("smtp_starttls must be required, try or no, not %1").arg(quoted(value)));
    } else if (key == QLatin1String("mail_from") || key == QLatin1String("mail_to")) {
        if (!address.match(value).hasMatch())
            return Result<void>::failure(QStringLiteral("%1 must be a mail address, not %2").arg(key, quoted(value)));
        if (key == QLatin1String("mail_from"))
            mail().from = value;
        else
            mail().to.append(value);
    } else if (key == QLatin1String("events")) {
        n.kinds.clear();
        n.watched = false;
        for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString kind = item.trimmed();
            if (kind == QLatin1String("watched"))
                n.watched = true;
            else if (const auto k = monitor::eventKindFromName(kind))
                n.kinds.insert(*k);
            else
                return Result<void>::failure(
                    QStringLiteral("unknown event kind %1 (known: watched, new-device, offline, "
                                   "online, ip-changed, ip-claimed, duplicate-ip, name-changed)")
                        .arg(quoted(kind)));
        }
    } else if (key == QLatin1String("daily_report")) {
        QTime t = QTime::fromString(value, QStringLiteral("HH:mm:ss"));
        if (!t.isValid())
            t = QTime::fromString(value, QStringLiteral("HH:mm"));
        if (!t.isValid())
            return Result<void>::failure(
                QStringLiteral("daily_report must be a local time HH:MM (or HH:MM:SS), not %1").arg(quoted(value)));
        n.dailyReport = t;
    } else if (key == QLatin1String("retries")) {
        const auto r = number(value, 0, 20, "retries");
        if (!r)
            return Result<void>::failure(r.error());
        n.retries = r.value();
    } else if (key == QLatin1String("retry_delay")) {
        const auto r = number(value, 1, 3600, "retry_delay (seconds)");
        if (!r)
            return Result<void>::failure(r.error());
        n.retryDelaySeconds = r.value();
    } else {
        return Result<void>::failure(QStringLiteral("unknown key %1 in [notify] (known: webhook, webhook_format, smtp, "
                                                    "smtp_user, smtp_password_file, smtp_starttls, mail_from, mail_to, "
                                                    "events, daily_report, retries, retry_delay)")
                                         .arg(quoted(key)));
    }
    return {};
}

} // namespace

Result<AgentConfig> AgentConfig::parse(const QString &text, const QString &fileName, const QString &baseDir)
{
    AgentConfig config;
    config.watch.clear();
    QString section;
    int tokenLine = 0;
    QList<int> pairLines; // the [sync NAME] header of each pair, for its messages
    int notifyLine = 0;
    int tlsLine = 0;
    QSet<QString> seen; // "section/key" of keys that may appear once
    const QStringList lines = text.split(QLatin1Char('\n'));
    auto fail = [&](int line, const QString &reason) {
        return Result<AgentConfig>::failure(QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(reason));
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return fail(lineNo, QStringLiteral("a section header must end with ']'"));
            section = line.mid(1, line.size() - 2).simplified();
            static const QRegularExpression syncSection(QStringLiteral("^sync ([A-Za-z0-9._-]{1,40})$"));
            if (const auto m = syncSection.match(section); m.hasMatch()) {
                const QString name = m.captured(1);
                for (const sync::SyncPair &p : std::as_const(config.pairs))
                    if (p.id == name)
                        return fail(lineNo, QStringLiteral("there is already a [sync %1]").arg(name));
                sync::SyncPair pair;
                pair.id = name;
                config.pairs.append(pair);
                pairLines.append(lineNo);
                section = QStringLiteral("sync");
                continue;
            }
            if (section != QLatin1String("agent") && section != QLatin1String("monitor") &&
                section != QLatin1String("notify"))
                return fail(lineNo, QStringLiteral("unknown section [%1] (known: [agent], [monitor], [notify], [sync "
                                                   "NAME] with NAME of letters, digits, '.', '_' or '-')")
                                        .arg(section));
            if (section == QLatin1String("notify"))
                notifyLine = lineNo;
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq < 0)
            return fail(lineNo,
                        QStringLiteral("expected KEY = VALUE, a [section] or a # comment, not %1").arg(quoted(line)));
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        if (section.isEmpty())
            return fail(lineNo,
                        QStringLiteral("%1 is outside a section; put it under [agent] or [monitor]").arg(quoted(key)));
        if (key != QLatin1String("watch") && key != QLatin1String("exclude") && key != QLatin1String("mail_to")) {
            const QString id =
                (section == QLatin1String("sync") ? config.pairs.last().id : section) + QLatin1Char('/') + key;
            if (seen.contains(id))
                return fail(
                    lineNo,
                    QStringLiteral("%1 is set twice in [%2]").arg(quoted(key), id.section(QLatin1Char('/'), 0, 0)));
            seen.insert(id);
        }
        Result<void> r;
        if (section == QLatin1String("agent")) {
            if (key == QLatin1String("listen"))
                r = config.setListen(value);
            else if (key == QLatin1String("token_file")) {
                config.tokenFile = absolute(value, baseDir);
                tokenLine = lineNo;
            } else if (key == QLatin1String("database"))
                config.database = absolute(value, baseDir);
            else if (key == QLatin1String("log_file"))
                config.logFile = absolute(value, baseDir);
            else if (key == QLatin1String("tls_cert") || key == QLatin1String("tls_key")) {
                (key == QLatin1String("tls_cert") ? config.tlsCert : config.tlsKey) = absolute(value, baseDir);
                tlsLine = lineNo;
            } else
                return fail(lineNo, QStringLiteral("unknown key %1 in [agent] (known: listen, token_file, database, "
                                                   "log_file, tls_cert, tls_key)")
                                        .arg(quoted(key)));
        } else if (section == QLatin1String("notify")) {
            r = setNotifyKey(config.notify, key, value, baseDir);
        } else if (section == QLatin1String("sync")) {
            r = setPairKey(config.pairs.last(), key, value, baseDir);
        } else {
            if (key == QLatin1String("watch"))
                r = config.addWatch(value);
            else if (key == QLatin1String("interval"))
                r = config.setInterval(value);
            else if (key == QLatin1String("grace"))
                r = config.setGrace(value);
            else if (key == QLatin1String("passive")) {
                const auto b = boolean(value);
                if (!b)
                    r = Result<void>::failure(b.error());
                else
                    config.passive = b.value();
            } else
                return fail(lineNo, QStringLiteral("unknown key %1 in [monitor] (known: watch, interval, grace, "
                                                   "passive)")
                                        .arg(quoted(key)));
        }
        if (!r)
            return fail(lineNo, r.error());
    }
    if (const auto r = config.readToken(); !r)
        return fail(tokenLine, r.error());
    if (const auto r = config.readTls(); !r)
        return fail(tlsLine, r.error());
    // [notify] whole: what a mail needs, and a report needs a mail.
    const NotifyConfig &n = config.notify;
    if (n.webhook && n.webhook->url.isEmpty())
        return fail(notifyLine, QStringLiteral("[notify] has webhook_format but no webhook = URL"));
    if (n.mail) {
        if (n.mail->url.isEmpty())
            return fail(notifyLine, QStringLiteral("[notify] has mail settings but no smtp = URL"));
        if (n.mail->from.isEmpty() || n.mail->to.isEmpty())
            return fail(notifyLine,
                        QStringLiteral("[notify] needs mail_from = and at least one mail_to = to send mail"));
        if (!n.mail->password.isEmpty() && n.mail->user.isEmpty())
            return fail(notifyLine, QStringLiteral("[notify] has smtp_password_file but no smtp_user ="));
    }
    if (n.dailyReport && !n.mail)
        return fail(notifyLine,
                    QStringLiteral("[notify] daily_report goes out by mail: set smtp =, mail_from =, mail_to ="));

    // Each pair whole: both folders given, and what the GUI's pair dialog checks (the source is a readable
    // folder, the destination is not inside it, no two pairs write one destination, ...).
    for (qsizetype i = 0; i < config.pairs.size(); ++i) {
        const sync::SyncPair &pair = config.pairs[i];
        if (pair.source.isEmpty() || pair.destination.isEmpty())
            return fail(pairLines[i], QStringLiteral("[sync %1] needs source = and destination =").arg(pair.id));
        QList<sync::SyncPair> others = config.pairs;
        others.removeAt(i);
        if (const auto problem = sync::validatePair(pair, others))
            return fail(pairLines[i], QStringLiteral("[sync %1]: %2").arg(pair.id, problem->message));
    }
    return config;
}

Result<AgentConfig> AgentConfig::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return Result<AgentConfig>::failure(
            QStringLiteral("cannot read the config file %1: %2").arg(path, f.errorString()));
    if (f.size() > 1024 * 1024)
        return Result<AgentConfig>::failure(QStringLiteral("%1 is over 1 MiB: not a config file").arg(path));
    const QString text = QString::fromUtf8(f.readAll());
    return parse(text, path, QFileInfo(path).absolutePath());
}

} // namespace lanwatch::agent
