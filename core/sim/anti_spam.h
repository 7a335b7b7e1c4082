#pragma once
// R30–R32 on a received message: which IP the anti-spam agents judge, and whether the IP
// lists or Sender ID stop the message. Runs after DATA, on the Received chain the header
// firewall (R24) left.

#include <optional>
#include <string>
#include <vector>

#include "core/dns/resolver.h"
#include "core/model/design.h"
#include "core/sim/trace.h"

namespace mailtopo::sim {

struct AntiSpamInput {
    const model::Design* design = nullptr;
    const model::Host* server = nullptr;
    net::Address seenSource;
    std::vector<net::Address> receivedChain;  // newest first, after R24
    FlagSet<model::ExtendedRight> rights;     // the session's (BypassAS skips the agents)
    std::string mailFrom;
    std::string helo;
    std::string senderDomain;
    dns::Resolver* resolver = nullptr;  // the internet's view, for Sender ID
    bool explain = true;
};

struct AntiSpamOutcome {
    std::vector<Step> steps;
    std::optional<net::Address> originatingIp;
    std::optional<Disposition> verdict;  // set when an agent rejects or discards the message
};

AntiSpamOutcome runAntiSpam(const AntiSpamInput& input);

}  // namespace mailtopo::sim
