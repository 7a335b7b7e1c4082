#include "core/io/powershell/design_apply.h"

#include <algorithm>
#include <climits>
#include <unordered_map>

#include "core/io/powershell/element_ids.h"
#include "core/io/powershell/field_changes.h"
#include "core/io/powershell/record_reading.h"

namespace mailtopo::io::powershell::detail {
namespace {

std::vector<std::string> sorted(const std::set<std::string>& files) {
    return {files.begin(), files.end()};
}

template <class T>
void assign(T& target, const Seen<T>& seen) {
    if (seen.value)
        target = *seen.value;
}

class Applier {
public:
    Applier(const ImportSet& set, model::Design& design, ImportLog& log, bool merging)
        : set_(set), d_(design), log_(log), merging_(merging), ids_(design) {
        for (const auto& occurrence : model::collectIds(design))
            preexisting_.insert(occurrence.id);
        for (size_t i = 0; i < d_.hosts.size(); ++i) {
            hostByKey_.try_emplace(serverKey(d_.hosts[i].name), i);
        }
        for (size_t i = 0; i < d_.hosts.size(); ++i) {
            if (!d_.hosts[i].fqdn.empty())
                hostByKey_.try_emplace(serverKey(d_.hosts[i].fqdn), i);
        }
    }

    ApplyResult run(size_t fileCount) {
        if (!merging_) {
            d_.info.name = set_.organization.name.value.value_or("Imported Exchange organisation");
            d_.info.description = "Imported from " + std::to_string(fileCount) +
                                  " PowerShell export file" + (fileCount == 1 ? "" : "s") + ".";
        }
        applyOrganization();
        applyAcceptedDomains();
        for (const auto& [key, server] : set_.servers)
            applyServer(key, server);
        reportSegments();
        applyReceiveConnectors();
        applySendConnectors();
        collectLeftAlone();
        return result_;
    }

private:
    // ---- reporting ------------------------------------------------------------------------

    template <class T>
    void report(bool created, const T* before, const T& after, std::string kind, std::string label,
                const std::set<std::string>& sources) {
        ObjectReport r;
        r.kind = std::move(kind);
        r.id = after.id;
        r.label = std::move(label);
        r.sources = sorted(sources);
        if (created) {
            r.action = ObjectAction::Created;
        } else {
            r.changes = fieldChanges(*before, after);
            r.action = r.changes.empty() ? ObjectAction::Unchanged : ObjectAction::Updated;
        }
        reported_.insert(r.id);
        log_.objects.push_back(std::move(r));
    }

    // ---- organization ---------------------------------------------------------------------

    void applyOrganization() {
        const ObservedOrganization& org = set_.organization;
        if (!org.name.has() && !org.internalSmtpServers.has())
            return;
        const model::Organization before = d_.organization;
        if (org.name.has() && d_.organization.name.empty())
            d_.organization.name = *org.name.value;
        assign(d_.organization.internalSmtpServers, org.internalSmtpServers);
        if (org.sources.empty() && before == d_.organization)
            return;  // only a name guessed from distinguished names, and it changed nothing
        ObjectReport r;
        r.kind = "organization";
        r.id = "organization";
        r.label = d_.organization.name;
        r.sources = sorted(org.sources);
        if (!merging_) {
            r.action = ObjectAction::Created;
        } else {
            if (before.name != d_.organization.name)
                r.changes.push_back(
                    {"organization.name", valueText(before.name), valueText(d_.organization.name)});
            if (before.internalSmtpServers != d_.organization.internalSmtpServers)
                r.changes.push_back({"organization.internalSmtpServers",
                                     valueText(before.internalSmtpServers),
                                     valueText(d_.organization.internalSmtpServers)});
            r.action = r.changes.empty() ? ObjectAction::Unchanged : ObjectAction::Updated;
        }
        log_.objects.push_back(std::move(r));
    }

    void applyAcceptedDomains() {
        auto& domains = d_.organization.acceptedDomains;
        for (const auto& entry : set_.acceptedDomains) {
            const ObservedAcceptedDomain& obs = entry.second;
            auto it =
                std::find_if(domains.begin(), domains.end(), [&](const model::AcceptedDomain& a) {
                    return equalsIgnoreCase(a.domainName, obs.domainName);
                });
            const bool created = it == domains.end();
            if (created) {
                model::AcceptedDomain a;
                const std::string base = obs.domainName.rfind("*.", 0) == 0
                                             ? "wildcard-" + obs.domainName.substr(2)
                                             : obs.domainName;
                a.id = ids_.make("ad-" + slug(base));
                a.domainName = obs.domainName;
                a.name = obs.domainName;
                domains.push_back(std::move(a));
                it = domains.end() - 1;
            }
            const model::AcceptedDomain before = *it;
            assign(it->name, obs.name);
            assign(it->type, obs.type);
            assign(it->isDefault, obs.isDefault);
            report(created, &before, *it, "accepted domain", obs.domainName, obs.sources);
        }
    }

    // ---- servers ------------------------------------------------------------------------------

    size_t hostFor(const std::string& key, const ObservedServer& server) {
        if (const auto it = hostByKey_.find(key); it != hostByKey_.end())
            return it->second;
        if (server.fqdn.has()) {
            if (const auto it = hostByKey_.find(serverKey(*server.fqdn.value));
                it != hostByKey_.end())
                return it->second;
        }
        model::Host host;
        host.id = ids_.make("host-" + slug(server.name));
        host.name = server.name;
        host.kind = model::HostKind::ExchangeServer;
        host.exchange = model::ExchangeProperties{};
        d_.hosts.push_back(std::move(host));
        const size_t index = d_.hosts.size() - 1;
        hostByKey_[key] = index;
        createdHosts_.insert(d_.hosts[index].id);
        result_.created.insert(d_.hosts[index].id);
        if (!server.exchangeServerSeen) {
            if (server.exchangeDataSeen) {
                log_.notes.push_back(server.name +
                                     ": no Get-ExchangeServer object describes this server, so its "
                                     "version was left at 2019 and its roles at Mailbox; import "
                                     "Get-ExchangeServer | ConvertTo-Json -Depth 4 as well");
            } else {
                log_.notes.push_back(
                    server.name +
                    ": only network exports name this server; it was created as an "
                    "Exchange server (2019, Mailbox). Import Get-ExchangeServer as "
                    "well, or change its kind if it is not an Exchange server");
            }
        }
        return index;
    }

    void applyServer(const std::string& key, const ObservedServer& server) {
        const size_t index = hostFor(key, server);
        const bool created = createdHosts_.count(d_.hosts[index].id) > 0;
        const model::Host before = d_.hosts[index];
        model::Host& host = d_.hosts[index];
        if (server.fqdn.has() && (created || server.nameIsFromExchange || host.fqdn.empty()))
            host.fqdn = *server.fqdn.value;
        if (server.exchangeDataSeen) {
            if (host.kind != model::HostKind::ExchangeServer) {
                host.kind = model::HostKind::ExchangeServer;
                host.smtp.reset();
            }
            if (!host.exchange)
                host.exchange = model::ExchangeProperties{};
        }
        if (host.exchange) {
            assign(host.exchange->version, server.version);
            assign(host.exchange->roles, server.roles);
            assign(host.exchange->site, server.site);
            // The exports list the server's real connectors, defaults included: the design no
            // longer needs to assume them (R18), and a default the admin deleted stays deleted.
            if (server.receiveConnectorListSeen)
                host.exchange->implicitDefaultConnectors = false;
        }
        applyNics(server, index);
        if (server.routesSeen)
            applyRoutes(server, d_.hosts[index]);
        report(created, &before, d_.hosts[index], "host", d_.hosts[index].name, server.sources);
        // NIC reports follow their host's.
        for (auto& pending : pendingNicReports_)
            log_.objects.push_back(std::move(pending));
        pendingNicReports_.clear();
    }

    static bool isTunnelInterface(std::string_view alias) {
        for (std::string_view prefix :
             {"isatap", "Teredo Tunneling", "6TO4 Adapter", "Reusable ISATAP"}) {
            if (startsWithIgnoreCase(alias, prefix))
                return true;
        }
        return lowercase(alias).find("pseudo-interface") != std::string::npos;
    }

    // The design's NIC for an observed interface: same InterfaceIndex first (aliases get
    // renamed), else the same alias.
    static std::vector<model::Nic>::iterator findNic(std::vector<model::Nic>& nics,
                                                     const ObservedNic& obs) {
        if (obs.index) {
            const auto it = std::find_if(nics.begin(), nics.end(), [&](const model::Nic& n) {
                return n.interfaceIndex != 0 && n.interfaceIndex == *obs.index;
            });
            if (it != nics.end())
                return it;
        }
        if (obs.alias.empty())
            return nics.end();
        return std::find_if(nics.begin(), nics.end(), [&](const model::Nic& n) {
            return equalsIgnoreCase(n.alias, obs.alias);
        });
    }

    void applyNics(const ObservedServer& server, size_t hostIndex) {
        std::vector<const ObservedNic*> order;
        for (const ObservedNic& nic : server.nics)
            order.push_back(&nic);
        std::sort(order.begin(), order.end(), [](const ObservedNic* a, const ObservedNic* b) {
            return std::make_pair(a->index.value_or(INT_MAX), lowercase(a->alias)) <
                   std::make_pair(b->index.value_or(INT_MAX), lowercase(b->alias));
        });
        std::vector<std::string> dropped;
        for (const ObservedNic* obs : order) {
            model::Host& host = d_.hosts[hostIndex];
            auto it = findNic(host.nics, *obs);
            // With address data, an interface without addresses carries no mail (tunnels, unplugged
            // adapters); without it, only the well-known tunnel pseudo-interfaces are noise.
            const bool keep = !obs->addresses.empty() || it != host.nics.end() ||
                              (!server.addressesSeen && !isTunnelInterface(obs->alias));
            if (!keep) {
                dropped.push_back(obs->alias.empty()
                                      ? "ifIndex " + std::to_string(obs->index.value_or(0))
                                      : obs->alias);
                continue;
            }
            const bool created = it == host.nics.end();
            if (created) {
                model::Nic nic;
                const std::string name =
                    obs->alias.empty() ? "if" + std::to_string(obs->index.value_or(0)) : obs->alias;
                nic.id = ids_.make(host.id + "-nic-" + slug(name));
                host.nics.push_back(std::move(nic));
                it = host.nics.end() - 1;
            }
            const model::Nic before = *it;
            applyNic(server, *obs, *it);
            ObjectReport r;
            r.kind = "NIC";
            r.id = it->id;
            r.label = host.name + " " + it->alias;
            r.sources = sorted(obs->sources);
            if (created) {
                r.action = ObjectAction::Created;
            } else {
                r.changes = fieldChanges(before, *it);
                r.action = r.changes.empty() ? ObjectAction::Unchanged : ObjectAction::Updated;
            }
            reported_.insert(r.id);
            pendingNicReports_.push_back(std::move(r));
        }
        if (!dropped.empty()) {
            std::string list;
            for (size_t i = 0; i < dropped.size(); ++i)
                list += (i ? ", " : "") + dropped[i];
            log_.notes.push_back(server.name +
                                 ": interfaces without addresses were not imported: " + list);
        }
    }

    void applyNic(const ObservedServer& server, const ObservedNic& obs, model::Nic& nic) {
        if (!obs.alias.empty())
            nic.alias = obs.alias;
        if (obs.index)
            nic.interfaceIndex = *obs.index;
        if (server.addressesSeen) {
            nic.addresses.clear();
            for (const auto& [address, assignment] : obs.addresses)
                nic.addresses.push_back(assignment);
        }
        // One flag per NIC in the model; mail is IPv4 first, so its row decides.
        const std::optional<InterfaceRow>& row = obs.ipv4 ? obs.ipv4 : obs.ipv6;
        if (row) {
            if (row->dhcp)
                nic.dhcp = *row->dhcp;
            if (row->weakHostSend)
                nic.weakHostSend = *row->weakHostSend;
            if (row->weakHostReceive)
                nic.weakHostReceive = *row->weakHostReceive;
            if (row->forwarding)
                nic.forwarding = *row->forwarding;
            if (row->metric)
                nic.interfaceMetric = *row->metric;
            if (obs.ipv4 && obs.ipv6 && !(*obs.ipv4 == *obs.ipv6)) {
                log_.notes.push_back(
                    server.name + " " + nic.alias +
                    ": the IPv4 and IPv6 rows of Get-NetIPInterface differ (weak host, "
                    "forwarding, DHCP or metric); the model keeps one value per NIC, "
                    "the IPv4 row's");
            }
        } else if (server.addressesSeen) {
            nic.dhcp = std::any_of(
                nic.addresses.begin(), nic.addresses.end(), [](const model::IpAssignment& a) {
                    return a.address.isV4() && a.origin == model::AddressOrigin::Dhcp;
                });
        }
        if (server.routesSeen)
            nic.gateways = obs.gateways;
        if (obs.dnsSeen) {
            nic.dnsServers = obs.dnsV4;
            nic.dnsServers.insert(nic.dnsServers.end(), obs.dnsV6.begin(), obs.dnsV6.end());
        }
        if (obs.loopbackAdapter.has())
            nic.loopbackAdapter = *obs.loopbackAdapter.value;
        if (nic.segmentId.empty() && !nic.loopbackAdapter)
            nic.segmentId = segmentFor(nic, obs.sources);
    }

    void applyRoutes(const ObservedServer& server, model::Host& host) {
        host.routes.clear();
        for (const ObservedRoute& route : server.staticRoutes) {
            model::Route r;
            r.destination = route.destination;
            r.nextHop = route.nextHop;
            r.metric = route.metric;
            for (const model::Nic& nic : host.nics) {
                if ((route.interfaceIndex && nic.interfaceIndex == *route.interfaceIndex) ||
                    (!route.interfaceAlias.empty() &&
                     equalsIgnoreCase(nic.alias, route.interfaceAlias))) {
                    r.interfaceId = nic.id;
                    break;
                }
            }
            host.routes.push_back(std::move(r));
        }
    }

    // ---- segments -----------------------------------------------------------------------------

    static bool segmentHolds(const model::Segment& segment, const net::Address& a) {
        return std::any_of(
            segment.subnets.begin(), segment.subnets.end(),
            [&](const net::Prefix& p) { return p.family() == a.family() && p.contains(a); });
    }

    // The segment a NIC sits on: the design's segment whose subnets hold its first routable
    // address, else a new segment for the NIC's subnets.
    model::Id segmentFor(const model::Nic& nic, const std::set<std::string>& sources) {
        std::vector<const model::IpAssignment*> routable;
        for (const auto& a : nic.addresses) {
            if (!a.address.isLinkLocal() && !a.address.isLoopback() && a.prefixLength > 0)
                routable.push_back(&a);
        }
        if (routable.empty())
            return {};
        auto networkOf = [](const model::IpAssignment& a) {
            return net::Prefix(a.address.masked(a.prefixLength), a.prefixLength);
        };
        auto anySegmentHolds = [&](const net::Address& a) {
            return std::any_of(d_.segments.begin(), d_.segments.end(),
                               [&](const model::Segment& s) { return segmentHolds(s, a); });
        };
        for (size_t i = 0; i < d_.segments.size(); ++i) {
            if (!segmentHolds(d_.segments[i], routable.front()->address))
                continue;
            model::Segment& segment = d_.segments[i];
            if (createdSegments_.count(segment.id)) {
                // A segment of this import grows with the other subnets of its NICs.
                for (const auto* a : routable) {
                    if (!anySegmentHolds(a->address))
                        segment.subnets.push_back(networkOf(*a));
                }
                createdSegments_[segment.id].insert(sources.begin(), sources.end());
            }
            return segment.id;
        }
        model::Segment segment;
        const net::Prefix first = networkOf(*routable.front());
        segment.id = ids_.make("seg-" + slug(first.toString()));
        segment.name = first.toString();
        segment.kind = model::SegmentKind::Lan;
        for (const auto* a : routable) {
            const net::Prefix p = networkOf(*a);
            if (std::find(segment.subnets.begin(), segment.subnets.end(), p) ==
                    segment.subnets.end() &&
                !anySegmentHolds(a->address))
                segment.subnets.push_back(p);
        }
        createdSegments_[segment.id].insert(sources.begin(), sources.end());
        segmentOrder_.push_back(segment.id);
        result_.created.insert(segment.id);
        d_.segments.push_back(std::move(segment));
        return d_.segments.back().id;
    }

    void reportSegments() {
        for (const model::Id& id : segmentOrder_) {
            const model::Segment* segment = d_.findSegment(id);
            if (segment == nullptr)
                continue;
            ObjectReport r;
            r.action = ObjectAction::Created;
            r.kind = "segment";
            r.id = id;
            r.label = segment->name;
            r.sources = sorted(createdSegments_[id]);
            reported_.insert(id);
            log_.objects.push_back(std::move(r));
        }
    }

    // ---- connectors ---------------------------------------------------------------------------

    size_t hostIndexOf(const std::string& key) const {
        const auto it = hostByKey_.find(key);
        return it == hostByKey_.end() ? SIZE_MAX : it->second;
    }

    void applyReceiveConnectors() {
        std::set<std::pair<std::string, std::string>> permissionsUsed;
        for (const auto& [key, observed] : set_.receiveConnectors) {
            // A named reference: clang 14 does not let lambdas capture structured bindings.
            const ObservedReceiveConnector& obs = observed;
            const size_t hostIndex = hostIndexOf(obs.serverKey);
            if (hostIndex == SIZE_MAX)
                continue;  // cannot happen: every connector's server was observed
            const model::Host& host = d_.hosts[hostIndex];
            auto& list = d_.receiveConnectors;
            auto it = std::find_if(list.begin(), list.end(), [&](const model::ReceiveConnector& c) {
                return c.serverId == host.id && equalsIgnoreCase(c.name, obs.name);
            });
            const bool created = it == list.end();
            if (created) {
                model::ReceiveConnector c;
                c.id = ids_.make("rc-" + slug(host.name) + "-" +
                                 slug(withoutServerSuffix(obs.name, host.name)));
                c.serverId = host.id;
                c.name = obs.name;
                list.push_back(std::move(c));
                it = list.end() - 1;
            }
            const model::ReceiveConnector before = *it;
            assign(it->transportRole, obs.role);
            assign(it->bindings, obs.bindings);
            assign(it->remoteIpRanges, obs.remoteIpRanges);
            assign(it->permissionGroups, obs.permissionGroups);
            assign(it->authMechanism, obs.authMechanism);
            assign(it->enabled, obs.enabled);
            assign(it->fqdn, obs.fqdn);
            assign(it->maxMessageSizeBytes, obs.maxMessageSize);
            assign(it->comment, obs.comment);
            std::set<std::string> sources = obs.sources;
            if (const auto p = set_.permissions.find(key); p != set_.permissions.end()) {
                it->permissions = p->second.aces;
                sources.insert(p->second.sources.begin(), p->second.sources.end());
                permissionsUsed.insert(key);
            }
            report(created, &before, *it, "receive connector", host.name + "\\" + it->name,
                   sources);
        }
        // ACEs of connectors that only the design knows.
        for (const auto& [key, p] : set_.permissions) {
            if (permissionsUsed.count(key))
                continue;
            const size_t hostIndex = hostIndexOf(p.serverKey);
            model::ReceiveConnector* target = nullptr;
            if (hostIndex != SIZE_MAX) {
                for (auto& c : d_.receiveConnectors) {
                    if (c.serverId == d_.hosts[hostIndex].id &&
                        equalsIgnoreCase(c.name, p.connectorName))
                        target = &c;
                }
            }
            if (target == nullptr) {
                log_.notes.push_back(
                    "Get-ADPermission lists ACEs of " + p.serverName + "\\" + p.connectorName +
                    ", a receive connector neither the design nor the imported "
                    "Get-ReceiveConnector exports contain; they were not imported. "
                    "Import Get-ReceiveConnector as well");
                continue;
            }
            const model::ReceiveConnector before = *target;
            target->permissions = p.aces;
            report(false, &before, *target, "receive connector", p.serverName + "\\" + target->name,
                   p.sources);
        }
    }

    void applySendConnectors() {
        for (const auto& entry : set_.sendConnectors) {
            const ObservedSendConnector& obs = entry.second;
            auto& list = d_.sendConnectors;
            auto it = std::find_if(list.begin(), list.end(), [&](const model::SendConnector& c) {
                return equalsIgnoreCase(c.name, obs.name);
            });
            const bool created = it == list.end();
            if (created) {
                model::SendConnector c;
                c.id = ids_.make("sc-" + slug(obs.name));
                c.name = obs.name;
                list.push_back(std::move(c));
                it = list.end() - 1;
            }
            const model::SendConnector before = *it;
            assign(it->addressSpaces, obs.addressSpaces);
            if (obs.sourceServers.has()) {
                it->sourceServerIds.clear();
                for (const std::string& name : *obs.sourceServers.value) {
                    const size_t hostIndex = hostIndexOf(serverKey(name));
                    if (hostIndex != SIZE_MAX)
                        it->sourceServerIds.push_back(d_.hosts[hostIndex].id);
                }
            }
            assign(it->dnsRoutingEnabled, obs.dnsRoutingEnabled);
            assign(it->smartHosts, obs.smartHosts);
            assign(it->port, obs.port);
            assign(it->smartHostAuthMechanism, obs.smartHostAuth);
            assign(it->requireTls, obs.requireTls);
            assign(it->enabled, obs.enabled);
            assign(it->isScopedConnector, obs.isScoped);
            assign(it->frontendProxyEnabled, obs.frontendProxy);
            assign(it->sourceIpAddress, obs.sourceIp);
            assign(it->fqdn, obs.fqdn);
            assign(it->maxMessageSizeBytes, obs.maxMessageSize);
            assign(it->comment, obs.comment);
            report(created, &before, *it, "send connector", it->name, obs.sources);
        }
    }

    // ---- left alone ---------------------------------------------------------------------------

    void collectLeftAlone() {
        if (!merging_)
            return;
        auto add = [&](const std::string& id, model::ElementKind kind, const std::string& label) {
            if (!preexisting_.count(id) || reported_.count(id))
                return;
            log_.leftAlone.push_back({std::string(model::elementKindName(kind)), id, label});
        };
        for (const auto& s : d_.segments)
            add(s.id, model::ElementKind::Segment, s.name);
        for (const auto& h : d_.hosts) {
            add(h.id, model::ElementKind::Host, h.name);
            for (const auto& n : h.nics)
                add(n.id, model::ElementKind::Nic, h.name + " " + n.alias);
        }
        for (const auto& r : d_.routers)
            add(r.id, model::ElementKind::Router, r.name);
        for (const auto& lb : d_.loadBalancers)
            add(lb.id, model::ElementKind::LoadBalancer, lb.name);
        for (const auto& fw : d_.firewalls)
            add(fw.id, model::ElementKind::Firewall, fw.name);
        for (const auto& c : d_.receiveConnectors) {
            const model::Host* host = d_.findHost(c.serverId);
            add(c.id, model::ElementKind::ReceiveConnector,
                (host ? host->name : c.serverId) + "\\" + c.name);
        }
        for (const auto& c : d_.sendConnectors)
            add(c.id, model::ElementKind::SendConnector, c.name);
        for (const auto& a : d_.organization.acceptedDomains)
            add(a.id, model::ElementKind::AcceptedDomain, a.domainName);
        for (const auto& z : d_.dnsZones)
            add(z.id, model::ElementKind::DnsZone, z.origin);
        for (const auto& f : d_.flows)
            add(f.id, model::ElementKind::Flow, f.name);
    }

    const ImportSet& set_;
    model::Design& d_;
    ImportLog& log_;
    bool merging_;
    IdMaker ids_;
    ApplyResult result_;
    std::set<model::Id> preexisting_;
    std::set<model::Id> reported_;
    std::set<model::Id> createdHosts_;
    std::unordered_map<std::string, size_t> hostByKey_;
    std::map<model::Id, std::set<std::string>> createdSegments_;
    std::vector<model::Id> segmentOrder_;
    std::vector<ObjectReport> pendingNicReports_;
};

}  // namespace

ApplyResult applyImport(const ImportSet& set, model::Design& design, ImportLog& log, bool merging,
                        size_t fileCount) {
    return Applier(set, design, log, merging).run(fileCount);
}

}  // namespace mailtopo::io::powershell::detail
