// A host: identity, operating system, the Exchange or SMTP part it has, the host firewall
// and its NICs (nic_editor.cpp).

#include <QObject>

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

void buildExchangePart(InspectorForm& form, const std::string& id) {
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
}

void buildSmtpPart(InspectorForm& form, const std::string& id) {
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
        QStringLiteral("relayFrom"), tr("Relays for"),
        tr("Clients this host relays mail for (addresses, CIDR blocks or ranges, "
           "comma-separated)."),
        readVia(at, [](const model::SmtpProperties& s) { return rangeListText(s.relayFrom); }),
        writeVia(at, [](model::SmtpProperties& s, const QString& v) {
            return assignRanges(s.relayFrom, v);
        }));
    form.text(QStringLiteral("heloName"), tr("HELO name"),
              tr("The name the host announces in EHLO/HELO when it sends."),
              readVia(at, [](const model::SmtpProperties& s) { return fromStd(s.heloName); }),
              writeVia(at, [](model::SmtpProperties& s, const QString& v) {
                  return assignHostName(s.heloName, v);
              }));
    boolField(form, QStringLiteral("requireTls"), tr("Requires TLS"),
              tr("The host refuses to send or accept mail without STARTTLS."), at,
              &model::SmtpProperties::requireTls);
}

void buildHostFirewall(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) {
        auto* h = byId(d.hosts, id);
        return h != nullptr ? &h->firewall : nullptr;
    };
    form.heading(tr("Host firewall"));
    boolField(form, QStringLiteral("hostFirewall"), tr("Restricts inbound SMTP"),
              tr("Windows Firewall on the host only lets SMTP in to the local addresses below."),
              at, &model::HostFirewall::enabled);
    form.text(
        QStringLiteral("hostFirewallAddresses"), tr("SMTP allowed to"),
        tr("Local addresses inbound SMTP may reach when the restriction is on."),
        readVia(at,
                [](const model::HostFirewall& f) { return rangeListText(f.smtpLocalAddresses); }),
        writeVia(at, [](model::HostFirewall& f, const QString& v) {
            return assignRanges(f.smtpLocalAddresses, v);
        }));
}

}  // namespace

void buildHostEditor(InspectorForm& form, const model::Host& host) {
    const std::string id = host.id;
    const auto at = [id](auto& d) { return byId(d.hosts, id); };
    form.info(tr("Kind"), text::hostKindName(host.kind));
    stringField(form, QStringLiteral("name"), tr("Name"),
                tr("The short (NetBIOS) name; Exchange cmdlets show it as the Server."), at,
                &model::Host::name, true);
    form.text(
        QStringLiteral("fqdn"), tr("FQDN"), tr("The fully qualified DNS name of the host."),
        readVia(at, [](const model::Host& h) { return fromStd(h.fqdn); }),
        writeVia(at, [](model::Host& h, const QString& v) { return assignHostName(h.fqdn, v); }));
    enumField(form, QStringLiteral("os"), tr("Operating system"),
              tr("Decides the host's network stack: Windows Server 2008 and later use the "
                 "strong host model and longest-match source selection; 2003 does neither."),
              at, &model::Host::os, labelledChoices(text::operatingSystemName));
    stringField(form, QStringLiteral("description"), tr("Description"),
                tr("Free text for the design."), at, &model::Host::description);
    if (host.exchange)
        buildExchangePart(form, id);
    if (host.smtp)
        buildSmtpPart(form, id);
    if (host.isWindows())
        buildHostFirewall(form, id);
    for (const auto& nic : host.nics)
        buildNicEditor(form, host, nic);
}

}  // namespace mailtopo::ui::inspector
