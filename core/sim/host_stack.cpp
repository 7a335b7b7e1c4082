#include "core/sim/host_stack.h"

#include <algorithm>
#include <vector>

#include "core/net/prefix.h"

namespace mailtopo::sim {

bool isWindows(const model::Host& host) {
    return host.isWindows();
}

bool isPre2008Windows(const model::Host& host) {
    return host.os == model::OperatingSystem::Windows2003;
}

namespace {

struct Candidate {
    net::Address address;
    uint32_t interface;
    int prefixLength = 0;
};

std::string cplText(const net::Address& a, const net::Address& b) {
    std::string out = "CPL(";
    out += a.toString();
    out += ", ";
    out += b.toString();
    out += ") = ";
    out += std::to_string(net::commonPrefixLength(a, b));
    return out;
}

// Keeps the candidates that maximise `score`; returns true when that removed some.
template <class Score>
bool keepBest(std::vector<Candidate>& candidates, Score score) {
    int best = -1;
    for (const auto& c : candidates)
        best = std::max(best, score(c));
    std::vector<Candidate> kept;
    for (const auto& c : candidates)
        if (score(c) == best)
            kept.push_back(c);
    const bool narrowed = kept.size() < candidates.size();
    candidates = std::move(kept);
    return narrowed;
}

// RFC 6724 §2.1: the label of the default policy table's longest prefix holding `a`.
int policyLabel(const net::Address& a) {
    struct Row {
        const char* prefix;
        int label;
    };
    static const Row table[] = {{"::1/128", 0},   {"::/0", 1},       {"::ffff:0:0/96", 4},
                                {"2002::/16", 2}, {"2001::/32", 5},  {"fc00::/7", 13},
                                {"::/96", 3},     {"fec0::/10", 11}, {"3ffe::/16", 12}};
    int best = -1, label = 1;
    for (const auto& row : table) {
        const auto prefix = *net::Prefix::parse(row.prefix);
        if (prefix.contains(a) && prefix.length() > best) {
            best = prefix.length();
            label = row.label;
        }
    }
    return label;
}

// RFC 6724 §3.1 scopes of unicast addresses: loopback and fe80::/10 are link-local (2),
// fec0::/10 site-local (5), everything else, unique local addresses included, global (14).
int scopeOf(const net::Address& a) {
    if (a.isLoopback() || a.isLinkLocal())
        return 2;
    if (net::Prefix::parse("fec0::/10")->contains(a))
        return 5;
    return 14;
}

// RFC 6724 §2.2: CommonPrefixLen counts only up to the source's prefix length; the interface
// ID is not compared. Settled in core/sim/README.md ("IPv6 source selection").
int commonPrefixLenV6(const Candidate& c, const net::Address& destination) {
    return std::min(net::commonPrefixLength(c.address, destination), c.prefixLength);
}

// R2 for IPv6 on Windows 2008 and later (RFC 6724 rules 1, 2, 5, 6, 8; rules 3, 4 and 7 need
// address states the design does not hold). Narrows `candidates` and says which rule decided.
std::string rankIpv6Candidates(std::vector<Candidate>& candidates, const net::Address& destination,
                               uint32_t outgoing, const Topology& topology) {
    auto decided = [&](bool narrowed) { return narrowed && candidates.size() == 1; };
    if (decided(keepBest(candidates,
                         [&](const Candidate& c) { return c.address == destination ? 1 : 0; })))
        return "RFC 6724 rule 1: the destination is a local address";
    const int wanted = scopeOf(destination);
    if (decided(keepBest(candidates, [&](const Candidate& c) {
            // Rule 2: the smallest scope that still reaches the destination, else the largest.
            const int scope = scopeOf(c.address);
            return scope >= wanted ? 100 - scope : scope - 100;
        })))
        return "RFC 6724 rule 2: the only address of appropriate scope for " +
               destination.toString();
    if (decided(keepBest(candidates,
                         [&](const Candidate& c) { return c.interface == outgoing ? 1 : 0; })))
        return "RFC 6724 rule 5: the only candidate on the outgoing interface " +
               topology.interface(outgoing).label;
    const int label = policyLabel(destination);
    if (decided(keepBest(candidates, [&](const Candidate& c) {
            return policyLabel(c.address) == label ? 1 : 0;
        })))
        return "RFC 6724 rule 6: the only address whose policy label matches " +
               destination.toString() + "'s (" + std::to_string(label) + ")";
    std::string cpls;
    for (const auto& c : candidates)
        cpls += (cpls.empty() ? "" : ", ") + c.address.toString() + "/" +
                std::to_string(c.prefixLength) + ": " +
                std::to_string(commonPrefixLenV6(c, destination));
    if (decided(keepBest(candidates,
                         [&](const Candidate& c) { return commonPrefixLenV6(c, destination); })))
        return "RFC 6724 rule 8: longest matching prefix with " + destination.toString() +
               ", counted up to each source's prefix length (" + cpls + ")";
    return {};
}

}  // namespace

SourceChoice selectSourceAddress(const Topology& topology, uint32_t hostIndex,
                                 const net::Address& destination,
                                 const std::optional<net::Address>& bound) {
    SourceChoice choice;
    const Node& node = topology.node(hostIndex);
    const model::Host& host = *node.host;
    choice.route = topology.lookup(hostIndex, destination);

    if (bound) {
        choice.rule = "R2";
        choice.interface = topology.interfaceOwning(hostIndex, *bound);
        if (choice.interface == kNone) {
            choice.error = "BIND_ADDRESS_ABSENT";
            choice.reason =
                "bound address " + bound->toString() + " is not assigned on " + node.name;
            return choice;
        }
        choice.address = bound;
        choice.reason =
            "step 1: the application binds " + bound->toString() + " (used even when SkipAsSource)";
        return choice;
    }
    if (choice.route == nullptr) {
        choice.error = "NO_ROUTE";
        choice.rule = "R6";
        choice.reason = node.name + " has no route to " + destination.toString();
        return choice;
    }
    const uint32_t outgoing = choice.route->interface;
    const net::Address nextHop = choice.route->nextHop.value_or(destination);

    if (!isWindows(host) || isPre2008Windows(host)) {
        // R8 (2003) and non-Windows systems: the outgoing interface's first address.
        choice.rule = isWindows(host) ? "R8" : "R2";
        for (const auto& assignment : *topology.interface(outgoing).addresses) {
            if (assignment.address.family() == destination.family()) {
                choice.address = assignment.address;
                choice.interface = outgoing;
                choice.reason = isWindows(host)
                                    ? "pre-2008 Windows uses the first (primary) address of " +
                                          topology.interface(outgoing).label
                                    : "not Windows: the first address of the outgoing interface " +
                                          topology.interface(outgoing).label;
                return choice;
            }
        }
        choice.error = "NO_SOURCE_ADDRESS";
        choice.reason = topology.interface(outgoing).label + " has no address of that family";
        return choice;
    }

    choice.rule = "R2";
    std::vector<Candidate> candidates;
    bool onOutgoing = false;
    for (uint32_t ifIndex : node.interfaces)
        for (const auto& assignment : *topology.interface(ifIndex).addresses)
            if (assignment.address.family() == destination.family() && !assignment.skipAsSource) {
                candidates.push_back({assignment.address, ifIndex, assignment.prefixLength});
                onOutgoing = onOutgoing || ifIndex == outgoing;
            }
    if (!onOutgoing) {
        // ASSUMPTION (A2): with every address of the outgoing interface marked SkipAsSource,
        // Windows still has to send from it.
        bool any = false;
        for (const auto& assignment : *topology.interface(outgoing).addresses)
            if (assignment.address.family() == destination.family()) {
                candidates.push_back({assignment.address, outgoing, assignment.prefixLength});
                any = true;
            }
        choice.skipAsSourceFallback = any;
    }
    if (candidates.empty()) {
        choice.error = "NO_SOURCE_ADDRESS";
        choice.reason = node.name + " has no address of that family";
        return choice;
    }

    std::string why;
    if (destination.isV6())
        why = rankIpv6Candidates(candidates, destination, outgoing, topology);
    else if (keepBest(candidates,
                      [&](const Candidate& c) { return c.address == destination ? 1 : 0; }))
        why = "step 4a: the destination is a local address";
    else if (keepBest(candidates,
                      [&](const Candidate& c) { return c.interface == outgoing ? 1 : 0; }) &&
             candidates.size() == 1)
        why = "step 4b: the only candidate on the outgoing interface " +
              topology.interface(outgoing).label;
    if (why.empty() && candidates.size() > 1 && !destination.isV6()) {
        std::string cpls;
        for (const auto& c : candidates) {
            if (!cpls.empty())
                cpls += ", ";
            cpls += cplText(c.address, nextHop);
        }
        if (keepBest(
                candidates,
                [&](const Candidate& c) { return net::commonPrefixLength(c.address, nextHop); }) &&
            candidates.size() == 1)
            why = "step 4c: longest common prefix with next hop " + nextHop.toString() + " (" +
                  cpls + ")";
    }
    if (why.empty() && candidates.size() > 1 && nextHop != destination && !destination.isV6()) {
        if (keepBest(candidates,
                     [&](const Candidate& c) {
                         return net::commonPrefixLength(c.address, destination);
                     }) &&
            candidates.size() == 1)
            why = "step 4d: longest common prefix with destination " + destination.toString();
    }
    if (why.empty() && candidates.size() > 1) {
        auto lowest = candidates.front();
        for (const auto& c : candidates)
            if (c.address < lowest.address)
                lowest = c;
        candidates = {lowest};
        why = "step 5: tie, the numerically lowest address (ASSUMPTION A1)";
    }
    if (why.empty())
        why = candidates.front().interface == outgoing
                  ? "the only candidate address on " + topology.interface(outgoing).label
                  : "the only candidate address";
    if (choice.skipAsSourceFallback)
        why += "; every address of " + topology.interface(outgoing).label +
               " is SkipAsSource, so one of them is used anyway (ASSUMPTION A2)";
    choice.address = candidates.front().address;
    choice.interface = candidates.front().interface;
    choice.reason = why;
    return choice;
}

ReceiveCheck receiveCheck(const Topology& topology, uint32_t ingress,
                          const net::Address& destination) {
    ReceiveCheck check;
    const Interface& in = topology.interface(ingress);
    const Node& node = topology.node(in.node);
    if (in.owns(destination)) {
        check.verdict = ReceiveVerdict::Local;
        check.owner = ingress;
        check.reason = destination.toString() + " is assigned to " + in.label;
        return check;
    }
    const uint32_t owner = topology.interfaceOwning(in.node, destination);
    const bool weakHost = !isWindows(*node.host) || isPre2008Windows(*node.host) ||
                          (in.nic != nullptr && in.nic->weakHostReceive);
    if (owner != kNone) {
        check.owner = owner;
        if (weakHost) {
            check.verdict = ReceiveVerdict::Local;
            check.reason = destination.toString() + " is assigned to " +
                           topology.interface(owner).label + "; " + in.label +
                           " accepts it (weak host receive)";
        } else {
            check.verdict = ReceiveVerdict::DropStrongHost;
            check.reason = destination.toString() + " arrives on " + in.label +
                           " but is assigned to " + topology.interface(owner).label + "; " +
                           in.label + " has WeakHostReceive disabled (strong host)";
        }
        return check;
    }
    if (in.nic != nullptr && in.nic->forwarding) {
        check.verdict = ReceiveVerdict::Forward;
        check.reason = destination.toString() + " is not local; " + in.label + " forwards";
        return check;
    }
    check.verdict = ReceiveVerdict::DropNotLocal;
    check.reason =
        destination.toString() + " is not an address of " + node.name + " and forwarding is off";
    return check;
}

SendCheck sendRoute(const Topology& topology, uint32_t hostIndex, const net::Address& source,
                    const net::Address& destination) {
    SendCheck check;
    const Node& node = topology.node(hostIndex);
    const uint32_t owner = topology.interfaceOwning(hostIndex, source);
    const bool weakHost =
        !isWindows(*node.host) || isPre2008Windows(*node.host) || owner == kNone ||
        (topology.interface(owner).nic != nullptr && topology.interface(owner).nic->weakHostSend);
    if (weakHost) {
        check.route = topology.lookup(hostIndex, destination);
        if (check.route)
            check.reason = owner != kNone && check.route->interface != owner
                               ? "weak host send on " + topology.interface(owner).label +
                                     ": any interface's routes may carry source " +
                                     source.toString()
                               : "";
        return check;
    }
    check.route = topology.lookup(hostIndex, destination, owner);
    if (check.route == nullptr && topology.lookup(hostIndex, destination) != nullptr) {
        check.strongHostDrop = true;
        check.reason = "source " + source.toString() + " belongs to " +
                       topology.interface(owner).label +
                       ", which has WeakHostSend disabled and no route to " +
                       destination.toString() + " (strong host send)";
    }
    return check;
}

}  // namespace mailtopo::sim
