// A send connector: name and state, address spaces in a table, DNS or smart-host routing
// (smart hosts, port, authentication, TLS), the source transport servers as check boxes,
// scoping, front-end proxy, source IP, FQDN, size limit, the legacy relay option, comment.

#include <QObject>
#include <algorithm>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

using text::fromStd;
using Connector = model::SendConnector;

QString tr(const char* text) {
    return QObject::tr(text);
}

enum SpaceColumn { kType, kDomain, kCost };

TableRows spaceRows(const Connector& sc) {
    TableRows rows;
    for (const auto& space : sc.addressSpaces)
        rows << QStringList{fromStd(space.type), fromStd(space.domain),
                            QString::number(space.cost)};
    return rows;
}

QString writeSpaces(Connector& sc, const TableRows& rows) {
    std::vector<model::AddressSpace> spaces;
    for (const QStringList& row : rows) {
        QString why;
        const auto cost = parseNumber(row[kCost], 100, tr("cost"), &why);
        if (!cost)
            return why;
        spaces.push_back({row[kType].trimmed().toStdString(), row[kDomain].trimmed().toStdString(),
                          static_cast<int>(*cost)});
    }
    sc.addressSpaces = std::move(spaces);
    return QString();
}

void buildSourceServers(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) { return byId(d.sendConnectors, id); };
    form.flags(
        QStringLiteral("sourceServers"), tr("Source servers"),
        tr("SourceTransportServers: the Exchange servers that may send through this "
           "connector. Only they open the outbound connections, so their addresses are the "
           "ones the next hop sees."),
        hostChoices(form.design(), true),
        [at](const model::Design& d, const QString& hostId) {
            const auto* sc = at(d);
            return sc != nullptr &&
                   std::find(sc->sourceServerIds.begin(), sc->sourceServerIds.end(),
                             hostId.toStdString()) != sc->sourceServerIds.end();
        },
        [at](model::Design& d, const QString& hostId, bool on) {
            auto* sc = at(d);
            if (sc == nullptr)
                return;
            auto& ids = sc->sourceServerIds;
            ids.erase(std::remove(ids.begin(), ids.end(), hostId.toStdString()), ids.end());
            if (on)
                ids.push_back(hostId.toStdString());
        });
}

}  // namespace

void buildSendConnectorEditor(InspectorForm& form, const Connector& connector) {
    const std::string id = connector.id;
    const auto at = [id](auto& d) { return byId(d.sendConnectors, id); };
    stringField(form, QStringLiteral("name"), tr("Name"), tr("The connector's name."), at,
                &Connector::name, true);
    boolField(form, QStringLiteral("enabled"), tr("Enabled"),
              tr("A disabled connector is not used for routing."), at, &Connector::enabled);
    form.table(QStringLiteral("addressSpaces"), tr("Address spaces"),
               tr("The recipient domains this connector routes mail to. \"*\" is every domain; "
                  "\"*.contoso.com\" includes subdomains. The most specific match wins, then "
                  "the lowest cost."),
               {columns::text(tr("Type"), tr("Address type; SMTP for internet mail."), true),
                columns::domain(tr("Domain"), tr("contoso.com, *.contoso.com or *."), true, true),
                columns::number(tr("Cost"),
                                tr("1 to 100; among equally specific matches the "
                                   "lowest cost is used."),
                                100)},
               QStringList{QStringLiteral("SMTP"), QString(), QStringLiteral("1")},
               readRowsVia(at, spaceRows), writeRowsVia(at, writeSpaces));
    boolField(form, QStringLiteral("dnsRoutingEnabled"), tr("DNS routing (MX lookup)"),
              tr("DNSRoutingEnabled: deliver to the MX of the recipient's domain. Off means "
                 "every message goes to the smart hosts below."),
              at, &Connector::dnsRoutingEnabled);
    form.text(QStringLiteral("smartHosts"), tr("Smart hosts"),
              tr("Hosts (names or IP addresses, comma-separated, tried in order) that relay "
                 "the mail on when DNS routing is off."),
              readVia(at, [](const Connector& sc) { return wordListText(sc.smartHosts); }),
              writeVia(at, [](Connector& sc, const QString& v) {
                  return assignSmartHosts(sc.smartHosts, v);
              }));
    form.text(QStringLiteral("port"), tr("Port"),
              tr("The TCP port the connector connects to on the next hop (25 by default)."),
              readVia(at, [](const Connector& sc) { return QString::number(sc.port); }),
              writeVia(at,
                       [](Connector& sc, const QString& v) {
                           QString why;
                           auto port = parsePort(v, &why);
                           if (port)
                               sc.port = *port;
                           return why;
                       }),
              true);
    enumField(form, QStringLiteral("smartHostAuthMechanism"), tr("Smart host authentication"),
              tr("How the connector authenticates to the smart host: BasicAuth sends a user "
                 "name and password, BasicAuthRequireTLS only inside TLS, "
                 "ExternalAuthoritative trusts the link itself (IPsec, a dedicated line)."),
              at, &Connector::smartHostAuthMechanism);
    boolField(form, QStringLiteral("requireTls"), tr("Require TLS"),
              tr("RequireTLS: send only over a TLS session; without one the message waits "
                 "in the queue."),
              at, &Connector::requireTls);
    buildSourceServers(form, id);
    boolField(form, QStringLiteral("isScopedConnector"), tr("Scoped to the AD site"),
              tr("IsScopedConnector: only source servers in the same Active Directory site "
                 "use this connector."),
              at, &Connector::isScopedConnector);
    boolField(form, QStringLiteral("frontendProxyEnabled"), tr("Proxy through front end"),
              tr("FrontendProxyEnabled: outbound mail leaves through the Front End Transport "
                 "service of a Client Access server instead of straight from the source "
                 "server, so the outside sees fewer addresses."),
              at, &Connector::frontendProxyEnabled);
    form.text(
        QStringLiteral("sourceIpAddress"), tr("Source IP"),
        tr("SourceIPAddress, on Edge servers only: the local address outbound "
           "connections use; empty lets Windows choose."),
        readVia(at, [](const Connector& sc) { return optionalAddressText(sc.sourceIpAddress); }),
        writeVia(at, [](Connector& sc, const QString& v) {
            return assignAddress(sc.sourceIpAddress, v);
        }));
    form.text(
        QStringLiteral("fqdn"), tr("FQDN"),
        tr("The name the connector gives in EHLO; empty uses the server's FQDN."),
        readVia(at, [](const Connector& sc) { return fromStd(sc.fqdn); }),
        writeVia(at, [](Connector& sc, const QString& v) { return assignHostName(sc.fqdn, v); }));
    form.text(QStringLiteral("maxMessageSize"), tr("Max message size (bytes)"),
              tr("MaxMessageSize; empty for Exchange's default."),
              readVia(at, [](const Connector& sc) { return sizeText(sc.maxMessageSizeBytes); }),
              writeVia(at, [](Connector& sc, const QString& v) {
                  return assignSize(sc.maxMessageSizeBytes, v);
              }));
    boolField(form, QStringLiteral("legacyAllowRelayToAddressSpaces"),
              tr("Exchange 2003: relay to these domains"),
              tr("The Exchange 2000/2003 SMTP connector option \"Allow messages to be "
                 "relayed to these domains\"."),
              at, &Connector::legacyAllowRelayToAddressSpaces);
    stringField(form, QStringLiteral("comment"), tr("Comment"),
                tr("Free text, as in the -Comment parameter."), at, &Connector::comment);
}

}  // namespace mailtopo::ui::inspector
