// A router: name, description, interfaces and routes.

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/device_tables.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui::inspector {

void buildRouterEditor(InspectorForm& form, const model::Router& router) {
    using text::fromStd;
    const std::string id = router.id;
    const auto at = [id](auto& d) { return byId(d.routers, id); };
    stringField(form, QStringLiteral("name"), QObject::tr("Name"),
                QObject::tr("The router's name."), at, &model::Router::name, true);
    stringField(form, QStringLiteral("description"), QObject::tr("Description"),
                QObject::tr("Free text for the design."), at, &model::Router::description);
    interfacesTable(form, id, interfacesOf(at), false);
    routesTable(form, interfaceChoices(interfacesOf(at)), routesOf(at));
}

}  // namespace mailtopo::ui::inspector
