// One NIC of a host: alias, segment, gateways, DNS servers, the Windows interface flags the
// simulator reads (weak host send/receive, forwarding, DNS registration, a KM-TEST loopback
// adapter), its interface metric, and its addresses in a table (address, prefix length,
// SkipAsSource).

#include <QObject>
#include <algorithm>

#include "core/edit/design_edits.h"
#include "core/edit/sub_elements.h"
#include "core/edit/unique_ids.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

enum AddressColumn { kAddress, kPrefix, kSkip, kOrigin };

constexpr unsigned kMaxInterfaceMetric = 9999;  // as Set-NetIPInterface takes it

TableRows addressRows(const model::Nic& nic) {
    TableRows rows;
    for (const auto& a : nic.addresses)
        rows << QStringList{fromStd(a.address.toString()), QString::number(a.prefixLength),
                            a.skipAsSource ? QStringLiteral("1") : QStringLiteral("0"),
                            enumText(a.origin)};
    return rows;
}

QString writeAddresses(model::Nic& nic, const TableRows& rows) {
    std::vector<model::IpAssignment> addresses;
    for (const QStringList& row : rows) {
        model::IpAssignment a;
        QString why;
        const auto address = parseAddress(row[kAddress], &why);
        const auto length =
            address ? parsePrefixLength(row[kPrefix], address->family(), &why) : std::nullopt;
        if (!address || !length)
            return why;  // the table checked every cell; this only guards the invariant
        a.address = *address;
        a.prefixLength = *length;
        a.skipAsSource = row[kSkip] == QLatin1String("1");
        a.origin = enumValue<model::AddressOrigin>(row[kOrigin]);
        addresses.push_back(a);
    }
    nic.addresses = std::move(addresses);
    return QString();
}

}  // namespace

void buildNicEditor(InspectorForm& form, const model::Host& host, const model::Nic& nic) {
    const std::string hostId = host.id;
    const std::string nicId = nic.id;
    const auto at = [hostId, nicId](auto& d) {
        auto* h = byId(d.hosts, hostId);
        return h != nullptr ? byId(h->nics, nicId) : nullptr;
    };
    const QString prefix = QStringLiteral("nic.%1.").arg(fromStd(nicId));
    form.heading(tr("NIC %1").arg(fromStd(nic.alias.empty() ? nic.id : nic.alias)));
    stringField(form, prefix + QStringLiteral("alias"), tr("Name"),
                tr("The interface alias Windows shows (Get-NetAdapter Name), e.g. \"Ethernet0\"."),
                at, &model::Nic::alias, true);
    form.choice(prefix + QStringLiteral("segment"), tr("Segment"),
                tr("The network (VLAN) the adapter is plugged into; none for a loopback "
                   "adapter."),
                segmentChoices(form.design(), true),
                readVia(at, [](const model::Nic& n) { return fromStd(n.segmentId); }),
                writeVia(at, [](model::Nic& n, const QString& v) {
                    n.segmentId = v.toStdString();
                    return QString();
                }));
    form.text(prefix + QStringLiteral("gateways"), tr("Gateways"),
              tr("Default gateways of this adapter, comma-separated (IPv4 and/or IPv6). More "
                 "than one NIC with a gateway makes the route choice depend on metrics."),
              readVia(at, [](const model::Nic& n) { return addressListText(n.gateways); }),
              writeVia(at, [](model::Nic& n, const QString& v) {
                  return assignAddresses(n.gateways, v);
              }));
    form.text(prefix + QStringLiteral("dnsServers"), tr("DNS servers"),
              tr("DNS servers this adapter queries, comma-separated, in order."),
              readVia(at, [](const model::Nic& n) { return addressListText(n.dnsServers); }),
              writeVia(at, [](model::Nic& n, const QString& v) {
                  return assignAddresses(n.dnsServers, v);
              }));
    boolField(form, prefix + QStringLiteral("weakHostSend"), tr("Weak host send"),
              tr("WeakHostSend: the adapter may send packets whose source address belongs to "
                 "another adapter. Off by default since Windows Server 2008 (strong host "
                 "model); DSR members need it on the loopback adapter holding the VIP."),
              at, &model::Nic::weakHostSend);
    boolField(form, prefix + QStringLiteral("weakHostReceive"), tr("Weak host receive"),
              tr("WeakHostReceive: the adapter accepts packets addressed to another adapter's "
                 "address. Off by default since Windows Server 2008; DSR needs it on the NIC "
                 "that receives the VIP traffic."),
              at, &model::Nic::weakHostReceive);
    boolField(form, prefix + QStringLiteral("forwarding"), tr("Forwarding"),
              tr("The adapter forwards packets between interfaces, which also makes Windows "
                 "accept them as a weak host would."),
              at, &model::Nic::forwarding);
    boolField(form, prefix + QStringLiteral("registerInDns"), tr("Register in DNS"),
              tr("The adapter's addresses (except SkipAsSource ones) are registered in DNS."), at,
              &model::Nic::registerInDns);
    boolField(form, prefix + QStringLiteral("loopbackAdapter"), tr("Loopback adapter"),
              tr("A Microsoft KM-TEST Loopback Adapter: on no segment and silent to ARP, it holds "
                 "a DSR VIP so the server accepts the load balancer's packets (R11)."),
              at, &model::Nic::loopbackAdapter);
    form.text(prefix + QStringLiteral("interfaceMetric"), tr("Interface metric"),
              tr("InterfaceMetric: lower is preferred when routes tie; empty (0) lets Windows "
                 "derive it from the link speed. DSR loopback adapters get 254."),
              readVia(at,
                      [](const model::Nic& n) {
                          return n.interfaceMetric == 0 ? QString()
                                                        : QString::number(n.interfaceMetric);
                      }),
              writeVia(at, [](model::Nic& n, const QString& v) {
                  if (v.isEmpty()) {
                      n.interfaceMetric = 0;
                      return QString();
                  }
                  QString why;
                  const auto metric = parseNumber(v, kMaxInterfaceMetric, tr("metric"), &why);
                  if (metric)
                      n.interfaceMetric = static_cast<int>(*metric);
                  return why;
              }));

    using columns::check;
    QList<TableColumn> cols{
        columns::address(tr("Address"), tr("A unicast address on the adapter."), true),
        columns::prefixLength(tr("Prefix"), tr("Prefix length (24 for 255.255.255.0)."), kAddress),
        check(tr("Skip as source"),
              tr("SkipAsSource: Windows never picks this address as the source of outgoing "
                 "connections and does not register it in DNS; it still answers on it.")),
        columns::choice(tr("Origin"), QString(), enumChoices<model::AddressOrigin>()),
    };
    cols[kOrigin].hidden = true;  // kept as imported, not edited here
    form.table(prefix + QStringLiteral("addresses"), tr("Addresses"),
               tr("The adapter's unicast addresses. With several in one subnet Windows picks "
                  "the source by longest match, skipping SkipAsSource ones."),
               cols,
               QStringList{QString(), QStringLiteral("24"), QStringLiteral("0"),
                           enumText(model::AddressOrigin::Manual)},
               readRowsVia(at, addressRows),
               [at, nicId](model::Design& d, const TableRows& rows) -> QString {
                   model::Nic* edited = at(d);
                   if (edited == nullptr)
                       return tr("The element is no longer there.");
                   const QString why = writeAddresses(*edited, rows);
                   // A gateway the new addresses do not reach is replaced (core decides).
                   if (why.isEmpty())
                       edit::followNicAddresses(d, nicId);
                   return why;
               });
    // Removing takes the routes through the NIC with it (core's removeElements).
    form.button(prefix + QStringLiteral("remove"),
                tr("Remove NIC %1").arg(fromStd(nic.alias.empty() ? nic.id : nic.alias)),
                tr("Removes this adapter, its addresses and the routes that leave through it."),
                [nicId](model::Design& d) {
                    edit::removeElements(d, {nicId});
                    return QString();
                });
}

void buildAddNicButton(InspectorForm& form, const model::Host& host) {
    const std::string hostId = host.id;
    form.button(QStringLiteral("addNic"), tr("Add NIC"),
                tr("Adds a network adapter; choose its segment and addresses below."),
                [hostId](model::Design& d) {
                    model::Host* h = d.findHost(hostId);
                    if (h == nullptr)
                        return tr("The element is no longer there.");
                    edit::UniqueIds ids(d);
                    int index = 0;
                    for (const auto& existing : h->nics)
                        index = std::max(index, existing.interfaceIndex);
                    model::Nic nic;
                    nic.interfaceIndex = index + 1;
                    nic.id = ids.id(hostId + "-nic" + std::to_string(h->nics.size() + 1));
                    // The names the systems themselves give a further adapter (appended:
                    // GCC 12 warns falsely on "literal" + std::string).
                    const bool onLinux = h->os == model::OperatingSystem::Linux;
                    nic.alias = onLinux ? "eth" : "Ethernet ";
                    nic.alias += std::to_string(h->nics.size() + (onLinux ? 0 : 1));
                    h->nics.push_back(std::move(nic));
                    return QString();
                });
}

}  // namespace mailtopo::ui::inspector
