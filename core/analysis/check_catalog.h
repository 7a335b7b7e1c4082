#pragma once
// Internal to core/analysis: the structural checks as constants. A check reports through its
// constant (FindingSink::report(checks::kDuplicateId, ...)), so a finding's id, severity,
// title and rule cannot drift from what the catalog lists.

#include <array>

#include "core/analysis/structure_checks.h"

namespace mailtopo::analysis::checks {

using enum Severity;

// ---- identity and references --------------------------------------------------------

inline constexpr CheckInfo kDuplicateId{
    "duplicate-id", Error, "Two elements share an id", "",
    "Every id must be unique across the whole design, nested elements (NICs, interfaces, VIPs, "
    "firewall rules) included, because references name an id without a kind. With a duplicate, "
    "a reference resolves to whichever element comes first."};
inline constexpr CheckInfo kEmptyId{
    "empty-id", Error, "An element has an empty id", "",
    "An element without an id cannot be referenced, placed on a view or named in a finding."};
inline constexpr CheckInfo kDanglingReference{
    "dangling-reference", Error, "A reference names no element of the expected kind", "",
    "A reference field (a NIC's segment, a route's interface, a pool member's host, a "
    "connector's server, a flow's source host, an SMTP host's next hop …) must name an existing "
    "element of the right kind; otherwise the simulator cannot follow it."};
inline constexpr CheckInfo kDanglingPlacement{
    "dangling-placement", Warning, "A view places an element that does not exist", "",
    "A view's placement names an id that no element carries, usually left over after a delete "
    "or a rename. It is ignored when drawing."};
inline constexpr CheckInfo kConnectorOnNonExchangeHost{
    "connector-on-non-exchange-host", Error,
    "A connector belongs to a host that is not an Exchange server", "",
    "Receive connectors and send connector source servers are Exchange objects; on any other "
    "kind of host the simulator has no Exchange transport to run them. Model the host's SMTP "
    "behaviour with its SMTP properties instead."};
inline constexpr CheckInfo kExchangePropertiesMissing{
    "exchange-properties-missing", Error, "An Exchange server has no Exchange properties", "",
    "Without version and roles the simulator cannot tell which default connectors (R18) and "
    "which hop rules (R26) apply to the server."};
inline constexpr CheckInfo kExchangePropertiesUnexpected{
    "exchange-properties-unexpected", Warning,
    "A host that is not an Exchange server carries Exchange properties", "",
    "Exchange properties only apply to hosts of kind exchange-server; on other kinds they are "
    "ignored, which usually means the kind is wrong."};
inline constexpr CheckInfo kSmtpPropertiesOnExchange{
    "smtp-properties-on-exchange", Warning, "An Exchange server carries SMTP host properties", "",
    "SMTP host properties describe non-Exchange mail hosts; an Exchange server's behaviour comes "
    "from its connectors, so these properties are ignored."};

// ---- addressing ---------------------------------------------------------------------

inline constexpr CheckInfo kAddressOutsideSegment{
    "address-outside-segment", Error, "An interface address lies outside its segment's subnets", "",
    "When a segment lists its subnets, every address of that family on an interface attached "
    "to it must lie in one of them; otherwise the interface cannot talk to its neighbours. "
    "Link-local addresses are exempt."};
inline constexpr CheckInfo kGatewayNotOnLink{
    "gateway-not-on-link", Error, "A default gateway is not on the NIC's link", "R6",
    "A default gateway must lie inside a prefix of one of the NIC's own addresses (or be "
    "link-local); Windows cannot reach it and the default route is unusable."};
inline constexpr CheckInfo kDuplicateAddress{
    "duplicate-address", Error, "The same IP address is assigned to two interfaces", "",
    "Two interfaces answering ARP/ND for one address make delivery depend on whichever answers "
    "first. DSR VIPs on KM-TEST loopback adapters are the intended exception (R11): they are "
    "ARP-silent and must equal a load balancer VIP."};
inline constexpr CheckInfo kPrefixLengthOutOfRange{
    "prefix-length-out-of-range", Error, "An address has a prefix length its family does not allow",
    "", "An interface address needs a prefix length of 1–32 (IPv4) or 1–128 (IPv6)."};
inline constexpr CheckInfo kLoopbackAdapterOnSegment{
    "loopback-adapter-on-segment", Error, "A loopback adapter is attached to a segment", "R11",
    "A KM-TEST loopback adapter is ARP-silent and connected to no network; that is what makes "
    "it the place for DSR VIPs. Attaching it to a segment contradicts the model."};
inline constexpr CheckInfo kInterfaceWithoutSegment{
    "interface-without-segment", Warning, "A network interface is attached to no segment", "",
    "An interface (other than a loopback adapter) that sits on no segment has no neighbours: "
    "nothing can reach its addresses and it cannot reach anything."};

// ---- receive connectors (R19, R20) ---------------------------------------------------

inline constexpr CheckInfo kBindingAddressAbsent{
    "binding-address-absent", Error,
    "A receive connector binds an address its server does not have", "R19",
    "R19(c): a binding's IP must be an address of the server. Otherwise the transport service "
    "that owns the connector fails to start (SERVICE_DOWN). Disabled connectors open no "
    "listener and are not checked."};
inline constexpr CheckInfo kRolePortConflict{
    "role-port-conflict", Error, "Receive connectors of different transport roles share a binding",
    "R19",
    "R19(b): on one server, connectors of the FrontendTransport and the HubTransport service must "
    "not have overlapping bindings. Exchange refuses the configuration (and CU setup fails); if "
    "forced, both services contend for the port (CONNECT_NONDETERMINISTIC, E18). Implicit "
    "default connectors (R18) count."};
inline constexpr CheckInfo kDuplicateBindingAndRange{
    "duplicate-binding-and-range", Error,
    "Receive connectors with overlapping bindings list the same remote range", "R19",
    "R19(a): connectors whose bindings overlap must differ in RemoteIPRanges, and an entry that "
    "appears in both (same first and last address) is a conflict: neither is more specific, so "
    "connector selection (R20) cannot decide."};
inline constexpr CheckInfo kRangePartialOverlap{
    "range-partial-overlap", Error,
    "Receive connectors with overlapping bindings have partially overlapping remote ranges", "R19",
    "R19(a): when bindings overlap, every pair of intersecting RemoteIPRanges entries must be "
    "strictly nested; partially overlapping entries make the most-specific choice (R20) "
    "ill-defined."};
inline constexpr CheckInfo kAuthNoneCombined{
    "auth-none-combined", Error, "AuthMechanism None is combined with other mechanisms", "R19",
    "R19(d): None means no authentication at all and is only valid on its own."};
inline constexpr CheckInfo kAuthBasicRequireTlsIncomplete{
    "auth-basic-require-tls-incomplete", Error, "BasicAuthRequireTLS lacks BasicAuth or Tls", "R19",
    "R19(d): BasicAuthRequireTLS only qualifies BasicAuth and needs Tls for STARTTLS."};
inline constexpr CheckInfo kAuthExternalAuthoritativeInvalid{
    "auth-external-authoritative-invalid", Error,
    "ExternalAuthoritative is combined with the wrong mechanisms or permission groups", "R19",
    "R19(d): ExternalAuthoritative combines only with Tls and requires PermissionGroups to be "
    "exactly ExchangeServers (R25 method M2)."};
inline constexpr CheckInfo kReceiveConnectorNoBindings{
    "receive-connector-no-bindings", Error, "A receive connector has no bindings", "R20",
    "Without a binding the connector listens nowhere and can never be selected (R20); Exchange "
    "requires at least one."};
inline constexpr CheckInfo kReceiveConnectorNoRemoteRanges{
    "receive-connector-no-remote-ranges", Error, "A receive connector has no RemoteIPRanges", "R20",
    "Without a RemoteIPRanges entry no client address matches, so the connector is never "
    "selected (R20); Exchange requires at least one."};
inline constexpr CheckInfo kPermissionGroupsGrantNothing{
    "permission-groups-grant-nothing", Warning, "A receive connector grants no rights", "R19",
    "R19(e): PermissionGroups None or Custom grant nothing implicitly; without explicit allow "
    "ACEs (Add-ADPermission) every MAIL FROM on this connector fails with 530 5.7.1."};

// ---- send connectors (R27, R28) -------------------------------------------------------

inline constexpr CheckInfo kSendConnectorNoAddressSpace{
    "send-connector-no-address-space", Error, "A send connector has no address spaces", "R27",
    "Connector selection (R27) matches recipient domains against address spaces; without one "
    "the connector is never chosen."};
inline constexpr CheckInfo kSendConnectorNoSmartHost{
    "send-connector-no-smart-host", Error, "DNS routing is off and no smart host is listed", "R28",
    "With DNSRoutingEnabled off the connector delivers only to its smart hosts (R28); with none "
    "listed every message routed to it stays queued."};
inline constexpr CheckInfo kSourceIpOnNonEdge{
    "source-ip-on-non-edge", Warning, "SourceIPAddress is set on a connector of a non-Edge server",
    "R28",
    "Only Edge Transport servers honour a send connector's SourceIPAddress (R28); on Mailbox "
    "servers the source address comes from Windows source selection (R2) and the setting is "
    "silently ignored."};
inline constexpr CheckInfo kSourceIpAbsent{
    "source-ip-absent", Error, "A send connector's SourceIPAddress is not an address of its server",
    "R28",
    "An Edge server can only send from an address it owns; a SourceIPAddress the server lacks "
    "makes outbound connections on this connector fail."};

// ---- load balancers (R9–R11) -----------------------------------------------------------

inline constexpr CheckInfo kVipEmptyPool{
    "vip-empty-pool", Error, "A VIP has no pool members", "",
    "A virtual server without members has nowhere to send connections; clients are reset or "
    "time out."};
inline constexpr CheckInfo kSnatAddressMissing{
    "snat-address-missing", Warning, "A SNAT VIP has no SNAT address", "R9",
    "Without an explicit SNAT address the load balancer uses automap (its first interface "
    "address). Members then see that address as the client of every connection (R9); name it "
    "explicitly so receive connector ranges can be reviewed against it (R40)."};
inline constexpr CheckInfo kPoolMemberAddressUnresolved{
    "pool-member-address-unresolved", Warning, "A pool member's address cannot be derived", "",
    "A pool member without an explicit address uses its host's address on a segment the load "
    "balancer is attached to; this host has none, so the member has no address."};
inline constexpr CheckInfo kPoolMemberAddressAbsent{
    "pool-member-address-absent", Error, "A pool member address is not an address of its host", "",
    "The load balancer would forward to an address the member host does not own."};
inline constexpr CheckInfo kPoolMemberOffSegment{
    "pool-member-off-segment", Info, "A pool member is reached through a router", "R10",
    "The member shares no segment with the load balancer, so traffic to it is routed. That works "
    "for SNAT; in transparent mode the member's replies must also return through the load "
    "balancer (R10)."};
inline constexpr CheckInfo kDsrMemberNotAdjacent{
    "dsr-member-not-adjacent", Warning,
    "A DSR pool member shares no segment with the load balancer", "R11",
    "R11 step 1: direct server return only rewrites the destination MAC, so the load balancer and "
    "every member must share one L2 segment (DSR_NOT_L2_ADJACENT)."};
inline constexpr CheckInfo kDsrMemberPort{
    "dsr-member-port", Warning, "A DSR pool member names a port the VIP cannot give it", "R11",
    "Direct server return rewrites only the destination MAC address: the member receives the "
    "VIP's own address and port, and its receive connector is chosen on them (R20). A member port "
    "other than the VIP's is never used."};
inline constexpr CheckInfo kDsrVipNotOnLoopback{
    "dsr-vip-not-on-loopback", Warning, "A DSR pool member lacks the VIP on a loopback adapter",
    "R11",
    "R11 step 2: with direct server return the member must own the VIP on an ARP-silent KM-TEST "
    "loopback adapter. Without it the member drops the traffic (NOT_LOCAL, client TIMEOUT); on a "
    "LAN NIC it answers ARP for the VIP (DSR_VIP_NOT_ARP_SILENT)."};

// ---- firewalls (R13, R15) ---------------------------------------------------------------

inline constexpr CheckInfo kUnknownZone{
    "unknown-zone", Error, "A firewall rule or interface names an unknown zone", "R13",
    "Zone names in rules and on interfaces must be zones of that firewall (or \"any\" in rules); "
    "a rule with an unknown zone never matches."};
inline constexpr CheckInfo kInboundNatTargetUnknown{
    "inbound-nat-target-unknown", Warning, "An inbound NAT rule forwards to an address nobody owns",
    "R15",
    "The inside address of an inbound NAT rule (R15) should be an address of a host, a device "
    "interface or a load balancer VIP in the design; otherwise the simulator cannot follow the "
    "translated traffic."};
inline constexpr CheckInfo kInterfaceWithoutZone{
    "interface-without-zone", Warning, "A firewall interface has no zone", "R13",
    "When a firewall defines zones, every interface should belong to one; the zone-based default "
    "policy (R13) cannot be applied to traffic on an interface without one."};

// ---- accepted domains and DNS ------------------------------------------------------------

inline constexpr CheckInfo kDuplicateAcceptedDomain{
    "duplicate-accepted-domain", Error, "An accepted domain is listed twice", "",
    "Exchange keeps one accepted domain per domain name (compared case-insensitively)."};
inline constexpr CheckInfo kMultipleDefaultDomains{
    "multiple-default-domains", Error, "More than one accepted domain is the default", "",
    "An Exchange organisation has exactly one default accepted domain."};
inline constexpr CheckInfo kInvalidDomainName{
    "invalid-domain-name", Error, "A domain name is not valid", "",
    "Accepted domains and send connector address spaces are host-name syntax: dot-separated "
    "labels of letters, digits and hyphens (1–63 characters, no leading or trailing hyphen, at "
    "most 253 in all), optionally preceded by \"*.\"; address spaces may also be \"*\"."};
inline constexpr CheckInfo kZoneOriginNotAbsolute{
    "zone-origin-not-absolute", Error, "A DNS zone origin does not end with a dot", "",
    "Zone origins are absolute names (\"contoso.example.\"); without the final dot the relative "
    "record names of the zone cannot be expanded unambiguously."};
inline constexpr CheckInfo kDnsRecordUnknownType{
    "dns-record-unknown-type", Error, "A DNS record has a type MailTopo does not know", "",
    "Supported record types: A, AAAA, MX, TXT, PTR, CNAME, NS, SOA, SRV and SPF."};
inline constexpr CheckInfo kDnsRecordNegativeTtl{
    "dns-record-negative-ttl", Error, "A DNS record has a negative TTL", "",
    "A TTL is a number of seconds from 0 to 2147483647."};
inline constexpr CheckInfo kDuplicateDnsZone{
    "duplicate-dns-zone", Error, "Two DNS zones have the same origin and view", "",
    "Each view (internal, external) holds at most one copy of a zone; with two, lookups depend on "
    "which one is read first."};

// ---- flows ---------------------------------------------------------------------------------

inline constexpr CheckInfo kFlowDestinationInvalid{
    "flow-destination-invalid", Error, "A flow's destination is not an address, host or MX lookup",
    "",
    "A flow's destination must be an IP address, the id of a host, or \"mx:<domain>\" for an MX "
    "lookup of that domain."};
inline constexpr CheckInfo kFlowSourceAddressAbsent{
    "flow-source-address-absent", Error, "A flow binds a source address its host does not have",
    "R2",
    "An explicitly bound source address (R2 step 1) must be an address of the flow's source "
    "host; the operating system refuses to bind any other."};
inline constexpr CheckInfo kFlowWithoutTarget{
    "flow-without-target", Error, "A flow names neither a destination nor a recipient", "R27",
    "A flow without a destination lets its source's routing choose the next hop: send "
    "connectors (R27/R28) on an Exchange server, the MX of the first recipient's domain on "
    "any other host. Both need a recipient, so give the flow a destination or an rcptTo."};
inline constexpr CheckInfo kFlowPoolMemberNotInPool{
    "flow-pool-member-not-in-pool", Error, "A flow's pool member is in no VIP's pool", "R9",
    "A flow's poolMember pins the member a VIP on its path sends it to. A host that no VIP "
    "has in its pool pins nothing, and the trace would silently take the first member."};

// Catalog order: by area, as above.
inline constexpr std::array kAll = {
    kDuplicateId,
    kEmptyId,
    kDanglingReference,
    kDanglingPlacement,
    kConnectorOnNonExchangeHost,
    kExchangePropertiesMissing,
    kExchangePropertiesUnexpected,
    kSmtpPropertiesOnExchange,
    kAddressOutsideSegment,
    kGatewayNotOnLink,
    kDuplicateAddress,
    kPrefixLengthOutOfRange,
    kLoopbackAdapterOnSegment,
    kInterfaceWithoutSegment,
    kBindingAddressAbsent,
    kRolePortConflict,
    kDuplicateBindingAndRange,
    kRangePartialOverlap,
    kAuthNoneCombined,
    kAuthBasicRequireTlsIncomplete,
    kAuthExternalAuthoritativeInvalid,
    kReceiveConnectorNoBindings,
    kReceiveConnectorNoRemoteRanges,
    kPermissionGroupsGrantNothing,
    kSendConnectorNoAddressSpace,
    kSendConnectorNoSmartHost,
    kSourceIpOnNonEdge,
    kSourceIpAbsent,
    kVipEmptyPool,
    kSnatAddressMissing,
    kPoolMemberAddressUnresolved,
    kPoolMemberAddressAbsent,
    kPoolMemberOffSegment,
    kDsrMemberNotAdjacent,
    kDsrMemberPort,
    kDsrVipNotOnLoopback,
    kUnknownZone,
    kInboundNatTargetUnknown,
    kInterfaceWithoutZone,
    kDuplicateAcceptedDomain,
    kMultipleDefaultDomains,
    kInvalidDomainName,
    kZoneOriginNotAbsolute,
    kDnsRecordUnknownType,
    kDnsRecordNegativeTtl,
    kDuplicateDnsZone,
    kFlowDestinationInvalid,
    kFlowSourceAddressAbsent,
    kFlowWithoutTarget,
    kFlowPoolMemberNotInPool,
};

}  // namespace mailtopo::analysis::checks
