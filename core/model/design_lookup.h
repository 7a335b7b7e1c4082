#pragma once
// The design's searches by id and by name, indexed once. Design::findHost and its siblings
// scan the lists, which is right for one question after an edit but makes a pass that asks
// once per host, NIC or trace quadratic; validating an estate of tens of thousands of NICs
// or building its scene asks that often.
//
// Where an id (or name) is carried twice, the first element wins, as Design's own searches
// return it. The lookup refers into `design`, which must outlive it unchanged.

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model/design.h"

namespace mailtopo::model {

class DesignLookup {
public:
    explicit DesignLookup(const Design& design);

    const Design& design() const { return design_; }

    const Host* host(std::string_view id) const;  // Design::findHost
    // Design::findHostByName: the short name, ignoring case.
    const Host* hostNamed(std::string_view name) const;
    // The first host whose non-empty FQDN is `fqdn`, ignoring ASCII case.
    const Host* hostWithFqdn(std::string_view fqdn) const;
    const Nic* nic(std::string_view id) const;  // of any host
    const Segment* segment(std::string_view id) const;
    const ReceiveConnector* receiveConnector(std::string_view id) const;
    // The declared receive connectors of a server, in document order.
    const std::vector<const ReceiveConnector*>& connectorsOf(std::string_view serverId) const;
    const Flow* flow(std::string_view id) const;

    // For a send connector of the design: whether `hostId` is among its source servers, and
    // whether one of them (as host(id) resolves it) is an Exchange server in AD site `site`.
    bool isSourceServer(const SendConnector& connector, std::string_view hostId) const;
    bool hasSourceServerInSite(const SendConnector& connector, std::string_view site) const;

private:
    struct SourceServers {
        std::unordered_set<std::string_view> hosts;
        std::unordered_set<std::string_view> sites;
    };

    void indexHosts();
    void indexSendConnectors();

    const Design& design_;
    std::unordered_map<std::string_view, const Host*> hosts_;
    std::unordered_map<std::string, const Host*> hostsByName_;  // keys case-folded
    std::unordered_map<std::string, const Host*> hostsByFqdn_;  // keys case-folded
    std::unordered_map<std::string_view, const Nic*> nics_;
    std::unordered_map<std::string_view, const Segment*> segments_;
    std::unordered_map<std::string_view, const ReceiveConnector*> receiveConnectors_;
    std::unordered_map<std::string_view, std::vector<const ReceiveConnector*>> connectorsByServer_;
    std::unordered_map<std::string_view, const Flow*> flows_;
    std::unordered_map<const SendConnector*, SourceServers> sourceServers_;
};

}  // namespace mailtopo::model
