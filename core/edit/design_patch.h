#pragma once
// An undo record: the parts of a design one change touched, as they were before and after,
// and nothing else. Undo and redo apply it in place, so a step of history costs what was
// edited (one server: kilobytes), not two copies of the whole design (a 5,000-element
// estate: megabytes per step).
//
// A patch is made by comparing two designs, so it is right whatever made the change (an
// edit, an import, a paste, auto-layout, a recovered file):
//  - top-level elements (segments, hosts, routers, load balancers, firewalls, connectors,
//    DNS zones, flows) by id, each whole: a NIC, a VIP or a firewall rule travels with the
//    element that holds it;
//  - a view's placements one by one, so moving one card records one placement;
//  - the design's own properties and the Exchange organisation as two more parts.
// What a patch changes is published as a ChangeSet at that granularity: the host whose NIC
// changed is "changed", a card whose placement changed is "moved".

#include <cstddef>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "core/edit/change_set.h"
#include "core/model/design.h"

namespace mailtopo::edit {

class DesignPatch {
public:
    // What turns `before` into `after`.
    static DesignPatch between(const model::Design& before, const model::Design& after);

    void redo(model::Design& design) const { apply(design, true); }
    void undo(model::Design& design) const { apply(design, false); }

    // What redo (undo) changes, for the faces that show the design.
    ChangeSet redoChanges() const { return changes(true); }
    ChangeSet undoChanges() const { return changes(false); }

    bool empty() const;

    // Takes in `next`, the change made right after this one (typing on in one field), so
    // that one undo reverts both. Only when `next` touches nothing this patch does not:
    // then the merged patch keeps this one's "before" and next's "after". `current` is the
    // design after both (where the merged patch's elements now sit). False: not merged.
    bool absorb(const DesignPatch& next, const model::Design& current);

private:
    template <class T>
    struct Slot {
        model::Id id;
        std::optional<T> before;
        std::optional<T> after;
        std::size_t beforeIndex = 0;  // where it sits in its list before/after the change
        std::size_t afterIndex = 0;
    };
    // A view's own properties; its placements are patched one by one.
    struct ViewHead {
        model::Id id;
        std::string name;
        bool operator==(const ViewHead&) const = default;
    };
    struct PlacementSlot {
        model::Id view;
        model::Id element;
        std::optional<model::Placement> before;
        std::optional<model::Placement> after;
    };
    using Slots =
        std::tuple<std::vector<Slot<model::Segment>>, std::vector<Slot<model::Host>>,
                   std::vector<Slot<model::Router>>, std::vector<Slot<model::LoadBalancer>>,
                   std::vector<Slot<model::Firewall>>, std::vector<Slot<model::ReceiveConnector>>,
                   std::vector<Slot<model::SendConnector>>, std::vector<Slot<model::DnsZone>>,
                   std::vector<Slot<model::Flow>>, std::vector<Slot<ViewHead>>>;

    // The slots of the elements in `list` (a model::forEachElementList member).
    template <class Item>
    std::vector<Slot<Item>>& slotsOf(std::vector<Item> model::Design::*) {
        return std::get<std::vector<Slot<Item>>>(slots_);
    }
    template <class Item>
    const std::vector<Slot<Item>>& slotsOf(std::vector<Item> model::Design::*) const {
        return std::get<std::vector<Slot<Item>>>(slots_);
    }

    void apply(model::Design& design, bool forward) const;
    ChangeSet changes(bool forward) const;

    Slots slots_;
    std::vector<PlacementSlot> placements_;
    std::optional<std::pair<model::DesignInfo, model::DesignInfo>> info_;
    std::optional<std::pair<model::Organization, model::Organization>> organization_;
};

}  // namespace mailtopo::edit
