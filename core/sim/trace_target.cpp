#include "core/sim/trace_target.h"

#include "core/net/binding.h"
#include "core/util/text_join.h"

namespace mailtopo::sim {
namespace {

bool allDigits(std::string_view text) {
    if (text.empty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool looksNumeric(std::string_view text) {
    for (const char c : text) {
        if ((c < '0' || c > '9') && c != '.')
            return false;
    }
    return !text.empty();
}

}  // namespace

const model::Host* findHostByIdOrName(const model::Design& design, std::string_view text) {
    if (const model::Host* host = design.findHost(text))
        return host;
    return design.findHostByName(text);
}

std::optional<TraceTarget> parseTraceTarget(const model::Design& design, std::string_view text,
                                            TraceTargetError& error) {
    TraceTarget target;
    if (text.empty()) {
        error.message = "the target is empty: give an IP address, mx:DOMAIN or a host";
        return std::nullopt;
    }
    if (text.starts_with("mx:")) {
        if (text.size() == 3) {
            error.message = "'mx:' needs a domain, e.g. mx:example.com";
            return std::nullopt;
        }
        target.destination = std::string(text);
        return target;
    }
    const size_t colon = text.find(':');
    // Addresses with a port read like a binding: "10.0.0.50:25", "[2001:db8::5]:25".
    if (text.starts_with('[') || (colon != std::string_view::npos && colon == text.rfind(':') &&
                                  looksNumeric(text.substr(0, colon)))) {
        const auto binding = net::Binding::parse(text, &error.message);
        if (!binding)
            return std::nullopt;
        target.destination = binding->address().toString();
        target.port = binding->port();
        return target;
    }
    // Digits and dots: an IPv4 address; several colons: a bare IPv6 address.
    if (looksNumeric(text) || (colon != std::string_view::npos && colon != text.rfind(':'))) {
        const auto address = net::Address::parse(text, &error.message);
        if (!address)
            return std::nullopt;
        target.destination = address->toString();
        return target;
    }
    // A host, optionally with a port: "ex16", "EX16:587".
    std::string_view host = text;
    if (colon != std::string_view::npos && !findHostByIdOrName(design, text) &&
        allDigits(text.substr(colon + 1))) {
        const std::string_view digits = text.substr(colon + 1);
        const unsigned long port = digits.size() <= 5 ? std::stoul(std::string(digits)) : 0;
        if (port < 1 || port > 65535) {
            error.message = cat("'", text, "': the port must be 1-65535");
            return std::nullopt;
        }
        host = text.substr(0, colon);
        target.port = static_cast<uint16_t>(port);
    }
    const model::Host* node = findHostByIdOrName(design, host);
    if (!node) {
        error.message = cat("'", host,
                            "' is neither an IP address, mx:DOMAIN nor a host id or name of "
                            "the design");
        error.unknownHost = true;
        return std::nullopt;
    }
    target.destination = node->id;
    return target;
}

}  // namespace mailtopo::sim
