#include "core/net/prefix.h"

#include <algorithm>

#include "core/net/address_parse.h"
#include "core/net/text_util.h"

namespace mailtopo::net {

Prefix::Prefix(Address address, int length)
    : address_(address), length_(std::clamp(length, 0, address.bitWidth())) {}

std::optional<Prefix> Prefix::parse(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& problem) {
        if (error)
            *error = quoted(text) + ": " + problem;
        return std::nullopt;
    };

    const size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return fail("missing '/' and prefix length");
    if (text.find('/', slash + 1) != std::string_view::npos)
        return fail("more than one '/'");

    std::string problem;
    const auto address = detail::parseAddress(text.substr(0, slash), problem);
    if (!address)
        return fail("bad address: " + problem);

    const auto length =
        parseDecimal(text.substr(slash + 1), static_cast<unsigned>(address->bitWidth()),
                     "prefix length", problem);
    if (!length) {
        // A netmask after the slash ("10.0.0.0/255.255.255.0") is a common slip; say so.
        if (text.find('.', slash) != std::string_view::npos) {
            problem = "prefix length must be a number, not a netmask";
        }
        return fail(problem);
    }
    return Prefix(*address, static_cast<int>(*length));
}

bool Prefix::contains(const Address& a) const {
    return a.family() == family() && a.masked(length_) == network();
}

bool Prefix::contains(const Prefix& other) const {
    return other.family() == family() && other.length_ >= length_ && contains(other.address_);
}

Address Prefix::last() const {
    // OR-ing in the host bits is adding them to the network, which has none set.
    return network().plus(~netmaskFromPrefixLength(family(), length_).value() &
                          Address::highest(family()).value());
}

std::string Prefix::toString() const {
    return address_.toString() + "/" + std::to_string(length_);
}

std::strong_ordering operator<=>(const Prefix& a, const Prefix& b) {
    if (auto c = a.network() <=> b.network(); c != 0)
        return c;
    if (auto c = a.length_ <=> b.length_; c != 0)
        return c;
    return a.address_ <=> b.address_;
}

}  // namespace mailtopo::net
