#include "core/model/design_lookup.h"

#include <cctype>

namespace mailtopo::model {
namespace {

// Folded as Design::findHostByName compares, so a key matches exactly the names it accepts.
std::string foldName(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// DNS names compare ignoring ASCII case only (RFC 4343), whatever the locale.
std::string foldAscii(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

template <class Map, class Key>
auto found(const Map& map, const Key& key) -> typename Map::mapped_type {
    const auto it = map.find(key);
    return it != map.end() ? it->second : nullptr;
}

}  // namespace

DesignLookup::DesignLookup(const Design& design) : design_(design) {
    indexHosts();
    for (const Segment& segment : design.segments)
        segments_.try_emplace(segment.id, &segment);
    for (const ReceiveConnector& connector : design.receiveConnectors) {
        receiveConnectors_.try_emplace(connector.id, &connector);
        connectorsByServer_[connector.serverId].push_back(&connector);
    }
    for (const Flow& flow : design.flows)
        flows_.try_emplace(flow.id, &flow);
    indexSendConnectors();
}

void DesignLookup::indexHosts() {
    hosts_.reserve(design_.hosts.size());
    hostsByName_.reserve(design_.hosts.size());
    for (const Host& host : design_.hosts) {
        hosts_.try_emplace(host.id, &host);
        hostsByName_.try_emplace(foldName(host.name), &host);
        if (!host.fqdn.empty())
            hostsByFqdn_.try_emplace(foldAscii(host.fqdn), &host);
        for (const Nic& nic : host.nics)
            nics_.try_emplace(nic.id, &nic);
    }
}

// Needs the hosts indexed: a source server's site is that of the host its id resolves to.
void DesignLookup::indexSendConnectors() {
    for (const SendConnector& connector : design_.sendConnectors) {
        SourceServers& sources = sourceServers_[&connector];
        for (const Id& id : connector.sourceServerIds) {
            sources.hosts.insert(id);
            if (const Host* source = host(id); source != nullptr && source->exchange)
                sources.sites.insert(source->exchange->site);
        }
    }
}

const Host* DesignLookup::host(std::string_view id) const {
    return found(hosts_, id);
}

const Host* DesignLookup::hostNamed(std::string_view name) const {
    return found(hostsByName_, foldName(name));
}

const Host* DesignLookup::hostWithFqdn(std::string_view fqdn) const {
    return found(hostsByFqdn_, foldAscii(fqdn));
}

const Nic* DesignLookup::nic(std::string_view id) const {
    return found(nics_, id);
}

const Segment* DesignLookup::segment(std::string_view id) const {
    return found(segments_, id);
}

const ReceiveConnector* DesignLookup::receiveConnector(std::string_view id) const {
    return found(receiveConnectors_, id);
}

const std::vector<const ReceiveConnector*>& DesignLookup::connectorsOf(
    std::string_view serverId) const {
    static const std::vector<const ReceiveConnector*> none;
    const auto it = connectorsByServer_.find(serverId);
    return it != connectorsByServer_.end() ? it->second : none;
}

const Flow* DesignLookup::flow(std::string_view id) const {
    return found(flows_, id);
}

bool DesignLookup::isSourceServer(const SendConnector& connector, std::string_view hostId) const {
    const auto it = sourceServers_.find(&connector);
    return it != sourceServers_.end() && it->second.hosts.contains(hostId);
}

bool DesignLookup::hasSourceServerInSite(const SendConnector& connector,
                                         std::string_view site) const {
    const auto it = sourceServers_.find(&connector);
    return it != sourceServers_.end() && it->second.sites.contains(site);
}

}  // namespace mailtopo::model
