// IpRange::parse: recognises the four RemoteIPRanges forms by their separator and checks each
// part, so that an import can tell the user exactly which entry is wrong and why.

#include <algorithm>
#include <string>
#include <utility>

#include "core/net/address_parse.h"
#include "core/net/ip_range.h"
#include "core/net/text_util.h"

namespace mailtopo::net {

namespace {

// The result of parsing one form: a range, or a problem to report.
struct Parsed {
    std::optional<IpRange> range;
    std::string problem;
};

Parsed failed(std::string problem) {
    return {std::nullopt, std::move(problem)};
}

std::optional<Address> parsePart(std::string_view text, std::string_view what,
                                 std::string& problem) {
    std::string detail;
    auto address = detail::parseAddress(trimSpaces(text), detail);
    if (!address)
        problem = std::string(what) + ": " + detail;
    return address;
}

Parsed parseSpan(std::string_view text, size_t dash) {
    std::string problem;
    const auto first = parsePart(text.substr(0, dash), "start address", problem);
    if (!first)
        return failed(problem);
    const auto last = parsePart(text.substr(dash + 1), "end address", problem);
    if (!last)
        return failed(problem);
    if (first->family() != last->family()) {
        return failed("mixes IPv4 and IPv6: start " + first->toString() + " and end " +
                      last->toString() + " must be of the same family");
    }
    if (*last < *first) {
        return failed("start " + first->toString() + " is after end " + last->toString());
    }
    return {IpRange::span(*first, *last), {}};
}

Parsed parseCidr(std::string_view text, size_t slash) {
    std::string problem;
    const auto address = parsePart(text.substr(0, slash), "address", problem);
    if (!address)
        return failed(problem);
    const auto length =
        parseDecimal(trimSpaces(text.substr(slash + 1)), static_cast<unsigned>(address->bitWidth()),
                     "prefix length", problem);
    if (!length) {
        if (text.find('.', slash) != std::string_view::npos) {
            return failed("prefix length must be a number; write a netmask as " +
                          address->toString() + "(mask)");
        }
        return failed(problem);
    }
    return {IpRange::cidr(Prefix(*address, static_cast<int>(*length))), {}};
}

Parsed parseNetmask(std::string_view text, size_t open) {
    const size_t close = text.find(')');
    if (close == std::string_view::npos)
        return failed("missing ')' after the netmask");
    if (close < open)
        return failed("')' comes before '('");
    if (!trimSpaces(text.substr(close + 1)).empty())
        return failed("unexpected text after ')'");

    std::string problem;
    const auto address = parsePart(text.substr(0, open), "address", problem);
    if (!address)
        return failed(problem);
    if (address->isV6()) {
        return failed("the netmask form is for IPv4 only; write IPv6 blocks with a prefix length");
    }
    const auto mask = parsePart(text.substr(open + 1, close - open - 1), "netmask", problem);
    if (!mask)
        return failed(problem);
    if (!mask->isV4())
        return failed("netmask " + mask->toString() + " is not an IPv4 netmask");
    const auto length = prefixLengthFromNetmask(*mask);
    if (!length) {
        return failed("netmask " + mask->toString() +
                      " is not contiguous (its one bits must all come first)");
    }
    return {IpRange::netmask(*address, *length), {}};
}

}  // namespace

std::optional<IpRange> IpRange::parse(std::string_view text, std::string* error) {
    const std::string_view trimmed = trimSpaces(text);

    // The separators cannot occur inside an address, so they identify the form.
    const size_t dash = trimmed.find('-');
    const size_t slash = trimmed.find('/');
    const size_t paren = trimmed.find_first_of("()");
    const int forms = (dash != std::string_view::npos) + (slash != std::string_view::npos) +
                      (paren != std::string_view::npos);
    auto count = [trimmed](char c) { return std::count(trimmed.begin(), trimmed.end(), c); };

    Parsed parsed;
    if (trimmed.empty()) {
        parsed = failed("range is empty");
    } else if (forms > 1) {
        parsed = failed("mixes range forms: use one of a-b, address/length or address(mask)");
    } else if (count('-') > 1) {
        parsed = failed("more than one '-'");
    } else if (count('/') > 1) {
        parsed = failed("more than one '/'");
    } else if (count('(') > 1 || count(')') > 1) {
        parsed = failed("more than one netmask in parentheses");
    } else if (dash != std::string_view::npos) {
        parsed = parseSpan(trimmed, dash);
    } else if (slash != std::string_view::npos) {
        parsed = parseCidr(trimmed, slash);
    } else if (paren != std::string_view::npos) {
        if (trimmed[paren] == ')') {
            parsed = failed("')' without '('");
        } else {
            parsed = parseNetmask(trimmed, paren);
        }
    } else {
        std::string problem;
        if (const auto address = detail::parseAddress(trimmed, problem)) {
            parsed.range = IpRange::single(*address);
        } else {
            parsed.problem = problem;
        }
    }

    if (!parsed.range && error)
        *error = quoted(trimmed) + ": " + parsed.problem;
    return parsed.range;
}

}  // namespace mailtopo::net
