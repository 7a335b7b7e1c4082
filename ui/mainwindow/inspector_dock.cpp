#include "ui/mainwindow/inspector_dock.h"

#include "core/probe/design_target.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui {
namespace {

using inspector::byId;

bool elementExists(const model::Design& design, const QString& elementId) {
    const std::string id = elementId.toStdString();
    return design.findHost(id) != nullptr || design.findReceiveConnector(id) != nullptr ||
           byId(design.loadBalancers, id) != nullptr || byId(design.firewalls, id) != nullptr ||
           byId(design.routers, id) != nullptr || byId(design.flows, id) != nullptr ||
           probe::elementLabel(design, id) != id;
}

// What decides the form's sections: a form is built again (not just refreshed) when it
// changes, e.g. a design opened, a NIC added or removed, or undone.
QString formShape(const DesignDocument& document, const QString& elementId) {
    if (!document.hasDesign())
        return QStringLiteral("(no design)");
    QString shape;
    if (const model::Host* host = document.design().findHost(elementId.toStdString())) {
        for (const auto& nic : host->nics)
            shape += QString::fromStdString(nic.id) + QLatin1Char('\n');
        // "Make default connectors explicit" is offered only while they are implicit.
        if (host->exchange && host->exchange->implicitDefaultConnectors)
            shape += QStringLiteral("(implicit default connectors)\n");
    }
    // A flow's source addresses are its source host's.
    if (const model::Flow* flow = byId(document.design().flows, elementId.toStdString()))
        shape += QString::fromStdString(flow->sourceHostId);
    return shape;
}

// Fills `form` (when given) with the editor of the element `id` names; false when it has
// none. Without a form it only says whether there is one: one list for both questions.
bool buildEditor(inspector::InspectorForm* form, const model::Design& design,
                 const std::string& id) {
    using namespace inspector;
    const auto build = [form](auto builder, const auto& element) {
        if (form != nullptr)
            builder(*form, element);
        return true;
    };
    if (const auto* host = design.findHost(id))
        return build(buildHostEditor, *host);
    if (const auto* rc = byId(design.receiveConnectors, id))
        return build(buildReceiveConnectorEditor, *rc);
    if (const auto* sc = byId(design.sendConnectors, id))
        return build(buildSendConnectorEditor, *sc);
    if (const auto* lb = byId(design.loadBalancers, id))
        return build(buildLoadBalancerEditor, *lb);
    if (const auto* fw = byId(design.firewalls, id))
        return build(buildFirewallEditor, *fw);
    if (const auto* router = byId(design.routers, id))
        return build(buildRouterEditor, *router);
    if (const auto* segment = byId(design.segments, id))
        return build(buildSegmentEditor, *segment);
    if (const auto* zone = byId(design.dnsZones, id))
        return build(buildDnsZoneEditor, *zone);
    if (const auto* flow = byId(design.flows, id))
        return build(buildFlowEditor, *flow);
    return false;
}

}  // namespace

InspectorDock::InspectorDock(DesignDocument* document, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent), document_(document) {
    setObjectName(QStringLiteral("inspectorDock"));
    // Queued: a change can come from one of this dock's own editors, which must not be
    // deleted or reset while it is still emitting.
    const auto follow = [this] {
        if (!elementId_.isEmpty() && !elementExists(document_->design(), elementId_)) {
            elementId_.clear();  // undone creation, or an import replaced it
            part_.clear();
            rebuild();
            return;
        }
        if (formShape(*document_, elementId_) != shape_) {
            rebuild();
            return;
        }
        if (form_ != nullptr)
            form_->refresh();
    };
    connect(document_, &DesignDocument::designReset, this, follow, Qt::QueuedConnection);
    connect(document_, &DesignDocument::designChanged, this, follow, Qt::QueuedConnection);
    inspect(QString());
}

void InspectorDock::inspect(const QString& elementId) {
    if (elementId == elementId_ && form_ != nullptr && formShape(*document_, elementId) == shape_)
        return;
    elementId_ = elementId;
    part_.clear();
    rebuild();
}

void InspectorDock::showPart(const QString& partId) {
    part_ = partId;
    if (form_ != nullptr)
        form_->revealPart(partId);
}

void InspectorDock::editPartCell(const QString& partId, const QString& text, bool thenTop,
                                 const QString& thenField) {
    part_ = partId;
    if (form_ != nullptr)
        form_->revealPart(partId, text, thenTop, thenField);
}

void InspectorDock::focusField(const QString& key) {
    if (form_ != nullptr)
        form_->focusField(key);
}

bool InspectorDock::canEdit(const QString& elementId) const {
    return document_->hasDesign() &&
           buildEditor(nullptr, document_->design(), elementId.toStdString());
}

QWidget* InspectorDock::editor(const QString& property) const {
    return form_ != nullptr ? form_->editor(property) : nullptr;
}

inspector::TableEditor* InspectorDock::table(const QString& property) const {
    return form_ != nullptr ? form_->tableEditor(property) : nullptr;
}

QString InspectorDock::problem() const {
    return form_ != nullptr ? form_->problem() : QString();
}

void InspectorDock::rebuild() {
    // QDockWidget::setWidget only hides the widget it replaces; without this every choice
    // of an element would leave a whole form behind. Later: the old form may be the one
    // whose signal got us here.
    if (form_ != nullptr)
        form_->deleteLater();
    form_ = new inspector::InspectorForm(document_, elementId_, this);
    setWidget(form_);
    shape_ = formShape(*document_, elementId_);
    if (!document_->hasDesign()) {
        form_->note(tr("Open or create a design to see and edit its elements here."));
        return;
    }
    if (elementId_.isEmpty()) {
        inspector::buildDesignEditor(*form_);
        if (!part_.isEmpty())
            form_->revealPart(part_);
        return;
    }
    const model::Design& design = document_->design();
    const std::string id = elementId_.toStdString();
    if (buildEditor(form_, design, id)) {
        if (!part_.isEmpty())
            form_->revealPart(part_);
        return;
    }
    // Views are edited on the canvas; the inspector names them.
    form_->info(tr("Element"), QString::fromStdString(probe::elementLabel(design, id)));
}

}  // namespace mailtopo::ui
