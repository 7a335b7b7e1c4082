#pragma once
// Where the live probe connects: HOST[:PORT] as a user types it, checked before anything
// touches the network. Addresses no SMTP server can listen on (unspecified, multicast,
// broadcast) are refused here rather than handed to the operating system.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/net/address.h"

namespace mailtopo::probe {

struct ProbeTarget {
    std::string host;  // an address literal or a DNS name, without brackets
    uint16_t port = 25;
    std::optional<net::Address> address;  // set when `host` is an address literal

    // "192.0.2.7:25", "[2001:db8::7]:25", "mail.example.net:587".
    std::string display() const;

    bool operator==(const ProbeTarget&) const = default;
};

// Reads "IP", "IP:PORT", "[IPv6]:PORT", a bare IPv6 address, "NAME" or "NAME:PORT". The port
// defaults to 25 and must be 1-65535. On failure returns nothing and stores in `error` a
// sentence that quotes the input and names the problem.
std::optional<ProbeTarget> parseProbeTarget(std::string_view text, std::string* error = nullptr);

// Why a probe must not connect to `address` (it is unspecified, multicast or broadcast, also
// when IPv4-mapped), or an empty string when it may.
std::string refusedAddressReason(const net::Address& address);

}  // namespace mailtopo::probe
