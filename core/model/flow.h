#pragma once
// A named SMTP flow the user wants traced, in addition to the standard flows the
// analysis derives from the design on its own.

#include <optional>
#include <string>
#include <vector>

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
    std::string note;

    bool operator==(const Flow&) const = default;
};

}  // namespace mailtopo::model
