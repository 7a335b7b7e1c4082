#pragma once
// The .mailtopo document schema, written once. Each model struct lists its JSON keys in
// file order; the reader and the writer both walk these lists, so a key cannot be read
// under one name and written under another, and the file's key order is stable by
// construction. Keep docs/file-format.md and resources/schema/mailtopo.schema.json in step.

#include <string_view>

#include "core/model/design.h"

namespace mailtopo::io {

// Fields<T>::visit(v) calls v.required(key, &T::member) or v.optional(key, &T::member)
// for every member, in the order the writer emits them. Optional members equal to the
// default-constructed value are left out of the file.
//
// A key added after format version 1 is named in Fields<T>::since(key), which gives the
// version that brought it: a file of an older version cannot hold it (that version's reader
// refuses unknown keys), so the reader refuses it there too, saying which version it needs.
// Likewise a key that was required before it became optional is named in
// Fields<T>::optionalSince(key): a file of an older version must still give it.
template <class T>
struct Fields;

template <>
struct Fields<model::DesignInfo> {
    static constexpr std::string_view kName = "design information";
    template <class V>
    static void visit(V& v) {
        using T = model::DesignInfo;
        v.required("name", &T::name);
        v.optional("description", &T::description);
        v.optional("author", &T::author);
    }
};

template <>
struct Fields<model::AcceptedDomain> {
    static constexpr std::string_view kName = "accepted domain";
    template <class V>
    static void visit(V& v) {
        using T = model::AcceptedDomain;
        v.required("id", &T::id);
        v.optional("name", &T::name);
        v.required("domainName", &T::domainName);
        v.optional("domainType", &T::type);
        v.optional("default", &T::isDefault);
    }
};

template <>
struct Fields<model::Organization> {
    static constexpr std::string_view kName = "organization";
    template <class V>
    static void visit(V& v) {
        using T = model::Organization;
        v.optional("name", &T::name);
        v.optional("acceptedDomains", &T::acceptedDomains);
        v.optional("internalSmtpServers", &T::internalSmtpServers);
    }
};

template <>
struct Fields<model::Segment> {
    static constexpr std::string_view kName = "segment";
    template <class V>
    static void visit(V& v) {
        using T = model::Segment;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.optional("kind", &T::kind);
        v.optional("subnets", &T::subnets);
        v.optional("description", &T::description);
    }
};

template <>
struct Fields<model::IpAssignment> {
    static constexpr std::string_view kName = "address";
    template <class V>
    static void visit(V& v) {
        using T = model::IpAssignment;
        v.required("address", &T::address);
        v.required("prefixLength", &T::prefixLength);
        v.optional("skipAsSource", &T::skipAsSource);
        v.optional("origin", &T::origin);
    }
};

template <>
struct Fields<model::Route> {
    static constexpr std::string_view kName = "route";
    template <class V>
    static void visit(V& v) {
        using T = model::Route;
        v.required("destination", &T::destination);
        v.optional("nextHop", &T::nextHop);
        v.optional("interface", &T::interfaceId);
        v.optional("metric", &T::metric);
    }
};

template <>
struct Fields<model::Nic> {
    static constexpr std::string_view kName = "NIC";
    template <class V>
    static void visit(V& v) {
        using T = model::Nic;
        v.required("id", &T::id);
        v.required("alias", &T::alias);
        v.optional("interfaceIndex", &T::interfaceIndex);
        v.optional("segment", &T::segmentId);
        v.optional("addresses", &T::addresses);
        v.optional("gateways", &T::gateways);
        v.optional("dnsServers", &T::dnsServers);
        v.optional("interfaceMetric", &T::interfaceMetric);
        v.optional("dhcp", &T::dhcp);
        v.optional("weakHostSend", &T::weakHostSend);
        v.optional("weakHostReceive", &T::weakHostReceive);
        v.optional("forwarding", &T::forwarding);
        v.optional("registerInDns", &T::registerInDns);
        v.optional("loopbackAdapter", &T::loopbackAdapter);
    }
};

template <>
struct Fields<model::DeviceInterface> {
    static constexpr std::string_view kName = "interface";
    template <class V>
    static void visit(V& v) {
        using T = model::DeviceInterface;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.optional("segment", &T::segmentId);
        v.optional("addresses", &T::addresses);
        v.optional("zone", &T::zone);
    }
};

template <>
struct Fields<model::AntiSpam> {
    static constexpr std::string_view kName = "anti-spam settings";
    template <class V>
    static void visit(V& v) {
        using T = model::AntiSpam;
        v.optional("agentsInstalled", &T::agentsInstalled);
        v.optional("senderIdEnabled", &T::senderIdEnabled);
        v.optional("senderIdSpoofedAction", &T::senderIdSpoofedAction);
        v.optional("senderIdTempErrorAction", &T::senderIdTempErrorAction);
        v.optional("ipAllowList", &T::ipAllowList);
        v.optional("ipBlockList", &T::ipBlockList);
        v.optional("blockListProviders", &T::blockListProviders);
    }
};

template <>
struct Fields<model::ExchangeProperties> {
    static constexpr std::string_view kName = "Exchange properties";
    template <class V>
    static void visit(V& v) {
        using T = model::ExchangeProperties;
        v.required("version", &T::version);
        v.optional("roles", &T::roles);
        v.optional("site", &T::site);
        v.optional("antiSpam", &T::antiSpam);
        v.optional("implicitDefaultConnectors", &T::implicitDefaultConnectors);
    }
};

template <>
struct Fields<model::SmtpProperties> {
    static constexpr std::string_view kName = "SMTP properties";
    template <class V>
    static void visit(V& v) {
        using T = model::SmtpProperties;
        v.optional("listenPorts", &T::listenPorts);
        v.optional("localDomains", &T::localDomains);
        v.optional("relayFrom", &T::relayFrom);
        v.optional("nextHops", &T::nextHops);
        v.optional("submitTo", &T::submitTo);
        v.optional("heloName", &T::heloName);
        v.optional("mailFrom", &T::mailFrom);
        v.optional("addsReceivedHeader", &T::addsReceivedHeader);
        v.optional("requireTls", &T::requireTls);
    }
};

template <>
struct Fields<model::HostFirewall> {
    static constexpr std::string_view kName = "host firewall";
    template <class V>
    static void visit(V& v) {
        using T = model::HostFirewall;
        v.optional("enabled", &T::enabled);
        v.optional("smtpLocalAddresses", &T::smtpLocalAddresses);
    }
};

template <>
struct Fields<model::Host> {
    static constexpr std::string_view kName = "host";
    template <class V>
    static void visit(V& v) {
        using T = model::Host;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.optional("fqdn", &T::fqdn);
        v.required("kind", &T::kind);
        v.optional("os", &T::os);
        v.optional("exchange", &T::exchange);
        v.optional("smtp", &T::smtp);
        v.optional("nics", &T::nics);
        v.optional("routes", &T::routes);
        v.optional("firewall", &T::firewall);
        v.optional("description", &T::description);
    }
};

template <>
struct Fields<model::Router> {
    static constexpr std::string_view kName = "router";
    template <class V>
    static void visit(V& v) {
        using T = model::Router;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.optional("interfaces", &T::interfaces);
        v.optional("routes", &T::routes);
        v.optional("description", &T::description);
    }
};

template <>
struct Fields<model::PoolMember> {
    static constexpr std::string_view kName = "pool member";
    template <class V>
    static void visit(V& v) {
        using T = model::PoolMember;
        v.required("host", &T::hostId);
        v.optional("address", &T::address);
        v.optional("port", &T::port);
    }
};

template <>
struct Fields<model::Vip> {
    static constexpr std::string_view kName = "VIP";
    template <class V>
    static void visit(V& v) {
        using T = model::Vip;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.required("address", &T::address);
        v.optional("port", &T::port);
        v.required("mode", &T::mode);
        v.optional("snatAddress", &T::snatAddress);
        v.optional("pool", &T::pool);
        v.optional("sourceAcl", &T::sourceAcl);
    }
};

template <>
struct Fields<model::LoadBalancer> {
    static constexpr std::string_view kName = "load balancer";
    template <class V>
    static void visit(V& v) {
        using T = model::LoadBalancer;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.optional("interfaces", &T::interfaces);
        v.optional("routes", &T::routes);
        v.optional("vips", &T::vips);
        v.optional("description", &T::description);
    }
};

template <>
struct Fields<model::FirewallZone> {
    static constexpr std::string_view kName = "zone";
    template <class V>
    static void visit(V& v) {
        using T = model::FirewallZone;
        v.required("name", &T::name);
        v.required("trust", &T::trust);
    }
};

template <>
struct Fields<model::FirewallRule> {
    static constexpr std::string_view kName = "firewall rule";
    template <class V>
    static void visit(V& v) {
        using T = model::FirewallRule;
        v.required("id", &T::id);
        v.optional("name", &T::name);
        v.optional("fromZone", &T::fromZone);
        v.optional("toZone", &T::toZone);
        v.optional("sources", &T::sources);
        v.optional("destinations", &T::destinations);
        v.optional("ports", &T::ports);
        v.required("action", &T::action);
    }
};

template <>
struct Fields<model::InboundNat> {
    static constexpr std::string_view kName = "inbound NAT rule";
    template <class V>
    static void visit(V& v) {
        using T = model::InboundNat;
        v.required("id", &T::id);
        v.optional("name", &T::name);
        v.required("publicAddress", &T::publicAddress);
        v.optional("publicPort", &T::publicPort);
        v.required("insideAddress", &T::insideAddress);
        v.optional("insidePort", &T::insidePort);
        v.optional("sourceTranslation", &T::sourceTranslation);
    }
};

template <>
struct Fields<model::OutboundNat> {
    static constexpr std::string_view kName = "outbound NAT rule";
    template <class V>
    static void visit(V& v) {
        using T = model::OutboundNat;
        v.required("id", &T::id);
        v.optional("name", &T::name);
        v.required("insideSources", &T::insideSources);
        v.required("publicAddress", &T::publicAddress);
    }
};

template <>
struct Fields<model::SmtpInspection> {
    static constexpr std::string_view kName = "SMTP inspection";
    template <class V>
    static void visit(V& v) {
        using T = model::SmtpInspection;
        v.optional("enabled", &T::enabled);
        v.optional("strippedVerbs", &T::strippedVerbs);
    }
};

template <>
struct Fields<model::Firewall> {
    static constexpr std::string_view kName = "firewall";
    template <class V>
    static void visit(V& v) {
        using T = model::Firewall;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.optional("interfaces", &T::interfaces);
        v.optional("zones", &T::zones);
        v.optional("routes", &T::routes);
        v.optional("rules", &T::rules);
        v.optional("inboundNat", &T::inboundNat);
        v.optional("outboundNat", &T::outboundNat);
        v.optional("unmatchedOutbound", &T::unmatchedOutbound);
        v.optional("stateful", &T::stateful);
        v.optional("tcpStateBypass", &T::tcpStateBypass);
        v.optional("smtpInspection", &T::smtpInspection);
        v.optional("description", &T::description);
    }
};

template <>
struct Fields<model::AdPermission> {
    static constexpr std::string_view kName = "AD permission";
    template <class V>
    static void visit(V& v) {
        using T = model::AdPermission;
        v.required("user", &T::user);
        v.required("extendedRights", &T::extendedRights);
        v.optional("deny", &T::deny);
        v.optional("inherited", &T::inherited);
    }
};

template <>
struct Fields<model::ReceiveConnector> {
    static constexpr std::string_view kName = "receive connector";
    template <class V>
    static void visit(V& v) {
        using T = model::ReceiveConnector;
        v.required("id", &T::id);
        v.required("server", &T::serverId);
        v.required("name", &T::name);
        v.optional("transportRole", &T::transportRole);
        v.required("bindings", &T::bindings);
        v.required("remoteIpRanges", &T::remoteIpRanges);
        v.optional("permissionGroups", &T::permissionGroups);
        v.optional("authMechanism", &T::authMechanism);
        v.optional("permissions", &T::permissions);
        v.optional("enabled", &T::enabled);
        v.optional("fqdn", &T::fqdn);
        v.optional("maxMessageSizeBytes", &T::maxMessageSizeBytes);
        v.optional("comment", &T::comment);
    }
};

template <>
struct Fields<model::AddressSpace> {
    static constexpr std::string_view kName = "address space";
    template <class V>
    static void visit(V& v) {
        using T = model::AddressSpace;
        v.optional("type", &T::type);
        v.required("domain", &T::domain);
        v.optional("cost", &T::cost);
    }
};

template <>
struct Fields<model::SendConnector> {
    static constexpr std::string_view kName = "send connector";
    template <class V>
    static void visit(V& v) {
        using T = model::SendConnector;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.required("addressSpaces", &T::addressSpaces);
        v.optional("sourceServers", &T::sourceServerIds);
        v.optional("dnsRoutingEnabled", &T::dnsRoutingEnabled);
        v.optional("smartHosts", &T::smartHosts);
        v.optional("port", &T::port);
        v.optional("smartHostAuthMechanism", &T::smartHostAuthMechanism);
        v.optional("requireTls", &T::requireTls);
        v.optional("enabled", &T::enabled);
        v.optional("isScopedConnector", &T::isScopedConnector);
        v.optional("frontendProxyEnabled", &T::frontendProxyEnabled);
        v.optional("sourceIpAddress", &T::sourceIpAddress);
        v.optional("fqdn", &T::fqdn);
        v.optional("maxMessageSizeBytes", &T::maxMessageSizeBytes);
        v.optional("legacyAllowRelayToAddressSpaces", &T::legacyAllowRelayToAddressSpaces);
        v.optional("comment", &T::comment);
    }
};

template <>
struct Fields<model::DnsRecord> {
    static constexpr std::string_view kName = "DNS record";
    template <class V>
    static void visit(V& v) {
        using T = model::DnsRecord;
        v.required("name", &T::name);
        v.required("type", &T::type);
        v.optional("ttl", &T::ttl);
        v.required("data", &T::data);
    }
};

template <>
struct Fields<model::DnsZone> {
    static constexpr std::string_view kName = "DNS zone";
    template <class V>
    static void visit(V& v) {
        using T = model::DnsZone;
        v.required("id", &T::id);
        v.required("origin", &T::origin);
        v.optional("view", &T::view);
        v.optional("records", &T::records);
    }
};

template <>
struct Fields<model::Flow> {
    static constexpr std::string_view kName = "flow";
    template <class V>
    static void visit(V& v) {
        using T = model::Flow;
        v.required("id", &T::id);
        v.optional("name", &T::name);
        v.required("source", &T::sourceHostId);
        v.optional("sourceAddress", &T::sourceAddress);
        v.optional("destination", &T::destination);
        v.optional("port", &T::port);
        v.optional("poolMember", &T::poolMemberHostId);
        v.optional("helo", &T::helo);
        v.optional("mailFrom", &T::mailFrom);
        v.optional("rcptTo", &T::rcptTo);
        v.optional("expectedDisposition", &T::expectedDisposition);
        v.optional("note", &T::note);
    }
    static constexpr int since(std::string_view key) {
        return key == "poolMember" || key == "expectedDisposition" ? 2 : 1;
    }
    // Version 1 required a destination; from version 2 a flow without one lets its source's
    // routing choose by the first recipient (R27/R28, or the recipient's MX).
    static constexpr int optionalSince(std::string_view key) {
        return key == "destination" ? 2 : 1;
    }
};

template <>
struct Fields<model::Placement> {
    static constexpr std::string_view kName = "placement";
    template <class V>
    static void visit(V& v) {
        using T = model::Placement;
        v.required("x", &T::x);
        v.required("y", &T::y);
    }
};

template <>
struct Fields<model::View> {
    static constexpr std::string_view kName = "view";
    template <class V>
    static void visit(V& v) {
        using T = model::View;
        v.required("id", &T::id);
        v.required("name", &T::name);
        v.optional("placements", &T::placements);
    }
};

template <>
struct Fields<model::Design> {
    static constexpr std::string_view kName = "design";
    template <class V>
    static void visit(V& v) {
        using T = model::Design;
        v.required("design", &T::info);
        v.optional("organization", &T::organization);
        v.optional("segments", &T::segments);
        v.optional("hosts", &T::hosts);
        v.optional("routers", &T::routers);
        v.optional("loadBalancers", &T::loadBalancers);
        v.optional("firewalls", &T::firewalls);
        v.optional("receiveConnectors", &T::receiveConnectors);
        v.optional("sendConnectors", &T::sendConnectors);
        v.optional("dnsZones", &T::dnsZones);
        v.optional("flows", &T::flows);
        v.optional("views", &T::views);
    }
};

template <class T>
concept Described = requires {
    Fields<T>::kName;
};

// The format version that brought `key` of a T into the file: 1 unless Fields<T>::since says.
template <class T>
constexpr int keySince(std::string_view key) {
    if constexpr (requires { Fields<T>::since(key); })
        return Fields<T>::since(key);
    else
        return 1;
}

// The format version from which optional `key` of a T may be left out: 1 unless
// Fields<T>::optionalSince says.
template <class T>
constexpr int keyOptionalSince(std::string_view key) {
    if constexpr (requires { Fields<T>::optionalSince(key); })
        return Fields<T>::optionalSince(key);
    else
        return 1;
}

}  // namespace mailtopo::io
