#pragma once
// Renderings of a Trace: text a person can follow hop by hop, and JSON for programs. Both
// only read the trace (the simulator already decided everything) and are deterministic: the
// same trace always gives the same bytes. Text is plain ASCII apart from what the design's
// own names and the trace's sentences contain, so goldens stay portable.

#include <string>

#include <nlohmann/json.hpp>

#include "core/model/design.h"
#include "core/sim/trace.h"

namespace mailtopo::sim {

// The version of the trace JSON (docs/trace-format.md, resources/schema/trace.schema.json),
// written as "version" at the top of every trace object. It goes up when a program reading
// the previous version would misread a trace: a key renamed, removed or made optional, a
// value's form or meaning changed, an enumeration value removed or renamed. Adding a key or
// an enumeration value also goes up, because the schema is closed (additionalProperties
// false) and a strict reader refuses what it does not know; the schema's "version" const and
// this number change together (tests/core/sim/tst_trace_schema.cpp checks they agree).
inline constexpr int kTraceFormatVersion = 1;

// The write-up: a header (flow, source, destination, envelope), then for each hop its setup
// steps, the SYN / SYN-ACK / ACK legs with numbered "[rule] summary" steps and the packet
// before -> after, the SMTP dialogue, the stateful devices met and what the hop established
// (its own result, sources, connector, principal, rights, originating IP, egress identity);
// then the chain's disposition and the flags. `design` turns ids into the names people know
// ("EX16\Relay", an implicit default connector "EX16\Default Frontend EX16"); an id the
// design does not hold is printed as is.
std::string traceToText(const Trace& trace, const model::Design& design);

// Every field of the trace, "version" (kTraceFormatVersion) first, ids as ids, enums by their
// enumName, addresses as text. Absent optionals and empty optional strings are left out; lists are
// always present; key order is fixed.
nlohmann::ordered_json traceToJson(const Trace& trace);

// The JSON as text: 2-space indent, trailing newline. Bytes that are not UTF-8 (names come
// from imported files) are replaced rather than making the dump fail.
std::string traceToJsonText(const Trace& trace);

}  // namespace mailtopo::sim
