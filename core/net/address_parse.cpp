// Address::parse: strict text-to-address conversion with error messages meant for people
// who typed or imported the text, so each message names the part that is wrong.

#include <array>
#include <cstddef>

#include "core/net/address_parse.h"
#include "core/net/text_util.h"

namespace mailtopo::net {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A dotted quad. On failure, `problem` describes it (without quoting the input).
std::optional<uint32_t> parseV4(std::string_view text, std::string& problem) {
    size_t octetCount = 1;
    for (char c : text) {
        if (c == '.')
            ++octetCount;
    }
    if (octetCount != 4) {
        problem = "expected 4 octets separated by '.', found " + std::to_string(octetCount);
        return std::nullopt;
    }

    uint32_t value = 0;
    int index = 0;
    size_t start = 0;
    while (index < 4) {
        size_t end = text.find('.', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view octet = text.substr(start, end - start);
        const auto number = parseDecimal(octet, 255, "octet " + std::to_string(index + 1), problem);
        if (!number)
            return std::nullopt;
        value = (value << 8) | *number;
        start = end + 1;
        ++index;
    }
    return value;
}

// The groups of one side of "::" (or of the whole address when there is no "::"). Each group
// yields one 16-bit value; a trailing dotted quad (only allowed when `mayEndWithV4`) yields
// two. `out` has room for 8 values, the most any valid address has.
bool parseGroups(std::string_view part, bool mayEndWithV4, std::array<uint16_t, 8>& out, int& count,
                 std::string& problem) {
    count = 0;
    if (part.empty())
        return true;
    auto append = [&](uint16_t value) {
        if (count == 8) {
            problem = "more than 8 groups";
            return false;
        }
        out[static_cast<size_t>(count++)] = value;
        return true;
    };
    size_t start = 0;
    while (true) {
        size_t end = part.find(':', start);
        const bool last = end == std::string_view::npos;
        if (last)
            end = part.size();
        const std::string_view group = part.substr(start, end - start);
        if (group.empty()) {
            problem = "empty group between ':' separators";
            return false;
        }
        if (group.find('.') != std::string_view::npos) {
            if (!last || !mayEndWithV4) {
                problem = "an embedded IPv4 address is only allowed as the last part";
                return false;
            }
            std::string v4Problem;
            const auto v4 = parseV4(group, v4Problem);
            if (!v4) {
                problem = "embedded IPv4 address " + quoted(group) + ": " + v4Problem;
                return false;
            }
            return append(static_cast<uint16_t>(*v4 >> 16)) &&
                   append(static_cast<uint16_t>(*v4 & 0xFFFFu));
        }
        if (group.size() > 4) {
            problem = "group " + quoted(group) + " has more than 4 hex digits";
            return false;
        }
        unsigned value = 0;
        for (char c : group) {
            const int digit = hexValue(c);
            if (digit < 0) {
                problem = "group " + quoted(group) + " contains " + describeChar(c) +
                          ", expected hex digits";
                return false;
            }
            value = (value << 4) | static_cast<unsigned>(digit);
        }
        if (!append(static_cast<uint16_t>(value)))
            return false;
        if (last)
            return true;
        start = end + 1;
    }
}

std::optional<U128> parseV6(std::string_view text, std::string& problem) {
    // A lone ':' at either end is never valid, and reporting it as such is clearer than the
    // "empty group" that the splitting below would find.
    if (text.front() == ':' && text.substr(0, 2) != "::") {
        problem = "starts with a single ':'";
        return std::nullopt;
    }
    if (text.back() == ':' && (text.size() < 2 || text.substr(text.size() - 2) != "::")) {
        problem = "ends with a single ':'";
        return std::nullopt;
    }

    if (text.find(":::") != std::string_view::npos) {
        problem = "':::' is not valid; '::' stands for any number of zero groups";
        return std::nullopt;
    }
    const size_t gap = text.find("::");
    if (gap != std::string_view::npos && text.find("::", gap + 1) != std::string_view::npos) {
        problem = "'::' may appear only once";
        return std::nullopt;
    }

    std::array<uint16_t, 8> left{}, right{};
    int leftCount = 0, rightCount = 0;
    if (gap == std::string_view::npos) {
        if (!parseGroups(text, true, left, leftCount, problem))
            return std::nullopt;
        if (leftCount != 8) {
            problem = "expected 8 groups, found " + std::to_string(leftCount) +
                      " (use '::' to stand for zero groups)";
            return std::nullopt;
        }
    } else {
        if (!parseGroups(text.substr(0, gap), false, left, leftCount, problem) ||
            !parseGroups(text.substr(gap + 2), true, right, rightCount, problem)) {
            return std::nullopt;
        }
        // "::" stands for at least one zero group (RFC 4291 section 2.2), so the explicit
        // groups around it number at most 7.
        if (leftCount + rightCount > 7) {
            problem = "too many groups: with '::' there can be at most 7, found " +
                      std::to_string(leftCount + rightCount);
            return std::nullopt;
        }
    }

    // Explicit groups on the left, explicit groups flush right, zeros in between.
    std::array<uint16_t, 8> groups{};
    for (int i = 0; i < leftCount; ++i)
        groups[static_cast<size_t>(i)] = left[static_cast<size_t>(i)];
    for (int i = 0; i < rightCount; ++i) {
        groups[static_cast<size_t>(8 - rightCount + i)] = right[static_cast<size_t>(i)];
    }
    U128 value;
    for (uint16_t g : groups)
        value = (value << 16) | U128{0, g};
    return value;
}

}  // namespace

namespace detail {

std::optional<Address> parseAddress(std::string_view text, std::string& problem) {
    std::optional<Address> result;

    if (text.empty()) {
        problem = "address is empty";
    } else if (isSpace(text.front()) || isSpace(text.back())) {
        problem = "spaces around the address are not allowed";
    } else if (text.find_first_of("[]") != std::string_view::npos) {
        problem = "brackets are not allowed around an address";
    } else if (text.find('%') != std::string_view::npos) {
        problem = "zone ids ('%' and an interface) are not supported";
    } else if (text.find('/') != std::string_view::npos) {
        problem = "a prefix length ('/') is not allowed in an address";
    } else if (text.find_first_of(".:") == std::string_view::npos) {
        problem = "not an IP address (no '.' or ':')";
    } else if (text.find(':') == std::string_view::npos) {
        if (const auto v4 = parseV4(text, problem))
            result = Address::v4(*v4);
    } else if (text.find(':') == text.rfind(':') && text.find('.') < text.find(':')) {
        // "10.0.0.1:25" is an IPv4 address with a port, not a malformed IPv6 address.
        problem = "a port (':') is not allowed in an address";
    } else {
        if (const auto v6 = parseV6(text, problem))
            result = Address::v6(*v6);
    }

    return result;
}

}  // namespace detail

std::optional<Address> Address::parse(std::string_view text, std::string* error) {
    std::string problem;
    auto result = detail::parseAddress(text, problem);
    if (!result && error)
        *error = quoted(text) + ": " + problem;
    return result;
}

}  // namespace mailtopo::net
