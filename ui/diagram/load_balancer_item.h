#pragma once
// A load balancer's card: its interfaces and virtual servers (mode, port, pool).

#include "core/model/design.h"
#include "ui/diagram/card_item.h"

namespace mailtopo::model {
class DesignLookup;
}

namespace mailtopo::ui {

class LoadBalancerItem : public CardItem {
public:
    enum { Type = LoadBalancerType };

    LoadBalancerItem(const model::Design& design, const model::LoadBalancer& loadBalancer,
                     const model::DesignLookup* lookup = nullptr);

    int type() const override { return Type; }
};

}  // namespace mailtopo::ui
