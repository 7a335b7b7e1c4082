#pragma once
// The tables routers, load balancers and firewalls share: their interfaces (name, segment,
// addresses, and the zone on a firewall) and their static routes (a host's routes too).

#include <QObject>
#include <functional>
#include <string>
#include <vector>

#include "core/model/design.h"
#include "ui/mainwindow/inspector/table_editor.h"

namespace mailtopo::ui::inspector {

class InspectorForm;

// Where the device's lists are, const and not.
template <class T>
struct DeviceLists {
    std::function<const std::vector<T>*(const model::Design&)> read;
    std::function<std::vector<T>*(model::Design&)> write;
};

// `at` finds the device (a generic lambda over const and non-const designs).
template <class At>
DeviceLists<model::DeviceInterface> interfacesOf(At at) {
    return {[at](const model::Design& d) { return at(d) ? &at(d)->interfaces : nullptr; },
            [at](model::Design& d) { return at(d) ? &at(d)->interfaces : nullptr; }};
}

template <class At>
DeviceLists<model::Route> routesOf(At at) {
    return {[at](const model::Design& d) { return at(d) ? &at(d)->routes : nullptr; },
            [at](model::Design& d) { return at(d) ? &at(d)->routes : nullptr; }};
}

// `deviceId` seeds the ids of interfaces added in the table ("fw-edge-if-1").
void interfacesTable(InspectorForm& form, const std::string& deviceId,
                     const DeviceLists<model::DeviceInterface>& lists, bool withZone);
// What a route can leave through (a device's interfaces, a host's NICs), asked from the
// design as it is then, so an interface added above is a choice at once.
using InterfaceChoices = std::function<QList<Choice>(const model::Design&)>;
// "(any)", then each of `list` (null: none) by its `label` member, or its id when that is
// empty: a device interface's name, a NIC's alias.
template <class T>
QList<Choice> interfaceChoiceList(const std::vector<T>* list, std::string T::*label) {
    QList<Choice> choices{{QString(), QObject::tr("(any)")}};
    if (list != nullptr)
        for (const T& i : *list)
            choices.push_back({QString::fromStdString(i.id),
                               QString::fromStdString((i.*label).empty() ? i.id : i.*label)});
    return choices;
}
InterfaceChoices interfaceChoices(const DeviceLists<model::DeviceInterface>& interfaces);
void routesTable(InspectorForm& form, const InterfaceChoices& through,
                 const DeviceLists<model::Route>& lists);

}  // namespace mailtopo::ui::inspector
