// A firewall: name, behaviour (stateful, TCP state bypass, unmatched outbound traffic, SMTP
// inspection), zones, interfaces, routes, the ordered rules, inbound (static) NAT and
// outbound (source) NAT, each list a table.

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/device_tables.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/id_rows.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

using model::Firewall;
using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

void zonesTable(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) { return byId(d.firewalls, id); };
    form.table(
        QStringLiteral("zones"), tr("Zones"),
        tr("Security zones. Traffic from a less to a more trusted zone is denied unless a rule "
           "allows it."),
        {columns::text(tr("Name"), tr("The zone's name, as interfaces and rules use it."), true),
         columns::number(tr("Trust"), tr("0 (internet) to 100 (most trusted)."), 100)},
        QStringList{QString(), QStringLiteral("50")},
        readRowsVia(at,
                    [](const Firewall& f) {
                        TableRows rows;
                        for (const auto& z : f.zones)
                            rows << QStringList{fromStd(z.name), QString::number(z.trust)};
                        return rows;
                    }),
        writeRowsVia(at, [](Firewall& f, const TableRows& rows) {
            f.zones.clear();
            for (const QStringList& row : rows)
                f.zones.push_back({row[0].trimmed().toStdString(), row[1].toInt()});
            return QString();
        }));
}

void rulesTable(InspectorForm& form, const Firewall& firewall) {
    const std::string id = firewall.id;
    const auto at = [id](auto& d) { return byId(d.firewalls, id); };
    // Zones and action first: they say what a rule does and must stay in sight in a narrow
    // dock; the name stretches over what is left; addresses and ports go under the table.
    enum { kId, kFrom, kTo, kAction, kName, kSources, kDestinations, kPorts };
    // The zones as they are when asked: one added in the zones table is a choice at once.
    const std::function<QList<Choice>()> zones = [&form, at] {
        QList<Choice> choices{{QStringLiteral("any"), tr("any")}};
        if (const Firewall* f = at(form.design()))
            for (const auto& z : f->zones)
                choices.push_back({fromStd(z.name), fromStd(z.name)});
        return choices;
    };
    form.table(
        QStringLiteral("rules"), tr("Rules"),
        tr("Access rules in order; the first rule matching a new connection decides. Addresses "
           "are the real ones, after inbound NAT."),
        {columns::hiddenId(),
         columns::choice(tr("From"), tr("The zone the connection comes from."), zones),
         columns::choice(tr("To"), tr("The zone it goes to."), zones),
         columns::choice(tr("Action"), tr("Allow or deny the connection."),
                         enumChoices<model::FirewallAction>()),
         columns::text(tr("Name"), tr("The rule's name."), false),
         columns::detailed(
             columns::rangeList(tr("Sources"), tr("Client addresses; empty is any."))),
         columns::detailed(
             columns::rangeList(tr("Destinations"), tr("Server addresses; empty is any."))),
         columns::detailed(
             columns::portList(tr("Ports"), tr("TCP ports, comma-separated; empty is any.")))},
        QStringList{QString(), QStringLiteral("any"), QStringLiteral("any"),
                    enumText(model::FirewallAction::Allow), QString(), QString(), QString(),
                    QStringLiteral("25")},
        readRowsVia(at,
                    [](const Firewall& f) {
                        TableRows rows;
                        for (const auto& r : f.rules)
                            rows << QStringList{fromStd(r.id),
                                                fromStd(r.fromZone),
                                                fromStd(r.toZone),
                                                enumText(r.action),
                                                fromStd(r.name),
                                                rangeListText(r.sources),
                                                rangeListText(r.destinations),
                                                portListText(r.ports)};
                        return rows;
                    }),
        writeIdRowsVia(at, &Firewall::rules, id + "-rule",
                       [](model::FirewallRule& r, const QStringList& row) {
                           r.name = row[kName].trimmed().toStdString();
                           r.fromZone = row[kFrom].toStdString();
                           r.toZone = row[kTo].toStdString();
                           r.sources = parseRangeList(row[kSources], nullptr).value_or(r.sources);
                           r.destinations =
                               parseRangeList(row[kDestinations], nullptr).value_or(r.destinations);
                           r.ports = parsePortList(row[kPorts], nullptr).value_or(r.ports);
                           r.action = enumValue<model::FirewallAction>(row[kAction]);
                       }));
}

void inboundNatTable(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) { return byId(d.firewalls, id); };
    enum { kId, kName, kPublic, kPublicPort, kInside, kInsidePort, kSourceTranslation };
    form.table(
        QStringLiteral("inboundNat"), tr("Inbound NAT"),
        tr("Static NAT: connections to the public address and port are sent to the inside "
           "address and port; with a source translation the inside server sees that address "
           "instead of the client's."),
        {columns::hiddenId(), columns::text(tr("Name"), tr("The translation's name."), false),
         columns::address(tr("Public"), tr("The outside address clients connect to."), true),
         columns::detailed(columns::port(tr("Public port"), tr("The outside port."))),
         columns::address(tr("Inside"), tr("The real server address."), true),
         columns::detailed(columns::port(tr("Inside port"), tr("The real server port."))),
         columns::detailed(columns::address(
             tr("Source NAT"),
             tr("Replaces the client address as the server sees it; empty keeps the client's "
                "own (needed for RemoteIPRanges to tell clients apart)."),
             false))},
        QStringList{QString(), QString(), QString(), QStringLiteral("25"), QString(),
                    QStringLiteral("25"), QString()},
        readRowsVia(at,
                    [](const Firewall& f) {
                        TableRows rows;
                        for (const auto& n : f.inboundNat)
                            rows << QStringList{fromStd(n.id),
                                                fromStd(n.name),
                                                fromStd(n.publicAddress.toString()),
                                                QString::number(n.publicPort),
                                                fromStd(n.insideAddress.toString()),
                                                QString::number(n.insidePort),
                                                optionalAddressText(n.sourceTranslation)};
                        return rows;
                    }),
        writeIdRowsVia(
            at, &Firewall::inboundNat, id + "-nat-in",
            [](model::InboundNat& n, const QStringList& row) {
                n.name = row[kName].trimmed().toStdString();
                n.publicAddress = parseAddress(row[kPublic], nullptr).value_or(n.publicAddress);
                n.publicPort = parsePort(row[kPublicPort], nullptr).value_or(n.publicPort);
                n.insideAddress = parseAddress(row[kInside], nullptr).value_or(n.insideAddress);
                n.insidePort = parsePort(row[kInsidePort], nullptr).value_or(n.insidePort);
                n.sourceTranslation =
                    parseOptionalAddress(row[kSourceTranslation], nullptr).value_or(std::nullopt);
            }));
}

void outboundNatTable(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) { return byId(d.firewalls, id); };
    enum { kId, kName, kInside, kPublic };
    form.table(
        QStringLiteral("outboundNat"), tr("Outbound NAT"),
        tr("Source NAT: connections from the inside sources leave with the public address, "
           "which is what receiving servers (and their SPF and blocklist checks) see."),
        {columns::hiddenId(), columns::text(tr("Name"), tr("The translation's name."), false),
         columns::detailed(
             columns::rangeList(tr("Inside sources"), tr("The inside addresses translated."))),
         columns::address(tr("Public"), tr("The address they leave with."), true)},
        QStringList{QString(), QString(), QString(), QString()},
        readRowsVia(at,
                    [](const Firewall& f) {
                        TableRows rows;
                        for (const auto& n : f.outboundNat)
                            rows << QStringList{fromStd(n.id), fromStd(n.name),
                                                rangeListText(n.insideSources),
                                                fromStd(n.publicAddress.toString())};
                        return rows;
                    }),
        writeIdRowsVia(at, &Firewall::outboundNat, id + "-nat-out",
                       [](model::OutboundNat& n, const QStringList& row) {
                           n.name = row[kName].trimmed().toStdString();
                           n.insideSources =
                               parseRangeList(row[kInside], nullptr).value_or(n.insideSources);
                           n.publicAddress =
                               parseAddress(row[kPublic], nullptr).value_or(n.publicAddress);
                       }));
}

}  // namespace

void buildFirewallEditor(InspectorForm& form, const Firewall& firewall) {
    const std::string id = firewall.id;
    const auto at = [id](auto& d) { return byId(d.firewalls, id); };
    stringField(form, QStringLiteral("name"), tr("Name"), tr("The firewall's name."), at,
                &Firewall::name, true);
    stringField(form, QStringLiteral("description"), tr("Description"),
                tr("Free text for the design."), at, &Firewall::description);
    boolField(form, QStringLiteral("stateful"), tr("Stateful"),
              tr("Replies of an allowed connection pass without a rule of their own."), at,
              &Firewall::stateful);
    boolField(form, QStringLiteral("tcpStateBypass"), tr("TCP state bypass"),
              tr("Lets TCP packets through without a tracked connection; needed when replies "
                 "take another path (DSR)."),
              at, &Firewall::tcpStateBypass);
    enumField(form, QStringLiteral("unmatchedOutbound"), tr("Other outbound"),
              tr("Outbound connections no NAT rule matches: hidden behind the interface "
                 "address (PAT) or blocked."),
              at, &Firewall::unmatchedOutbound);
    form.flag(QStringLiteral("smtpInspection"), tr("SMTP inspection"),
              tr("The firewall rewrites the SMTP dialogue (Cisco \"fixup smtp\"), hiding ESMTP "
                 "verbs such as STARTTLS or the Exchange authentication verbs."),
              readFlagVia(at, [](const Firewall& f) { return f.smtpInspection.enabled; }),
              writeFlagVia(at, [](Firewall& f, bool on) { f.smtpInspection.enabled = on; }));
    form.text(QStringLiteral("strippedVerbs"), tr("Stripped verbs"),
              tr("EHLO keywords the inspection removes, comma-separated (X-ANONYMOUSTLS, "
                 "X-EXPS, GSSAPI …)."),
              readVia(at,
                      [](const Firewall& f) {
                          QStringList verbs;
                          for (const auto& v : f.smtpInspection.strippedVerbs)
                              verbs << fromStd(v);
                          return verbs.join(QStringLiteral(", "));
                      }),
              writeVia(at, [](Firewall& f, const QString& v) {
                  f.smtpInspection.strippedVerbs.clear();
                  for (const QString& verb : listEntries(v))
                      f.smtpInspection.strippedVerbs.push_back(verb.toStdString());
                  return QString();
              }));
    zonesTable(form, id);
    interfacesTable(form, id, interfacesOf(at), true);
    rulesTable(form, firewall);
    inboundNatTable(form, id);
    outboundNatTable(form, id);
    routesTable(form, interfaceChoices(interfacesOf(at)), routesOf(at));
}

}  // namespace mailtopo::ui::inspector
