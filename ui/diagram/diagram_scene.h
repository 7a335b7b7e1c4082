#pragma once
// The diagram of one view of the open design. The scene only builds and arranges items
// from the document (QtNodes' BasicGraphicsScene idea): it holds no design state of its
// own. It builds every item when the document says the design was replaced (open, new)
// and, after an edit, undo or redo, replaces only the items of the elements the change
// names (DesignDocument::designChanged) and moves only what the layout moved: one edit on
// a 5,000-card estate touches a card, not the scene. Which element an item shows is kept
// in both directions so the tree, the inspector and the editor can go from ids to items
// and back.

#include <QColor>
#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QRectF>
#include <QSet>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/analysis/finding.h"
#include "core/edit/change_set.h"
#include "ui/diagram/card_detail.h"
#include "ui/diagram/diagram_layout.h"

class QGraphicsPathItem;

namespace mailtopo::ui {

class CardItem;
class DesignDocument;
class LinkItem;
class SegmentItem;

class DiagramScene : public QGraphicsScene {
    Q_OBJECT

public:
    explicit DiagramScene(DesignDocument* document, QObject* parent = nullptr);

    // The view (placements) to draw; an unknown or empty id picks the design's first view,
    // and a design without views is laid out automatically.
    void setViewId(const QString& viewId);
    QString viewId() const { return viewId_; }
    // The view actually drawn (empty: automatic layout, the design has no views).
    QString activeViewId() const { return activeViewId_; }

    CardItem* card(const QString& elementId) const { return cards_.value(elementId); }
    SegmentItem* segment(const QString& segmentId) const { return segments_.value(segmentId); }
    const QList<LinkItem*>& links() const { return links_; }
    QList<CardItem*> cards() const { return cards_.values(); }
    QList<SegmentItem*> segments() const { return segments_.values(); }

    // Where the drawing is read (the report: Paper); what cards show follows (card_detail.h).
    void setDetailMedium(DetailMedium medium);
    DetailMedium detailMedium() const { return medium_; }

    // True while the items are being replaced (selection changes then are not the user's).
    bool isRebuilding() const { return rebuilding_; }
    // How often every item was built afresh (open, new, another view); edits never do.
    int fullRebuildCount() const { return fullRebuilds_; }
    // The canvas's extent becomes the drawing plus a margin. Edits only ever grow it (so
    // the view does not jump); fitting the view calls this first.
    void fitExtentToItems();

    // Takes up the current DiagramStyle (a theme switch): background and a repaint.
    void applyStyle();

    // The item that shows `elementId`: its card or segment band, or the card a nested
    // element (NIC, interface, VIP, receive connector …) is listed on. nullptr if none.
    QGraphicsItem* itemForElement(const QString& elementId) const;
    // The element ids of the selected cards and segments, in a stable order.
    QStringList selectedElementIds() const;
    // Selects only the item showing `elementId` (see itemForElement). Returns it.
    QGraphicsItem* selectElement(const QString& elementId);
    // Selects the items showing these elements (a finding's); returns their united scene
    // rectangle, empty when none is drawn.
    QRectF selectElements(const QStringList& elementIds);

    // Rings the items showing the elements these findings name, in the colour of the worst
    // severity among them (a card also carries its connectors' and NICs'); every other item
    // loses its ring. Kept across rebuilds until replaced. The canvas and the exported
    // diagram (report, SVG, PNG) both mark findings this way.
    void setMarks(const std::vector<analysis::Finding>& findings);
    // The ring colour of the item showing `elementId`; invalid when it has none.
    QColor markOf(const QString& elementId) const;

    // Trace playback: the elements a connection's forward legs (SYN, ACK) and its reply
    // (SYN-ACK) pass through, drawn over the diagram as two paths along the links the
    // packets take (trace_route.h) — forward solid blue, reply dashed orange and offset —
    // so a reply that skips a device shows at a glance.
    // An empty id ends one connection's path: a relayed flow's legs (client → gateway, then
    // gateway → server) each reply on their own, drawn apart, never joined end to start.
    // `current` (may be empty) gets a halo: the step being played. Empty lists clear it.
    void showTracePath(const QStringList& forward, const QStringList& reply,
                       const QString& current);
    // The points each path passes through (traceBreak() where it breaks off), for tests.
    QList<QPointF> tracePathPoints(bool reply) const;

signals:
    // Items were replaced: all of them (a new design or another view) or those of the
    // elements a change named. Pointers to cards, bands and links may be stale.
    void rebuilt();

protected:
    // The canvas colour and, on screen from 50 % up, a faint dot grid (the one dragged items
    // snap to): a sense of scale, which zoomed out would only be noise and paper leaves out.
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    // What a refresh must redo: items to build again (their element changed) and
    // inputs of the layout to read again (a placement changed).
    struct Dirty {
        bool all = false;  // every item (a rebuild)
        QSet<QString> items;
        QSet<QString> placements;
        bool allPlacements = false;  // the view drawn is another one
    };
    void rebuild();
    void applyChanges(const mailtopo::edit::ChangeSet& changes);
    void refresh(const Dirty& dirty);
    void clearDiagram();
    void removeCard(const QString& id);
    void removeSegment(const QString& id);
    void removeLinksOf(const QString& cardId);
    // An item an edit replaced or removed: hidden now, deleted once the scene has reported
    // where it was. Deleting an item at once makes Qt report the whole scene as changed to
    // whoever listens to QGraphicsScene::changed (the view's cache would render everything
    // again); hiding it reports its own extent. (A rebuild deletes everything at once.)
    void retire(QGraphicsItem* item);
    void buryRetired();
    // The card's links along `routes` (one per attachment), replacing those it had.
    void addLinks(CardItem* card, const QList<QPolygonF>& routes);

    DesignDocument* document_;
    bool rebuilding_ = false;
    QString viewId_;
    QString activeViewId_;
    QHash<QString, CardItem*> cards_;
    QHash<QString, SegmentItem*> segments_;
    QList<LinkItem*> links_;
    QHash<QString, QList<LinkItem*>> linksOfCard_;  // card element id → its links
    QList<QGraphicsItem*> retired_;                 // hidden, to be deleted
    QHash<QString, QString> ownerCard_;             // nested element id → card element id
    // What the last layout was given and gave: a change feeds it only what changed.
    QHash<QString, layout::CardInput> cardInputs_;
    QHash<QString, layout::SegmentInput> segmentInputs_;
    layout::Result layout_;
    int fullRebuilds_ = 0;
    DetailMedium medium_ = DetailMedium::Screen;
    // The trace shown, drawn again over the items a change replaces.
    QStringList traceForward_, traceReply_;
    QString traceCurrent_;
    QHash<QString, analysis::Severity> marks_;  // element id → worst severity
    void applyMarks();
    QGraphicsPathItem* forwardPath_ = nullptr;
    QGraphicsPathItem* replyPath_ = nullptr;
    QGraphicsPathItem* currentHalo_ = nullptr;  // a ring around the hop being played
    QList<QPointF> forwardPoints_;
    QList<QPointF> replyPoints_;
};

}  // namespace mailtopo::ui
