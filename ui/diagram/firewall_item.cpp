#include "ui/diagram/firewall_item.h"

#include "ui/diagram/element_descriptions.h"

namespace mailtopo::ui {

FirewallItem::FirewallItem(const model::Design& design, const model::Firewall& firewall,
                           const DesignLookup* lookup)
    : CardItem(describeFirewall(design, firewall, lookup)) {}

}  // namespace mailtopo::ui
