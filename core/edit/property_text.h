#pragma once
// Any member the file format lists (core/io/design_fields.h), as text and back, decided by
// the member's type alone: the part of setProperty / propertyText that needs no knowledge
// of which property it is. What a particular property accepts beyond its type (a port is
// 1..65535, an FQDN is a host name) is property_checks.h's.

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/edit/value_text.h"
#include "core/io/design_fields.h"
#include "core/io/design_json.h"
#include "core/io/field_traits.h"
#include "core/util/text_join.h"

namespace mailtopo::edit::property {

template <class T>
concept HasOwnId = requires(const T& element) {
    element.id;
};

template <class M>
struct ListItem {
    using type = void;
};
template <class T>
struct ListItem<std::vector<T>> {
    using type = T;
};

// A list of elements with ids of their own (NICs, VIPs, rules, accepted domains): they are
// added and removed as elements (core/edit/sub_elements.h), never set as one property.
template <class M>
constexpr bool kIsElementList = io::IsVector<M>::value&& io::Described<typename ListItem<M>::type>&&
    HasOwnId<typename ListItem<M>::type>;

// A list of parts without ids (pool members, address spaces, zones, records, ACEs, routes,
// a NIC's addresses): set whole, as the JSON the file holds.
template <class M>
constexpr bool kIsStructuredList =
    io::IsVector<M>::value&& io::Described<typename ListItem<M>::type> &&
    !HasOwnId<typename ListItem<M>::type>;

template <class M>
struct IsOptionalPart : std::false_type {};
template <class T>
struct IsOptionalPart<std::optional<T>> : std::bool_constant<io::Described<T>> {};

// A member reached with a dotted key rather than set whole: a nested part ("exchange",
// "smtpInspection").
template <class M>
constexpr bool kIsPart = io::Described<M> || IsOptionalPart<M>::value;

// Everything else but layout (a view's placements move with arrange.h) is one property.
template <class M>
constexpr bool kIsProperty =
    !kIsPart<M> && !kIsElementList<M> && !std::is_same_v<M, std::map<model::Id, model::Placement>>;

// ---------------------------------------------------------------------------- to text

template <class M>
std::string valueText(const M& value);

inline std::string assignmentText(const model::IpAssignment& a) {
    std::string text = cat(a.address.toString(), "/", std::to_string(a.prefixLength));
    if (a.skipAsSource)
        text += " skip";
    return text;
}

template <class M>
std::string valueText(const M& value) {
    if constexpr (std::is_same_v<M, std::vector<model::IpAssignment>>) {
        std::vector<std::string> items;
        for (const auto& a : value)
            items.push_back(assignmentText(a));
        return wordListText(items);
    } else if constexpr (kIsStructuredList<M>) {
        return io::writeJsonValue(value);
    } else if constexpr (io::IsOptional<M>::value) {
        return value ? valueText(*value) : std::string();
    } else if constexpr (io::IsVector<M>::value) {
        std::vector<std::string> items;
        for (const auto& item : value)
            items.push_back(valueText(item));
        return wordListText(items);
    } else if constexpr (io::IsFlagSet<M>::value) {
        std::vector<std::string> names;
        for (auto flag : value.values())
            names.emplace_back(enumName(flag));
        return wordListText(names);
    } else if constexpr (io::HasEnumText<M>) {
        return std::string(enumName(value));
    } else if constexpr (std::is_same_v<M, std::string>) {
        return value;
    } else if constexpr (std::is_same_v<M, bool>) {
        return value ? "true" : "false";
    } else if constexpr (std::is_integral_v<M>) {
        return std::to_string(value);
    } else {
        return value.toString();  // the net types
    }
}

// ---------------------------------------------------------------------------- from text

bool readBool(std::string_view text, bool& out, std::string* problem);
// "IP/PREFIX" with " skip" after it for SkipAsSource. An address that was already there
// keeps its origin (manual, DHCP …), which the text does not show.
bool readAssignments(std::string_view text, std::vector<model::IpAssignment>& inout,
                     std::string* problem);

// Reads `text` as a value of the member's type into `inout` (which holds the current
// value). `what` names the property in messages about numbers.
template <class M>
bool readValue(std::string_view text, M& inout, std::string_view what, std::string* problem) {
    text = trimmedText(text);
    if constexpr (std::is_same_v<M, std::vector<model::IpAssignment>>) {
        if (text.starts_with('[')) {
            auto why = io::readJsonValue(text, inout);
            if (why && problem != nullptr)
                *problem = *why;
            return !why;
        }
        return readAssignments(text, inout, problem);
    } else if constexpr (kIsStructuredList<M>) {
        if (!text.starts_with('[')) {
            if (problem != nullptr)
                *problem = "expected the list as JSON, as the file holds it: [{\"…\": …}, …]";
            return false;
        }
        auto why = io::readJsonValue(text, inout);
        if (why && problem != nullptr)
            *problem = *why;
        return !why;
    } else if constexpr (io::IsOptional<M>::value) {
        if (text.empty()) {
            inout.reset();
            return true;
        }
        typename M::value_type value = inout.value_or(typename M::value_type{});
        if (!readValue(text, value, what, problem))
            return false;
        inout = std::move(value);
        return true;
    } else if constexpr (io::IsVector<M>::value) {
        M values;
        for (const std::string& entry : listEntries(text)) {
            typename M::value_type value{};
            if (!readValue(entry, value, what, problem))
                return false;
            values.push_back(std::move(value));
        }
        inout = std::move(values);
        return true;
    } else if constexpr (io::IsFlagSet<M>::value) {
        using E = typename decltype(inout.values())::value_type;
        M flags;
        for (const std::string& entry : listEntries(text)) {
            E flag{};
            if (!readValue(entry, flag, what, problem))
                return false;
            flags.insert(flag);
        }
        inout = flags;
        return true;
    } else if constexpr (io::HasEnumText<M>) {
        // Spelled as in the file, with the file reader's words when it is not.
        if (auto value = parseEnum<M>(text)) {
            inout = *value;
            return true;
        }
        if (problem != nullptr)
            *problem = cat("'", text, "' is not one of ", enumChoices<M>());
        return false;
    } else if constexpr (std::is_same_v<M, std::string>) {
        inout = std::string(text);
        return true;
    } else if constexpr (std::is_same_v<M, bool>) {
        return readBool(text, inout, problem);
    } else if constexpr (std::is_same_v<M, uint16_t>) {
        // Every 16-bit member of the model is a TCP port.
        auto port = parsePort(text, problem);
        if (port)
            inout = *port;
        return port.has_value();
    } else if constexpr (std::is_integral_v<M>) {
        // No integer of the model is negative (metrics, indexes, lengths, sizes, TTLs).
        constexpr auto max = std::min<unsigned long long>(std::numeric_limits<M>::max(),
                                                          std::numeric_limits<unsigned>::max());
        auto value = parseNumber(text, static_cast<unsigned>(max), what, problem);
        if (value)
            inout = static_cast<M>(*value);
        return value.has_value();
    } else if constexpr (std::is_same_v<M, net::Address>) {
        auto value = parseAddress(text, problem);
        if (value)
            inout = *value;
        return value.has_value();
    } else if constexpr (std::is_same_v<M, net::Prefix>) {
        auto value = parsePrefix(text, problem);
        if (value)
            inout = *value;
        return value.has_value();
    } else if constexpr (std::is_same_v<M, net::IpRange>) {
        auto value = parseRange(text, problem);
        if (value)
            inout = *value;
        return value.has_value();
    } else if constexpr (std::is_same_v<M, net::Binding>) {
        std::string error;
        auto value = net::Binding::parse(text, &error);
        if (value)
            inout = *value;
        else if (problem != nullptr)
            *problem = cat("'", text, "': ", error);
        return value.has_value();
    } else {
        static_assert(!sizeof(M), "no text form for this member type");
    }
}

}  // namespace mailtopo::edit::property
