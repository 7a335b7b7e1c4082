#include "core/probe/probe_target.h"

#include <algorithm>

namespace mailtopo::probe {
namespace {

bool allDigits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool looksLikeIpv4(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, 1-63 bytes
// each, 253 in all; one trailing dot allowed.
bool isHostName(std::string_view name) {
    if (!name.empty() && name.back() == '.')
        name.remove_suffix(1);
    if (name.empty() || name.size() > 253)
        return false;
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find('.', start);
        if (end == std::string_view::npos)
            end = name.size();
        const std::string_view label = name.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (const char c : label) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-';
            if (!ok)
                return false;
        }
        start = end + 1;
    }
    return true;
}

std::string quoted(std::string_view text) {
    std::string out = "'";
    out.append(text);
    out += '\'';
    return out;
}

std::optional<ProbeTarget> failWith(std::string* error, std::string message) {
    if (error)
        *error = std::move(message);
    return std::nullopt;
}

std::optional<uint16_t> parsePort(std::string_view digits, std::string_view whole,
                                  std::string* error) {
    if (!allDigits(digits) || digits.size() > 5) {
        std::string message = quoted(whole);
        message += ": the port must be a number 1-65535, not ";
        message += quoted(digits);
        failWith(error, std::move(message));
        return std::nullopt;
    }
    const unsigned long port = std::stoul(std::string(digits));
    if (port < 1 || port > 65535) {
        std::string message = quoted(whole);
        message += ": port ";
        message += std::to_string(port);
        message += port == 0 ? " is not a port a server can listen on; use 1-65535"
                             : " is out of range; use 1-65535";
        failWith(error, std::move(message));
        return std::nullopt;
    }
    return static_cast<uint16_t>(port);
}

}  // namespace

std::string ProbeTarget::display() const {
    std::string out;
    const bool v6 = address ? address->isV6() : host.find(':') != std::string::npos;
    if (v6)
        out += '[';
    out += host;
    if (v6)
        out += ']';
    out += ':';
    out += std::to_string(port);
    return out;
}

std::string refusedAddressReason(const net::Address& address) {
    net::Address a = address;
    // ::ffff:a.b.c.d reaches the IPv4 address a.b.c.d; judge that one.
    const auto bytes = address.bytes();
    if (address.isV6() &&
        std::all_of(bytes.begin(), bytes.begin() + 10, [](uint8_t b) { return b == 0; }) &&
        bytes[10] == 0xff && bytes[11] == 0xff) {
        a = net::Address::v4((uint32_t{bytes[12]} << 24) | (uint32_t{bytes[13]} << 16) |
                             (uint32_t{bytes[14]} << 8) | bytes[15]);
    }
    const std::string text = quoted(address.toString());
    if (a.isV4()) {
        const uint32_t v = a.v4Value();
        if ((v >> 24) == 0)
            return text +
                   " is unspecified (0.0.0.0/8 means 'this host'); name the server's address";
        if ((v >> 28) == 0xE)
            return text + " is a multicast address (224.0.0.0/4); SMTP needs one server";
        if (v == 0xFFFFFFFFu)
            return text + " is the broadcast address; SMTP needs one server";
        return {};
    }
    if (a.isUnspecified())
        return text + " is unspecified (::); name the server's address";
    if (bytes[0] == 0xff)
        return text + " is a multicast address (ff00::/8); SMTP needs one server";
    return {};
}

std::optional<ProbeTarget> parseProbeTarget(std::string_view text, std::string* error) {
    if (text.empty())
        return failWith(error, "the target is empty; give HOST[:PORT]");
    ProbeTarget target;
    std::string_view host = text;
    if (text.front() == '[') {
        const size_t close = text.find(']');
        if (close == std::string_view::npos)
            return failWith(error, quoted(text) + ": '[' without a closing ']'");
        host = text.substr(1, close - 1);
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return failWith(error, quoted(text) + ": expected ':PORT' after ']'");
            const auto port = parsePort(rest.substr(1), text, error);
            if (!port)
                return std::nullopt;
            target.port = *port;
        }
        std::string problem;
        const auto address = net::Address::parse(host, &problem);
        if (!address || !address->isV6())
            return failWith(error, quoted(text) + ": brackets hold an IPv6 address");
        target.address = address;
    } else if (std::count(text.begin(), text.end(), ':') > 1) {
        std::string problem;
        target.address = net::Address::parse(text, &problem);
        if (!target.address)
            return failWith(error, problem + " (write [IPv6]:PORT to give a port)");
    } else {
        const size_t colon = text.find(':');
        if (colon != std::string_view::npos) {
            host = text.substr(0, colon);
            const auto port = parsePort(text.substr(colon + 1), text, error);
            if (!port)
                return std::nullopt;
            target.port = *port;
        }
        if (host.empty())
            return failWith(error, quoted(text) + ": the host is missing");
        if (looksLikeIpv4(host)) {
            std::string problem;
            target.address = net::Address::parse(host, &problem);
            if (!target.address)
                return failWith(error, problem);
        } else if (!isHostName(host)) {
            return failWith(error, quoted(host) + " is neither an IP address nor a host name");
        }
    }
    if (target.address) {
        const std::string reason = refusedAddressReason(*target.address);
        if (!reason.empty())
            return failWith(error, reason);
        target.host = target.address->toString();
    } else {
        target.host = std::string(host);
    }
    return target;
}

}  // namespace mailtopo::probe
