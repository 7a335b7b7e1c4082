#pragma once

// One entry of an Exchange RemoteIPRanges list (Set-ReceiveConnector -RemoteIPRanges): a
// single address, a CIDR block, a start-end span, or an IPv4 block written with a netmask.
//
// The form the entry was written in is part of its value: Exchange shows the list back the
// way it was entered, so toString() re-renders the same form, and equality means "same
// text". Set-like questions (contains, intersects, size) look only at first()..last().

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/net/address.h"
#include "core/net/prefix.h"
#include "core/net/u128.h"

namespace mailtopo::net {

enum class RangeForm : uint8_t {
    Single,   // "10.0.0.1", "2001:db8::1"
    Cidr,     // "10.0.0.0/24", "2001:db8::/32"
    Span,     // "10.0.0.1-10.0.0.50", "2001:db8::1-2001:db8::ff"
    Netmask,  // "192.0.2.0(255.255.255.0)", IPv4 only
};

class IpRange {
public:
    // The single address 0.0.0.0, so that ranges can live in containers that need a default.
    IpRange() = default;

    // Leading and trailing spaces are ignored, and so are spaces around the '-', '/', '(' and
    // ')' separators; each address follows Address::parse. IPv6 is accepted in every form but
    // Netmask. On failure the message in `error` quotes the input and names the problem:
    // mixed families, start after end, a non-contiguous netmask, a bad prefix length, a bad
    // address (saying which one), or a mix of forms.
    static std::optional<IpRange> parse(std::string_view text, std::string* error = nullptr);

    static IpRange single(const Address& address);
    // Expects first <= last of one family. Arguments that are not are made valid rather than
    // rejected: reversed ends are swapped, and a `last` of the other family is replaced by the
    // highest address of first's family.
    static IpRange span(const Address& first, const Address& last);
    static IpRange cidr(const Prefix& prefix);
    // A netmask-form range; the mask is given by its prefix length (clamped to 0..32). Only
    // meaningful for IPv4, which is the only family Exchange writes this way.
    static IpRange netmask(const Address& address, int prefixLength);

    static IpRange allV4();  // 0.0.0.0-255.255.255.255
    static IpRange allV6();  // ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff

    RangeForm form() const { return form_; }
    Family family() const { return first_.family(); }

    // CIDR and netmask forms: the network and broadcast addresses (host bits cleared / set).
    Address first() const { return first_; }
    Address last() const { return last_; }

    // The number of addresses: 1 for a single address, 2^(width-n) for a /n block, b-a+1 for
    // a span. The whole IPv6 space has 2^128 addresses, one more than U128 holds, so its size
    // saturates to U128::max() (as does a span of 2^128 - 1 addresses: compare first()/last()
    // when that difference matters).
    U128 size() const;

    // CIDR and netmask forms: the prefix as written (address with host bits, length).
    std::optional<Prefix> prefix() const;

    bool contains(const Address& a) const;
    bool contains(const IpRange& other) const;  // every address of `other` is in this range
    bool intersects(const IpRange& other) const;
    // Covers the whole IPv4 or IPv6 address space (0.0.0.0/0, ::/0, 0.0.0.0-255.255.255.255).
    bool isAllOfFamily() const;

    // The form it was written in, canonically: addresses in canonical text, "a-b" without
    // spaces, netmask form "address(mask)"; CIDR and netmask forms keep the address as
    // written, host bits included. parse(toString()) gives back an equal range.
    std::string toString() const;

    // Same form and same text (10.0.0.0/24 != 10.0.0.0-10.0.0.255 though they cover the same
    // addresses; compare first() and last() for that).
    friend bool operator==(const IpRange&, const IpRange&) = default;

private:
    IpRange(RangeForm form, Address written, Address first, Address last, int length)
        : form_(form), written_(written), first_(first), last_(last), length_(length) {}

    RangeForm form_ = RangeForm::Single;
    Address written_;  // the address as written (Single, Cidr, Netmask) or the start (Span)
    Address first_;
    Address last_;
    int length_ = 0;  // prefix length of the Cidr and Netmask forms, else 0
};

// Whether any of `ranges` contains `a` (a RemoteIPRanges list, an ACL, InternalSMTPServers).
bool anyContains(const std::vector<IpRange>& ranges, const Address& a);

}  // namespace mailtopo::net
