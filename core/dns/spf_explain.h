#pragma once
// Renderings of an SPF outcome and its explanation tree: JSON for machines (stable key
// order, nothing time-dependent) and indented text for people.

#include <string>

#include <nlohmann/json.hpp>

#include "core/dns/spf_evaluator.h"

namespace mailtopo::dns {

// {"result", "identity", "ip", "domain", "sender", "helo", "explanation", "decision",
//  "lookups", "voidLookups", "dnsQueries", "trace", ...}; see spf_explain.cpp for the shape.
nlohmann::ordered_json spfOutcomeToJson(const SpfOutcome& outcome);

// The JSON as text (2-space indent, trailing newline). Bytes that are not UTF-8 (records
// may hold anything) are replaced rather than making the dump fail.
std::string spfOutcomeToJsonText(const SpfOutcome& outcome);

// A readable report: header, result, deciding term and section, counters, then the tree.
std::string spfOutcomeToText(const SpfOutcome& outcome);

}  // namespace mailtopo::dns
