#pragma once
// The DNS vocabulary shared by every resolver and by the SPF evaluator: record types, the
// outcome of one query, and one resource record in presentation form plus the parsed forms
// SPF needs (addresses, MX, TXT strings, PTR/CNAME targets).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/net/address.h"

namespace mailtopo::dns {

// RR type codes as on the wire; values outside the named ones are kept as numbers
// (a zone file may contain CAA, SSHFP, ...).
enum class RRType : uint16_t {
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
    SPF = 99,
};

// "A", "MX", ... or "TYPE257" for unnamed types.
std::string rrTypeName(RRType type);
// Case-insensitive; accepts "TYPEnnn" too.
std::optional<RRType> parseRRType(std::string_view text);

// How a query ended. TIMEOUT and SERVFAIL both mean "no answer" to SPF (temperror); they are
// kept apart because an operator fixes them differently.
enum class Rcode : uint8_t { NoError, NxDomain, ServFail, Timeout };

std::string_view rcodeName(Rcode rcode);  // "NOERROR", "NXDOMAIN", "SERVFAIL", "TIMEOUT"

struct DnsRecord {
    std::string name;  // owner, absolute, without the trailing dot, case as published
    RRType type = RRType::A;
    uint32_t ttl = 0;
    std::string rdata;  // presentation form, as a zone file would write it

    // Parsed forms (filled for the types SPF and the design checks use).
    std::optional<net::Address> address;  // A, AAAA
    uint16_t preference = 0;              // MX
    std::string target;  // MX exchange, PTR/CNAME/NS target; no trailing dot; "" = root
    std::vector<std::string> strings;  // TXT/SPF character-strings, raw bytes (may hold NUL)

    // TXT/SPF: the character-strings joined without separator (RFC 7208 §3.3).
    std::string joinedText() const;
};

// Builders that fill both the presentation and the parsed form.
DnsRecord makeAddressRecord(std::string name, const net::Address& address, uint32_t ttl = 3600);
DnsRecord makeMxRecord(std::string name, uint16_t preference, std::string exchange,
                       uint32_t ttl = 3600);
DnsRecord makeTxtRecord(std::string name, std::vector<std::string> strings, uint32_t ttl = 3600,
                        RRType type = RRType::TXT);
DnsRecord makeNameRecord(std::string name, RRType type, std::string target, uint32_t ttl = 3600);

// A character-string in zone-file syntax: quoted, with '"' and '\' escaped and bytes outside
// printable ASCII written as \DDD.
std::string quoteCharacterString(std::string_view bytes);

// The answer to one query. `records` is the answer section as a resolver would return it:
// the CNAME chain (if the name is an alias) followed by the records of the asked type.
struct DnsAnswer {
    Rcode rcode = Rcode::NoError;
    std::vector<DnsRecord> records;
    std::string detail;  // why, for SERVFAIL/TIMEOUT ("CNAME loop", ldns's message, ...)

    bool ok() const { return rcode == Rcode::NoError || rcode == Rcode::NxDomain; }
    // Records of exactly this type (the CNAME chain excluded).
    std::vector<const DnsRecord*> ofType(RRType type) const;
    bool hasType(RRType type) const;
};

}  // namespace mailtopo::dns
