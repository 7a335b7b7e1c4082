#pragma once
// Builds the content of every card and segment label from the model. Read-only views of
// the design: nothing here decides anything about the network, it only puts it in words.

#include <QString>

#include "core/model/design.h"
#include "core/model/design_lookup.h"
#include "ui/diagram/card_content.h"

namespace mailtopo::ui {

// The descriptions look hosts, segments and a server's receive connectors up through the
// design's lookup when a whole scene is built: searching the design for each card made
// opening an estate of thousands quadratic.
using model::DesignLookup;

// Without a lookup, the design is searched (one card after an edit).
CardContent describeHost(const model::Design& design, const model::Host& host,
                         const DesignLookup* lookup = nullptr);
CardContent describeLoadBalancer(const model::Design& design, const model::LoadBalancer& lb,
                                 const DesignLookup* lookup = nullptr);
CardContent describeFirewall(const model::Design& design, const model::Firewall& firewall,
                             const DesignLookup* lookup = nullptr);
CardContent describeRouter(const model::Design& design, const model::Router& router,
                           const DesignLookup* lookup = nullptr);

struct SegmentLabel {
    QString title;    // the segment's name
    QString subnets;  // "10.0.1.0/24 · fd00::/64"
    QString toolTip;  // rich text
};

SegmentLabel describeSegment(const model::Segment& segment);

}  // namespace mailtopo::ui
