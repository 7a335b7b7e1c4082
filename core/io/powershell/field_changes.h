#pragma once
// Internal to the PowerShell importer: which fields of an updated element changed, named by
// their .mailtopo keys (core/io/design_fields.h is the one list of them) and shown as compact
// JSON, e.g. {"exchange.version", "\"2016\"", "\"2019\""}. Nested structs are compared member
// by member; lists of elements with their own ids (a host's NICs) are skipped because those
// elements are reported on their own.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/io/design_fields.h"
#include "core/io/powershell/import_log.h"

namespace mailtopo::io::powershell::detail {

template <class T>
struct IsStdOptional : std::false_type {};
template <class T>
struct IsStdOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsStdVector : std::false_type {};
template <class T>
struct IsStdVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsFlags : std::false_type {};
template <class E>
struct IsFlags<FlagSet<E>> : std::true_type {};

template <class T>
concept HasEnumTable = requires {
    EnumTraits<T>::items;
};

template <class T>
concept HasId = requires(const T& t) {
    t.id;
};

template <class T>
nlohmann::ordered_json valueJson(const T& value);

template <class T>
struct JsonFieldWriter {
    const T& object;
    nlohmann::ordered_json& out;
    template <class M>
    void required(std::string_view key, M T::*member) {
        out[std::string(key)] = valueJson(object.*member);
    }
    template <class M>
    void optional(std::string_view key, M T::*member) {
        static const T defaults{};
        if (!(object.*member == defaults.*member))
            out[std::string(key)] = valueJson(object.*member);
    }
};

// The value as the .mailtopo file writes it (enum names, address text, defaults left out).
template <class T>
nlohmann::ordered_json valueJson(const T& value) {
    using nlohmann::ordered_json;
    if constexpr (Described<T>) {
        ordered_json out = ordered_json::object();
        JsonFieldWriter<T> writer{value, out};
        Fields<T>::visit(writer);
        return out;
    } else if constexpr (IsStdOptional<T>::value) {
        return value ? valueJson(*value) : ordered_json();
    } else if constexpr (IsStdVector<T>::value) {
        ordered_json out = ordered_json::array();
        for (const auto& item : value)
            out.push_back(valueJson(item));
        return out;
    } else if constexpr (IsFlags<T>::value) {
        ordered_json out = ordered_json::array();
        for (auto flag : value.values())
            out.push_back(std::string(enumName(flag)));
        return out;
    } else if constexpr (HasEnumTable<T>) {
        return std::string(enumName(value));
    } else if constexpr (std::is_same_v<T, net::Address> || std::is_same_v<T, net::Prefix> ||
                         std::is_same_v<T, net::IpRange> || std::is_same_v<T, net::Binding>) {
        return value.toString();
    } else if constexpr (std::is_same_v<T, std::map<model::Id, model::Placement>>) {
        return ordered_json(value.size());
    } else {
        return value;  // strings, booleans, numbers
    }
}

template <class T>
std::string valueText(const T& value) {
    return valueJson(value).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

template <class T>
void diffFields(const T& before, const T& after, const std::string& prefix,
                std::vector<FieldChange>& out);

template <class T>
struct DiffVisitor {
    const T& before;
    const T& after;
    const std::string& prefix;
    std::vector<FieldChange>& out;

    template <class M>
    void compare(std::string_view key, M T::*member) {
        const M& a = before.*member;
        const M& b = after.*member;
        if (a == b)
            return;
        const std::string path = prefix + std::string(key);
        if constexpr (IsStdVector<M>::value) {
            if constexpr (HasId<typename M::value_type>)
                return;  // elements with ids (NICs) are reported as objects of their own
        }
        if constexpr (Described<M>) {
            diffFields(a, b, path + ".", out);
            return;
        } else if constexpr (IsStdOptional<M>::value) {
            if constexpr (Described<typename M::value_type>) {
                if (a && b) {
                    diffFields(*a, *b, path + ".", out);
                    return;
                }
            }
        }
        out.push_back({path, valueText(a), valueText(b)});
    }
    template <class M>
    void required(std::string_view key, M T::*member) {
        compare(key, member);
    }
    template <class M>
    void optional(std::string_view key, M T::*member) {
        compare(key, member);
    }
};

template <class T>
void diffFields(const T& before, const T& after, const std::string& prefix,
                std::vector<FieldChange>& out) {
    DiffVisitor<T> visitor{before, after, prefix, out};
    Fields<T>::visit(visitor);
}

template <class T>
std::vector<FieldChange> fieldChanges(const T& before, const T& after) {
    std::vector<FieldChange> out;
    diffFields(before, after, std::string(), out);
    return out;
}

}  // namespace mailtopo::io::powershell::detail
