// Delivery: libcurl easy transfers; nothing here touches Qt objects outside its own values.
#include "agent/Delivery.h"

#include <QDateTime>
#include <QUuid>

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace lanwatch::agent {

namespace {

struct Upload
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *user)
{
    auto *u = static_cast<Upload *>(user);
    const size_t n = std::min(size * count, size_t(u->data.size() - u->offset));
    std::memcpy(buffer, u->data.constData() + u->offset, n);
    u->offset += qsizetype(n);
    return n;
}

size_t discard(char *, size_t size, size_t count, void *)
{
    return size * count;
}

int progress(void *cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return static_cast<const std::atomic_bool *>(cancel)->load() ? 1 : 0; // non-zero aborts the transfer
}

// RFC 2047 for a non-ASCII subject; RFC 5322 date; CRLF line ends and dot-stuffing are libcurl's (it stuffs).
QByteArray mailText(const Delivery &d)
{
    QByteArray subject = d.subject.toUtf8();
    bool ascii = true;
    for (char c : subject)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii)
        subject = "=?UTF-8?B?" + subject.toBase64() + "?=";
    QByteArray text = "Date: " + QDateTime::currentDateTime().toString(Qt::RFC2822Date).toUtf8() + "\r\n";
    text += "From: " + d.mail.from.toUtf8() + "\r\n";
    text += "To: " + d.mail.to.join(QStringLiteral(", ")).toUtf8() + "\r\n";
    text += "Subject: " + subject + "\r\n";
    text += "Message-ID: <" + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8() + "@lanwatch>\r\n";
    text += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n";
    text += "Auto-Submitted: auto-generated\r\n\r\n";
    QByteArray body = d.body;
    body.replace("\r\n", "\n");
    body.replace("\n", "\r\n");
    text += body;
    if (!text.endsWith("\r\n"))
        text += "\r\n";
    return text;
}

} // namespace

Result<void> deliver(const Delivery &d, const std::atomic_bool &cancel, int timeoutSeconds)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        return Result<void>::failure(QStringLiteral("libcurl could not start a transfer"));
    CURL *c = curl.get();
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); // threads: no SIGALRM for name lookups
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, long(timeoutSeconds));
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic_bool *>(&cancel));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    const QByteArray url = (d.kind == Delivery::Kind::Webhook ? d.webhook.url : d.mail.url).toUtf8();
    curl_easy_setopt(c, CURLOPT_URL, url.constData());

    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list(nullptr, curl_slist_free_all);
    Upload upload;
    QByteArray user, from;
    QList<QByteArray> to;
    if (d.kind == Delivery::Kind::Webhook) {
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, d.body.constData());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, long(d.body.size()));
        curl_slist *headers = curl_slist_append(nullptr, QByteArray("Content-Type: " + d.contentType).constData());
        headers = curl_slist_append(headers, QByteArray("Title: " + d.subject.toUtf8().left(200)).constData()); // ntfy
        headers = curl_slist_append(headers, "User-Agent: lanwatch-agent/" LANWATCH_VERSION);
        list.reset(headers);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    } else {
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        curl_easy_setopt(c, CURLOPT_USE_SSL,
                         d.mail.tls == MailTarget::Tls::Required ? long(CURLUSESSL_ALL)
                         : d.mail.tls == MailTarget::Tls::Try    ? long(CURLUSESSL_TRY)
                                                                 : long(CURLUSESSL_NONE));
        if (!d.mail.user.isEmpty()) {
            user = d.mail.user.toUtf8();
            curl_easy_setopt(c, CURLOPT_USERNAME, user.constData());
            curl_easy_setopt(c, CURLOPT_PASSWORD, d.mail.password.constData());
        }
        from = '<' + d.mail.from.toUtf8() + '>';
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.constData());
        curl_slist *rcpt = nullptr;
        for (const QString &t : d.mail.to) {
            to.append('<' + t.toUtf8() + '>');
            rcpt = curl_slist_append(rcpt, to.last().constData());
        }
        list.reset(rcpt);
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
        upload.data = mailText(d);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, readUpload);
        curl_easy_setopt(c, CURLOPT_READDATA, &upload);
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        return Result<void>::failure(QStringLiteral("cancelled"));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK) {
        QString reason = QString::fromUtf8(error[0] ? error : curl_easy_strerror(rc)).trimmed();
        if (status > 0)
            reason += QStringLiteral(" (reply %1)").arg(status);
        return Result<void>::failure(reason);
    }
    if (d.kind == Delivery::Kind::Webhook && (status < 200 || status > 299))
        return Result<void>::failure(QStringLiteral("HTTP %1").arg(status));
    return {};
}

} // namespace lanwatch::agent
