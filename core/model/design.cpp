#include "core/model/design.h"

#include <algorithm>
#include <cctype>

#include "core/model/element_walk.h"

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
    walkElements(design, [&out](const ElementRef& ref) {
        out.push_back({ref.id, ref.kind, ref.pointer});
    });
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
