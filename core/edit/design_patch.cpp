#include "core/edit/design_patch.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace mailtopo::edit {
// ---- making a patch ---------------------------------------------------------------------

namespace {

// Compares one list element by element. `value` turns a list item into what a slot keeps
// (the item itself; a view's head), `same` says whether two items need no slot.
template <class Slot, class Item, class Value, class Same>
void diffList(const std::vector<Item>& before, const std::vector<Item>& after,
              std::vector<Slot>& out, Value value, Same same) {
    // The common case, an edit of properties: the same ids in the same order.
    const bool sameIds = before.size() == after.size() &&
                         std::equal(before.begin(), before.end(), after.begin(),
                                    [](const Item& b, const Item& a) { return b.id == a.id; });
    if (sameIds) {
        for (std::size_t i = 0; i < before.size(); ++i) {
            if (!same(before[i], after[i]))
                out.push_back({before[i].id, value(before[i]), value(after[i]), i, i});
        }
        return;
    }
    // Elements added, removed or reordered. Applying a patch puts every slot's element at
    // its index and keeps the others in their order, so the elements left out must keep
    // their relative order; when they do not (a reorder, or ids that are not unique, which
    // only an invalid design has), every element of the list gets a slot.
    std::unordered_map<std::string_view, std::size_t> beforeAt, afterAt;
    bool unique = true;
    for (std::size_t i = 0; i < before.size(); ++i)
        unique = beforeAt.emplace(before[i].id, i).second && unique;
    for (std::size_t j = 0; j < after.size(); ++j)
        unique = afterAt.emplace(after[j].id, j).second && unique;
    bool ordered = unique;
    if (ordered) {
        std::size_t lastBefore = 0;
        bool first = true;
        for (const Item& item : after) {
            const auto it = beforeAt.find(item.id);
            if (it == beforeAt.end())
                continue;
            if (!first && it->second < lastBefore) {
                ordered = false;
                break;
            }
            lastBefore = it->second;
            first = false;
        }
    }
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (!ordered || !afterAt.contains(before[i].id))
            out.push_back({before[i].id, value(before[i]), std::nullopt, i, 0});
    }
    for (std::size_t j = 0; j < after.size(); ++j) {
        const auto it = ordered ? beforeAt.find(after[j].id) : beforeAt.end();
        if (it == beforeAt.end()) {
            out.push_back({after[j].id, std::nullopt, value(after[j]), 0, j});
        } else if (!same(before[it->second], after[j])) {
            out.push_back({after[j].id, value(before[it->second]), value(after[j]), it->second, j});
        }
    }
}

template <class PlacementSlot>
void diffPlacements(const model::Id& view, const std::map<model::Id, model::Placement>* before,
                    const std::map<model::Id, model::Placement>* after,
                    std::vector<PlacementSlot>& out) {
    static const std::map<model::Id, model::Placement> kNone;
    const auto& b = before ? *before : kNone;
    const auto& a = after ? *after : kNone;
    if (b == a)
        return;
    auto bi = b.begin();
    auto ai = a.begin();
    // Both maps are sorted by element id: one merge walk finds every difference.
    while (bi != b.end() || ai != a.end()) {
        if (ai == a.end() || (bi != b.end() && bi->first < ai->first)) {
            out.push_back({view, bi->first, bi->second, std::nullopt});
            ++bi;
        } else if (bi == b.end() || ai->first < bi->first) {
            out.push_back({view, ai->first, std::nullopt, ai->second});
            ++ai;
        } else {
            if (!(bi->second == ai->second))
                out.push_back({view, bi->first, bi->second, ai->second});
            ++bi;
            ++ai;
        }
    }
}

const model::View* findView(const std::vector<model::View>& views, const model::Id& id) {
    for (const model::View& view : views) {
        if (view.id == id)
            return &view;
    }
    return nullptr;
}

}  // namespace

DesignPatch DesignPatch::between(const model::Design& before, const model::Design& after) {
    DesignPatch patch;
    const auto itself = [](const auto& item) { return item; };
    const auto equal = [](const auto& b, const auto& a) { return b == a; };
    model::forEachElementList([&](auto list, const char*) {
        diffList(before.*list, after.*list, patch.slotsOf(list), itself, equal);
    });
    diffList(
        before.views, after.views, std::get<std::vector<Slot<ViewHead>>>(patch.slots_),
        [](const model::View& v) {
            return ViewHead{v.id, v.name};
        },
        [](const model::View& b, const model::View& a) { return b.name == a.name; });
    for (const model::View& view : before.views) {
        const model::View* now = findView(after.views, view.id);
        diffPlacements(view.id, &view.placements, now ? &now->placements : nullptr,
                       patch.placements_);
    }
    for (const model::View& view : after.views) {
        if (findView(before.views, view.id) == nullptr)
            diffPlacements(view.id, nullptr, &view.placements, patch.placements_);
    }
    if (!(before.info == after.info))
        patch.info_.emplace(before.info, after.info);
    if (!(before.organization == after.organization))
        patch.organization_.emplace(before.organization, after.organization);
    return patch;
}

bool DesignPatch::empty() const {
    bool none = placements_.empty() && !info_ && !organization_;
    std::apply([&](const auto&... lists) { ((none = none && lists.empty()), ...); }, slots_);
    return none;
}

// ---- applying a patch -------------------------------------------------------------------

namespace {

// Puts every slot's element of one list as it was before (forward = false) or after the
// change: elements that stay where they were are replaced in place; the list is rebuilt
// in one pass only when elements come, go or change places. `make` builds a list item
// from a slot's value, `assign` updates an item in place, `adopt` lets a rebuilt item take
// over what the slot does not carry from the item it replaces (a view's placements).
template <class Item, class Slot, class Make, class Assign, class Adopt>
void applyList(std::vector<Item>& list, const std::vector<Slot>& slots, bool forward, Make make,
               Assign assign, Adopt adopt) {
    const auto from = [forward](const Slot& s) -> const auto& {
        return forward ? s.before : s.after;
    };
    const auto to = [forward](const Slot& s) -> const auto& {
        return forward ? s.after : s.before;
    };
    const auto fromIndex = [forward](const Slot& s) {
        return forward ? s.beforeIndex : s.afterIndex;
    };
    const auto toIndex = [forward](const Slot& s) {
        return forward ? s.afterIndex : s.beforeIndex;
    };

    std::vector<const Slot*> moving;
    for (const Slot& slot : slots) {
        if (from(slot) && to(slot) && fromIndex(slot) == toIndex(slot) &&
            fromIndex(slot) < list.size()) {
            assign(list[fromIndex(slot)], *to(slot));
        } else {
            moving.push_back(&slot);
        }
    }
    if (moving.empty())
        return;
    std::vector<bool> gone(list.size(), false);
    std::unordered_map<std::string_view, std::size_t> goneById;
    for (const Slot* slot : moving) {
        if (from(*slot) && fromIndex(*slot) < list.size()) {
            gone[fromIndex(*slot)] = true;
            goneById.emplace(list[fromIndex(*slot)].id, fromIndex(*slot));
        }
    }
    std::vector<const Slot*> coming;
    for (const Slot* slot : moving) {
        if (to(*slot))
            coming.push_back(slot);
    }
    std::stable_sort(coming.begin(), coming.end(),
                     [&](const Slot* a, const Slot* b) { return toIndex(*a) < toIndex(*b); });
    std::vector<Item> rebuilt;
    rebuilt.reserve(list.size() + coming.size());
    std::size_t next = 0;  // the next kept item of `list`
    const auto keepUpTo = [&](std::size_t size) {
        for (; next < list.size() && rebuilt.size() < size; ++next) {
            if (!gone[next])
                rebuilt.push_back(std::move(list[next]));
        }
    };
    for (const Slot* slot : coming) {
        keepUpTo(toIndex(*slot));
        Item fresh = make(*to(*slot));
        const auto old = goneById.find(slot->id);
        if (old != goneById.end())
            adopt(fresh, list[old->second]);
        rebuilt.push_back(std::move(fresh));
    }
    keepUpTo(list.size() + coming.size());
    list = std::move(rebuilt);
}

}  // namespace

void DesignPatch::apply(model::Design& design, bool forward) const {
    const auto copy = [](const auto& value) { return value; };
    const auto assign = [](auto& item, const auto& value) { item = value; };
    const auto nothing = [](auto&, auto&) {};
    model::forEachElementList([&](auto list, const char*) {
        applyList(design.*list, slotsOf(list), forward, copy, assign, nothing);
    });
    // A view's slot carries its head; its placements stay with it (and are patched below).
    applyList(
        design.views, std::get<std::vector<Slot<ViewHead>>>(slots_), forward,
        [](const ViewHead& head) {
            return model::View{head.id, head.name, {}};
        },
        [](model::View& view, const ViewHead& head) {
            view.id = head.id;
            view.name = head.name;
        },
        [](model::View& fresh, model::View& old) { fresh.placements = std::move(old.placements); });
    for (const PlacementSlot& slot : placements_) {
        const std::optional<model::Placement>& to = forward ? slot.after : slot.before;
        for (model::View& view : design.views) {
            if (view.id != slot.view)
                continue;
            if (to)
                view.placements[slot.element] = *to;
            else
                view.placements.erase(slot.element);
            break;
        }
    }
    if (info_)
        design.info = forward ? info_->second : info_->first;
    if (organization_)
        design.organization = forward ? organization_->second : organization_->first;
}

ChangeSet DesignPatch::changes(bool forward) const {
    ChangeSet set;
    std::apply(
        [&](const auto&... lists) {
            const auto one = [&](const auto& slots) {
                for (const auto& slot : slots) {
                    const bool was = forward ? slot.before.has_value() : slot.after.has_value();
                    const bool is = forward ? slot.after.has_value() : slot.before.has_value();
                    // Ids are unique within a valid design's patch, so plain appends suffice
                    // (ChangeSet::insert keeps ids once at a cost per id that adds up on an
                    // import of thousands).
                    if (was && is)
                        set.changed.push_back(slot.id);
                    else if (is)
                        set.inserted.push_back(slot.id);
                    else
                        set.removed.push_back(slot.id);
                }
            };
            (one(lists), ...);
        },
        slots_);
    // A removed and re-added id (a reorder) is a change.
    if (!set.removed.empty() && !set.inserted.empty()) {
        const std::unordered_set<std::string_view> removed(set.removed.begin(), set.removed.end());
        std::vector<model::Id> both;
        for (const model::Id& id : set.inserted) {
            if (removed.contains(id))
                both.push_back(id);
        }
        for (const model::Id& id : both) {
            std::erase(set.inserted, id);
            std::erase(set.removed, id);
            set.changed.push_back(id);
        }
    }
    for (const PlacementSlot& slot : placements_) {
        if (set.moved.empty() || set.moved.back() != slot.element)
            set.moved.push_back(slot.element);
    }
    if (placements_.size() > 1) {
        std::sort(set.moved.begin(), set.moved.end());
        set.moved.erase(std::unique(set.moved.begin(), set.moved.end()), set.moved.end());
    }
    if (info_)
        set.changed.emplace_back(kDesignId);
    if (organization_)
        set.changed.emplace_back(kOrganizationId);
    return set;
}

// ---- merging ----------------------------------------------------------------------------

namespace {

template <class Slot>
bool covers(const std::vector<Slot>& mine, const std::vector<Slot>& theirs) {
    for (const Slot& slot : theirs) {
        if (std::none_of(mine.begin(), mine.end(), [&](const Slot& m) { return m.id == slot.id; }))
            return false;
    }
    return true;
}

}  // namespace

bool DesignPatch::absorb(const DesignPatch& next, const model::Design& current) {
    // Only a change of what this one already changed: then every element of either is in
    // this patch, and "before" is this patch's.
    bool within = true;
    std::apply(
        [&](const auto&... mine) {
            std::apply(
                [&](const auto&... theirs) { ((within = within && covers(mine, theirs)), ...); },
                next.slots_);
        },
        slots_);
    for (const PlacementSlot& slot : next.placements_) {
        within = within &&
                 std::any_of(placements_.begin(), placements_.end(), [&](const PlacementSlot& p) {
                     return p.view == slot.view && p.element == slot.element;
                 });
    }
    within = within && (!next.info_ || info_) && (!next.organization_ || organization_);
    if (!within)
        return false;

    // Each element of this patch as it is now, where it is now.
    const auto refresh = [](auto& slots, const auto& list, const auto& value) {
        for (auto& slot : slots) {
            slot.after.reset();
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (list[i].id == slot.id) {
                    slot.after = value(list[i]);
                    slot.afterIndex = i;
                    break;
                }
            }
        }
    };
    model::forEachElementList([&](auto list, const char*) {
        refresh(slotsOf(list), current.*list, [](const auto& item) { return item; });
    });
    refresh(std::get<std::vector<Slot<ViewHead>>>(slots_), current.views,
            [](const model::View& view) {
                return ViewHead{view.id, view.name};
            });
    for (PlacementSlot& slot : placements_) {
        slot.after.reset();
        if (const model::View* view = findView(current.views, slot.view)) {
            const auto it = view->placements.find(slot.element);
            if (it != view->placements.end())
                slot.after = it->second;
        }
    }
    if (info_)
        info_->second = current.info;
    if (organization_)
        organization_->second = current.organization;
    return true;
}

}  // namespace mailtopo::edit
