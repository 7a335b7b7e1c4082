#pragma once
// A host's card: Exchange server or any other SMTP host, with its NICs and receive connectors.

#include "core/model/design.h"
#include "ui/diagram/card_item.h"

namespace mailtopo::model {
class DesignLookup;
}

namespace mailtopo::ui {

class HostItem : public CardItem {
public:
    enum { Type = HostType };

    HostItem(const model::Design& design, const model::Host& host,
             const model::DesignLookup* lookup = nullptr);

    int type() const override { return Type; }
};

}  // namespace mailtopo::ui
