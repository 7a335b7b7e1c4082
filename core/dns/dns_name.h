#pragma once
// Domain-name helpers. Names are handled as text without the trailing dot; DNS compares
// them case-insensitively (ASCII only, RFC 4343), so every comparison here does too.

#include <string>
#include <string_view>

#include "core/net/address.h"

namespace mailtopo::dns {

char toLowerAscii(char c);
std::string toLowerAscii(std::string_view text);
bool equalsIgnoreCase(std::string_view a, std::string_view b);

std::string stripTrailingDot(std::string_view name);
// Lower case, no trailing dot: the key under which resolvers store a name.
std::string normalizeName(std::string_view name);

// True when a query can be composed for the name: 1..253 characters without the trailing
// dot, and every label 1..63 characters (RFC 1035 §2.3.4).
bool isQueryableName(std::string_view name);
// Queryable and at least two labels (RFC 7208 §4.3 "multi-label domain name").
bool isMultiLabelName(std::string_view name);

// `name` equals `suffix` or ends in "." + suffix, ignoring case and trailing dots.
bool isSameOrSubdomain(std::string_view name, std::string_view suffix);

// The reverse-mapping name of an address: "4.3.2.1.in-addr.arpa" or the 32-nibble
// "....ip6.arpa" form (lower-case nibbles).
std::string reverseName(const net::Address& address);

// `name` written relative to `origin` for a zone file / model::DnsRecord: "@" for the
// origin itself, "www" for www.<origin>, otherwise absolute with a trailing dot.
std::string relativeName(std::string_view name, std::string_view origin);

}  // namespace mailtopo::dns
