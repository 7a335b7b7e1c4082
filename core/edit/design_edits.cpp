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

// Removes the items whose id is in `ids`, recording them.
template <class T>
void eraseListed(std::vector<T>& list, const std::set<model::Id>& ids, RemovalSummary& summary) {
    std::erase_if(list, [&](const T& item) {
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

    // Nested elements, and references to what went.
    const auto detach = [&](model::Id& segmentId) {
        if (!segmentId.empty() && gone.count(segmentId)) {
            segmentId.clear();
            ++summary.detached;
        }
    };
    const auto devicePart = [&](std::vector<model::DeviceInterface>& interfaces,
                                std::vector<model::Route>& routes) {
        eraseListed(interfaces, gone, summary);
        for (auto& i : interfaces)
            detach(i.segmentId);
        summary.detached +=
            eraseIf(routes, [&](const model::Route& r) { return gone.count(r.interfaceId) != 0; });
    };
    for (auto& host : design.hosts) {
        eraseListed(host.nics, gone, summary);
        for (auto& nic : host.nics)
            detach(nic.segmentId);
        summary.detached += eraseIf(
            host.routes, [&](const model::Route& r) { return gone.count(r.interfaceId) != 0; });
        if (host.smtp) {
            summary.detached += eraseIf(host.smtp->nextHops,
                                        [&](const std::string& hop) { return gone.count(hop); });
        }
    }
    for (auto& router : design.routers)
        devicePart(router.interfaces, router.routes);
    for (auto& lb : design.loadBalancers) {
        devicePart(lb.interfaces, lb.routes);
        eraseListed(lb.vips, gone, summary);
        for (auto& vip : lb.vips) {
            summary.detached += eraseIf(
                vip.pool, [&](const model::PoolMember& m) { return gone.count(m.hostId) != 0; });
        }
    }
    for (auto& fw : design.firewalls) {
        devicePart(fw.interfaces, fw.routes);
        eraseListed(fw.rules, gone, summary);
        eraseListed(fw.inboundNat, gone, summary);
        eraseListed(fw.outboundNat, gone, summary);
    }
    for (auto& connector : design.sendConnectors) {
        summary.detached += eraseIf(connector.sourceServerIds,
                                    [&](const model::Id& id) { return gone.count(id) != 0; });
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
