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
template <class T>
struct Fields;

#define MAILTOPO_FIELDS(Type, label) \
    template <>                      \
    struct Fields<model::Type> {     \
        using T = model::Type;       \
        static constexpr std::string_view kName = label;          \
        template <class V>           \
        static void visit(V& v)

MAILTOPO_FIELDS(DesignInfo, "design information") {
    v.required("name", &T::name);
    v.optional("description", &T::description);
    v.optional("author", &T::author);
}
};

MAILTOPO_FIELDS(AcceptedDomain, "accepted domain") {
    v.required("id", &T::id);
    v.optional("name", &T::name);
    v.required("domainName", &T::domainName);
    v.optional("domainType", &T::type);
    v.optional("default", &T::isDefault);
}
};

MAILTOPO_FIELDS(Organization, "organization") {
    v.optional("name", &T::name);
    v.optional("acceptedDomains", &T::acceptedDomains);
    v.optional("internalSmtpServers", &T::internalSmtpServers);
}
};

MAILTOPO_FIELDS(Segment, "segment") {
    v.required("id", &T::id);
    v.required("name", &T::name);
    v.optional("kind", &T::kind);
    v.optional("subnets", &T::subnets);
    v.optional("description", &T::description);
}
};

MAILTOPO_FIELDS(IpAssignment, "address") {
    v.required("address", &T::address);
    v.required("prefixLength", &T::prefixLength);
    v.optional("skipAsSource", &T::skipAsSource);
    v.optional("origin", &T::origin);
}
};

MAILTOPO_FIELDS(Route, "route") {
    v.required("destination", &T::destination);
    v.optional("nextHop", &T::nextHop);
    v.optional("interface", &T::interfaceId);
    v.optional("metric", &T::metric);
}
};

MAILTOPO_FIELDS(Nic, "NIC") {
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

MAILTOPO_FIELDS(DeviceInterface, "interface") {
    v.required("id", &T::id);
    v.required("name", &T::name);
    v.optional("segment", &T::segmentId);
    v.optional("addresses", &T::addresses);
    v.optional("zone", &T::zone);
}
};

MAILTOPO_FIELDS(AntiSpam, "anti-spam settings") {
    v.optional("agentsInstalled", &T::agentsInstalled);
    v.optional("senderIdEnabled", &T::senderIdEnabled);
    v.optional("senderIdSpoofedAction", &T::senderIdSpoofedAction);
    v.optional("senderIdTempErrorAction", &T::senderIdTempErrorAction);
    v.optional("ipAllowList", &T::ipAllowList);
    v.optional("ipBlockList", &T::ipBlockList);
    v.optional("blockListProviders", &T::blockListProviders);
}
};

MAILTOPO_FIELDS(ExchangeProperties, "Exchange properties") {
    v.required("version", &T::version);
    v.optional("roles", &T::roles);
    v.optional("site", &T::site);
    v.optional("antiSpam", &T::antiSpam);
    v.optional("implicitDefaultConnectors", &T::implicitDefaultConnectors);
}
};

MAILTOPO_FIELDS(SmtpProperties, "SMTP properties") {
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

MAILTOPO_FIELDS(HostFirewall, "host firewall") {
    v.optional("enabled", &T::enabled);
    v.optional("smtpLocalAddresses", &T::smtpLocalAddresses);
}
};

MAILTOPO_FIELDS(Host, "host") {
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

MAILTOPO_FIELDS(Router, "router") {
    v.required("id", &T::id);
    v.required("name", &T::name);
    v.optional("interfaces", &T::interfaces);
    v.optional("routes", &T::routes);
    v.optional("description", &T::description);
}
};

MAILTOPO_FIELDS(PoolMember, "pool member") {
    v.required("host", &T::hostId);
    v.optional("address", &T::address);
    v.optional("port", &T::port);
}
};

MAILTOPO_FIELDS(Vip, "VIP") {
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

MAILTOPO_FIELDS(LoadBalancer, "load balancer") {
    v.required("id", &T::id);
    v.required("name", &T::name);
    v.optional("interfaces", &T::interfaces);
    v.optional("routes", &T::routes);
    v.optional("vips", &T::vips);
    v.optional("description", &T::description);
}
};

MAILTOPO_FIELDS(FirewallZone, "zone") {
    v.required("name", &T::name);
    v.required("trust", &T::trust);
}
};

MAILTOPO_FIELDS(FirewallRule, "firewall rule") {
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

MAILTOPO_FIELDS(InboundNat, "inbound NAT rule") {
    v.required("id", &T::id);
    v.optional("name", &T::name);
    v.required("publicAddress", &T::publicAddress);
    v.optional("publicPort", &T::publicPort);
    v.required("insideAddress", &T::insideAddress);
    v.optional("insidePort", &T::insidePort);
    v.optional("sourceTranslation", &T::sourceTranslation);
}
};

MAILTOPO_FIELDS(OutboundNat, "outbound NAT rule") {
    v.required("id", &T::id);
    v.optional("name", &T::name);
    v.required("insideSources", &T::insideSources);
    v.required("publicAddress", &T::publicAddress);
}
};

MAILTOPO_FIELDS(SmtpInspection, "SMTP inspection") {
    v.optional("enabled", &T::enabled);
    v.optional("strippedVerbs", &T::strippedVerbs);
}
};

MAILTOPO_FIELDS(Firewall, "firewall") {
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

MAILTOPO_FIELDS(AdPermission, "AD permission") {
    v.required("user", &T::user);
    v.required("extendedRights", &T::extendedRights);
    v.optional("deny", &T::deny);
    v.optional("inherited", &T::inherited);
}
};

MAILTOPO_FIELDS(ReceiveConnector, "receive connector") {
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

MAILTOPO_FIELDS(AddressSpace, "address space") {
    v.optional("type", &T::type);
    v.required("domain", &T::domain);
    v.optional("cost", &T::cost);
}
};

MAILTOPO_FIELDS(SendConnector, "send connector") {
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

MAILTOPO_FIELDS(DnsRecord, "DNS record") {
    v.required("name", &T::name);
    v.required("type", &T::type);
    v.optional("ttl", &T::ttl);
    v.required("data", &T::data);
}
};

MAILTOPO_FIELDS(DnsZone, "DNS zone") {
    v.required("id", &T::id);
    v.required("origin", &T::origin);
    v.optional("view", &T::view);
    v.optional("records", &T::records);
}
};

MAILTOPO_FIELDS(Flow, "flow") {
    v.required("id", &T::id);
    v.optional("name", &T::name);
    v.required("source", &T::sourceHostId);
    v.optional("sourceAddress", &T::sourceAddress);
    v.required("destination", &T::destination);
    v.optional("port", &T::port);
    v.optional("helo", &T::helo);
    v.optional("mailFrom", &T::mailFrom);
    v.optional("rcptTo", &T::rcptTo);
    v.optional("note", &T::note);
}
};

MAILTOPO_FIELDS(Placement, "placement") {
    v.required("x", &T::x);
    v.required("y", &T::y);
}
};

MAILTOPO_FIELDS(View, "view") {
    v.required("id", &T::id);
    v.required("name", &T::name);
    v.optional("placements", &T::placements);
}
};

MAILTOPO_FIELDS(Design, "design") {
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

#undef MAILTOPO_FIELDS

template <class T>
concept Described = requires { Fields<T>::kName; };

}  // namespace mailtopo::io
