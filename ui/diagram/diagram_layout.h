#pragma once
// Where cards, segment bands and links go: pure geometry, no items and no model, so it is
// testable on its own and replaceable (the editor will add user-driven layout; a
// graph-layout engine could be another implementation of the same function).
//
// Two pictures, chosen by whether the view places anything:
//  - nothing placed: a layered picture, segments as horizontal buses from the internet
//    down to the LANs, each card in the band between the buses it touches;
//  - placements given: every element where the view puts it, segments drawn as compact
//    hubs, links routed orthogonally around the cards. Elements without a placement go
//    into a grid below the placed ones. Placements keep their arrangement but not
//    necessarily their exact spacing: a column or row that would overlap the one before
//    it (a file written for smaller cards) is pushed just far enough apart, so nothing
//    ever overlaps.

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSet>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <optional>

#include "core/model/enums.h"
#include "ui/diagram/link_routing.h"

namespace mailtopo::ui::layout {

struct CardInput {
    QString id;
    QSizeF size;
    QStringList attachmentSegments;  // the segment of each attachment, in the card's order
    // Per attachment, the height within the card a link leaving through a side should
    // start at (its interface's row); negative: the side's middle.
    QList<qreal> attachmentAnchors;
    std::optional<QPointF> placed;  // top-left corner from the view
    int group = 0;                  // cards of a lower group come first in a row
};

struct SegmentInput {
    QString id;
    model::SegmentKind kind = model::SegmentKind::Lan;
    qreal labelWidth = 0;  // a bus's left end holds the label; links land to its right
    QSizeF hubSize;        // the segment's size when drawn as a hub
    std::optional<QPointF> placed;
};

struct Metrics {
    qreal columnGap = 56;     // between cards in a row
    qreal rowGap = 64;        // between rows of cards
    qreal busClearance = 60;  // between a row of cards and a bus
    int maxColumns = 5;       // cards per row before wrapping
    qreal bandHeight = 30;
    qreal bandOverhang = 28;   // bus length past the last link
    qreal linkClearance = 14;  // links keep this far from cards they pass
};

struct Result {
    bool hubs = false;                      // segments are hubs (placed view), not buses
    QHash<QString, QPointF> cardPositions;  // top-left corners
    QHash<QString, QRectF> segmentBands;    // the bus or hub of every segment
    // For every card, one route per attachment (empty when its segment is unknown): scene
    // points from the card edge to the segment's edge.
    QHash<QString, QList<QPolygonF>> routes;
    // Placed views: per card and attachment, the sides of card and hub its link joins (an
    // update keeps them for links it does not route again).
    QHash<QString, QList<QPair<Side, Side>>> linkSides;
};

Result computeLayout(const QList<CardInput>& cards, const QList<SegmentInput>& segments,
                     const Metrics& metrics = {});

// The layout after a change, from the one before it: `changed` names the cards and
// segments whose input changed (new, edited, moved). Positions and bands are exactly
// computeLayout's. Links are routed again where anything about them changed: their card
// or hub moved or changed, their route now crosses a card that moved, or a link joining
// the same side of a card or hub came or went (ports spread along a side move); every
// other link keeps its route and sides, so an edit never redraws links far from it. A view
// laid out automatically (nothing placed) is laid out afresh: there, one change moves all.
Result updateLayout(const Result& previous, const QList<CardInput>& cards,
                    const QList<SegmentInput>& segments, const QSet<QString>& changed,
                    const Metrics& metrics = {});

}  // namespace mailtopo::ui::layout
