#include "core/net/ip_range.h"

#include <algorithm>

// Parsing lives in ip_range_parse.cpp; this file holds construction, set logic and text.

namespace mailtopo::net {

IpRange IpRange::single(const Address& address) {
    return IpRange(RangeForm::Single, address, address, address, 0);
}

IpRange IpRange::span(const Address& first, const Address& last) {
    Address low = first, high = last;
    if (high.family() != low.family())
        high = Address::highest(low.family());
    if (high < low)
        std::swap(low, high);
    return IpRange(RangeForm::Span, low, low, high, 0);
}

IpRange IpRange::cidr(const Prefix& prefix) {
    return IpRange(RangeForm::Cidr, prefix.address(), prefix.first(), prefix.last(),
                   prefix.length());
}

IpRange IpRange::netmask(const Address& address, int prefixLength) {
    const Prefix prefix(address, prefixLength);  // clamps the length to the family's width
    return IpRange(RangeForm::Netmask, address, prefix.first(), prefix.last(), prefix.length());
}

IpRange IpRange::allV4() {
    return span(Address::lowest(Family::V4), Address::highest(Family::V4));
}

IpRange IpRange::allV6() {
    return span(Address::lowest(Family::V6), Address::highest(Family::V6));
}

U128 IpRange::size() const {
    return last_.minus(first_).saturatingAdd(U128{0, 1});
}

std::optional<Prefix> IpRange::prefix() const {
    if (form_ != RangeForm::Cidr && form_ != RangeForm::Netmask)
        return std::nullopt;
    return Prefix(written_, length_);
}

bool IpRange::contains(const Address& a) const {
    return a.family() == family() && first_ <= a && a <= last_;
}

bool IpRange::contains(const IpRange& other) const {
    return other.family() == family() && first_ <= other.first_ && other.last_ <= last_;
}

bool IpRange::intersects(const IpRange& other) const {
    return other.family() == family() && first_ <= other.last_ && other.first_ <= last_;
}

bool IpRange::isAllOfFamily() const {
    return first_ == Address::lowest(family()) && last_ == Address::highest(family());
}

std::string IpRange::toString() const {
    switch (form_) {
        case RangeForm::Single:
            return written_.toString();
        case RangeForm::Cidr:
            return written_.toString() + "/" + std::to_string(length_);
        case RangeForm::Span:
            return first_.toString() + "-" + last_.toString();
        case RangeForm::Netmask:
            return written_.toString() + "(" +
                   netmaskFromPrefixLength(family(), length_).toString() + ")";
    }
    return {};  // unreachable; keeps compilers that do not see that quiet
}

bool anyContains(const std::vector<IpRange>& ranges, const Address& a) {
    for (const auto& range : ranges)
        if (range.contains(a))
            return true;
    return false;
}

}  // namespace mailtopo::net
