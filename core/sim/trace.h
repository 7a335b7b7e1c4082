#pragma once
// What the simulator returns: a trace is data. The GUI plays it back, the CLI prints it,
// the report tabulates it and the analysis rules read it — none of them re-derives a
// decision. Modelled on Batfish's flow traces: typed steps, each naming the rule that
// decided and the inputs it looked at, and one disposition from a closed set.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/network.h"
#include "core/net/address.h"
#include "core/util/enum_text.h"

namespace mailtopo::sim {

// A TCP segment as a device sees it.
struct Packet {
    net::Address source;
    uint16_t sourcePort = 0;
    net::Address destination;
    uint16_t destinationPort = 0;
    enum class Flag : uint8_t { Syn, SynAck, Ack } flag = Flag::Syn;

    bool operator==(const Packet&) const = default;
};

enum class StepKind : uint8_t {
    Resolve,          // next hop name → address (MX, smart host, literal)
    SourceSelect,     // R2/R8: which local address the sender uses
    Route,            // R6: route lookup on a host, router or device
    HostSend,         // R5: strong/weak host send check
    HostReceive,      // R4: strong/weak host receive check, forwarding
    L2,               // who answers ARP / DSR MAC rewrite, adjacency
    Translate,        // NAT / LB rewrite (before → after)
    Filter,           // firewall ACL, LB source ACL, host firewall
    Session,          // stateful tracking (R13/R14)
    Handshake,        // R7 client acceptance of the SYN-ACK
    Listener,         // R18/R20: is anything bound to ip:port
    ConnectorSelect,  // R20: which receive connector, and why
    Principal,        // R21/R22: who the client is and its rights
    Smtp,             // R23: one command and its reply
    AntiSpam,         // R30–R32
    SendConnector,    // R27/R28
    Note,             // anything else worth telling the user
};

struct Step {
    StepKind kind = StepKind::Note;
    std::string rule;   // "R2", "R20" …
    model::Id element;  // the host/device/connector that decided
    std::string
        summary;  // one human sentence: "EX16 picks 10.0.0.100 (CPL 25 with gateway 10.0.0.1)"
    std::vector<std::pair<std::string, std::string>>
        inputs;                    // named inputs the decision used, in order
    std::optional<Packet> before;  // for route/translate/filter steps
    std::optional<Packet> after;

    bool operator==(const Step&) const = default;
};

// One leg of the handshake walking through the topology.
struct Leg {
    std::string name;  // the enumName of its packets' Packet::Flag: "SYN", "SYN-ACK", "ACK"
    std::vector<Step> steps;

    bool operator==(const Leg&) const = default;
};

// A stateful device that saw the connection, and in which directions (R13, R14).
struct SessionRecord {
    model::Id device;
    bool sawSyn = false;
    bool sawSynAck = false;
    bool sawAck = false;

    bool operator==(const SessionRecord&) const = default;
};

// Delivered, relayed, rejected …: the enumeration lives in the model so that a design flow
// can name the disposition it expects (model::Flow::expectedDisposition), with the same
// spellings `mailtopo-cli trace --expect` takes.
using DispositionKind = model::DispositionKind;

struct Disposition {
    DispositionKind kind = DispositionKind::InsufficientInfo;
    int smtpCode = 0;            // Rejected / QueuedRetry: 550, 451 …
    std::string enhancedStatus;  // Rejected / QueuedRetry: "5.7.54"
    std::string text;            // reply text, queue text, drop reason, reset-by, the missing piece
    model::Id element;           // who dropped/reset/rejected, or the element whose data is missing
    std::string rule;            // the domain rule that decided ("R13")

    bool operator==(const Disposition&) const = default;
};

// An SMTP reply that ended the dialogue (550 5.7.54 …), decided by `rule` at `element`.
inline Disposition rejection(int code, std::string status, std::string text, model::Id element,
                             std::string rule) {
    Disposition d;
    d.kind = DispositionKind::Rejected;
    d.smtpCode = code;
    d.enhancedStatus = std::move(status);
    d.text = std::move(text);
    d.element = std::move(element);
    d.rule = std::move(rule);
    return d;
}

// A FLAG(name) of domain-rules.md raised while tracing, with the evidence behind it.
struct TraceFlag {
    std::string name;                 // "ASYMMETRIC_PATH"
    std::string rule;                 // "R14"
    std::vector<model::Id> elements;  // the elements involved, most relevant first
    std::string detail;               // one sentence of evidence

    bool operator==(const TraceFlag&) const = default;
};

// What external receivers see of an outbound connection (input to the DNS/SPF checks).
struct EgressIdentity {
    net::Address publicAddress;  // after outbound NAT (R16)
    std::string heloName;
    std::string mailFromDomain;
    model::Id natDevice;  // the firewall that translated, empty when none did
    std::string natRule;  // the outbound NAT rule id, or "interface-pat"

    bool operator==(const EgressIdentity&) const = default;
};

// One TCP connection and the SMTP dialogue on it. A message that a gateway accepts and
// forwards gives a trace with several hops.
struct Hop {
    model::Id client;                          // the host that opens the connection
    model::Id server;                          // the host that answered, when one did
    std::vector<Step> setup;                   // next-hop resolution, send connector, source select
    std::vector<Leg> legs;                     // SYN, SYN-ACK, ACK in order
    std::vector<SessionRecord> sessions;       // stateful devices met
    std::vector<Step> smtp;                    // the dialogue, after a completed handshake
    std::optional<net::Address> chosenSource;  // the client's source address
    std::optional<net::Address> target;        // the address the client connected to
    uint16_t port = 25;
    std::optional<net::Address> seenSource;    // what the server saw (after every rewrite)
    std::optional<net::Address> localAddress;  // the server's address the SYN arrived for
    // The server's port the SYN arrived on, after every translation: a VIP :25 may hand the
    // connection to a member's :2525, and R20 chooses the connector by this port, not `port`.
    uint16_t localPort = 0;
    model::Id receiveConnector;                 // R20's choice
    std::string principal;                      // R21
    std::vector<std::string> rights;            // R22 short names: Submit, AnyRcpt …
    std::optional<net::Address> originatingIp;  // R30: what anti-spam judges
    std::optional<EgressIdentity> egress;       // when the connection left for the internet
    // How this hop ended on its own: the server's reply (250 for a hop that accepted and
    // forwards), or the drop, reset, missing piece … that stopped it. The trace's disposition
    // is the chain's: the last hop's result, or a mail loop's rejection.
    Disposition result;

    bool operator==(const Hop&) const = default;
};

struct Trace {
    std::string flowName;
    model::Id flowId;  // the design flow traced, empty for a standard or ad-hoc flow
    model::Id sourceHost;
    std::string destination;
    std::string mailFrom;
    std::vector<std::string> rcptTo;
    std::vector<Hop> hops;
    Disposition disposition;
    std::vector<TraceFlag> flags;  // sorted by name, then elements

    const Hop* lastHop() const { return hops.empty() ? nullptr : &hops.back(); }
    bool hasFlag(std::string_view name) const {
        for (const auto& flag : flags)
            if (flag.name == name)
                return true;
        return false;
    }

    bool operator==(const Trace&) const = default;
};

}  // namespace mailtopo::sim

namespace mailtopo {
// A packet's flag, as the trace JSON writes it; a Leg's name is the flag of its packets.
template <>
struct EnumTraits<sim::Packet::Flag> {
    static constexpr std::pair<sim::Packet::Flag, std::string_view> list[] = {
        {sim::Packet::Flag::Syn, "SYN"},
        {sim::Packet::Flag::SynAck, "SYN-ACK"},
        {sim::Packet::Flag::Ack, "ACK"}};
    static constexpr auto items = std::to_array(list);
};

template <>
struct EnumTraits<sim::StepKind> {
    static constexpr std::pair<sim::StepKind, std::string_view> list[] = {
        {sim::StepKind::Resolve, "resolve"},
        {sim::StepKind::SourceSelect, "source-select"},
        {sim::StepKind::Route, "route"},
        {sim::StepKind::HostSend, "host-send"},
        {sim::StepKind::HostReceive, "host-receive"},
        {sim::StepKind::L2, "l2"},
        {sim::StepKind::Translate, "translate"},
        {sim::StepKind::Filter, "filter"},
        {sim::StepKind::Session, "session"},
        {sim::StepKind::Handshake, "handshake"},
        {sim::StepKind::Listener, "listener"},
        {sim::StepKind::ConnectorSelect, "connector-select"},
        {sim::StepKind::Principal, "principal"},
        {sim::StepKind::Smtp, "smtp"},
        {sim::StepKind::AntiSpam, "anti-spam"},
        {sim::StepKind::SendConnector, "send-connector"},
        {sim::StepKind::Note, "note"}};
    static constexpr auto items = std::to_array(list);
};
}  // namespace mailtopo
