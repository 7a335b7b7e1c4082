#pragma once

// A receive-connector binding (Set-ReceiveConnector -Bindings): the local address and port
// the connector listens on, "0.0.0.0:25" or "[::]:25" meaning every address of the family.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/net/address.h"

namespace mailtopo::net {

class Binding {
public:
    // 0.0.0.0:0 - only so that bindings can live in containers that need a default.
    Binding() = default;
    // The port is not checked here; parse() is where 0 is refused.
    Binding(Address address, uint16_t port) : address_(address), port_(port) {}

    // "0.0.0.0:25", "10.0.0.5:2525", "[::]:25", "[2001:db8::5]:587". IPv6 addresses must be in
    // brackets (otherwise the port could not be told from the last group), IPv4 addresses must
    // not be. The port is decimal 1..65535 without leading zeros. Leading and trailing spaces
    // are ignored, as they appear when a list such as "{0.0.0.0:25, [::]:25}" is split. On
    // failure the message in `error` quotes the input and names the problem.
    static std::optional<Binding> parse(std::string_view text, std::string* error = nullptr);

    const Address& address() const { return address_; }
    uint16_t port() const { return port_; }

    // Listens on every address of its family (0.0.0.0 or ::).
    bool isWildcard() const { return address_.isUnspecified(); }

    // Would accept a connection to `local`:`port`: same port, and the same address or the
    // wildcard of that address's family.
    bool covers(const Address& local, uint16_t port) const;

    // Domain rule R19(a): two bindings overlap when their ports are equal and their addresses
    // are equal or either one is the wildcard of the other's family. 0.0.0.0:25 and [::]:25
    // do not overlap: they are separate IPv4 and IPv6 sockets.
    bool overlaps(const Binding& other) const;

    // "0.0.0.0:25", "[::]:25": parse(toString()) gives back an equal binding.
    std::string toString() const;

    // Ordered by address (IPv4 first), then port.
    friend bool operator==(const Binding&, const Binding&) = default;
    friend std::strong_ordering operator<=>(const Binding&, const Binding&) = default;

private:
    Address address_;
    uint16_t port_ = 0;
};

}  // namespace mailtopo::net
