#pragma once
// Where the probed server sits in a design: the element (an Exchange server, an SMTP host or
// a VIP), the simulated client, and the address the simulation connects to, which is the
// probed address when the design holds it and otherwise the element's entry for that client
// (an inbound NAT public address for an internet sender, else its own address).

#include <optional>
#include <string>
#include <vector>

#include "core/model/design.h"
#include "core/probe/probe_target.h"

namespace mailtopo::probe {

struct DesignTarget {
    model::Id element;     // host or VIP id
    std::string label;     // "EX16", "LB1 VIP smtp-in"
    model::Id sourceHost;  // the simulated client
    std::string sourceLabel;
    std::string destination;  // for the TraceRequest: "198.51.100.25:25"
    std::string how;          // one sentence: why this destination
};

// A host by id or name (mail servers only: Exchange, or a host with listen ports) or a VIP
// by id or name, and a source host by id or name (empty: the design's first internet
// sender). On failure returns nothing and says why in `error`.
std::optional<DesignTarget> resolveDesignTarget(const model::Design& design,
                                                const std::string& server,
                                                const std::string& source,
                                                const ProbeTarget& probed, std::string* error);

// Whether the GUI offers "Probe live…" for this element id.
bool isProbeableElement(const model::Design& design, const model::Id& element);
// The probeable elements a canvas card stands for: the host itself, or a load balancer's VIPs.
std::vector<model::Id> probeableElementsOf(const model::Design& design,
                                           const model::Id& cardElement);
// The address:port a probe of `element` connects to by default: a VIP's address and port, a
// host's first address and its first SMTP port.
std::optional<ProbeTarget> suggestedProbeTarget(const model::Design& design,
                                                const model::Id& element);
// A display name for any element id of the design ("EX16", "EX16\Default Frontend EX16").
std::string elementLabel(const model::Design& design, const model::Id& id);
// The design's default accepted domain (the first one without a wildcard), or "".
std::string defaultAcceptedDomain(const model::Design& design);
std::vector<std::string> acceptedDomainNames(const model::Design& design);

}  // namespace mailtopo::probe
