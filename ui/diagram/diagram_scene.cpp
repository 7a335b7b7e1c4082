#include "ui/diagram/diagram_scene.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>
#include <utility>

#include <QGraphicsPathItem>
#include <QGraphicsView>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTimer>

#include "core/edit/arrange.h"
#include "core/model/design.h"
#include "ui/diagram/diagram_layout.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/element_descriptions.h"
#include "ui/diagram/firewall_item.h"
#include "ui/diagram/host_item.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/load_balancer_item.h"
#include "ui/diagram/router_item.h"
#include "ui/diagram/segment_item.h"
#include "ui/diagram/trace_route.h"
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
    connect(document_, &DesignDocument::designChanged, this, &DiagramScene::applyChanges);
    if (document_->hasDesign())
        rebuild();
}

void DiagramScene::applyStyle() {
    setBackgroundBrush(DiagramStyle::standard().canvas);
    update();
}

void DiagramScene::drawBackground(QPainter* painter, const QRectF& rect) {
    const DiagramStyle& style = DiagramStyle::standard();
    painter->fillRect(rect, style.canvas);
    const qreal zoom = painter->worldTransform().m11();
    if (medium_ != DetailMedium::Screen || zoom < 0.5)
        return;
    constexpr qreal step = edit::kDefaultGrid;
    painter->setPen(QPen(style.gridDot, 1.5 / zoom, Qt::SolidLine, Qt::RoundCap));
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QVector<QPointF> dots;
    for (qreal x = left; x < rect.right(); x += step) {
        for (qreal y = top; y < rect.bottom(); y += step)
            dots << QPointF(x, y);
    }
    painter->drawPoints(dots.constData(), static_cast<int>(dots.size()));
}

void DiagramScene::setViewId(const QString& viewId) {
    if (viewId == viewId_)
        return;
    viewId_ = viewId;
    // Another view: the same items, placed elsewhere.
    if (!document_->hasDesign()) {
        rebuild();
        return;
    }
    Dirty placements;
    placements.allPlacements = true;
    refresh(placements);
}

void DiagramScene::clearDiagram() {
    clearSelection();
    buryRetired();
    clear();  // deletes the trace path items too
    forwardPath_ = nullptr;
    replyPath_ = nullptr;
    currentHalo_ = nullptr;
    forwardPoints_.clear();
    replyPoints_.clear();
    traceForward_.clear();
    traceReply_.clear();
    traceCurrent_.clear();
    setSceneRect(QRectF());
    cards_.clear();
    segments_.clear();
    links_.clear();
    linksOfCard_.clear();
    ownerCard_.clear();
    cardInputs_.clear();
    segmentInputs_.clear();
    layout_ = {};
    activeViewId_.clear();
}

namespace {

// Each view keeps looking at the same place while items are replaced, and the canvas's
// extent only grows: an edit, undo or drop must not scroll the drawing away under the
// user (Fit shrinks it).
class KeepLooking {
public:
    explicit KeepLooking(QGraphicsScene* scene) : scene_(scene), extent_(scene->sceneRect()) {
        for (QGraphicsView* view : scene->views()) {
            looking_.append({view, view->mapToScene(view->viewport()->rect().center()),
                             view->horizontalScrollBar()->value(),
                             view->verticalScrollBar()->value()});
            // What the user sees (the minimap, not interactive, shows everything anyway).
            if (view->isInteractive())
                seen_ |= view->mapToScene(view->viewport()->rect()).boundingRect();
        }
    }
    const QRectF& extent() const { return extent_; }
    // A grown extent must cover what the views showed: Qt centres a scene smaller than its
    // view, so growing one that did not fill the window would shift the whole drawing.
    QRectF grown(const QRectF& extent) const {
        return seen_.isNull() || extent == extent_ ? extent : extent.united(seen_);
    }
    void restore() const {
        for (const Looking& looking : looking_) {
            // The same extent: the same scroll positions, to the pixel. A grown one: centre
            // on the same point (rounded to a pixel once, not crept a pixel per edit).
            if (scene_->sceneRect() == extent_) {
                looking.view->horizontalScrollBar()->setValue(looking.scrollX);
                looking.view->verticalScrollBar()->setValue(looking.scrollY);
            } else {
                looking.view->centerOn(looking.centre);
            }
        }
    }

private:
    struct Looking {
        QGraphicsView* view;
        QPointF centre;
        int scrollX, scrollY;
    };
    QGraphicsScene* scene_;
    QRectF extent_;
    QRectF seen_;
    QList<Looking> looking_;
};

// Every element drawn as a card, in the order the automatic layout fills rows: `visit`
// gets its id, its group and a function that builds its card.
// `lookup` (may be null) indexes the design when many cards are built at once.
template <class Visit>
void forEachCardElement(const model::Design& design, const DesignLookup* lookup, Visit&& visit) {
    for (const model::Firewall& firewall : design.firewalls) {
        visit(firewall.id, FirewallGroup,
              [&] { return new FirewallItem(design, firewall, lookup); });
    }
    for (const model::Router& router : design.routers)
        visit(router.id, RouterGroup, [&] { return new RouterItem(design, router, lookup); });
    for (const model::LoadBalancer& lb : design.loadBalancers)
        visit(lb.id, LoadBalancerGroup, [&] { return new LoadBalancerItem(design, lb, lookup); });
    for (const model::Host& host : design.hosts) {
        visit(host.id, host.isExchange() ? ExchangeGroup : OtherHostGroup,
              [&] { return new HostItem(design, host, lookup); });
    }
}

}  // namespace

void DiagramScene::rebuild() {
    ++fullRebuilds_;
    Dirty everything;
    everything.all = true;
    refresh(everything);
}

void DiagramScene::applyChanges(const edit::ChangeSet& changes) {
    if (!document_->hasDesign()) {
        rebuild();
        return;
    }
    const model::Design& design = document_->design();
    Dirty dirty;
    std::unordered_set<std::string> named;
    for (const auto* list : {&changes.inserted, &changes.changed, &changes.removed}) {
        for (const model::Id& id : *list) {
            named.insert(id);
            const QString key = QString::fromStdString(id);
            dirty.items.insert(key);
            // A nested element's card (a receive connector's server as it was).
            const auto owner = ownerCard_.constFind(key);
            if (owner != ownerCard_.cend())
                dirty.items.insert(*owner);
            // A segment's name and kind are written on the cards attached to it.
            if (segmentInputs_.contains(key)) {
                for (auto it = cardInputs_.cbegin(); it != cardInputs_.cend(); ++it) {
                    if (it->attachmentSegments.contains(key))
                        dirty.items.insert(it.key());
                }
            }
        }
    }
    for (const model::Id& id : changes.moved)
        dirty.placements.insert(QString::fromStdString(id));
    if (!named.empty()) {
        // The cards that show an element the change named: a connector's server, the load
        // balancers that list a host among their pool members.
        for (const model::ReceiveConnector& connector : design.receiveConnectors) {
            if (named.contains(connector.id))
                dirty.items.insert(QString::fromStdString(connector.serverId));
        }
        for (const model::LoadBalancer& lb : design.loadBalancers) {
            for (const model::Vip& vip : lb.vips) {
                for (const model::PoolMember& member : vip.pool) {
                    if (named.contains(member.hostId))
                        dirty.items.insert(QString::fromStdString(lb.id));
                }
            }
        }
    }
    const model::View* view = chooseView(design, viewId_);
    dirty.allPlacements = (view ? QString::fromStdString(view->id) : QString()) != activeViewId_;
    refresh(dirty);
}

void DiagramScene::removeCard(const QString& id) {
    CardItem* item = cards_.take(id);
    if (item == nullptr)
        return;
    removeLinksOf(id);
    for (const QString& nested : item->content().nestedIds)
        ownerCard_.remove(nested);
    cardInputs_.remove(id);
    retire(item);
}

void DiagramScene::removeSegment(const QString& id) {
    if (SegmentItem* item = segments_.take(id))
        retire(item);
    segmentInputs_.remove(id);
}

void DiagramScene::retire(QGraphicsItem* item) {
    item->hide();
    if (retired_.isEmpty()) {
        // Queued after Qt's own processing of the items made dirty meanwhile, the hidden
        // ones included.
        QTimer::singleShot(0, this, &DiagramScene::buryRetired);
    }
    retired_ << item;
}

void DiagramScene::buryRetired() {
    qDeleteAll(std::exchange(retired_, {}));
}

void DiagramScene::removeLinksOf(const QString& cardId) {
    const QList<LinkItem*> links = linksOfCard_.take(cardId);
    if (links.isEmpty())
        return;
    const QSet<LinkItem*> gone(links.cbegin(), links.cend());
    links_.removeIf([&gone](LinkItem* link) { return gone.contains(link); });
    for (LinkItem* link : links)
        retire(link);
}

void DiagramScene::addLinks(CardItem* card, const QList<QPolygonF>& routes) {
    removeLinksOf(card->elementId());
    QList<LinkItem*>& links = linksOfCard_[card->elementId()];
    const QList<CardAttachment>& attachments = card->content().attachments;
    for (int a = 0; a < attachments.size() && a < routes.size(); ++a) {
        const SegmentItem* segment = segments_.value(attachments[a].segmentId);
        if (segment == nullptr || routes[a].size() < 2)
            continue;
        auto* link = new LinkItem(attachments[a].interfaceId, attachments[a].label,
                                  card->elementId(), attachments[a].segmentId, segment->kind());
        // Above the cards, so the port dot sits whole on the card's edge; routes never
        // cross a card, so nothing is hidden.
        link->setZValue(1);
        link->setRoute(routes[a]);
        addItem(link);
        links_ << link;
        links << link;
    }
}

namespace {

// Whether a card asks the layout for the same thing as before (an edit that did not change
// its size, ports or place: the layout before it still holds).
bool sameGeometry(const layout::CardInput& a, const layout::CardInput& b) {
    return a.size == b.size && a.attachmentSegments == b.attachmentSegments &&
           a.attachmentAnchors == b.attachmentAnchors && a.placed == b.placed && a.group == b.group;
}

bool sameGeometry(const layout::SegmentInput& a, const layout::SegmentInput& b) {
    return a.kind == b.kind && a.labelWidth == b.labelWidth && a.hubSize == b.hubSize &&
           a.placed == b.placed;
}

}  // namespace

void DiagramScene::refresh(const Dirty& dirty) {
    struct Done {
        bool& flag;
        ~Done() { flag = false; }
    };
    // What was selected stays selected when it still exists (an edit, undo, redo).
    const QStringList selected = selectedElementIds();
    const KeepLooking keepLooking(this);
    rebuilding_ = true;
    const Done done{rebuilding_};
    // The trace shown, to draw again over the new items (clearing forgets it).
    const QStringList forward = traceForward_, reply = traceReply_;
    const QString current = traceCurrent_;
    // The items of the elements named go; what they asked of the layout is kept to compare.
    QHash<QString, layout::CardInput> oldCards;
    QHash<QString, layout::SegmentInput> oldSegments;
    if (dirty.all) {
        clearDiagram();
    } else {
        for (const QString& id : dirty.items) {
            if (const auto it = cardInputs_.constFind(id); it != cardInputs_.cend())
                oldCards.insert(id, *it);
            if (const auto it = segmentInputs_.constFind(id); it != segmentInputs_.cend())
                oldSegments.insert(id, *it);
            removeCard(id);
            removeSegment(id);
        }
    }
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
    const bool allPlacements = dirty.all || dirty.allPlacements;
    // The layout runs again only when something asks it for something else: an element
    // came or went, changed size or ports, or was placed elsewhere. Otherwise (most edits
    // of a property) the new items take the places and routes of the ones they replace.
    bool relayout = allPlacements || !dirty.placements.isEmpty();

    // 1. The items of the elements named (all of them on a rebuild).
    std::unordered_set<std::string> wanted;
    for (const QString& id : dirty.items)
        wanted.insert(id.toStdString());
    const auto isWanted = [&](const std::string& id) { return dirty.all || wanted.contains(id); };
    QList<CardItem*> added;
    // Indexed once for many cards; a few after an edit search the design (cheaper than
    // indexing thousands of elements for them).
    constexpr size_t kIndexFrom = 32;
    std::optional<DesignLookup> lookup;
    if (dirty.all || wanted.size() >= kIndexFrom)
        lookup.emplace(design);
    const DesignLookup* index = lookup ? &*lookup : nullptr;
    forEachCardElement(design, index, [&](const std::string& id, int group, const auto& make) {
        if (!isWanted(id))
            return;
        CardItem* item = make();
        const QString& key = item->elementId();
        addItem(item);
        item->setFlag(QGraphicsItem::ItemIsMovable);
        cards_.insert(key, item);
        added << item;
        QStringList attachments;
        QList<qreal> anchors;
        for (const CardAttachment& attachment : item->content().attachments) {
            attachments << attachment.segmentId;
            anchors << item->anchorY(attachment.interfaceId);
        }
        for (const QString& nested : item->content().nestedIds)
            ownerCard_.insert(nested, key);
        const layout::CardInput input{key,     item->cardSize(), attachments,
                                      anchors, placementOf(id),  group};
        const auto old = oldCards.constFind(key);
        if (old == oldCards.cend() || !sameGeometry(*old, input))
            relayout = true;
        oldCards.remove(key);
        cardInputs_.insert(key, input);
    });
    QList<SegmentItem*> addedSegments;
    for (const model::Segment& segment : design.segments) {
        if (!isWanted(segment.id))
            continue;
        auto* item = new SegmentItem(segment);
        const QString& key = item->segmentId();
        item->setZValue(-2);
        item->setFlag(QGraphicsItem::ItemIsMovable);
        addItem(item);
        segments_.insert(key, item);
        addedSegments << item;
        const layout::SegmentInput input{key, segment.kind, item->labelWidth(), item->hubSize(),
                                         placementOf(segment.id)};
        const auto old = oldSegments.constFind(key);
        if (old == oldSegments.cend() || !sameGeometry(*old, input))
            relayout = true;
        oldSegments.remove(key);
        segmentInputs_.insert(key, input);
    }
    // What is left of the old inputs belongs to elements that are gone.
    if (!oldCards.isEmpty() || !oldSegments.isEmpty())
        relayout = true;

    QRectF touched;  // where anything was drawn anew: the canvas grows to hold it
    const QSet<CardItem*> fresh(added.cbegin(), added.cend());
    const QSet<SegmentItem*> freshSegments(addedSegments.cbegin(), addedSegments.cend());
    if (relayout) {
        // 2. The layout's inputs in the design's order, placements read again where they
        //    changed; the layout updated from the one before (on a rebuild: computed).
        QSet<QString> changed;  // what the layout must not take from the layout before
        for (const CardItem* item : std::as_const(added))
            changed.insert(item->elementId());
        for (const SegmentItem* item : std::as_const(addedSegments))
            changed.insert(item->segmentId());
        QList<layout::CardInput> cardInputs;
        cardInputs.reserve(cardInputs_.size());
        forEachCardElement(design, nullptr, [&](const std::string& id, int, const auto&) {
            const auto input = cardInputs_.find(QString::fromStdString(id));
            if (input == cardInputs_.end())
                return;
            if (allPlacements || dirty.placements.contains(input.key())) {
                input->placed = placementOf(id);
                changed.insert(input.key());
            }
            cardInputs << *input;
        });
        QList<layout::SegmentInput> segmentInputs;
        segmentInputs.reserve(segmentInputs_.size());
        for (const model::Segment& segment : design.segments) {
            const auto input = segmentInputs_.find(QString::fromStdString(segment.id));
            if (input == segmentInputs_.end())
                continue;
            if (allPlacements || dirty.placements.contains(input.key())) {
                input->placed = placementOf(segment.id);
                changed.insert(input.key());
            }
            segmentInputs << *input;
        }
        layout::Metrics metrics;
        metrics.bandHeight = SegmentItem::busHeight();
        layout::Result placed =
            dirty.all ? layout::computeLayout(cardInputs, segmentInputs, metrics)
                      : layout::updateLayout(layout_, cardInputs, segmentInputs, changed, metrics);

        // Only what the layout moved moves; only links whose route changed are drawn again.
        const SegmentItem::Shape shape =
            placed.hubs ? SegmentItem::Shape::Hub : SegmentItem::Shape::Bus;
        for (auto it = segments_.cbegin(); it != segments_.cend(); ++it) {
            const QRectF band = placed.segmentBands.value(it.key());
            if (freshSegments.contains(it.value()) || placed.hubs != layout_.hubs ||
                layout_.segmentBands.value(it.key()) != band) {
                it.value()->setGeometry(band, shape);
                touched |= it.value()->sceneBoundingRect();
            }
        }
        for (const layout::CardInput& input : std::as_const(cardInputs)) {
            CardItem* item = cards_.value(input.id);
            const QPointF at = placed.cardPositions.value(input.id);
            const bool isNew = fresh.contains(item);
            if (isNew || item->pos() != at) {
                item->setPos(at);
                touched |= item->sceneBoundingRect();
            }
            const QList<QPolygonF> routes = placed.routes.value(input.id);
            const auto before = layout_.routes.constFind(input.id);
            if (isNew || before == layout_.routes.cend() || *before != routes) {
                addLinks(item, routes);
                for (const LinkItem* link : linksOfCard_.value(input.id))
                    touched |= link->sceneBoundingRect();
            }
        }
        layout_ = std::move(placed);
    } else {
        // 2'. Nothing the layout sees changed: the new items go where the old ones were.
        const SegmentItem::Shape shape =
            layout_.hubs ? SegmentItem::Shape::Hub : SegmentItem::Shape::Bus;
        for (SegmentItem* item : std::as_const(addedSegments)) {
            item->setGeometry(layout_.segmentBands.value(item->segmentId()), shape);
            touched |= item->sceneBoundingRect();
        }
        for (CardItem* item : std::as_const(added)) {
            item->setPos(layout_.cardPositions.value(item->elementId()));
            addLinks(item, layout_.routes.value(item->elementId()));
            touched |= item->sceneBoundingRect();
        }
    }

    if (dirty.all) {
        fitExtentToItems();
        if (!keepLooking.extent().isEmpty())
            setSceneRect(keepLooking.grown(sceneRect().united(keepLooking.extent())));
    } else if (!touched.isNull()) {
        setSceneRect(keepLooking.grown(sceneRect().united(touched.marginsAdded(
            QMarginsF(kSceneMargin, kSceneMargin, kSceneMargin, kSceneMargin)))));
    }
    keepLooking.restore();
    applyMarks();
    for (const QString& id : selected) {
        if (CardItem* card = cards_.value(id))
            card->setSelected(true);
        else if (SegmentItem* band = segments_.value(id))
            band->setSelected(true);
    }
    if (!forward.isEmpty() || !reply.isEmpty())
        showTracePath(forward, reply, current);
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

void DiagramScene::setDetailMedium(DetailMedium medium) {
    if (medium == medium_)
        return;
    medium_ = medium;
    update();
}

void DiagramScene::fitExtentToItems() {
    setSceneRect(itemsBoundingRect().marginsAdded(
        QMarginsF(kSceneMargin, kSceneMargin, kSceneMargin, kSceneMargin)));
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
    // The cards and bands the steps name, in order, each once in a row (a device deciding
    // several steps in a row is one hop), joined along the links (trace_route.h).
    const auto pointsOf = [this](const QStringList& ids, qreal offset) {
        QList<QPointF> points;
        QList<QGraphicsItem*> hops;
        const auto route = [&] {
            if (!points.isEmpty() && !hops.isEmpty())
                points << traceBreak();
            for (QPointF p : traceRoute(hops, links_))
                points << (isTraceBreak(p) ? p : p + QPointF(offset, offset));
            hops.clear();
        };
        for (const QString& id : ids) {
            if (id.isEmpty()) {  // one connection's path ends here
                route();
                continue;
            }
            QGraphicsItem* item = itemForElement(id);
            if (item != nullptr && (hops.isEmpty() || hops.last() != item))
                hops << item;
        }
        route();
        return points;
    };
    const auto pathOf = [](const QList<QPointF>& points) {
        QPainterPath path;
        bool start = true;  // the first point, or the first after a break
        for (const QPointF& p : points) {
            if (isTraceBreak(p)) {
                start = true;
            } else if (start) {
                path.moveTo(p);
                start = false;
            } else {
                path.lineTo(p);
            }
        }
        return path;
    };
    traceForward_ = forward;
    traceReply_ = reply;
    traceCurrent_ = current;
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
        currentHalo_ = addPath(QPainterPath(), QPen(DiagramStyle::currentHopColor(), 3));
        currentHalo_->setZValue(1001);
        currentHalo_->setAcceptedMouseButtons(Qt::NoButton);
    }
    // A ring just outside the card or band of the hop being played: it marks the hop
    // without covering what the card says.
    QGraphicsItem* at = current.isEmpty() ? nullptr : itemForElement(current);
    currentHalo_->setVisible(at != nullptr);
    if (at != nullptr) {
        const auto* card = dynamic_cast<const CardItem*>(at);
        const QRectF around = (card != nullptr ? card->sceneCardRect() : at->sceneBoundingRect())
                                  .adjusted(-7, -7, 7, 7);
        QPainterPath ring;
        ring.addRoundedRect(around, 9, 9);
        currentHalo_->setPath(ring);
    }
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
