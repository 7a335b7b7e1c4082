// Interfaces, addresses and routes: a host's NICs, a device's interfaces, the addresses on
// either, routes, and joining a segment (the editor's drag from a card to a segment band).

#include <algorithm>

#include "core/edit/sub_element_parts.h"

namespace mailtopo::edit {
namespace detail {
namespace {

const net::U128 kOne{0, 1};

// "Ethernet1" on Windows (the first NIC is "Ethernet0", as the palette names it), "eth1"
// elsewhere; the first number no NIC of the host uses.
std::string nextNicAlias(const model::Host& host) {
    const std::string base = host.isWindows() ? "Ethernet" : "eth";
    std::set<std::string> taken;
    for (const auto& nic : host.nics)
        taken.insert(asciiLower(nic.alias));
    for (size_t n = host.nics.size();; ++n) {
        const std::string candidate = base + std::to_string(n);
        if (!taken.count(asciiLower(candidate)))
            return candidate;
    }
}

std::string nextInterfaceName(const std::vector<model::DeviceInterface>& interfaces) {
    std::set<std::string> taken;
    for (const auto& itf : interfaces)
        taken.insert(asciiLower(itf.name));
    for (size_t n = interfaces.size();; ++n) {
        const std::string candidate = "eth" + std::to_string(n);
        if (!taken.count(candidate))
            return candidate;
    }
}

// The addresses and segment of a NIC or device interface, whichever `where` names.
struct InterfaceView {
    model::Id id;
    std::vector<model::IpAssignment>* addresses = nullptr;
    model::Id* segmentId = nullptr;
};

std::optional<InterfaceView> interfaceOf(const Located& where) {
    if (where.nic)
        return InterfaceView{where.nic->id, &where.nic->addresses, &where.nic->segmentId};
    if (where.deviceInterface) {
        return InterfaceView{where.deviceInterface->id, &where.deviceInterface->addresses,
                             &where.deviceInterface->segmentId};
    }
    return std::nullopt;
}

const model::Segment* findSegment(const model::Design& design, const model::Id& id) {
    return id.empty() ? nullptr : design.findSegment(id);
}

bool inSubnets(const model::Segment& segment, const net::Address& address) {
    return std::any_of(segment.subnets.begin(), segment.subnets.end(),
                       [&](const net::Prefix& p) { return p.contains(address); });
}

bool hasSubnetOfFamily(const model::Segment& segment, net::Family family) {
    return segmentSubnet(segment, family).has_value();
}

// Which interface of the design already has `address`, for the refusal message.
std::optional<model::Id> interfaceHolding(const model::Design& design,
                                          const net::Address& address) {
    const auto find = [&](const auto& list) -> std::optional<model::Id> {
        for (const auto& itf : list)
            for (const auto& a : itf.addresses)
                if (a.address == address)
                    return itf.id;
        return std::nullopt;
    };
    for (const auto& host : design.hosts)
        if (auto id = find(host.nics))
            return id;
    for (const auto& router : design.routers)
        if (auto id = find(router.interfaces))
            return id;
    for (const auto& lb : design.loadBalancers)
        if (auto id = find(lb.interfaces))
            return id;
    for (const auto& fw : design.firewalls)
        if (auto id = find(fw.interfaces))
            return id;
    return std::nullopt;
}

// A firewall interface joins the zone its name spells, else the first zone no interface is
// in yet (a new firewall has "outside" and "inside": the first interface faces outside).
std::string zoneForNewInterface(const model::Firewall& fw, const std::string& name) {
    for (const auto& zone : fw.zones)
        if (asciiLower(zone.name) == asciiLower(name))
            return zone.name;
    for (const auto& zone : fw.zones) {
        const bool used = std::any_of(fw.interfaces.begin(), fw.interfaces.end(),
                                      [&](const auto& itf) { return itf.zone == zone.name; });
        if (!used)
            return zone.name;
    }
    return fw.zones.empty() ? std::string() : fw.zones.front().name;
}

}  // namespace

std::optional<net::Address> firstFreeIn(const net::Prefix& subnet,
                                        const std::set<net::Address>& used) {
    const net::Address first = subnet.first();
    const net::Address last = subnet.last();
    const int hostBits = first.bitWidth() - subnet.length();
    net::Address start = first;
    net::Address end = last;
    if (hostBits >= 2) {
        // Skip the network address (IPv6: the subnet-router anycast address) and the first
        // host, which is where the gateway usually sits; IPv4's broadcast is not a host.
        start = first.plus(net::U128{0, 2});
        if (first.isV4())
            end = last.plus(net::U128::max());
    } else if (hostBits == 1) {
        start = first.plus(kOne);  // a point-to-point /31 or /127: the peer has the first
    }
    for (net::Address candidate = start;; candidate = candidate.plus(kOne)) {
        if (!used.count(candidate))
            return candidate;
        if (candidate == end)
            return std::nullopt;
    }
}

AddOutcome addNic(model::Design& design, const Located& parent, const SubElementRequest& request) {
    model::Host& host = *parent.host;
    std::string alias = request.name.empty() ? nextNicAlias(host) : request.name;
    for (const auto& nic : host.nics) {
        if (asciiLower(nic.alias) == asciiLower(alias))
            return refused("name: " + parent.label + " already has a NIC '" + nic.alias + "'");
    }
    UniqueIds ids(design);
    model::Nic nic;
    nic.id = ids.id(host.id + "-nic" + std::to_string(host.nics.size() + 1));
    nic.alias = alias;
    for (const auto& other : host.nics)
        nic.interfaceIndex = std::max(nic.interfaceIndex, other.interfaceIndex);
    ++nic.interfaceIndex;
    host.nics.push_back(nic);
    ChangeSet changes;
    changes.insert(nic.id);
    changes.change(host.id);
    return added(nic.id, alias, changes);
}

AddOutcome addDeviceInterface(model::Design& design, const Located& parent,
                              const SubElementRequest& request) {
    auto& interfaces = *parent.deviceInterfaces;
    const std::string name = request.name.empty() ? nextInterfaceName(interfaces) : request.name;
    for (const auto& itf : interfaces) {
        if (asciiLower(itf.name) == asciiLower(name))
            return refused("name: " + parent.label + " already has an interface '" + itf.name +
                           "'");
    }
    UniqueIds ids(design);
    model::DeviceInterface itf;
    const std::string tail = slug(name);
    itf.id = ids.id(parent.ownerId + "-" + (tail.empty() ? std::string("if") : tail));
    itf.name = name;
    if (parent.firewall)
        itf.zone = zoneForNewInterface(*parent.firewall, name);
    interfaces.push_back(itf);
    ChangeSet changes;
    changes.insert(itf.id);
    changes.change(parent.ownerId);
    return added(itf.id, name, changes);
}

AddOutcome addAddress(model::Design& design, const Located& parent,
                      const SubElementRequest& request) {
    const auto itf = interfaceOf(parent);
    const model::Segment* segment = findSegment(design, *itf->segmentId);
    net::Prefix assignment;
    if (request.name.empty()) {
        const auto subnet = segment ? segmentSubnet(*segment) : std::nullopt;
        if (!subnet)
            return refused("address: " + parent.label +
                           " is on no segment with a subnet to take the next free address "
                           "from; give it as IP/PREFIX (e.g. 10.0.0.10/24)");
        const auto free = firstFreeIn(*subnet, usedAddresses(design));
        if (!free)
            return refused("address: subnet " + subnet->toString() + " of segment " +
                           segment->name + " has no free address left");
        assignment = net::Prefix(*free, subnet->length());
    } else if (request.name.find('/') != std::string::npos) {
        std::string why;
        const auto parsed = net::Prefix::parse(request.name, &why);
        if (!parsed)
            return refused("address: " + why + " (expected IP/PREFIX, e.g. 10.0.0.10/24)");
        if (parsed->length() < 1)
            return refused("address: prefix length 0 is not an interface prefix (1 to " +
                           std::to_string(parsed->address().bitWidth()) + ")");
        assignment = *parsed;
    } else {
        std::string why;
        const auto address = net::Address::parse(request.name, &why);
        if (!address)
            return refused("address: " + why + " (expected IP/PREFIX, e.g. 10.0.0.10/24)");
        std::optional<net::Prefix> subnet;
        if (segment) {
            for (const auto& s : segment->subnets)
                if (s.contains(*address))
                    subnet = s;
        }
        if (!subnet)
            return refused("address: '" + request.name +
                           "' lies in no subnet of the interface's segment, so its prefix "
                           "length is unknown; give it as IP/PREFIX");
        assignment = net::Prefix(*address, subnet->length());
    }
    const net::Address address = assignment.address();
    if (const auto holder = interfaceHolding(design, address))
        return refused("address: " + address.toString() + " is already assigned to " + *holder);
    if (segment && hasSubnetOfFamily(*segment, address.family()) && !inSubnets(*segment, address))
        return refused("address: " + address.toString() + " lies outside the subnets of segment " +
                       segment->name);
    model::IpAssignment ip;
    ip.address = address;
    ip.prefixLength = assignment.length();
    itf->addresses->push_back(ip);
    ChangeSet changes;
    changes.change(itf->id);
    return added(itf->id, address.toString() + "/" + std::to_string(ip.prefixLength), changes,
                 request.name.empty() ? address.toString() : std::string());
}

AddOutcome addRoute(model::Design&, const Located& parent, const SubElementRequest& request) {
    const std::string text = request.name.empty() ? std::string("0.0.0.0/0") : request.name;
    std::string why;
    const auto destination = net::Prefix::parse(text, &why);
    if (!destination)
        return refused("route: " + why + " (expected the destination prefix, e.g. 10.20.0.0/16)");
    const net::Family family = destination->family();

    // The interface it leaves through: the first one with an address of the family, else
    // the first one (a host's loopback adapters never carry routes out).
    struct Candidate {
        model::Id id;
        const std::vector<model::IpAssignment>* addresses;
        const std::vector<net::Address>* gateways;  // hosts only
    };
    std::vector<Candidate> candidates;
    std::vector<model::Route>* routes = nullptr;
    if (parent.host) {
        routes = &parent.host->routes;
        for (const auto& nic : parent.host->nics)
            if (!nic.loopbackAdapter)
                candidates.push_back({nic.id, &nic.addresses, &nic.gateways});
    } else {
        routes = parent.deviceRoutes;
        for (const auto& itf : *parent.deviceInterfaces)
            candidates.push_back({itf.id, &itf.addresses, nullptr});
    }
    if (candidates.empty())
        return refused("route: " + parent.label +
                       " has no interface for the route to leave through; add one first");
    const Candidate* out = &candidates.front();
    for (const auto& c : candidates) {
        const bool hasFamily =
            std::any_of(c.addresses->begin(), c.addresses->end(),
                        [&](const auto& a) { return a.address.family() == family; });
        if (hasFamily) {
            out = &c;
            break;
        }
    }
    for (const auto& route : *routes) {
        if (route.interfaceId == out->id && route.destination.network() == destination->network() &&
            route.destination.length() == destination->length())
            return refused("route: " + parent.label + " already has a route to " +
                           destination->toString() + " through " + out->id);
    }

    // Next hop: the NIC's default gateway of that family, else the usual gateway of the
    // interface's subnet (its first host) unless that is the interface itself; else on-link.
    model::Route route;
    route.destination = *destination;
    route.interfaceId = out->id;
    if (out->gateways) {
        for (const auto& g : *out->gateways)
            if (g.family() == family && !route.nextHop)
                route.nextHop = g;
    }
    if (!route.nextHop) {
        for (const auto& a : *out->addresses) {
            if (a.address.family() != family || a.prefixLength >= a.address.bitWidth() - 1)
                continue;
            const net::Address gateway = a.prefix().first().plus(kOne);
            if (gateway != a.address)
                route.nextHop = gateway;
            break;
        }
    }
    routes->push_back(route);
    ChangeSet changes;
    changes.change(parent.ownerId);
    return added(parent.ownerId, destination->toString(), changes);
}

}  // namespace detail

std::optional<net::Address> nextFreeAddress(const model::Design& design,
                                            const net::Prefix& subnet) {
    return detail::firstFreeIn(subnet, detail::usedAddresses(design));
}

namespace {

using detail::hasSubnetOfFamily;
using detail::inSubnets;
using detail::Located;

// What connectToSegment will connect: an interface that exists, or one to make.
struct ConnectTarget {
    model::Id interfaceId;  // empty: a new one
    Located owner;          // the host or device
};

std::optional<ConnectTarget> connectTarget(const Located& element, const model::Id& segmentId,
                                           std::string& error) {
    using model::ElementKind;
    switch (element.kind) {
        case ElementKind::Nic:
            if (element.nic->loopbackAdapter) {
                error = element.label +
                        " is a loopback adapter: it stays on no segment, ARP-silent (R11)";
                return std::nullopt;
            }
            return ConnectTarget{element.nic->id, element};
        case ElementKind::DeviceInterface:
            return ConnectTarget{element.deviceInterface->id, element};
        case ElementKind::Host: {
            // An interface already on the segment, else the first free one, else a new one.
            for (const auto& nic : element.host->nics)
                if (!nic.loopbackAdapter && nic.segmentId == segmentId)
                    return ConnectTarget{nic.id, element};
            for (const auto& nic : element.host->nics)
                if (!nic.loopbackAdapter && nic.segmentId.empty())
                    return ConnectTarget{nic.id, element};
            return ConnectTarget{{}, element};
        }
        case ElementKind::Router:
        case ElementKind::LoadBalancer:
        case ElementKind::Firewall: {
            for (const auto& itf : *element.deviceInterfaces)
                if (itf.segmentId == segmentId)
                    return ConnectTarget{itf.id, element};
            for (const auto& itf : *element.deviceInterfaces)
                if (itf.segmentId.empty())
                    return ConnectTarget{itf.id, element};
            return ConnectTarget{{}, element};
        }
        default:
            error = "'" + element.ownerId + "' is a " +
                    std::string(model::elementKindName(element.kind)) +
                    "; only a NIC, an interface, a host, a router, a load balancer or a "
                    "firewall joins a segment";
            return std::nullopt;
    }
}

// A host NIC that just got an address on a segment a router or firewall serves gets that
// device as its default gateway, unless the host already has one of the family (two
// default gateways on one host is a classic mistake, E1).
void adoptGateway(const model::Design& design, model::Host& host, model::Nic& nic,
                  const net::Address& address, int prefixLength) {
    for (const auto& other : host.nics)
        for (const auto& g : other.gateways)
            if (g.family() == address.family())
                return;
    const net::Prefix subnet(address, prefixLength);
    const auto consider = [&](const auto& devices) -> std::optional<net::Address> {
        for (const auto& device : devices)
            for (const auto& itf : device.interfaces)
                if (itf.segmentId == nic.segmentId)
                    for (const auto& a : itf.addresses)
                        if (subnet.contains(a.address) && a.address != address)
                            return a.address;
        return std::nullopt;
    };
    auto gateway = consider(design.routers);
    if (!gateway)
        gateway = consider(design.firewalls);
    if (gateway)
        nic.gateways.push_back(*gateway);
}

// On the internet every address is reached directly: a host or an edge device that joins
// it with no way out yet (no default gateway, no default route of the family) gets a
// default route through that interface, on-link, as internet hosts are drawn. The inside
// network's hosts keep adopting their firewall as gateway (adoptGateway).
void routeOutThroughInternet(model::Host* host, std::vector<model::Route>* deviceRoutes,
                             const model::Id& interfaceId,
                             const std::vector<model::IpAssignment>& addresses,
                             const model::Segment& segment) {
    std::vector<model::Route>& routes = host != nullptr ? host->routes : *deviceRoutes;
    std::set<net::Family> families;
    for (const auto& a : addresses)
        if (inSubnets(segment, a.address))
            families.insert(a.address.family());
    for (const net::Family family : families) {
        const bool routed = std::any_of(routes.begin(), routes.end(), [&](const auto& r) {
            return r.destination.length() == 0 && r.destination.family() == family;
        });
        bool gateway = false;
        if (host != nullptr)
            for (const auto& nic : host->nics)
                for (const auto& g : nic.gateways)
                    gateway = gateway || g.family() == family;
        if (routed || gateway)
            continue;
        model::Route route;
        route.destination = *net::Prefix::parse(family == net::Family::V4 ? "0.0.0.0/0" : "::/0");
        route.interfaceId = interfaceId;
        routes.push_back(route);
    }
}

}  // namespace

bool followNicAddresses(model::Design& design, const model::Id& nicId) {
    const auto at = detail::locate(design, nicId);
    if (!at || at->nic == nullptr)
        return false;
    model::Host& host = *at->host;
    model::Nic& nic = *at->nic;
    const auto reached = [&](const net::Address& gateway) {
        return std::any_of(nic.addresses.begin(), nic.addresses.end(), [&](const auto& a) {
            return a.address.family() == gateway.family() && a.prefix().contains(gateway);
        });
    };
    std::set<net::Family> lost;
    for (const net::Address& gateway : nic.gateways)
        if (!reached(gateway))
            lost.insert(gateway.family());
    if (lost.empty())
        return false;
    std::erase_if(nic.gateways, [&](const net::Address& g) { return !reached(g); });
    const model::Segment* segment = detail::findSegment(design, nic.segmentId);
    if (segment == nullptr)
        return true;
    for (const net::Family family : lost) {
        const auto first = std::find_if(
            nic.addresses.begin(), nic.addresses.end(),
            [&](const model::IpAssignment& a) { return a.address.family() == family; });
        if (first != nic.addresses.end())
            adoptGateway(design, host, nic, first->address, first->prefixLength);
    }
    if (segment->kind == model::SegmentKind::Internet)
        routeOutThroughInternet(&host, nullptr, nic.id, nic.addresses, *segment);
    return true;
}

ConnectOutcome connectToSegment(model::Design& design, const model::Id& elementId,
                                const model::Id& segmentId) {
    ConnectOutcome outcome;
    const auto segmentAt = detail::locate(design, segmentId);
    if (!segmentAt || segmentAt->kind != model::ElementKind::Segment) {
        outcome.error = segmentAt ? "'" + segmentId + "' is a " +
                                        std::string(model::elementKindName(segmentAt->kind)) +
                                        ", not a segment"
                                  : "no segment with id '" + segmentId + "'";
        return outcome;
    }
    const model::Segment segment = *segmentAt->segment;
    const auto element = detail::locate(design, elementId);
    if (!element) {
        outcome.error = "no element with id '" + elementId + "'";
        return outcome;
    }
    std::string error;
    const auto target = connectTarget(*element, segmentId, error);
    if (!target) {
        outcome.error = error;
        return outcome;
    }

    // The address comes first: a full subnet refuses before anything changes.
    std::vector<model::IpAssignment> current;
    if (!target->interfaceId.empty()) {
        const auto at = detail::locate(design, target->interfaceId);
        current = at->nic ? at->nic->addresses : at->deviceInterface->addresses;
    }
    const bool addressed = std::any_of(current.begin(), current.end(), [&](const auto& a) {
        return inSubnets(segment, a.address);
    });
    std::optional<net::Prefix> newAddress;
    if (!addressed) {
        if (const auto subnet = detail::segmentSubnet(segment)) {
            // A router or firewall is what the reserved first host is kept for: it takes it
            // when nothing has it yet, so the hosts joining later find their gateway there.
            std::optional<net::Address> free;
            const auto used = detail::usedAddresses(design);
            const int hostBits = subnet->address().bitWidth() - subnet->length();
            const net::Address gateway = subnet->first().plus(net::U128{0, 1});
            if ((element->router || element->firewall) && hostBits >= 2 && !used.count(gateway))
                free = gateway;
            else
                free = detail::firstFreeIn(*subnet, used);
            if (!free) {
                outcome.error = "subnet " + subnet->toString() + " of segment " + segment.name +
                                " has no free address left";
                return outcome;
            }
            newAddress = net::Prefix(*free, subnet->length());
        }
    }

    ChangeSet changes;
    model::Id interfaceId = target->interfaceId;
    if (interfaceId.empty()) {
        const SubElementRequest none;
        const AddOutcome made = element->host
                                    ? detail::addNic(design, target->owner, none)
                                    : detail::addDeviceInterface(design, target->owner, none);
        interfaceId = made.id;
        changes.merge(made.changes);
        outcome.created = true;
    }
    const auto at = detail::locate(design, interfaceId);
    auto& addresses = at->nic ? at->nic->addresses : at->deviceInterface->addresses;
    model::Id& segmentRef = at->nic ? at->nic->segmentId : at->deviceInterface->segmentId;
    const bool moving = !segmentRef.empty() && segmentRef != segmentId;
    segmentRef = segmentId;

    // Moved from another segment: addresses of a family the new segment has subnets for but
    // outside them belong to the old network, and go (validation would refuse them).
    std::vector<net::Address> dropped;
    if (moving) {
        std::erase_if(addresses, [&](const model::IpAssignment& a) {
            if (!hasSubnetOfFamily(segment, a.address.family()) || inSubnets(segment, a.address))
                return false;
            dropped.push_back(a.address);
            return true;
        });
        if (at->nic) {
            std::erase_if(at->nic->gateways, [&](const net::Address& g) {
                return std::none_of(addresses.begin(), addresses.end(), [&](const auto& a) {
                    return a.address.family() == g.family() && a.prefix().contains(g);
                });
            });
        }
    }
    if (newAddress) {
        model::IpAssignment ip;
        ip.address = newAddress->address();
        ip.prefixLength = newAddress->length();
        addresses.push_back(ip);
        outcome.address = ip.address;
        if (at->nic)
            adoptGateway(design, *at->host, *at->nic, ip.address, ip.prefixLength);
        // The server's connectors bound to an address it lost follow it to the new one.
        if (at->host) {
            for (auto& connector : design.receiveConnectors) {
                if (connector.serverId != at->host->id)
                    continue;
                for (auto& binding : connector.bindings) {
                    const bool lost = std::find(dropped.begin(), dropped.end(),
                                                binding.address()) != dropped.end();
                    if (lost && binding.address().family() == ip.address.family()) {
                        binding = net::Binding(ip.address, binding.port());
                        changes.change(connector.id);
                    }
                }
            }
        }
    }
    if (segment.kind == model::SegmentKind::Internet &&
        (at->host != nullptr || at->router || at->firewall))
        routeOutThroughInternet(at->host, at->deviceRoutes, interfaceId, addresses, segment);
    changes.change(interfaceId);
    changes.change(at->ownerId);
    outcome.ok = true;
    outcome.interfaceId = interfaceId;
    outcome.changes = changes;
    return outcome;
}

}  // namespace mailtopo::edit
