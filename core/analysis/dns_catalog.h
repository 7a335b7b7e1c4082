#pragma once
// Internal to core/analysis: the design-level DNS rules (R33–R38) as constants, like
// simulation_catalog.h does for the simulation rules. A rule reports through its constant,
// so a finding's id, severity, title and domain rule cannot drift from what the catalog lists.
//
// Severities, one per rule:
// - SPF that does not pass for the design's own egress is an error whatever the result
//   (fail, softfail, neutral, none, permerror): DMARC and most large receivers treat anything
//   but pass as unauthenticated mail.
// - A broken record (two records, syntax, lookup or void limits) is a permerror for some or
//   all clients: an error.
// - FCrDNS failure is an error: large receivers refuse senders without forward-confirmed
//   reverse DNS.
// - R38 (SORBS-DUHL style TTL and MX/PTR consistency) is a note: an optional receiver policy
//   that S1 itself calls overly restrictive; the hard failures have their own rules above.
// - An MX host that leads to no internet entry of the design is an error: inbound mail
//   cannot arrive there.

#include <array>

#include "core/analysis/structure_checks.h"

namespace mailtopo::analysis::dnsrules {

using enum Severity;

inline constexpr CheckInfo kSpfEgressNotAuthorized{
    "spf-egress-not-authorized", Error,
    "Mail leaves from an address the sender domain's SPF does not authorize", "R34",
    "For every egress identity the simulator finds (the public address after outbound NAT, "
    "the HELO name and the MAIL FROM domain of a connection that leaves for the internet), "
    "RFC 7208 check_host() runs against the design's external DNS zones (R33, R34). Any result "
    "but pass (fail, softfail, neutral, none, permerror) means receivers cannot authenticate "
    "the mail. Every hop of every traced flow counts, along chains of relays. A hop to a smart "
    "host is not checked itself: the final receiver sees the smart host, so its onward "
    "connection is checked, or, when the trace stops at it, its own address (R29). "
    "Domains the design has no external zone for are not checked."};
inline constexpr CheckInfo kSpfMultipleRecords{
    "spf-multiple-records", Error, "A domain publishes more than one SPF record", "R33",
    "Record discovery keeps the TXT records that start with v=spf1; two or more are a permerror "
    "for every client, even one that both records list (E15). Checked for the accepted domains, "
    "the MAIL FROM domains of the design's flows and everything their records include."};
inline constexpr CheckInfo kSpfSyntax{
    "spf-syntax", Error, "An SPF record does not parse", "R34",
    "The whole record is parsed before evaluation: an unknown mechanism, a bad CIDR length or "
    "macro, a duplicate redirect= or exp= anywhere is a permerror for every client, even after "
    "a term that would have matched (A20)."};
inline constexpr CheckInfo kSpfLookupLimit{
    "spf-lookup-limit", Error, "An SPF policy needs more than 10 DNS lookups", "R35",
    "include, a, mx, ptr, exists and redirect each cost one lookup over the whole evaluation, "
    "nested records included; the 11th is a permerror (E14). Reported when an evaluation of the "
    "design's senders ends that way, and when the lookup terms of the whole include/redirect "
    "tree add up to more than 10 (SPF_LOOKUP_RISK): a client no term matches walks them all."};
inline constexpr CheckInfo kSpfVoidLookups{
    "spf-void-lookups", Error, "An SPF policy has more than two targets that do not resolve", "R35",
    "A lookup that answers NXDOMAIN or no records is a void lookup; the third one is a "
    "permerror, not a fail (E16). Stale a:, mx: and exists: targets left behind after a "
    "migration are the usual cause."};
inline constexpr CheckInfo kFcrdnsFail{
    "fcrdns-fail", Error, "An egress address has no forward-confirmed reverse DNS", "R37",
    "Receivers look up the PTR of the connecting address and then the addresses of the names "
    "it gives; one of them must be the connecting address (iprev, RFC 8601). No PTR record, or "
    "no name that resolves back, makes many receivers refuse or down-rank the mail. Checked "
    "where the design carries the reverse zone (add it, view external, to check it)."};
inline constexpr CheckInfo kDuhlPolicy{
    "duhl-policy", Info, "MX, A and PTR records miss the SORBS-DUHL static-sender policy", "R38",
    "Some receivers treat a sender as dynamic unless every MX host of the sending domain has an "
    "MX and an A record with a TTL of at least 43200 s, the MX host maps to the sending address, "
    "and the sending address's PTR names that MX host with a TTL of at least 43200 s (S1)."};
inline constexpr CheckInfo kMxUnreachable{
    "mx-unreachable", Error, "An MX host does not lead to an internet entry of the design", "R28",
    "Senders resolve the MX hosts of an accepted domain (or its address record when there is no "
    "MX, R28) in external DNS and connect to port 25 there. The address must be an inbound NAT "
    "public address for port 25 (R15), a port-25 VIP on an internet segment (R9–R11) or a "
    "design host on an internet segment; otherwise inbound mail goes nowhere. MX hosts outside "
    "the design's zones (a hosted filtering service) are not checked."};

// Only `dns-check --server`: it compares the design with a live server.
inline constexpr CheckInfo kDnsLiveMismatch{
    "dns-live-mismatch", Warning, "Live DNS differs from the design's zone data", "",
    "dns-check --server asks the server for every name and type the design's external zones "
    "hold and lists what is missing, extra, different or published with another TTL. Either "
    "the design is out of date or the published zone is: the DNS checks only judge the design."};

inline constexpr auto kAll = std::to_array<CheckInfo>({
    kSpfEgressNotAuthorized,
    kSpfMultipleRecords,
    kSpfSyntax,
    kSpfLookupLimit,
    kSpfVoidLookups,
    kFcrdnsFail,
    kDuhlPolicy,
    kMxUnreachable,
});

}  // namespace mailtopo::analysis::dnsrules
