#include "core/edit/design_edits.h"

#include <algorithm>
#include <set>

#include "core/edit/unique_ids.h"

namespace mailtopo::edit {
namespace {

template <class T, class Pred>
int eraseIf(std::vector<T>& list, Pred pred) {
    const auto before = list.size();
    std::erase_if(list, pred);
    return static_cast<int>(before - list.size());
}

// Removes the items whose id is in `ids`, recording them; returns how many went.
template <class T>
int eraseListed(std::vector<T>& list, const std::set<model::Id>& ids, RemovalSummary& summary) {
    return eraseIf(list, [&](const T& item) {
        if (!ids.count(item.id))
            return false;
        summary.removed.push_back(item.id);
        return true;
    });
}

}  // namespace

std::string ensureView(model::Design& design, const std::string& viewId) {
    for (const model::View& view : design.views) {
        if (view.id == viewId)
            return view.id;
    }
    if (!design.views.empty())
        return design.views.front().id;
    UniqueIds ids(design);
    design.views.push_back({ids.id("view-main"), "Overview", {}});
    return design.views.back().id;
}

void setPlacements(model::Design& design, const std::string& viewId,
                   const std::map<model::Id, model::Placement>& placements) {
    for (model::View& view : design.views) {
        if (view.id != viewId)
            continue;
        for (const auto& [id, placement] : placements)
            view.placements[id] = placement;
    }
}

RemovalSummary removeElements(model::Design& design, const std::vector<model::Id>& ids) {
    RemovalSummary summary;
    std::set<model::Id> gone(ids.begin(), ids.end());
    // A server takes its receive connectors with it.
    for (const auto& connector : design.receiveConnectors) {
        if (gone.count(connector.serverId))
            gone.insert(connector.id);
    }

    // Top-level elements.
    eraseListed(design.hosts, gone, summary);
    eraseListed(design.segments, gone, summary);
    eraseListed(design.routers, gone, summary);
    eraseListed(design.loadBalancers, gone, summary);
    eraseListed(design.firewalls, gone, summary);
    eraseListed(design.receiveConnectors, gone, summary);
    eraseListed(design.sendConnectors, gone, summary);
    eraseListed(design.dnsZones, gone, summary);
    eraseListed(design.flows, gone, summary);
    eraseListed(design.views, gone, summary);
    eraseListed(design.organization.acceptedDomains, gone, summary);

    // Nested elements, and references to what went. What lost a part or a reference is
    // recorded as changed.
    ChangeSet& changes = summary.changes;
    const auto changedIf = [&](bool changed, const model::Id& id) {
        if (changed)
            changes.change(id);
    };
    const auto detach = [&](model::Id& segmentId) {
        if (!segmentId.empty() && gone.count(segmentId)) {
            segmentId.clear();
            ++summary.detached;
            return true;
        }
        return false;
    };
    const auto dropRoutes = [&](std::vector<model::Route>& routes) {
        const int dropped =
            eraseIf(routes, [&](const model::Route& r) { return gone.count(r.interfaceId) != 0; });
        summary.detached += dropped;
        return dropped > 0;
    };
    const auto devicePart = [&](const model::Id& owner,
                                std::vector<model::DeviceInterface>& interfaces,
                                std::vector<model::Route>& routes) {
        bool changed = eraseListed(interfaces, gone, summary) > 0;
        for (auto& i : interfaces) {
            const bool detached = detach(i.segmentId);
            changedIf(detached, i.id);
            changed = changed || detached;
        }
        changed = dropRoutes(routes) || changed;
        changedIf(changed, owner);
    };
    for (auto& host : design.hosts) {
        bool changed = eraseListed(host.nics, gone, summary) > 0;
        for (auto& nic : host.nics) {
            const bool detached = detach(nic.segmentId);
            changedIf(detached, nic.id);
            changed = changed || detached;
        }
        changed = dropRoutes(host.routes) || changed;
        if (host.smtp) {
            const int hops = eraseIf(host.smtp->nextHops,
                                     [&](const std::string& hop) { return gone.count(hop); });
            summary.detached += hops;
            changed = changed || hops > 0;
        }
        changedIf(changed, host.id);
    }
    for (auto& router : design.routers)
        devicePart(router.id, router.interfaces, router.routes);
    for (auto& lb : design.loadBalancers) {
        devicePart(lb.id, lb.interfaces, lb.routes);
        changedIf(eraseListed(lb.vips, gone, summary) > 0, lb.id);
        for (auto& vip : lb.vips) {
            const int members = eraseIf(
                vip.pool, [&](const model::PoolMember& m) { return gone.count(m.hostId) != 0; });
            summary.detached += members;
            changedIf(members > 0, vip.id);
        }
    }
    for (auto& fw : design.firewalls) {
        devicePart(fw.id, fw.interfaces, fw.routes);
        const int rules = eraseListed(fw.rules, gone, summary) +
                          eraseListed(fw.inboundNat, gone, summary) +
                          eraseListed(fw.outboundNat, gone, summary);
        changedIf(rules > 0, fw.id);
    }
    for (auto& connector : design.sendConnectors) {
        const int sources = eraseIf(connector.sourceServerIds,
                                    [&](const model::Id& id) { return gone.count(id) != 0; });
        summary.detached += sources;
        changedIf(sources > 0, connector.id);
    }
    // A flow from or to a removed host cannot be traced any more; one that named a removed
    // pool member goes to the VIP's first member again.
    std::erase_if(design.flows, [&](const model::Flow& flow) {
        if (!gone.count(flow.sourceHostId) && !gone.count(flow.destination))
            return false;
        summary.removed.push_back(flow.id);
        return true;
    });
    for (auto& flow : design.flows) {
        if (!flow.poolMemberHostId.empty() && gone.count(flow.poolMemberHostId)) {
            flow.poolMemberHostId.clear();
            ++summary.detached;
        }
    }
    for (auto& view : design.views) {
        std::erase_if(view.placements, [&](const auto& entry) { return gone.count(entry.first); });
    }

    // The requested ids first, in the order asked, then what went with them.
    std::stable_partition(summary.removed.begin(), summary.removed.end(), [&](const model::Id& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    });
    for (const auto& id : summary.removed)
        changes.remove(id);
    return summary;
}

int setSite(model::Design& design, const std::vector<model::Id>& hostIds, const std::string& site) {
    int changed = 0;
    for (const model::Id& id : hostIds) {
        model::Host* host = design.findHost(id);
        if (host == nullptr || !host->exchange || host->exchange->site == site)
            continue;
        host->exchange->site = site;
        ++changed;
    }
    return changed;
}

std::map<std::string, std::vector<model::Id>> sitesOf(const model::Design& design) {
    std::map<std::string, std::vector<model::Id>> sites;
    for (const auto& host : design.hosts) {
        if (host.exchange)
            sites[host.exchange->site].push_back(host.id);
    }
    return sites;
}

}  // namespace mailtopo::edit
