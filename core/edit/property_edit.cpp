#include "core/edit/property_edit.h"

#include "core/edit/sub_elements.h"

#include <charconv>
#include <span>
#include <type_traits>

#include "core/edit/property_checks.h"
#include "core/edit/property_text.h"
#include "core/model/element_walk.h"
#include "core/util/text_join.h"

namespace mailtopo::edit {
namespace {

using property::kIsElementList;
using property::kIsPart;
using property::kIsProperty;
using property::kIsStructuredList;

// Calls f(key, member) for every member of `object` the file format lists, in file order;
// the members are const when `object` is.
template <class Obj, class F>
struct MemberVisitor {
    Obj& object;
    F& f;

    template <class M, class T>
    void required(std::string_view key, M T::*member) {
        f(key, object.*member);
    }
    template <class M, class T>
    void optional(std::string_view key, M T::*member) {
        f(key, object.*member);
    }
};

template <class Obj, class F>
void forEachMember(Obj& object, F&& f) {
    MemberVisitor<Obj, F> visitor{object, f};
    io::Fields<std::remove_const_t<Obj>>::visit(visitor);
}

// ---------------------------------------------------------------------------- elements

// Follows a JSON pointer of the document ("/hosts/3/nics/1", as model::collectIds gives
// it) through the field tables and calls f(element) on the struct it names.
template <class Obj, class F>
bool descend(Obj& node, std::span<const std::string> tokens, F& f) {
    using T = std::remove_const_t<Obj>;
    if (tokens.empty()) {
        if constexpr (io::Described<T>) {
            f(node);
            return true;
        } else {
            return false;
        }
    }
    if constexpr (io::Described<T>) {
        bool found = false;
        forEachMember(node, [&](std::string_view key, auto& member) {
            if (!found && key == tokens.front())
                found = descend(member, tokens.subspan(1), f);
        });
        return found;
    } else if constexpr (io::IsVector<T>::value) {
        size_t index = 0;
        const std::string& token = tokens.front();
        const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
        if (error != std::errc() || end != token.data() + token.size() || index >= node.size())
            return false;
        return descend(node[index], tokens.subspan(1), f);
    } else {
        return false;
    }
}

// Calls f(element) on the element `id` names: the design's information for kDesignId, the
// Exchange organisation for kOrganizationId. False when there is none.
template <class DesignRef, class F>
bool withElement(DesignRef& design, const model::Id& id, F&& f) {
    if (id == kDesignId) {
        f(design.info);
        return true;
    }
    if (id == kOrganizationId) {
        f(design.organization);
        return true;
    }
    const auto descendTo = [&](const std::string& pointer) {
        std::vector<std::string> tokens;
        for (size_t start = 1; start <= pointer.size();) {
            const size_t slash = std::min(pointer.find('/', start), pointer.size());
            tokens.push_back(pointer.substr(start, slash - start));
            start = slash + 1;
        }
        return descend(design, std::span<const std::string>(tokens), f);
    };
    // Most edits are of a top-level element: found by its list, not by the whole walk.
    if (const std::string pointer = model::topLevelPointer(design, id); !pointer.empty())
        return descendTo(pointer);
    for (const model::IdOccurrence& occurrence : model::collectIds(design)) {
        if (occurrence.id == id)
            return descendTo(occurrence.path);
    }
    return false;
}

// ---------------------------------------------------------------------------- properties

enum class Found {
    Property,     // f was called
    Unknown,      // no such key
    Absent,       // a part the key goes through is not there (an SMTP host's "exchange")
    ElementList,  // a list of elements with their own ids
    Group,        // a part named without one of its properties ("exchange")
    Layout,       // a view's placements
};

struct Lookup {
    Found found = Found::Unknown;
    std::string where;  // the key up to what is absent, or the list or group named
};

// Finds property `key` (dotted into nested parts) of `object` and calls
// f(owner, leafKey, member), owner being the Fields<T>::kName of the struct holding it.
template <class Obj, class F>
Lookup withProperty(Obj& object, std::string_view key, F& f) {
    using T = std::remove_const_t<Obj>;
    const size_t dot = key.find('.');
    const std::string_view head = key.substr(0, dot);
    const std::string_view rest = dot == std::string_view::npos ? "" : key.substr(dot + 1);
    Lookup result;
    forEachMember(object, [&](std::string_view name, auto& member) {
        using M = std::remove_cvref_t<decltype(member)>;
        if (name != head || result.found != Found::Unknown)
            return;
        if (dot == std::string_view::npos) {
            if constexpr (kIsProperty<M>) {
                f(io::Fields<T>::kName, name, member);
                result.found = Found::Property;
            } else if constexpr (kIsElementList<M>) {
                result = {Found::ElementList, std::string(name)};
            } else if constexpr (kIsPart<M>) {
                result = {Found::Group, std::string(name)};
            } else {
                result = {Found::Layout, std::string(name)};
            }
            return;
        }
        if constexpr (io::Described<M>) {
            result = withProperty(member, rest, f);
        } else if constexpr (property::IsOptionalPart<M>::value) {
            if (member)
                result = withProperty(*member, rest, f);
            else
                result = {Found::Absent, ""};
        }
        if (result.found == Found::Absent || result.found == Found::Group)
            result.where = result.where.empty() ? std::string(name) : cat(name, ".", result.where);
    });
    return result;
}

template <class Obj>
void collectKeys(Obj& object, const std::string& prefix, std::vector<std::string>& keys) {
    forEachMember(object, [&](std::string_view name, auto& member) {
        using M = std::remove_cvref_t<decltype(member)>;
        if (prefix.empty() && name == "id")
            return;  // ids are references; they never change (see setProperty)
        const std::string key = prefix + std::string(name);
        if constexpr (kIsProperty<M>) {
            keys.push_back(key);
        } else if constexpr (io::Described<M>) {
            collectKeys(member, key + ".", keys);
        } else if constexpr (property::IsOptionalPart<M>::value) {
            if (member)
                collectKeys(*member, key + ".", keys);
        }
    });
}

std::string joined(const std::vector<std::string>& keys) {
    std::string out;
    for (const std::string& key : keys)
        out += out.empty() ? key : cat(", ", key);
    return out;
}

// Why `key` names no property of `element`, for each way it can miss.
template <class T>
std::string missReason(const T& element, const std::string& key, const Lookup& lookup) {
    const std::string kind(io::Fields<T>::kName);
    switch (lookup.found) {
        case Found::Absent:
            return cat("this ", kind, " has no '", lookup.where, "' part");
        case Found::ElementList:
            return cat("'", lookup.where,
                       "' holds elements with ids of their own: set their properties by their "
                       "ids, add or remove them as elements");
        case Found::Group: {
            std::vector<std::string> inside;
            collectKeys(element, "", inside);
            std::erase_if(inside,
                          [&](const std::string& k) { return !k.starts_with(lookup.where + "."); });
            return cat("'", lookup.where,
                       "' is a group of properties; name one of them: ", joined(inside));
        }
        case Found::Layout:
            return cat("'", lookup.where, "' is where elements sit; it changes by moving them");
        case Found::Property:
        case Found::Unknown:
            break;
    }
    std::vector<std::string> keys;
    collectKeys(element, "", keys);
    return cat("a ", kind, " has no property '", key, "'; its properties are: ", joined(keys));
}

std::string unknownId(const model::Id& id) {
    return cat("'", id, "': no element of the design has this id");
}

template <class T>
std::string_view displayNameKey() {
    if constexpr (std::is_same_v<T, model::Nic>) {
        return "alias";  // InterfaceAlias
    } else if constexpr (std::is_same_v<T, model::DnsZone>) {
        return "origin";
    } else {
        return "name";
    }
}

}  // namespace

PropertyOutcome setProperty(model::Design& design, const model::Id& id, const std::string& key,
                            const std::string& value) {
    PropertyOutcome outcome;
    bool nicAddressesChanged = false;
    const bool located = withElement(design, id, [&](auto& element) {
        using T = std::remove_cvref_t<decltype(element)>;
        if (key == "id" && property::HasOwnId<T>) {
            outcome.error =
                cat("id: an id cannot change: other elements, flows and views refer to this ",
                    io::Fields<T>::kName, " by it");
            return;
        }
        const property::Context context{design, id};
        T changed = element;
        std::string why;
        bool accepted = false;
        auto assign = [&](std::string_view owner, std::string_view leaf, auto& member) {
            using M = std::remove_cvref_t<decltype(member)>;
            const M before = member;
            if (!property::checkText(owner, leaf, value, context, &why) ||
                !property::readValue(value, member, leaf, &why)) {
                return;
            }
            if constexpr (kIsStructuredList<M>) {
                if (!property::checkParts(member, before, context, &why))
                    return;
            }
            accepted = true;
        };
        const Lookup lookup = withProperty(changed, key, assign);
        if (lookup.found != Found::Property) {
            outcome.error = cat(key, ": ", missReason(element, key, lookup));
            return;
        }
        if (!accepted || !property::settleElement(changed, context, &why)) {
            outcome.error = cat(key, ": ", why);
            return;
        }
        outcome.ok = true;
        if (changed == element)
            return;  // the value it already had: nothing to record
        element = std::move(changed);
        outcome.changes.change(id);
        if constexpr (std::is_same_v<T, model::Nic>)
            nicAddressesChanged = key == "addresses";
    });
    if (!located)
        outcome.error = unknownId(id);
    // The host's way out follows its addresses, as in the inspector (one rule, in core).
    if (nicAddressesChanged)
        followNicAddresses(design, id);
    return outcome;
}

std::optional<std::string> propertyText(const model::Design& design, const model::Id& id,
                                        const std::string& key) {
    std::optional<std::string> text;
    withElement(design, id, [&](const auto& element) {
        auto read = [&](std::string_view, std::string_view, const auto& member) {
            text = property::valueText(member);
        };
        withProperty(element, key, read);
    });
    return text;
}

std::vector<std::string> propertyKeys(const model::Design& design, const model::Id& id) {
    std::vector<std::string> keys;
    withElement(design, id, [&](const auto& element) { collectKeys(element, "", keys); });
    return keys;
}

PropertyOutcome renameElement(model::Design& design, const model::Id& id, const std::string& name) {
    std::string key;
    withElement(design, id, [&](const auto& element) {
        key = displayNameKey<std::remove_cvref_t<decltype(element)>>();
    });
    if (key.empty()) {
        PropertyOutcome outcome;
        outcome.error = unknownId(id);
        return outcome;
    }
    return setProperty(design, id, key, name);
}

}  // namespace mailtopo::edit
