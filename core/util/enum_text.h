#pragma once
// Text names for enumerations, shared by the file format, the CLI and the GUI.
// Each enumeration declares one table (EnumTraits<E>::items); every conversion and
// every list of choices (combo boxes, JSON schema) is derived from that table, so a
// value cannot be spelled two ways in two places.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailtopo {

template <class E>
struct EnumTraits;  // specialise with: static constexpr std::array<std::pair<E, std::string_view>,
                    // N> items

template <class E>
constexpr std::string_view enumName(E value) {
    for (const auto& [v, name] : EnumTraits<E>::items) {
        if (v == value)
            return name;
    }
    return "?";
}

template <class E>
std::optional<E> parseEnum(std::string_view text) {
    for (const auto& [v, name] : EnumTraits<E>::items) {
        if (name == text)
            return v;
    }
    return std::nullopt;
}

// Case-insensitive variant for importers (PowerShell prints enum values in any case).
template <class E>
std::optional<E> parseEnumCaseInsensitive(std::string_view text) {
    auto lower = [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    for (const auto& [v, name] : EnumTraits<E>::items) {
        if (name.size() != text.size())
            continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i)
            same = lower(name[i]) == lower(text[i]);
        if (same)
            return v;
    }
    return std::nullopt;
}

template <class E>
std::vector<std::string_view> enumNames() {
    std::vector<std::string_view> names;
    for (const auto& item : EnumTraits<E>::items)
        names.push_back(item.second);
    return names;
}

// "a, b or c" — for error messages that list the accepted spellings.
template <class E>
std::string enumChoices() {
    std::string out;
    const auto& items = EnumTraits<E>::items;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += (i + 1 == items.size()) ? " or " : ", ";
        out += '\'';
        out += items[i].second;
        out += '\'';
    }
    return out;
}

// A set of enumerators stored as bits; iteration and text follow the table order,
// which keeps serialisation deterministic.
template <class E>
class FlagSet {
public:
    constexpr FlagSet() = default;
    constexpr FlagSet(std::initializer_list<E> values) {
        for (E v : values)
            insert(v);
    }
    constexpr void insert(E v) { bits_ |= bit(v); }
    constexpr void erase(E v) { bits_ &= ~bit(v); }
    constexpr bool contains(E v) const { return (bits_ & bit(v)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr size_t size() const {
        size_t n = 0;
        for (uint64_t b = bits_; b != 0; b &= b - 1)
            ++n;
        return n;
    }
    std::vector<E> values() const {
        std::vector<E> out;
        for (const auto& item : EnumTraits<E>::items) {
            if (contains(item.first))
                out.push_back(item.first);
        }
        return out;
    }
    constexpr FlagSet operator|(FlagSet other) const {
        FlagSet r;
        r.bits_ = bits_ | other.bits_;
        return r;
    }
    constexpr FlagSet operator&(FlagSet other) const {
        FlagSet r;
        r.bits_ = bits_ & other.bits_;
        return r;
    }
    constexpr FlagSet minus(FlagSet other) const {
        FlagSet r;
        r.bits_ = bits_ & ~other.bits_;
        return r;
    }
    constexpr bool operator==(const FlagSet&) const = default;

private:
    static constexpr uint64_t bit(E v) { return uint64_t{1} << static_cast<unsigned>(v); }
    uint64_t bits_ = 0;
};

}  // namespace mailtopo
