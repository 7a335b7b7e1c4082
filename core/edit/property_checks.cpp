#include "core/edit/property_checks.h"

#include <algorithm>
#include <array>

#include "core/edit/value_text.h"
#include "core/model/pool_membership.h"
#include "core/model/text_limit.h"
#include "core/sim/trace_target.h"
#include "core/util/text_join.h"

namespace mailtopo::edit::property {
namespace {

void say(std::string* problem, std::string text) {
    if (problem != nullptr)
        *problem = std::move(text);
}

// "/2/cost: …": which part of a list a message is about, as the file reader points.
bool atPart(size_t index, std::string_view key, bool ok, std::string* problem) {
    if (!ok && problem != nullptr)
        *problem = cat("/", std::to_string(index), "/", key, ": ", *problem);
    return ok;
}

bool isHost(const model::Design& design, std::string_view id, bool exchangeOnly) {
    const model::Host* host = design.findHost(id);
    return host != nullptr && (!exchangeOnly || host->isExchange());
}

bool checkHostReference(std::string_view text, const model::Design& design, bool exchangeOnly,
                        std::string* problem) {
    if (isHost(design, text, exchangeOnly))
        return true;
    say(problem, cat("'", text, "' is not ", exchangeOnly ? "an Exchange server" : "a host",
                     " of the design"));
    return false;
}

// The ids the routes of element `id` may leave through: its NICs or its interfaces.
std::vector<std::string> routeInterfaces(const model::Design& design, const model::Id& id) {
    std::vector<std::string> ids;
    auto add = [&](const auto& list) {
        for (const auto& item : list)
            ids.push_back(item.id);
    };
    if (const model::Host* host = design.findHost(id))
        add(host->nics);
    for (const auto& router : design.routers)
        if (router.id == id)
            add(router.interfaces);
    for (const auto& lb : design.loadBalancers)
        if (lb.id == id)
            add(lb.interfaces);
    for (const auto& firewall : design.firewalls)
        if (firewall.id == id)
            add(firewall.interfaces);
    return ids;
}

// A rule's zones: "any" or a zone of the firewall holding it.
std::vector<std::string> ruleZones(const model::Design& design, const model::Id& ruleId) {
    std::vector<std::string> zones{"any"};
    for (const auto& firewall : design.firewalls) {
        const bool holds =
            std::any_of(firewall.rules.begin(), firewall.rules.end(),
                        [&](const model::FirewallRule& r) { return r.id == ruleId; });
        if (holds)
            for (const auto& zone : firewall.zones)
                zones.push_back(zone.name);
    }
    return zones;
}

template <class T>
bool kept(const T& part, const std::vector<T>& before) {
    return std::find(before.begin(), before.end(), part) != before.end();
}

using Rule = bool (*)(std::string_view text, const Context& context, std::string* problem);

struct KeyRule {
    std::string_view owner;
    std::string_view key;
    Rule rule;
};

bool required(std::string_view text, const Context&, std::string* problem) {
    return checkRequired(text, problem);
}
bool hostName(std::string_view text, const Context&, std::string* problem) {
    return checkHostName(text, problem);
}
bool mailTargetOrNone(std::string_view text, const Context&, std::string* problem) {
    return trimmedText(text).empty() || checkMailTarget(text, problem);
}
bool mailAddressOrNone(std::string_view text, const Context&, std::string* problem) {
    return trimmedText(text).empty() || checkMailAddress(text, problem);
}
bool domains(std::string_view text, const Context&, std::string* problem) {
    return parseCheckedList(text, checkDomainNameOnly, problem).has_value();
}
bool nextHops(std::string_view text, const Context&, std::string* problem) {
    return parseCheckedList(text, checkNextHop, problem).has_value();
}
bool smartHosts(std::string_view text, const Context&, std::string* problem) {
    return parseCheckedList(text, checkSmartHost, problem).has_value();
}
bool mailAddresses(std::string_view text, const Context&, std::string* problem) {
    return parseCheckedList(text, checkMailAddress, problem).has_value();
}
bool port(std::string_view text, const Context&, std::string* problem) {
    return parsePort(text, problem).has_value();
}
bool size(std::string_view text, const Context&, std::string* problem) {
    return parseSize(text, problem).has_value();
}
bool bindings(std::string_view text, const Context&, std::string* problem) {
    return parseBindings(text, problem).has_value();
}
bool acceptedDomain(std::string_view text, const Context&, std::string* problem) {
    return checkRequired(text, problem) && checkDomainName(text, true, true, problem);
}
bool segmentOrNone(std::string_view text, const Context& context, std::string* problem) {
    text = trimmedText(text);
    if (text.empty() || context.design.findSegment(text) != nullptr)
        return true;
    say(problem, cat("'", text, "' is not a segment of the design"));
    return false;
}
bool host(std::string_view text, const Context& context, std::string* problem) {
    return checkHostReference(trimmedText(text), context.design, false, problem);
}
// A flow's pool member: a host some VIP has in its pool, since a VIP sends only to those
// (the inspector offers no other).
bool poolMemberOrNone(std::string_view text, const Context& context, std::string* problem) {
    text = trimmedText(text);
    if (text.empty())
        return true;
    if (!host(text, context, problem))
        return false;
    if (model::inSomePool(context.design, text))
        return true;
    say(problem, cat("'", text,
                     "' is in no load balancer's pool: a VIP sends only to a member of its pool"));
    return false;
}
bool exchangeServer(std::string_view text, const Context& context, std::string* problem) {
    return checkHostReference(trimmedText(text), context.design, true, problem);
}
bool exchangeServers(std::string_view text, const Context& context, std::string* problem) {
    for (const std::string& entry : listEntries(text))
        if (!checkHostReference(entry, context.design, true, problem))
            return false;
    return true;
}
// Where a flow connects, as the flow editor and `mailtopo-cli trace --to` read it.
// A flow's destination, or none: the source's routing then chooses by the first recipient
// (R27/R28, or the recipient's MX), and validate reports a flow with no recipient either.
bool traceTargetOrNone(std::string_view text, const Context& context, std::string* problem) {
    text = trimmedText(text);
    if (text.empty())
        return true;
    sim::TraceTargetError error;
    if (sim::parseTraceTarget(context.design, text, error))
        return true;
    say(problem, error.message);
    return false;
}
bool ruleZone(std::string_view text, const Context& context, std::string* problem) {
    const std::vector<std::string> zones = ruleZones(context.design, context.id);
    std::vector<std::pair<std::string, std::string>> choices;
    for (const std::string& zone : zones)
        choices.emplace_back(zone, zone);
    return checkChoice(trimmedText(text), choices, problem);
}

// The inspector's field checks (ui/mainwindow/inspector/*_editor.cpp), by property; the
// owner is the Fields<T>::kName of the struct holding the key.
constexpr std::array kRules{
    KeyRule{"segment", "name", required},
    KeyRule{"host", "name", required},
    KeyRule{"host", "fqdn", hostName},
    KeyRule{"Exchange properties", "site", required},
    KeyRule{"anti-spam settings", "blockListProviders", domains},
    KeyRule{"SMTP properties", "localDomains", domains},
    KeyRule{"SMTP properties", "nextHops", nextHops},
    KeyRule{"SMTP properties", "submitTo", mailTargetOrNone},
    KeyRule{"SMTP properties", "heloName", hostName},
    KeyRule{"SMTP properties", "mailFrom", mailAddressOrNone},
    KeyRule{"NIC", "alias", required},
    KeyRule{"NIC", "segment", segmentOrNone},
    KeyRule{"interface", "name", required},
    KeyRule{"interface", "segment", segmentOrNone},
    KeyRule{"router", "name", required},
    KeyRule{"load balancer", "name", required},
    KeyRule{"firewall", "name", required},
    KeyRule{"firewall rule", "fromZone", ruleZone},
    KeyRule{"firewall rule", "toZone", ruleZone},
    KeyRule{"receive connector", "server", exchangeServer},
    KeyRule{"receive connector", "name", required},
    KeyRule{"receive connector", "bindings", bindings},
    KeyRule{"receive connector", "fqdn", hostName},
    KeyRule{"receive connector", "maxMessageSizeBytes", size},
    KeyRule{"send connector", "name", required},
    KeyRule{"send connector", "sourceServers", exchangeServers},
    KeyRule{"send connector", "smartHosts", smartHosts},
    KeyRule{"send connector", "port", port},
    KeyRule{"send connector", "fqdn", hostName},
    KeyRule{"send connector", "maxMessageSizeBytes", size},
    KeyRule{"accepted domain", "domainName", acceptedDomain},
    KeyRule{"DNS zone", "origin", required},
    KeyRule{"flow", "name", required},
    KeyRule{"flow", "source", host},
    KeyRule{"flow", "destination", traceTargetOrNone},
    KeyRule{"flow", "helo", hostName},
    KeyRule{"flow", "mailFrom", mailAddressOrNone},
    KeyRule{"flow", "rcptTo", mailAddresses},
    KeyRule{"flow", "poolMember", poolMemberOrNone},
};

bool number(int value, unsigned max, std::string_view what, std::string* problem) {
    return parseNumber(std::to_string(value), max, what, problem).has_value();
}

}  // namespace

bool checkText(std::string_view owner, std::string_view key, std::string_view text,
               const Context& context, std::string* problem) {
    if (text.size() > model::kMaxTextBytes) {
        *problem = model::textTooLong(text.size());
        return false;
    }
    for (const KeyRule& rule : kRules)
        if (rule.owner == owner && rule.key == key)
            return rule.rule(text, context, problem);
    return true;
}

bool checkParts(const std::vector<model::PoolMember>& members,
                const std::vector<model::PoolMember>& before, const Context& context,
                std::string* problem) {
    for (size_t i = 0; i < members.size(); ++i) {
        if (kept(members[i], before))
            continue;
        const model::PoolMember& m = members[i];
        if (!atPart(i, "host", checkHostReference(m.hostId, context.design, false, problem),
                    problem) ||
            !atPart(i, "port", parsePort(std::to_string(m.port), problem).has_value(), problem)) {
            return false;
        }
    }
    return true;
}

bool checkParts(const std::vector<model::AddressSpace>& spaces,
                const std::vector<model::AddressSpace>& before, const Context&,
                std::string* problem) {
    for (size_t i = 0; i < spaces.size(); ++i) {
        if (kept(spaces[i], before))
            continue;
        const model::AddressSpace& s = spaces[i];
        if (!atPart(i, "type", checkRequired(s.type, problem), problem) ||
            !atPart(
                i, "domain",
                checkRequired(s.domain, problem) && checkDomainName(s.domain, true, true, problem),
                problem) ||
            !atPart(i, "cost", number(s.cost, 100, "cost", problem), problem)) {
            return false;
        }
    }
    return true;
}

bool checkParts(const std::vector<model::FirewallZone>& zones,
                const std::vector<model::FirewallZone>& before, const Context&,
                std::string* problem) {
    for (size_t i = 0; i < zones.size(); ++i) {
        if (kept(zones[i], before))
            continue;
        if (!atPart(i, "name", checkRequired(zones[i].name, problem), problem) ||
            !atPart(i, "trust", number(zones[i].trust, 100, "trust", problem), problem)) {
            return false;
        }
    }
    return true;
}

bool checkParts(const std::vector<model::DnsRecord>& records,
                const std::vector<model::DnsRecord>& before, const Context&, std::string* problem) {
    std::vector<std::pair<std::string, std::string>> types;
    for (std::string_view type : model::kDnsRecordTypes)
        types.emplace_back(type, type);
    for (size_t i = 0; i < records.size(); ++i) {
        if (kept(records[i], before))
            continue;
        const model::DnsRecord& r = records[i];
        if (!atPart(i, "name", checkRequired(r.name, problem), problem) ||
            !atPart(i, "type", checkChoice(r.type, types, problem), problem) ||
            !atPart(i, "ttl", number(r.ttl, 2147483647U, "ttl", problem), problem) ||
            !atPart(i, "data", checkRequired(r.data, problem), problem)) {
            return false;
        }
    }
    return true;
}

bool checkParts(const std::vector<model::AdPermission>& aces,
                const std::vector<model::AdPermission>& before, const Context&,
                std::string* problem) {
    for (size_t i = 0; i < aces.size(); ++i) {
        if (kept(aces[i], before))
            continue;
        if (!atPart(i, "user", checkRequired(aces[i].user, problem), problem))
            return false;
    }
    return true;
}

bool checkParts(const std::vector<model::Route>& routes, const std::vector<model::Route>& before,
                const Context& context, std::string* problem) {
    // "(any)" or one of the element's own NICs or interfaces, as the inspector offers.
    std::vector<std::pair<std::string, std::string>> through{{"", "(any)"}};
    for (const std::string& id : routeInterfaces(context.design, context.id))
        through.emplace_back(id, id);
    for (size_t i = 0; i < routes.size(); ++i) {
        if (kept(routes[i], before))
            continue;
        const model::Route& r = routes[i];
        if (!atPart(i, "interface", checkChoice(r.interfaceId, through, problem), problem) ||
            !atPart(i, "metric", number(r.metric, 9999, "metric", problem), problem)) {
            return false;
        }
    }
    return true;
}

bool checkParts(const std::vector<model::IpAssignment>& addresses,
                const std::vector<model::IpAssignment>& before, const Context&,
                std::string* problem) {
    for (size_t i = 0; i < addresses.size(); ++i) {
        if (kept(addresses[i], before))
            continue;
        const model::IpAssignment& a = addresses[i];
        const bool ok =
            parsePrefixLength(std::to_string(a.prefixLength), a.address.family(), problem)
                .has_value();
        if (!atPart(i, "prefixLength", ok, problem))
            return false;
    }
    return true;
}

bool settleElement(model::AcceptedDomain& domain, const Context& context, std::string* problem) {
    // As the inspector's table keeps them: lower case, named after the domain by default.
    std::transform(
        domain.domainName.begin(), domain.domainName.end(), domain.domainName.begin(),
        [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    if (domain.name.empty())
        domain.name = domain.domainName;
    size_t defaults = domain.isDefault ? 1 : 0;
    for (const auto& other : context.design.organization.acceptedDomains)
        defaults += other.id != context.id && other.isDefault ? 1 : 0;
    return checkDefaultDomains(defaults, problem);
}

bool settleElement(model::Flow& flow, const Context& context, std::string*) {
    // A destination typed anew is stored as the flow editor stores it: a host named by its
    // name becomes its id, a port given with it becomes the flow's port.
    for (const auto& before : context.design.flows) {
        if (before.id != context.id || before.destination == flow.destination)
            continue;
        sim::TraceTargetError error;
        if (const auto target = sim::parseTraceTarget(context.design, flow.destination, error)) {
            flow.destination = target->destination;
            if (target->port)
                flow.port = *target->port;
        }
    }
    return true;
}

bool settleElement(model::Host& host, const Context& context, std::string*) {
    // An Exchange server has Exchange properties and no SMTP ones, every other host the
    // reverse (validation's identity checks expect it); a changed kind swaps them.
    const model::Host* before = context.design.findHost(context.id);
    if (before != nullptr && before->kind == host.kind)
        return true;
    if (host.isExchange()) {
        if (!host.exchange)
            host.exchange.emplace();
        host.smtp.reset();
    } else {
        if (!host.smtp)
            host.smtp.emplace();
        host.exchange.reset();
    }
    return true;
}

}  // namespace mailtopo::edit::property
