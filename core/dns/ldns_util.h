#pragma once
// Internal to core/dns: ownership wrappers for ldns objects and the conversion of an ldns
// resource record into our DnsRecord. Kept out of the public headers so only the .cpp files
// of this folder see <ldns/ldns.h>.

// ldns/common.h defines the macros bool, true and false unless stdbool.h came first; those
// macros break <optional>'s operator<=> and other C++ headers. In C++ stdbool.h defines
// nothing but the guard ldns checks.
#include <stdbool.h>  // NOLINT(modernize-deprecated-headers): must precede ldns
// clang-format off
#include <ldns/ldns.h>
// clang-format on

#include <memory>
#include <optional>
#include <string>

#include "core/dns/dns_types.h"

namespace mailtopo::dns::detail {

struct LdnsRrFree {
    void operator()(ldns_rr* p) const { ldns_rr_free(p); }
};
struct LdnsRdfFree {
    void operator()(ldns_rdf* p) const { ldns_rdf_deep_free(p); }
};
struct LdnsPktFree {
    void operator()(ldns_pkt* p) const { ldns_pkt_free(p); }
};
struct LdnsResolverFree {
    void operator()(ldns_resolver* p) const { ldns_resolver_deep_free(p); }
};

using RrPtr = std::unique_ptr<ldns_rr, LdnsRrFree>;
using RdfPtr = std::unique_ptr<ldns_rdf, LdnsRdfFree>;
using PktPtr = std::unique_ptr<ldns_pkt, LdnsPktFree>;
using ResolverPtr = std::unique_ptr<ldns_resolver, LdnsResolverFree>;

// ldns_rdf2str into a std::string (ldns allocates with malloc).
std::string rdfToString(const ldns_rdf* rdf);

// A domain name rdf as plain text: labels joined by '.', bytes unescaped, no trailing dot
// (the root is ""). SPF compares names as the macro expander builds them, unescaped.
std::string dnameToText(const ldns_rdf* rdf);

// Converts one RR; nullopt only if ldns hands over something malformed.
std::optional<DnsRecord> toDnsRecord(const ldns_rr* rr);

}  // namespace mailtopo::dns::detail
