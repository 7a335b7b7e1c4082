#include "ui/diagram/host_item.h"

#include "ui/diagram/element_descriptions.h"

namespace mailtopo::ui {

HostItem::HostItem(const model::Design& design, const model::Host& host, const DesignLookup* lookup)
    : CardItem(describeHost(design, host, lookup)) {}

}  // namespace mailtopo::ui
