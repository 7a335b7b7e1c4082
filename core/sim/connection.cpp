#include "core/sim/connection.h"

#include <algorithm>

#include "core/sim/host_stack.h"
#include "core/sim/packet_walk.h"

namespace mailtopo::sim {

using namespace detail;

std::string packetText(const Packet& p) {
    auto endpoint = [](const net::Address& a, uint16_t port) {
        std::string out;
        if (a.isV6())
            out += '[';
        out += a.toString();
        if (a.isV6())
            out += ']';
        out += ':';
        out += std::to_string(port);
        return out;
    };
    return endpoint(p.source, p.sourcePort) + " -> " + endpoint(p.destination, p.destinationPort);
}

namespace {

bool isInternetSide(const model::Host& host) {
    return host.kind == model::HostKind::InternetSender || host.kind == model::HostKind::Partner;
}

// A receiver of the design that stands for the outside world (an internet or partner MTA),
// reached from an internet segment by a sender of the organisation: the connection leaves
// the design there even though the receiver is drawn, and without a NAT device on the way
// (a host with its own public address) the receiver sees the client's own source (R16).
bool isOutsideReceiver(const Topology& topology, const model::Host& client,
                       const model::Host& server, uint32_t ingress) {
    return !isInternetSide(client) && isInternetSide(server) && ingress != kNone &&
           topology.isInternetSegment(topology.interface(ingress).segmentId);
}

}  // namespace

ConnectionResult traceConnection(const Topology& topology, const ReceiveConnectorTable& connectors,
                                 const ConnectionRequest& request) {
    ConnectionResult result;
    Hop& hop = result.hop;
    const Node& client = topology.node(request.client);
    hop.client = client.id;
    hop.target = request.target;
    hop.port = request.port;
    ConnectionWalk walk(topology, result, request.poolMember, request.explain);

    // Source address (R2, R3, R8).
    const auto choice =
        selectSourceAddress(topology, request.client, request.target, request.boundSource);
    {
        Step s;
        s.kind = StepKind::SourceSelect;
        s.rule = choice.rule;
        s.element = client.id;
        s.summary = choice.address ? client.name + " sends from " + choice.address->toString() +
                                         ": " + choice.reason
                                   : choice.reason;
        s.inputs.emplace_back("destination", request.target.toString());
        if (choice.route && choice.route->nextHop)
            s.inputs.emplace_back("next hop", choice.route->nextHop->toString());
        hop.setup.push_back(std::move(s));
    }
    if (choice.skipAsSourceFallback)
        walk.flag("SKIPASSOURCE_ALL", "R2", {topology.interface(choice.interface).id},
                  "every address of " + topology.interface(choice.interface).label +
                      " is SkipAsSource; Windows sends from one anyway");
    if (!choice.address) {
        bool anyAddress = false;
        for (uint32_t itf : client.interfaces)
            anyAddress = anyAddress || !topology.interface(itf).addresses->empty();
        if (!anyAddress)
            walk.fail(DispositionKind::InsufficientInfo,
                      "an IP address of " + client.name + " (it has no NIC with an address)",
                      client.id, "R2");
        else if (choice.error == "BIND_ADDRESS_ABSENT")
            walk.fail(DispositionKind::Dropped,
                      "CONFIG_ERROR(BIND_ADDRESS_ABSENT): " + choice.reason, client.id, "R2");
        else
            walk.fail(DispositionKind::Dropped, choice.error + ": " + choice.reason, client.id,
                      choice.rule);
        return result;
    }
    hop.chosenSource = choice.address;

    // SYN.
    Packet syn{*choice.address, kClientPort, request.target, request.port, Packet::Flag::Syn};
    Leg synLeg{"SYN", {}};
    const auto arrived = walk.walk(syn, request.client, synLeg);
    hop.legs.push_back(std::move(synLeg));
    auto recordSessions = [&] {
        hop.egress = walk.egressIdentity;
        for (const auto& s : walk.sessions())
            if (topology.node(s.node).kind == NodeKind::Firewall)
                hop.sessions.push_back({topology.node(s.node).id, s.sawSyn, s.sawSynAck, s.sawAck});
    };
    if (arrived.end == WalkEnd::LeftDesign) {
        recordSessions();
        if (!hop.egress) {
            EgressIdentity id;
            id.publicAddress = arrived.packet.source;
            hop.egress = id;
        }
        result.outcome = ConnectionResult::Outcome::LeftDesign;
        return result;
    }
    if (arrived.end != WalkEnd::Arrived) {
        recordSessions();
        return result;
    }
    const Node& server = topology.node(arrived.node);
    hop.server = server.id;
    hop.seenSource = arrived.packet.source;
    hop.localAddress = arrived.packet.destination;
    hop.localPort = arrived.packet.destinationPort;
    result.server = arrived.node;

    // Listener (R1 step 4, R18, R20).
    const auto& host = *server.host;
    const bool listens = host.exchange ? connectors.listens(host.id, arrived.packet.destination,
                                                            arrived.packet.destinationPort)
                                       : host.smtp && std::find(host.smtp->listenPorts.begin(),
                                                                host.smtp->listenPorts.end(),
                                                                arrived.packet.destinationPort) !=
                                                          host.smtp->listenPorts.end();
    {
        Step s;
        s.kind = StepKind::Listener;
        s.rule = host.exchange ? "R20" : "R1";
        s.element = server.id;
        const std::string endpoint = arrived.packet.destination.toString() + ":" +
                                     std::to_string(arrived.packet.destinationPort);
        s.summary = listens ? server.name + " listens on " + endpoint
                            : "nothing on " + server.name + " listens on " + endpoint;
        hop.legs.back().steps.push_back(std::move(s));
    }
    if (!listens) {
        recordSessions();
        walk.fail(DispositionKind::Reset,
                  "reset by " + server.name + ": no listener on " +
                      arrived.packet.destination.toString() + ":" +
                      std::to_string(arrived.packet.destinationPort),
                  server.id, "R20");
        walk.flag("NO_LISTENER", "R20", {server.id},
                  "no enabled receive connector of " + server.name + " binds " +
                      arrived.packet.destination.toString() + ":" +
                      std::to_string(arrived.packet.destinationPort));
        return result;
    }

    // SYN-ACK from the address the SYN was sent to (R7), walked back from the server.
    Packet synAck = reversed(arrived.packet);
    synAck.flag = Packet::Flag::SynAck;
    Leg synAckLeg{"SYN-ACK", {}};
    const auto back = walk.walk(synAck, arrived.node, synAckLeg);
    hop.legs.push_back(std::move(synAckLeg));
    if (back.end != WalkEnd::Arrived || back.node != request.client) {
        if (back.end == WalkEnd::Arrived || back.end == WalkEnd::LeftDesign)
            walk.fail(DispositionKind::Dropped,
                      "the SYN-ACK never reaches " + client.name + ": the client times out",
                      server.id, "R7");
        recordSessions();
        return result;
    }
    {
        Step s;
        s.kind = StepKind::Handshake;
        s.rule = "R7";
        s.element = client.id;
        s.before = back.packet;
        const bool match =
            back.packet.source == request.target && back.packet.sourcePort == request.port;
        const std::string expected = request.target.toString() + ":" + std::to_string(request.port);
        if (!match) {
            s.summary = client.name + " sent its SYN to " + expected +
                        " but the SYN-ACK comes from " + back.packet.source.toString() + ":" +
                        std::to_string(back.packet.sourcePort) + ": no such connection, RST";
            hop.legs.back().steps.push_back(std::move(s));
            walk.fail(DispositionKind::Reset, "reset by " + client.name + " (client)", client.id,
                      "R7");
            walk.flag("HANDSHAKE_SRC_MISMATCH", "R7", {client.id, server.id},
                      "the SYN-ACK comes from " + back.packet.source.toString() + " instead of " +
                          request.target.toString());
            recordSessions();
            return result;
        }
        s.summary = client.name + " accepts the SYN-ACK from " + expected;
        hop.legs.back().steps.push_back(std::move(s));
    }

    // ACK: the forward path again, through the stateful checks (R13, R14).
    Packet ack = syn;
    ack.flag = Packet::Flag::Ack;
    Leg ackLeg{"ACK", {}};
    const auto third = walk.walk(ack, request.client, ackLeg);
    hop.legs.push_back(std::move(ackLeg));
    recordSessions();
    if (third.end != WalkEnd::Arrived || third.node != arrived.node) {
        if (result.failure.text.empty())
            walk.fail(DispositionKind::Timeout, "the client's ACK never reaches " + server.name,
                      server.id, "R13");
        return result;
    }
    if (!hop.egress && isOutsideReceiver(topology, *client.host, host, arrived.ingress)) {
        EgressIdentity id;
        id.publicAddress = arrived.packet.source;
        hop.egress = id;
    }
    result.outcome = ConnectionResult::Outcome::Established;
    return result;
}

}  // namespace mailtopo::sim
