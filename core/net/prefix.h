#pragma once

// An address with a prefix length, as written in CIDR notation ("10.0.0.5/24").
//
// The address is kept as written, host bits included, because configuration text is shown
// back to the user as it was entered; network() gives the canonical network address.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/net/address.h"
#include "core/net/u128.h"

namespace mailtopo::net {

class Prefix {
public:
    Prefix() = default;  // 0.0.0.0/0; lets model structs holding a prefix be default-constructed
    // `length` is clamped to 0..address.bitWidth().
    Prefix(Address address, int length);

    // "10.0.0.0/24", "10.0.0.5/24" (host bits are allowed), "2001:db8::/32". The length is
    // decimal without leading zeros; the address follows Address::parse. Nothing else is
    // accepted, not even surrounding spaces. On failure the message in `error` quotes the
    // input and names the problem.
    static std::optional<Prefix> parse(std::string_view text, std::string* error = nullptr);

    Address address() const { return address_; }  // as written, may have host bits
    Address network() const { return address_.masked(length_); }
    int length() const { return length_; }
    Family family() const { return address_.family(); }

    bool contains(const Address& a) const;
    // True when every address of `other` is in this prefix (a prefix contains itself).
    bool contains(const Prefix& other) const;

    Address first() const { return network(); }
    Address last() const;  // the network with every host bit set
    // 2^(width - length); a /0 IPv6 prefix has 2^128 addresses, which saturates to U128::max().
    U128 size() const { return U128::pow2(address_.bitWidth() - length_); }

    // As written: "10.0.0.5/24" keeps its host bits; the address part is canonical.
    std::string toString() const;

    // Equality is on the text, so 10.0.0.5/24 != 10.0.0.0/24 (compare network() and length()
    // for set equality). The order is by network, then length (shorter first), then the
    // address as written, so sorting groups a network's prefixes together.
    friend bool operator==(const Prefix&, const Prefix&) = default;
    friend std::strong_ordering operator<=>(const Prefix& a, const Prefix& b);

private:
    Address address_;
    int length_ = 0;
};

}  // namespace mailtopo::net
