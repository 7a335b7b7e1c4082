#pragma once
// A host's own network stack: which source address it picks (R2, R3, R8), whether a packet
// it receives is local (R4), and which routes it may send through (R5, R6). Windows rules
// apply to Windows hosts; other systems follow the weak host model with the outgoing
// interface's first address as source, which is what Linux and appliances do by default.

#include <optional>
#include <string>

#include "core/sim/topology.h"

namespace mailtopo::sim {

struct SourceChoice {
    std::optional<net::Address> address;  // empty: no route or no usable address
    uint32_t interface = kNone;           // the interface that owns the chosen address
    const RouteEntry* route = nullptr;    // the route towards the destination
    std::string rule;                     // "R2", "R8", "R3"
    std::string reason;                   // which step decided, with the CPL values
    bool skipAsSourceFallback = false;    // R2 step 3 ASSUMPTION: FLAG(SKIPASSOURCE_ALL)
    std::string error;                    // BIND_ADDRESS_ABSENT / NO_ROUTE
};

SourceChoice selectSourceAddress(const Topology& topology, uint32_t host,
                                 const net::Address& destination,
                                 const std::optional<net::Address>& bound);

// R4: a packet for `destination` arriving on `ingress` of a host.
enum class ReceiveVerdict : uint8_t { Local, Forward, DropStrongHost, DropNotLocal };
struct ReceiveCheck {
    ReceiveVerdict verdict = ReceiveVerdict::DropNotLocal;
    uint32_t owner = kNone;  // the interface carrying the destination, when local
    std::string reason;
};
ReceiveCheck receiveCheck(const Topology& topology, uint32_t ingress,
                          const net::Address& destination);

// R5 + R6: the route a host uses to send a packet from `source` to `destination`. With a
// strong-host source interface only its own routes count.
struct SendCheck {
    const RouteEntry* route = nullptr;
    bool strongHostDrop = false;  // a route exists, but not out of the source's interface
    std::string reason;
};
SendCheck sendRoute(const Topology& topology, uint32_t host, const net::Address& source,
                    const net::Address& destination);

bool isWindows(const model::Host& host);
bool isPre2008Windows(const model::Host& host);

}  // namespace mailtopo::sim
