// Identity and references: unique non-empty ids, references that resolve to an element of
// the right kind, host kinds that agree with their kind-specific properties, view placements
// that name real elements.

#include <map>

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"
#include "core/net/binding.h"
#include "core/sim/receive_connectors.h"

namespace mailtopo::analysis::detail {
namespace {

using model::ElementKind;

void checkIds(const DesignIndex& index, FindingSink& sink) {
    const auto occurrences = model::collectIds(index.design());
    std::map<std::string, const model::IdOccurrence*> first;
    for (const auto& occurrence : occurrences) {
        const std::string kind(model::elementKindName(occurrence.kind));
        if (occurrence.id.empty()) {
            sink.report(checks::kEmptyId,
                        {.message = kind + " at " + occurrence.path + " has an empty id",
                         .elements = {},
                         .pointer = occurrence.path + "/id",
                         .remediation = "Give the " + kind +
                                        " an id that no other element of the design uses."});
            continue;
        }
        auto [it, inserted] = first.emplace(occurrence.id, &occurrence);
        if (inserted)
            continue;
        const model::IdOccurrence& earlier = *it->second;
        const std::string earlierKind(model::elementKindName(earlier.kind));
        sink.report(
            checks::kDuplicateId,
            {.message = "id " + quoted(occurrence.id) + " of the " + kind + " at " +
                        occurrence.path + " is already used by the " + earlierKind + " at " +
                        earlier.path,
             .elements = {occurrence.id},
             .pointer = occurrence.path + "/id",
             .remediation = "Rename one of them: ids must be unique across the whole design. "
                            "Until then every reference to " +
                            quoted(occurrence.id) + " resolves to the " + earlierKind + " at " +
                            earlier.path + "."});
    }
    // The default connectors the simulator adds (R18) have ids too, which a trace step or a
    // finding may name: a declared element must not take one.
    for (const auto& host : index.design().hosts) {
        for (const auto& implicit : sim::implicitReceiveConnectors(index.design(), host)) {
            const auto it = first.find(implicit.id);
            if (it == first.end())
                continue;
            const model::IdOccurrence& taken = *it->second;
            const std::string kind(model::elementKindName(taken.kind));
            const std::string identity = hostLabel(host) + "\\" + implicit.name;
            sink.report(
                checks::kDuplicateId,
                {.message = "id " + quoted(implicit.id) + " of the " + kind + " at " + taken.path +
                            " is also the id of the implicit default receive connector " +
                            identity + " (R18)",
                 .elements = {implicit.id, host.id},
                 .pointer = taken.path + "/id",
                 .remediation = "Rename the " + kind + ": ids of the form " +
                                quoted(host.id + "-<default connector>") +
                                " belong to the default connectors of " + hostLabel(host) +
                                ". Until then every reference to " + quoted(implicit.id) +
                                " resolves to the " + kind + "."});
        }
    }
}

// Why `ref` does not name an element of kind `expected`, or nothing when it does.
std::optional<std::string> referenceProblem(const DesignIndex& index, const model::Id& ref,
                                            ElementKind expected) {
    const auto kind = index.kindOf(ref);
    if (!kind)
        return std::string("does not exist");
    if (*kind == expected)
        return std::nullopt;
    return "is " + withArticle(model::elementKindName(*kind)) + ", not " +
           withArticle(model::elementKindName(expected));
}

struct Reference {
    std::string subject;  // "NIC EX01/MAPI"
    std::string field;    // "segment"
    const model::Id& target;
    ElementKind expected;
    std::string pointer;
    std::string ownerId;
};

void expectReference(const DesignIndex& index, FindingSink& sink, const Reference& ref) {
    const auto problem = referenceProblem(index, ref.target, ref.expected);
    if (!problem)
        return;
    const std::string expectedKind(model::elementKindName(ref.expected));
    sink.report(
        checks::kDanglingReference,
        {.message = ref.subject + ": " + ref.field + " " + quoted(ref.target) + " " + *problem,
         .elements = {ref.ownerId, ref.target},
         .pointer = ref.pointer,
         .remediation = "Point " + ref.field + " at an existing " + expectedKind +
                        " id, or add a " + expectedKind + " with id " + quoted(ref.target) + "."});
}

// A route's interface must be one of the same host's NICs or the same device's interfaces;
// naming another element's interface is as wrong as naming nothing.
template <class Interfaces>
void expectOwnInterface(const DesignIndex& index, FindingSink& sink, const std::string& owner,
                        const model::Id& ownerId, const Interfaces& interfaces,
                        const std::vector<model::Route>& routes, const std::string& base) {
    for (size_t r = 0; r < routes.size(); ++r) {
        const model::Id& target = routes[r].interfaceId;
        if (target.empty())
            continue;
        bool own = false;
        for (const auto& itf : interfaces)
            own = own || itf.id == target;
        if (own)
            continue;
        const auto kind = index.kindOf(target);
        const std::string problem =
            !kind ? "does not exist"
            : (*kind == ElementKind::Nic || *kind == ElementKind::DeviceInterface)
                ? "belongs to another element, not to " + owner
                : "is " + withArticle(model::elementKindName(*kind)) + ", not an interface";
        sink.report(
            checks::kDanglingReference,
            {.message = owner + ": route to " + routes[r].destination.toString() +
                        " leaves through interface " + quoted(target) + ", which " + problem,
             .elements = {ownerId, target},
             .pointer = indexed(base, "routes", r) + "/interface",
             .remediation = "Set the route's interface to one of " + owner +
                            "'s own interfaces, or leave it empty to let the next hop "
                            "decide."});
    }
}

bool isAddressWithOptionalPort(std::string_view text) {
    return net::Address::parse(text).has_value() || net::Binding::parse(text).has_value();
}

void checkHostReferences(const DesignIndex& index, FindingSink& sink) {
    const auto& hosts = index.design().hosts;
    for (size_t h = 0; h < hosts.size(); ++h) {
        const auto& host = hosts[h];
        const std::string base = indexed("", "hosts", h);
        for (size_t n = 0; n < host.nics.size(); ++n) {
            const auto& nic = host.nics[n];
            if (nic.segmentId.empty())
                continue;
            expectReference(index, sink,
                            {nicLabel(host, nic), "segment", nic.segmentId, ElementKind::Segment,
                             indexed(base, "nics", n) + "/segment", nic.id});
        }
        expectOwnInterface(index, sink, "host " + hostLabel(host), host.id, host.nics, host.routes,
                           base);
        if (!host.smtp)
            continue;
        const auto& nextHops = host.smtp->nextHops;
        for (size_t k = 0; k < nextHops.size(); ++k) {
            const std::string& hop = nextHops[k];
            // "mx:" / "mx:domain": the relay delivers by MX (of the recipient's domain).
            if (isAddressWithOptionalPort(hop) || index.host(hop) != nullptr ||
                hop.starts_with("mx:"))
                continue;
            sink.report(checks::kDanglingReference,
                        {.message = "host " + hostLabel(host) + ": next hop " + quoted(hop) +
                                    " is neither an IP address[:port], the id of a host nor "
                                    "mx:[domain]",
                         .elements = {host.id},
                         .pointer = indexed(base + "/smtp", "nextHops", k),
                         .remediation = "Write the next hop as an address (\"10.0.0.20\", "
                                        "\"10.0.0.20:2525\", \"[2001:db8::20]:25\"), as the id "
                                        "of a host in the design, or as \"mx:\" to deliver by "
                                        "the recipient domain's MX."});
        }
    }
}

template <class Device>
void checkDeviceReferences(const DesignIndex& index, FindingSink& sink,
                           const std::vector<Device>& devices, std::string_view key,
                           std::string_view kindName) {
    for (size_t d = 0; d < devices.size(); ++d) {
        const auto& device = devices[d];
        const std::string base = indexed("", key, d);
        const std::string owner =
            std::string(kindName) + " " + (device.name.empty() ? device.id : device.name);
        for (size_t i = 0; i < device.interfaces.size(); ++i) {
            const auto& itf = device.interfaces[i];
            if (itf.segmentId.empty())
                continue;
            expectReference(index, sink,
                            {owner + " interface " + (itf.name.empty() ? itf.id : itf.name),
                             "segment", itf.segmentId, ElementKind::Segment,
                             indexed(base, "interfaces", i) + "/segment", itf.id});
        }
        expectOwnInterface(index, sink, owner, device.id, device.interfaces, device.routes, base);
    }
}

void checkOtherReferences(const DesignIndex& index, FindingSink& sink) {
    const auto& design = index.design();
    for (size_t l = 0; l < design.loadBalancers.size(); ++l) {
        const auto& lb = design.loadBalancers[l];
        for (size_t v = 0; v < lb.vips.size(); ++v) {
            const auto& vip = lb.vips[v];
            for (size_t m = 0; m < vip.pool.size(); ++m) {
                expectReference(
                    index, sink,
                    {"VIP " + (lb.name.empty() ? lb.id : lb.name) + "/" +
                         (vip.name.empty() ? vip.id : vip.name),
                     "pool member host", vip.pool[m].hostId, ElementKind::Host,
                     indexed(indexed(indexed("", "loadBalancers", l), "vips", v), "pool", m) +
                         "/host",
                     vip.id});
            }
        }
    }
    for (size_t i = 0; i < design.receiveConnectors.size(); ++i) {
        const auto& connector = design.receiveConnectors[i];
        expectReference(
            index, sink,
            {"receive connector " + (connector.name.empty() ? connector.id : connector.name),
             "server", connector.serverId, ElementKind::Host,
             indexed("", "receiveConnectors", i) + "/server", connector.id});
    }
    for (size_t i = 0; i < design.sendConnectors.size(); ++i) {
        const auto& connector = design.sendConnectors[i];
        for (size_t k = 0; k < connector.sourceServerIds.size(); ++k) {
            expectReference(
                index, sink,
                {"send connector " + quoted(connector.name), "source server",
                 connector.sourceServerIds[k], ElementKind::Host,
                 indexed(indexed("", "sendConnectors", i), "sourceServers", k), connector.id});
        }
    }
    for (size_t i = 0; i < design.flows.size(); ++i) {
        const auto& flow = design.flows[i];
        expectReference(
            index, sink,
            {"flow " + quoted(flow.name.empty() ? flow.id : flow.name), "source host",
             flow.sourceHostId, ElementKind::Host, indexed("", "flows", i) + "/source", flow.id});
        if (!flow.poolMemberHostId.empty()) {
            expectReference(index, sink,
                            {"flow " + quoted(flow.name.empty() ? flow.id : flow.name),
                             "pool member", flow.poolMemberHostId, ElementKind::Host,
                             indexed("", "flows", i) + "/poolMember", flow.id});
        }
    }
}

void checkPlacements(const DesignIndex& index, FindingSink& sink) {
    const auto& views = index.design().views;
    for (size_t v = 0; v < views.size(); ++v) {
        for (const auto& [id, placement] : views[v].placements) {
            if (index.hasId(id))
                continue;
            sink.report(
                checks::kDanglingPlacement,
                {.message = "view " + quoted(views[v].name.empty() ? views[v].id : views[v].name) +
                            " places " + quoted(id) + ", which no element carries",
                 .elements = {views[v].id, id},
                 .pointer = indexed("", "views", v) + "/placements/" + pointerToken(id),
                 .remediation = "Remove the placement of " + quoted(id) +
                                " from the view, or restore the element it belonged to."});
        }
    }
}

void checkHostKindProperties(const DesignIndex& index, FindingSink& sink) {
    const auto& hosts = index.design().hosts;
    for (size_t h = 0; h < hosts.size(); ++h) {
        const auto& host = hosts[h];
        const std::string base = indexed("", "hosts", h);
        const std::string kind(enumName(host.kind));
        if (host.isExchange() && !host.exchange) {
            sink.report(checks::kExchangePropertiesMissing,
                        {.message = "host " + hostLabel(host) +
                                    " is an exchange-server but has no \"exchange\" properties "
                                    "(version, roles)",
                         .elements = {host.id},
                         .pointer = base + "/kind",
                         .remediation = "Add the server's Exchange properties, e.g. \"exchange\": "
                                        "{\"version\": \"2019\", \"roles\": [\"Mailbox\"]} (read "
                                        "them with Get-ExchangeServer " +
                                        psString(hostLabel(host)) +
                                        " | Format-List AdminDisplayVersion,ServerRole)."});
        }
        if (!host.isExchange() && host.exchange) {
            sink.report(checks::kExchangePropertiesUnexpected,
                        {.message = "host " + hostLabel(host) + " (kind " + kind +
                                    ") carries Exchange properties, which are ignored",
                         .elements = {host.id},
                         .pointer = base + "/exchange",
                         .remediation = "Set the host's kind to exchange-server if it runs "
                                        "Exchange; otherwise remove its \"exchange\" properties."});
        }
        if (host.isExchange() && host.smtp) {
            sink.report(checks::kSmtpPropertiesOnExchange,
                        {.message = "Exchange server " + hostLabel(host) +
                                    " carries SMTP host properties, which are ignored",
                         .elements = {host.id},
                         .pointer = base + "/smtp",
                         .remediation = "Remove the \"smtp\" properties; model the server's "
                                        "listeners and relays with receive and send connectors."});
        }
    }
}

}  // namespace

void checkIdentity(const DesignIndex& index, FindingSink& sink) {
    checkIds(index, sink);
    checkHostReferences(index, sink);
    checkDeviceReferences(index, sink, index.design().routers, "routers", "router");
    checkDeviceReferences(index, sink, index.design().loadBalancers, "loadBalancers",
                          "load balancer");
    checkDeviceReferences(index, sink, index.design().firewalls, "firewalls", "firewall");
    checkOtherReferences(index, sink);
    checkPlacements(index, sink);
    checkHostKindProperties(index, sink);
}

}  // namespace mailtopo::analysis::detail
