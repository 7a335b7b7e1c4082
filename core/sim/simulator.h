#pragma once
// The simulator: traces one SMTP connection attempt hop by hop through a design (R1) and
// returns a Trace. It decides; every face (GUI, CLI, report, analysis rules) only reads the
// trace. Indexes (addresses, ARP owners, routes, receive connector ranges) are built once in
// the constructor, so tracing thousands of flows over one design stays cheap.
//
// A Simulator keeps a reference to the design: the design must outlive it and must not
// change while it exists. trace() may be called from several threads at once: the only
// state it fills lazily (the receive connector indexes) is guarded.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/design.h"
#include "core/net/address.h"
#include "core/sim/trace.h"

namespace mailtopo::sim {

struct TraceRequest {
    std::string name;  // shown in the trace ("WS77 to VIP")
    model::Id flowId;  // the design flow this request comes from, if any
    model::Id sourceHost;
    std::optional<net::Address> sourceAddress;  // explicit bind (R2 step 1)
    // An IP address, "IP:port", a host id, "mx:domain", or "mx:" (the first recipient's
    // domain). Empty: an Exchange server sends through its send connectors to the first
    // recipient's domain (R27, R28).
    std::string destination;
    uint16_t port = 25;  // used unless `destination` carries a port
    std::string helo;    // empty: the source host's FQDN
    std::string mailFrom;
    std::vector<std::string> rcptTo;
    bool followOnward = true;  // continue when a gateway accepts and forwards the message
    model::Id poolMember;      // a VIP with this host in its pool sends to it (else the first)
    // Where an MX lookup (a relay's "mx:" next hop) goes when the design's DNS has no MX for
    // the recipient's domain: the standard outbound flows' stand-in internet receiver. Unset:
    // the missing MX ends the trace insufficient-info.
    std::optional<net::Address> internetReceiver;
    // Off: the trace keeps its decisions (addresses, translations, connector, principal,
    // disposition, flags) but leaves out the route and SMTP dialogue lines, which is what
    // bulk analysis needs; a face that shows the trace re-runs it with explain on.
    bool explain = true;
};

TraceRequest requestFromFlow(const model::Flow& flow);

// R20 on its own, for tests and benchmarks.
struct ConnectorChoice {
    const model::ReceiveConnector* connector = nullptr;  // null: none matched
    bool anyBound = false;          // some enabled connector binds (local, port)
    bool ambiguous = false;         // AMBIGUOUS_CONNECTOR: a tie R20 step 4 could not break
    bool nondeterministic = false;  // CONNECT_NONDETERMINISTIC: both transport roles bind it
    // The chosen connector's most specific RemoteIPRanges entry containing the source; valid
    // as long as the Simulator.
    const net::IpRange* matchedRange = nullptr;
};

class Simulator {
public:
    explicit Simulator(const model::Design& design);
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    const model::Design& design() const;

    Trace trace(const TraceRequest& request) const;

    // The receive connectors of a server as the simulator sees them: the declared ones plus,
    // when the server leaves them implicit, the R18 defaults Exchange creates.
    const std::vector<model::ReceiveConnector>& receiveConnectorsOf(const model::Id& server) const;

    ConnectorChoice chooseConnector(const model::Id& server, const net::Address& local,
                                    uint16_t port, const net::Address& seenSource) const;

    // The address load balancer `loadBalancer` sends `member`'s connections of `family` to
    // (R9–R11), as the trace would; nothing when the design does not say.
    std::optional<net::Address> poolMemberAddress(const model::Id& loadBalancer,
                                                  const model::PoolMember& member,
                                                  net::Family family) const;

    // R2 / R8: the source address `host` uses towards `destination`, or nothing when it has
    // no route. `reason` receives the step that decided ("4c: CPL 25 with next hop 10.0.0.1").
    std::optional<net::Address> selectSource(const model::Id& host, const net::Address& destination,
                                             std::string* reason = nullptr) const;

    class Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace mailtopo::sim
