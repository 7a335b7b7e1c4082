#include "ui/diagram/diagram_editor.h"

#include <QMimeData>
#include <cmath>
#include <set>

#include "core/edit/design_edits.h"
#include "core/edit/design_fragment.h"
#include "core/edit/element_palette.h"
#include "core/edit/property_edit.h"
#include "core/io/design_json.h"
#include "core/layout/auto_layout.h"
#include "core/probe/design_target.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kPasteStep = 40;  // how far a paste or duplicate lands from its original
constexpr qreal kBelowGap = 60;   // between the drawing and an element added without a place

QString mimeType() {
    return QString::fromLatin1(edit::kFragmentMimeType.data(),
                               static_cast<qsizetype>(edit::kFragmentMimeType.size()));
}

std::vector<model::Id> toIds(const QStringList& ids) {
    std::vector<model::Id> out;
    for (const QString& id : ids)
        out.push_back(id.toStdString());
    return out;
}

QStringList fromIds(const std::vector<model::Id>& ids) {
    QStringList out;
    for (const auto& id : ids)
        out << QString::fromStdString(id);
    return out;
}

model::Placement placement(const QPointF& p) {
    return {std::round(p.x()), std::round(p.y())};
}

// What a view stores for a segment: a hub's top-left corner. A segment drawn as a bus (a
// design without placements) becomes a hub in the middle of where its bus was.
model::Placement segmentPlacement(const SegmentItem* segment, const QPointF& topLeft) {
    if (segment->drawnAs() == SegmentItem::Shape::Hub)
        return placement(topLeft);
    const qreal middle = topLeft.x() + segment->sceneBandRect().width() / 2;
    return placement({middle - segment->hubSize().width() / 2, topLeft.y()});
}

QString labelOf(const model::Design& design, const std::string& id) {
    return QString::fromStdString(probe::elementLabel(design, id));
}

QString describe(const QString& verb, const QStringList& ids, const model::Design& design) {
    if (ids.size() != 1)
        return QStringLiteral("%1 %2 elements").arg(verb).arg(ids.size());
    const std::string id = ids.first().toStdString();
    if (const model::Host* host = design.findHost(id))
        return QStringLiteral("%1 %2").arg(verb, QString::fromStdString(host->name));
    if (const model::Segment* segment = design.findSegment(id))
        return QStringLiteral("%1 %2").arg(verb, QString::fromStdString(segment->name));
    return QStringLiteral("%1 %2").arg(verb, ids.first());
}

}  // namespace

DiagramEditor::DiagramEditor(DesignDocument* document, DiagramScene* scene, QObject* parent)
    : QObject(parent), document_(document), scene_(scene) {}

qreal DiagramEditor::gridStep() {
    return edit::kDefaultGrid;
}

QPointF DiagramEditor::snapped(const QPointF& scenePos) const {
    if (!snap_)
        return scenePos;
    return {edit::snapToGrid(scenePos.x(), gridStep()), edit::snapToGrid(scenePos.y(), gridStep())};
}

model::Design DiagramEditor::pinnedCopy(std::string* viewId) const {
    model::Design design = document_->design();
    *viewId = edit::ensureView(design, scene_->activeViewId().toStdString());
    std::map<model::Id, model::Placement> drawn;
    for (const CardItem* card : scene_->cards())
        drawn[card->elementId().toStdString()] = placement(card->pos());
    for (const SegmentItem* segment : scene_->segments())
        drawn[segment->segmentId().toStdString()] = segmentPlacement(segment, segment->pos());
    edit::setPlacements(design, *viewId, drawn);
    return design;
}

void DiagramEditor::apply(const QString& description, model::Design after,
                          const QStringList& select) {
    document_->applyChange(description, std::move(after));
    if (!select.isEmpty())
        scene_->selectElements(select);
}

QString DiagramEditor::addElement(const QString& paletteKey, std::optional<QPointF> scenePos) {
    return addElementOn(paletteKey, scenePos, QString());
}

QString DiagramEditor::addElementOn(const QString& paletteKey, std::optional<QPointF> scenePos,
                                    const QString& segmentId) {
    message_.clear();
    proposed_.clear();
    connectedInterface_.clear();
    const edit::PaletteEntry* entry = edit::findPaletteEntry(paletteKey.toStdString());
    if (!document_->hasDesign() || entry == nullptr)
        return {};
    std::string viewId;
    model::Design design = pinnedCopy(&viewId);
    QPointF at;
    if (scenePos) {
        at = snapped(*scenePos);
    } else {
        // Below the drawing, at its left edge, where it cannot cover anything.
        const QRectF drawing = scene_->itemsBoundingRect();
        at = drawing.isEmpty() ? QPointF(0, 0)
                               : snapped(QPointF(drawing.left(), drawing.bottom() + kBelowGap));
    }
    const auto added = edit::addElement(design, entry->key, viewId, placement(at));
    if (!added)
        return {};
    const QString id = QString::fromStdString(added->id);
    const QString name = QString::fromStdString(added->name);
    QString connection;  // what the drop on a band did, for the status bar
    if (!segmentId.isEmpty()) {
        const edit::ConnectOutcome connected =
            edit::connectToSegment(design, added->id, segmentId.toStdString());
        const QString segment = labelOf(design, segmentId.toStdString());
        if (connected.ok) {
            connectedInterface_ = QString::fromStdString(connected.interfaceId);
            if (connected.address)
                proposed_ = QString::fromStdString(connected.address->toString());
            connection = proposed_.isEmpty() ? tr(", on %1").arg(segment)
                                             : tr(", on %1 with %2").arg(segment, proposed_);
        } else {
            connection = tr(", not connected: %1").arg(QString::fromStdString(connected.error));
        }
    }
    apply(connectedInterface_.isEmpty()
              ? tr("Add %1").arg(name)
              : tr("Add %1 on %2").arg(name, labelOf(design, segmentId.toStdString())),
          std::move(design), added->drawn ? QStringList{id} : QStringList{});
    message_ = tr("Added %1 (%2)").arg(name, QString::fromStdString(entry->label)) + connection;
    return id;
}

bool DiagramEditor::moveElements(const QHash<QString, QPointF>& topLefts) {
    message_.clear();
    if (!document_->hasDesign() || topLefts.isEmpty())
        return false;
    std::string viewId;
    model::Design design = pinnedCopy(&viewId);
    std::map<model::Id, model::Placement> moved;
    for (auto it = topLefts.cbegin(); it != topLefts.cend(); ++it) {
        if (const SegmentItem* segment = scene_->segment(it.key()))
            moved[it.key().toStdString()] = segmentPlacement(segment, it.value());
        else if (scene_->card(it.key()) != nullptr)
            moved[it.key().toStdString()] = placement(it.value());
    }
    if (moved.empty())
        return false;
    edit::setPlacements(design, viewId, moved);
    if (design == document_->design())
        return false;
    apply(describe(tr("Move"), topLefts.keys(), design), std::move(design), topLefts.keys());
    return true;
}

int DiagramEditor::removeElements(const QStringList& elementIds) {
    message_.clear();
    if (!document_->hasDesign() || elementIds.isEmpty())
        return 0;
    model::Design design = document_->design();
    const QString description = describe(tr("Delete"), elementIds, design);
    const auto summary = edit::removeElements(design, toIds(elementIds));
    if (summary.empty())
        return 0;
    const int count = static_cast<int>(summary.removed.size());
    apply(description, std::move(design), {});
    message_ = tr("Deleted %n element(s)", nullptr, count);
    if (summary.detached > 0)
        message_ += tr("; %n reference(s) to them removed", nullptr, summary.detached);
    return count;
}

QStringList DiagramEditor::duplicate(const QStringList& elementIds) {
    message_.clear();
    if (!document_->hasDesign() || elementIds.isEmpty())
        return {};
    std::string viewId;
    model::Design design = pinnedCopy(&viewId);
    const QString description = describe(tr("Duplicate"), elementIds, design);
    const auto result =
        edit::duplicateElements(design, toIds(elementIds), viewId, kPasteStep, kPasteStep);
    if (!result.ok || result.added.empty())
        return {};
    const QStringList added = fromIds(result.added);
    apply(description, std::move(design), added);
    message_ = tr("Duplicated as %n element(s)", nullptr, static_cast<int>(added.size()));
    if (result.readdressed > 0)
        message_ += tr("; %n address(es) moved to the next free one", nullptr, result.readdressed);
    return added;
}

QMimeData* DiagramEditor::copy(const QStringList& elementIds) const {
    if (!document_->hasDesign() || elementIds.isEmpty())
        return nullptr;
    std::string viewId;
    const model::Design design = pinnedCopy(&viewId);
    const std::string text = edit::copyFragment(design, toIds(elementIds), viewId);
    auto* data = new QMimeData;
    data->setData(mimeType(), QByteArray::fromStdString(text));
    data->setText(QString::fromStdString(text));
    return data;
}

bool DiagramEditor::canPaste(const QMimeData* data) {
    return data != nullptr &&
           (data->hasFormat(mimeType()) || data->text().contains(QLatin1String("\"format\"")));
}

QStringList DiagramEditor::paste(const QMimeData* data, std::optional<QPointF> at, QString* error) {
    message_.clear();
    if (!document_->hasDesign() || data == nullptr)
        return {};
    const QString text =
        data->hasFormat(mimeType()) ? QString::fromUtf8(data->data(mimeType())) : data->text();
    // Successive pastes of one copy cascade, each a step further from the original.
    pasteCount_ = text == lastCopied_ ? pasteCount_ + 1 : 1;
    lastCopied_ = text;
    QPointF shift(kPasteStep * pasteCount_, kPasteStep * pasteCount_);
    const std::string utf8 = text.toStdString();
    if (at) {
        // The fragment's top-left corner goes to `at`.
        const io::ParsedDesign parsed = io::parseDesign(utf8, "clipboard");
        if (parsed.ok() && !parsed.design->views.empty() &&
            !parsed.design->views.front().placements.empty()) {
            double left = INFINITY, top = INFINITY;
            for (const auto& [id, p] : parsed.design->views.front().placements) {
                left = std::min(left, p.x);
                top = std::min(top, p.y);
            }
            shift = snapped(*at) - QPointF(left, top);
        }
    }
    std::string viewId;
    model::Design design = pinnedCopy(&viewId);
    const auto result = edit::pasteFragment(design, utf8, viewId, shift.x(), shift.y());
    if (!result.ok) {
        QStringList lines;
        for (const auto& d : result.diagnostics)
            lines << QString::fromStdString(d.toString());
        if (error != nullptr)
            *error = tr("The clipboard does not hold MailTopo elements:\n%1")
                         .arg(lines.mid(0, 5).join(QLatin1Char('\n')));
        return {};
    }
    if (result.added.empty())
        return {};
    const QStringList added = fromIds(result.added);
    apply(tr("Paste %n element(s)", nullptr, static_cast<int>(added.size())), std::move(design),
          added);
    message_ = tr("Pasted %n element(s)", nullptr, static_cast<int>(added.size()));
    if (result.renamed > 0)
        message_ += tr("; %n id(s) or name(s) made unique", nullptr, result.renamed);
    if (result.readdressed > 0)
        message_ += tr("; %n address(es) moved to the next free one", nullptr, result.readdressed);
    if (result.detached > 0)
        message_ += tr("; %n reference(s) to elements not here dropped", nullptr, result.detached);
    return added;
}

std::vector<edit::Box> DiagramEditor::boxesOf(const QStringList& elementIds) const {
    std::vector<edit::Box> boxes;
    for (const QString& id : elementIds) {
        QRectF rect;
        if (const CardItem* card = scene_->card(id))
            rect = card->sceneCardRect();
        else if (const SegmentItem* segment = scene_->segment(id))
            rect = segment->sceneBandRect();
        else
            continue;
        boxes.push_back({id.toStdString(), rect.x(), rect.y(), rect.width(), rect.height()});
    }
    return boxes;
}

bool DiagramEditor::align(const QStringList& elementIds, edit::Alignment alignment) {
    const auto placed = edit::align(boxesOf(elementIds), alignment);
    QHash<QString, QPointF> moved;
    for (const auto& [id, p] : placed)
        moved.insert(QString::fromStdString(id), QPointF(p.x, p.y));
    return moveElements(moved);
}

bool DiagramEditor::distribute(const QStringList& elementIds, edit::Axis axis) {
    const auto placed = edit::distribute(boxesOf(elementIds), axis);
    QHash<QString, QPointF> moved;
    for (const auto& [id, p] : placed)
        moved.insert(QString::fromStdString(id), QPointF(p.x, p.y));
    return moveElements(moved);
}

int DiagramEditor::groupIntoSite(const QStringList& elementIds, const QString& site) {
    message_.clear();
    const QString name = site.trimmed();
    if (!document_->hasDesign() || name.isEmpty())
        return 0;
    model::Design design = document_->design();
    const int changed = edit::setSite(design, toIds(elementIds), name.toStdString());
    if (changed == 0) {
        message_ = tr("No Exchange server among the selection changes site");
        return 0;
    }
    apply(tr("Group %n server(s) into site %1", nullptr, changed).arg(name), std::move(design),
          elementIds);
    message_ = tr("%n Exchange server(s) now in AD site %1", nullptr, changed).arg(name);
    return changed;
}

bool DiagramEditor::autoLayout(const QStringList& elementIds) {
    message_.clear();
    if (!document_->hasDesign())
        return false;
    std::string viewId;
    model::Design design = pinnedCopy(&viewId);
    std::set<model::Id> ids;
    if (elementIds.isEmpty()) {
        for (const CardItem* card : scene_->cards())
            ids.insert(card->elementId().toStdString());
        for (const SegmentItem* segment : scene_->segments())
            ids.insert(segment->segmentId().toStdString());
    } else {
        for (const QString& id : elementIds)
            ids.insert(id.toStdString());
    }
    const auto result = mailtopo::layout::relayoutElements(design, viewId, ids);
    if (!result.error.empty())
        message_ =
            tr("Graphviz was not used (%1); a grid was").arg(QString::fromStdString(result.error));
    if (design == document_->design())
        return false;
    apply(elementIds.isEmpty() ? tr("Auto-layout") : tr("Auto-layout selection"), std::move(design),
          elementIds);
    return true;
}

QString DiagramEditor::addSubElement(const edit::SubElementRequest& request) {
    return addSubElements({request});
}

QString DiagramEditor::addSubElements(const std::vector<edit::SubElementRequest>& requests) {
    message_.clear();
    proposed_.clear();
    if (!document_->hasDesign() || requests.empty())
        return {};
    std::string viewId;
    model::Design design = pinnedCopy(&viewId);
    edit::AddOutcome added;
    for (const edit::SubElementRequest& request : requests) {
        added = edit::addSubElement(design, request);
        if (!added.ok) {
            message_ = tr("Nothing added: %1").arg(QString::fromStdString(added.error));
            return {};
        }
    }
    const edit::SubElementKind* kind = edit::findSubElementKind(requests.front().kind);
    const QString what = kind != nullptr ? QString::fromStdString(kind->label).toLower()
                                         : QString::fromStdString(requests.front().kind);
    const QString id = QString::fromStdString(added.id);
    const QString step = requests.size() == 1
                             ? tr("%1 %2").arg(what, QString::fromStdString(added.name))
                             : tr("%n %1(s)", nullptr, static_cast<int>(requests.size())).arg(what);
    apply(tr("Add %1").arg(step), std::move(design), {id});
    message_ = tr("Added %1").arg(step);
    proposed_ = QString::fromStdString(added.proposed);
    return id;
}

QString DiagramEditor::addFlow(const model::Flow& flow) {
    message_.clear();
    if (!document_->hasDesign())
        return {};
    model::Design design = document_->design();
    const edit::AddOutcome added = edit::addFlow(design, flow);
    if (!added.ok) {
        message_ = tr("No flow added: %1").arg(QString::fromStdString(added.error));
        return {};
    }
    apply(tr("Add flow %1").arg(QString::fromStdString(added.name)), std::move(design), {});
    message_ = tr("Added flow %1").arg(QString::fromStdString(added.name));
    return QString::fromStdString(added.id);
}

QString DiagramEditor::addFlowBetween(const QString& fromHostId, const QString& toId) {
    message_.clear();
    if (!document_->hasDesign())
        return {};
    const model::Design& design = document_->design();
    const model::Host* from = design.findHost(fromHostId.toStdString());
    if (from == nullptr) {
        message_ = tr("No flow added: a flow starts from a host");
        return {};
    }
    model::Flow flow;
    flow.sourceHostId = from->id;
    QString target;
    if (const model::Host* to = design.findHost(toId.toStdString())) {
        flow.destination = to->id;
        target = labelOf(design, to->id);
    } else {
        for (const model::LoadBalancer& lb : design.loadBalancers) {
            for (const model::Vip& vip : lb.vips) {
                if (vip.id != toId.toStdString())
                    continue;
                // A VIP is reached at its address and port, as a client would connect.
                flow.destination = vip.address.toString();
                flow.port = vip.port;
                target = QString::fromStdString(vip.name.empty() ? vip.id : vip.name);
            }
        }
    }
    if (flow.destination.empty()) {
        message_ = tr("No flow added: a flow goes to a host or a VIP");
        return {};
    }
    // A drawn flow traces at once: the same envelope `mailtopo-cli edit --add flow` gives.
    edit::fillDefaultEnvelope(design, flow);
    flow.name = tr("%1 to %2").arg(labelOf(design, from->id), target).toStdString();
    const QString id = addFlow(flow);
    if (!id.isEmpty())
        message_ += tr("; its envelope (MAIL FROM %1, RCPT TO %2) is in the inspector")
                        .arg(QString::fromStdString(flow.mailFrom),
                             QString::fromStdString(flow.rcptTo.empty() ? std::string("—")
                                                                        : flow.rcptTo.front()));
    return id;
}

QString DiagramEditor::connectToSegment(const QString& elementId, const QString& segmentId) {
    message_.clear();
    proposed_.clear();
    if (!document_->hasDesign())
        return {};
    std::string viewId;
    model::Design design = pinnedCopy(&viewId);
    const edit::ConnectOutcome connected =
        edit::connectToSegment(design, elementId.toStdString(), segmentId.toStdString());
    if (!connected.ok) {
        message_ = tr("Not connected: %1").arg(QString::fromStdString(connected.error));
        return {};
    }
    const QString interface = labelOf(design, connected.interfaceId);
    const QString segment = labelOf(design, segmentId.toStdString());
    apply(tr("Connect %1 to %2").arg(interface, segment), std::move(design), {elementId});
    message_ = connected.address ? tr("%1 is on %2 with %3")
                                       .arg(interface, segment,
                                            QString::fromStdString(connected.address->toString()))
                                 : tr("%1 is on %2").arg(interface, segment);
    if (connected.created)
        message_ += tr(" (a new interface)");
    if (connected.address)
        proposed_ = QString::fromStdString(connected.address->toString());
    return QString::fromStdString(connected.interfaceId);
}

bool DiagramEditor::connectPreview(const QString& elementId, const QString& segmentId,
                                   QString* text) const {
    text->clear();
    if (!document_->hasDesign())
        return false;
    // Tried on a copy: the same function decides the hint and the drop.
    model::Design trial = document_->design();
    const edit::ConnectOutcome outcome =
        edit::connectToSegment(trial, elementId.toStdString(), segmentId.toStdString());
    if (!outcome.ok) {
        *text = tr("Cannot connect: %1").arg(QString::fromStdString(outcome.error));
        return false;
    }
    if (outcome.address)
        *text = tr("with %1").arg(QString::fromStdString(outcome.address->toString()));
    if (outcome.created)
        *text += (text->isEmpty() ? QString() : QStringLiteral(" ")) +
                 tr("(a new interface, %1)").arg(labelOf(trial, outcome.interfaceId));
    return true;
}

bool DiagramEditor::rename(const QString& elementId, const QString& name) {
    message_.clear();
    if (!document_->hasDesign())
        return false;
    model::Design design = document_->design();
    const QString before = labelOf(design, elementId.toStdString());
    const edit::PropertyOutcome renamed =
        edit::renameElement(design, elementId.toStdString(), name.trimmed().toStdString());
    if (!renamed.ok) {
        message_ = tr("Not renamed: %1").arg(QString::fromStdString(renamed.error));
        return false;
    }
    if (design == document_->design())
        return false;
    apply(tr("Rename %1 to %2").arg(before, name.trimmed()), std::move(design), {});
    message_ = tr("Renamed %1 to %2").arg(before, name.trimmed());
    return true;
}

}  // namespace mailtopo::ui
