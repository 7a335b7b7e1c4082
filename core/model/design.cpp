#include "core/model/design.h"

#include <algorithm>
#include <cctype>

namespace mailtopo::model {
namespace {

template <class T>
auto* findById(T& items, std::string_view id) {
    auto it =
        std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

const Host* Design::findHost(std::string_view id) const {
    return findById(hosts, id);
}
Host* Design::findHost(std::string_view id) {
    return findById(hosts, id);
}
const Segment* Design::findSegment(std::string_view id) const {
    return findById(segments, id);
}
const ReceiveConnector* Design::findReceiveConnector(std::string_view id) const {
    return findById(receiveConnectors, id);
}

const Host* Design::findHostByName(std::string_view name) const {
    for (const auto& host : hosts) {
        if (equalsIgnoreCase(host.name, name))
            return &host;
    }
    return nullptr;
}

std::vector<const ReceiveConnector*> Design::receiveConnectorsOf(std::string_view serverId) const {
    std::vector<const ReceiveConnector*> out;
    for (const auto& connector : receiveConnectors) {
        if (connector.serverId == serverId)
            out.push_back(&connector);
    }
    return out;
}

std::vector<IdOccurrence> collectIds(const Design& design) {
    std::vector<IdOccurrence> out;
    auto add = [&](const Id& id, ElementKind kind, std::string path) {
        out.push_back({id, kind, std::move(path)});
    };
    auto interfaces = [&](const std::vector<DeviceInterface>& list, const std::string& base) {
        for (size_t i = 0; i < list.size(); ++i) {
            add(list[i].id, ElementKind::DeviceInterface,
                base + "/interfaces/" + std::to_string(i));
        }
    };
    for (size_t i = 0; i < design.organization.acceptedDomains.size(); ++i) {
        add(design.organization.acceptedDomains[i].id, ElementKind::AcceptedDomain,
            "/organization/acceptedDomains/" + std::to_string(i));
    }
    for (size_t i = 0; i < design.segments.size(); ++i) {
        add(design.segments[i].id, ElementKind::Segment, "/segments/" + std::to_string(i));
    }
    for (size_t i = 0; i < design.hosts.size(); ++i) {
        const std::string base = "/hosts/" + std::to_string(i);
        add(design.hosts[i].id, ElementKind::Host, base);
        for (size_t n = 0; n < design.hosts[i].nics.size(); ++n) {
            add(design.hosts[i].nics[n].id, ElementKind::Nic, base + "/nics/" + std::to_string(n));
        }
    }
    for (size_t i = 0; i < design.routers.size(); ++i) {
        const std::string base = "/routers/" + std::to_string(i);
        add(design.routers[i].id, ElementKind::Router, base);
        interfaces(design.routers[i].interfaces, base);
    }
    for (size_t i = 0; i < design.loadBalancers.size(); ++i) {
        const auto& lb = design.loadBalancers[i];
        const std::string base = "/loadBalancers/" + std::to_string(i);
        add(lb.id, ElementKind::LoadBalancer, base);
        interfaces(lb.interfaces, base);
        for (size_t v = 0; v < lb.vips.size(); ++v) {
            add(lb.vips[v].id, ElementKind::Vip, base + "/vips/" + std::to_string(v));
        }
    }
    for (size_t i = 0; i < design.firewalls.size(); ++i) {
        const auto& fw = design.firewalls[i];
        const std::string base = "/firewalls/" + std::to_string(i);
        add(fw.id, ElementKind::Firewall, base);
        interfaces(fw.interfaces, base);
        for (size_t r = 0; r < fw.rules.size(); ++r) {
            add(fw.rules[r].id, ElementKind::FirewallRule, base + "/rules/" + std::to_string(r));
        }
        for (size_t r = 0; r < fw.inboundNat.size(); ++r) {
            add(fw.inboundNat[r].id, ElementKind::InboundNat,
                base + "/inboundNat/" + std::to_string(r));
        }
        for (size_t r = 0; r < fw.outboundNat.size(); ++r) {
            add(fw.outboundNat[r].id, ElementKind::OutboundNat,
                base + "/outboundNat/" + std::to_string(r));
        }
    }
    for (size_t i = 0; i < design.receiveConnectors.size(); ++i) {
        add(design.receiveConnectors[i].id, ElementKind::ReceiveConnector,
            "/receiveConnectors/" + std::to_string(i));
    }
    for (size_t i = 0; i < design.sendConnectors.size(); ++i) {
        add(design.sendConnectors[i].id, ElementKind::SendConnector,
            "/sendConnectors/" + std::to_string(i));
    }
    for (size_t i = 0; i < design.dnsZones.size(); ++i) {
        add(design.dnsZones[i].id, ElementKind::DnsZone, "/dnsZones/" + std::to_string(i));
    }
    for (size_t i = 0; i < design.flows.size(); ++i) {
        add(design.flows[i].id, ElementKind::Flow, "/flows/" + std::to_string(i));
    }
    for (size_t i = 0; i < design.views.size(); ++i) {
        add(design.views[i].id, ElementKind::View, "/views/" + std::to_string(i));
    }
    return out;
}

std::string_view elementKindName(ElementKind kind) {
    switch (kind) {
        case ElementKind::Segment:
            return "segment";
        case ElementKind::Host:
            return "host";
        case ElementKind::Nic:
            return "NIC";
        case ElementKind::Router:
            return "router";
        case ElementKind::LoadBalancer:
            return "load balancer";
        case ElementKind::Vip:
            return "VIP";
        case ElementKind::Firewall:
            return "firewall";
        case ElementKind::DeviceInterface:
            return "interface";
        case ElementKind::FirewallRule:
            return "firewall rule";
        case ElementKind::InboundNat:
            return "inbound NAT rule";
        case ElementKind::OutboundNat:
            return "outbound NAT rule";
        case ElementKind::ReceiveConnector:
            return "receive connector";
        case ElementKind::SendConnector:
            return "send connector";
        case ElementKind::AcceptedDomain:
            return "accepted domain";
        case ElementKind::DnsZone:
            return "DNS zone";
        case ElementKind::Flow:
            return "flow";
        case ElementKind::View:
            return "view";
    }
    return "element";
}

}  // namespace mailtopo::model
