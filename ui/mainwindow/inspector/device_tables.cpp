#include "ui/mainwindow/inspector/device_tables.h"

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/id_rows.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/model_lookup.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

enum InterfaceColumn { kId, kName, kSegment, kAddresses, kZone };

QString assignmentsText(const std::vector<model::IpAssignment>& addresses) {
    QStringList parts;
    for (const auto& a : addresses)
        parts << text::addressText(a);
    return parts.join(QStringLiteral(", "));
}

// "10.0.0.1/24, 10.0.0.2/24" back to assignments; flags of addresses that stay are kept.
std::vector<model::IpAssignment> assignments(const QString& text,
                                             const std::vector<model::IpAssignment>& before) {
    std::vector<model::IpAssignment> out;
    for (const auto& prefix : parsePrefixList(text, nullptr).value_or(std::vector<net::Prefix>{})) {
        model::IpAssignment a;
        for (const auto& old : before)
            if (old.address == prefix.address())
                a = old;
        a.address = prefix.address();
        a.prefixLength = prefix.length();
        out.push_back(a);
    }
    return out;
}

}  // namespace

void interfacesTable(InspectorForm& form, const std::string& deviceId,
                     const DeviceLists<model::DeviceInterface>& lists, bool withZone) {
    QList<TableColumn> cols{
        columns::hiddenId(),
        columns::text(tr("Name"), tr("The interface's name on the device."), true),
        columns::choice(tr("Segment"), tr("The network the interface is on."),
                        segmentChoices(form.design(), true)),
        columns::prefixList(tr("Addresses"),
                            tr("Its addresses with prefix length, comma-separated: "
                               "10.0.0.1/24, 10.0.0.2/24.")),
    };
    if (withZone)
        cols << columns::text(tr("Zone"),
                              tr("The firewall zone the interface belongs to; rules match "
                                 "traffic by the zones it comes from and goes to."),
                              false);
    QStringList newRow{QString(), QString(), QString(), QString()};
    if (withZone)
        newRow << QString();
    const auto read = lists.read;
    form.table(
        QStringLiteral("interfaces"), tr("Interfaces"),
        tr("The device's interfaces: where it connects and which addresses it owns."), cols, newRow,
        [read, withZone](const model::Design& d) {
            TableRows rows;
            if (const auto* list = read(d))
                for (const auto& i : *list) {
                    QStringList row{fromStd(i.id), fromStd(i.name), fromStd(i.segmentId),
                                    assignmentsText(i.addresses)};
                    if (withZone)
                        row << fromStd(i.zone);
                    rows << row;
                }
            return rows;
        },
        [lists, deviceId, withZone](model::Design& d, const TableRows& rows) -> QString {
            std::vector<model::DeviceInterface>* list = lists.write(d);
            if (list == nullptr)
                return tr("The element is no longer there.");
            IdMaker ids(d);
            rebuildWithIds(*list, rows, ids, deviceId + "-if",
                           [withZone](model::DeviceInterface& i, const QStringList& row) {
                               i.name = row[kName].trimmed().toStdString();
                               i.segmentId = row[kSegment].toStdString();
                               i.addresses = assignments(row[kAddresses], i.addresses);
                               if (withZone)
                                   i.zone = row[kZone].trimmed().toStdString();
                           });
            return QString();
        });
}

InterfaceChoices interfaceChoices(const DeviceLists<model::DeviceInterface>& interfaces) {
    return [read = interfaces.read](const model::Design& d) {
        return interfaceChoiceList(read(d), &model::DeviceInterface::name);
    };
}

void routesTable(InspectorForm& form, const InterfaceChoices& through,
                 const DeviceLists<model::Route>& lists) {
    enum RouteColumn { kDestination, kNextHop, kInterface, kMetric };
    const TableColumn destination =
        columns::custom(tr("Destination *"), tr("The network the route leads to, in CIDR."),
                        [](const QString& cell, const QStringList&) {
                            QString why;
                            return parsePrefix(cell, &why) ? QString() : why;
                        });
    const auto read = lists.read;
    form.table(
        QStringLiteral("routes"), tr("Routes"),
        tr("Static routes; the longest matching destination wins, then the lowest metric."),
        {destination,
         columns::address(tr("Next hop"), tr("The router to send to; empty for on-link."), false),
         columns::choice(tr("Interface"), tr("The interface the route leaves through."),
                         [&form, through] { return through(form.design()); }),
         columns::number(tr("Metric"), tr("Route metric; lower is preferred."), 9999)},
        QStringList{QString(), QString(), QString(), QStringLiteral("0")},
        [read](const model::Design& d) {
            TableRows rows;
            if (const auto* list = read(d))
                for (const auto& r : *list)
                    rows << QStringList{fromStd(r.destination.toString()),
                                        optionalAddressText(r.nextHop), fromStd(r.interfaceId),
                                        QString::number(r.metric)};
            return rows;
        },
        [lists](model::Design& d, const TableRows& rows) -> QString {
            std::vector<model::Route>* list = lists.write(d);
            if (list == nullptr)
                return tr("The element is no longer there.");
            std::vector<model::Route> out;
            for (const QStringList& row : rows) {
                model::Route r;
                r.destination = parsePrefix(row[kDestination], nullptr).value_or(net::Prefix());
                r.nextHop = parseOptionalAddress(row[kNextHop], nullptr).value_or(std::nullopt);
                r.interfaceId = row[kInterface].toStdString();
                r.metric = row[kMetric].toInt();
                out.push_back(r);
            }
            *list = std::move(out);
            return QString();
        });
}

}  // namespace mailtopo::ui::inspector
