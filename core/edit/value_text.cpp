#include "core/edit/value_text.h"

#include "core/net/domain_name.h"
#include "core/net/text_util.h"
#include "core/util/text_join.h"

namespace mailtopo::edit {
namespace {

void say(std::string* problem, std::string text) {
    if (problem != nullptr)
        *problem = std::move(text);
}

// "'<text>': <why>", the form of every message about one entry.
std::string about(std::string_view text, std::string_view why) {
    std::string out = "'";
    out += text;
    out += "': ";
    out += why;
    return out;
}

// Parses every entry of a list with `parseOne`, naming the entry that failed.
template <class T, class Parse>
std::optional<std::vector<T>> parseList(std::string_view text, std::string* problem,
                                        Parse parseOne) {
    std::vector<T> out;
    for (const std::string& entry : listEntries(text)) {
        std::string why;
        auto value = parseOne(entry, &why);
        if (!value) {
            say(problem, why);
            return std::nullopt;
        }
        out.push_back(*value);
    }
    return out;
}

template <class T, class Render>
std::string listText(const std::vector<T>& values, Render render) {
    std::string out;
    for (const auto& value : values) {
        if (!out.empty())
            out += ", ";
        out += render(value);
    }
    return out;
}

}  // namespace

std::string_view trimmedText(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\v\f";
    const size_t first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

bool checkRequired(std::string_view text, std::string* problem) {
    if (!trimmedText(text).empty())
        return true;
    say(problem, "a value is required");
    return false;
}

std::vector<std::string> listEntries(std::string_view text) {
    std::vector<std::string> entries;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const size_t end = comma == std::string_view::npos ? text.size() : comma;
        if (const std::string_view entry = trimmedText(text.substr(start, end - start));
            !entry.empty()) {
            entries.emplace_back(entry);
        }
        start = end + 1;
    }
    return entries;
}

std::optional<net::Address> parseAddress(std::string_view text, std::string* problem) {
    text = trimmedText(text);
    if (text.empty()) {
        say(problem, "an address is required");
        return std::nullopt;
    }
    std::string error;
    auto address = net::Address::parse(text, &error);
    if (!address)
        say(problem, error);
    return address;
}

std::optional<std::optional<net::Address>> parseOptionalAddress(std::string_view text,
                                                                std::string* problem) {
    if (trimmedText(text).empty())
        return std::optional<net::Address>();
    auto address = parseAddress(text, problem);
    if (!address)
        return std::nullopt;
    return std::optional<net::Address>(*address);
}

std::optional<net::Prefix> parsePrefix(std::string_view text, std::string* problem) {
    std::string error;
    auto prefix = net::Prefix::parse(trimmedText(text), &error);
    if (!prefix)
        say(problem, error);
    return prefix;
}

std::optional<net::IpRange> parseRange(std::string_view text, std::string* problem) {
    std::string error;
    auto range = net::IpRange::parse(trimmedText(text), &error);
    if (!range)
        say(problem, error);
    return range;
}

std::optional<unsigned> parseNumber(std::string_view text, unsigned max, std::string_view what,
                                    std::string* problem) {
    text = trimmedText(text);
    std::string error;
    auto value = net::parseDecimal(text, max, what, error);
    if (!value)
        say(problem, about(text, error));
    return value;
}

std::optional<uint16_t> parsePort(std::string_view text, std::string* problem) {
    auto value = parseNumber(text, 65535, "port", problem);
    if (!value)
        return std::nullopt;
    if (*value == 0) {
        say(problem, about(trimmedText(text), "port 0 is not a port a connection can use"));
        return std::nullopt;
    }
    return static_cast<uint16_t>(*value);
}

std::optional<int> parsePrefixLength(std::string_view text, net::Family family,
                                     std::string* problem) {
    auto value =
        parseNumber(text, static_cast<unsigned>(net::bitWidth(family)), "prefix length", problem);
    if (!value)
        return std::nullopt;
    return static_cast<int>(*value);
}

std::optional<std::optional<long long>> parseSize(std::string_view text, std::string* problem) {
    if (trimmedText(text).empty())
        return std::optional<long long>();
    const auto size = parseNumber(text, 2147483647U, "size", problem);
    if (!size)
        return std::nullopt;
    return std::optional<long long>(static_cast<long long>(*size));
}

std::optional<std::vector<net::Binding>> parseBindings(std::string_view text,
                                                       std::string* problem) {
    std::vector<net::Binding> parsed;
    for (const std::string& entry : listEntries(text)) {
        std::string error;
        auto binding = net::Binding::parse(entry, &error);
        if (!binding) {
            say(problem, about(entry, error));
            return std::nullopt;
        }
        parsed.push_back(*binding);
    }
    if (parsed.empty()) {
        say(problem, "at least one is required.");
        return std::nullopt;
    }
    return parsed;
}

bool checkDomainName(std::string_view text, bool wildcard, bool star, std::string* problem) {
    text = trimmedText(text);
    std::string why;
    if (net::isValidDomainName(text, wildcard, star, why))
        return true;
    say(problem, about(text, why));
    return false;
}

bool checkDomainNameOnly(std::string_view text, std::string* problem) {
    return checkDomainName(text, false, false, problem);
}

bool checkHostName(std::string_view text, std::string* problem) {
    return trimmedText(text).empty() || checkDomainNameOnly(text, problem);
}

bool checkSmartHost(std::string_view text, std::string* problem) {
    if (net::Address::parse(trimmedText(text)))
        return true;
    return checkDomainNameOnly(text, problem);
}

bool checkMailTarget(std::string_view text, std::string* problem) {
    const std::string_view target = trimmedText(text);
    if (net::Address::parse(target) || net::Binding::parse(target))
        return true;
    if (target.starts_with('[')) {  // an IPv6 address with a port, mistyped
        std::string error;
        net::Binding::parse(target, &error);
        say(problem, error);
        return false;
    }
    // A name, or a name and a port; a lone IPv6 address has several colons and parsed above.
    const size_t colon = target.rfind(':');
    const std::string_view name =
        colon == std::string_view::npos ? target : target.substr(0, colon);
    if (colon != std::string_view::npos && !parsePort(target.substr(colon + 1), problem))
        return false;
    return checkDomainNameOnly(name, problem);
}

bool checkNextHop(std::string_view text, std::string* problem) {
    const std::string_view target = trimmedText(text);
    if (target.starts_with("mx:"))
        return target.size() == 3 || checkDomainNameOnly(target.substr(3), problem);
    return checkMailTarget(target, problem);
}

bool checkMailAddress(std::string_view text, std::string* problem) {
    const std::string_view address = trimmedText(text);
    const size_t at = address.rfind('@');
    if (at == std::string_view::npos || at == 0 || address.find(' ') != std::string_view::npos) {
        say(problem, cat("'", address, "' is not an address of the form name@domain"));
        return false;
    }
    return checkDomainNameOnly(address.substr(at + 1), problem);
}

bool checkChoice(std::string_view text,
                 const std::vector<std::pair<std::string, std::string>>& choices,
                 std::string* problem) {
    std::string labels;
    for (const auto& [value, label] : choices) {
        if (value == text)
            return true;
        labels += labels.empty() ? label : cat(", ", label);
    }
    say(problem, cat("'", text, "' is not one of: ", labels));
    return false;
}

bool checkDefaultDomains(size_t defaults, std::string* problem) {
    if (defaults <= 1)
        return true;
    say(problem, "Only one accepted domain can be the default; clear the other first.");
    return false;
}

std::optional<std::vector<net::Address>> parseAddressList(std::string_view text,
                                                          std::string* problem) {
    return parseList<net::Address>(text, problem, parseAddress);
}

std::optional<std::vector<net::IpRange>> parseRangeList(std::string_view text,
                                                        std::string* problem) {
    return parseList<net::IpRange>(text, problem, parseRange);
}

std::optional<std::vector<net::Prefix>> parsePrefixList(std::string_view text,
                                                        std::string* problem) {
    return parseList<net::Prefix>(text, problem, parsePrefix);
}

std::optional<std::vector<uint16_t>> parsePortList(std::string_view text, std::string* problem) {
    return parseList<uint16_t>(text, problem, parsePort);
}

std::optional<std::vector<std::string>> parseCheckedList(std::string_view text, TextCheck check,
                                                         std::string* problem) {
    std::vector<std::string> out;
    for (std::string& entry : listEntries(text)) {
        if (!check(entry, problem))
            return std::nullopt;
        out.push_back(std::move(entry));
    }
    return out;
}

std::string wordListText(const std::vector<std::string>& words) {
    return listText(words, [](const std::string& word) { return word; });
}

std::string addressListText(const std::vector<net::Address>& addresses) {
    return listText(addresses, [](const net::Address& a) { return a.toString(); });
}

std::string rangeListText(const std::vector<net::IpRange>& ranges) {
    return listText(ranges, [](const net::IpRange& r) { return r.toString(); });
}

std::string prefixListText(const std::vector<net::Prefix>& prefixes) {
    return listText(prefixes, [](const net::Prefix& p) { return p.toString(); });
}

std::string portListText(const std::vector<uint16_t>& ports) {
    return listText(ports, [](uint16_t port) { return std::to_string(port); });
}

std::string bindingListText(const std::vector<net::Binding>& bindings) {
    return listText(bindings, [](const net::Binding& b) { return b.toString(); });
}

std::string optionalAddressText(const std::optional<net::Address>& address) {
    return address ? address->toString() : std::string();
}

std::string sizeText(const std::optional<long long>& size) {
    return size ? std::to_string(*size) : std::string();
}

}  // namespace mailtopo::edit
