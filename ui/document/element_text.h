#pragma once
// The words the GUI uses for model values ("Windows Server 2019", "SNAT", "10.0.1.11/24").
// One place for them, so the diagram cards, the design tree, the status bar and later the
// inspector all say the same thing the same way.

#include <QString>
#include <string>
#include <vector>

#include "core/analysis/finding.h"
#include "core/model/design.h"
#include "core/sim/trace.h"

namespace mailtopo::ui::text {

inline QString fromStd(const std::string& value) {
    return QString::fromStdString(value);
}

QString hostKindName(model::HostKind kind);                  // "Internet sender"
QString exchangeRoleName(model::ExchangeRole role);          // "Mailbox", "CAS", "Hub", "Edge"
QString hostRoleSummary(const model::Host& host);            // "Exchange 2019 · Mailbox, Edge"
QString operatingSystemName(model::OperatingSystem os);      // "Windows Server 2019"
QString segmentKindName(model::SegmentKind kind);            // "Internet", "DMZ", "LAN"
QString loadBalancerModeName(model::LoadBalancerMode mode);  // "SNAT", "DSR", "transparent"
QString transportRoleName(model::TransportRole role);        // "Frontend", "Hub"

QString addressText(const model::IpAssignment& assignment);        // "10.0.1.11/24"
QString endpointText(const net::Address& address, uint16_t port);  // "10.0.1.5:25", "[::1]:25"
QString packetText(const sim::Packet& packet);      // "10.0.0.5:49152 → 10.0.1.20:25"
QString severityName(analysis::Severity severity);  // "Error", "Warning", "Note"
QString bindingsText(const std::vector<net::Binding>& bindings);  // "0.0.0.0:25, [::]:25"
// Shorter, for tight spaces: a port bound on both wildcards (0.0.0.0 and [::]) is "*:25".
QString compactBindingsText(const std::vector<net::Binding>& bindings);  // "*:25, 10.0.0.5:2525"
QString subnetsText(const std::vector<net::Prefix>& subnets);  // "10.0.1.0/24 · fd00::/64"

// "1 host", "3 hosts".
QString countText(qsizetype count, const QString& singular, const QString& plural);

// `text` when it has at most `limit` characters (UTF-16 units); else its first `limit` and
// "… (1,234,567 more characters not shown)". A name or description can be megabytes long,
// and laying out such a text takes minutes; what lays text out for reading (the report)
// shows no more than a reader can use, and says how much it left out.
QString shownText(const QString& text, qsizetype limit);

// The status-bar line: "4 hosts · 3 segments · 1 load balancer · 3 receive connectors".
QString designSummary(const model::Design& design);

}  // namespace mailtopo::ui::text
