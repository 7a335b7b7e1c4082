#pragma once

// Internal to core/net: the address parser without the quoted input in front of the message,
// so that the parsers of larger forms (prefixes, ranges, bindings) can quote their own input
// once and add which part of it was wrong.

#include <optional>
#include <string>
#include <string_view>

#include "core/net/address.h"

namespace mailtopo::net::detail {

// As Address::parse; on failure `problem` says what is wrong ("octet 4 is greater than 255").
std::optional<Address> parseAddress(std::string_view text, std::string& problem);

}  // namespace mailtopo::net::detail
