#pragma once
// Whether a host is a member of some VIP's pool: what a flow's poolMember may name (validate,
// the inspector, `edit --set` and `trace --pool-member` all ask it).

#include <string_view>

#include "core/model/design.h"

namespace mailtopo::model {

inline bool inSomePool(const Design& design, std::string_view hostId) {
    for (const auto& lb : design.loadBalancers)
        for (const auto& vip : lb.vips)
            for (const auto& member : vip.pool)
                if (member.hostId == hostId)
                    return true;
    return false;
}

}  // namespace mailtopo::model
