#include "core/net/binding.h"

#include "core/net/address_parse.h"
#include "core/net/text_util.h"

namespace mailtopo::net {

std::optional<Binding> Binding::parse(std::string_view text, std::string* error) {
    const std::string_view trimmed = trimSpaces(text);
    auto fail = [&](const std::string& problem) {
        if (error)
            *error = quoted(trimmed) + ": " + problem;
        return std::nullopt;
    };

    if (trimmed.empty())
        return fail("binding is empty");

    std::string_view addressText, portText;
    if (trimmed.front() == '[') {
        const size_t close = trimmed.find(']');
        if (close == std::string_view::npos)
            return fail("missing ']' after the IPv6 address");
        addressText = trimmed.substr(1, close - 1);
        const std::string_view rest = trimmed.substr(close + 1);
        if (rest.empty())
            return fail("missing ':' and port after ']'");
        if (rest.front() != ':')
            return fail("expected ':' and a port after ']'");
        portText = rest.substr(1);
    } else {
        const size_t colon = trimmed.rfind(':');
        if (colon == std::string_view::npos)
            return fail("missing ':' and port");
        if (trimmed.find(':') != colon) {
            return fail("an IPv6 address must be in brackets, e.g. [::]:25");
        }
        addressText = trimmed.substr(0, colon);
        portText = trimmed.substr(colon + 1);
    }

    std::string problem;
    const auto address = detail::parseAddress(addressText, problem);
    if (!address)
        return fail("address: " + problem);
    if (trimmed.front() == '[' && address->isV4()) {
        return fail("brackets are only for IPv6 addresses; write " + address->toString() + ":port");
    }
    const auto port = parseDecimal(portText, 65535, "port", problem);
    if (!port)
        return fail(problem);
    if (*port == 0)
        return fail("port 0 is not a valid listening port (use 1..65535)");
    return Binding(*address, static_cast<uint16_t>(*port));
}

bool Binding::covers(const Address& local, uint16_t port) const {
    if (port != port_)
        return false;
    return address_ == local || (isWildcard() && address_.family() == local.family());
}

bool Binding::overlaps(const Binding& other) const {
    if (port_ != other.port_)
        return false;
    if (address_.family() != other.address_.family())
        return false;
    return address_ == other.address_ || isWildcard() || other.isWildcard();
}

std::string Binding::toString() const {
    // Built by appending: GCC 12 warns falsely (-Wrestrict, bug 105329) on "[" + string&&.
    std::string text;
    if (address_.isV6())
        text += '[';
    text += address_.toString();
    if (address_.isV6())
        text += ']';
    text += ':';
    text += std::to_string(port_);
    return text;
}

}  // namespace mailtopo::net
