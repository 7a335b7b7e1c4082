#include "core/edit/design_fragment.h"

#include <functional>
#include <map>
#include <set>

#include "core/edit/design_edits.h"
#include "core/edit/unique_ids.h"
#include "core/io/design_json.h"

namespace mailtopo::edit {
namespace {

// Nested ids (a NIC, a VIP, a rule …) stand for the top-level element that holds them.
std::set<model::Id> topLevelIds(const model::Design& design, const std::vector<model::Id>& ids) {
    const std::set<model::Id> asked(ids.begin(), ids.end());
    std::set<model::Id> out;
    const auto take = [&](const model::Id& owner, const std::vector<model::Id>& nested) {
        if (asked.count(owner)) {
            out.insert(owner);
            return;
        }
        for (const auto& id : nested) {
            if (asked.count(id)) {
                out.insert(owner);
                return;
            }
        }
    };
    const auto interfaceIds = [](const auto& interfaces) {
        std::vector<model::Id> list;
        for (const auto& i : interfaces)
            list.push_back(i.id);
        return list;
    };
    for (const auto& h : design.hosts)
        take(h.id, interfaceIds(h.nics));
    for (const auto& s : design.segments)
        take(s.id, {});
    for (const auto& r : design.routers)
        take(r.id, interfaceIds(r.interfaces));
    for (const auto& lb : design.loadBalancers) {
        std::vector<model::Id> nested = interfaceIds(lb.interfaces);
        for (const auto& v : lb.vips)
            nested.push_back(v.id);
        take(lb.id, nested);
    }
    for (const auto& fw : design.firewalls) {
        std::vector<model::Id> nested = interfaceIds(fw.interfaces);
        for (const auto& r : fw.rules)
            nested.push_back(r.id);
        for (const auto& n : fw.inboundNat)
            nested.push_back(n.id);
        for (const auto& n : fw.outboundNat)
            nested.push_back(n.id);
        take(fw.id, nested);
    }
    for (const auto& c : design.receiveConnectors)
        take(c.id, {});
    for (const auto& c : design.sendConnectors)
        take(c.id, {});
    for (const auto& z : design.dnsZones)
        take(z.id, {});
    for (const auto& f : design.flows)
        take(f.id, {});
    return out;
}

template <class T>
void copyListed(const std::vector<T>& from, std::vector<T>& to, const std::set<model::Id>& ids) {
    for (const T& item : from) {
        if (ids.count(item.id))
            to.push_back(item);
    }
}

// Visits every id a design defines (`define`) and every reference to another element
// (`refer`, which may clear the reference by returning false), so renaming and detaching
// share one list of where ids live.
struct IdVisitor {
    std::function<void(model::Id&)> define;
    std::function<bool(model::Id&)> refer;  // false: the reference is to be dropped
};

void visitIds(model::Design& d, const IdVisitor& v) {
    const auto optionalRef = [&](model::Id& id) {
        if (!id.empty() && !v.refer(id))
            id.clear();
    };
    const auto routes = [&](std::vector<model::Route>& list) {
        std::erase_if(list, [&](model::Route& r) {
            return !r.interfaceId.empty() && !v.refer(r.interfaceId);
        });
    };
    const auto interfaces = [&](auto& list) {
        for (auto& i : list) {
            v.define(i.id);
            optionalRef(i.segmentId);
        }
    };
    for (auto& s : d.segments)
        v.define(s.id);
    for (auto& h : d.hosts) {
        v.define(h.id);
        interfaces(h.nics);
        routes(h.routes);
        if (h.smtp) {
            // A next hop is an address or a host id; only ids that name an element are refs.
            std::erase_if(h.smtp->nextHops, [&](std::string& hop) { return !v.refer(hop); });
        }
    }
    for (auto& r : d.routers) {
        v.define(r.id);
        interfaces(r.interfaces);
        routes(r.routes);
    }
    for (auto& lb : d.loadBalancers) {
        v.define(lb.id);
        interfaces(lb.interfaces);
        routes(lb.routes);
        for (auto& vip : lb.vips) {
            v.define(vip.id);
            std::erase_if(vip.pool, [&](model::PoolMember& m) { return !v.refer(m.hostId); });
        }
    }
    for (auto& fw : d.firewalls) {
        v.define(fw.id);
        interfaces(fw.interfaces);
        routes(fw.routes);
        for (auto& r : fw.rules)
            v.define(r.id);
        for (auto& n : fw.inboundNat)
            v.define(n.id);
        for (auto& n : fw.outboundNat)
            v.define(n.id);
    }
    std::erase_if(d.receiveConnectors, [&](model::ReceiveConnector& c) {
        v.define(c.id);
        return !v.refer(c.serverId);  // a connector without its server means nothing
    });
    for (auto& c : d.sendConnectors) {
        v.define(c.id);
        std::erase_if(c.sourceServerIds, [&](model::Id& id) { return !v.refer(id); });
    }
    for (auto& z : d.dnsZones)
        v.define(z.id);
    for (auto& a : d.organization.acceptedDomains)
        v.define(a.id);
    // A flow needs its source and its destination, if it names one (without one the
    // source's routing chooses); a destination that is an address or "mx:domain" is kept.
    std::erase_if(d.flows, [&](model::Flow& f) {
        v.define(f.id);
        const bool source = v.refer(f.sourceHostId);
        const bool destination = f.destination.empty() || v.refer(f.destination);
        optionalRef(f.poolMemberHostId);  // without its member the VIP picks its first
        return !source || !destination;
    });
}

// Every interface address the design uses (NICs and device interfaces).
std::set<net::Address> interfaceAddresses(const model::Design& design) {
    std::set<net::Address> used;
    const auto take = [&](const auto& interfaces) {
        for (const auto& i : interfaces)
            for (const auto& a : i.addresses)
                used.insert(a.address);
    };
    for (const auto& h : design.hosts)
        take(h.nics);
    for (const auto& r : design.routers)
        take(r.interfaces);
    for (const auto& lb : design.loadBalancers)
        take(lb.interfaces);
    for (const auto& fw : design.firewalls)
        take(fw.interfaces);
    return used;
}

// A pasted copy of a server would clash with the original's addresses: each clashing
// address moves to the next free one in its subnet (10.10.20.22 → 10.10.20.23), keeping
// the copy on the same network. Returns how many moved; a full subnet keeps the clash
// for validation to report.
int readdress(model::Design& fragment, std::set<net::Address> used) {
    int moved = 0;
    std::map<model::Id, std::map<net::Address, net::Address>> movedOn;  // owner → old → new
    const auto fix = [&](const model::Id& owner, auto& interfaces) {
        for (auto& i : interfaces) {
            for (auto& a : i.addresses) {
                if (!used.count(a.address)) {
                    used.insert(a.address);
                    continue;
                }
                const net::Prefix subnet = a.prefix();
                const net::Address last = subnet.last();
                for (net::Address candidate = a.address; candidate < last;) {
                    candidate = candidate.plus(net::U128{0, 1});
                    // The subnet's last address is its broadcast address in IPv4.
                    if (candidate.isV4() && candidate == last && a.prefixLength < 31)
                        break;
                    if (!used.count(candidate)) {
                        movedOn[owner][a.address] = candidate;
                        a.address = candidate;
                        ++moved;
                        break;
                    }
                }
                used.insert(a.address);
            }
        }
    };
    for (auto& h : fragment.hosts)
        fix(h.id, h.nics);
    for (auto& r : fragment.routers)
        fix(r.id, r.interfaces);
    for (auto& lb : fragment.loadBalancers)
        fix(lb.id, lb.interfaces);
    for (auto& fw : fragment.firewalls)
        fix(fw.id, fw.interfaces);
    // What named the old addresses follows: the server's connector bindings and the
    // explicit source address of flows from it.
    for (auto& connector : fragment.receiveConnectors) {
        const auto owner = movedOn.find(connector.serverId);
        if (owner == movedOn.end())
            continue;
        for (auto& binding : connector.bindings) {
            const auto it = owner->second.find(binding.address());
            if (it != owner->second.end())
                binding = net::Binding(it->second, binding.port());
        }
    }
    for (auto& flow : fragment.flows) {
        const auto owner = movedOn.find(flow.sourceHostId);
        if (owner == movedOn.end() || !flow.sourceAddress)
            continue;
        const auto it = owner->second.find(*flow.sourceAddress);
        if (it != owner->second.end())
            flow.sourceAddress = it->second;
    }
    return moved;
}

bool isElementId(const model::Design& design, const std::string& text) {
    for (const auto& occurrence : model::collectIds(design)) {
        if (occurrence.id == text)
            return true;
    }
    return false;
}

}  // namespace

std::string copyFragment(const model::Design& design, const std::vector<model::Id>& ids,
                         const std::string& viewId) {
    std::set<model::Id> take = topLevelIds(design, ids);
    for (const auto& c : design.receiveConnectors) {
        if (take.count(c.serverId))
            take.insert(c.id);
    }
    model::Design fragment;
    fragment.info.name = "MailTopo clipboard";
    copyListed(design.segments, fragment.segments, take);
    copyListed(design.hosts, fragment.hosts, take);
    copyListed(design.routers, fragment.routers, take);
    copyListed(design.loadBalancers, fragment.loadBalancers, take);
    copyListed(design.firewalls, fragment.firewalls, take);
    copyListed(design.receiveConnectors, fragment.receiveConnectors, take);
    copyListed(design.sendConnectors, fragment.sendConnectors, take);
    copyListed(design.dnsZones, fragment.dnsZones, take);
    copyListed(design.flows, fragment.flows, take);
    const model::View* source = nullptr;
    for (const auto& view : design.views) {
        if (view.id == viewId)
            source = &view;
    }
    if (source == nullptr && !design.views.empty())
        source = &design.views.front();
    if (source != nullptr) {
        model::View view{"clipboard", "Clipboard", {}};
        for (const auto& [id, placement] : source->placements) {
            if (take.count(id))
                view.placements[id] = placement;
        }
        if (!view.placements.empty())
            fragment.views.push_back(view);
    }
    return io::serializeDesign(fragment);
}

PasteResult pasteFragment(model::Design& design, std::string_view text, const std::string& viewId,
                          double dx, double dy) {
    PasteResult result;
    io::ParsedDesign parsed = io::parseDesign(text, "clipboard");
    if (!parsed.ok()) {
        result.diagnostics = parsed.diagnostics;
        return result;
    }
    model::Design fragment = std::move(*parsed.design);

    // New ids for those the design already uses; names likewise.
    UniqueIds ids(design);
    std::set<model::Id> fragmentIds;
    for (const auto& occurrence : model::collectIds(fragment))
        fragmentIds.insert(occurrence.id);
    std::map<model::Id, model::Id> renamed;
    for (const model::Id& id : fragmentIds) {
        const model::Id fresh = ids.id(id);
        if (fresh != id) {
            renamed[id] = fresh;
            ++result.renamed;
        }
    }
    const auto rename = [&](model::Id& id) {
        const auto it = renamed.find(id);
        if (it != renamed.end())
            id = it->second;
    };
    visitIds(fragment, {rename, [&](model::Id& ref) {
                            if (fragmentIds.count(ref)) {
                                rename(ref);
                                return true;
                            }
                            if (isElementId(design, ref))
                                return true;  // outside the fragment but in the design
                            // Not an element anywhere: an address or domain (a flow's
                            // destination, a next hop) is kept; anything else is dangling.
                            const bool looksLikeId = ref.find_first_of(".:[") == std::string::npos;
                            if (looksLikeId)
                                ++result.detached;
                            return !looksLikeId;
                        }});
    const auto renameHost = [&](model::Host& host) {
        const std::string old = host.name;
        host.name = ids.hostName(host.name);
        if (host.name == old)
            return;
        ++result.renamed;
        // "ex01.contoso.com" follows a renamed EX01.
        const auto dot = host.fqdn.find('.');
        if (dot != std::string::npos && asciiLower(host.fqdn.substr(0, dot)) == asciiLower(old))
            host.fqdn = asciiLower(host.name) + host.fqdn.substr(dot);
    };
    for (auto& host : fragment.hosts)
        renameHost(host);
    const auto renameDevice = [&](auto& device) {
        const std::string old = device.name;
        device.name = ids.hostName(device.name);
        result.renamed += device.name != old ? 1 : 0;
    };
    for (auto& s : fragment.segments)
        renameDevice(s);
    for (auto& r : fragment.routers)
        renameDevice(r);
    for (auto& lb : fragment.loadBalancers)
        renameDevice(lb);
    for (auto& fw : fragment.firewalls)
        renameDevice(fw);

    result.readdressed = readdress(fragment, interfaceAddresses(design));

    for (const auto& occurrence : model::collectIds(fragment)) {
        if (occurrence.kind != model::ElementKind::View)
            result.changes.insert(occurrence.id);
    }
    const auto append = [&](auto& to, auto& from) {
        for (auto& item : from) {
            result.added.push_back(item.id);
            to.push_back(std::move(item));
        }
    };
    append(design.segments, fragment.segments);
    append(design.hosts, fragment.hosts);
    append(design.routers, fragment.routers);
    append(design.loadBalancers, fragment.loadBalancers);
    append(design.firewalls, fragment.firewalls);
    append(design.receiveConnectors, fragment.receiveConnectors);
    append(design.sendConnectors, fragment.sendConnectors);
    append(design.dnsZones, fragment.dnsZones);
    append(design.flows, fragment.flows);
    append(design.organization.acceptedDomains, fragment.organization.acceptedDomains);

    if (!fragment.views.empty() && !fragment.views.front().placements.empty()) {
        std::map<model::Id, model::Placement> placements;
        for (const auto& [id, p] : fragment.views.front().placements) {
            const auto it = renamed.find(id);
            placements[it == renamed.end() ? id : it->second] = {p.x + dx, p.y + dy};
        }
        const bool hadView = !design.views.empty();
        const std::string view = ensureView(design, viewId);
        if (!hadView)
            result.changes.insert(view);
        setPlacements(design, view, placements);
        for (const auto& entry : placements)
            result.changes.move(entry.first);
    }
    result.ok = true;
    return result;
}

PasteResult duplicateElements(model::Design& design, const std::vector<model::Id>& ids,
                              const std::string& viewId, double dx, double dy) {
    return pasteFragment(design, copyFragment(design, ids, viewId), viewId, dx, dy);
}

}  // namespace mailtopo::edit
