// Simulation rules that read the configuration: relay connectors against the addresses
// that can reach them (R40–R43), DNS registration and DHCP (R3, R46), and the DSR checklist
// on each pool member's own stack (R11).

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/analysis/simulation_rules.h"
#include "core/sim/send_routing.h"
#include "core/sim/smtp_session.h"

namespace mailtopo::analysis::detail {
namespace {

using model::AuthMechanism;
using model::ExtendedRight;
using model::PermissionGroup;

bool isAnonymousUser(std::string_view user) {
    return toLower(user).ends_with("anonymous logon");
}

std::string connectorPointer(const model::Design& design, const model::ReceiveConnector& c) {
    return indexed("", "receiveConnectors",
                   static_cast<size_t>(&c - design.receiveConnectors.data()));
}

bool bindsPort(const model::ReceiveConnector& c, uint16_t port) {
    return std::any_of(c.bindings.begin(), c.bindings.end(),
                       [port](const net::Binding& b) { return b.port() == port; });
}

// RemoteIPRanges without the entries that contain `drop`, plus `keep` hosts the user meant
// when a dropped entry was a broad one.
std::string rangesWithout(const std::vector<net::IpRange>& ranges,
                          const std::vector<net::Address>& drop,
                          const std::vector<net::Address>& keep) {
    std::vector<std::string> out;
    for (const auto& r : ranges) {
        const bool hit = std::any_of(drop.begin(), drop.end(),
                                     [&](const net::Address& a) { return r.contains(a); });
        if (!hit) {
            out.push_back(r.toString());
            continue;
        }
        for (const auto& a : keep)
            if (r.contains(a) && std::find(drop.begin(), drop.end(), a) == drop.end())
                out.push_back(a.toString());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::string text;
    for (const auto& entry : out) {
        if (!text.empty())
            text += ',';
        text += psString(entry);
    }
    return text.empty() ? "<the application hosts' addresses>" : text;
}

std::vector<net::Address> nonExchangeAddresses(const AddressDirectory& directory,
                                               const std::vector<net::IpRange>& ranges) {
    std::vector<net::Address> out;
    for (const auto& [host, address] : directory.inRanges(ranges))
        if (!host->isExchange())
            out.push_back(address);
    return out;
}

// The SNAT addresses members of each VIP see, with the VIP.
struct SnatSource {
    const model::LoadBalancer* lb;
    const model::Vip* vip;
    net::Address address;
};
std::vector<SnatSource> snatSources(const model::Design& design) {
    std::vector<SnatSource> out;
    for (const auto& lb : design.loadBalancers)
        for (const auto& vip : lb.vips) {
            if (vip.mode != model::LoadBalancerMode::Snat)
                continue;
            if (vip.snatAddress) {
                out.push_back({&lb, &vip, *vip.snatAddress});
                continue;
            }
            for (const auto& itf : lb.interfaces)  // automap: the balancer's own addresses
                for (const auto& a : itf.addresses)
                    if (a.address.family() == vip.address.family())
                        out.push_back({&lb, &vip, a.address});
        }
    return out;
}

// The SNAT sources of the VIPs whose pool lists each host, in the order of `sources`: a
// connector only cares about the VIPs in front of its own server.
using SnatByMember = std::unordered_map<std::string_view, std::vector<const SnatSource*>>;

SnatByMember snatSourcesByMember(const std::vector<SnatSource>& sources) {
    SnatByMember out;
    for (const auto& source : sources)
        for (const auto& member : source.vip->pool) {
            auto& list = out[member.hostId];
            if (list.empty() || list.back() != &source)  // a host listed twice in one pool
                list.push_back(&source);
        }
    return out;
}

const std::vector<const SnatSource*>& snatInFrontOf(const SnatByMember& byMember,
                                                    std::string_view server) {
    static const std::vector<const SnatSource*> none;
    const auto it = byMember.find(server);
    return it != byMember.end() ? it->second : none;
}

// Whether R20 hands connections that `source`'s VIP forwards to connector `c`'s server to
// `c`: the member sees the SNAT address on its own address and port, which may differ from
// the VIP's (VIP :25 -> member :2525), so a connector bound elsewhere never gets them.
bool receivesVipConnections(const sim::Simulator& simulator, const SnatSource& source,
                            const model::ReceiveConnector& c) {
    for (const auto& member : source.vip->pool) {
        if (member.hostId != c.serverId)
            continue;
        const auto local =
            simulator.poolMemberAddress(source.lb->id, member, source.vip->address.family());
        if (!local)
            continue;
        const auto choice =
            simulator.chooseConnector(c.serverId, *local, member.port, source.address);
        if (choice.connector != nullptr && choice.connector->id == c.id)
            return true;
    }
    return false;
}

}  // namespace

bool isRelayCapable(const model::ReceiveConnector& c) {
    if (!c.enabled)
        return false;
    if (c.authMechanism.contains(AuthMechanism::ExternalAuthoritative))
        return true;
    bool allow = false, deny = false;
    for (const auto& ace : c.permissions) {
        if (!isAnonymousUser(ace.user) ||
            !ace.extendedRights.contains(ExtendedRight::AcceptAnyRecipient))
            continue;
        (ace.deny ? deny : allow) = true;
    }
    return allow && !deny;
}

bool isRelayCandidate(const model::ReceiveConnector& c) {
    if (!c.enabled || !bindsPort(c, 25))
        return false;
    bool anonymous = c.permissionGroups.contains(PermissionGroup::AnonymousUsers);
    for (const auto& ace : c.permissions)
        anonymous = anonymous || (!ace.deny && isAnonymousUser(ace.user));
    const bool everything = std::any_of(c.remoteIpRanges.begin(), c.remoteIpRanges.end(),
                                        [](const net::IpRange& r) { return r.isAllOfFamily(); });
    return anonymous && !everything;
}

AddressDirectory::AddressDirectory(const model::Design& design) {
    for (const auto& host : design.hosts)
        for (const auto& nic : host.nics) {
            if (nic.loopbackAdapter)
                continue;
            for (const auto& a : nic.addresses)
                entries_.emplace_back(a.address, &host);
        }
    std::sort(entries_.begin(), entries_.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
}

std::vector<std::pair<const model::Host*, net::Address>> AddressDirectory::inRanges(
    const std::vector<net::IpRange>& ranges, const model::Id& except) const {
    std::vector<std::pair<const model::Host*, net::Address>> out;
    // Nested or repeated ranges list an address again; a set keeps that check logarithmic
    // when a broad range holds thousands of hosts.
    std::set<std::pair<const model::Host*, net::Address>> listed;
    for (const auto& r : ranges) {
        auto it =
            std::lower_bound(entries_.begin(), entries_.end(), r.first(),
                             [](const auto& e, const net::Address& a) { return e.first < a; });
        for (; it != entries_.end() && it->first <= r.last(); ++it)
            if (it->second->id != except && listed.emplace(it->second, it->first).second)
                out.emplace_back(it->second, it->first);
    }
    return out;
}

OutboundNatDirectory::OutboundNatDirectory(const model::Design& design) {
    std::vector<net::RangeIndex::Entry> sources;
    for (const auto& fw : design.firewalls)
        for (const auto& rule : fw.outboundNat) {
            for (const auto& range : rule.insideSources)
                sources.push_back({range, static_cast<uint32_t>(rules_.size())});
            rules_.push_back(&rule);
        }
    index_ = net::RangeIndex(std::move(sources));
}

std::optional<OutboundNatDirectory::Mapping> OutboundNatDirectory::firstMapping(
    const std::vector<net::Address>& addresses) const {
    std::optional<uint32_t> best;
    std::optional<Mapping> out;
    for (const auto& address : addresses) {
        const auto entry = index_.firstContaining(address);
        if (!entry)
            continue;
        const uint32_t rule = index_.entries()[*entry].payload;
        if (!best || rule < *best) {
            best = rule;
            out = Mapping{address, rules_[rule]};
        }
    }
    return out;
}

bool OutboundNatDirectory::maps(const net::Address& address) const {
    return index_.firstContaining(address).has_value();
}

std::string addressList(const std::vector<net::Address>& addresses) {
    std::string out;
    for (const auto& a : addresses) {
        if (!out.empty())
            out += ',';
        out += psString(a.toString());
    }
    return out;
}

void checkRelayConfiguration(const SimulationContext& context, FindingSink& sink) {
    const auto& design = context.index.design();
    const auto snat = snatSources(design);
    const auto snatInFront = snatSourcesByMember(snat);
    for (const auto& c : design.receiveConnectors) {
        const auto* server = context.index.host(c.serverId);
        if (server == nullptr || !server->isExchange())
            continue;
        const std::string identity = connectorIdentity(context.index, c);
        const std::string pointer = connectorPointer(design, c);
        const bool relay = isRelayCapable(c);

        if (relay) {
            // R40: a SNAT address of a VIP in front of this server.
            for (const SnatSource* source : snatInFrontOf(snatInFront, c.serverId)) {
                const SnatSource& s = *source;
                if (!net::anyContains(c.remoteIpRanges, s.address) ||
                    !receivesVipConnections(context.simulator, s, c))
                    continue;
                sink.report(
                    rules::kRelayViaLbSnat,
                    {.message = identity +
                                " lets clients relay, and its RemoteIPRanges "
                                "contain " +
                                s.address.toString() + ", the address " + s.lb->name +
                                " gives every client of VIP " + s.vip->address.toString() + ":" +
                                std::to_string(s.vip->port) +
                                " (SNAT): every host that reaches the VIP can relay",
                     .elements = {c.id, s.vip->id, s.lb->id},
                     .pointer = pointer + "/remoteIpRanges",
                     .remediation =
                         "Set-ReceiveConnector " + psString(identity) + " -RemoteIPRanges " +
                         rangesWithout(c.remoteIpRanges, {s.address},
                                       nonExchangeAddresses(context.addresses, c.remoteIpRanges)) +
                         "\nThen let relay clients reach the server directly, or give them "
                         "a dedicated VIP whose own SNAT address only they can use (R12)."});
            }
            // R40: broad entries.
            std::vector<std::string> broad;
            for (const auto& r : c.remoteIpRanges)
                if (r.size() > net::U128{0, 16})
                    broad.push_back(r.toString());
            if (!broad.empty()) {
                std::string list;
                for (const auto& b : broad)
                    list += (list.empty() ? "" : ", ") + b;
                const auto known = nonExchangeAddresses(context.addresses, c.remoteIpRanges);
                sink.report(
                    rules::kRelayScopeBroad,
                    {.message = identity + " lets clients relay from " + list +
                                ": any device there may relay",
                     .elements = {c.id},
                     .pointer = pointer + "/remoteIpRanges",
                     .remediation =
                         "Set-ReceiveConnector " + psString(identity) + " -RemoteIPRanges " +
                         (known.empty() ? std::string("<the application hosts' addresses>")
                                        : addressList(known))});
            }
        }

        // R41: ExternalAuthoritative trusted beyond Exchange servers.
        if (c.enabled && c.authMechanism.contains(AuthMechanism::ExternalAuthoritative)) {
            std::vector<std::string> reasons;
            for (const auto& [host, address] : context.addresses.inRanges(c.remoteIpRanges))
                if (!host->isExchange())
                    reasons.push_back(hostLabel(*host) + " (" + address.toString() + ")");
            bool onlyExchange = true;
            for (const auto& r : c.remoteIpRanges) {
                const bool single = r.size() == net::U128{0, 1};
                bool exchangeAddress = false;
                for (const auto& [host, address] : context.addresses.inRanges({r}))
                    exchangeAddress = exchangeAddress || (host->isExchange() && single);
                onlyExchange = onlyExchange && exchangeAddress;
            }
            if (!reasons.empty() || !onlyExchange) {
                std::string who;
                for (const auto& r : reasons)
                    who += (who.empty() ? "" : ", ") + r;
                sink.report(
                    rules::kSpoofInternal,
                    {.message =
                         identity + " is ExternalAuthoritative: " +
                         (who.empty() ? "any device in " + rangeList(c.remoteIpRanges) : who) +
                         " can send as any internal user, resolved against the GAL, "
                         "with anti-spam skipped",
                     .elements = {c.id},
                     .pointer = pointer + "/authMechanism",
                     .remediation =
                         "Use anonymous relay instead (R25 method M1):\nSet-ReceiveConnector " +
                         psString(identity) +
                         " -AuthMechanism Tls -PermissionGroups "
                         "AnonymousUsers\nGet-ReceiveConnector " +
                         psString(identity) +
                         " | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" "
                         "-ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient"});
            }
        }

        if (!isRelayCandidate(c))
            continue;
        // R42: another Exchange server inside the ranges, no Exchange Server auth.
        if (!c.authMechanism.contains(AuthMechanism::ExchangeServer)) {
            const auto inside = context.addresses.inRanges(c.remoteIpRanges, c.serverId);
            std::set<model::Id> reported;
            for (const auto& [host, address] : inside) {
                // Only servers whose hops to this one arrive on port 25 land here (R26):
                // 2013+ Transport-to-Transport hops use 2525 and never meet a port-25 relay.
                if (!host->isExchange() || !host->exchange ||
                    !bindsPort(c, sim::intraOrganizationPort(*host, *server)) ||
                    !reported.insert(host->id).second)
                    continue;
                std::string reason;
                const auto source = context.simulator.selectSource(
                    host->id, sim::primaryAddress(*server).value_or(address), &reason);
                const bool isSource = source && *source == address;
                sink.report(
                    rules::kCoexistenceAuthBreak,
                    {.message =
                         identity + " (port 25, no ExchangeServer auth) contains " +
                         address.toString() + " of Exchange server " + hostLabel(*host) +
                         (isSource ? ", the address it sends from towards " + hostLabel(*server)
                                   : "") +
                         ": its hops to " + hostLabel(*server) +
                         " land on this connector and fail with 451 5.7.3",
                     .elements = {c.id, host->id, c.serverId},
                     .pointer = pointer + "/remoteIpRanges",
                     .remediation =
                         "Set-ReceiveConnector " + psString(identity) + " -RemoteIPRanges " +
                         rangesWithout(c.remoteIpRanges, {address},
                                       nonExchangeAddresses(context.addresses, c.remoteIpRanges))});
            }
        }
        // R43: the server's own default gateway inside the ranges.
        for (const auto& nic : server->nics)
            for (const auto& gateway : nic.gateways) {
                if (!net::anyContains(c.remoteIpRanges, gateway))
                    continue;
                sink.report(
                    rules::kGatewayInRelayRange,
                    {.message = identity + " contains " + gateway.toString() +
                                ", the default "
                                "gateway of " +
                                nicLabel(*server, nic) +
                                ": whatever that gateway source-NATs arrives as a relay client",
                     .elements = {c.id, nic.id},
                     .pointer = pointer + "/remoteIpRanges",
                     .remediation =
                         "Set-ReceiveConnector " + psString(identity) + " -RemoteIPRanges " +
                         rangesWithout(c.remoteIpRanges, {gateway},
                                       nonExchangeAddresses(context.addresses, c.remoteIpRanges))});
            }
    }
}

void checkHostConfiguration(const SimulationContext& context, FindingSink& sink) {
    const auto& design = context.index.design();
    for (size_t h = 0; h < design.hosts.size(); ++h) {
        const auto& host = design.hosts[h];
        const bool mailServer = host.isExchange() || host.kind == model::HostKind::MailGateway ||
                                host.kind == model::HostKind::SmartHost;
        for (size_t n = 0; n < host.nics.size(); ++n) {
            const auto& nic = host.nics[n];
            const std::string pointer = indexed(indexed("", "hosts", h), "nics", n);
            // R3: several registered addresses.
            std::vector<net::Address> registered;
            for (const auto& a : nic.addresses)
                if (!a.skipAsSource && !a.address.isLinkLocal())
                    registered.push_back(a.address);
            if (host.isWindows() && nic.registerInDns && registered.size() > 1 &&
                !nic.loopbackAdapter) {
                std::string reason;
                std::optional<net::Address> keep;
                // The address outbound NAT maps is the one the design means to send from
                // (source-ip-drift gives the same advice); else Windows' current choice.
                if (const auto mapping = context.outboundNat.firstMapping(registered))
                    keep = mapping->inside;
                if (!keep && !nic.gateways.empty())
                    keep = context.simulator.selectSource(host.id, nic.gateways.front(), &reason);
                if (!keep)
                    keep = registered.front();
                std::string commands;
                for (const auto& a : registered)
                    if (a != *keep)
                        commands += (commands.empty() ? "" : "\n") +
                                    std::string("Set-NetIPAddress -IPAddress ") + a.toString() +
                                    " -SkipAsSource $true";
                sink.report(
                    rules::kMultiARegistration,
                    {.message = nicLabel(host, nic) + " registers " +
                                std::to_string(registered.size()) + " addresses in DNS for " +
                                hostLabel(host) + " (" + addressList(registered) + ")",
                     .elements = {nic.id, host.id},
                     .pointer = pointer,
                     .remediation = "Keep " + keep->toString() +
                                    " as the source and registered address:\n" + commands});
            }
            // R3 lint (S0): Exchange 2013 needs its NIC registered in DNS.
            if (host.isExchange() && host.exchange &&
                host.exchange->version == model::ExchangeVersion::Ex2013 && !nic.registerInDns &&
                !nic.loopbackAdapter && !nic.segmentId.empty() && !registered.empty()) {
                sink.report(rules::kDnsRegistrationDisabled,
                            {.message = nicLabel(host, nic) + " of Exchange 2013 server " +
                                        hostLabel(host) + " does not register in DNS",
                             .elements = {nic.id, host.id},
                             .pointer = pointer + "/registerInDns",
                             .remediation = "Set-DnsClient -InterfaceAlias " +
                                            psString(nic.alias.empty() ? nic.id : nic.alias) +
                                            " -RegisterThisConnectionsAddress $true"});
            }
            // R46/R47: DHCP on a mail server.
            const bool dhcp =
                nic.dhcp ||
                std::any_of(nic.addresses.begin(), nic.addresses.end(),
                            [](const auto& a) { return a.origin == model::AddressOrigin::Dhcp; });
            if (mailServer && dhcp) {
                std::string address =
                    nic.addresses.empty() ? "<address>" : nic.addresses.front().address.toString();
                std::string prefix = nic.addresses.empty()
                                         ? "24"
                                         : std::to_string(nic.addresses.front().prefixLength);
                std::string alias = nic.alias.empty() ? nic.id : nic.alias;
                sink.report(
                    rules::kDynamicAddress,
                    {.message = nicLabel(host, nic) + " gets its address from DHCP",
                     .elements = {nic.id, host.id},
                     .pointer = pointer,
                     .remediation = "Set-NetIPInterface -InterfaceAlias " + psString(alias) +
                                    " -Dhcp Disabled\nNew-NetIPAddress -InterfaceAlias " +
                                    psString(alias) + " -IPAddress " + address + " -PrefixLength " +
                                    prefix +
                                    (nic.gateways.empty()
                                         ? std::string()
                                         : " -DefaultGateway " + nic.gateways.front().toString())});
            }
        }
    }

    // R11: the DSR checklist on each member's own stack.
    for (const auto& lb : design.loadBalancers)
        for (const auto& vip : lb.vips) {
            if (vip.mode != model::LoadBalancerMode::Dsr)
                continue;
            for (const auto& member : vip.pool) {
                const auto* host = context.index.host(member.hostId);
                if (host == nullptr || !host->isWindows())
                    continue;
                const model::Nic* loopback = nullptr;
                const model::Nic* lanWithVip = nullptr;
                for (const auto& nic : host->nics)
                    for (const auto& a : nic.addresses)
                        if (a.address == vip.address)
                            (nic.loopbackAdapter ? loopback : lanWithVip) = &nic;
                std::vector<std::string> missing, commands;
                auto alias = [](const model::Nic& nic) {
                    return psString(nic.alias.empty() ? nic.id : nic.alias);
                };
                if (lanWithVip != nullptr) {
                    missing.push_back("the VIP sits on " + nicLabel(*host, *lanWithVip) +
                                      ", which answers ARP for it (DSR_VIP_NOT_ARP_SILENT)");
                    commands.push_back("Remove-NetIPAddress -IPAddress " + vip.address.toString() +
                                       " -InterfaceAlias " + alias(*lanWithVip));
                }
                if (loopback == nullptr)
                    continue;  // dsr-vip-not-on-loopback (structure) already says so
                for (const auto& nic : host->nics) {
                    if (nic.loopbackAdapter || nic.segmentId.empty() || nic.addresses.empty())
                        continue;
                    if (!nic.weakHostReceive && host->os != model::OperatingSystem::Windows2003) {
                        missing.push_back(nicLabel(*host, nic) + " has WeakHostReceive disabled");
                        commands.push_back("netsh interface ipv4 set interface " + alias(nic) +
                                           " weakhostreceive=enabled");
                    }
                }
                if (!loopback->weakHostSend && host->os != model::OperatingSystem::Windows2003) {
                    missing.push_back(nicLabel(*host, *loopback) + " has WeakHostSend disabled");
                    commands.push_back("netsh interface ipv4 set interface " + alias(*loopback) +
                                       " weakhostsend=enabled");
                }
                if (loopback->interfaceMetric != 254) {
                    missing.push_back(nicLabel(*host, *loopback) + " has interface metric " +
                                      (loopback->interfaceMetric == 0
                                           ? std::string("automatic")
                                           : std::to_string(loopback->interfaceMetric)) +
                                      ", not 254");
                    commands.push_back("Set-NetIPInterface -InterfaceAlias " + alias(*loopback) +
                                       " -InterfaceMetric 254");
                }
                if (host->firewall.enabled && !host->firewall.smtpLocalAddresses.empty() &&
                    !net::anyContains(host->firewall.smtpLocalAddresses, vip.address)) {
                    missing.push_back("Windows Firewall does not allow SMTP to the VIP");
                    commands.push_back(
                        "New-NetFirewallRule -DisplayName \"SMTP to VIP\" -Direction "
                        "Inbound -Protocol TCP -LocalPort " +
                        std::to_string(vip.port) + " -LocalAddress " + vip.address.toString() +
                        " -Action Allow");
                }
                if (host->isExchange()) {
                    const auto choice = context.simulator.chooseConnector(host->id, vip.address,
                                                                          vip.port, vip.address);
                    if (!choice.anyBound) {
                        missing.push_back("no receive connector binds " + vip.address.toString() +
                                          ":" + std::to_string(vip.port));
                        commands.push_back(
                            "Set-ReceiveConnector \"" + hostLabel(*host) +
                            "\\<connector>\" -Bindings 0.0.0.0:" + std::to_string(vip.port));
                    }
                }
                if (missing.empty())
                    continue;
                std::string what;
                for (const auto& m : missing)
                    what += (what.empty() ? "" : "; ") + m;
                std::string fix;
                for (const auto& c : commands)
                    fix += (fix.empty() ? "" : "\n") + c;
                sink.report(rules::kDsrMisconfigured,
                            {.message = hostLabel(*host) + " as DSR member of VIP " +
                                        vip.address.toString() + ":" + std::to_string(vip.port) +
                                        " on " + lb.name + ": " + what,
                             .elements = {host->id, vip.id, lb.id},
                             .pointer = "",
                             .remediation = fix});
            }
        }
}

}  // namespace mailtopo::analysis::detail
