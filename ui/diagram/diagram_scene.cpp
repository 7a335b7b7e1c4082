#include "ui/diagram/diagram_scene.h"

#include <algorithm>

#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QPainterPath>

#include "core/model/design.h"
#include "ui/diagram/diagram_layout.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/firewall_item.h"
#include "ui/diagram/host_item.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/load_balancer_item.h"
#include "ui/diagram/router_item.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kSceneMargin = 40;

// Order of cards within a row of the automatic layout: the network plumbing first, then
// the mail servers, then everything else.
enum Group { FirewallGroup, RouterGroup, LoadBalancerGroup, ExchangeGroup, OtherHostGroup };

const model::View* chooseView(const model::Design& design, const QString& viewId) {
    if (design.views.empty())
        return nullptr;
    for (const model::View& view : design.views) {
        if (QString::fromStdString(view.id) == viewId)
            return &view;
    }
    return &design.views.front();
}

}  // namespace

DiagramScene::DiagramScene(DesignDocument* document, QObject* parent)
    : QGraphicsScene(parent), document_(document) {
    // The BSP tree answers "what is under this rectangle" in log time: painting and hit
    // tests stay fast on large designs.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setBackgroundBrush(DiagramStyle::standard().canvas);
    connect(document_, &DesignDocument::designReset, this, &DiagramScene::rebuild);
    if (document_->hasDesign())
        rebuild();
}

void DiagramScene::applyStyle() {
    setBackgroundBrush(DiagramStyle::standard().canvas);
    update();
}

void DiagramScene::setViewId(const QString& viewId) {
    if (viewId == viewId_)
        return;
    viewId_ = viewId;
    rebuild();
}

void DiagramScene::clearDiagram() {
    clearSelection();
    clear();  // deletes the trace path items too
    forwardPath_ = nullptr;
    replyPath_ = nullptr;
    currentHalo_ = nullptr;
    forwardPoints_.clear();
    replyPoints_.clear();
    setSceneRect(QRectF());
    cards_.clear();
    segments_.clear();
    links_.clear();
    ownerCard_.clear();
    activeViewId_.clear();
}

void DiagramScene::rebuild() {
    struct Done {
        bool& flag;
        ~Done() { flag = false; }
    };
    // What was selected stays selected when it still exists (an edit, undo, redo).
    const QStringList selected = selectedElementIds();
    rebuilding_ = true;
    const Done done{rebuilding_};
    clearDiagram();
    if (!document_->hasDesign()) {
        rebuilding_ = false;
        emit rebuilt();
        return;
    }
    const model::Design& design = document_->design();
    const model::View* view = chooseView(design, viewId_);
    activeViewId_ = view ? QString::fromStdString(view->id) : QString();
    auto placementOf = [&](const std::string& id) -> std::optional<QPointF> {
        if (view == nullptr)
            return std::nullopt;
        const auto it = view->placements.find(id);
        if (it == view->placements.end())
            return std::nullopt;
        return QPointF(it->second.x, it->second.y);
    };

    QList<layout::CardInput> cardInputs;
    QList<CardItem*> cardOrder;
    auto addCard = [&](CardItem* item, const std::string& id, int group) {
        addItem(item);
        cards_.insert(item->elementId(), item);
        cardOrder << item;
        QStringList attachments;
        QList<qreal> anchors;
        for (const CardAttachment& attachment : item->content().attachments) {
            attachments << attachment.segmentId;
            anchors << item->anchorY(attachment.interfaceId);
        }
        for (const QString& nested : item->content().nestedIds)
            ownerCard_.insert(nested, item->elementId());
        cardInputs << layout::CardInput{item->elementId(), item->cardSize(), attachments,
                                        anchors,           placementOf(id),  group};
    };
    for (const model::Firewall& firewall : design.firewalls) {
        addCard(new FirewallItem(design, firewall), firewall.id, FirewallGroup);
    }
    for (const model::Router& router : design.routers)
        addCard(new RouterItem(design, router), router.id, RouterGroup);
    for (const model::LoadBalancer& lb : design.loadBalancers) {
        addCard(new LoadBalancerItem(design, lb), lb.id, LoadBalancerGroup);
    }
    for (const model::Host& host : design.hosts) {
        addCard(new HostItem(design, host), host.id,
                host.isExchange() ? ExchangeGroup : OtherHostGroup);
    }

    QList<layout::SegmentInput> segmentInputs;
    for (const model::Segment& segment : design.segments) {
        auto* item = new SegmentItem(segment);
        item->setZValue(-2);
        addItem(item);
        segments_.insert(item->segmentId(), item);
        segmentInputs << layout::SegmentInput{item->segmentId(), segment.kind, item->labelWidth(),
                                              item->hubSize(), placementOf(segment.id)};
    }

    layout::Metrics metrics;
    metrics.bandHeight = SegmentItem::busHeight();
    const layout::Result placed = layout::computeLayout(cardInputs, segmentInputs, metrics);

    for (CardItem* item : cardOrder)
        item->setPos(placed.cardPositions.value(item->elementId()));
    for (SegmentItem* item : std::as_const(segments_)) {
        item->setGeometry(placed.segmentBands.value(item->segmentId()),
                          placed.hubs ? SegmentItem::Shape::Hub : SegmentItem::Shape::Bus);
    }
    for (CardItem* item : cardOrder) {
        const QList<QPolygonF> routes = placed.routes.value(item->elementId());
        const QList<CardAttachment>& attachments = item->content().attachments;
        for (int a = 0; a < attachments.size() && a < routes.size(); ++a) {
            const SegmentItem* segment = segments_.value(attachments[a].segmentId);
            if (segment == nullptr || routes[a].size() < 2)
                continue;
            auto* link = new LinkItem(attachments[a].interfaceId, attachments[a].label,
                                      item->elementId(), attachments[a].segmentId, segment->kind());
            // Above the cards, so the port dot sits whole on the card's edge; routes never
            // cross a card, so nothing is hidden.
            link->setZValue(1);
            link->setRoute(routes[a]);
            addItem(link);
            links_ << link;
        }
    }

    // Cards and segments are dragged to move them; the view reports the move to the editor,
    // which changes the design's placements (links are routed again on the rebuild).
    for (CardItem* item : std::as_const(cardOrder))
        item->setFlag(QGraphicsItem::ItemIsMovable);
    for (SegmentItem* item : std::as_const(segments_))
        item->setFlag(QGraphicsItem::ItemIsMovable);

    setSceneRect(itemsBoundingRect().marginsAdded(
        QMarginsF(kSceneMargin, kSceneMargin, kSceneMargin, kSceneMargin)));
    applyMarks();
    for (const QString& id : selected) {
        if (CardItem* card = cards_.value(id))
            card->setSelected(true);
        else if (SegmentItem* band = segments_.value(id))
            band->setSelected(true);
    }
    rebuilding_ = false;
    emit rebuilt();
}

QGraphicsItem* DiagramScene::itemForElement(const QString& elementId) const {
    if (CardItem* item = cards_.value(elementId))
        return item;
    if (SegmentItem* item = segments_.value(elementId))
        return item;
    const QString owner = ownerCard_.value(elementId);
    return owner.isEmpty() ? nullptr : cards_.value(owner);
}

QStringList DiagramScene::selectedElementIds() const {
    QStringList ids;
    for (QGraphicsItem* item : selectedItems()) {
        const QString id = item->data(0).toString();
        if (!id.isEmpty())
            ids << id;
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QRectF DiagramScene::selectElements(const QStringList& elementIds) {
    clearSelection();
    QRectF area;
    for (const QString& id : elementIds) {
        if (QGraphicsItem* item = itemForElement(id)) {
            item->setSelected(true);
            area = area.united(item->sceneBoundingRect());
        }
    }
    return area;
}

void DiagramScene::setMarks(const std::vector<analysis::Finding>& findings) {
    marks_.clear();
    for (const auto& f : findings) {
        for (const auto& id : f.elements) {
            const QString key = QString::fromStdString(id);
            const auto it = marks_.find(key);
            if (it == marks_.end() || it.value() < f.severity)
                marks_.insert(key, f.severity);
        }
    }
    applyMarks();
}

QColor DiagramScene::markOf(const QString& elementId) const {
    QGraphicsItem* item = itemForElement(elementId);
    if (CardItem* card = cardCast(item))
        return card->mark();
    if (item != nullptr && item == segment(elementId))
        return segment(elementId)->mark();
    return {};
}

void DiagramScene::showTracePath(const QStringList& forward, const QStringList& reply,
                                 const QString& current) {
    const auto pointsOf = [this](const QStringList& ids, qreal offset) {
        QList<QPointF> points;
        QGraphicsItem* last = nullptr;
        for (const QString& id : ids) {
            QGraphicsItem* item = itemForElement(id);
            if (item == nullptr || item == last)
                continue;  // a device deciding several steps in a row is one point
            last = item;
            points << item->sceneBoundingRect().center() + QPointF(offset, offset);
        }
        return points;
    };
    const auto pathOf = [](const QList<QPointF>& points) {
        QPainterPath path;
        for (int i = 0; i < points.size(); ++i) {
            if (i == 0)
                path.moveTo(points[i]);
            else
                path.lineTo(points[i]);
        }
        return path;
    };
    forwardPoints_ = pointsOf(forward, 0);
    replyPoints_ = pointsOf(reply, 14);
    const auto ensure = [this](QGraphicsPathItem*& item, const QPen& pen) {
        if (item == nullptr) {
            item = addPath(QPainterPath(), pen);
            item->setZValue(1000);  // over cards and links
            item->setAcceptedMouseButtons(Qt::NoButton);
        }
    };
    ensure(forwardPath_, DiagramStyle::tracePen(false));
    ensure(replyPath_, DiagramStyle::tracePen(true));
    forwardPath_->setPath(pathOf(forwardPoints_));
    replyPath_->setPath(pathOf(replyPoints_));
    if (currentHalo_ == nullptr) {
        const QColor hop = DiagramStyle::currentHopColor();
        currentHalo_ = addEllipse(QRectF(-22, -22, 44, 44), QPen(hop, 3),
                                  QColor(hop.red(), hop.green(), hop.blue(), 60));
        currentHalo_->setZValue(1001);
        currentHalo_->setAcceptedMouseButtons(Qt::NoButton);
    }
    QGraphicsItem* at = current.isEmpty() ? nullptr : itemForElement(current);
    currentHalo_->setVisible(at != nullptr);
    if (at != nullptr)
        currentHalo_->setPos(at->sceneBoundingRect().center());
}

QList<QPointF> DiagramScene::tracePathPoints(bool reply) const {
    return reply ? replyPoints_ : forwardPoints_;
}

void DiagramScene::applyMarks() {
    // Several elements can share a card (a server, its NICs and connectors): the worst wins.
    QHash<QGraphicsItem*, analysis::Severity> byItem;
    for (auto it = marks_.cbegin(); it != marks_.cend(); ++it) {
        QGraphicsItem* item = itemForElement(it.key());
        if (item == nullptr)
            continue;
        const auto known = byItem.find(item);
        if (known == byItem.end() || known.value() < it.value())
            byItem.insert(item, it.value());
    }
    const auto colour = [&byItem](QGraphicsItem* item) {
        const auto it = byItem.find(item);
        return it == byItem.end() ? QColor() : DiagramStyle::severityColor(it.value());
    };
    for (CardItem* card : std::as_const(cards_))
        card->setMark(colour(card));
    for (SegmentItem* band : std::as_const(segments_))
        band->setMark(colour(band));
}

QGraphicsItem* DiagramScene::selectElement(const QString& elementId) {
    QGraphicsItem* item = itemForElement(elementId);
    clearSelection();
    if (item != nullptr)
        item->setSelected(true);
    return item;
}

}  // namespace mailtopo::ui
