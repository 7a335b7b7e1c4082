// A load balancer: name, interfaces, routes, its virtual servers (address, port, SNAT or
// DSR, SNAT address, source ACL) and their pool members (one table for all VIPs, a row
// naming its VIP, so the narrow dock needs no table inside a table).

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/device_tables.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/id_rows.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

using model::LoadBalancer;
using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

enum VipColumn { kId, kName, kAddress, kPort, kMode, kSnat, kAcl };

TableRows vipRows(const LoadBalancer& lb) {
    TableRows rows;
    for (const auto& v : lb.vips)
        rows << QStringList{fromStd(v.id),
                            fromStd(v.name),
                            fromStd(v.address.toString()),
                            QString::number(v.port),
                            enumText(v.mode),
                            optionalAddressText(v.snatAddress),
                            rangeListText(v.sourceAcl)};
    return rows;
}

// What a VIP row shows; the pool stays with its VIP (poolTable edits it).
void fillVip(model::Vip& v, const QStringList& row) {
    v.name = row[kName].trimmed().toStdString();
    v.address = parseAddress(row[kAddress], nullptr).value_or(v.address);
    v.port = parsePort(row[kPort], nullptr).value_or(v.port);
    v.mode = enumValue<model::LoadBalancerMode>(row[kMode]);
    v.snatAddress = parseOptionalAddress(row[kSnat], nullptr).value_or(std::nullopt);
    v.sourceAcl = parseRangeList(row[kAcl], nullptr).value_or(v.sourceAcl);
}

void vipTable(InspectorForm& form, const std::string& id) {
    const auto at = [id](auto& d) { return byId(d.loadBalancers, id); };
    form.table(
        QStringLiteral("vips"), tr("Virtual servers"),
        tr("The addresses clients connect to. SNAT replaces the client's address by the SNAT "
           "address, so members see the load balancer; DSR forwards the packet unchanged and "
           "members answer the client directly (they must hold the VIP on a loopback "
           "adapter); transparent keeps the client address but routes replies back through "
           "the load balancer."),
        {columns::hiddenId(), columns::text(tr("Name"), tr("The virtual server's name."), false),
         columns::address(tr("Address"), tr("The VIP clients connect to."), true),
         columns::detailed(columns::port(tr("Port"), tr("The TCP port of the VIP."))),
         columns::choice(tr("Mode"), tr("SNAT, transparent or DSR (direct server return)."),
                         labelledChoices(text::loadBalancerModeName)),
         columns::detailed(columns::address(tr("SNAT address"),
                                            tr("SNAT mode: the self address members see as "
                                               "the client; empty uses the interface address."),
                                            false)),
         columns::detailed(columns::rangeList(
             tr("Source ACL"),
             tr("Clients allowed to connect, comma-separated; empty is anyone.")))},
        QStringList{QString(), QString(), QString(), QStringLiteral("25"),
                    enumText(model::LoadBalancerMode::Snat), QString(), QString()},
        readRowsVia(at, vipRows), writeIdRowsVia(at, &LoadBalancer::vips, id + "-vip", fillVip));
}

enum PoolColumn { kVip, kHost, kMemberAddress, kMemberPort };

TableRows poolRows(const LoadBalancer& lb) {
    TableRows rows;
    for (const auto& v : lb.vips)
        for (const auto& m : v.pool)
            rows << QStringList{fromStd(v.id), fromStd(m.hostId), optionalAddressText(m.address),
                                QString::number(m.port)};
    return rows;
}

// Each VIP's pool is the rows naming it, in table order.
QString writePool(LoadBalancer& lb, const TableRows& rows) {
    for (auto& v : lb.vips)
        v.pool.clear();
    for (const QStringList& row : rows) {
        model::Vip* vip = byId(lb.vips, row[kVip].toStdString());
        if (vip == nullptr)
            return tr("virtual server '%1' is not on this load balancer").arg(row[kVip]);
        model::PoolMember m;
        m.hostId = row[kHost].toStdString();
        m.address = parseOptionalAddress(row[kMemberAddress], nullptr).value_or(std::nullopt);
        m.port = parsePort(row[kMemberPort], nullptr).value_or(25);
        vip->pool.push_back(m);
    }
    return QString();
}

void poolTable(InspectorForm& form, const LoadBalancer& lb) {
    const std::string id = lb.id;
    const auto at = [id](auto& d) { return byId(d.loadBalancers, id); };
    // The VIPs as they are when asked: one added above is a choice at once.
    const auto vips = [&form, at] {
        QList<Choice> choices;
        if (const LoadBalancer* l = at(form.design()))
            for (const auto& v : l->vips)
                choices.push_back(
                    {fromStd(v.id), fromStd(v.name.empty() ? v.address.toString() : v.name)});
        return choices;
    };
    const QString firstVip = lb.vips.empty() ? QString() : fromStd(lb.vips.front().id);
    const QList<Choice> hosts = hostChoices(form.design(), false);
    form.table(
        QStringLiteral("pool"), tr("Pool members"),
        tr("The servers behind each virtual server. The first member takes the connection "
           "unless a flow names another."),
        {columns::choice(tr("Virtual server"), tr("The VIP this member serves."),
                         std::function<QList<Choice>()>(vips)),
         columns::choice(tr("Host"), tr("The member server."), hosts),
         columns::address(tr("Address"),
                          tr("The member's address; empty uses its address on the load "
                             "balancer's segment."),
                          false),
         columns::detailed(columns::port(tr("Port"), tr("The port the member listens on.")))},
        QStringList{firstVip, hosts.isEmpty() ? QString() : hosts.front().value, QString(),
                    QStringLiteral("25")},
        readRowsVia(at, poolRows), writeRowsVia(at, writePool));
}

}  // namespace

void buildLoadBalancerEditor(InspectorForm& form, const LoadBalancer& lb) {
    const std::string id = lb.id;
    const auto at = [id](auto& d) { return byId(d.loadBalancers, id); };
    stringField(form, QStringLiteral("name"), tr("Name"), tr("The load balancer's name."), at,
                &LoadBalancer::name, true);
    stringField(form, QStringLiteral("description"), tr("Description"),
                tr("Free text for the design."), at, &LoadBalancer::description);
    vipTable(form, id);
    poolTable(form, lb);
    interfacesTable(form, id, interfacesOf(at), false);
    routesTable(form, interfaceChoices(interfacesOf(at)), routesOf(at));
}

}  // namespace mailtopo::ui::inspector
