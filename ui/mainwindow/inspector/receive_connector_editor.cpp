// A receive connector: name, server and role, bindings, RemoteIPRanges (one per line, in
// every form Exchange takes), permission groups, authentication, the explicit AD
// permissions (ACEs) in a table, and the FQDN, size limit and comment.

#include <QObject>
#include <QPlainTextEdit>
#include <map>
#include <tuple>

#include "core/edit/value_text.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

QString writeBindings(model::ReceiveConnector& rc, const QString& text) {
    std::string why;
    auto parsed = edit::parseBindings(text.toStdString(), &why);
    if (!parsed)
        return fromStd(why);
    rc.bindings = std::move(*parsed);
    return QString();
}

QString rangeLines(const std::vector<net::IpRange>& ranges) {
    QStringList lines;
    for (const auto& r : ranges)
        lines << fromStd(r.toString());
    return lines.join(QLatin1Char('\n'));
}

QString writeRangeLines(model::ReceiveConnector& rc, const QString& text) {
    std::vector<net::IpRange> parsed;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        QString why;
        auto range = parseRange(lines[i], &why);
        if (!range)
            return tr("line %1: %2").arg(i + 1).arg(why);
        parsed.push_back(*range);
    }
    rc.remoteIpRanges = std::move(parsed);
    return QString();
}

// ---- ACEs: one row per (principal, extended right, deny) --------------------------------

enum AceColumn { kUser, kRight, kDeny, kInherited };

TableRows aceRows(const model::ReceiveConnector& rc) {
    TableRows rows;
    for (const auto& ace : rc.permissions)
        for (const model::ExtendedRight right : ace.extendedRights.values())
            rows << QStringList{fromStd(ace.user), enumText(right),
                                ace.deny ? QStringLiteral("1") : QStringLiteral("0"),
                                ace.inherited ? QStringLiteral("1") : QStringLiteral("0")};
    return rows;
}

// Rows of the same principal, deny and inheritance are one ACE again, in the order they
// first appear; ACEs that grant no extended right (not shown) are kept as they were.
QString writeAces(model::ReceiveConnector& rc, const TableRows& rows) {
    std::vector<model::AdPermission> aces;
    std::map<std::tuple<QString, bool, bool>, size_t> index;
    for (const QStringList& row : rows) {
        const bool deny = row[kDeny] == QLatin1String("1");
        const bool inherited = row[kInherited] == QLatin1String("1");
        const auto key = std::make_tuple(row[kUser].trimmed(), deny, inherited);
        auto it = index.find(key);
        if (it == index.end()) {
            model::AdPermission ace;
            ace.user = row[kUser].trimmed().toStdString();
            ace.deny = deny;
            ace.inherited = inherited;
            it = index.emplace(key, aces.size()).first;
            aces.push_back(ace);
        }
        aces[it->second].extendedRights.insert(enumValue<model::ExtendedRight>(row[kRight]));
    }
    for (const auto& ace : rc.permissions)
        if (ace.extendedRights.empty())
            aces.push_back(ace);
    rc.permissions = std::move(aces);
    return QString();
}

void buildAceTable(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) { return byId(d.receiveConnectors, id); };
    QList<TableColumn> cols{
        columns::text(tr("Principal"),
                      tr("The user or group the entry applies to, e.g. NT AUTHORITY\\ANONYMOUS "
                         "LOGON or MS Exchange\\Externally Secured Servers."),
                      true),
        columns::choice(tr("Extended right"),
                        tr("The SMTP right granted or denied: ms-Exch-SMTP-Accept-Any-Recipient "
                           "lets the sender relay, ms-Exch-SMTP-Submit lets it submit at all, "
                           "ms-Exch-Bypass-Anti-Spam skips the anti-spam agents."),
                        enumChoices<model::ExtendedRight>()),
        columns::check(tr("Deny"), tr("Denies the right instead of granting it; a deny wins "
                                      "over any allow.")),
        columns::check(tr("Inherited"), QString()),
    };
    cols[kInherited].hidden = true;  // inherited entries come from imports and stay as they are
    form.table(QStringLiteral("permissions"), tr("AD permissions (ACEs)"),
               tr("Explicit Add-ADPermission entries on the connector, beyond those its "
                  "permission groups grant."),
               cols,
               QStringList{QStringLiteral("NT AUTHORITY\\ANONYMOUS LOGON"),
                           enumText(model::ExtendedRight::AcceptAnyRecipient), QStringLiteral("0"),
                           QStringLiteral("0")},
               readRowsVia(at, aceRows), writeRowsVia(at, writeAces));
}

}  // namespace

void buildReceiveConnectorEditor(InspectorForm& form, const model::ReceiveConnector& connector) {
    const std::string id = connector.id;
    const auto at = [id](auto& d) { return byId(d.receiveConnectors, id); };
    const model::Host* server = form.design().findHost(connector.serverId);
    form.info(tr("Server"), server ? fromStd(server->name) : fromStd(connector.serverId));
    stringField(form, QStringLiteral("name"), tr("Name"),
                tr("The connector's name, shown as SERVER\\Name."), at,
                &model::ReceiveConnector::name, true);
    enumField(form, QStringLiteral("transportRole"), tr("Transport role"),
              tr("The service the connector belongs to: FrontendTransport listens for "
                 "clients and other servers on port 25; HubTransport (port 2525 on Mailbox "
                 "servers) takes mail proxied from the front end and from other servers."),
              at, &model::ReceiveConnector::transportRole);
    boolField(form, QStringLiteral("enabled"), tr("Enabled"),
              tr("A disabled connector accepts no connections."), at,
              &model::ReceiveConnector::enabled);
    form.text(
        QStringLiteral("bindings"), tr("Bindings"),
        tr("Local address and port the connector listens on, comma-separated: "
           "0.0.0.0:25 is every IPv4 address, [::]:25 every IPv6 address. Two "
           "connectors may share a binding only with different RemoteIPRanges."),
        readVia(at,
                [](const model::ReceiveConnector& rc) { return text::bindingsText(rc.bindings); }),
        writeVia(at, writeBindings), true);
    auto* ranges = form.lines(
        QStringLiteral("remoteIpRanges"), tr("RemoteIPRanges"),
        tr("Remote addresses this connector answers, one per line: a single address, a CIDR "
           "block, a start-end range or address(netmask). Among connectors sharing a binding, "
           "the most specific range matching the client wins."),
        readVia(at,
                [](const model::ReceiveConnector& rc) { return rangeLines(rc.remoteIpRanges); }),
        writeVia(at, writeRangeLines));
    ranges->setPlaceholderText(tr("One per line: 10.0.0.5, 10.0.0.0/24, 10.0.0.1-10.0.0.9 …"));
    flagSetField(form, QStringLiteral("permissionGroups"), tr("Permission groups"),
                 tr("Predefined sets of rights granted to groups of senders: AnonymousUsers "
                    "lets unauthenticated senders submit mail for accepted domains, "
                    "ExchangeServers grants the rights servers of the organisation need."),
                 at, &model::ReceiveConnector::permissionGroups);
    flagSetField(form, QStringLiteral("authMechanism"), tr("Authentication"),
                 tr("Authentication the connector offers: Tls advertises STARTTLS, "
                    "ExternalAuthoritative treats every sender as authenticated (only with "
                    "ExchangeServers and a trusted network)."),
                 at, &model::ReceiveConnector::authMechanism);
    buildAceTable(form, id);
    form.text(QStringLiteral("fqdn"), tr("FQDN"),
              tr("The name the connector gives in its banner and EHLO reply."),
              readVia(at, [](const model::ReceiveConnector& rc) { return fromStd(rc.fqdn); }),
              writeVia(at, [](model::ReceiveConnector& rc, const QString& v) {
                  return assignHostName(rc.fqdn, v);
              }));
    form.text(
        QStringLiteral("maxMessageSize"), tr("Max message size (bytes)"),
        tr("MaxMessageSize; empty for Exchange's default."),
        readVia(at,
                [](const model::ReceiveConnector& rc) { return sizeText(rc.maxMessageSizeBytes); }),
        writeVia(at, [](model::ReceiveConnector& rc, const QString& v) {
            return assignSize(rc.maxMessageSizeBytes, v);
        }));
    stringField(form, QStringLiteral("comment"), tr("Comment"),
                tr("Free text, as in the -Comment parameter."), at,
                &model::ReceiveConnector::comment);
}

}  // namespace mailtopo::ui::inspector
