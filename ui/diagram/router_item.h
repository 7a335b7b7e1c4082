#pragma once
// A router's card: its interfaces and how many static routes it carries.

#include "core/model/design.h"
#include "ui/diagram/card_item.h"

namespace mailtopo::ui {

class DesignLookup;

class RouterItem : public CardItem {
public:
    enum { Type = RouterType };

    RouterItem(const model::Design& design, const model::Router& router,
               const DesignLookup* lookup = nullptr);

    int type() const override { return Type; }
};

}  // namespace mailtopo::ui
