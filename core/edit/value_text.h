#pragma once
// Property values as people type them: each function turns text into a model value or says
// why it cannot. The inspector's fields (ui/mainwindow/inspector/field_parsers.h wraps these
// for QString) and `mailtopo-cli edit --set` (core/edit/property_edit.h) both call them, so
// a value is refused in the same words whichever face it was typed into. Nothing here
// decides what is valid on its own; the rules are core/net's (Address::parse, Prefix::parse,
// IpRange::parse, Binding::parse, the decimal reader, the domain-name check), this file only
// splits lists and words the message. Every `problem` may be null.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/net/address.h"
#include "core/net/binding.h"
#include "core/net/ip_range.h"
#include "core/net/prefix.h"

namespace mailtopo::edit {

// Without leading and trailing white space (spaces, tabs, line breaks).
std::string_view trimmedText(std::string_view text);

// A value that may not be left empty (a name, a site): "a value is required".
bool checkRequired(std::string_view text, std::string* problem);

std::optional<net::Address> parseAddress(std::string_view text, std::string* problem);
// Empty text is "none" (a SNAT address left to the default, a NIC without gateway).
std::optional<std::optional<net::Address>> parseOptionalAddress(std::string_view text,
                                                                std::string* problem);
std::optional<net::Prefix> parsePrefix(std::string_view text, std::string* problem);
std::optional<net::IpRange> parseRange(std::string_view text, std::string* problem);
// A TCP port, 1..65535.
std::optional<uint16_t> parsePort(std::string_view text, std::string* problem);
// A decimal number 0..max; `what` names it in the message ("cost", "TTL").
std::optional<unsigned> parseNumber(std::string_view text, unsigned max, std::string_view what,
                                    std::string* problem);
// The prefix length of an address of `family`: 0..32 or 0..128.
std::optional<int> parsePrefixLength(std::string_view text, net::Family family,
                                     std::string* problem);
// A message size limit in bytes (MaxMessageSize); empty text is Exchange's default.
std::optional<std::optional<long long>> parseSize(std::string_view text, std::string* problem);
// A receive connector's bindings, comma-separated; at least one.
std::optional<std::vector<net::Binding>> parseBindings(std::string_view text, std::string* problem);

// A host or domain name; `wildcard` accepts "*.contoso.com", `star` accepts "*" alone.
bool checkDomainName(std::string_view text, bool wildcard, bool star, std::string* problem);
// A host name (an FQDN, a HELO name), or nothing.
bool checkHostName(std::string_view text, std::string* problem);
// A smart host: an IP address or a host name.
bool checkSmartHost(std::string_view text, std::string* problem);
// Where an SMTP host sends or submits mail, as the simulator reads it: an address with an
// optional port ("10.0.0.20", "10.0.0.20:2525", "[2001:db8::20]:25") or a host id or DNS
// name with an optional port ("mailgw", "smtp.contoso.com:587").
bool checkMailTarget(std::string_view text, std::string* problem);
// A relay's next hop: a mail target as above, or "mx:" (the recipient domain's MX) or
// "mx:domain".
bool checkNextHop(std::string_view text, std::string* problem);
// An envelope address "local@domain"; the domain is checked, the local part only for being
// there and without spaces.
bool checkMailAddress(std::string_view text, std::string* problem);
// One of `choices` (value, label): "'x' is not one of: label, label".
bool checkChoice(std::string_view text,
                 const std::vector<std::pair<std::string, std::string>>& choices,
                 std::string* problem);
// Exchange keeps exactly one default accepted domain (Set-AcceptedDomain -MakeDefault moves
// it); two would leave the sender address of system messages undecided.
bool checkDefaultDomains(size_t defaults, std::string* problem);

// The entries of a comma-separated list, trimmed, empty ones dropped.
std::vector<std::string> listEntries(std::string_view text);
// Comma-separated lists ("10.0.0.1, 10.0.0.2"); an empty text is an empty list. The problem
// names the entry that failed.
std::optional<std::vector<net::Address>> parseAddressList(std::string_view text,
                                                          std::string* problem);
std::optional<std::vector<net::IpRange>> parseRangeList(std::string_view text,
                                                        std::string* problem);
std::optional<std::vector<net::Prefix>> parsePrefixList(std::string_view text,
                                                        std::string* problem);
std::optional<std::vector<uint16_t>> parsePortList(std::string_view text, std::string* problem);
// Lists of entries `check` accepts, kept as typed: domain names (no wildcards), mail
// targets, smart hosts.
using TextCheck = bool (*)(std::string_view, std::string*);
std::optional<std::vector<std::string>> parseCheckedList(std::string_view text, TextCheck check,
                                                         std::string* problem);
bool checkDomainNameOnly(std::string_view text, std::string* problem);  // no wildcard, no "*"

// Back to text, in the same forms the parsers read.
std::string wordListText(const std::vector<std::string>& words);  // "a, b"
std::string addressListText(const std::vector<net::Address>& addresses);
std::string rangeListText(const std::vector<net::IpRange>& ranges);
std::string prefixListText(const std::vector<net::Prefix>& prefixes);
std::string portListText(const std::vector<uint16_t>& ports);
std::string bindingListText(const std::vector<net::Binding>& bindings);
std::string optionalAddressText(const std::optional<net::Address>& address);
std::string sizeText(const std::optional<long long>& size);

}  // namespace mailtopo::edit
