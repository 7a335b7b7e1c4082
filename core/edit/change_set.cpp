#include "core/edit/change_set.h"

#include <algorithm>

namespace mailtopo::edit {
namespace {

void addOnce(std::vector<model::Id>& list, const model::Id& id) {
    if (std::find(list.begin(), list.end(), id) == list.end())
        list.push_back(id);
}

void drop(std::vector<model::Id>& list, const model::Id& id) {
    std::erase(list, id);
}

}  // namespace

void ChangeSet::insert(const model::Id& id) {
    addOnce(inserted, id);
}

void ChangeSet::change(const model::Id& id) {
    addOnce(changed, id);
}

void ChangeSet::remove(const model::Id& id) {
    // Something made and removed within one edit never reached any face: the faces only
    // need to hear that it is gone (in case an earlier set announced it).
    drop(inserted, id);
    drop(changed, id);
    addOnce(removed, id);
}

void ChangeSet::move(const model::Id& id) {
    addOnce(moved, id);
}

void ChangeSet::merge(const ChangeSet& other) {
    for (const auto& id : other.inserted)
        insert(id);
    for (const auto& id : other.changed)
        change(id);
    for (const auto& id : other.removed)
        remove(id);
    for (const auto& id : other.moved)
        move(id);
}

}  // namespace mailtopo::edit
