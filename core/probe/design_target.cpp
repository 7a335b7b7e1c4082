#include "core/probe/design_target.h"

#include "core/model/element_walk.h"
#include "core/sim/receive_connectors.h"
#include "core/util/text_join.h"

namespace mailtopo::probe {
namespace {

std::string lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

std::string named(const std::string& name, const model::Id& id) {
    return name.empty() ? id : name;
}

bool isMailServer(const model::Host& host) {
    return host.isExchange() || (host.smtp && !host.smtp->listenPorts.empty());
}

uint16_t smtpPort(const model::Host& host) {
    if (host.smtp && !host.smtp->listenPorts.empty())
        return host.smtp->listenPorts.front();
    return 25;
}

const model::Host* findHost(const model::Design& design, const std::string& text) {
    if (const model::Host* host = design.findHost(text))
        return host;
    return design.findHostByName(text);
}

struct VipRef {
    const model::LoadBalancer* lb = nullptr;
    const model::Vip* vip = nullptr;
};

VipRef findVip(const model::Design& design, const std::string& text) {
    for (const auto& lb : design.loadBalancers) {
        for (const auto& vip : lb.vips) {
            if (vip.id == text || (!vip.name.empty() && lower(vip.name) == lower(text)))
                return {&lb, &vip};
        }
    }
    return {};
}

std::vector<net::Address> hostAddresses(const model::Host& host) {
    std::vector<net::Address> out;
    for (const auto& nic : host.nics) {
        if (nic.loopbackAdapter)
            continue;
        for (const auto& a : nic.addresses)
            out.push_back(a.address);
    }
    return out;
}

std::string endpoint(const net::Address& address, uint16_t port) {
    return ProbeTarget{address.toString(), port, address}.display();
}

bool isInternetSender(const model::Design& design, const model::Host& host) {
    if (host.kind != model::HostKind::InternetSender)
        return false;
    for (const auto& nic : host.nics) {
        const model::Segment* segment = design.findSegment(nic.segmentId);
        if (segment && segment->kind == model::SegmentKind::Internet)
            return true;
    }
    return false;
}

}  // namespace

std::string elementLabel(const model::Design& design, const model::Id& id) {
    // The simulator's implicit default connectors (R18) are not in the design, so not in
    // the walk; a declared element of the same id wins.
    std::string label = model::elementLabel(design, id);
    if (label == id) {
        if (const auto implicit = sim::findImplicitReceiveConnector(design, id))
            label = cat(named(implicit->server->name, implicit->server->id), "\\",
                        implicit->connector.name);
    }
    return label;
}

std::vector<std::string> acceptedDomainNames(const model::Design& design) {
    std::vector<std::string> out;
    for (const auto& domain : design.organization.acceptedDomains)
        out.push_back(lower(domain.domainName));
    return out;
}

std::string defaultAcceptedDomain(const model::Design& design) {
    for (const auto& domain : design.organization.acceptedDomains) {
        if (domain.isDefault && !domain.domainName.starts_with("*"))
            return lower(domain.domainName);
    }
    for (const auto& domain : design.organization.acceptedDomains) {
        if (!domain.domainName.starts_with("*"))
            return lower(domain.domainName);
    }
    return {};
}

bool isProbeableElement(const model::Design& design, const model::Id& element) {
    if (const model::Host* host = design.findHost(element))
        return isMailServer(*host);
    return findVip(design, element).vip != nullptr;
}

std::vector<model::Id> probeableElementsOf(const model::Design& design,
                                           const model::Id& cardElement) {
    if (isProbeableElement(design, cardElement))
        return {cardElement};
    std::vector<model::Id> out;
    for (const auto& lb : design.loadBalancers) {
        if (lb.id != cardElement)
            continue;
        for (const auto& vip : lb.vips)
            out.push_back(vip.id);
    }
    return out;
}

std::optional<ProbeTarget> suggestedProbeTarget(const model::Design& design,
                                                const model::Id& element) {
    if (const model::Host* host = design.findHost(element)) {
        const auto addresses = hostAddresses(*host);
        if (addresses.empty())
            return std::nullopt;
        return ProbeTarget{addresses.front().toString(), smtpPort(*host), addresses.front()};
    }
    if (const VipRef ref = findVip(design, element); ref.vip)
        return ProbeTarget{ref.vip->address.toString(), ref.vip->port, ref.vip->address};
    return std::nullopt;
}

std::optional<DesignTarget> resolveDesignTarget(const model::Design& design,
                                                const std::string& server,
                                                const std::string& source,
                                                const ProbeTarget& probed, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<DesignTarget> {
        if (error)
            *error = std::move(message);
        return std::nullopt;
    };
    DesignTarget target;
    const model::Host* host = findHost(design, server);
    const VipRef vip = host ? VipRef{} : findVip(design, server);
    if (host) {
        if (!isMailServer(*host)) {
            return fail(cat("--server: '", server, "' is a ", enumName(host->kind),
                            " that listens for no SMTP; name an Exchange server, an SMTP host or "
                            "a VIP"));
        }
        target.element = host->id;
    } else if (vip.vip) {
        target.element = vip.vip->id;
    } else {
        return fail(cat("--server: no host or VIP with the id or name '", server, "'"));
    }
    target.label = elementLabel(design, target.element);

    const model::Host* client = nullptr;
    if (!source.empty()) {
        client = findHost(design, source);
        if (!client)
            return fail(cat("--source: no host with the id or name '", source, "'"));
    } else {
        for (const auto& h : design.hosts) {
            if (!client && isInternetSender(design, h))
                client = &h;
        }
        if (!client) {
            return fail(
                "the design has no internet sender to simulate the probe from; name the "
                "simulated client with --source");
        }
    }
    target.sourceHost = client->id;
    target.sourceLabel = elementLabel(design, client->id);

    // The element's own addresses, and the inbound NAT entries in front of them.
    std::vector<std::pair<net::Address, uint16_t>> own;
    if (host) {
        for (const auto& a : hostAddresses(*host))
            own.emplace_back(a, smtpPort(*host));
    } else {
        own.emplace_back(vip.vip->address, vip.vip->port);
    }
    struct Entry {
        net::Address address;
        uint16_t port;
        std::string what;
    };
    std::vector<Entry> natEntries;
    for (const auto& fw : design.firewalls) {
        for (const auto& nat : fw.inboundNat) {
            for (const auto& [a, port] : own) {
                if (nat.insideAddress == a) {
                    natEntries.push_back({nat.publicAddress, nat.publicPort,
                                          cat("inbound NAT ", named(nat.name, nat.id), " of ",
                                              named(fw.name, fw.id))});
                }
            }
        }
    }

    if (probed.address) {
        for (const auto& [a, port] : own) {
            if (a == *probed.address) {
                target.destination = probed.display();
                target.how = cat(probed.address->toString(), " is ", target.label,
                                 "'s address in the design");
                return target;
            }
        }
        for (const auto& entry : natEntries) {
            if (entry.address == *probed.address) {
                target.destination = probed.display();
                target.how = cat(probed.address->toString(), " is ", entry.what, " towards ",
                                 target.label, " in the design");
                return target;
            }
        }
    }
    const std::string prefix = probed.address
                                   ? cat(probed.address->toString(), " is not an address of ",
                                         target.label, " in the design; ")
                                   : std::string();
    // An internet sender reaches the server through its public entry; others directly.
    if (isInternetSender(design, *client) && !natEntries.empty()) {
        target.destination = endpoint(natEntries.front().address, natEntries.front().port);
        target.how = cat(prefix, "the simulation connects to ", target.destination, ", ",
                         natEntries.front().what, " towards ", target.label);
        return target;
    }
    if (own.empty())
        return fail(cat("--server: ", target.label, " has no address in the design"));
    target.destination = endpoint(own.front().first, own.front().second);
    target.how = cat(prefix, "the simulation connects to ", target.destination, ", ", target.label,
                     "'s first address");
    return target;
}

}  // namespace mailtopo::probe
