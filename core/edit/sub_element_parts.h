#pragma once
// Internal to core/edit: what the sub-element makers share. addSubElement (sub_elements.cpp)
// resolves the parent and hands it to one maker per kind; the makers live by area:
// interfaces, addresses and routes (network_edits.cpp), receive connector templates
// (receive_connector_templates.cpp), the organisation's send connectors, accepted domains
// and InternalSMTPServers (organization_edits.cpp), VIPs, pools, zones, rules and NAT
// (device_edits.cpp), DNS records (dns_record_edit.cpp).
//
// Every maker checks everything first and only then changes the design, so a refused
// request leaves it as it was.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/edit/sub_elements.h"
#include "core/edit/unique_ids.h"

namespace mailtopo::edit::detail {

// An id of the design resolved to the element it names and the element that holds it.
struct Located {
    model::ElementKind kind = model::ElementKind::Segment;
    model::Id ownerId;  // the top-level element holding it (itself when top-level)
    model::Host* host = nullptr;
    model::Nic* nic = nullptr;
    model::Router* router = nullptr;
    model::LoadBalancer* loadBalancer = nullptr;
    model::Firewall* firewall = nullptr;
    model::DeviceInterface* deviceInterface = nullptr;
    model::Vip* vip = nullptr;
    model::DnsZone* zone = nullptr;
    model::Segment* segment = nullptr;
    // The owning router, load balancer or firewall's interfaces and routes (devices only).
    std::vector<model::DeviceInterface>* deviceInterfaces = nullptr;
    std::vector<model::Route>* deviceRoutes = nullptr;
    std::string label;  // "EX01", "LB01/SMTP" … for messages
};

// nullopt when no element has this id.
std::optional<Located> locate(model::Design& design, const model::Id& id);

// A request resolved: the kind (aliases applied), the template, the parent.
struct Resolved {
    const SubElementKind* kind = nullptr;
    std::string templateKey;
    std::optional<Located> parent;  // empty for kDesignId / kOrganizationId
};

AddOutcome refused(std::string error);
AddOutcome added(model::Id id, std::string name, ChangeSet changes, std::string proposed = {});

// "Anonymous Relay" → "anonymous-relay": lower-case ASCII letters and digits, other runs
// of characters become one hyphen.
std::string slug(std::string_view text);

// `base` when `taken` says no (case-insensitively), else "base 2", "base 3" …
std::string numberedLabel(const std::string& base, const std::set<std::string>& takenLower,
                          const std::string& separator = " ");

// Every address the design gives to something: interface addresses, default gateways and
// DNS servers the NICs name, VIPs, SNAT addresses, NAT public, inside and translated
// addresses. nextFreeAddress never hands one of them out.
std::set<net::Address> usedAddresses(const model::Design& design);

// The lowest address of `subnet` not in `used`, skipping what nextFreeAddress skips.
std::optional<net::Address> firstFreeIn(const net::Prefix& subnet,
                                        const std::set<net::Address>& used);

// The first subnet of `segment` (of `family` when given), or nullopt.
std::optional<net::Prefix> segmentSubnet(const model::Segment& segment,
                                         std::optional<net::Family> family = std::nullopt);

// ---- the makers -------------------------------------------------------------------------

AddOutcome addNic(model::Design& design, const Located& parent, const SubElementRequest& request);
AddOutcome addAddress(model::Design& design, const Located& parent,
                      const SubElementRequest& request);
AddOutcome addRoute(model::Design& design, const Located& parent, const SubElementRequest& request);
AddOutcome addDeviceInterface(model::Design& design, const Located& parent,
                              const SubElementRequest& request);

AddOutcome addReceiveConnector(model::Design& design, const Located& parent,
                               const std::string& templateKey, const SubElementRequest& request);

AddOutcome addSendConnector(model::Design& design, const std::string& templateKey,
                            const SubElementRequest& request);
AddOutcome addAcceptedDomain(model::Design& design, const SubElementRequest& request);
AddOutcome addInternalSmtpServer(model::Design& design, const SubElementRequest& request);

AddOutcome addVip(model::Design& design, const Located& parent, const SubElementRequest& request);
AddOutcome addPoolMember(model::Design& design, const Located& parent,
                         const SubElementRequest& request);
AddOutcome addFirewallZone(model::Design& design, const Located& parent,
                           const SubElementRequest& request);
AddOutcome addFirewallRule(model::Design& design, const Located& parent,
                           const SubElementRequest& request);
AddOutcome addNatRule(model::Design& design, const Located& parent, const std::string& templateKey,
                      const SubElementRequest& request);

AddOutcome addDnsRecord(model::Design& design, const Located& parent,
                        const SubElementRequest& request);

AddOutcome addDefaultFlow(model::Design& design, const SubElementRequest& request);

}  // namespace mailtopo::edit::detail
