#include "ui/document/element_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>
#include <algorithm>

namespace mailtopo::ui::text {
namespace {

QString tr(const char* source) {
    return QCoreApplication::translate("ElementText", source);
}

}  // namespace

QString hostKindName(model::HostKind kind) {
    using K = model::HostKind;
    switch (kind) {
        case K::ExchangeServer:
            return tr("Exchange server");
        case K::InternetSender:
            return tr("Internet sender");
        case K::ApplicationClient:
            return tr("Application client");
        case K::SmartHost:
            return tr("Smart host");
        case K::MailGateway:
            return tr("Mail gateway");
        case K::Partner:
            return tr("Partner MTA");
    }
    return tr("Host");
}

QString exchangeRoleName(model::ExchangeRole role) {
    // The short names Exchange admins use; the full ones do not fit a card's subtitle.
    switch (role) {
        case model::ExchangeRole::Mailbox:
            return tr("Mailbox");
        case model::ExchangeRole::ClientAccess:
            return tr("CAS");
        case model::ExchangeRole::HubTransport:
            return tr("Hub");
        case model::ExchangeRole::Edge:
            return tr("Edge");
    }
    return tr("Mailbox");
}

QString hostRoleSummary(const model::Host& host) {
    if (!host.isExchange() || !host.exchange)
        return hostKindName(host.kind);
    QStringList roles;
    for (model::ExchangeRole role : host.exchange->roles.values())
        roles << exchangeRoleName(role);
    QString summary = tr("Exchange %1").arg(fromStd(std::string(enumName(host.exchange->version))));
    if (!roles.isEmpty())
        summary += QStringLiteral(" · ") + roles.join(QStringLiteral(", "));
    return summary;
}

QString operatingSystemName(model::OperatingSystem os) {
    using O = model::OperatingSystem;
    switch (os) {
        case O::Windows2003:
            return tr("Windows Server 2003");
        case O::Windows2008:
            return tr("Windows Server 2008");
        case O::Windows2008R2:
            return tr("Windows Server 2008 R2");
        case O::Windows2012:
            return tr("Windows Server 2012");
        case O::Windows2012R2:
            return tr("Windows Server 2012 R2");
        case O::Windows2016:
            return tr("Windows Server 2016");
        case O::Windows2019:
            return tr("Windows Server 2019");
        case O::Windows2022:
            return tr("Windows Server 2022");
        case O::Windows2025:
            return tr("Windows Server 2025");
        case O::Linux:
            return tr("Linux");
        case O::Appliance:
            return tr("Appliance");
        case O::Other:
            return tr("Other OS");
    }
    return tr("Other OS");
}

QString segmentKindName(model::SegmentKind kind) {
    switch (kind) {
        case model::SegmentKind::Internet:
            return tr("Internet");
        case model::SegmentKind::Dmz:
            return tr("DMZ");
        case model::SegmentKind::Lan:
            return tr("LAN");
    }
    return tr("LAN");
}

QString loadBalancerModeName(model::LoadBalancerMode mode) {
    switch (mode) {
        case model::LoadBalancerMode::Snat:
            return tr("SNAT");
        case model::LoadBalancerMode::Dsr:
            return tr("DSR");
        case model::LoadBalancerMode::Transparent:
            return tr("transparent");
    }
    return tr("SNAT");
}

QString transportRoleName(model::TransportRole role) {
    return role == model::TransportRole::HubTransport ? tr("Hub") : tr("Frontend");
}

QString addressText(const model::IpAssignment& assignment) {
    return QStringLiteral("%1/%2")
        .arg(fromStd(assignment.address.toString()))
        .arg(assignment.prefixLength);
}

QString endpointText(const net::Address& address, uint16_t port) {
    const QString host = fromStd(address.toString());
    return address.isV6() ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                          : QStringLiteral("%1:%2").arg(host).arg(port);
}

QString packetText(const sim::Packet& packet) {
    return endpointText(packet.source, packet.sourcePort) + QStringLiteral(" → ") +
           endpointText(packet.destination, packet.destinationPort);
}

QString severityName(analysis::Severity severity) {
    switch (severity) {
        case analysis::Severity::Error:
            return tr("Error");
        case analysis::Severity::Warning:
            return tr("Warning");
        case analysis::Severity::Info:
            break;
    }
    return tr("Note");
}

QString bindingsText(const std::vector<net::Binding>& bindings) {
    QStringList parts;
    for (const net::Binding& binding : bindings)
        parts << fromStd(binding.toString());
    return parts.join(QStringLiteral(", "));
}

QString compactBindingsText(const std::vector<net::Binding>& bindings) {
    QStringList parts;
    std::vector<uint16_t> merged;  // ports already written as "*:port"
    for (const net::Binding& binding : bindings) {
        if (std::find(merged.begin(), merged.end(), binding.port()) != merged.end() &&
            binding.isWildcard())
            continue;
        if (binding.isWildcard()) {
            const bool otherFamily =
                std::any_of(bindings.begin(), bindings.end(), [&](const net::Binding& other) {
                    return other.isWildcard() && other.port() == binding.port() &&
                           other.address().family() != binding.address().family();
                });
            if (otherFamily) {
                merged.push_back(binding.port());
                parts << QStringLiteral("*:%1").arg(binding.port());
                continue;
            }
        }
        parts << fromStd(binding.toString());
    }
    return parts.join(QStringLiteral(", "));
}

QString subnetsText(const std::vector<net::Prefix>& subnets) {
    QStringList parts;
    for (const net::Prefix& prefix : subnets)
        parts << fromStd(prefix.toString());
    return parts.join(QStringLiteral(" · "));
}

QString countText(qsizetype count, const QString& singular, const QString& plural) {
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

QString shownText(const QString& text, qsizetype limit) {
    if (text.size() <= limit)
        return text;
    // Never half a surrogate pair; and the note counts characters, a pair as one.
    const qsizetype cut = limit > 0 && text.at(limit - 1).isHighSurrogate() ? limit - 1 : limit;
    qsizetype more = 0;
    for (qsizetype i = cut; i < text.size(); ++i)
        more += text.at(i).isLowSurrogate() ? 0 : 1;
    return text.left(cut) + tr("… (%1 more %2 not shown)")
                                .arg(QLocale(QLocale::English).toString(more),
                                     more == 1 ? tr("character") : tr("characters"));
}

QString designSummary(const model::Design& design) {
    QStringList parts;
    auto add = [&](size_t count, const QString& singular, const QString& plural, bool always) {
        if (count > 0 || always)
            parts << countText(static_cast<qsizetype>(count), singular, plural);
    };
    add(design.hosts.size(), tr("host"), tr("hosts"), true);
    add(design.segments.size(), tr("segment"), tr("segments"), true);
    add(design.loadBalancers.size(), tr("load balancer"), tr("load balancers"), false);
    add(design.firewalls.size(), tr("firewall"), tr("firewalls"), false);
    add(design.routers.size(), tr("router"), tr("routers"), false);
    add(design.receiveConnectors.size(), tr("receive connector"), tr("receive connectors"), true);
    add(design.sendConnectors.size(), tr("send connector"), tr("send connectors"), false);
    add(design.flows.size(), tr("flow"), tr("flows"), false);
    return parts.join(QStringLiteral(" · "));
}

}  // namespace mailtopo::ui::text
