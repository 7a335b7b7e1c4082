#pragma once
// The inspector's typed input: each function turns what the user typed into a model value
// or says why it cannot. They are QString faces of core/edit/value_text.h, which
// `mailtopo-cli edit --set` (core/edit/property_edit.h) uses too, so both refuse the same
// input in the same words; nothing here decides what is valid on its own.

#include <QString>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/net/address.h"
#include "core/net/ip_range.h"
#include "core/net/prefix.h"

namespace mailtopo::ui::inspector {

std::optional<net::Address> parseAddress(const QString& text, QString* problem);
// Empty text is "none" (a SNAT address left to the default, a NIC without gateway).
std::optional<std::optional<net::Address>> parseOptionalAddress(const QString& text,
                                                                QString* problem);
std::optional<net::Prefix> parsePrefix(const QString& text, QString* problem);
std::optional<net::IpRange> parseRange(const QString& text, QString* problem);
// A TCP port, 1..65535.
std::optional<uint16_t> parsePort(const QString& text, QString* problem);
// A decimal number 0..max; `what` names it in the message ("cost", "TTL").
std::optional<unsigned> parseNumber(const QString& text, unsigned max, const QString& what,
                                    QString* problem);
// The prefix length of an address of `family`: 0..32 or 0..128.
std::optional<int> parsePrefixLength(const QString& text, net::Family family, QString* problem);
// A host or domain name; `wildcard` accepts "*.contoso.com", `star` accepts "*" alone.
bool checkDomainName(const QString& text, bool wildcard, bool star, QString* problem);
// A smart host: an IP address or a host name.
bool checkSmartHost(const QString& text, QString* problem);
// Where an SMTP host sends or submits mail, as the simulator reads it: an address with an
// optional port ("10.0.0.20", "10.0.0.20:2525", "[2001:db8::20]:25") or a host id or DNS
// name with an optional port ("mailgw", "smtp.contoso.com:587").
bool checkMailTarget(const QString& text, QString* problem);
// An envelope address "local@domain"; the domain is checked, the local part only for being
// there and without spaces.
bool checkMailAddress(const QString& text, QString* problem);

// Comma-separated lists ("10.0.0.1, 10.0.0.2"); an empty text is an empty list. The problem
// names the entry that failed.
std::optional<std::vector<net::Address>> parseAddressList(const QString& text, QString* problem);
std::optional<std::vector<net::IpRange>> parseRangeList(const QString& text, QString* problem);
std::optional<std::vector<net::Prefix>> parsePrefixList(const QString& text, QString* problem);
std::optional<std::vector<uint16_t>> parsePortList(const QString& text, QString* problem);
// The entries of a comma-separated list, trimmed, empty ones dropped.
QStringList listEntries(const QString& text);

// Parse and store in one go, for field writers: `target` changes only when the text
// parses; the result is why it does not (empty when it did).
QString assignHostName(std::string& target, const QString& text);  // empty clears it
// `target` = `text` when `check` accepts it or it is empty (which clears it).
QString assignIfValid(std::string& target, const QString& text,
                      bool (*check)(const QString&, QString*));
QString assignSize(std::optional<long long>& target, const QString& text);        // empty: default
QString assignAddress(std::optional<net::Address>& target, const QString& text);  // empty: none
QString assignAddresses(std::vector<net::Address>& target, const QString& text);
QString assignRanges(std::vector<net::IpRange>& target, const QString& text);
QString assignPorts(std::vector<uint16_t>& target, const QString& text);
// Lists of domain names (no wildcards), of next hops (edit::checkNextHop), of smart hosts.
QString assignDomains(std::vector<std::string>& target, const QString& text);
QString assignNextHops(std::vector<std::string>& target, const QString& text);
QString assignSmartHosts(std::vector<std::string>& target, const QString& text);
// Any list of words, kept as typed ("zen.spamhaus.org, bl.spamcop.net").
QString wordListText(const std::vector<std::string>& words);
QString sizeText(const std::optional<long long>& size);

// Back to text, in the same list form the parsers read.
QString addressListText(const std::vector<net::Address>& addresses);
QString rangeListText(const std::vector<net::IpRange>& ranges);
QString prefixListText(const std::vector<net::Prefix>& prefixes);
QString portListText(const std::vector<uint16_t>& ports);
QString optionalAddressText(const std::optional<net::Address>& address);

}  // namespace mailtopo::ui::inspector
