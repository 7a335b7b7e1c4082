#pragma once

// An IPv4 or IPv6 address as a value type.
//
// Both families live in one 128-bit integer (an IPv4 address uses the low 32 bits) so that
// comparison, masking and offset arithmetic are the same code for both; the family decides
// the bit width those operations work on.

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/net/u128.h"

namespace mailtopo::net {

enum class Family : uint8_t { V4, V6 };

// 32 for V4, 128 for V6.
int bitWidth(Family family);

class Address {
public:
    // 0.0.0.0
    Address() = default;

    static Address v4(uint32_t hostOrder);
    static Address v6(const std::array<uint8_t, 16>& bytes);
    // The 128-bit value of an IPv6 address, most significant bit first.
    static Address v6(U128 value);

    // Accepts exactly one address and nothing else (no surrounding spaces, no zone id such as
    // "%eth0", no brackets, no prefix length):
    //  - IPv4 as a dotted quad of decimal octets 0..255 without leading zeros ("010" would be
    //    octal to some parsers and decimal to others, so it is refused rather than guessed);
    //  - IPv6 in RFC 4291 text form: up to eight groups of 1..4 hex digits, at most one "::",
    //    optionally ending in an embedded dotted quad ("::ffff:192.0.2.1").
    // On failure returns nullopt and, if `error` is given, stores a message that quotes the
    // input and names the problem, e.g. "'10.0.0.300': octet 4 is greater than 255".
    static std::optional<Address> parse(std::string_view text, std::string* error = nullptr);

    Family family() const { return family_; }
    bool isV4() const { return family_ == Family::V4; }
    bool isV6() const { return family_ == Family::V6; }
    int bitWidth() const { return net::bitWidth(family_); }

    // Bit `index` counted from the most significant (index 0) end of the address; false when
    // the index is outside 0..bitWidth()-1.
    bool bit(int index) const;

    // The address as an integer in host byte order. Only meaningful for V4 (an IPv6 address
    // returns its low 32 bits).
    uint32_t v4Value() const { return static_cast<uint32_t>(value_.lo); }
    // The address as an unsigned integer of bitWidth() bits.
    U128 value() const { return value_; }

    // Network byte order. For V4 the four octets are bytes()[0..3] and the rest are zero.
    std::array<uint8_t, 16> bytes() const;

    // IPv4: dotted quad. IPv6: RFC 5952 canonical text (lowercase, no leading zeros, the
    // longest run of two or more zero groups - the first one on a tie - shortened to "::"),
    // with IPv4-mapped addresses written as "::ffff:192.0.2.1" as RFC 5952 section 5 asks.
    std::string toString() const;

    bool isUnspecified() const;  // 0.0.0.0 or ::
    bool isLoopback() const;     // 127.0.0.0/8 or ::1
    bool isLinkLocal() const;    // 169.254.0.0/16 or fe80::/10

    // The address with every bit after the first `prefixLength` cleared. The length is clamped
    // to 0..bitWidth().
    Address masked(int prefixLength) const;

    // Offset arithmetic within the family, wrapping at the end of the address space
    // (255.255.255.255 plus 1 is 0.0.0.0).
    Address plus(U128 offset) const;
    // The distance from `lower` to this address, modulo 2^bitWidth(). Both addresses must be
    // of the same family; otherwise the result is 0.
    U128 minus(const Address& lower) const;

    // All IPv4 addresses sort before all IPv6 addresses; within a family the order is numeric.
    friend bool operator==(const Address&, const Address&) = default;
    friend std::strong_ordering operator<=>(const Address&, const Address&) = default;

    // The lowest and highest address of a family (0.0.0.0 / 255.255.255.255, :: / ffff:...).
    static Address lowest(Family family);
    static Address highest(Family family);

private:
    Address(Family family, U128 value) : family_(family), value_(value) {}

    // Declaration order is the comparison order of the defaulted operators above.
    Family family_ = Family::V4;
    U128 value_;
};

// The number of identical leading bits of `a` and `b`, over the full width of the family
// (32 or 128; equal addresses give the full width). 0 when the families differ.
int commonPrefixLength(const Address& a, const Address& b);

// The prefix length a netmask such as 255.255.255.0 stands for (24), or nullopt when the ones
// are not contiguous from the top (255.0.255.0). Works for both families.
std::optional<int> prefixLengthFromNetmask(const Address& mask);

// The netmask of a prefix length (24 -> 255.255.255.0); the length is clamped to
// 0..bitWidth(family).
Address netmaskFromPrefixLength(Family family, int length);

}  // namespace mailtopo::net

namespace std {
template <>
struct hash<mailtopo::net::Address> {
    size_t operator()(const mailtopo::net::Address& a) const noexcept;
};
}  // namespace std
