// Delivery: one notification sent once, blocking, with libcurl: an HTTP POST to a webhook or a mail over
// SMTP (STARTTLS, login). Called on a pool thread by Notifier, which does the retrying.
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>

namespace lanwatch::agent {

struct WebhookTarget
{
    // Json: {"host", "summary", "events"}; Text: the events as lines, text/plain, the summary in a Title header
    // (ntfy); Form: title=...&message=... (Gotify's /message, and most form-taking receivers).
    enum class Format { Json, Text, Form };
    QString url;
    Format format = Format::Json;
    bool operator==(const WebhookTarget &) const = default;
};

struct MailTarget
{
    enum class Tls { Required, Try, None }; // STARTTLS on smtp://; smtps:// is TLS from the start
    QString url;                            // smtp://host:587, smtps://host:465
    QString user;
    QByteArray password;
    QString from;
    QStringList to;
    Tls tls = Tls::Required;
    bool operator==(const MailTarget &) const = default;
};

struct Delivery
{
    enum class Kind { Webhook, Mail } kind = Kind::Webhook;
    WebhookTarget webhook;
    MailTarget mail;
    QString subject;        // mail subject; the webhook's summary
    QByteArray body;        // webhook: the request body; mail: the text (UTF-8)
    QByteArray contentType; // webhook
    QString what;           // for the log: "webhook https://...", "mail to a@b"
};

// Sends once. cancel aborts a transfer in progress within about a second. Errors are libcurl's words plus the
// HTTP status or SMTP reply where there is one.
Result<void> deliver(const Delivery &delivery, const std::atomic_bool &cancel, int timeoutSeconds = 30);

} // namespace lanwatch::agent
