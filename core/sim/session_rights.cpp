// Who an SMTP session is and what it may do (R21, R22): the principal names Exchange uses,
// the rights each permission group grants it, and explicit ACEs on top (deny wins).

#include "core/sim/session_rights.h"
#include "core/dns/dns_name.h"

#include <cctype>

#include "core/util/enum_text.h"

namespace mailtopo::sim {
namespace {

using model::ExtendedRight;
using model::PermissionGroup;
using Rights = FlagSet<ExtendedRight>;

}  // namespace

std::string principalName(Principal p) {
    switch (p) {
        case Principal::Anonymous:
            return "NT AUTHORITY\\ANONYMOUS LOGON";
        case Principal::Authenticated:
            return "NT AUTHORITY\\Authenticated Users";
        case Principal::ExchangeServers:
            return "MS Exchange\\Exchange Servers";
        case Principal::ExternallySecured:
            return "MS Exchange\\Externally Secured Servers";
        case Principal::LegacyInterop:
            return "MS Exchange\\ExchangeLegacyInterop";
        case Principal::Partner:
            return "MS Exchange\\Partner Servers";
    }
    return {};
}

namespace {

// The account names an explicit ACE may use for a principal (Get-ADPermission prints them
// with a domain or "MS Exchange" prefix; the part after the backslash decides).
bool aceNamesPrincipal(std::string_view user, Principal p) {
    std::string name = dns::toLowerAscii(user);
    if (auto slash = name.rfind('\\'); slash != std::string::npos)
        name = name.substr(slash + 1);
    switch (p) {
        case Principal::Anonymous:
            return name == "anonymous logon";
        case Principal::Authenticated:
            return name == "authenticated users";
        case Principal::ExchangeServers:
            return name == "exchange servers" || name == "hub transport servers" ||
                   name == "edge transport servers";
        case Principal::ExternallySecured:
            return name == "externally secured servers";
        case Principal::LegacyInterop:
            return name == "exchangelegacyinterop";
        case Principal::Partner:
            return name == "partner servers";
    }
    return false;
}

// R22: the rights a permission group grants to the principal it stands for.
Rights groupRights(PermissionGroup group, Principal p, bool externalAuthoritative) {
    using R = ExtendedRight;
    const Rights serverRights{R::Submit,
                              R::AcceptAnyRecipient,
                              R::AcceptAnySender,
                              R::AcceptAuthoritativeDomainSender,
                              R::AcceptAuthenticationFlag,
                              R::AcceptExch50,
                              R::BypassAntiSpam,
                              R::BypassMessageSizeLimit,
                              R::AcceptRoutingHeaders};
    switch (group) {
        case PermissionGroup::AnonymousUsers:
            if (p == Principal::Anonymous)
                return {R::Submit, R::AcceptAnySender, R::AcceptAuthoritativeDomainSender,
                        R::AcceptRoutingHeaders};
            break;
        case PermissionGroup::ExchangeUsers:
            if (p == Principal::Authenticated)
                return {R::Submit, R::AcceptAnyRecipient, R::BypassAntiSpam,
                        R::AcceptRoutingHeaders};
            break;
        case PermissionGroup::ExchangeServers:
            if (p == Principal::ExternallySecured && externalAuthoritative)
                return serverRights;
            if (p == Principal::ExchangeServers) {
                Rights all = serverRights;
                all.insert(R::AcceptOrganizationHeaders);
                all.insert(R::AcceptForestHeaders);
                return all;
            }
            break;
        case PermissionGroup::ExchangeLegacyServers:
            if (p == Principal::LegacyInterop)
                return serverRights;
            break;
        case PermissionGroup::Partners:
            if (p == Principal::Partner)
                return {R::Submit, R::AcceptRoutingHeaders};
            break;
        case PermissionGroup::None:
        case PermissionGroup::Custom:
            break;
    }
    return {};
}

}  // namespace

std::string_view rightShortName(model::ExtendedRight right) {
    switch (right) {
        case ExtendedRight::Submit:
            return "Submit";
        case ExtendedRight::AcceptAnyRecipient:
            return "AnyRcpt";
        case ExtendedRight::AcceptAnySender:
            return "AnySender";
        case ExtendedRight::AcceptAuthoritativeDomainSender:
            return "AuthDom";
        case ExtendedRight::AcceptAuthenticationFlag:
            return "AuthFlag";
        case ExtendedRight::AcceptExch50:
            return "Exch50";
        case ExtendedRight::BypassAntiSpam:
            return "BypassAS";
        case ExtendedRight::BypassMessageSizeLimit:
            return "BypassSize";
        case ExtendedRight::AcceptRoutingHeaders:
            return "HdrR";
        case ExtendedRight::AcceptOrganizationHeaders:
            return "HdrO";
        case ExtendedRight::AcceptForestHeaders:
            return "HdrF";
    }
    return "";
}

std::string rightsText(const Rights& rights) {
    std::string out;
    for (auto right : rights.values()) {
        if (!out.empty())
            out += ", ";
        out += rightShortName(right);
    }
    return out.empty() ? "none" : out;
}

SessionRights grantRights(const model::ReceiveConnector& connector, Principal principal) {
    SessionRights out;
    const bool externalAuthoritative =
        connector.authMechanism.contains(model::AuthMechanism::ExternalAuthoritative);
    for (auto group : connector.permissionGroups.values()) {
        const auto granted = groupRights(group, principal, externalAuthoritative);
        if (granted.values().empty())
            continue;
        for (auto r : granted.values())
            out.rights.insert(r);
        if (!out.grantedBy.empty())
            out.grantedBy += ", ";
        out.grantedBy += enumName(group);
    }
    for (const auto& ace : connector.permissions)
        if (!ace.deny && aceNamesPrincipal(ace.user, principal))
            for (auto r : ace.extendedRights.values()) {
                out.rights.insert(r);
                out.aces += out.aces.empty() ? "allow " : ", ";
                out.aces += rightShortName(r);
            }
    for (const auto& ace : connector.permissions)  // deny wins (ASSUMPTION A14)
        if (ace.deny && aceNamesPrincipal(ace.user, principal))
            for (auto r : ace.extendedRights.values()) {
                out.rights.erase(r);
                out.aces += out.aces.empty() ? "deny " : ", deny ";
                out.aces += rightShortName(r);
            }
    return out;
}

}  // namespace mailtopo::sim
