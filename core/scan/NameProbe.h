// NameProbe: the scan's second-stage names from the devices themselves: mDNS (reverse PTR, one service
// browse per scan), NetBIOS node status and SSDP (one M-SEARCH per scan, then each answering host's UPnP
// description), asynchronous in the caller's event loop.
#pragma once

#include "core/scan/NetInfo.h"
#include "core/scan/ScanTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QSocketNotifier;
class QTimer;

namespace lanwatch::scan {

// Home routers serve no PTR records, so reverse DNS names few hosts; the devices announce their own names.
// mDNS questions go both to the host's own 5353 and to 224.0.0.251 from port 5353 (SO_REUSEPORT, group
// joined) with the unicast-response bit: devices such as iPhones ignore queries from any other port. A
// reply counts only from the address asked (the browse: from an address on a scanned subnet), from the
// protocol's port, and only when the whole message parses (net::parseMessage).
//
// Every host is done at the latest timeoutMs after probe(); its callback then gets what came. Multicast
// goes only out of the scope interfaces (those on-link to the scan's targets). Lives in and must be used
// from the thread that created it.
class NameProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameProbe)

public:
    static constexpr int DefaultTimeoutMs = 600; // LAN responders answer in milliseconds; this bounds the stage
    static constexpr int RetryAfterMs = 200;     // one resend to hosts that have not answered (a lost packet)
    static constexpr int MaxServiceTypes = 32;   // browse: types asked for per scan
    static constexpr int BrowseQuietMs = 250;    // browse: settled this long after its last question
    static constexpr int SsdpWaitMs = 1000;      // M-SEARCH with MX 1: devices answer within a second
    static constexpr int FetchTimeoutMs = 500;   // one UPnP description (at most net::MaxDescriptionBytes)

    struct Config
    {
        quint16 mdnsPort = 5353;
        quint16 netbiosPort = 137;
        int timeoutMs = DefaultTimeoutMs;
        bool ssdp = true;
    };

    struct Result
    {
        QMap<QString, QString> names; // source ("mdns", "netbios", "ssdp") -> name
        QStringList services;         // mDNS service types, e.g. "_ipp._tcp", sorted
        QString model; // a TXT model hint (ty=, md=, model=, usb_MDL=), else the UPnP manufacturer and model
        std::optional<MacAddress> netbiosMac;
    };
    using Callback = std::function<void(quint32 ip, const Result &result)>;

    // scope: where multicast goes; inTargets: whose browse and SSDP answers count (the scanned range).
    NameProbe(const Config &config, const QList<InterfaceInfo> &scope, std::function<bool(quint32)> inTargets,
              QObject *parent = nullptr);
    ~NameProbe() override;

    // Set up problems a user may want to know about (port 5353 taken, no socket); empty when all is well.
    QStringList warnings() const { return m_warnings; }

    void browse();                             // one mDNS service browse and one SSDP M-SEARCH on the scope
    void probe(quint32 ip, Callback callback); // callback runs later from the event loop, once
    void cancelAll();                          // no callback runs afterwards
    int ssdpRemainingMs() const;               // until the M-SEARCH's answers are all in; 0 when no M-SEARCH is out

private:
    struct Host;
    void sendMdns(quint32 ip);
    void sendNetbios(const Host &host);
    void sendMulticast(const QByteArray &packet, const InterfaceInfo *only);
    void onMdnsReadable();
    void onNetbiosReadable();
    void onSsdpReadable();
    void fetchDescription(quint32 ip, const QUrl &url);
    void handleMdns(quint32 from, const QByteArray &packet);
    void tryFinish(quint32 ip);
    void finish(quint32 ip);
    bool browseSettled() const;
    bool inScope(quint32 ip) const;

    Config m_config;
    QList<InterfaceInfo> m_scope;
    QStringList m_warnings;
    std::function<bool(quint32)> m_inTargets;
    int m_mdnsFd = -1, m_netbiosFd = -1, m_ssdpFd = -1;
    QSocketNotifier *m_mdnsNotifier = nullptr, *m_netbiosNotifier = nullptr, *m_ssdpNotifier = nullptr;
    QHash<quint32, std::shared_ptr<Host>> m_hosts;
    quint16 m_nextId = 1;
    // The browse: service types asked for, and what each address advertised.
    bool m_browsing = false;
    QElapsedTimer m_lastBrowseSend;
    QTimer *m_browseTimer = nullptr;
    QSet<QByteArray> m_types; // "_ipp._tcp.local"
    QHash<quint32, QSet<QString>> m_services;
    QHash<quint32, QString> m_models;
    // SSDP: when the M-SEARCH went out, the descriptions being fetched and what they said.
    QElapsedTimer m_ssdpSent;
    QTimer *m_ssdpTimer = nullptr;
    QNetworkAccessManager *m_http = nullptr;
    QHash<quint32, QNetworkReply *> m_fetching;
    QSet<quint32> m_fetched;
    QHash<quint32, QString> m_ssdpNames, m_ssdpModels;
    quint64 m_generation = 0; // bumped by cancelAll(): callbacks already queued for an older one are dropped
};

} // namespace lanwatch::scan
