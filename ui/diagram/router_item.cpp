#include "ui/diagram/router_item.h"

#include "ui/diagram/element_descriptions.h"

namespace mailtopo::ui {

RouterItem::RouterItem(const model::Design& design, const model::Router& router,
                       const DesignLookup* lookup)
    : CardItem(describeRouter(design, router, lookup)) {}

}  // namespace mailtopo::ui
