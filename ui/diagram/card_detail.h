#pragma once
// The one rule that decides what a card shows at a zoom level (semantic zoom).
//
// A card keeps one size in the scene (the layout, the links and the report depend on it);
// what is drawn inside it changes with the zoom:
//  - Full: the header and every row (NICs, addresses, connectors, tags), when body text is
//    readable on screen;
//  - Summary: zoomed out (the fitted view of a design): the icon, the whole name (wrapped
//    over up to three lines, in a font sized for the screen), the kind, and the key
//    addresses while there is room, so a zoomed-out card is never an empty box;
//  - Miniature: so far out that not even a short name could be read (the fitted view of an
//    estate of thousands): a flat rectangle in the element's colours.
// CardItem paints what this decides; DiagramView offers ports only where rows are drawn.
// The views issue adds a per-view detail choice on top of cardDetailAt().

#include <QFont>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

class QGraphicsItem;

namespace mailtopo::ui {

struct CardContent;

enum class CardDetail { Miniature, Summary, Full };

// Where the diagram is read. Paper (the report) is read closer than a screen and zoomed in a
// PDF viewer: its rows stay legible at a smaller scale.
enum class DetailMedium { Screen, Paper };

// What a card of `cardSize` (scene units) shows at `lod` (device pixels per scene unit).
CardDetail cardDetailAt(const QSizeF& cardSize, qreal lod,
                        DetailMedium medium = DetailMedium::Screen);

// The zoom from which every card shows its rows: body text is then readable.
qreal fullDetailZoom(DetailMedium medium = DetailMedium::Screen);

// The medium of the scene an item is drawn in (Screen outside a DiagramScene).
DetailMedium detailMediumOf(const QGraphicsItem* item);

// A summary laid out for one zoom, in the card's coordinates (scene units).
struct CardSummary {
    qreal lod = -1;
    QRectF iconRect;
    QFont nameFont;
    struct Line {
        QString text;
        QRectF rect;  // where it is written, left-aligned at rect.left(), centred vertically
    };
    QList<Line> nameLines;
    bool nameCut = false;  // the name did not fit whole (the tooltip has it)
    QFont kindFont;
    Line kind;  // empty text: no room for it
    QFont factFont;
    QList<Line> facts;     // the key addresses that fit, the last perhaps "+N more"
    bool centred = false;  // narrow card: the icon above the name, every line centred

    // The name as shown (the lines joined), for tests and tooltips.
    QString shownName() const;
};

CardSummary summarizeCard(const CardContent& content, const QSizeF& cardSize, qreal lod);

}  // namespace mailtopo::ui
