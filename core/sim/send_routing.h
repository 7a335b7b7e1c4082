#pragma once
// Exchange's sending side: which send connector carries a message (R27), and where it goes
// next — smart host or MX — and from which server (R28, R29).

#include <optional>
#include <string>
#include <vector>

#include "core/dns/resolver.h"
#include "core/model/design.h"
#include "core/model/design_lookup.h"
#include "core/sim/trace.h"

namespace mailtopo::sim {

struct NextHop {
    const model::SendConnector* connector = nullptr;
    model::Id sendingServer;              // may differ from the origin (R28)
    std::optional<net::Address> address;  // where to connect
    uint16_t port = 25;
    std::optional<net::Address> boundSource;  // Edge SourceIPAddress (R28)
    std::vector<Step> steps;                  // the decisions, for the trace
    std::string missing;                      // non-empty: what the design lacks
};

// R27 + R28 for a message from `server` to `recipientDomain`. `dns` answers MX and address
// queries as the sending server's resolver would (null: none known). The simulator passes
// its lookup: it routes every server's mail, and searching the design each time made that
// quadratic.
NextHop routeOutbound(const model::DesignLookup& lookup, const model::Host& server,
                      const std::string& recipientDomain, dns::Resolver* dns);
NextHop routeOutbound(const model::Design& design, const model::Host& server,
                      const std::string& recipientDomain, dns::Resolver* dns);

// R26: the port Exchange server `from` connects to on `to` for an intra-organisation hop:
// 2525 between 2013+ Transport services when `to` runs FrontendTransport on port 25, else 25
// (Edge, legacy 2007/2010 senders or targets — ASSUMPTION A16 — and 2013 Mailbox-only).
uint16_t intraOrganizationPort(const model::Host& from, const model::Host& to);

// A host's name as traces show it: its name, else its id.
std::string hostLabel(const model::Host& host);

// The name a relay says EHLO with when it sends a message on: its SMTP heloName, else its
// FQDN, else its label.
std::string relayHeloName(const model::Host& host);

// A host's address to connect to: its first address on a segment (loopback adapters last).
std::optional<net::Address> primaryAddress(const model::Host& host);

// "mail.example.net", "EX02", an IP: the design host or address that name stands for.
std::optional<net::Address> resolveHostName(const model::DesignLookup& lookup,
                                            const std::string& name, dns::Resolver* dns);
std::optional<net::Address> resolveHostName(const model::Design& design, const std::string& name,
                                            dns::Resolver* dns);

}  // namespace mailtopo::sim
