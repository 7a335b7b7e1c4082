#pragma once
// A load balancer's card: its interfaces and virtual servers (mode, port, pool).

#include "core/model/design.h"
#include "ui/diagram/card_item.h"

namespace mailtopo::ui {

class DesignLookup;

class LoadBalancerItem : public CardItem {
public:
    enum { Type = LoadBalancerType };

    LoadBalancerItem(const model::Design& design, const model::LoadBalancer& loadBalancer,
                     const DesignLookup* lookup = nullptr);

    int type() const override { return Type; }
};

}  // namespace mailtopo::ui
