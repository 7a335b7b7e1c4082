#pragma once
// RFC 7208 check_host() for the MAIL FROM and HELO identities (R33–R36), with a full
// explanation of how the result came about (spf_trace.h).
//
// Choices where the RFC leaves room (documented in core/dns/README.md):
// - the whole record is parsed before evaluation; any syntax error is permerror (A20);
// - a target name that cannot be queried (empty or >63-octet label after expansion) makes
//   a/mx/exists not match and include/redirect end in "none" → permerror (§4.3 analogy);
// - void lookups (§4.6.4) are the NXDOMAIN/NODATA answers of the a, mx (MX query and each
//   host's address query), ptr (PTR query), exists, include and redirect terms; the
//   validation lookups of ptr and %{p} and the exp= lookup never count;
// - more than 10 MX records → permerror (§4.6.4); a ptr term looks at the first 10 PTR names;
// - %{i} of an IPv6 client uses lower-case nibbles (§7.4 example).

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/dns/resolver.h"
#include "core/dns/spf_result.h"
#include "core/dns/spf_trace.h"
#include "core/net/address.h"

namespace mailtopo::dns {

struct SpfRequest {
    net::Address ip;     // the SMTP client; an IPv4-mapped IPv6 address is treated as IPv4
    std::string domain;  // <domain> of check_host()
    std::string sender;  // <sender>: "local@domain" ("postmaster@helo" for HELO)
    std::string helo;    // %{h}
    SpfIdentity identity = SpfIdentity::MailFrom;

    // MAIL FROM identity; an empty `mailFrom` (null reverse-path) falls back to the HELO
    // identity (§2.4). A missing local part becomes "postmaster" (§4.3).
    static SpfRequest forMailFrom(const net::Address& ip, std::string_view mailFrom,
                                  std::string_view helo);
    static SpfRequest forHelo(const net::Address& ip, std::string_view helo);
};

struct SpfOptions {
    // §6.2: the receiver's explanation for a fail result when exp= gives none.
    std::string defaultExplanation = "%{o} does not designate %{c} as a permitted sender";
    std::string receiver = "unknown";  // %{r}
    std::optional<int64_t> timestamp;  // %{t}; empty = the current time
    int lookupLimit = 10;              // §4.6.4
    int voidLookupLimit = 2;           // §4.6.4
    int mxLimit = 10;                  // §4.6.4
    int ptrLimit = 10;                 // §4.6.4
    bool trace = true;                 // build the explanation tree (off for speed)
};

struct SpfOutcome {
    SpfResult result = SpfResult::None;
    std::string explanation;  // only for fail: the exp= text or the default explanation
    SpfTrace trace;           // counters and decision always; the tree when options.trace
};

class SpfEvaluator {
public:
    explicit SpfEvaluator(Resolver& resolver, SpfOptions options = {});

    SpfOutcome checkHost(const SpfRequest& request) const;

private:
    Resolver& resolver_;
    SpfOptions options_;
};

// Runs the evaluation on a worker thread, so a GUI thread never waits on DNS. The resolver
// is shared to keep it alive until the evaluation ends. As with any std::async future, the
// returned future's destructor waits for the evaluation: keep it until it is ready.
std::future<SpfOutcome> checkHostAsync(std::shared_ptr<Resolver> resolver, SpfRequest request,
                                       SpfOptions options = {});

}  // namespace mailtopo::dns
