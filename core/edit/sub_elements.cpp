// The catalogue of sub-element kinds, where each may go, and addSubElement, which resolves a
// request and hands it to the maker of its kind (sub_element_parts.h lists them).

#include "core/edit/sub_elements.h"

#include <algorithm>

#include "core/edit/sub_element_parts.h"

namespace mailtopo::edit {
namespace {

using EK = model::ElementKind;

// Spellings that name a kind with a template ("inbound-nat" is "nat-rule:inbound").
struct Alias {
    std::string_view key;
    std::string_view kind;
    std::string_view templateKey;
};
constexpr Alias kAliases[] = {
    {"inbound-nat", "nat-rule", "inbound"},
    {"outbound-nat", "nat-rule", "outbound"},
};

std::string kindList(const std::vector<EK>& kinds) {
    std::string out;
    for (size_t i = 0; i < kinds.size(); ++i) {
        if (i > 0)
            out += i + 1 == kinds.size() ? " or " : ", ";
        const std::string_view name = model::elementKindName(kinds[i]);
        out += (name.starts_with('a') || name.starts_with('e') || name.starts_with('i') ? "an "
                                                                                        : "a ");
        out += name;
    }
    return out;
}

std::string templateList(const SubElementKind& kind) {
    std::string out;
    for (const auto& t : kind.templates)
        out += (out.empty() ? "" : ", ") + t.key;
    return out;
}

const SubElementTemplate* findTemplate(const SubElementKind& kind, const std::string& key) {
    for (const auto& t : kind.templates)
        if (t.key == key)
            return &t;
    return nullptr;
}

// The generic "interface" is for load balancers; routers and firewalls have their own
// entry, so a menu does not offer the same thing twice.
bool offeredOn(const SubElementKind& kind, EK parent) {
    if (kind.key == "interface")
        return parent == EK::LoadBalancer;
    return std::find(kind.parents.begin(), kind.parents.end(), parent) != kind.parents.end();
}

std::optional<EK> kindOf(const model::Design& design, const model::Id& id) {
    for (const auto& occurrence : model::collectIds(design))
        if (occurrence.id == id)
            return occurrence.kind;
    return std::nullopt;
}

}  // namespace

const std::vector<SubElementKind>& subElementKinds() {
    static const std::vector<SubElementKind> kinds = {
        {"nic",
         "Network adapter",
         "A further NIC of the host (EthernetN on Windows, ethN elsewhere), on no segment yet",
         {EK::Host},
         {},
         {}},
        {"address",
         "IP address",
         "An address on the interface: IP/PREFIX, or the next free address of its segment's "
         "subnet",
         {EK::Nic, EK::DeviceInterface},
         {},
         {}},
        {"route",
         "Route",
         "A static route (name: the destination prefix, 0.0.0.0/0 by default) leaving through "
         "the first interface, via its gateway",
         {EK::Host, EK::Router, EK::LoadBalancer, EK::Firewall},
         {},
         {}},
        {"interface",
         "Interface",
         "A further interface of the device (ethN), on no segment yet",
         {EK::Router, EK::LoadBalancer, EK::Firewall},
         {},
         {}},
        {"router-interface",
         "Router interface",
         "A further interface of the router (ethN), on no segment yet",
         {EK::Router},
         {},
         {}},
        {"firewall-interface",
         "Firewall interface",
         "A further interface of the firewall, in the zone its name spells or the first zone "
         "without an interface",
         {EK::Firewall},
         {},
         {}},
        {"receive-connector",
         "Receive connector",
         "A receive connector of the Exchange server, from the set-ups admins make (R18–R25)",
         {EK::Host},
         {},
         {{"relay-anonymous", "Application relay (anonymous + Accept-Any-Recipient)",
           "FrontendTransport 0.0.0.0:25 for the application servers that submit to this "
           "server (else a TEST-NET-1 placeholder to edit): AnonymousUsers plus "
           "ms-Exch-SMTP-Accept-Any-Recipient for ANONYMOUS LOGON (R25 M1)"},
          {"relay-externally-secured", "Application relay (externally secured)",
           "FrontendTransport 0.0.0.0:25 for the application servers, ExternalAuthoritative "
           "with ExchangeServers (R25 M2): trusted as internal senders, anti-spam bypassed"},
          {"internet", "Internet",
           "Anonymous mail for the accepted domains on port 25, no relay; all addresses, or the "
           "public address space where Default Frontend already takes all of them"},
          {"partner", "Partner (domain secure)",
           "Partners over mutual TLS on port 25 from the partner MTAs of the design (else a "
           "placeholder)"},
          {"client-submission", "Client submission (587)",
           "Authenticated submission on 587: ExchangeUsers, Tls, BasicAuth after STARTTLS, "
           "Integrated"},
          {"custom", "Custom",
           "A minimal connector on port 25 (AnonymousUsers, Tls) for a placeholder address"}}},
        {"vip",
         "VIP",
         "A virtual server on port 25 in SNAT mode at the next free address of the load "
         "balancer's subnet, with the mail servers beside it as its pool",
         {EK::LoadBalancer},
         {},
         {}},
        {"pool-member",
         "Pool member",
         "A host in the VIP's pool (name: the host id; by default the first Exchange server not "
         "in it yet)",
         {EK::Vip},
         {},
         {}},
        {"firewall-zone",
         "Firewall zone",
         "A zone of trust 50 (name: dmz, dmz-2 … by default)",
         {EK::Firewall},
         {},
         {}},
        {"firewall-rule",
         "Firewall rule",
         "Allow SMTP (TCP 25) from any zone to any zone, placed before a final deny-all rule",
         {EK::Firewall},
         {},
         {}},
        {"nat-rule",
         "NAT rule",
         "Static NAT on the firewall's outside address (R15, R16)",
         {EK::Firewall},
         {},
         {{"inbound", "Inbound NAT (publish SMTP)",
           "A new public address of the outside subnet, port 25, to the SMTP VIP, mail gateway "
           "or Exchange server"},
          {"outbound", "Outbound NAT (mail egress)",
           "The Exchange servers leave from the published SMTP address (or a new one), so MX, "
           "PTR and SPF agree"}}},
        {"dns-record",
         "DNS record",
         "A record written as NAME [TTL] TYPE DATA; by default a deny-all SPF record "
         "(@ TXT \"v=spf1 -all\") when the zone has none, else hostN A 192.0.2.x to edit",
         {EK::DnsZone},
         {},
         {}},
        {"send-connector",
         "Send connector",
         "A send connector of the organisation, its source servers the Mailbox servers",
         {},
         std::string(kOrganizationId),
         {{"internet", "Internet (MX lookup)", "Address space *, DNS routing (R27, R28)"},
          {"smart-host", "Through a smart host",
           "Address space *, to the design's smart host (else smarthost.example.net to edit) on "
           "port 25"},
          {"partner", "Partner (mandatory TLS)",
           "Address space of the partner's domain (else partner.example to edit), RequireTLS"}}},
        {"accepted-domain",
         "Accepted domain",
         "An authoritative accepted domain (name: the domain; the first one is the default)",
         {},
         std::string(kOrganizationId),
         {}},
        {"internal-smtp-server",
         "Internal SMTP server",
         "An entry of InternalSMTPServers (R30; name: the IP or range, by default a mail "
         "gateway's address)",
         {},
         std::string(kOrganizationId),
         {}},
        {"flow",
         "Flow",
         "A test flow, by default from the first host with a NIC to the first Exchange server "
         "on port 25",
         {},
         std::string(kDesignId),
         {}},
    };
    return kinds;
}

const SubElementKind* findSubElementKind(std::string_view key) {
    for (const auto& alias : kAliases)
        if (alias.key == key)
            key = alias.kind;
    for (const auto& kind : subElementKinds())
        if (kind.key == key)
            return &kind;
    return nullptr;
}

std::vector<const SubElementKind*> kindsAddableTo(const model::Design& design,
                                                  const model::Id& parentId) {
    std::vector<const SubElementKind*> out;
    if (parentId == kDesignId || parentId == kOrganizationId) {
        for (const auto& kind : subElementKinds())
            if (kind.pseudoParent == parentId)
                out.push_back(&kind);
        return out;
    }
    const auto parentKind = kindOf(design, parentId);
    if (!parentKind)
        return out;
    const model::Host* host = design.findHost(parentId);
    for (const auto& kind : subElementKinds()) {
        if (!offeredOn(kind, *parentKind))
            continue;
        if (kind.key == "receive-connector" && (host == nullptr || !host->exchange))
            continue;
        out.push_back(&kind);
    }
    return out;
}

AddOutcome addSubElement(model::Design& design, const SubElementRequest& request) {
    using detail::refused;
    std::string kindKey = request.kind;
    std::string templateKey = request.templateKey;
    for (const auto& alias : kAliases) {
        if (alias.key != kindKey)
            continue;
        if (!templateKey.empty() && templateKey != alias.templateKey)
            return refused("kind: " + kindKey + " is " + std::string(alias.kind) + ":" +
                           std::string(alias.templateKey) + " and takes no other template");
        kindKey = alias.kind;
        templateKey = alias.templateKey;
    }
    const SubElementKind* kind = findSubElementKind(kindKey);
    if (kind == nullptr)
        return refused("kind: unknown kind '" + kindKey + "'");
    if (kind->templates.empty() && !templateKey.empty())
        return refused("template: " + kind->key + " has no templates ('" + templateKey + "')");
    if (!kind->templates.empty()) {
        if (templateKey.empty())
            templateKey = kind->templates.front().key;
        else if (findTemplate(*kind, templateKey) == nullptr)
            return refused("template: " + kind->key + " has no template '" + templateKey + "' (" +
                           templateList(*kind) + ")");
    }

    if (!kind->pseudoParent.empty()) {
        if (request.parentId != kind->pseudoParent)
            return refused("parent: " + kind->key + " goes under '" + kind->pseudoParent +
                           "', not '" + request.parentId + "'");
        if (kind->key == "send-connector")
            return detail::addSendConnector(design, templateKey, request);
        if (kind->key == "accepted-domain")
            return detail::addAcceptedDomain(design, request);
        if (kind->key == "internal-smtp-server")
            return detail::addInternalSmtpServer(design, request);
        return detail::addDefaultFlow(design, request);
    }

    const auto parent = detail::locate(design, request.parentId);
    if (!parent)
        return refused("parent: no element with id '" + request.parentId + "'");
    if (std::find(kind->parents.begin(), kind->parents.end(), parent->kind) == kind->parents.end())
        return refused("parent: " + kind->key + " goes under " + kindList(kind->parents) + "; '" +
                       request.parentId + "' is a " +
                       std::string(model::elementKindName(parent->kind)));
    const std::string& key = kind->key;
    if (key == "nic")
        return detail::addNic(design, *parent, request);
    if (key == "address")
        return detail::addAddress(design, *parent, request);
    if (key == "route")
        return detail::addRoute(design, *parent, request);
    if (key == "interface" || key == "router-interface" || key == "firewall-interface")
        return detail::addDeviceInterface(design, *parent, request);
    if (key == "receive-connector") {
        if (!parent->host->isExchange() || !parent->host->exchange)
            return refused("parent: receive connectors belong to Exchange servers; '" +
                           request.parentId + "' is a host of kind " +
                           std::string(enumName(parent->host->kind)) +
                           (parent->host->isExchange() ? " without Exchange properties" : ""));
        return detail::addReceiveConnector(design, *parent, templateKey, request);
    }
    if (key == "vip")
        return detail::addVip(design, *parent, request);
    if (key == "pool-member")
        return detail::addPoolMember(design, *parent, request);
    if (key == "firewall-zone")
        return detail::addFirewallZone(design, *parent, request);
    if (key == "firewall-rule")
        return detail::addFirewallRule(design, *parent, request);
    if (key == "nat-rule")
        return detail::addNatRule(design, *parent, templateKey, request);
    return detail::addDnsRecord(design, *parent, request);
}

AddOutcome addFlow(model::Design& design, model::Flow flow) {
    std::set<std::string> taken;
    for (const auto& f : design.flows)
        taken.insert(asciiLower(f.name));
    if (flow.name.empty()) {
        for (int n = 1; flow.name.empty(); ++n) {
            const std::string candidate = "Flow " + std::to_string(n);
            if (!taken.count(asciiLower(candidate)))
                flow.name = candidate;
        }
    } else {
        flow.name = detail::numberedLabel(flow.name, taken);
    }
    UniqueIds ids(design);
    const std::string tail = detail::slug(flow.name);
    flow.id = ids.id(tail.starts_with("flow") ? tail : tail.empty() ? "flow" : "flow-" + tail);
    design.flows.push_back(flow);
    ChangeSet changes;
    changes.insert(flow.id);
    return detail::added(flow.id, flow.name, changes);
}

std::string defaultMailFrom(const model::Host& source) {
    // The sender's own address when it has one; else a documentation domain's (RFC 2606).
    if (source.smtp && !source.smtp->mailFrom.empty())
        return source.smtp->mailFrom;
    return "sender@example.net";
}

void fillDefaultEnvelope(const model::Design& design, model::Flow& flow) {
    if (flow.mailFrom.empty()) {
        const model::Host* source = design.findHost(flow.sourceHostId);
        flow.mailFrom = source != nullptr ? defaultMailFrom(*source) : "sender@example.net";
    }
    if (!flow.rcptTo.empty())
        return;
    const model::AcceptedDomain* domain = nullptr;
    for (const auto& d : design.organization.acceptedDomains)
        if (!d.domainName.starts_with("*") && (domain == nullptr || d.isDefault))
            domain = &d;
    if (domain != nullptr)
        flow.rcptTo = {"postmaster@" + domain->domainName};
}

namespace detail {

AddOutcome addDefaultFlow(model::Design& design, const SubElementRequest& request) {
    model::Flow flow;
    flow.name = request.name;
    flow.port = 25;
    const model::Host* server = nullptr;
    for (const auto& host : design.hosts)
        if (server == nullptr && host.isExchange())
            server = &host;
    const model::AcceptedDomain* domain = nullptr;
    for (const auto& d : design.organization.acceptedDomains)
        if (!d.domainName.starts_with("*") && (domain == nullptr || d.isDefault))
            domain = &d;
    const model::Host* source = nullptr;
    for (const auto& host : design.hosts) {
        const bool hasNic = std::any_of(host.nics.begin(), host.nics.end(),
                                        [](const model::Nic& n) { return !n.loopbackAdapter; });
        if (source == nullptr && hasNic && &host != server)
            source = &host;
    }
    if (source == nullptr)
        return refused("flow: the design has no host with a NIC to send from");
    if (server != nullptr)
        flow.destination = server->id;
    else if (domain != nullptr)
        flow.destination = "mx:" + domain->domainName;
    else
        return refused("flow: the design has no Exchange server or accepted domain to send to");
    flow.sourceHostId = source->id;
    fillDefaultEnvelope(design, flow);
    return addFlow(design, flow);
}

}  // namespace detail
}  // namespace mailtopo::edit
