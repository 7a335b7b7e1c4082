#include "core/model/element_walk.h"

#include <cctype>
#include <unordered_map>

namespace mailtopo::model {
namespace {

std::string orId(const std::string& name, const Id& id) {
    return name.empty() ? id : name;
}

class Walker {
public:
    Walker(const Design& design, const std::function<void(const ElementRef&)>& visit)
        : design_(design), visit_(visit) {}

    void run() {
        const auto& domains = design_.organization.acceptedDomains;
        for (size_t i = 0; i < domains.size(); ++i)
            emit(ElementKind::AcceptedDomain, domains[i].id, at("/organization/acceptedDomains", i),
                 {}, orId(domains[i].domainName, domains[i].id));
        for (size_t i = 0; i < design_.segments.size(); ++i) {
            const Segment& s = design_.segments[i];
            emit(ElementKind::Segment, s.id, at("/segments", i), {}, orId(s.name, s.id));
        }
        for (size_t i = 0; i < design_.hosts.size(); ++i) {
            const Host& h = design_.hosts[i];
            const std::string base = at("/hosts", i);
            const std::string name = orId(h.name, h.id);
            emit(ElementKind::Host, h.id, base, {}, name);
            hostNames_.emplace(h.id, name);
            for (size_t n = 0; n < h.nics.size(); ++n)
                emit(ElementKind::Nic, h.nics[n].id, at(base + "/nics", n), h.id,
                     name + " NIC " + orId(h.nics[n].alias, h.nics[n].id));
        }
        for (size_t i = 0; i < design_.routers.size(); ++i) {
            const Router& r = design_.routers[i];
            device(ElementKind::Router, r.id, r.name, r.interfaces, at("/routers", i));
        }
        for (size_t i = 0; i < design_.loadBalancers.size(); ++i) {
            const LoadBalancer& lb = design_.loadBalancers[i];
            const std::string base = at("/loadBalancers", i);
            const std::string name =
                device(ElementKind::LoadBalancer, lb.id, lb.name, lb.interfaces, base);
            for (size_t v = 0; v < lb.vips.size(); ++v)
                emit(ElementKind::Vip, lb.vips[v].id, at(base + "/vips", v), lb.id,
                     name + " VIP " + orId(lb.vips[v].name, lb.vips[v].id));
        }
        for (size_t i = 0; i < design_.firewalls.size(); ++i) {
            const Firewall& fw = design_.firewalls[i];
            const std::string base = at("/firewalls", i);
            const std::string name =
                device(ElementKind::Firewall, fw.id, fw.name, fw.interfaces, base);
            held(ElementKind::FirewallRule, fw.rules, base + "/rules", fw.id, name + " rule ");
            held(ElementKind::InboundNat, fw.inboundNat, base + "/inboundNat", fw.id,
                 name + " inbound NAT ");
            held(ElementKind::OutboundNat, fw.outboundNat, base + "/outboundNat", fw.id,
                 name + " outbound NAT ");
        }
        for (size_t i = 0; i < design_.receiveConnectors.size(); ++i) {
            const ReceiveConnector& rc = design_.receiveConnectors[i];
            // Exchange's own spelling: "SERVER\Connector name".
            const auto server = hostNames_.find(rc.serverId);
            const std::string name = orId(rc.name, rc.id);
            emit(ElementKind::ReceiveConnector, rc.id, at("/receiveConnectors", i), rc.serverId,
                 server != hostNames_.end() ? server->second + "\\" + name : name);
        }
        for (size_t i = 0; i < design_.sendConnectors.size(); ++i) {
            const SendConnector& sc = design_.sendConnectors[i];
            emit(ElementKind::SendConnector, sc.id, at("/sendConnectors", i), {},
                 "send connector " + orId(sc.name, sc.id));
        }
        for (size_t i = 0; i < design_.dnsZones.size(); ++i) {
            const DnsZone& z = design_.dnsZones[i];
            emit(ElementKind::DnsZone, z.id, at("/dnsZones", i), {},
                 z.origin.empty() ? z.id : "zone " + z.origin);
        }
        for (size_t i = 0; i < design_.flows.size(); ++i) {
            const Flow& f = design_.flows[i];
            emit(ElementKind::Flow, f.id, at("/flows", i), {}, orId(f.name, f.id));
        }
        for (size_t i = 0; i < design_.views.size(); ++i) {
            const View& v = design_.views[i];
            emit(ElementKind::View, v.id, at("/views", i), {}, orId(v.name, v.id));
        }
    }

private:
    static std::string at(const std::string& list, size_t index) {
        return list + "/" + std::to_string(index);
    }

    void emit(ElementKind kind, const Id& id, std::string pointer, const Id& owner,
              std::string label) {
        visit_(ElementRef{kind, id, std::move(pointer), owner, std::move(label)});
    }

    // A router, load balancer or firewall and its interfaces; returns the device's label.
    std::string device(ElementKind kind, const Id& id, const std::string& rawName,
                       const std::vector<DeviceInterface>& interfaces, const std::string& base) {
        const std::string name = orId(rawName, id);
        emit(kind, id, base, {}, name);
        held(ElementKind::DeviceInterface, interfaces, base + "/interfaces", id,
             name + " interface ");
        return name;
    }

    // Elements a device holds, labelled "<device> <what> <name>" ("FW1 rule Allow SMTP").
    template <class T>
    void held(ElementKind kind, const std::vector<T>& items, const std::string& list,
              const Id& owner, const std::string& prefix) {
        for (size_t i = 0; i < items.size(); ++i)
            emit(kind, items[i].id, at(list, i), owner, prefix + orId(items[i].name, items[i].id));
    }

    const Design& design_;
    const std::function<void(const ElementRef&)>& visit_;
    // Host labels by id, for the connectors walked after them (a lookup per connector
    // would make the walk quadratic on a large estate).
    std::unordered_map<std::string_view, std::string> hostNames_;
};

// Where `id` sits in `list`, as a JSON pointer under `name`; empty when it is not there.
template <class T>
std::string pointerIn(const std::vector<T>& list, std::string_view id, std::string_view name) {
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].id == id)
            return "/" + std::string(name) + "/" + std::to_string(i);
    }
    return {};
}

bool isIndex(std::string_view token) {
    if (token.empty())
        return false;
    for (char c : token) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

// "/addresses/2/skipAsSource" → "addresses, entry 3, skipAsSource" (entries count from 1,
// as people count).
std::string describeRest(std::string_view rest) {
    std::string out;
    size_t start = 0;
    while (start < rest.size()) {
        if (rest[start] == '/')
            ++start;
        const size_t end = std::min(rest.find('/', start), rest.size());
        const std::string_view token = rest.substr(start, end - start);
        if (!token.empty()) {
            if (!out.empty())
                out += ", ";
            out += isIndex(token) ? "entry " + std::to_string(std::stoul(std::string(token)) + 1)
                                  : std::string(token);
        }
        start = end;
    }
    return out;
}

}  // namespace

void walkElements(const Design& design, const std::function<void(const ElementRef&)>& visit) {
    Walker(design, visit).run();
}

std::vector<ElementRef> allElements(const Design& design) {
    std::vector<ElementRef> out;
    walkElements(design, [&out](const ElementRef& ref) { out.push_back(ref); });
    return out;
}

std::string elementLabel(const Design& design, std::string_view id) {
    std::string label;
    walkElements(design, [&](const ElementRef& ref) {
        if (label.empty() && ref.id == id)
            label = ref.label;
    });
    return label.empty() ? std::string(id) : label;
}

std::string describePointer(const Design& design, std::string_view pointer) {
    return describePointer(allElements(design), pointer);
}

std::string describePointer(const std::vector<ElementRef>& elements, std::string_view pointer) {
    // The deepest element whose pointer is a whole-token prefix of `pointer`.
    const ElementRef* best = nullptr;
    for (const ElementRef& ref : elements) {
        const bool prefix =
            pointer.starts_with(ref.pointer) &&
            (pointer.size() == ref.pointer.size() || pointer[ref.pointer.size()] == '/');
        if (prefix && (best == nullptr || ref.pointer.size() > best->pointer.size()))
            best = &ref;
    }
    if (best != nullptr) {
        const std::string rest = describeRest(pointer.substr(best->pointer.size()));
        return rest.empty() ? best->label : best->label + ": " + rest;
    }
    // Outside every element: "/organization/internalSmtpServers/0".
    const std::string rest = describeRest(pointer);
    const size_t comma = rest.find(", ");
    if (comma == std::string::npos)
        return rest;
    return rest.substr(0, comma) + ": " + rest.substr(comma + 2);
}

std::string topLevelPointer(const Design& design, std::string_view id) {
    std::string pointer;
    forEachElementList([&](auto list, const char* name) {
        if (pointer.empty())
            pointer = pointerIn(design.*list, id, name);
    });
    return pointer.empty() ? pointerIn(design.views, id, "views") : pointer;
}

}  // namespace mailtopo::model
