#pragma once
// Where a message goes after an Exchange server accepted it for an accepted domain: does
// this server hold the recipient, or does the message move on to the server that does
// (R26 intra-organisation hops, R27/R28 send connectors)? The choices, and the rules they
// rest on, are written down in core/sim/README.md ("Which server holds the recipient").

#include <string>

#include "core/dns/resolver.h"
#include "core/model/design_lookup.h"
#include "core/sim/send_routing.h"

namespace mailtopo::sim {

struct OnwardRoute {
    // The server delivers: the chain ends with it. Its hop shows no extra step, so a flow
    // that ends on its first server traces as it always did.
    bool holdsRecipient = false;
    // Otherwise where the message goes next: next.missing names what the design lacks, and
    // next.steps say why (the first one names the accepted domain and the rule).
    NextHop next;
    std::string rule;  // the rule that decided: "R26" or "R27"
};

// `server` (an Exchange server) accepted a message for `recipientDomain`. `dns` answers as
// the server's resolver would, for send connectors that route by MX.
OnwardRoute routeAccepted(const model::DesignLookup& lookup, const model::Host& server,
                          const std::string& recipientDomain, dns::Resolver* dns);

}  // namespace mailtopo::sim
