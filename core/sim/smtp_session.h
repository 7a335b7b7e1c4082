#pragma once
// What happens after a completed handshake on a mail server: the session principal and its
// rights (R21, R22), the replies to EHLO/MAIL/RCPT/DATA (R23), header trust (R24), the
// Exchange-server authentication of intra-organisation hops (R26), and the address the
// anti-spam agents judge (R30–R32). Non-Exchange SMTP hosts answer as a plain MTA would.

#include <optional>
#include <string>
#include <vector>

#include "core/dns/resolver.h"
#include "core/model/design.h"
#include "core/sim/trace.h"

namespace mailtopo::sim {

struct SessionInput {
    const model::Design* design = nullptr;
    const model::Host* server = nullptr;
    const model::ReceiveConnector* connector = nullptr;  // null for non-Exchange servers
    const model::Host* client = nullptr;                 // null for an unknown client
    net::Address seenSource;
    // Verbs removed from the EHLO reply by devices on the path, with the device that did it.
    std::vector<std::pair<std::string, model::Id>> strippedVerbs;
    std::vector<net::Address> receivedChain;  // IPs in Received headers, newest first
    std::string helo;
    std::string mailFrom;
    std::vector<std::string> rcptTo;
    dns::Resolver* resolver = nullptr;  // the internet's DNS view, for Sender ID (R31)
    bool explain = true;                // build the SMTP dialogue's steps
};

struct SessionOutcome {
    std::vector<Step> steps;
    std::string principal;
    std::vector<std::string> rights;  // R22 short names
    Disposition disposition;
    std::vector<TraceFlag> flags;
    std::optional<net::Address> originatingIp;
    bool accepted = false;  // the message was queued by the server (delivered or relayed)
};

SessionOutcome runSmtpSession(const SessionInput& input);

// Whether `domain` is one of the organisation's accepted domains (any type; "*.d" matches
// subdomains). `authoritativeOnly` restricts to authoritative domains.
bool isAcceptedDomain(const model::Organization& org, std::string_view domain,
                      bool authoritativeOnly = false);
// The accepted domain that covers `domain`, the most specific when several do (an exact name,
// then the longest "*.d"); null when none does.
const model::AcceptedDomain* findAcceptedDomain(const model::Organization& org,
                                                std::string_view domain,
                                                bool authoritativeOnly = false);

std::string domainOf(std::string_view address);

}  // namespace mailtopo::sim
