// What sits inside load balancers and firewalls: VIPs and their pools (R9–R11), firewall
// zones and rules (R13), inbound and outbound NAT (R15, R16).

#include <algorithm>

#include "core/edit/sub_element_parts.h"
#include "core/sim/send_routing.h"

namespace mailtopo::edit::detail {
namespace {

std::set<model::Id> segmentsOf(const std::vector<model::DeviceInterface>& interfaces) {
    std::set<model::Id> out;
    for (const auto& itf : interfaces)
        if (!itf.segmentId.empty())
            out.insert(itf.segmentId);
    return out;
}

bool onSegments(const model::Host& host, const std::set<model::Id>& segments) {
    return std::any_of(host.nics.begin(), host.nics.end(), [&](const model::Nic& nic) {
        return !nic.loopbackAdapter && !nic.addresses.empty() && segments.count(nic.segmentId);
    });
}

bool listensOn(const model::Host& host, uint16_t port) {
    if (host.isExchange())
        return true;
    return host.smtp && std::find(host.smtp->listenPorts.begin(), host.smtp->listenPorts.end(),
                                  port) != host.smtp->listenPorts.end();
}

// A pool member for `host`: its address is left to the default (the host's address on the
// load balancer's segment) when it has one there, else named, so the member resolves.
model::PoolMember memberFor(const model::Host& host, const std::set<model::Id>& lbSegments,
                            uint16_t port) {
    model::PoolMember member;
    member.hostId = host.id;
    member.port = port;
    if (!onSegments(host, lbSegments))
        member.address = sim::primaryAddress(host);
    return member;
}

// The subnet a new address of a device comes from: the first interface's segment subnet,
// else the prefix of its first address.
std::optional<net::Prefix> deviceSubnet(const model::Design& design,
                                        const model::DeviceInterface& itf) {
    if (const auto* segment = itf.segmentId.empty() ? nullptr : design.findSegment(itf.segmentId))
        if (auto subnet = segmentSubnet(*segment))
            return subnet;
    if (!itf.addresses.empty())
        return itf.addresses.front().prefix();
    return std::nullopt;
}

std::set<std::string> lowerNames(const auto& list) {
    std::set<std::string> out;
    for (const auto& item : list)
        out.insert(asciiLower(item.name));
    return out;
}

// The interface a firewall faces the internet with: the one in its least trusted zone,
// else its first interface.
const model::DeviceInterface* outsideInterface(const model::Firewall& fw) {
    const model::DeviceInterface* best = nullptr;
    int bestTrust = 0;
    for (const auto& itf : fw.interfaces) {
        for (const auto& zone : fw.zones) {
            if (zone.name == itf.zone && (best == nullptr || zone.trust < bestTrust)) {
                best = &itf;
                bestTrust = zone.trust;
            }
        }
    }
    if (best == nullptr && !fw.interfaces.empty())
        best = &fw.interfaces.front();
    return best;
}

// A rule that matches everything and denies it: new rules go before it, or they would
// never be reached (first match wins, R13).
bool isCatchAllDeny(const model::FirewallRule& rule) {
    return rule.action == model::FirewallAction::Deny && rule.sources.empty() &&
           rule.destinations.empty() && rule.ports.empty() && rule.fromZone == "any" &&
           rule.toZone == "any";
}

// What inbound NAT publishes by default: an SMTP VIP, else a mail gateway, else an Exchange
// server — the usual first stop for internet mail, in that order.
std::optional<net::Address> publishedTarget(const model::Design& design) {
    for (const auto& lb : design.loadBalancers)
        for (const auto& vip : lb.vips)
            if (vip.port == 25)
                return vip.address;
    for (const auto kind : {model::HostKind::MailGateway, model::HostKind::ExchangeServer}) {
        for (const auto& host : design.hosts)
            if (host.kind == kind)
                if (auto address = sim::primaryAddress(host))
                    return address;
    }
    return std::nullopt;
}

std::string ruleId(model::Design& design, const model::Firewall& fw, const std::string& infix,
                   const std::string& name) {
    UniqueIds ids(design);
    const std::string tail = slug(name);
    return ids.id(fw.id + "-" + infix + "-" + (tail.empty() ? std::string("1") : tail));
}

}  // namespace

AddOutcome addVip(model::Design& design, const Located& parent, const SubElementRequest& request) {
    model::LoadBalancer& lb = *parent.loadBalancer;
    const std::set<std::string> taken = lowerNames(lb.vips);
    std::string name = request.name;
    if (name.empty())
        name = numberedLabel("SMTP", taken);
    else if (taken.count(asciiLower(name)))
        return refused("name: " + parent.label + " already has a VIP '" + name + "'");

    const auto subnet =
        lb.interfaces.empty() ? std::nullopt : deviceSubnet(design, lb.interfaces.front());
    if (!subnet)
        return refused("vip: " + parent.label +
                       " has no interface on a segment with a subnet to take the VIP address "
                       "from; connect it first (--connect " +
                       lb.id + "=SEGMENT)");
    const auto address = firstFreeIn(*subnet, usedAddresses(design));
    if (!address)
        return refused("vip: subnet " + subnet->toString() + " has no free address left");

    model::Vip vip;
    vip.name = name;
    vip.address = *address;
    vip.port = 25;
    vip.mode = model::LoadBalancerMode::Snat;
    // The automap address made explicit: the members see the load balancer's own address
    // (R9), and receive connector ranges can be reviewed against it (R40).
    for (const auto& itf : lb.interfaces)
        for (const auto& a : itf.addresses)
            if (!vip.snatAddress && a.address.family() == vip.address.family())
                vip.snatAddress = a.address;

    // The pool: the mail servers beside the load balancer, else the first one anywhere.
    const std::set<model::Id> segments = segmentsOf(lb.interfaces);
    for (const bool exchangeOnly : {true, false}) {
        for (const auto& host : design.hosts) {
            if ((exchangeOnly && !host.isExchange()) || !listensOn(host, vip.port) ||
                !onSegments(host, segments))
                continue;
            vip.pool.push_back(memberFor(host, segments, vip.port));
        }
        if (!vip.pool.empty())
            break;
    }
    if (vip.pool.empty()) {
        for (const auto& host : design.hosts) {
            if (listensOn(host, vip.port) && sim::primaryAddress(host)) {
                vip.pool.push_back(memberFor(host, segments, vip.port));
                break;
            }
        }
    }
    if (vip.pool.empty())
        return refused(
            "vip: a VIP needs a pool and the design has no mail server with an "
            "address to put in it; add the servers first");

    UniqueIds ids(design);
    const std::string tail = slug(name);
    vip.id = ids.id(lb.id + "-" + (tail.empty() ? std::string("vip") : tail));
    lb.vips.push_back(vip);
    ChangeSet changes;
    changes.insert(vip.id);
    changes.change(lb.id);
    return added(vip.id, name, changes, vip.address.toString());
}

AddOutcome addPoolMember(model::Design& design, const Located& parent,
                         const SubElementRequest& request) {
    model::Vip& vip = *parent.vip;
    const std::set<model::Id> segments = segmentsOf(parent.loadBalancer->interfaces);
    const auto inPool = [&](const model::Id& id) {
        return std::any_of(vip.pool.begin(), vip.pool.end(),
                           [&](const model::PoolMember& m) { return m.hostId == id; });
    };
    const model::Host* host = nullptr;
    if (!request.name.empty()) {
        host = design.findHost(request.name);
        if (host == nullptr)
            return refused("name: no host with id '" + request.name + "' to put in the pool");
        if (inPool(host->id))
            return refused("name: " + host->id + " is already in the pool of " + parent.label);
    } else {
        // The first Exchange server not in the pool yet, those beside the LB first.
        for (const bool beside : {true, false}) {
            for (const auto& h : design.hosts) {
                if (host == nullptr && h.isExchange() && !inPool(h.id) &&
                    onSegments(h, segments) == beside)
                    host = &h;
            }
        }
        if (host == nullptr)
            return refused("pool-member: every Exchange server is already in the pool of " +
                           parent.label + "; name the host to add");
    }
    vip.pool.push_back(memberFor(*host, segments, vip.port));
    ChangeSet changes;
    changes.change(vip.id);
    return added(vip.id, host->id, changes);
}

AddOutcome addFirewallZone(model::Design&, const Located& parent,
                           const SubElementRequest& request) {
    model::Firewall& fw = *parent.firewall;
    const std::set<std::string> taken = lowerNames(fw.zones);
    std::string name = request.name;
    if (name.empty()) {
        name = numberedLabel("dmz", taken, "-");
    } else {
        if (name.find_first_of(" \t") != std::string::npos)
            return refused("name: a zone name has no spaces ('" + name + "')");
        if (asciiLower(name) == "any")
            return refused("name: 'any' stands for every zone in rules and cannot name one");
        if (taken.count(asciiLower(name)))
            return refused("name: " + parent.label + " already has a zone '" + name + "'");
    }
    // Between the internet (0) and the inside (100): a perimeter network's usual trust.
    fw.zones.push_back({name, 50});
    ChangeSet changes;
    changes.change(fw.id);
    return added(fw.id, name, changes);
}

AddOutcome addFirewallRule(model::Design& design, const Located& parent,
                           const SubElementRequest& request) {
    model::Firewall& fw = *parent.firewall;
    const std::string name =
        request.name.empty() ? numberedLabel("Allow SMTP", lowerNames(fw.rules)) : request.name;
    model::FirewallRule rule;
    rule.id = ruleId(design, fw, "rule", name);
    rule.name = name;
    rule.ports = {25};
    rule.action = model::FirewallAction::Allow;
    auto where = fw.rules.end();
    if (!fw.rules.empty() && isCatchAllDeny(fw.rules.back()))
        where = std::prev(fw.rules.end());
    fw.rules.insert(where, rule);
    ChangeSet changes;
    changes.insert(rule.id);
    changes.change(fw.id);
    return added(rule.id, name, changes);
}

AddOutcome addNatRule(model::Design& design, const Located& parent, const std::string& templateKey,
                      const SubElementRequest& request) {
    model::Firewall& fw = *parent.firewall;
    const bool inbound = templateKey == "inbound";
    if (!inbound && templateKey != "outbound")
        return refused("template: nat-rule has no template '" + templateKey +
                       "' (inbound or outbound)");
    const model::DeviceInterface* outside = outsideInterface(fw);
    const auto subnet = outside ? deviceSubnet(design, *outside) : std::nullopt;
    if (!subnet)
        return refused("nat-rule: " + parent.label +
                       " has no outside interface with an address or a segment subnet to "
                       "take the public address from; add and connect one first");
    const auto used = usedAddresses(design);

    if (inbound) {
        const auto target = publishedTarget(design);
        if (!target)
            return refused(
                "nat-rule: nothing to publish (no SMTP VIP, mail gateway or Exchange "
                "server with an address)");
        const auto publicAddress = firstFreeIn(*subnet, used);
        if (!publicAddress)
            return refused("nat-rule: subnet " + subnet->toString() + " has no free address left");
        model::InboundNat nat;
        nat.name = request.name.empty() ? numberedLabel("SMTP in", lowerNames(fw.inboundNat))
                                        : request.name;
        nat.id = ruleId(design, fw, "nat", nat.name);
        nat.publicAddress = *publicAddress;
        nat.insideAddress = *target;
        fw.inboundNat.push_back(nat);
        ChangeSet changes;
        changes.insert(nat.id);
        changes.change(fw.id);
        return added(nat.id, nat.name, changes, nat.publicAddress.toString());
    }

    // Outbound: the servers that send internet mail, leaving from the address inbound NAT
    // publishes for SMTP (MX, PTR and SPF then agree, R37/R38), else a new public address.
    model::OutboundNat nat;
    for (const auto& host : design.hosts) {
        if (!host.isExchange())
            continue;
        if (const auto address = sim::primaryAddress(host))
            nat.insideSources.push_back(net::IpRange::single(*address));
    }
    if (nat.insideSources.empty()) {
        for (const auto& itf : fw.interfaces) {
            if (&itf == outside)
                continue;
            if (const auto inside = deviceSubnet(design, itf))
                nat.insideSources.push_back(
                    net::IpRange::cidr(net::Prefix(inside->network(), inside->length())));
        }
    }
    if (nat.insideSources.empty())
        return refused("nat-rule: no Exchange server or inside subnet to translate");
    std::optional<net::Address> publicAddress;
    for (const auto& in : fw.inboundNat) {
        if (in.publicPort == 25 && !publicAddress)
            publicAddress = in.publicAddress;
    }
    if (!publicAddress)
        publicAddress = firstFreeIn(*subnet, used);
    if (!publicAddress)
        return refused("nat-rule: subnet " + subnet->toString() + " has no free address left");
    nat.publicAddress = *publicAddress;
    nat.name =
        request.name.empty() ? numberedLabel("SMTP out", lowerNames(fw.outboundNat)) : request.name;
    nat.id = ruleId(design, fw, "snat", nat.name);
    fw.outboundNat.push_back(nat);
    ChangeSet changes;
    changes.insert(nat.id);
    changes.change(fw.id);
    return added(nat.id, nat.name, changes, nat.publicAddress.toString());
}

}  // namespace mailtopo::edit::detail
