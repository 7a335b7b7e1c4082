// A host: identity, operating system, the Exchange or SMTP part it has, the host firewall
// and its NICs (nic_editor.cpp).

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/flag_set_field.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui::inspector {
namespace {

using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

QList<Choice> operatingSystemChoices() {
    QList<Choice> choices;
    for (const auto& item : EnumTraits<model::OperatingSystem>::items)
        choices.push_back({enumText(item.first), text::operatingSystemName(item.first)});
    return choices;
}

void buildExchangePart(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) {
        auto* h = byId(d.hosts, id);
        return h != nullptr && h->exchange ? &*h->exchange : nullptr;
    };
    form.heading(tr("Exchange"));
    form.choice(QStringLiteral("exchangeVersion"), tr("Version"),
                tr("The Exchange release; it decides which default receive connectors exist and "
                   "which roles can be combined."),
                enumChoices<model::ExchangeVersion>(),
                readVia(at, [](const model::ExchangeProperties& e) { return enumText(e.version); }),
                writeVia(at, [](model::ExchangeProperties& e, const QString& v) {
                    e.version = enumValue<model::ExchangeVersion>(v);
                    return QString();
                }));
    flagSetField(form, QStringLiteral("exchangeRoles"), tr("Roles"),
                 tr("Installed server roles. Edge Transport stands alone in the perimeter; "
                    "Mailbox runs the front-end and hub transport services."),
                 at, &model::ExchangeProperties::roles);
    form.text(QStringLiteral("site"), tr("AD site"),
              tr("The Active Directory site of the server; send connectors scoped to a site "
                 "are only used by servers in it."),
              readVia(at, [](const model::ExchangeProperties& e) { return fromStd(e.site); }),
              writeVia(at,
                       [](model::ExchangeProperties& e, const QString& v) {
                           e.site = v.toStdString();
                           return QString();
                       }),
              true);
    form.flag(
        QStringLiteral("implicitDefaultConnectors"), tr("Default receive connectors exist"),
        tr("Exchange creates its default receive connectors at setup; when checked they "
           "are assumed present even if the design does not list them."),
        readFlagVia(at,
                    [](const model::ExchangeProperties& e) { return e.implicitDefaultConnectors; }),
        writeFlagVia(
            at, [](model::ExchangeProperties& e, bool on) { e.implicitDefaultConnectors = on; }));
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
    form.flag(QStringLiteral("requireTls"), tr("Requires TLS"),
              tr("The host refuses to send or accept mail without STARTTLS."),
              readFlagVia(at, [](const model::SmtpProperties& s) { return s.requireTls; }),
              writeFlagVia(at, [](model::SmtpProperties& s, bool on) { s.requireTls = on; }));
}

void buildHostFirewall(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) {
        auto* h = byId(d.hosts, id);
        return h != nullptr ? &h->firewall : nullptr;
    };
    form.heading(tr("Host firewall"));
    form.flag(QStringLiteral("hostFirewall"), tr("Restricts inbound SMTP"),
              tr("Windows Firewall on the host only lets SMTP in to the local addresses below."),
              readFlagVia(at, [](const model::HostFirewall& f) { return f.enabled; }),
              writeFlagVia(at, [](model::HostFirewall& f, bool on) { f.enabled = on; }));
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
    form.text(QStringLiteral("name"), tr("Name"),
              tr("The short (NetBIOS) name; Exchange cmdlets show it as the Server."),
              readVia(at, [](const model::Host& h) { return fromStd(h.name); }),
              writeVia(at,
                       [](model::Host& h, const QString& v) {
                           h.name = v.toStdString();
                           return QString();
                       }),
              true);
    form.text(
        QStringLiteral("fqdn"), tr("FQDN"), tr("The fully qualified DNS name of the host."),
        readVia(at, [](const model::Host& h) { return fromStd(h.fqdn); }),
        writeVia(at, [](model::Host& h, const QString& v) { return assignHostName(h.fqdn, v); }));
    form.choice(QStringLiteral("os"), tr("Operating system"),
                tr("Decides the host's network stack: Windows Server 2008 and later use the "
                   "strong host model and longest-match source selection; 2003 does neither."),
                operatingSystemChoices(),
                readVia(at, [](const model::Host& h) { return enumText(h.os); }),
                writeVia(at, [](model::Host& h, const QString& v) {
                    h.os = enumValue<model::OperatingSystem>(v);
                    return QString();
                }));
    form.text(QStringLiteral("description"), tr("Description"), tr("Free text for the design."),
              readVia(at, [](const model::Host& h) { return fromStd(h.description); }),
              writeVia(at, [](model::Host& h, const QString& v) {
                  h.description = v.toStdString();
                  return QString();
              }));
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
