#include "ui/diagram/element_descriptions.h"

#include <QCoreApplication>
#include <QStringList>

#include "ui/document/element_text.h"

namespace mailtopo::ui {
namespace {

using text::fromStd;

QString tr(const char* source) {
    return QCoreApplication::translate("ElementDescriptions", source);
}

CardLine lineOf(QString text, LineStyle style = LineStyle::Normal, int indent = 0) {
    CardLine line;
    line.text = std::move(text);
    line.style = style;
    line.indent = indent;
    return line;
}

QString html(const std::string& value) {
    return fromStd(value).toHtmlEscaped();
}

// The design's lookups, through the index when the caller built one (a whole scene at a
// time), else by searching the design (a card or two after an edit).
struct Find {
    const model::Design& model;
    const DesignLookup* lookup;

    const model::Segment* findSegment(const model::Id& id) const {
        return lookup != nullptr ? lookup->segment(id) : model.findSegment(id);
    }
    const model::Host* findHost(const model::Id& id) const {
        return lookup != nullptr ? lookup->host(id) : model.findHost(id);
    }
    std::vector<const model::ReceiveConnector*> receiveConnectorsOf(const model::Id& id) const {
        return lookup != nullptr ? lookup->connectorsOf(id) : model.receiveConnectorsOf(id);
    }
};

std::optional<model::SegmentKind> segmentKindOf(const Find& design, const model::Id& id) {
    if (id.empty())
        return std::nullopt;
    const model::Segment* segment = design.findSegment(id);
    return segment ? std::optional(segment->kind) : std::nullopt;
}

QString segmentNameOf(const Find& design, const model::Id& id) {
    const model::Segment* segment = design.findSegment(id);
    return segment ? fromStd(segment->name) : fromStd(id);
}

QString hostNameOf(const Find& design, const model::Id& id) {
    const model::Host* host = design.findHost(id);
    return host ? fromStd(host->name) : fromStd(id);
}

// The heading row of an interface ("MAPI · Server LAN") followed by one row per address.
void appendInterface(CardSection& section, const Find& design, const QString& id,
                     const QString& name, const model::Id& segmentId,
                     const std::vector<model::IpAssignment>& addresses, QList<CardTag> tags) {
    CardLine head;
    head.text = name;
    if (!segmentId.empty())
        head.text += QStringLiteral(" · ") + segmentNameOf(design, segmentId);
    head.style = LineStyle::Strong;
    head.chip = segmentKindOf(design, segmentId);
    head.hollowChip = !head.chip.has_value();
    head.tags = std::move(tags);
    head.anchorId = id;
    section.lines << head;
    if (addresses.empty()) {
        section.lines << lineOf(tr("no address"), LineStyle::Muted, 1);
    }
    for (const model::IpAssignment& assignment : addresses) {
        CardLine line = lineOf(text::addressText(assignment), LineStyle::Normal, 1);
        // R3: SkipAsSource addresses are never picked as a source; worth seeing at a glance.
        if (assignment.skipAsSource)
            line.tags << CardTag{tr("skip"), TagTone::Warning};
        if (assignment.origin == model::AddressOrigin::Dhcp)
            line.tags << CardTag{tr("DHCP"), TagTone::Neutral};
        section.lines << line;
    }
}

// The card's key facts zoomed out: each address, SkipAsSource ones marked (R3).
void appendAddressFacts(CardContent& content, const std::vector<model::IpAssignment>& addresses) {
    for (const model::IpAssignment& assignment : addresses) {
        const QString address = fromStd(assignment.address.toString());
        content.keyFacts << (assignment.skipAsSource ? tr("%1 · skip").arg(address) : address);
    }
}

void appendDeviceInterfaces(CardContent& content, const Find& design,
                            const std::vector<model::DeviceInterface>& interfaces, bool showZones) {
    if (interfaces.empty())
        return;
    CardSection section{tr("Interfaces"), {}};
    for (const model::DeviceInterface& iface : interfaces) {
        QList<CardTag> tags;
        if (showZones && !iface.zone.empty())
            tags << CardTag{fromStd(iface.zone), TagTone::Neutral};
        appendInterface(section, design, fromStd(iface.id), fromStd(iface.name), iface.segmentId,
                        iface.addresses, tags);
        content.nestedIds << fromStd(iface.id);
        appendAddressFacts(content, iface.addresses);
        if (!iface.segmentId.empty()) {
            content.attachments << CardAttachment{fromStd(iface.id), fromStd(iface.name),
                                                  fromStd(iface.segmentId)};
        }
    }
    content.sections << section;
}

QString interfaceToolTipRows(const Find& design,
                             const std::vector<model::DeviceInterface>& interfaces) {
    QString rows;
    for (const model::DeviceInterface& iface : interfaces) {
        QStringList addresses;
        for (const auto& a : iface.addresses)
            addresses << text::addressText(a);
        rows += QStringLiteral("<br/>%1 → %2: %3")
                    .arg(html(iface.name),
                         iface.segmentId.empty()
                             ? tr("not connected")
                             : segmentNameOf(design, iface.segmentId).toHtmlEscaped(),
                         addresses.join(QStringLiteral(", ")));
    }
    return rows;
}

QString toolTip(const std::string& name, const QString& what, const QString& body,
                const std::string& description, const std::string& id) {
    QString tip = QStringLiteral("<b>%1</b><br/>%2").arg(html(name), what.toHtmlEscaped());
    tip += body;
    if (!description.empty())
        tip += QStringLiteral("<p><i>%1</i></p>").arg(html(description));
    tip += QStringLiteral("<br/><small>id: %1</small>").arg(html(id));
    return tip;
}

}  // namespace

CardContent describeHost(const model::Design& model, const model::Host& host,
                         const DesignLookup* lookup) {
    const Find design{model, lookup};
    CardContent content;
    content.elementId = fromStd(host.id);
    content.icon = host.isExchange() ? ElementIcon::ExchangeServer : ElementIcon::SmtpHost;
    content.title = fromStd(host.name);
    content.subtitle = text::hostRoleSummary(host);

    CardSection about;
    about.lines << lineOf(text::operatingSystemName(host.os), LineStyle::Muted, 0);
    if (host.smtp) {
        const model::SmtpProperties& smtp = *host.smtp;
        if (!smtp.listenPorts.empty()) {
            QStringList ports;
            for (uint16_t port : smtp.listenPorts)
                ports << QString::number(port);
            about.lines << lineOf(tr("Listens on %1").arg(ports.join(QStringLiteral(", "))),
                                  LineStyle::Muted, 0);
        }
        if (!smtp.submitTo.empty()) {
            about.lines << lineOf(tr("Submits to %1").arg(fromStd(smtp.submitTo)), LineStyle::Muted,
                                  0);
        }
        if (!smtp.nextHops.empty()) {
            QStringList hops;
            for (const std::string& hop : smtp.nextHops)
                hops << fromStd(hop);
            about.lines << lineOf(tr("Forwards to %1").arg(hops.join(QStringLiteral(", "))),
                                  LineStyle::Muted, 0);
        }
    }
    content.sections << about;

    QString nicRows;
    if (!host.nics.empty()) {
        CardSection network{tr("Network"), {}};
        for (const model::Nic& nic : host.nics) {
            QList<CardTag> tags;
            if (nic.loopbackAdapter)
                tags << CardTag{tr("loopback"), TagTone::Special};
            if (nic.dhcp)
                tags << CardTag{tr("DHCP"), TagTone::Neutral};
            appendInterface(network, design, fromStd(nic.id), fromStd(nic.alias), nic.segmentId,
                            nic.addresses, tags);
            content.nestedIds << fromStd(nic.id);
            appendAddressFacts(content, nic.addresses);
            if (!nic.segmentId.empty()) {
                content.attachments
                    << CardAttachment{fromStd(nic.id), fromStd(nic.alias), fromStd(nic.segmentId)};
            }
            QStringList gateways;
            for (const net::Address& gateway : nic.gateways)
                gateways << fromStd(gateway.toString());
            nicRows += QStringLiteral("<br/>%1 → %2%3")
                           .arg(html(nic.alias),
                                nic.segmentId.empty()
                                    ? tr("not connected")
                                    : segmentNameOf(design, nic.segmentId).toHtmlEscaped(),
                                gateways.isEmpty()
                                    ? QString()
                                    : tr(", gateway %1").arg(gateways.join(QStringLiteral(", "))));
        }
        content.sections << network;
    }

    QString connectorRows;
    const auto connectors = design.receiveConnectorsOf(host.id);
    if (!connectors.empty()) {
        CardSection section{tr("Receive connectors"), {}};
        for (const model::ReceiveConnector* connector : connectors) {
            CardLine line = lineOf(fromStd(connector->name), LineStyle::Normal, 0);
            line.elementId = fromStd(connector->id);
            line.tags << CardTag{text::transportRoleName(connector->transportRole), TagTone::Info};
            if (!connector->enabled)
                line.tags << CardTag{tr("disabled"), TagTone::Neutral};
            line.trailing = text::compactBindingsText(connector->bindings);
            section.lines << line;
            content.nestedIds << fromStd(connector->id);
            connectorRows +=
                QStringLiteral("<br/>%1: %2")
                    .arg(html(connector->name), text::bindingsText(connector->bindings));
        }
        content.sections << section;
        content.keyFacts << text::countText(static_cast<qsizetype>(connectors.size()),
                                            tr("connector"), tr("connectors"));
    }

    QString body;
    if (!host.fqdn.empty())
        body += QStringLiteral("<br/>%1").arg(html(host.fqdn));
    body += QStringLiteral("<br/>%1").arg(text::operatingSystemName(host.os).toHtmlEscaped());
    body += nicRows;
    body += connectorRows;
    content.toolTip = toolTip(host.name, content.subtitle, body, host.description, host.id);
    return content;
}

CardContent describeLoadBalancer(const model::Design& model, const model::LoadBalancer& lb,
                                 const DesignLookup* lookup) {
    const Find design{model, lookup};
    CardContent content;
    content.elementId = fromStd(lb.id);
    content.icon = ElementIcon::LoadBalancer;
    content.title = fromStd(lb.name);
    content.subtitle = tr("Load balancer");
    for (const model::Vip& vip : lb.vips) {
        content.keyFacts << fromStd(vip.address.toString());
    }
    appendDeviceInterfaces(content, design, lb.interfaces, false);

    QString vipRows;
    if (!lb.vips.empty()) {
        CardSection section{tr("Virtual servers"), {}};
        for (const model::Vip& vip : lb.vips) {
            const qsizetype first = section.lines.size();
            CardLine name = lineOf(fromStd(vip.name), LineStyle::Strong, 0);
            name.tags << CardTag{text::loadBalancerModeName(vip.mode), TagTone::Special};
            section.lines << name;
            section.lines << lineOf(text::endpointText(vip.address, vip.port), LineStyle::Normal,
                                    1);
            QStringList members;
            for (const model::PoolMember& member : vip.pool) {
                QString entry = hostNameOf(design, member.hostId);
                if (member.port != vip.port)
                    entry += QStringLiteral(":%1").arg(member.port);
                members << entry;
            }
            section.lines << lineOf(members.isEmpty()
                                        ? tr("empty pool")
                                        : tr("pool %1").arg(members.join(QStringLiteral(", "))),
                                    LineStyle::Muted, 1);
            if (vip.snatAddress) {
                section.lines << lineOf(
                    tr("SNAT from %1").arg(fromStd(vip.snatAddress->toString())), LineStyle::Muted,
                    1);
            }
            if (!vip.sourceAcl.empty()) {
                section.lines << lineOf(
                    tr("source ACL: %1")
                        .arg(text::countText(static_cast<qsizetype>(vip.sourceAcl.size()),
                                             tr("range"), tr("ranges"))),
                    LineStyle::Muted, 1);
            }
            for (qsizetype line = first; line < section.lines.size(); ++line)
                section.lines[line].elementId = fromStd(vip.id);
            content.nestedIds << fromStd(vip.id);
            vipRows += QStringLiteral("<br/>VIP %1 %2 (%3) → %4")
                           .arg(html(vip.name), text::endpointText(vip.address, vip.port),
                                text::loadBalancerModeName(vip.mode),
                                members.join(QStringLiteral(", ")).toHtmlEscaped());
        }
        content.sections << section;
    }
    content.toolTip =
        toolTip(lb.name, content.subtitle, interfaceToolTipRows(design, lb.interfaces) + vipRows,
                lb.description, lb.id);
    return content;
}

CardContent describeFirewall(const model::Design& model, const model::Firewall& firewall,
                             const DesignLookup* lookup) {
    const Find design{model, lookup};
    CardContent content;
    content.elementId = fromStd(firewall.id);
    content.icon = ElementIcon::Firewall;
    content.title = fromStd(firewall.name);
    content.subtitle = firewall.stateful ? tr("Firewall · stateful") : tr("Firewall · stateless");

    if (!firewall.zones.empty()) {
        CardSection zones{tr("Zones"), {}};
        // Three zones to a row keeps the card narrow without hiding any.
        QStringList row;
        for (const model::FirewallZone& zone : firewall.zones) {
            row << QStringLiteral("%1 (%2)").arg(fromStd(zone.name)).arg(zone.trust);
            if (row.size() == 3) {
                zones.lines << lineOf(row.join(QStringLiteral(" · ")), LineStyle::Normal, 0);
                row.clear();
            }
        }
        if (!row.isEmpty()) {
            zones.lines << lineOf(row.join(QStringLiteral(" · ")), LineStyle::Normal, 0);
        }
        content.sections << zones;
    }
    appendDeviceInterfaces(content, design, firewall.interfaces, true);

    CardSection policy{tr("Policy"), {}};
    policy.lines << lineOf(text::countText(static_cast<qsizetype>(firewall.rules.size()),
                                           tr("access rule"), tr("access rules")),
                           LineStyle::Normal, 0);
    policy.lines << lineOf(tr("NAT: %1 inbound · %2 outbound")
                               .arg(firewall.inboundNat.size())
                               .arg(firewall.outboundNat.size()),
                           LineStyle::Normal, 0);
    if (firewall.unmatchedOutbound == model::UnmatchedOutbound::Block) {
        policy.lines << lineOf(tr("unmatched outbound blocked"), LineStyle::Muted, 0);
    }
    if (firewall.smtpInspection.enabled) {
        CardLine inspection = lineOf(tr("SMTP inspection"), LineStyle::Normal, 0);
        inspection.tags << CardTag{tr("on"), TagTone::Warning};
        policy.lines << inspection;
    }
    content.sections << policy;
    content.keyFacts << tr("%1 · %2 NAT")
                            .arg(text::countText(static_cast<qsizetype>(firewall.rules.size()),
                                                 tr("rule"), tr("rules")))
                            .arg(firewall.inboundNat.size() + firewall.outboundNat.size());
    for (const auto& rule : firewall.rules)
        content.nestedIds << fromStd(rule.id);
    for (const auto& nat : firewall.inboundNat)
        content.nestedIds << fromStd(nat.id);
    for (const auto& nat : firewall.outboundNat)
        content.nestedIds << fromStd(nat.id);

    QString natRows;
    for (const model::InboundNat& nat : firewall.inboundNat) {
        natRows += QStringLiteral("<br/>NAT %1 → %2")
                       .arg(text::endpointText(nat.publicAddress, nat.publicPort),
                            text::endpointText(nat.insideAddress, nat.insidePort));
    }
    content.toolTip = toolTip(firewall.name, content.subtitle,
                              interfaceToolTipRows(design, firewall.interfaces) + natRows,
                              firewall.description, firewall.id);
    return content;
}

CardContent describeRouter(const model::Design& model, const model::Router& router,
                           const DesignLookup* lookup) {
    const Find design{model, lookup};
    CardContent content;
    content.elementId = fromStd(router.id);
    content.icon = ElementIcon::Router;
    content.title = fromStd(router.name);
    content.subtitle = tr("Router");
    appendDeviceInterfaces(content, design, router.interfaces, false);
    if (!router.routes.empty()) {
        content.keyFacts << text::countText(static_cast<qsizetype>(router.routes.size()),
                                            tr("route"), tr("routes"));
        content.sections << CardSection{
            {},
            {lineOf(text::countText(static_cast<qsizetype>(router.routes.size()),
                                    tr("static route"), tr("static routes")),
                    LineStyle::Muted, 0)}};
    }
    content.toolTip =
        toolTip(router.name, content.subtitle, interfaceToolTipRows(design, router.interfaces),
                router.description, router.id);
    return content;
}

SegmentLabel describeSegment(const model::Segment& segment) {
    SegmentLabel label;
    label.title = fromStd(segment.name);
    label.subnets = text::subnetsText(segment.subnets);
    label.toolTip = toolTip(segment.name, tr("%1 segment").arg(text::segmentKindName(segment.kind)),
                            label.subnets.isEmpty()
                                ? QString()
                                : QStringLiteral("<br/>%1").arg(label.subnets.toHtmlEscaped()),
                            segment.description, segment.id);
    return label;
}

}  // namespace mailtopo::ui
