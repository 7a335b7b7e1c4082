#pragma once
// Builds the content of every card and segment label from the model. Read-only views of
// the design: nothing here decides anything about the network, it only puts it in words.

#include <QString>

#include "core/model/design.h"
#include "ui/diagram/card_content.h"

namespace mailtopo::ui {

CardContent describeHost(const model::Design& design, const model::Host& host);
CardContent describeLoadBalancer(const model::Design& design, const model::LoadBalancer& lb);
CardContent describeFirewall(const model::Design& design, const model::Firewall& firewall);
CardContent describeRouter(const model::Design& design, const model::Router& router);

struct SegmentLabel {
    QString title;    // the segment's name
    QString subnets;  // "10.0.1.0/24 · fd00::/64"
    QString toolTip;  // rich text
};

SegmentLabel describeSegment(const model::Segment& segment);

}  // namespace mailtopo::ui
