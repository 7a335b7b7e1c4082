#pragma once
// A router's card: its interfaces and how many static routes it carries.

#include "core/model/design.h"
#include "ui/diagram/card_item.h"

namespace mailtopo::model {
class DesignLookup;
}

namespace mailtopo::ui {

class RouterItem : public CardItem {
public:
    enum { Type = RouterType };

    RouterItem(const model::Design& design, const model::Router& router,
               const model::DesignLookup* lookup = nullptr);

    int type() const override { return Type; }
};

}  // namespace mailtopo::ui
