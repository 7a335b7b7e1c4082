#pragma once
// Where an ad-hoc trace connects, read from what a user types: `mailtopo-cli trace --to`
// and the editor's trace form read it here, so both faces accept (and refuse, with the same
// words) the same targets.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/design.h"

namespace mailtopo::sim {

struct TraceTarget {
    std::string destination;       // address text, host id or "mx:domain", without the port
    std::optional<uint16_t> port;  // when the text gave one
};

struct TraceTargetError {
    std::string message;
    bool unknownHost = false;  // well-formed, but the design has no such host
};

// A host by id, else by name (case-insensitive, as Exchange compares server names).
const model::Host* findHostByIdOrName(const model::Design& design, std::string_view text);

// TARGET[:PORT]: an IPv4 address, [IPv6]:PORT or a bare IPv6 address, "mx:domain", or a
// host of the design by id or name with an optional ":PORT". nullopt with `error` set when
// the text is none of these.
std::optional<TraceTarget> parseTraceTarget(const model::Design& design, std::string_view text,
                                            TraceTargetError& error);

}  // namespace mailtopo::sim
