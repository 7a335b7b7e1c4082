// New receive connectors from the set-ups Exchange admins make (R18–R25): an anonymous or
// externally secured relay for application servers, an internet or partner connector,
// authenticated client submission, or a minimal custom one. Each is filled in so that it
// validates at once: the binding and RemoteIPRanges are chosen so that R19(a) stays
// satisfied against the server's other connectors, Exchange's implicit defaults included.

#include <algorithm>

#include "core/edit/sub_element_parts.h"
#include "core/sim/receive_connectors.h"

namespace mailtopo::edit::detail {
namespace {

using model::AuthMechanism;
using model::ExchangeRole;
using model::ExchangeVersion;
using model::ExtendedRight;
using model::PermissionGroup;
using model::TransportRole;

// Placeholder client addresses come from TEST-NET-1 (RFC 5737): never a real client, so a
// relay connector made before its clients are known lets nobody relay.
const net::Address kPlaceholderBase = net::Address::v4(0xC0000200);  // 192.0.2.0
constexpr int kPlaceholderFirst = 10;

// The service a custom connector belongs in on this server (R19b): FrontendTransport where
// the server runs a front end (2013 CAS, 2016+ Mailbox, Edge), the single transport
// service's role on 2007/2010, and the HubTransport on a 2013 Mailbox-only server.
TransportRole templateRole(const model::Host& host) {
    const auto& exchange = *host.exchange;
    if (exchange.roles.contains(ExchangeRole::Edge) || exchange.version == ExchangeVersion::Ex2003)
        return TransportRole::FrontendTransport;
    if (exchange.version >= ExchangeVersion::Ex2013) {
        const bool frontend = exchange.version == ExchangeVersion::Ex2013
                                  ? exchange.roles.contains(ExchangeRole::ClientAccess)
                                  : exchange.roles.contains(ExchangeRole::Mailbox);
        return frontend ? TransportRole::FrontendTransport : TransportRole::HubTransport;
    }
    return TransportRole::HubTransport;
}

// 2013+ Mailbox and CAS listen on IPv6 too; Edge and older versions on IPv4 only (R18).
bool listensOnIpv6(const model::Host& host) {
    const auto& exchange = *host.exchange;
    return exchange.version >= ExchangeVersion::Ex2013 &&
           !exchange.roles.contains(ExchangeRole::Edge);
}

// A listener the new connector must get along with: declared or implied by R18.
struct Listener {
    TransportRole role;
    std::vector<net::Binding> bindings;
    std::vector<net::IpRange> ranges;
};

std::vector<Listener> listenersOf(const model::Design& design, const model::Host& host,
                                  std::set<std::string>& namesLower) {
    std::vector<Listener> out;
    for (const auto& connector : design.receiveConnectors) {
        if (connector.serverId != host.id)
            continue;
        namesLower.insert(asciiLower(connector.name));
        if (connector.enabled)
            out.push_back({connector.transportRole, connector.bindings, connector.remoteIpRanges});
    }
    for (const auto& implicit : sim::implicitReceiveConnectors(design, host)) {
        namesLower.insert(asciiLower(implicit.name));
        out.push_back({implicit.transportRole, implicit.bindings, implicit.remoteIpRanges});
    }
    return out;
}

bool sameAddresses(const net::IpRange& a, const net::IpRange& b) {
    return a.first() == b.first() && a.last() == b.last();
}

// R19(a)/(b) as check_connector_overlaps.cpp reports them: a listener with an overlapping
// binding must run in the same service, and no entry may equal or partially overlap one
// of its entries.
bool conflicts(TransportRole role, const std::vector<net::Binding>& bindings,
               const std::vector<net::IpRange>& ranges, const std::vector<Listener>& listeners) {
    for (const auto& listener : listeners) {
        const bool overlap = std::any_of(bindings.begin(), bindings.end(), [&](const auto& b) {
            return std::any_of(listener.bindings.begin(), listener.bindings.end(),
                               [&](const auto& other) { return b.overlaps(other); });
        });
        if (!overlap)
            continue;
        if (listener.role != role)
            return true;
        for (const auto& mine : ranges) {
            for (const auto& theirs : listener.ranges) {
                const bool nested = mine.contains(theirs) || theirs.contains(mine);
                if (sameAddresses(mine, theirs) || (mine.intersects(theirs) && !nested))
                    return true;
            }
        }
    }
    return false;
}

std::vector<net::IpRange> parseRanges(std::initializer_list<const char*> texts) {
    std::vector<net::IpRange> out;
    for (const char* text : texts)
        out.push_back(*net::IpRange::parse(text));
    return out;
}

// The public unicast IPv4 space, without the private (RFC 1918), shared (RFC 6598),
// loopback, link-local and multicast blocks; IPv6 global unicast. Each entry lies inside
// the "all addresses" entry of Exchange's Default Frontend, so R20 hands internet clients
// to the new connector and leaves internal ones where they were.
std::vector<net::IpRange> publicRanges(bool ipv6) {
    auto ranges = parseRanges({"1.0.0.0-9.255.255.255", "11.0.0.0-100.63.255.255",
                               "100.128.0.0-126.255.255.255", "128.0.0.0-169.253.255.255",
                               "169.255.0.0-172.15.255.255", "172.32.0.0-192.167.255.255",
                               "192.169.0.0-223.255.255.255"});
    if (ipv6)
        ranges.push_back(*net::IpRange::parse("2000::/3"));
    return ranges;
}

std::vector<net::IpRange> privateRanges(bool ipv6) {
    auto ranges = parseRanges({"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"});
    if (ipv6)
        ranges.push_back(*net::IpRange::parse("fc00::/7"));
    return ranges;
}

std::vector<net::IpRange> allRanges(bool ipv6) {
    std::vector<net::IpRange> ranges{net::IpRange::allV4()};
    if (ipv6)
        ranges.push_back(net::IpRange::allV6());
    return ranges;
}

std::vector<net::IpRange> sourceAddresses(const model::Host& host) {
    std::vector<net::IpRange> out;
    for (const auto& nic : host.nics) {
        if (nic.loopbackAdapter)
            continue;
        for (const auto& a : nic.addresses)
            if (!a.skipAsSource && !a.address.isLinkLocal())
                out.push_back(net::IpRange::single(a.address));
    }
    return out;
}

// "10.0.0.20:25", "[2001:db8::5]:25", "10.0.0.20" or a host name → the host part.
std::string submitHost(const std::string& submitTo) {
    if (submitTo.starts_with('[')) {
        const auto end = submitTo.find(']');
        return submitTo.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    }
    const auto colon = submitTo.find(':');
    if (colon != std::string::npos && submitTo.find(':', colon + 1) == std::string::npos)
        return submitTo.substr(0, colon);
    return submitTo;
}

bool ownsAddress(const model::Host& host, const net::Address& address) {
    return std::any_of(host.nics.begin(), host.nics.end(), [&](const model::Nic& nic) {
        return std::any_of(nic.addresses.begin(), nic.addresses.end(),
                           [&](const auto& a) { return a.address == address; });
    });
}

// The application clients that submit straight to `server` (SMTP submitTo names one of
// its addresses, its id, name or FQDN): the hosts a relay connector is made for.
std::vector<net::IpRange> applicationClientsOf(const model::Design& design,
                                               const model::Host& server) {
    std::vector<net::IpRange> out;
    for (const auto& host : design.hosts) {
        if (host.isExchange() || !host.smtp || host.smtp->submitTo.empty())
            continue;
        const std::string target = submitHost(host.smtp->submitTo);
        const auto address = net::Address::parse(target);
        const std::string lower = asciiLower(target);
        const bool toServer =
            address ? ownsAddress(server, *address)
                    : (lower == asciiLower(server.id) || lower == asciiLower(server.name) ||
                       (!server.fqdn.empty() && lower == asciiLower(server.fqdn)));
        if (toServer) {
            const auto mine = sourceAddresses(host);
            out.insert(out.end(), mine.begin(), mine.end());
        }
    }
    return out;
}

std::vector<net::IpRange> partnerHosts(const model::Design& design) {
    std::vector<net::IpRange> out;
    for (const auto& host : design.hosts) {
        if (host.kind == model::HostKind::Partner) {
            const auto mine = sourceAddresses(host);
            out.insert(out.end(), mine.begin(), mine.end());
        }
    }
    return out;
}

struct Shape {
    std::string baseName;
    uint16_t port = 25;
    bool bothFamilies = false;  // bind [::] too (when the server listens on IPv6)
    // RemoteIPRanges in order of preference; the first that keeps R19 satisfied is used,
    // else a placeholder address.
    std::vector<std::vector<net::IpRange>> rangeChoices;
    FlagSet<PermissionGroup> groups;
    FlagSet<AuthMechanism> auth;
    std::vector<model::AdPermission> permissions;
    std::string comment;
    std::string placeholderComment;  // added when the placeholder range is used
};

std::optional<Shape> shapeFor(const std::string& key, const model::Design& design,
                              const model::Host& server) {
    const bool ipv6 = listensOnIpv6(server);
    const std::string relayPlaceholder =
        "RemoteIPRanges holds a placeholder (TEST-NET-1): replace it with the addresses of "
        "the application servers that relay through this connector.";
    Shape shape;
    if (key == "relay-anonymous") {
        shape.baseName = "Anonymous Relay";
        shape.rangeChoices = {applicationClientsOf(design, server)};
        shape.groups = {PermissionGroup::AnonymousUsers};
        shape.auth = {AuthMechanism::Tls};
        shape.permissions = {
            {"NT AUTHORITY\\ANONYMOUS LOGON", {ExtendedRight::AcceptAnyRecipient}, false, false}};
        shape.comment =
            "Anonymous relay for application servers (R25 M1): AnonymousUsers plus "
            "ms-Exch-SMTP-Accept-Any-Recipient for ANONYMOUS LOGON.";
        shape.placeholderComment = relayPlaceholder;
    } else if (key == "relay-externally-secured") {
        shape.baseName = "Externally Secured Relay";
        shape.rangeChoices = {applicationClientsOf(design, server)};
        shape.groups = {PermissionGroup::ExchangeServers};
        shape.auth = {AuthMechanism::Tls, AuthMechanism::ExternalAuthoritative};
        shape.comment =
            "Externally secured relay (R25 M2): the listed hosts are fully trusted, relay, "
            "bypass anti-spam and may send as internal users (R41).";
        shape.placeholderComment = relayPlaceholder;
    } else if (key == "internet") {
        shape.baseName = "Internet";
        shape.bothFamilies = ipv6;
        shape.rangeChoices = {allRanges(ipv6), publicRanges(ipv6)};
        shape.groups = {PermissionGroup::AnonymousUsers};
        shape.auth = {AuthMechanism::Tls};
        shape.comment =
            "Anonymous mail from the internet for the accepted domains; no relay. Where another "
            "port-25 connector already takes every address (Exchange's Default Frontend), "
            "RemoteIPRanges is the public address space so internal clients keep that one.";
    } else if (key == "partner") {
        shape.baseName = "Partner";
        shape.rangeChoices = {partnerHosts(design)};
        shape.groups = {PermissionGroup::Partners};
        shape.auth = {AuthMechanism::Tls};
        shape.comment =
            "Mutual TLS with domain-secure partners (Partner Servers, R21): list the partners' "
            "MTAs in RemoteIPRanges and their domains in TLSReceiveDomainSecureList.";
        shape.placeholderComment =
            "RemoteIPRanges holds a placeholder (TEST-NET-1): replace it with the partners' MTA "
            "addresses.";
    } else if (key == "client-submission") {
        shape.baseName = "Client Submission";
        shape.port = 587;
        shape.bothFamilies = ipv6;
        shape.rangeChoices = {allRanges(ipv6), privateRanges(ipv6)};
        shape.groups = {PermissionGroup::ExchangeUsers};
        shape.auth = {AuthMechanism::Tls, AuthMechanism::BasicAuth,
                      AuthMechanism::BasicAuthRequireTLS, AuthMechanism::Integrated};
        shape.comment =
            "Authenticated submission on 587 (ExchangeUsers, AUTH after STARTTLS). Where the "
            "Client Frontend connector already takes every address, RemoteIPRanges is the "
            "private address space.";
    } else if (key == "custom") {
        shape.baseName = "Custom";
        shape.groups = {PermissionGroup::AnonymousUsers};
        shape.auth = {AuthMechanism::Tls};
        shape.comment = "A custom connector: set its bindings, RemoteIPRanges and permissions.";
        shape.placeholderComment = "RemoteIPRanges holds a placeholder (TEST-NET-1).";
    } else {
        return std::nullopt;
    }
    return shape;
}

}  // namespace

AddOutcome addReceiveConnector(model::Design& design, const Located& parent,
                               const std::string& templateKey, const SubElementRequest& request) {
    const model::Host& server = *parent.host;
    const auto shape = shapeFor(templateKey, design, server);
    if (!shape)
        return refused("template: receive-connector has no template '" + templateKey + "'");

    std::set<std::string> namesLower;
    const auto listeners = listenersOf(design, server, namesLower);
    std::string name = request.name;
    if (name.empty()) {
        name = numberedLabel(shape->baseName, namesLower);
    } else if (namesLower.count(asciiLower(name))) {
        return refused("name: " + parent.label + " already has a receive connector '" + name +
                       "' (declared, or one of the defaults Exchange creates, R18)");
    }

    model::ReceiveConnector connector;
    connector.serverId = server.id;
    connector.name = name;
    connector.transportRole = templateRole(server);
    connector.bindings.emplace_back(net::Address::lowest(net::Family::V4), shape->port);
    if (shape->bothFamilies)
        connector.bindings.emplace_back(net::Address::lowest(net::Family::V6), shape->port);
    connector.permissionGroups = shape->groups;
    connector.authMechanism = shape->auth;
    connector.permissions = shape->permissions;
    connector.fqdn = server.fqdn;
    connector.comment = shape->comment;

    // R19(a) decides per entry (a duplicate or a partial overlap with a listener on an
    // overlapping binding), so a choice is usable whole when each entry is. The first whole
    // choice wins; failing that, what is left of the first (the clients no other connector
    // lists yet).
    const auto usablePart = [&](const std::vector<net::IpRange>& choice) {
        std::vector<net::IpRange> usable;
        for (const auto& range : choice) {
            if (!conflicts(connector.transportRole, connector.bindings, {range}, listeners))
                usable.push_back(range);
        }
        return usable;
    };
    for (const auto& choice : shape->rangeChoices) {
        if (!choice.empty() && usablePart(choice).size() == choice.size()) {
            connector.remoteIpRanges = choice;
            break;
        }
    }
    if (connector.remoteIpRanges.empty() && !shape->rangeChoices.empty())
        connector.remoteIpRanges = usablePart(shape->rangeChoices.front());
    if (connector.remoteIpRanges.empty()) {
        const auto used = usedAddresses(design);
        for (int n = kPlaceholderFirst; n < 255 && connector.remoteIpRanges.empty(); ++n) {
            const net::Address candidate = kPlaceholderBase.plus(net::U128{0, uint64_t(n)});
            const std::vector<net::IpRange> single{net::IpRange::single(candidate)};
            if (!used.count(candidate) &&
                !conflicts(connector.transportRole, connector.bindings, single, listeners))
                connector.remoteIpRanges = single;
        }
        if (connector.remoteIpRanges.empty())
            return refused(
                "receive-connector: every placeholder range of 192.0.2.0/24 is taken "
                "on " +
                parent.label + "; name the connector's clients afterwards");
        if (!shape->placeholderComment.empty())
            connector.comment += " " + shape->placeholderComment;
    }

    UniqueIds ids(design);
    const std::string tail = slug(name);
    connector.id =
        ids.id("rc-" + server.id + "-" + (tail.empty() ? std::string("connector") : tail));
    design.receiveConnectors.push_back(connector);
    ChangeSet changes;
    changes.insert(connector.id);
    return added(connector.id, name, changes);
}

}  // namespace mailtopo::edit::detail
