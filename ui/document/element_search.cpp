#include "ui/document/element_search.h"

#include "core/net/address.h"

namespace mailtopo::ui {
namespace {

bool holds(const std::vector<model::IpAssignment>& addresses, const net::Address& address) {
    for (const auto& a : addresses)
        if (a.address == address)
            return true;
    return false;
}

}  // namespace

QStringList findElements(const model::Design& design, const QString& query) {
    QStringList found;
    const QString text = query.trimmed();
    if (text.isEmpty())
        return found;
    const auto add = [&found](const std::string& id) {
        const QString q = QString::fromStdString(id);
        if (!found.contains(q))
            found << q;
    };

    if (const auto address = net::Address::parse(text.toStdString())) {
        for (const auto& host : design.hosts)
            for (const auto& nic : host.nics)
                if (holds(nic.addresses, *address))
                    add(host.id);
        const auto devices = [&](const auto& list) {
            for (const auto& device : list)
                for (const auto& itf : device.interfaces)
                    if (holds(itf.addresses, *address))
                        add(device.id);
        };
        devices(design.loadBalancers);
        devices(design.firewalls);
        devices(design.routers);
        for (const auto& lb : design.loadBalancers)
            for (const auto& vip : lb.vips)
                if (vip.address == *address || (vip.snatAddress && *vip.snatAddress == *address))
                    add(vip.id);
        for (const auto& fw : design.firewalls) {
            for (const auto& nat : fw.inboundNat)
                if (nat.publicAddress == *address || nat.insideAddress == *address)
                    add(fw.id);
            for (const auto& nat : fw.outboundNat)
                if (nat.publicAddress == *address)
                    add(fw.id);
        }
        for (const auto& segment : design.segments)
            for (const auto& subnet : segment.subnets)
                if (subnet.contains(*address))
                    add(segment.id);
        return found;
    }

    const auto matches = [&text](const std::string& value) {
        return !value.empty() && QString::fromStdString(value).contains(text, Qt::CaseInsensitive);
    };
    for (const auto& host : design.hosts)
        if (matches(host.name) || matches(host.id) || matches(host.fqdn))
            add(host.id);
    const auto named = [&](const auto& list) {
        for (const auto& e : list)
            if (matches(e.name) || matches(e.id))
                add(e.id);
    };
    named(design.loadBalancers);
    named(design.firewalls);
    named(design.routers);
    named(design.segments);
    named(design.receiveConnectors);
    return found;
}

}  // namespace mailtopo::ui
