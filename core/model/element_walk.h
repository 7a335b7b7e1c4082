#pragma once
// One walk over every element of a design — top-level elements and the ones they hold
// (NICs, device interfaces, VIPs, firewall rules and NAT, accepted domains) — with what
// every whole-design pass needs to know of each: its kind, id, JSON pointer in the
// .mailtopo document, the element that holds it and the label a person knows it by
// ("EX01 NIC MAPI", "EX01\Relay Apps", "LB1 VIP Relay"). Id collection, finding texts,
// probe and trace labels read the design through this walk instead of each listing the
// element kinds again.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/design.h"

namespace mailtopo::model {

struct ElementRef {
    ElementKind kind = ElementKind::Host;
    Id id;
    std::string pointer;  // "/hosts/0/nics/1"
    Id owner;             // the holding element's id; empty for top-level elements
    std::string label;    // what a person calls it: "EX01 NIC MAPI", "EX01\Relay Apps"
};

// Calls `visit` for every element, owners before what they hold, in document order.
void walkElements(const Design& design, const std::function<void(const ElementRef&)>& visit);

// The JSON pointer of top-level element `id` ("/hosts/3"), found without walking what the
// elements hold; empty when no top-level element has that id (it may be a held one).
std::string topLevelPointer(const Design& design, std::string_view id);

// The walk as a list.
std::vector<ElementRef> allElements(const Design& design);

// The label of element `id` (as walkElements gives it), or the id itself when the design
// has no such element.
std::string elementLabel(const Design& design, std::string_view id);

// A JSON pointer of the document in a person's words: the deepest element it falls in,
// by label, then what is inside it ("EX01 NIC MAPI: addresses, entry 2"). Pointers outside
// any element name the document's section ("organization: internalSmtpServers, entry 1").
std::string describePointer(const Design& design, std::string_view pointer);
// The same over a walk already made (allElements): describing many pointers walks once.
std::string describePointer(const std::vector<ElementRef>& elements, std::string_view pointer);

}  // namespace mailtopo::model
