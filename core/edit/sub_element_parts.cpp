#include "core/edit/sub_element_parts.h"

#include <cctype>

namespace mailtopo::edit::detail {
namespace {

std::string nameOr(const std::string& name, const model::Id& id) {
    return name.empty() ? id : name;
}

// Fills the device part of `out` when `id` is the device or one of its interfaces.
template <class Device>
bool locateInDevice(Device& device, model::ElementKind kind, const model::Id& id, Located& out) {
    out.ownerId = device.id;
    out.deviceInterfaces = &device.interfaces;
    out.deviceRoutes = &device.routes;
    if (device.id == id) {
        out.kind = kind;
        out.label = nameOr(device.name, device.id);
        return true;
    }
    for (auto& itf : device.interfaces) {
        if (itf.id == id) {
            out.kind = model::ElementKind::DeviceInterface;
            out.deviceInterface = &itf;
            out.label = nameOr(device.name, device.id) + "/" + nameOr(itf.name, itf.id);
            return true;
        }
    }
    return false;
}

}  // namespace

std::optional<Located> locate(model::Design& design, const model::Id& id) {
    if (id.empty())
        return std::nullopt;
    for (auto& segment : design.segments) {
        if (segment.id == id) {
            Located out;
            out.kind = model::ElementKind::Segment;
            out.ownerId = id;
            out.segment = &segment;
            out.label = nameOr(segment.name, segment.id);
            return out;
        }
    }
    for (auto& host : design.hosts) {
        Located out;
        out.ownerId = host.id;
        out.host = &host;
        out.label = nameOr(host.name, host.id);
        if (host.id == id) {
            out.kind = model::ElementKind::Host;
            return out;
        }
        for (auto& nic : host.nics) {
            if (nic.id == id) {
                out.kind = model::ElementKind::Nic;
                out.nic = &nic;
                out.label = nameOr(host.name, host.id) + "/" + nameOr(nic.alias, nic.id);
                return out;
            }
        }
    }
    for (auto& router : design.routers) {
        Located out;
        out.router = &router;
        if (locateInDevice(router, model::ElementKind::Router, id, out))
            return out;
    }
    for (auto& lb : design.loadBalancers) {
        Located out;
        out.loadBalancer = &lb;
        if (locateInDevice(lb, model::ElementKind::LoadBalancer, id, out))
            return out;
        for (auto& vip : lb.vips) {
            if (vip.id == id) {
                out.kind = model::ElementKind::Vip;
                out.vip = &vip;
                out.label = nameOr(lb.name, lb.id) + "/" + nameOr(vip.name, vip.id);
                return out;
            }
        }
    }
    for (auto& fw : design.firewalls) {
        Located out;
        out.firewall = &fw;
        if (locateInDevice(fw, model::ElementKind::Firewall, id, out))
            return out;
        // Rules and NAT rules hold nothing, so they are only named as wrong parents.
        const auto nested = [&](const auto& list, model::ElementKind kind) {
            for (const auto& item : list) {
                if (item.id == id) {
                    out.kind = kind;
                    out.label = nameOr(fw.name, fw.id) + "/" + nameOr(item.name, item.id);
                    return true;
                }
            }
            return false;
        };
        if (nested(fw.rules, model::ElementKind::FirewallRule) ||
            nested(fw.inboundNat, model::ElementKind::InboundNat) ||
            nested(fw.outboundNat, model::ElementKind::OutboundNat))
            return out;
    }
    for (auto& zone : design.dnsZones) {
        if (zone.id == id) {
            Located out;
            out.kind = model::ElementKind::DnsZone;
            out.ownerId = id;
            out.zone = &zone;
            out.label = zone.origin;
            return out;
        }
    }
    // The remaining kinds hold no sub-elements; they are located only to name them.
    for (const auto& occurrence : model::collectIds(design)) {
        if (occurrence.id == id) {
            Located out;
            out.kind = occurrence.kind;
            out.ownerId = id;
            out.label = id;
            return out;
        }
    }
    return std::nullopt;
}

AddOutcome refused(std::string error) {
    AddOutcome outcome;
    outcome.error = std::move(error);
    return outcome;
}

AddOutcome added(model::Id id, std::string name, ChangeSet changes, std::string proposed) {
    AddOutcome outcome;
    outcome.ok = true;
    outcome.id = std::move(id);
    outcome.name = std::move(name);
    outcome.proposed = std::move(proposed);
    outcome.changes = std::move(changes);
    return outcome;
}

std::string slug(std::string_view text) {
    std::string out;
    bool pendingHyphen = false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80) {
            if (pendingHyphen && !out.empty())
                out += '-';
            pendingHyphen = false;
            out += static_cast<char>(std::tolower(u));
        } else {
            pendingHyphen = true;
        }
    }
    return out;
}

std::string numberedLabel(const std::string& base, const std::set<std::string>& takenLower,
                          const std::string& separator) {
    std::string candidate = base;
    for (int n = 2; takenLower.count(asciiLower(candidate)); ++n)
        candidate = base + separator + std::to_string(n);
    return candidate;
}

std::set<net::Address> usedAddresses(const model::Design& design) {
    std::set<net::Address> used;
    const auto interfaces = [&](const auto& list) {
        for (const auto& itf : list)
            for (const auto& a : itf.addresses)
                used.insert(a.address);
    };
    for (const auto& host : design.hosts) {
        interfaces(host.nics);
        // A gateway or DNS server the design does not draw is still a device on the subnet.
        for (const auto& nic : host.nics) {
            used.insert(nic.gateways.begin(), nic.gateways.end());
            used.insert(nic.dnsServers.begin(), nic.dnsServers.end());
        }
    }
    for (const auto& router : design.routers)
        interfaces(router.interfaces);
    for (const auto& lb : design.loadBalancers) {
        interfaces(lb.interfaces);
        for (const auto& vip : lb.vips) {
            used.insert(vip.address);
            if (vip.snatAddress)
                used.insert(*vip.snatAddress);
        }
    }
    for (const auto& fw : design.firewalls) {
        interfaces(fw.interfaces);
        for (const auto& nat : fw.inboundNat) {
            used.insert(nat.publicAddress);
            used.insert(nat.insideAddress);
            if (nat.sourceTranslation)
                used.insert(*nat.sourceTranslation);
        }
        for (const auto& nat : fw.outboundNat)
            used.insert(nat.publicAddress);
    }
    return used;
}

std::optional<net::Prefix> segmentSubnet(const model::Segment& segment,
                                         std::optional<net::Family> family) {
    for (const auto& subnet : segment.subnets) {
        if (!family || subnet.family() == *family)
            return subnet;
    }
    return std::nullopt;
}

}  // namespace mailtopo::edit::detail
