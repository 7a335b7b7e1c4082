#pragma once
// Builds the content of every card and segment label from the model. Read-only views of
// the design: nothing here decides anything about the network, it only puts it in words.

#include <QString>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model/design.h"
#include "ui/diagram/card_content.h"

namespace mailtopo::ui {

// What the descriptions look up (hosts and segments by id, a server's receive connectors),
// indexed once when a whole scene is built: searching the design for each card made opening
// an estate of thousands quadratic. It refers into `design`, which must outlive it unchanged.
class DesignLookup {
public:
    explicit DesignLookup(const model::Design& design);
    const model::Host* host(std::string_view id) const;
    const model::Segment* segment(std::string_view id) const;
    std::vector<const model::ReceiveConnector*> connectorsOf(std::string_view serverId) const;

private:
    std::unordered_map<std::string_view, const model::Host*> hosts_;
    std::unordered_map<std::string_view, const model::Segment*> segments_;
    std::unordered_map<std::string_view, std::vector<const model::ReceiveConnector*>> connectors_;
};

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
