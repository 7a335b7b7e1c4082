#pragma once
// What one edit changed, as ids: the contract between core/edit and every face that shows a
// design. The GUI's scene, design tree and finding marks update only these ids; undo keeps
// change records instead of whole designs; the CLI prints the inserted ids. Every core/edit
// function that changes a design returns one.
//
// Elements without an id of their own (a NIC's address, a route, a pool member, a firewall
// zone, a DNS record, an address space) are reported as a change of the element that holds
// them. The design's own properties and the Exchange organisation's (accepted domains list
// aside) use the pseudo-ids kDesignId and kOrganizationId.

#include <string>
#include <string_view>
#include <vector>

#include "core/model/network.h"

namespace mailtopo::edit {

inline constexpr std::string_view kDesignId = "design";
inline constexpr std::string_view kOrganizationId = "organization";

struct ChangeSet {
    std::vector<model::Id> inserted;  // new elements, owners before what they hold
    std::vector<model::Id> changed;   // elements whose properties or children changed
    std::vector<model::Id> removed;   // elements gone, dependants included
    std::vector<model::Id> moved;     // elements whose placement on a view changed

    bool empty() const {
        return inserted.empty() && changed.empty() && removed.empty() && moved.empty();
    }
    // Appends `other`, keeping each id once per list and in first-seen order; an id removed
    // after it was inserted in the same set is dropped from `inserted` and `changed`.
    void merge(const ChangeSet& other);
    // Records one id, once.
    void insert(const model::Id& id);
    void change(const model::Id& id);
    void remove(const model::Id& id);
    void move(const model::Id& id);

    bool operator==(const ChangeSet&) const = default;
};

}  // namespace mailtopo::edit
