// What a host does with mail: an Exchange server's version, roles, site and anti-spam agents
// (R30–R32), or another SMTP host's ports, domains, relay list and where it sends mail.

#include <QObject>

#include "core/edit/default_connectors.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui::inspector {
namespace {

using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

void buildAntiSpam(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) {
        auto* h = byId(d.hosts, id);
        return h != nullptr && h->exchange ? &h->exchange->antiSpam : nullptr;
    };
    form.heading(tr("Anti-spam"));
    boolField(form, QStringLiteral("antiSpamAgents"), tr("Anti-spam agents installed"),
              tr("Install-AntiSpamAgents.ps1 was run (always so on Edge Transport). Without "
                 "the agents, Sender ID and connection filtering do not run at all."),
              at, &model::AntiSpam::agentsInstalled);
    boolField(form, QStringLiteral("senderId"), tr("Sender ID enabled"),
              tr("Set-SenderIdConfig -Enabled: checks the sending IP against the SPF record "
                 "of the purported sender's domain."),
              at, &model::AntiSpam::senderIdEnabled);
    enumField(form, QStringLiteral("senderIdSpoofedAction"), tr("Spoofed sender"),
              tr("SpoofedDomainAction: what Sender ID does when the SPF result is Fail."), at,
              &model::AntiSpam::senderIdSpoofedAction);
    enumField(form, QStringLiteral("senderIdTempErrorAction"), tr("Temporary error"),
              tr("TempErrorAction: what Sender ID does when the SPF lookup fails for now."), at,
              &model::AntiSpam::senderIdTempErrorAction);
    form.text(QStringLiteral("ipAllowList"), tr("IP allow list"),
              tr("Connection filtering's IP Allow list: clients never filtered (addresses, CIDR "
                 "blocks or ranges, comma-separated)."),
              readVia(at, [](const model::AntiSpam& a) { return rangeListText(a.ipAllowList); }),
              writeVia(at, [](model::AntiSpam& a, const QString& v) {
                  return assignRanges(a.ipAllowList, v);
              }));
    form.text(QStringLiteral("ipBlockList"), tr("IP block list"),
              tr("Connection filtering's IP Block list: clients refused at connection."),
              readVia(at, [](const model::AntiSpam& a) { return rangeListText(a.ipBlockList); }),
              writeVia(at, [](model::AntiSpam& a, const QString& v) {
                  return assignRanges(a.ipBlockList, v);
              }));
    form.text(
        QStringLiteral("blockListProviders"), tr("Block list providers"),
        tr("DNS block list zones consulted (zen.spamhaus.org, …), comma-separated."),
        readVia(at, [](const model::AntiSpam& a) { return wordListText(a.blockListProviders); }),
        writeVia(at, [](model::AntiSpam& a, const QString& v) {
            return assignDomains(a.blockListProviders, v);
        }));
}

// Where the host sends mail: its next hops if it forwards, the server it submits to if it
// is an application, and the identity it sends with.
void buildSmtpSending(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) {
        auto* h = byId(d.hosts, id);
        return h != nullptr && h->smtp ? &*h->smtp : nullptr;
    };
    form.text(
        QStringLiteral("nextHops"), tr("Forwards to"),
        tr("Where accepted mail goes next, in order: addresses with an optional port or hosts "
           "of the design (10.0.0.50:25, ex2016a), or mx: to deliver by the recipient domain's "
           "MX; comma-separated."),
        readVia(at, [](const model::SmtpProperties& s) { return wordListText(s.nextHops); }),
        writeVia(at, [](model::SmtpProperties& s, const QString& v) {
            return assignNextHops(s.nextHops, v);
        }));
    form.text(QStringLiteral("submitTo"), tr("Submits to"),
              tr("The SMTP server an application is configured with: an address or name, "
                 "optionally with a port (10.0.0.60:25)."),
              readVia(at, [](const model::SmtpProperties& s) { return fromStd(s.submitTo); }),
              writeVia(at, [](model::SmtpProperties& s, const QString& v) {
                  return assignIfValid(s.submitTo, v, checkMailTarget);
              }));
    form.text(QStringLiteral("heloName"), tr("HELO name"),
              tr("The name the host announces in EHLO/HELO when it sends."),
              readVia(at, [](const model::SmtpProperties& s) { return fromStd(s.heloName); }),
              writeVia(at, [](model::SmtpProperties& s, const QString& v) {
                  return assignHostName(s.heloName, v);
              }));
    form.text(QStringLiteral("mailFrom"), tr("Sender address"),
              tr("The MAIL FROM the host sends with; its domain decides SPF and whether the "
                 "mail claims to be from inside."),
              readVia(at, [](const model::SmtpProperties& s) { return fromStd(s.mailFrom); }),
              writeVia(at, [](model::SmtpProperties& s, const QString& v) {
                  return assignIfValid(s.mailFrom, v, checkMailAddress);
              }));
}

}  // namespace

void buildExchangeSettings(InspectorForm& form, const model::Host& host) {
    const std::string id = host.id;
    const auto at = [id](auto& d) {
        auto* h = byId(d.hosts, id);
        return h != nullptr && h->exchange ? &*h->exchange : nullptr;
    };
    form.heading(tr("Exchange"));
    enumField(form, QStringLiteral("exchangeVersion"), tr("Version"),
              tr("The Exchange release; it decides which default receive connectors exist and "
                 "which roles can be combined."),
              at, &model::ExchangeProperties::version);
    flagSetField(form, QStringLiteral("exchangeRoles"), tr("Roles"),
                 tr("Installed server roles. Edge Transport stands alone in the perimeter; "
                    "Mailbox runs the front-end and hub transport services."),
                 at, &model::ExchangeProperties::roles);
    stringField(form, QStringLiteral("site"), tr("AD site"),
                tr("The Active Directory site of the server; send connectors scoped to a site "
                   "are only used by servers in it."),
                at, &model::ExchangeProperties::site, true);
    boolField(form, QStringLiteral("implicitDefaultConnectors"),
              tr("Default receive connectors exist"),
              tr("Exchange creates its default receive connectors at setup; when checked they "
                 "are assumed present even if the design does not list them."),
              at, &model::ExchangeProperties::implicitDefaultConnectors);
    if (host.exchange->implicitDefaultConnectors) {
        // The same change as `mailtopo-cli format --explicit-defaults`, for this server.
        form.button(QStringLiteral("makeDefaultConnectorsExplicit"),
                    tr("Make default connectors explicit"),
                    tr("Adds the default receive connectors Exchange creates on this server to "
                       "the design, with the ids traces and findings already name them by, so "
                       "they can be edited; the server then no longer assumes them."),
                    [id](model::Design& d) {
                        const auto made = edit::makeDefaultConnectorsExplicit(d, {id});
                        return fromStd(made.refused);
                    });
    }
    buildAntiSpam(form, id);
}

void buildSmtpSettings(InspectorForm& form, const model::Host& host) {
    const std::string id = host.id;
    const auto at = [id](auto& d) {
        auto* h = byId(d.hosts, id);
        return h != nullptr && h->smtp ? &*h->smtp : nullptr;
    };
    form.heading(tr("SMTP"));
    form.text(
        QStringLiteral("listenPorts"), tr("Listens on ports"),
        tr("TCP ports the host accepts SMTP on, comma-separated; empty when it only sends."),
        readVia(at, [](const model::SmtpProperties& s) { return portListText(s.listenPorts); }),
        writeVia(at, [](model::SmtpProperties& s, const QString& v) {
            return assignPorts(s.listenPorts, v);
        }));
    form.text(
        QStringLiteral("localDomains"), tr("Accepts mail for"),
        tr("The domains the host takes mail for, to deliver or forward (contoso.com, "
           "fabrikam.com), comma-separated; mail for any other domain is relaying."),
        readVia(at, [](const model::SmtpProperties& s) { return wordListText(s.localDomains); }),
        writeVia(at, [](model::SmtpProperties& s, const QString& v) {
            return assignDomains(s.localDomains, v);
        }));
    form.text(
        QStringLiteral("relayFrom"), tr("Relays for"),
        tr("Clients this host relays mail for (addresses, CIDR blocks or ranges, "
           "comma-separated)."),
        readVia(at, [](const model::SmtpProperties& s) { return rangeListText(s.relayFrom); }),
        writeVia(at, [](model::SmtpProperties& s, const QString& v) {
            return assignRanges(s.relayFrom, v);
        }));
    buildSmtpSending(form, id);
    boolField(form, QStringLiteral("addsReceivedHeader"), tr("Adds a Received header"),
              tr("The host stamps Received: from … [client IP] on mail it passes on, so "
                 "Exchange can find the original client behind it (R30)."),
              at, &model::SmtpProperties::addsReceivedHeader);
    boolField(form, QStringLiteral("requireTls"), tr("Requires TLS"),
              tr("The host refuses to send or accept mail without STARTTLS."), at,
              &model::SmtpProperties::requireTls);
}

}  // namespace mailtopo::ui::inspector
