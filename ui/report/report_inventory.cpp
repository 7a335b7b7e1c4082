// Appendix: the inventory of the design, so the report stands on its own — servers, NICs and
// addresses, receive connectors with ranges and permissions, send connectors, load balancer
// VIPs, firewall NAT and rules, accepted domains.

#include "core/util/enum_text.h"
#include "ui/document/element_text.h"
#include "ui/report/report_sections.h"

namespace mailtopo::ui::report::sections {
namespace {

template <class Item, class Text>
QString joinedText(const std::vector<Item>& items, Text text, const QString& separator,
                   const QString& empty = QStringLiteral("—")) {
    QStringList parts;
    for (const auto& item : items)
        parts << text(item);
    return parts.isEmpty() ? empty : parts.join(separator);
}

template <class E>
QString flagsText(const FlagSet<E>& flags) {
    QStringList parts;
    for (E value : flags.values())
        parts << qs(std::string(enumName(value)));
    return parts.isEmpty() ? QStringLiteral("None") : parts.join(QStringLiteral(", "));
}

QString rangesText(const std::vector<net::IpRange>& ranges, const QString& empty) {
    return joinedText(
        ranges, [](const net::IpRange& r) { return qs(r.toString()); }, QStringLiteral(", "),
        empty);
}

QString addressesText(const std::vector<model::IpAssignment>& addresses) {
    return joinedText(
        addresses,
        [](const model::IpAssignment& a) {
            return text::addressText(a) +
                   (a.skipAsSource ? QStringLiteral(" (SkipAsSource)") : QString());
        },
        QStringLiteral("\n"));
}

void servers(ReportLayout& layout, const model::Design& design) {
    std::vector<TableRow> hosts;
    std::vector<TableRow> nics;
    for (const auto& host : design.hosts) {
        hosts.push_back(
            {{qs(host.name.empty() ? host.id : host.name), text::hostRoleSummary(host),
              text::operatingSystemName(host.os),
              host.exchange ? qs(host.exchange->site) : QStringLiteral("—"), qs(host.fqdn)},
             {}});
        for (const auto& nic : host.nics) {
            QStringList flags;
            if (nic.dhcp)
                flags << QStringLiteral("DHCP");
            if (nic.weakHostSend)
                flags << QStringLiteral("weak host send");
            if (nic.weakHostReceive)
                flags << QStringLiteral("weak host receive");
            if (nic.forwarding)
                flags << QStringLiteral("forwarding");
            if (!nic.registerInDns)
                flags << QStringLiteral("not registered in DNS");
            if (nic.loopbackAdapter)
                flags << QStringLiteral("KM-TEST loopback");
            if (nic.interfaceMetric != 0)
                flags << QStringLiteral("metric %1").arg(nic.interfaceMetric);
            const auto* segment = design.findSegment(nic.segmentId);
            nics.push_back(
                {{qs(host.name.empty() ? host.id : host.name),
                  qs(nic.alias) + QStringLiteral(" (#%1)").arg(nic.interfaceIndex),
                  segment ? qs(segment->name.empty() ? segment->id : segment->name)
                          : QStringLiteral("—"),
                  addressesText(nic.addresses),
                  joinedText(
                      nic.gateways, [](const net::Address& a) { return qs(a.toString()); },
                      QStringLiteral(", ")),
                  joinedText(
                      nic.dnsServers, [](const net::Address& a) { return qs(a.toString()); },
                      QStringLiteral(", ")),
                  flags.join(QStringLiteral(", "))},
                 {}});
        }
    }
    layout.heading(2, QStringLiteral("Servers and hosts"));
    layout.table({{QStringLiteral("Name"), 1.3},
                  {QStringLiteral("Role"), 2},
                  {QStringLiteral("Operating system"), 1.6},
                  {QStringLiteral("Site"), 1.5},
                  {QStringLiteral("FQDN"), 2}},
                 hosts);
    layout.heading(2, QStringLiteral("NICs and addresses"));
    layout.table({{QStringLiteral("Host"), 1},
                  {QStringLiteral("NIC"), 1.1},
                  {QStringLiteral("Segment"), 1},
                  {QStringLiteral("Addresses"), 1.9, true},
                  {QStringLiteral("Gateway"), 1.1, true},
                  {QStringLiteral("DNS servers"), 1.1, true},
                  {QStringLiteral("Flags"), 1.3}},
                 nics);
}

void connectors(ReportLayout& layout, const model::Design& design) {
    std::vector<TableRow> receive;
    for (const auto& rc : design.receiveConnectors) {
        QString permissions = flagsText(rc.permissionGroups);
        for (const auto& ace : rc.permissions)
            permissions += QStringLiteral("\n%1 %2: %3")
                               .arg(ace.deny ? QStringLiteral("deny") : QStringLiteral("allow"),
                                    qs(ace.user), flagsText(ace.extendedRights));
        const auto* server = design.findHost(rc.serverId);
        receive.push_back(
            {{qs(server ? (server->name.empty() ? server->id : server->name) : rc.serverId) +
                  QLatin1Char('\\') + qs(rc.name) +
                  (rc.enabled ? QString() : QStringLiteral(" (disabled)")),
              text::transportRoleName(rc.transportRole), text::bindingsText(rc.bindings),
              rangesText(rc.remoteIpRanges, QStringLiteral("(any)")), permissions,
              flagsText(rc.authMechanism)},
             {}});
    }
    layout.heading(2, QStringLiteral("Receive connectors"));
    if (receive.empty())
        layout.paragraph(QStringLiteral("None listed."));
    else
        layout.table({{QStringLiteral("Connector"), 1.8},
                      {QStringLiteral("Role"), 0.9},
                      {QStringLiteral("Bindings"), 1.3, true},
                      {QStringLiteral("RemoteIPRanges"), 1.9, true},
                      {QStringLiteral("Permissions"), 2.2},
                      {QStringLiteral("Auth"), 1.2}},
                     receive);

    std::vector<TableRow> send;
    for (const auto& sc : design.sendConnectors) {
        QStringList sources;
        for (const auto& id : sc.sourceServerIds)
            sources << label(design, id);
        send.push_back(
            {{qs(sc.name) + (sc.enabled ? QString() : QStringLiteral(" (disabled)")),
              joinedText(
                  sc.addressSpaces,
                  [](const model::AddressSpace& a) {
                      return QStringLiteral("%1:%2;%3").arg(qs(a.type), qs(a.domain)).arg(a.cost);
                  },
                  QStringLiteral(", ")),
              sources.join(QStringLiteral(", ")),
              sc.dnsRoutingEnabled ? QStringLiteral("MX (DNS)")
                                   : joinedText(
                                         sc.smartHosts, [](const std::string& s) { return qs(s); },
                                         QStringLiteral(", ")),
              QString::number(sc.port), qs(sc.fqdn)},
             {}});
    }
    layout.heading(2, QStringLiteral("Send connectors"));
    if (send.empty())
        layout.paragraph(QStringLiteral("None listed."));
    else
        layout.table({{QStringLiteral("Connector"), 1.5},
                      {QStringLiteral("Address spaces"), 1.8, true},
                      {QStringLiteral("Source servers"), 1.5},
                      {QStringLiteral("Routing"), 1.6},
                      {QStringLiteral("Port"), 0.5},
                      {QStringLiteral("FQDN"), 1.4}},
                     send);
}

void devices(ReportLayout& layout, const model::Design& design) {
    std::vector<TableRow> vips;
    for (const auto& lb : design.loadBalancers) {
        for (const auto& vip : lb.vips) {
            vips.push_back(
                {{qs(lb.name.empty() ? lb.id : lb.name) + QStringLiteral(" / ") + qs(vip.name),
                  text::endpointText(vip.address, vip.port), text::loadBalancerModeName(vip.mode),
                  vip.snatAddress ? qs(vip.snatAddress->toString()) : QStringLiteral("—"),
                  joinedText(
                      vip.pool,
                      [&](const model::PoolMember& m) {
                          return label(design, m.hostId) +
                                 (m.address ? QStringLiteral(" (%1)").arg(qs(m.address->toString()))
                                            : QString());
                      },
                      QStringLiteral(", ")),
                  rangesText(vip.sourceAcl, QStringLiteral("(any)"))},
                 {}});
        }
    }
    layout.heading(2, QStringLiteral("Load balancer VIPs"));
    if (vips.empty())
        layout.paragraph(QStringLiteral("None."));
    else
        layout.table({{QStringLiteral("VIP"), 1.6},
                      {QStringLiteral("Address"), 1.2, true},
                      {QStringLiteral("Mode"), 0.7},
                      {QStringLiteral("SNAT address"), 1.1, true},
                      {QStringLiteral("Pool"), 2},
                      {QStringLiteral("Source ACL"), 1.3, true}},
                     vips);

    std::vector<TableRow> nat;
    std::vector<TableRow> rules;
    for (const auto& fw : design.firewalls) {
        const QString name = qs(fw.name.empty() ? fw.id : fw.name);
        for (const auto& n : fw.inboundNat)
            nat.push_back(
                {{name, QStringLiteral("inbound"), qs(n.name),
                  text::endpointText(n.publicAddress, n.publicPort),
                  text::endpointText(n.insideAddress, n.insidePort),
                  n.sourceTranslation
                      ? QStringLiteral("client → %1").arg(qs(n.sourceTranslation->toString()))
                      : QStringLiteral("client kept")},
                 {}});
        for (const auto& n : fw.outboundNat)
            nat.push_back({{name, QStringLiteral("outbound"), qs(n.name),
                            rangesText(n.insideSources, QStringLiteral("(any)")),
                            qs(n.publicAddress.toString()), QString()},
                           {}});
        for (const auto& r : fw.rules)
            rules.push_back(
                {{name, qs(r.name.empty() ? r.id : r.name),
                  QStringLiteral("%1 → %2").arg(qs(r.fromZone), qs(r.toZone)),
                  rangesText(r.sources, QStringLiteral("any")),
                  rangesText(r.destinations, QStringLiteral("any")),
                  r.ports.empty() ? QStringLiteral("any")
                                  : joinedText(
                                        r.ports, [](uint16_t p) { return QString::number(p); },
                                        QStringLiteral(", ")),
                  qs(std::string(enumName(r.action)))},
                 {}});
    }
    layout.heading(2, QStringLiteral("Firewall NAT"));
    if (nat.empty())
        layout.paragraph(QStringLiteral("None."));
    else
        layout.table({{QStringLiteral("Firewall"), 1},
                      {QStringLiteral("Direction"), 0.8},
                      {QStringLiteral("Rule"), 1.3},
                      {QStringLiteral("Public / inside sources"), 1.6, true},
                      {QStringLiteral("Inside / public"), 1.4, true},
                      {QStringLiteral("Client address"), 1.3}},
                     nat);
    if (!rules.empty()) {
        layout.heading(2, QStringLiteral("Firewall rules"));
        layout.table({{QStringLiteral("Firewall"), 1},
                      {QStringLiteral("Rule"), 1.3},
                      {QStringLiteral("Zones"), 1.3},
                      {QStringLiteral("Sources"), 1.5, true},
                      {QStringLiteral("Destinations"), 1.5, true},
                      {QStringLiteral("Ports"), 0.7},
                      {QStringLiteral("Action"), 0.7}},
                     rules);
    }
}

void organization(ReportLayout& layout, const model::Design& design) {
    std::vector<TableRow> domains;
    for (const auto& d : design.organization.acceptedDomains)
        domains.push_back({{qs(d.domainName), qs(std::string(enumName(d.type))),
                            d.isDefault ? QStringLiteral("yes") : QString()},
                           {}});
    layout.heading(2, QStringLiteral("Accepted domains and transport settings"));
    if (!domains.empty())
        layout.table({{QStringLiteral("Domain"), 3},
                      {QStringLiteral("Type"), 1.5},
                      {QStringLiteral("Default"), 0.8}},
                     domains);
    layout.fields(
        {{QStringLiteral("InternalSMTPServers"),
          rangesText(design.organization.internalSmtpServers, QStringLiteral("(none)"))}});
}

}  // namespace

void inventory(ReportLayout& layout, const model::Design& design) {
    layout.heading(1, QStringLiteral("Appendix A  Inventory"));
    servers(layout, design);
    connectors(layout, design);
    devices(layout, design);
    organization(layout, design);
}

}  // namespace mailtopo::ui::report::sections
