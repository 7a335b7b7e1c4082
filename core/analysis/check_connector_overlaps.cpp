// Receive connectors against each other on one server (R19 a–b): overlapping bindings across
// transport roles, and overlapping bindings whose RemoteIPRanges leave connector selection
// (R20) undecided. Exchange's own default connectors (R18) take part when the design leaves
// them implicit, because a custom port-25 connector in the wrong role collides with the
// implicit Default Frontend connector (E18).

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"
#include "core/sim/receive_connectors.h"

namespace mailtopo::analysis::detail {
namespace {

using model::ExchangeRole;
using model::ExchangeVersion;
using model::TransportRole;

constexpr size_t kNotDefault = SIZE_MAX;

// A receive connector as the overlap checks see it: declared in the design or implied by R18.
struct Listener {
    std::string identity;  // EX16\Relay
    model::Id id;
    bool implicit = false;
    // Its place among the server's R18 defaults when it is one, implicit or declared under a
    // default's name (imported, or made explicit): the checks treat both alike, so making the
    // defaults explicit (format --explicit-defaults) changes no finding.
    size_t defaultRank = kNotDefault;
    const model::ReceiveConnector* connector = nullptr;  // null when implicit
    size_t documentIndex = 0;                            // in design.receiveConnectors
    TransportRole role = TransportRole::FrontendTransport;
    std::vector<net::Binding> bindings;
    std::vector<net::IpRange> ranges;

    bool isDefault() const { return defaultRank != kNotDefault; }
    std::string describe() const {
        return identity + " (" + std::string(enumName(role)) +
               (isDefault() ? ", Exchange default connector" : "") + ")";
    }
    std::string pointer() const { return indexed("", "receiveConnectors", documentIndex); }
};

// R18's table lives with the simulator, which runs these connectors; the checks read it.
size_t defaultRankOf(const std::vector<model::ReceiveConnector>& defaults,
                     const std::string& name) {
    for (size_t i = 0; i < defaults.size(); ++i)
        if (equalsIgnoreCase(defaults[i].name, name))
            return i;
    return kNotDefault;
}

std::vector<Listener> implicitListeners(
    const model::Host& host, const std::vector<model::ReceiveConnector>& defaults,
    const std::vector<const model::ReceiveConnector*>& declared) {
    std::vector<Listener> out;
    if (!host.exchange || !host.exchange->implicitDefaultConnectors)
        return out;
    for (size_t rank = 0; rank < defaults.size(); ++rank) {
        const auto& implicit = defaults[rank];
        // A declared connector of the same name is that default connector, as imported or edited.
        bool declaredAlready = false;
        for (const auto* connector : declared)
            declaredAlready = declaredAlready || equalsIgnoreCase(connector->name, implicit.name);
        if (declaredAlready)
            continue;
        Listener listener;
        listener.identity = hostLabel(host) + "\\" + implicit.name;
        listener.id = implicit.id;
        listener.implicit = true;
        listener.defaultRank = rank;
        listener.role = implicit.transportRole;
        listener.bindings = implicit.bindings;
        listener.ranges = implicit.remoteIpRanges;
        out.push_back(std::move(listener));
    }
    return out;
}

// Whether the FrontendTransport and HubTransport roles are separate services on this server.
// Unknown servers are assumed to be 2013 or later, the common case.
bool hasSeparateTransportServices(const model::Host& host) {
    if (!host.exchange)
        return true;
    return host.exchange->version >= ExchangeVersion::Ex2013 &&
           !host.exchange->roles.contains(ExchangeRole::Edge);
}

struct BindingOverlap {
    size_t a;  // index into the earlier listener's bindings
    size_t b;  // index into the later listener's bindings
};

std::optional<BindingOverlap> firstOverlap(const Listener& a, const Listener& b) {
    for (size_t j = 0; j < b.bindings.size(); ++j) {
        for (size_t i = 0; i < a.bindings.size(); ++i) {
            if (a.bindings[i].overlaps(b.bindings[j]))
                return BindingOverlap{i, j};
        }
    }
    return std::nullopt;
}

bool sameAddresses(const net::IpRange& x, const net::IpRange& y) {
    return x.first() == y.first() && x.last() == y.last();
}

bool partiallyOverlap(const net::IpRange& x, const net::IpRange& y) {
    return x.intersects(y) && !x.contains(y) && !y.contains(x);
}

net::IpRange spanOrSingle(const net::Address& first, const net::Address& last) {
    return first == last ? net::IpRange::single(first) : net::IpRange::span(first, last);
}

// Splits `b` at the edge of `a` so that each piece is inside `a` or disjoint from it.
std::vector<net::IpRange> splitAtEdge(const net::IpRange& b, const net::IpRange& a) {
    const net::U128 minusOne = net::U128::max();  // adding 2^128 - 1 wraps to subtracting one
    if (b.first() < a.first()) {
        return {spanOrSingle(b.first(), a.first().plus(minusOne)),
                spanOrSingle(a.first(), b.last())};
    }
    return {spanOrSingle(b.first(), a.last()),
            spanOrSingle(a.last().plus(net::U128{0, 1}), b.last())};
}

std::vector<std::string> elementsOf(const Listener& later, const Listener& earlier,
                                    const model::Host& server) {
    return {later.id, earlier.id, server.id};
}

std::string overlapText(const Listener& a, const Listener& b, const BindingOverlap& o) {
    return b.describe() + " and " + a.describe() + " have overlapping bindings (" +
           b.bindings[o.b].toString() + " and " + a.bindings[o.a].toString() + ")";
}

// Which connector of a role conflict to move: never an Exchange default; on port 25 the
// HubTransport one, because custom port-25 connectors belong in FrontendTransport on 2013+
// (R19b); otherwise the later one.
bool blameEarlier(const Listener& a, const Listener& b, const BindingOverlap& o) {
    if (a.implicit || b.implicit)  // only a declared connector can be pointed at
        return b.implicit;
    if (a.isDefault() || b.isDefault())
        return b.isDefault();
    return b.bindings[o.b].port() == 25 && a.role == TransportRole::HubTransport;
}

void reportRoleConflict(FindingSink& sink, const model::Host& server, const Listener& a,
                        const Listener& b, const BindingOverlap& o) {
    const bool earlier = blameEarlier(a, b, o);
    const Listener& culprit = earlier ? a : b;
    const Listener& other = earlier ? b : a;
    const size_t culpritBinding = earlier ? o.a : o.b;
    const std::string name =
        culprit.connector->name.empty() ? culprit.connector->id : culprit.connector->name;
    const std::string role(enumName(other.role));
    const std::string why = culprit.bindings[culpritBinding].port() == 25 &&
                                    other.role == TransportRole::FrontendTransport
                                ? " (custom port-25 connectors belong in FrontendTransport on 2013 "
                                  "and later)"
                                : "";
    sink.report(
        checks::kRolePortConflict,
        {.message = overlapText(a, b, o) + " but run in different transport services; Exchange "
                                           "refuses this and, if forced, both services contend "
                                           "for the port (CONNECT_NONDETERMINISTIC)",
         .elements = elementsOf(culprit, other, server),
         .pointer = indexed(culprit.pointer(), "bindings", culpritBinding),
         .remediation = "TransportRole cannot be changed on an existing connector: recreate " +
                        culprit.identity + " in the " + role + " service" + why +
                        ", or bind it to a port the other service does not use: "
                        "Remove-ReceiveConnector " +
                        psString(culprit.identity) +
                        " -Confirm:$false; New-ReceiveConnector -Name " + psString(name) +
                        " -Server " + psString(hostLabel(server)) + " -TransportRole " + role +
                        " -Bindings " + bindingList(culprit.bindings) + " -RemoteIPRanges " +
                        rangeList(culprit.ranges)});
}

void reportRangeConflicts(FindingSink& sink, const model::Host& server, const Listener& a,
                          const Listener& b, const BindingOverlap& o) {
    // A26: an entry listed by both connectors is a conflict, not a tie to break.
    bool duplicateReported = false;
    bool partialReported = false;
    for (size_t j = 0; j < b.ranges.size(); ++j) {
        for (const auto& other : a.ranges) {
            const net::IpRange& mine = b.ranges[j];
            if (!duplicateReported && sameAddresses(mine, other)) {
                duplicateReported = true;
                std::vector<net::IpRange> rest = b.ranges;
                rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(j));
                const std::string written =
                    mine == other ? "" : " (written " + other.toString() + " there)";
                std::string remediation =
                    "List each client range on one of the two connectors only";
                remediation += rest.empty() ? "; " + b.identity +
                                                  " then lists nothing else, so remove it "
                                                  "or bind it elsewhere: Remove-ReceiveConnector " +
                                                  psString(b.identity) + " -Confirm:$false"
                                            : ": Set-ReceiveConnector " + psString(b.identity) +
                                                  " -RemoteIPRanges " + rangeList(rest);
                sink.report(checks::kDuplicateBindingAndRange,
                            {.message = overlapText(a, b, o) + " and both list remote range " +
                                        mine.toString() + written,
                             .elements = elementsOf(b, a, server),
                             .pointer = indexed(b.pointer(), "remoteIpRanges", j),
                             .remediation = remediation});
            }
            if (!partialReported && partiallyOverlap(mine, other)) {
                partialReported = true;
                std::vector<net::IpRange> fixed = b.ranges;
                const auto pieces = splitAtEdge(mine, other);
                fixed.erase(fixed.begin() + static_cast<std::ptrdiff_t>(j));
                fixed.insert(fixed.begin() + static_cast<std::ptrdiff_t>(j), pieces.begin(),
                             pieces.end());
                sink.report(
                    checks::kRangePartialOverlap,
                    {.message = overlapText(a, b, o) + "; remote range " + mine.toString() +
                                " of " + b.identity + " partially overlaps " + other.toString() +
                                " of " + a.identity + " (neither contains the other)",
                     .elements = elementsOf(b, a, server),
                     .pointer = indexed(b.pointer(), "remoteIpRanges", j),
                     .remediation = "Make the ranges nested or disjoint, e.g. split " +
                                    mine.toString() + " at the edge of " + other.toString() +
                                    ": Set-ReceiveConnector " + psString(b.identity) +
                                    " -RemoteIPRanges " + rangeList(fixed)});
            }
        }
    }
}

void checkServer(const DesignIndex& index, const model::Host& server, FindingSink& sink) {
    const auto& declared = index.lookup().connectorsOf(server.id);
    const auto defaults = sim::defaultReceiveConnectors(server);
    std::vector<Listener> listeners = implicitListeners(server, defaults, declared);
    for (const model::ReceiveConnector* connector : declared) {
        // A disabled connector opens no listener, so it contends with nothing.
        if (!connector->enabled)
            continue;
        Listener listener;
        listener.identity = connectorIdentity(index, *connector);
        listener.id = connector->id;
        listener.defaultRank = defaultRankOf(defaults, connector->name);
        listener.connector = connector;
        listener.documentIndex =
            static_cast<size_t>(connector - index.design().receiveConnectors.data());
        listener.role = connector->transportRole;
        listener.bindings = connector->bindings;
        listener.ranges = connector->remoteIpRanges;
        listeners.push_back(std::move(listener));
    }
    // Exchange's defaults first in R18's order, then declared connectors in name order (ids
    // break ties), so which of a pair a finding names first does not depend on the order of
    // connectors in the file, nor on whether the defaults are implicit.
    std::stable_sort(listeners.begin(), listeners.end(), [](const Listener& x, const Listener& y) {
        if (x.defaultRank != y.defaultRank)
            return x.defaultRank < y.defaultRank;
        if (x.isDefault())
            return false;
        if (x.identity != y.identity)
            return x.identity < y.identity;
        return x.connector->id < y.connector->id;
    });
    const bool separateServices = hasSeparateTransportServices(server);
    // Two implicit defaults are never checked against each other (Exchange makes them so
    // that they get along). In every other pair the later one is a declared connector, so
    // the finding can point into the document.
    for (size_t j = 0; j < listeners.size(); ++j) {
        for (size_t i = 0; i < j; ++i) {
            if (listeners[i].implicit && listeners[j].implicit)
                continue;
            const bool swap = listeners[j].implicit;
            const Listener& a = swap ? listeners[j] : listeners[i];
            const Listener& b = swap ? listeners[i] : listeners[j];
            const auto overlap = firstOverlap(a, b);
            if (!overlap)
                continue;
            if (separateServices && a.role != b.role) {
                reportRoleConflict(sink, server, a, b, *overlap);
            } else {
                reportRangeConflicts(sink, server, a, b, *overlap);
            }
        }
    }
}

}  // namespace

void checkConnectorOverlaps(const DesignIndex& index, FindingSink& sink) {
    for (const auto& host : index.design().hosts) {
        if (index.host(host.id) != &host)
            continue;  // a duplicate id: references reach the first host
        checkServer(index, host, sink);
    }
}

}  // namespace mailtopo::analysis::detail
