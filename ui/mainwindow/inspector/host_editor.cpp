// A host: identity, operating system, the Exchange or SMTP part it has (host_mail_parts.cpp),
// the host firewall, its NICs (nic_editor.cpp) and its persistent routes.

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/device_tables.h"
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

// Persistent routes (route -p, New-NetRoute) beyond the NICs' default gateways, leaving
// through one of the host's NICs.
void buildHostRoutes(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) { return byId(d.hosts, id); };
    const auto nics = [at](const model::Design& d) {
        const model::Host* host = at(d);
        return interfaceChoiceList(host != nullptr ? &host->nics : nullptr, &model::Nic::alias);
    };
    form.heading(tr("Routing"));
    routesTable(form, nics, routesOf(at));
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
        buildExchangeSettings(form, host);
    if (host.smtp)
        buildSmtpSettings(form, host);
    if (host.isWindows())
        buildHostFirewall(form, id);
    for (const auto& nic : host.nics)
        buildNicEditor(form, host, nic);
    buildAddNicButton(form, host);
    buildHostRoutes(form, id);
}

}  // namespace mailtopo::ui::inspector
