#pragma once
// A named SMTP flow the user wants traced, in addition to the standard flows the
// analysis derives from the design on its own.

#include <optional>
#include <string>
#include <vector>

#include "core/model/enums.h"
#include "core/model/network.h"
#include "core/net/address.h"

namespace mailtopo::model {

struct Flow {
    Id id;
    std::string name;
    Id sourceHostId;
    std::optional<net::Address> sourceAddress;  // explicit bind (R2 step 1); else selected
    std::string destination;  // an IP address, a host id, or "mx:domain" for an MX lookup
    uint16_t port = 25;
    std::string helo;
    std::string mailFrom;
    std::vector<std::string> rcptTo;
    // A load balancer's VIP on the way sends this flow to this pool member (a host id);
    // empty: to its first member (A23). Format version 2.
    Id poolMemberHostId;
    // How the trace should end; analysis reports a flow that ends otherwise
    // (flow-disposition-unexpected) and `mailtopo-cli trace` exits 1. Format version 2.
    std::optional<DispositionKind> expectedDisposition;
    std::string note;

    bool operator==(const Flow&) const = default;
};

}  // namespace mailtopo::model
