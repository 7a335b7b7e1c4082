#include "core/dns/dns_name.h"

namespace mailtopo::dns {

char toLowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string toLowerAscii(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = toLowerAscii(c);
    return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        // Equal bytes first: names are mostly written in one case.
        if (a[i] != b[i] && toLowerAscii(a[i]) != toLowerAscii(b[i]))
            return false;
    }
    return true;
}

std::string stripTrailingDot(std::string_view name) {
    if (!name.empty() && name.back() == '.')
        name.remove_suffix(1);
    return std::string(name);
}

std::string normalizeName(std::string_view name) {
    if (!name.empty() && name.back() == '.')
        name.remove_suffix(1);
    return toLowerAscii(name);
}

bool isQueryableName(std::string_view name) {
    if (!name.empty() && name.back() == '.')
        name.remove_suffix(1);
    if (name.empty() || name.size() > 253)
        return false;
    size_t labelLength = 0;
    for (const char c : name) {
        if (c == '.') {
            if (labelLength == 0)
                return false;
            labelLength = 0;
        } else if (++labelLength > 63) {
            return false;
        }
    }
    return labelLength > 0;
}

bool isMultiLabelName(std::string_view name) {
    if (!isQueryableName(name))
        return false;
    if (name.back() == '.')
        name.remove_suffix(1);
    return name.find('.') != std::string_view::npos;
}

bool isSameOrSubdomain(std::string_view name, std::string_view suffix) {
    if (!name.empty() && name.back() == '.')
        name.remove_suffix(1);
    if (!suffix.empty() && suffix.back() == '.')
        suffix.remove_suffix(1);
    if (name.size() < suffix.size())
        return false;
    if (!equalsIgnoreCase(name.substr(name.size() - suffix.size()), suffix))
        return false;
    if (name.size() == suffix.size())
        return true;
    if (suffix.empty())
        return true;
    return name[name.size() - suffix.size() - 1] == '.';
}

std::string reverseName(const net::Address& address) {
    const auto bytes = address.bytes();
    std::string out;
    if (address.isV4()) {
        for (int i = 3; i >= 0; --i) {
            out += std::to_string(bytes[static_cast<size_t>(i)]);
            out += '.';
        }
        out += "in-addr.arpa";
        return out;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(72);
    for (int i = 15; i >= 0; --i) {
        const auto b = bytes[static_cast<size_t>(i)];
        out += kHex[b & 0x0f];
        out += '.';
        out += kHex[b >> 4];
        out += '.';
    }
    out += "ip6.arpa";
    return out;
}

std::string relativeName(std::string_view name, std::string_view origin) {
    const std::string n = stripTrailingDot(name);
    const std::string o = stripTrailingDot(origin);
    if (o.empty())
        return n + ".";
    if (equalsIgnoreCase(n, o))
        return "@";
    if (isSameOrSubdomain(n, o))
        return n.substr(0, n.size() - o.size() - 1);
    return n + ".";
}

}  // namespace mailtopo::dns
