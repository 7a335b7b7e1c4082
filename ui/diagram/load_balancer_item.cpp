#include "ui/diagram/load_balancer_item.h"

#include "ui/diagram/element_descriptions.h"

namespace mailtopo::ui {

LoadBalancerItem::LoadBalancerItem(const model::Design& design,
                                   const model::LoadBalancer& loadBalancer,
                                   const DesignLookup* lookup)
    : CardItem(describeLoadBalancer(design, loadBalancer, lookup)) {}

}  // namespace mailtopo::ui
