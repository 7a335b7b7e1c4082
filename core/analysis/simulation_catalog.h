#pragma once
// Internal to core/analysis: the simulation rules as constants, like check_catalog.h does
// for the structural checks. A rule reports through its constant, so a finding's id,
// severity, title and domain rule cannot drift from what the catalog lists.

#include <array>

#include "core/analysis/structure_checks.h"

namespace mailtopo::analysis::rules {

using enum Severity;

// ---- relaying and trust (R39–R43) --------------------------------------------------------

inline constexpr CheckInfo kInternetOpenRelay{
    "internet-open-relay", Error, "An internet host can relay through the organisation", "R39",
    "The relay probe (an internet host, MAIL FROM an external address, RCPT TO a domain the "
    "organisation does not accept) got 250 for the recipient on an internet-reachable entry. "
    "Usually a translation (inbound SNAT, a load balancer's SNAT) puts every internet sender "
    "inside a relay connector's RemoteIPRanges, or an Exchange 2003 SMTP connector allows "
    "relaying to '*' (R29)."};
inline constexpr CheckInfo kRelayViaLbSnat{
    "relay-via-lb-snat", Error, "A relay connector trusts a load balancer's SNAT address", "R40",
    "Members of a SNAT VIP see the balancer's address as the client of every connection (R9). "
    "A relay-capable connector whose RemoteIPRanges contain that address lets every host that "
    "can reach the VIP relay (E6)."};
inline constexpr CheckInfo kRelayScopeBroad{
    "relay-scope-broad", Warning, "A relay connector's RemoteIPRanges are broad", "R40",
    "A relay-capable connector (anonymous with Accept-Any-Recipient, or ExternalAuthoritative) "
    "should list the specific application hosts that relay. Entries larger than 16 addresses "
    "let any device in them relay (ASSUMPTION A22 threshold; S4: less is more)."};
inline constexpr CheckInfo kSpoofInternal{
    "spoof-internal", Error, "Hosts that are not Exchange servers are fully trusted", "R41",
    "An ExternalAuthoritative connector gives every client in its RemoteIPRanges the "
    "Accept-Authentication-Flag and Bypass-Anti-Spam rights: such hosts can send as any "
    "internal user, resolved against the GAL, with no anti-spam (R25 method M2)."};
inline constexpr CheckInfo kCoexistenceAuthBreak{
    "coexistence-auth-break", Error,
    "An Exchange server lands on a connector without Exchange Server authentication", "R42",
    "A relay connector on port 25 whose RemoteIPRanges contain another Exchange server, and "
    "which lacks the ExchangeServer auth mechanism, captures that server's intra-organisation "
    "hops: they fail with 451 5.7.3 and mail queues (R26, E7)."};
inline constexpr CheckInfo kGatewayInRelayRange{
    "gateway-in-relay-range", Warning, "A server's default gateway is inside a relay range", "R43",
    "Any device behind that gateway that performs source NAT (a firewall's inbound SNAT, a "
    "VPN, a proxy) makes its traffic arrive from the gateway address and inherit the relay "
    "right; with inbound SNAT from the internet it is an open relay (E8)."};

// ---- paths (R44) ----------------------------------------------------------------------------

inline constexpr CheckInfo kAsymmetricPath{
    "asymmetric-path", Error, "A stateful firewall sees only one direction of a connection", "R14",
    "Every stateful device must see both the SYN and the SYN-ACK. A firewall only on the forward "
    "path drops the client's ACK (3WHS_FAILED); only on the reply path it drops the SYN-ACK "
    "(NO_STATE). Either way the client times out (E11)."};
inline constexpr CheckInfo kHandshakeSourceMismatch{
    "handshake-source-mismatch", Error,
    "The server answers from an address the client did not call", "R7",
    "A transparent load balancer or DSR set-up whose reply does not come back from the VIP: the "
    "client's TCP stack matches no connection and resets it, or a firewall finds no state (E12)."};
inline constexpr CheckInfo kStrongHostDrop{
    "strong-host-drop", Error, "Windows' strong host model drops the connection", "R4",
    "Windows Server 2008 and later only accept a packet on the interface that owns its "
    "destination, and only send a packet out of the interface that owns its source, unless "
    "WeakHostReceive / WeakHostSend are enabled (R4, R5; E4, E12)."};
inline constexpr CheckInfo kNoListener{
    "no-listener", Error, "Nothing listens where a client connects", "R20",
    "No enabled receive connector (or SMTP service) binds the address and port the client "
    "connects to, so the server resets the connection."};
inline constexpr CheckInfo kSmtpVerbsStripped{
    "smtp-verbs-stripped", Error, "A device strips the verbs Exchange servers authenticate with",
    "R17",
    "SMTP inspection that removes X-ANONYMOUSTLS, X-EXPS or GSSAPI from EHLO replies makes "
    "Exchange Server authentication impossible between servers; Microsoft does not support "
    "altering traffic between Exchange servers."};
inline constexpr CheckInfo kConnectorBindingConflict{
    "connector-binding-conflict", Error, "Connector selection is not deterministic", "R20",
    "Two connectors answer the same client on the same listener equally specifically, or both "
    "transport services bind the same port (CONNECT_NONDETERMINISTIC): which one takes the "
    "session is left to chance."};
inline constexpr CheckInfo kDsrMisconfigured{
    "dsr-misconfigured", Error, "A DSR pool member misses part of the DSR checklist", "R11",
    "A direct-server-return member needs the VIP on an ARP-silent KM-TEST loopback adapter, "
    "WeakHostReceive on the LAN NIC, WeakHostSend on the loopback, loopback metric 254, the "
    "host firewall open for the VIP and an SMTP listener covering it."};

inline constexpr CheckInfo kMailLoop{
    "mail-loop", Error, "A message comes back to a host it already passed", "R1",
    "Each host on the way hands the message to the next, and the last hands it back: it goes "
    "round until a receiver counts more Received headers than it allows (Exchange: "
    "Set-ReceiveConnector -MaxHopCount, 30) and rejects it with 554 5.4.14 Hop count exceeded. "
    "Typical causes: an InternalRelay or subdomain that no send connector covers, so the "
    "\"*\" connector sends it to the MX, which is the organisation itself; a gateway whose next "
    "hop is the host that sent to it."};
inline constexpr CheckInfo kRoutingLoop{
    "routing-loop", Error, "Packets circle between routers", "R6",
    "Each router on the cycle routes the destination to the next one and the last routes it "
    "back: the packets go round until their TTL runs out and the connection never opens. One "
    "of them needs a route that leads towards the destination (a more specific route, or a "
    "default gateway that does not point back)."};

// ---- addresses (R3, R30, R46) -----------------------------------------------------------

inline constexpr CheckInfo kSourceIpDrift{
    "source-ip-drift", Warning, "A server sends from an address its outbound NAT does not expect",
    "R46",
    "Windows picks the source address by longest common prefix with the next hop (R2), not by "
    "order. When it picks an address the firewall's outbound NAT does not map, mail leaves from "
    "another public IP than SPF, PTR and partner allow-lists name (E17)."};
inline constexpr CheckInfo kMultiARegistration{
    "multi-a-registration", Warning, "A NIC registers several addresses in DNS", "R3",
    "With 'Register this connection's addresses in DNS' on, every address that is not "
    "SkipAsSource gets an A record for the host name, so clients and partners resolve the "
    "server to addresses it does not send from."};
inline constexpr CheckInfo kDnsRegistrationDisabled{
    "dns-registration-disabled", Warning, "An Exchange 2013 server's NIC does not register in DNS",
    "R3",
    "Exchange 2013's Managed Availability probes the server by its DNS name; with 'Register this "
    "connection's addresses in DNS' off on the server's NIC the probes fail and the server is "
    "restarted (S0). Use SkipAsSource to keep extra addresses out of DNS instead."};
inline constexpr CheckInfo kInternalSmtpServersMissing{
    "internal-smtp-servers-missing", Warning,
    "A gateway that relays inbound mail is not in InternalSMTPServers", "R30",
    "Anti-spam agents judge the first IP outside InternalSMTPServers. A gateway missing from "
    "the list makes Sender ID, connection filtering and block lists judge the gateway instead "
    "of the real sender (E13)."};
inline constexpr CheckInfo kClientIpHiddenBySnat{
    "client-ip-hidden-by-snat", Warning, "Source NAT hides the real client from Exchange", "R9",
    "A load balancer SNAT or a firewall's inbound SNAT makes every client arrive from one "
    "address: RemoteIPRanges cannot tell clients apart, anti-spam and protocol logs see that "
    "address only (R9, R15, R30)."};
inline constexpr CheckInfo kDynamicAddress{
    "dynamic-address", Warning, "A mail server's address comes from DHCP", "R46",
    "A lease can change the address: connector ranges, SPF, PTR and NAT rules that name it go "
    "stale, and receivers treat dynamic-looking senders as spam sources (R47, S1)."};

// ---- the design's own expectations (R1) ----------------------------------------------------

inline constexpr CheckInfo kFlowDispositionUnexpected{
    "flow-disposition-unexpected", Error, "A flow does not end the way the design expects", "R1",
    "The design flow states how its trace should end (\"expectedDisposition\": delivered, "
    "rejected …) and the simulator's trace of it ends otherwise: a change to the design broke "
    "a path the design relies on, or the expectation is out of date."};

inline constexpr auto kAll = std::to_array<CheckInfo>({
    kInternetOpenRelay,
    kRelayViaLbSnat,
    kRelayScopeBroad,
    kSpoofInternal,
    kCoexistenceAuthBreak,
    kGatewayInRelayRange,
    kAsymmetricPath,
    kHandshakeSourceMismatch,
    kStrongHostDrop,
    kNoListener,
    kSmtpVerbsStripped,
    kConnectorBindingConflict,
    kDsrMisconfigured,
    kMailLoop,
    kRoutingLoop,
    kSourceIpDrift,
    kMultiARegistration,
    kDnsRegistrationDisabled,
    kInternalSmtpServersMissing,
    kClientIpHiddenBySnat,
    kDynamicAddress,
    kFlowDispositionUnexpected,
});

}  // namespace mailtopo::analysis::rules
