#pragma once
// A firewall's card: zones, interfaces and a summary of its rules and NAT.

#include "core/model/design.h"
#include "ui/diagram/card_item.h"

namespace mailtopo::model {
class DesignLookup;
}

namespace mailtopo::ui {

class FirewallItem : public CardItem {
public:
    enum { Type = FirewallType };

    FirewallItem(const model::Design& design, const model::Firewall& firewall,
                 const model::DesignLookup* lookup = nullptr);

    int type() const override { return Type; }
};

}  // namespace mailtopo::ui
