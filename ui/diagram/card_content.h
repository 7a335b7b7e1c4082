#pragma once
// What a card shows, as plain data. element_descriptions.cpp builds it from the model and
// CardItem paints it; keeping the words apart from the painting lets tests read a card
// without pixels, and lets a painting style change without touching the wording.

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "core/model/enums.h"

namespace mailtopo::ui {

// One icon per element kind; the SVGs live in resources/icons/.
enum class ElementIcon {
    ExchangeServer,
    SmtpHost,
    Internet,
    Segment,
    Router,
    LoadBalancer,
    Firewall
};

// The meaning of a tag; DiagramStyle turns it into colours.
enum class TagTone {
    Neutral,  // plain facts: "DHCP", "disabled"
    Info,     // roles: "Frontend", "Hub"
    Warning,  // behaviour that surprises people: "skip" (SkipAsSource, R3)
    Special,  // unusual plumbing: "loopback", "DSR", load-balancer modes
};

struct CardTag {
    QString text;
    TagTone tone = TagTone::Neutral;
};

enum class LineStyle { Normal, Strong, Muted };

struct CardLine {
    QString text;
    LineStyle style = LineStyle::Normal;
    int indent = 0;  // nesting level: an address under its interface is 1
    // A square in the colour of the segment the line's interface sits on, so a reader can
    // match the row with the link leaving the card.
    std::optional<model::SegmentKind> chip;
    // An interface on no segment (a loopback adapter): a hollow chip keeps its row
    // aligned with the connected ones and says "not linked".
    bool hollowChip = false;
    QList<CardTag> tags;
    QString trailing;  // a muted value aligned to the card's right edge (a connector's bindings)
    // The interface this row heads; a link leaving the card's side starts level with it.
    QString anchorId;
    // The nested element the row is about (a VIP, a receive connector): a flow dragged onto
    // the row goes to it.
    QString elementId;
};

struct CardSection {
    QString heading;  // empty: no heading row
    QList<CardLine> lines;
};

// A place where the card's element connects to a segment: a NIC or a device interface.
struct CardAttachment {
    QString interfaceId;
    QString label;  // the interface alias written beside the link
    QString segmentId;
};

struct CardContent {
    QString elementId;
    ElementIcon icon = ElementIcon::SmtpHost;
    QString title;
    QString subtitle;
    QList<CardSection> sections;
    QList<CardAttachment> attachments;
    // What the card still shows zoomed out, under its name, while there is room: the
    // element's addresses (a load balancer's virtual servers first), one per line.
    QStringList keyFacts;
    QString toolTip;  // rich text
    // Ids of nested elements shown on this card (NICs, interfaces, VIPs, receive
    // connectors): selecting one of them in the tree selects this card.
    QList<QString> nestedIds;
};

}  // namespace mailtopo::ui
