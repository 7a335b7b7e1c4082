#pragma once
// One TCP connection attempt walked through the topology (R1 steps 2–6): the client's
// source choice, the SYN's forward walk through routers, load balancers (R9–R12) and
// firewalls (R13, R15–R17), the server's receive check and listener (R4, R20), the SYN-ACK
// walked back from the server's own stack (R5, R7) through the devices' state, the client's
// acceptance (R7), and the third leg through the stateful checks again (R13, R14).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/receive_connectors.h"
#include "core/sim/topology.h"
#include "core/sim/trace.h"

namespace mailtopo::sim {

struct ConnectionRequest {
    uint32_t client = kNone;
    std::optional<net::Address> boundSource;
    net::Address target;
    uint16_t port = 25;
    model::Id poolMember;  // preferred VIP pool member (else the first, A23)
    bool explain = true;   // record route and receive steps (translations are always kept)
};

struct ConnectionResult {
    enum class Outcome : uint8_t { Established, LeftDesign, Failed } outcome = Outcome::Failed;
    Hop hop;                  // setup, legs, sessions, addresses and server filled in
    uint32_t server = kNone;  // the host node that accepted the connection
    Disposition failure;      // when Failed
    std::vector<TraceFlag> flags;
    std::vector<std::pair<std::string, model::Id>> strippedVerbs;  // R17, with the device
};

ConnectionResult traceConnection(const Topology& topology, const ReceiveConnectorTable& connectors,
                                 const ConnectionRequest& request);

// A packet as "10.0.0.77:49152 -> 10.0.0.50:25".
std::string packetText(const Packet& packet);

}  // namespace mailtopo::sim
