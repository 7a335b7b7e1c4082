#include "core/edit/default_connectors.h"

#include <algorithm>
#include <set>

#include "core/model/element_walk.h"
#include "core/sim/receive_connectors.h"

namespace mailtopo::edit {

ExplicitDefaults makeDefaultConnectorsExplicit(model::Design& design,
                                               const std::vector<model::Id>& hostIds) {
    ExplicitDefaults out;
    std::set<model::Id> taken;
    for (const auto& occurrence : model::collectIds(design))
        taken.insert(occurrence.id);
    const auto wanted = [&](const model::Host& host) {
        return hostIds.empty() ||
               std::find(hostIds.begin(), hostIds.end(), host.id) != hostIds.end();
    };

    // Everything is computed against the design as it is, then applied at once: a
    // refusal leaves the design untouched.
    std::vector<model::ReceiveConnector> added;
    for (const auto& host : design.hosts) {
        if (!host.exchange || !host.exchange->implicitDefaultConnectors || !wanted(host))
            continue;
        for (auto& connector : sim::implicitReceiveConnectors(design, host)) {
            if (taken.count(connector.id)) {
                out.refused = "the id '" + connector.id + "' of the default connector " +
                              connector.name + " is already used by another element: rename " +
                              "that element first";
                return out;
            }
            connector.comment = "Exchange's default receive connector (R18), made explicit.";
            added.push_back(std::move(connector));
        }
        out.servers.push_back(host.id);
    }
    for (auto& connector : added) {
        out.changes.insert(connector.id);
        design.receiveConnectors.push_back(std::move(connector));
    }
    for (const auto& id : out.servers) {
        design.findHost(id)->exchange->implicitDefaultConnectors = false;
        out.changes.change(id);
    }
    return out;
}

}  // namespace mailtopo::edit
