#pragma once
// Creating what sits inside or beside the drawn elements: a host's NICs, addresses and
// routes; an Exchange server's receive connectors (from the templates Exchange admins use);
// the organisation's send connectors and accepted domains; a load balancer's VIPs and pool
// members; a firewall's interfaces, zones, rules and NAT; a router's interfaces and routes;
// a DNS zone's records; the design's test flows. The editor's context menus and inspector
// buttons and `mailtopo-cli edit --add KIND --parent ID` all call addSubElement, so each
// new object is the same whichever face made it, and valid at once (validation and the
// simulator accept it without further edits).
//
// Connecting by dragging is connectToSegment: a NIC (a free one of the host, or a new one)
// joins a segment with the next free address of the segment's subnet.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/edit/change_set.h"
#include "core/model/design.h"
#include "core/net/address.h"
#include "core/net/prefix.h"

namespace mailtopo::edit {

// One template of a kind ("receive-connector:relay-anonymous").
struct SubElementTemplate {
    std::string key;    // "relay-anonymous"
    std::string label;  // "Application relay (anonymous + Accept-Any-Recipient)"
    std::string tooltip;
};

// What `--add KIND` and the context menus can create, and where.
struct SubElementKind {
    std::string key;    // "receive-connector"
    std::string label;  // "Receive connector"
    std::string tooltip;
    // The kinds of parent it goes under: element kinds, or none for the design-level kinds
    // (flows, send connectors, accepted domains go under kDesignId / kOrganizationId).
    std::vector<model::ElementKind> parents;
    std::string pseudoParent;  // "design" or "organization" when `parents` is empty
    std::vector<SubElementTemplate> templates;  // the first is the default
};

const std::vector<SubElementKind>& subElementKinds();
const SubElementKind* findSubElementKind(std::string_view key);
// The kinds that can be added under `parentId` (an element id, kDesignId or
// kOrganizationId), in menu order. A receive connector is offered on Exchange servers only.
std::vector<const SubElementKind*> kindsAddableTo(const model::Design& design,
                                                  const model::Id& parentId);

struct SubElementRequest {
    std::string kind;         // a SubElementKind key
    std::string templateKey;  // empty: the kind's first template
    model::Id parentId;       // element id, kDesignId or kOrganizationId
    std::string name;         // empty: a numbered default ("Relay 1", "eth1" …); an address
                              // kind takes "IP/PREFIX" here, a route its destination prefix
};

struct AddOutcome {
    bool ok = false;
    std::string error;  // why nothing was added: unknown kind/template, wrong parent, bad name
    model::Id id;       // the new element; for id-less objects (address, route, zone, pool
                        // member, DNS record) the id of the element that holds it
    std::string name;   // its name as created
    // An address core chose for it (a VIP's, a NAT rule's public one, the next free one of a
    // NIC's subnet), which the editor offers to be typed over; empty when none was chosen.
    std::string proposed;
    ChangeSet changes;
};

// Adds one sub-element. On failure the design is unchanged.
AddOutcome addSubElement(model::Design& design, const SubElementRequest& request);

// Adds a flow built elsewhere (the trace form's "Save as flow"): a fresh id and, when the
// name is empty or taken, a numbered name. The flow's other fields are kept as given.
AddOutcome addFlow(model::Design& design, model::Flow flow);

// The MAIL FROM a flow from `source` starts with: the host's own sender address (an SMTP
// host's configured MAIL FROM), else a documentation domain's (RFC 2606). A new flow
// (`--add flow`), a flow drawn by dragging and the trace form begin with it.
std::string defaultMailFrom(const model::Host& source);

// The envelope a flow gets when nobody typed one (a flow drawn by dragging, `--add flow`):
// MAIL FROM defaultMailFrom, RCPT TO the postmaster of the default accepted domain. Fields
// already set are kept.
void fillDefaultEnvelope(const model::Design& design, model::Flow& flow);

struct ConnectOutcome {
    bool ok = false;
    std::string error;
    model::Id interfaceId;                // the NIC or device interface now on the segment
    bool created = false;                 // a new NIC/interface was made for it
    std::optional<net::Address> address;  // the address given to it, if any
    ChangeSet changes;
};

// Puts `elementId` on segment `segmentId`. `elementId` may be a NIC or device interface
// (used as is), or a host, router, load balancer or firewall: its first interface without
// a segment is used, else a new one is created. An interface without an address on that
// segment's subnet gets the next free one (nextFreeAddress). On failure nothing changes.
ConnectOutcome connectToSegment(model::Design& design, const model::Id& elementId,
                                const model::Id& segmentId);

// After NIC `nicId`'s addresses changed (an address proposed on connecting, typed over):
// its default gateways that no address of theirs reaches any more go, and a family left
// without one takes the way out connecting gives (the segment's router or firewall, on the
// internet an on-link default route). Returns whether the host changed.
bool followNicAddresses(model::Design& design, const model::Id& nicId);

// The lowest address of `subnet` no interface, VIP or NAT rule of the design uses, skipping
// the network and broadcast addresses of IPv4 subnets and the first host (the usual
// gateway); nullopt when the subnet is full.
std::optional<net::Address> nextFreeAddress(const model::Design& design, const net::Prefix& subnet);

}  // namespace mailtopo::edit
