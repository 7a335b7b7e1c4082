#include "ui/mainwindow/element_menus.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <algorithm>
#include <map>
#include <set>

#include "core/edit/default_connectors.h"
#include "core/edit/element_palette.h"
#include "core/edit/sub_elements.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/document/design_document.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/edit_actions.h"

namespace mailtopo::ui {
namespace {

using text::fromStd;

// Kinds whose new element is named by what it is: core reads the request's name as that
// value (and picks one itself when it is empty), so the menu asks for it first.
struct AskedValue {
    const char* kind;
    const char* prompt;
};
constexpr AskedValue kAskedValues[] = {
    {"accepted-domain", QT_TRANSLATE_NOOP("ElementMenus",
                                          "Domain name, e.g. contoso.com (*.contoso.com includes "
                                          "its subdomains); empty: a name from the design:")},
    {"internal-smtp-server", QT_TRANSLATE_NOOP("ElementMenus",
                                               "IP address or range of the SMTP server in front of "
                                               "Exchange; empty: a mail gateway's address:")},
    {"address", QT_TRANSLATE_NOOP("ElementMenus",
                                  "Address as IP/PREFIX, e.g. 10.0.1.25/24; "
                                  "empty: the next free address of the segment:")},
    {"route", QT_TRANSLATE_NOOP("ElementMenus",
                                "Destination prefix, e.g. 172.16.0.0/12; "
                                "empty: a default route (0.0.0.0/0):")},
    {"dns-record", QT_TRANSLATE_NOOP("ElementMenus",
                                     "Records as NAME [TTL] TYPE DATA, one a line, e.g. @ MX 10 "
                                     "mail.contoso.com (a zone file's lines can be pasted); "
                                     "empty: an SPF record, or an A record to edit:")},
};

const AskedValue* askedValueOf(const std::string& kind) {
    for (const AskedValue& asked : kAskedValues) {
        if (kind == asked.kind)
            return &asked;
    }
    return nullptr;
}

QString pseudoParentOf(const edit::SubElementKind& kind) {
    return kind.pseudoParent == edit::kOrganizationId
               ? QString::fromLatin1(edit::kOrganizationId.data(),
                                     static_cast<qsizetype>(edit::kOrganizationId.size()))
               : QString::fromLatin1(edit::kDesignId.data(),
                                     static_cast<qsizetype>(edit::kDesignId.size()));
}

// The design-level kinds (send connectors, accepted domains, flows …), each once.
std::vector<const edit::SubElementKind*> designKinds(const model::Design& design) {
    std::vector<const edit::SubElementKind*> kinds;
    for (const std::string_view parent : {edit::kDesignId, edit::kOrganizationId}) {
        for (const edit::SubElementKind* kind : edit::kindsAddableTo(design, model::Id(parent))) {
            if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
                kinds.push_back(kind);
        }
    }
    return kinds;
}

// The hosts and devices an interface of which is on `segmentId`.
std::set<model::Id> elementsOn(const model::Design& design, const model::Id& segmentId) {
    std::set<model::Id> on;
    for (const model::Host& host : design.hosts) {
        for (const model::Nic& nic : host.nics) {
            if (nic.segmentId == segmentId)
                on.insert(host.id);
        }
    }
    const auto devices = [&](const auto& list) {
        for (const auto& device : list) {
            for (const model::DeviceInterface& iface : device.interfaces) {
                if (iface.segmentId == segmentId)
                    on.insert(device.id);
            }
        }
    };
    devices(design.routers);
    devices(design.loadBalancers);
    devices(design.firewalls);
    return on;
}

// "Send connector" → "Send Connector", as menu entries are written; "SMTP" stays.
QString titleCase(const QString& label) {
    QStringList words = label.split(QLatin1Char(' '));
    for (QString& word : words) {
        if (!word.isEmpty())
            word[0] = word[0].toUpper();
    }
    return words.join(QLatin1Char(' '));
}

template <class Element>
QString nameOf(const Element& element) {
    return fromStd(element.name.empty() ? element.id : element.name);
}

}  // namespace

ElementMenus::ElementMenus(DesignDocument* document, EditActions* edits, QWidget* dialogParent)
    : QObject(dialogParent), document_(document), edits_(edits), dialogParent_(dialogParent) {}

void ElementMenus::report(const QString& id) {
    emit message(edits_->editor()->lastMessage());
    if (!id.isEmpty())
        emit added(id);
}

edit::SubElementRequest ElementMenus::request(const QString& kind, const QString& templateKey,
                                              const QString& parentId, const QString& name) {
    edit::SubElementRequest request;
    request.kind = kind.toStdString();
    request.templateKey = templateKey.toStdString();
    request.parentId = parentId.toStdString();
    request.name = name.toStdString();
    return request;
}

void ElementMenus::addSubElement(const QString& kind, const QString& templateKey,
                                 const QString& parentId, const QString& name) {
    report(edits_->editor()->addSubElement(request(kind, templateKey, parentId, name)));
}

std::optional<QString> ElementMenus::askValue(const edit::SubElementKind& kind) {
    const AskedValue* asked = askedValueOf(kind.key);
    const QString title = tr("Add %1").arg(fromStd(kind.label));
    const QString prompt = asked != nullptr ? tr(asked->prompt) : fromStd(kind.label);
    bool ok = false;
    // DNS records come several at a time, as a zone file has them.
    const QString value =
        kind.key == "dns-record"
            ? QInputDialog::getMultiLineText(dialogParent_, title, prompt, QString(), &ok)
            : QInputDialog::getText(dialogParent_, title, prompt, QLineEdit::Normal, QString(),
                                    &ok);
    if (!ok)
        return std::nullopt;
    return value.trimmed();
}

void ElementMenus::addKindEntry(QMenu* into, const edit::SubElementKind& kind,
                                const QString& parentId, const QString& text) {
    const QString label = text.isEmpty() ? fromStd(kind.label) : text;
    const QString key = fromStd(kind.key);
    if (askedValueOf(kind.key) != nullptr) {
        QAction* action = into->addAction(label + QStringLiteral("…"));
        action->setToolTip(fromStd(kind.tooltip));
        connect(action, &QAction::triggered, this, [this, &kind, key, parentId] {
            const auto value = askValue(kind);
            if (!value)
                return;
            // One element a line (the records of a zone snippet), added as one step; an
            // empty answer asks core for its default.
            std::vector<edit::SubElementRequest> requests;
            for (const QString& line : value->split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                if (!line.trimmed().isEmpty())
                    requests.push_back(request(key, QString(), parentId, line.trimmed()));
            }
            if (requests.empty())
                requests.push_back(request(key, QString(), parentId, QString()));
            report(edits_->editor()->addSubElements(requests));
        });
        return;
    }
    if (kind.templates.size() <= 1) {
        QAction* action = into->addAction(label);
        action->setToolTip(fromStd(kind.tooltip));
        const QString templateKey =
            kind.templates.empty() ? QString() : fromStd(kind.templates.front().key);
        connect(action, &QAction::triggered, this,
                [this, key, templateKey, parentId] { addSubElement(key, templateKey, parentId); });
        return;
    }
    QMenu* templates = into->addMenu(label);
    templates->setToolTipsVisible(true);
    templates->setObjectName(QStringLiteral("addMenu-") + key);
    for (const edit::SubElementTemplate& t : kind.templates) {
        QAction* action = templates->addAction(fromStd(t.label));
        action->setToolTip(fromStd(t.tooltip));
        action->setObjectName(QStringLiteral("add-%1-%2").arg(key, fromStd(t.key)));
        const QString templateKey = fromStd(t.key);
        connect(action, &QAction::triggered, this,
                [this, key, templateKey, parentId] { addSubElement(key, templateKey, parentId); });
    }
}

void ElementMenus::addAddMenu(QMenu* into, const QString& parentId, const QString& title) {
    const auto kinds = edit::kindsAddableTo(document_->design(), parentId.toStdString());
    if (kinds.empty())
        return;
    QMenu* add = into->addMenu(title);
    add->setObjectName(QStringLiteral("addMenu"));
    add->setToolTipsVisible(true);
    for (const edit::SubElementKind* kind : kinds)
        addKindEntry(add, *kind, parentId);
}

void ElementMenus::addConnectMenu(QMenu* into, const QString& elementId) {
    const model::Design& design = document_->design();
    QMenu* connectTo = into->addMenu(tr("&Connect to Segment"));
    connectTo->setObjectName(QStringLiteral("connectMenu"));
    connectTo->setEnabled(!design.segments.empty());
    for (const model::Segment& segment : design.segments) {
        QString label = nameOf(segment);
        if (!segment.subnets.empty())
            label += QStringLiteral("  (%1)").arg(text::subnetsText(segment.subnets));
        const QString segmentId = fromStd(segment.id);
        connect(connectTo->addAction(label), &QAction::triggered, this,
                [this, elementId, segmentId] {
                    report(edits_->editor()->connectToSegment(elementId, segmentId));
                });
    }
}

void ElementMenus::addConnectHereMenu(QMenu* into, const QString& segmentId) {
    const model::Design& design = document_->design();
    const std::set<model::Id> on = elementsOn(design, segmentId.toStdString());
    QMenu* here = into->addMenu(tr("Connect &Here"));
    here->setObjectName(QStringLiteral("connectHereMenu"));
    const auto offer = [&](const auto& list) {
        for (const auto& element : list) {
            if (on.contains(element.id))
                continue;
            const QString elementId = fromStd(element.id);
            connect(here->addAction(nameOf(element)), &QAction::triggered, this,
                    [this, elementId, segmentId] {
                        report(edits_->editor()->connectToSegment(elementId, segmentId));
                    });
        }
    };
    offer(design.hosts);
    offer(design.routers);
    offer(design.loadBalancers);
    offer(design.firewalls);
    here->setEnabled(!here->actions().isEmpty());
}

void ElementMenus::addPaletteMenu(QMenu* into, const QPointF& scenePos) {
    QMenu* palette = into->addMenu(tr("Add &Element"));
    palette->setObjectName(QStringLiteral("paletteMenu"));
    palette->setToolTipsVisible(true);
    std::map<edit::PaletteGroup, QMenu*> groups;
    for (const edit::PaletteEntry& entry : edit::paletteEntries()) {
        QMenu*& group = groups[entry.group];
        if (group == nullptr)
            group = palette->addMenu(fromStd(std::string(edit::paletteGroupName(entry.group))));
        group->setToolTipsVisible(true);
        QAction* action = group->addAction(fromStd(entry.label));
        action->setToolTip(fromStd(entry.tooltip));
        action->setObjectName(QStringLiteral("palette-") + fromStd(entry.key));
        const QString key = fromStd(entry.key);
        connect(action, &QAction::triggered, this,
                [this, key, scenePos] { report(edits_->editor()->addElement(key, scenePos)); });
    }
}

void ElementMenus::addMakeDefaultsExplicit(QMenu* into, const QString& elementId) {
    const model::Host* host = document_->design().findHost(elementId.toStdString());
    if (host == nullptr || !host->exchange || !host->exchange->implicitDefaultConnectors)
        return;
    connect(into->addAction(tr("Make Default Connectors &Explicit")), &QAction::triggered, this,
            [this, elementId] {
                model::Design after = document_->design();
                const auto made =
                    edit::makeDefaultConnectorsExplicit(after, {elementId.toStdString()});
                if (!made.refused.empty()) {
                    emit message(fromStd(made.refused));
                    return;
                }
                document_->applyChange(tr("Make default connectors of %1 explicit").arg(elementId),
                                       std::move(after));
            });
}

void ElementMenus::fillCardMenu(QMenu* menu, const QString& elementId) {
    const model::Design& design = document_->design();
    addAddMenu(menu, elementId, tr("&Add"));
    addConnectMenu(menu, elementId);
    if (design.findHost(elementId.toStdString()) != nullptr) {
        connect(menu->addAction(tr("&Trace from Here…")), &QAction::triggered, this,
                [this, elementId] { emit traceRequested(elementId); });
    }
    addMakeDefaultsExplicit(menu, elementId);
    menu->addSeparator();
    menu->addAction(edits_->action(QStringLiteral("actionRename")));
    menu->addAction(edits_->action(QStringLiteral("actionDelete")));
}

void ElementMenus::fillSegmentMenu(QMenu* menu, const QString& segmentId) {
    addConnectHereMenu(menu, segmentId);
    menu->addSeparator();
    menu->addAction(edits_->action(QStringLiteral("actionRename")));
    menu->addAction(edits_->action(QStringLiteral("actionDelete")));
}

void ElementMenus::fillCanvasMenu(QMenu* menu, const QPointF& scenePos) {
    addPaletteMenu(menu, scenePos);
    for (const edit::SubElementKind* kind : designKinds(document_->design())) {
        if (kind->key == "flow")
            continue;  // the trace form below makes flows: traced before they are kept
        addKindEntry(menu, *kind, pseudoParentOf(*kind),
                     tr("Add %1").arg(titleCase(fromStd(kind->label))));
    }
    connect(menu->addAction(tr("New &Flow / Trace…")), &QAction::triggered, this,
            [this] { emit traceRequested(QString()); });
}

void ElementMenus::addRenameDelete(QMenu* menu, const QString& elementId) {
    connect(menu->addAction(tr("Re&name…")), &QAction::triggered, this,
            [this, elementId] { edits_->renameElement(elementId); });
    connect(menu->addAction(tr("&Delete")), &QAction::triggered, this, [this, elementId] {
        edits_->editor()->removeElements({elementId});
        emit message(edits_->editor()->lastMessage());
    });
}

void ElementMenus::fillTreeMenu(QMenu* menu, const QString& elementId, const QString& category) {
    const model::Design& design = document_->design();
    if (!elementId.isEmpty()) {
        const std::string id = elementId.toStdString();
        addAddMenu(menu, elementId, tr("&Add"));
        const bool connectable =
            design.findHost(id) != nullptr ||
            std::any_of(design.routers.begin(), design.routers.end(),
                        [&](const auto& e) { return e.id == id; }) ||
            std::any_of(design.loadBalancers.begin(), design.loadBalancers.end(),
                        [&](const auto& e) { return e.id == id; }) ||
            std::any_of(design.firewalls.begin(), design.firewalls.end(),
                        [&](const auto& e) { return e.id == id; });
        if (connectable)
            addConnectMenu(menu, elementId);
        if (design.findHost(id) != nullptr) {
            connect(menu->addAction(tr("&Trace from Here…")), &QAction::triggered, this,
                    [this, elementId] { emit traceRequested(elementId); });
        }
        addMakeDefaultsExplicit(menu, elementId);
        if (std::any_of(design.flows.begin(), design.flows.end(),
                        [&](const model::Flow& f) { return f.id == id; })) {
            connect(menu->addAction(tr("&Trace")), &QAction::triggered, this,
                    [this, elementId] { emit playFlowRequested(elementId); });
        }
        if (!menu->isEmpty())
            menu->addSeparator();
        addRenameDelete(menu, elementId);
        return;
    }
    // A category: what belongs in it.
    if (category == QLatin1String("design")) {
        QMenu* add = menu->addMenu(tr("&Add"));
        for (const edit::SubElementKind* kind : designKinds(design)) {
            if (kind->key != "flow")
                addKindEntry(add, *kind, pseudoParentOf(*kind));
        }
        connect(add->addAction(tr("New &Flow…")), &QAction::triggered, this,
                [this] { emit traceRequested(QString()); });
        return;
    }
    if (category == QLatin1String("flows")) {
        connect(menu->addAction(tr("New &Flow…")), &QAction::triggered, this,
                [this] { emit traceRequested(QString()); });
        return;
    }
    if (category == QLatin1String("sendConnectors")) {
        if (const edit::SubElementKind* kind = edit::findSubElementKind("send-connector"))
            addKindEntry(menu, *kind, pseudoParentOf(*kind), tr("Add Send Connector"));
        return;
    }
    if (category == QLatin1String("receiveConnectors")) {
        // A receive connector belongs to a server: one submenu per Exchange server.
        QMenu* add = menu->addMenu(tr("Add Receive Connector"));
        add->setObjectName(QStringLiteral("addReceiveConnectorMenu"));
        if (const edit::SubElementKind* kind = edit::findSubElementKind("receive-connector")) {
            for (const model::Host& host : design.hosts) {
                if (host.isExchange())
                    addKindEntry(add, *kind, fromStd(host.id), nameOf(host));
            }
        }
        add->setEnabled(!add->isEmpty());
        return;
    }
    // Drawn elements: the palette's entries of that kind, placed below the drawing.
    static const std::map<QString, std::vector<std::string>> kIcons = {
        {QStringLiteral("hosts"), {"exchange-server", "smtp-host"}},
        {QStringLiteral("loadBalancers"), {"load-balancer"}},
        {QStringLiteral("firewalls"), {"firewall"}},
        {QStringLiteral("routers"), {"router"}},
        {QStringLiteral("segments"), {"segment", "internet"}},
        {QStringLiteral("dnsZones"), {"dns-zone"}},
    };
    const auto icons = kIcons.find(category);
    if (icons == kIcons.end())
        return;
    QMenu* add = menu->addMenu(tr("&Add"));
    add->setToolTipsVisible(true);
    for (const edit::PaletteEntry& entry : edit::paletteEntries()) {
        if (std::find(icons->second.begin(), icons->second.end(), entry.icon) ==
            icons->second.end())
            continue;
        QAction* action = add->addAction(fromStd(entry.label));
        action->setToolTip(fromStd(entry.tooltip));
        const QString key = fromStd(entry.key);
        connect(action, &QAction::triggered, this,
                [this, key] { report(edits_->editor()->addElement(key)); });
    }
}

}  // namespace mailtopo::ui
