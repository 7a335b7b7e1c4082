#include "ui/diagram/card_item.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionGraphicsItem>
#include <QtMath>
#include <algorithm>
#include <cmath>

#include "ui/diagram/diagram_style.h"
#include "ui/diagram/miniature.h"
#include "ui/document/element_text.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kHeaderGap = 8;                  // icon → title
constexpr qreal kSectionGap = 8;                 // space above each section
constexpr qreal kRowSpacing = 3;                 // added to each line's font height
constexpr qreal kTagPadding = 5;                 // inside a tag, left and right
constexpr qreal kTagSpacing = 4;                 // between tags
constexpr qreal kTagLeadGap = 7;                 // text → first tag
constexpr qreal kChipGap = 6;                    // chip → text
constexpr qreal kTrailingGap = 12;               // text or tags → trailing value
constexpr qreal kShadowMargin = 6;               // room for the painted shadow
constexpr qsizetype kMaxTitleCharacters = 1000;  // far more than any card can show
constexpr qreal kAccentHeight = 3;
constexpr qreal kHandleRadius = 7;  // the connect and flow handles on the card's edges
constexpr qreal kPortSlack = 5;     // a port is easier to grab than its 8-unit chip

// The top `height` of the card's outline (inset half a unit, as the border is drawn), as
// the accent strip shows it: built once, instead of clipping to the outline on every paint.
QPainterPath accentStripPath(qreal width, qreal radius, qreal height) {
    const QRectF outline(0.5, 0.5, width - 1, height + radius + 1);
    QPainterPath rounded;
    rounded.addRoundedRect(outline, radius, radius);
    const qreal dy = outline.top() + radius - height;  // strip bottom above the arc centres
    if (dy <= 0 || dy >= radius) {
        QPainterPath strip;
        strip.addRect(QRectF(0, 0, width, height));
        return rounded.intersected(strip);
    }
    // Exact arcs rather than QPainterPath::intersected, which flattens curves.
    const qreal angle = qRadiansToDegrees(std::asin(dy / radius));
    QPainterPath path;
    path.moveTo(outline.left() + radius - std::sqrt(radius * radius - dy * dy), height);
    path.arcTo(QRectF(outline.left(), outline.top(), 2 * radius, 2 * radius), 180 - angle,
               angle - 90);
    path.lineTo(outline.right() - radius, outline.top());
    path.arcTo(QRectF(outline.right() - 2 * radius, outline.top(), 2 * radius, 2 * radius), 90,
               angle - 90);
    path.closeSubpath();
    return path;
}

bool hasChip(const CardLine& line) {
    return line.chip.has_value() || line.hollowChip;
}

// The width of a short text that repeats from card to card (a tag such as a connector's
// role, a binding such as 0.0.0.0:25), measured once rather than once per card: shaping
// text is most of what building a card costs. One cache per font and per thread (a report
// may build its scene off the GUI thread); the texts are few, the cap only a safeguard.
qreal repeatedTextWidth(const QFont& font, QHash<QString, qreal>& cache, const QString& text) {
    const auto known = cache.constFind(text);
    if (known != cache.cend())
        return *known;
    if (cache.size() > 4096)
        cache.clear();
    const qreal width = QFontMetricsF(font).horizontalAdvance(text);
    cache.insert(text, width);
    return width;
}

qreal tagTextWidth(const QString& text) {
    thread_local QHash<QString, qreal> cache;
    return repeatedTextWidth(DiagramStyle::standard().tagFont, cache, text);
}

qreal trailingWidth(const CardLine& line) {
    if (line.trailing.isEmpty())
        return 0;
    thread_local QHash<QString, qreal> cache;
    return kTrailingGap +
           repeatedTextWidth(DiagramStyle::standard().bodyFont, cache, line.trailing);
}

const QFont& fontFor(const DiagramStyle& style, LineStyle lineStyle) {
    return lineStyle == LineStyle::Strong ? style.strongFont : style.bodyFont;
}

}  // namespace

CardItem::CardItem(CardContent content) : content_(std::move(content)) {
    // No card shows more than a few dozen characters of its title, but fitting one measures
    // all of it, for every size tried: a 5 MB name took seconds per card and GBs. The
    // tooltip keeps its own text.
    content_.title = text::shownText(content_.title, kMaxTitleCharacters);
    content_.subtitle = text::shownText(content_.subtitle, kMaxTitleCharacters);
    setFlag(ItemIsSelectable);
    setToolTip(content_.toolTip);
    setData(0, content_.elementId);
    layoutRows();
}

qreal CardItem::tagsWidth(const QList<CardTag>& tags) const {
    if (tags.isEmpty())
        return 0;
    qreal width = kTagLeadGap;
    for (const CardTag& tag : tags)
        width += tagTextWidth(tag.text) + 2 * kTagPadding + kTagSpacing;
    return width - kTagSpacing;
}

void CardItem::layoutRows() {
    const DiagramStyle& style = DiagramStyle::standard();
    const QFontMetricsF title(style.titleFont);
    const QFontMetricsF subtitle(style.subtitleFont);
    const QFontMetricsF heading(style.headingFont);
    const QFontMetricsF body(style.bodyFont);

    // Every line's text and the room its chip, tags and trailing value take, measured once:
    // shaping text is most of what building a card costs.
    struct Measured {
        qreal text = 0;
        qreal besides = 0;  // indent, chip, tags and trailing value
    };
    QList<QList<Measured>> measured;
    // Width: wide enough for the longest row, within the style's bounds.
    const qreal titleWidth = title.horizontalAdvance(content_.title);
    const qreal subtitleWidth = subtitle.horizontalAdvance(content_.subtitle);
    qreal widest = style.iconSize + kHeaderGap + std::max(titleWidth, subtitleWidth);
    QList<qreal> headingWidths;
    for (const CardSection& section : content_.sections) {
        headingWidths << heading.horizontalAdvance(section.heading);
        widest = std::max(widest, headingWidths.last());
        QList<Measured>& lines = measured.emplace_back();
        for (const CardLine& line : section.lines) {
            const Measured m{QFontMetricsF(fontFor(style, line.style)).horizontalAdvance(line.text),
                             line.indent * style.indentStep +
                                 (hasChip(line) ? style.chipSize + kChipGap : 0) +
                                 tagsWidth(line.tags) + trailingWidth(line)};
            lines << m;
            widest = std::max(widest, m.text + m.besides);
        }
    }
    width_ =
        std::clamp(std::ceil(widest + 2 * style.padding), style.minCardWidth, style.maxCardWidth);
    const qreal inner = width_ - 2 * style.padding;

    // What fits is kept as it is (what elidedText() would return for it, without shaping
    // the text again).
    const auto fitted = [](const QFontMetricsF& metrics, const QString& text, qreal width,
                           qreal room, Qt::TextElideMode mode) {
        return width <= room ? text : metrics.elidedText(text, mode, room);
    };
    const qreal textWidth = inner - style.iconSize - kHeaderGap;
    elidedTitle_ = fitted(title, content_.title, titleWidth, textWidth, Qt::ElideRight);
    elidedSubtitle_ = fitted(subtitle, content_.subtitle, subtitleWidth, textWidth, Qt::ElideRight);
    headerHeight_ = std::ceil(kAccentHeight + 9 + title.height() + subtitle.height() + 9);

    qreal y = headerHeight_ + 2;
    const qreal lineHeight = std::ceil(body.height() + kRowSpacing);
    for (int s = 0; s < content_.sections.size(); ++s) {
        const CardSection& section = content_.sections[s];
        if (section.lines.isEmpty() && section.heading.isEmpty())
            continue;
        y += kSectionGap;
        if (!section.heading.isEmpty()) {
            const qreal h = std::ceil(heading.height() + 5);
            rows_ << Row{Row::Kind::Heading,
                         s,
                         0,
                         y,
                         h,
                         fitted(heading, section.heading, headingWidths[s], inner, Qt::ElideRight)};
            y += h;
        }
        for (int l = 0; l < section.lines.size(); ++l) {
            const CardLine& line = section.lines[l];
            const Measured& m = measured[s][l];
            const qreal available = std::max<qreal>(inner - m.besides, 20);
            const QString text = fitted(QFontMetricsF(fontFor(style, line.style)), line.text,
                                        m.text, available, Qt::ElideMiddle);
            rows_ << Row{Row::Kind::Line, s, l, y, lineHeight, text};
            if (!line.anchorId.isEmpty()) {
                const qreal middle = y + lineHeight / 2;
                anchors_.insert(line.anchorId, middle);
                if (hasChip(line)) {
                    const qreal x = style.padding + line.indent * style.indentStep;
                    ports_.insert(line.anchorId, QRectF(x, middle - style.chipSize / 2,
                                                        style.chipSize, style.chipSize));
                }
            }
            y += lineHeight;
        }
    }
    height_ = std::ceil(y + style.padding - 2);
    accentStrip_ = accentStripPath(width_, style.cardRadius, kAccentHeight + 1);
    boundingRect_ = QRectF(0, 0, width_, height_)
                        .adjusted(-kShadowMargin, -kShadowMargin, kShadowMargin, kShadowMargin + 2)
                        .united(handleRect(Handle::Connect).adjusted(-1, -1, 1, 1))
                        .united(QRectF(width_ - kHandleRadius - 1, 0, 2 * kHandleRadius + 2,
                                       2 * kHandleRadius + 2));
}

void CardItem::setHandlesShown(bool shown) {
    if (shown == handlesShown_)
        return;
    handlesShown_ = shown;
    update();
}

QRectF CardItem::handleRect(Handle handle) const {
    const QSizeF size(2 * kHandleRadius, 2 * kHandleRadius);
    switch (handle) {
        case Handle::Connect:
            return QRectF(QPointF(width_ / 2 - kHandleRadius, height_ - kHandleRadius), size);
        case Handle::Flow:
            // Only a host opens SMTP connections: flows start from hosts.
            if (type() != HostType)
                return {};
            return QRectF(QPointF(width_ - kHandleRadius, headerHeight_ / 2 - kHandleRadius), size);
        case Handle::None:
            break;
    }
    return {};
}

CardItem::Handle CardItem::handleAt(const QPointF& itemPos) const {
    if (!handlesShown_ && !isSelected())
        return Handle::None;
    for (const Handle handle : {Handle::Connect, Handle::Flow}) {
        const QRectF rect = handleRect(handle);
        if (!rect.isEmpty() && rect.adjusted(-2, -2, 2, 2).contains(itemPos))
            return handle;
    }
    return Handle::None;
}

QString CardItem::portAt(const QPointF& itemPos) const {
    for (auto it = ports_.cbegin(); it != ports_.cend(); ++it) {
        if (it.value().adjusted(-kPortSlack, -kPortSlack, kPortSlack, kPortSlack).contains(itemPos))
            return it.key();
    }
    return {};
}

QRectF CardItem::portRect(const QString& interfaceId) const {
    return ports_.value(interfaceId);
}

QString CardItem::rowElementAt(const QPointF& itemPos) const {
    for (const Row& row : rows_) {
        if (row.kind != Row::Kind::Line || itemPos.y() < row.top ||
            itemPos.y() >= row.top + row.height)
            continue;
        return content_.sections[row.section].lines[row.line].elementId;
    }
    return {};
}

QRectF CardItem::titleRect() const {
    const DiagramStyle& style = DiagramStyle::standard();
    const qreal left = style.padding + style.iconSize + kHeaderGap;
    const QFontMetricsF title(style.titleFont);
    return QRectF(left, kAccentHeight + 7, width_ - left - style.padding + 4, title.height() + 4);
}

CardDetail CardItem::detailAt(qreal lod) const {
    return cardDetailAt(cardSize(), lod, detailMediumOf(this));
}

QRectF CardItem::titleRectAt(qreal lod) const {
    switch (detailAt(lod)) {
        case CardDetail::Full:
            return titleRect();
        case CardDetail::Summary: {
            QRectF rect;
            for (const CardSummary::Line& line : summaryAt(lod).nameLines)
                rect = rect.united(line.rect);
            return rect;
        }
        case CardDetail::Miniature:
            break;
    }
    return QRectF(QPointF(), cardSize());
}

QPointF CardItem::edgePoint(Edge edge, qreal fraction) const {
    const qreal x = std::round(width_ * std::clamp<qreal>(fraction, 0, 1));
    return mapToScene(QPointF(x, edge == Edge::Top ? 0 : height_));
}

QRectF CardItem::boundingRect() const {
    return boundingRect_;
}

QPainterPath CardItem::shape() const {
    QPainterPath path;
    const DiagramStyle& style = DiagramStyle::standard();
    path.addRoundedRect(QRectF(0, 0, width_, height_), style.cardRadius, style.cardRadius);
    return path;
}

void CardItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                     QWidget* /*widget*/) {
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool selected = option->state.testFlag(QStyle::State_Selected);
    const CardDetail detail = detailAt(lod);
    if (detail == CardDetail::Miniature) {
        paintAsMiniature(painter, lod, selected);
        return;
    }
    paintFrame(painter, lod, selected);
    if (detail == CardDetail::Summary) {
        paintSummary(painter, lod);
        if (handlesShown_ || selected)
            paintGrips(painter, false);  // no rows, so no ports to show
        return;
    }
    paintHeader(painter, lod);
    for (const Row& row : rows_) {
        // Rows outside the exposed area cost nothing to skip and add up on large designs.
        if (row.top > option->exposedRect.bottom() ||
            row.top + row.height < option->exposedRect.top())
            continue;
        paintRow(painter, row);
    }
    if (handlesShown_ || selected)
        paintGrips(painter, true);
}

void CardItem::paintGrips(QPainter* painter, bool ports) const {
    const DiagramStyle& style = DiagramStyle::standard();
    painter->save();
    // The ports: a ring around each interface's chip says it can be dragged.
    if (handlesShown_ && ports) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(style.selection, 1.4));
        for (const QRectF& port : std::as_const(ports_))
            painter->drawEllipse(port.center(), style.chipSize * 0.95, style.chipSize * 0.95);
    }
    const auto drawHandle = [&](Handle handle, const QColor& fill) {
        const QRectF rect = handleRect(handle);
        if (rect.isEmpty())
            return QRectF();
        painter->setPen(QPen(style.cardFill, 1.5));
        painter->setBrush(fill);
        painter->drawEllipse(rect);
        return rect;
    };
    // Connect: a "+" on the bottom edge, where links to the segments below leave.
    const QRectF connect = drawHandle(Handle::Connect, style.selection);
    QPen ink(QColor(Qt::white), 1.6, Qt::SolidLine, Qt::RoundCap);
    painter->setPen(ink);
    const QPointF c = connect.center();
    painter->drawLine(c + QPointF(-3.5, 0), c + QPointF(3.5, 0));
    painter->drawLine(c + QPointF(0, -3.5), c + QPointF(0, 3.5));
    // Flow: an arrow on the right edge, the way mail leaves the host.
    const QRectF flow = drawHandle(Handle::Flow, QColor(0x1d, 0x8a, 0x5a));
    if (!flow.isEmpty()) {
        painter->setPen(ink);
        const QPointF f = flow.center();
        painter->drawLine(f + QPointF(-3.5, 0), f + QPointF(3.5, 0));
        painter->drawLine(f + QPointF(3.5, 0), f + QPointF(0.5, -3));
        painter->drawLine(f + QPointF(3.5, 0), f + QPointF(0.5, 3));
    }
    painter->restore();
}

void CardItem::setMark(const QColor& color) {
    if (color == mark_)
        return;
    mark_ = color;
    update();
}

void CardItem::paintFrame(QPainter* painter, qreal lod, bool selected) const {
    const DiagramStyle& style = DiagramStyle::standard();
    const QRectF card(0, 0, width_, height_);
    const qreal radius = style.cardRadius;
    if (mark_.isValid()) {
        // Outside the card, inside the shadow margin: the bounding rectangle already covers it.
        // Wider when zoomed out (an overview page), up to what the shadow margin holds.
        painter->setPen(QPen(mark_, std::clamp(1.2 / std::max(lod, 0.01), 3.0, 4.0)));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(-3.5, -3.5, 3.5, 3.5), radius + 3, radius + 3);
    }
    painter->setPen(Qt::NoPen);
    if (lod > 0.2) {
        // A soft shadow from a few widening, fading outlines: cheap, and it needs no
        // QGraphicsEffect (which would rasterise every card off-screen).
        for (int i = 0; i < 4; ++i) {
            QColor shade = style.shadow;
            shade.setAlpha(16 - 3 * i);
            painter->setBrush(shade);
            const qreal grow = i * 1.2;
            painter->drawRoundedRect(card.adjusted(-grow, -grow + 2, grow, grow + 2.5),
                                     radius + grow, radius + grow);
        }
    }
    painter->setBrush(style.cardFill);
    painter->setPen(selected ? QPen(style.selection, 2.2) : QPen(style.cardBorder, 1));
    painter->drawRoundedRect(card, radius, radius);

    // The accent strip along the top names the element kind by colour.
    painter->fillPath(accentStrip_, style.accent(content_.icon));
}

void CardItem::paintAsMiniature(QPainter* painter, qreal lod, bool selected) const {
    const DiagramStyle& style = DiagramStyle::standard();
    paintMiniature(
        painter, QRectF(0, 0, width_, height_), lod,
        {style.cardFill, style.cardBorder, style.accent(content_.icon), mark_, selected});
}

const CardSummary& CardItem::summaryAt(qreal lod) const {
    if (summary_.lod != lod)
        summary_ = summarizeCard(content_, cardSize(), lod);
    return summary_;
}

void CardItem::paintSummary(QPainter* painter, qreal lod) const {
    const DiagramStyle& style = DiagramStyle::standard();
    const CardSummary& summary = summaryAt(lod);
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    if (!summary.iconRect.isEmpty())
        painter->drawPixmap(
            summary.iconRect,
            style.iconPixmap(content_.icon,
                             static_cast<int>(std::ceil(summary.iconRect.width() * lod * dpr))),
            QRectF());
    const Qt::Alignment align =
        Qt::AlignVCenter | (summary.centred ? Qt::AlignHCenter : Qt::AlignLeft);
    const auto write = [&](const CardSummary::Line& line) {
        painter->drawText(line.rect, align, line.text);
    };
    painter->setFont(summary.nameFont);
    painter->setPen(style.text);
    for (const CardSummary::Line& line : summary.nameLines)
        write(line);
    painter->setPen(style.mutedText);
    if (!summary.kind.text.isEmpty()) {
        painter->setFont(summary.kindFont);
        write(summary.kind);
    }
    painter->setFont(summary.factFont);
    painter->setPen(style.text);
    for (const CardSummary::Line& line : summary.facts)
        write(line);
}

void CardItem::paintHeader(QPainter* painter, qreal lod) const {
    const DiagramStyle& style = DiagramStyle::standard();
    const qreal iconTop = std::round((headerHeight_ + kAccentHeight - style.iconSize) / 2);
    const QRectF iconRect(style.padding, iconTop, style.iconSize, style.iconSize);
    // Render the SVG at the on-screen size so icons stay crisp at every zoom.
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const int pixels = static_cast<int>(std::ceil(style.iconSize * lod * dpr));
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawPixmap(iconRect, style.iconPixmap(content_.icon, pixels), QRectF());

    const qreal textLeft = iconRect.right() + kHeaderGap;
    const QFontMetricsF title(style.titleFont);
    const QFontMetricsF subtitle(style.subtitleFont);
    const qreal titleBaseline = kAccentHeight + 9 + title.ascent();
    painter->setFont(style.titleFont);
    painter->setPen(style.text);
    painter->drawText(QPointF(textLeft, titleBaseline), elidedTitle_);
    painter->setFont(style.subtitleFont);
    painter->setPen(style.mutedText);
    painter->drawText(QPointF(textLeft, titleBaseline + title.descent() + subtitle.ascent() + 1),
                      elidedSubtitle_);

    painter->setPen(QPen(style.separator, 1));
    painter->drawLine(QPointF(0.5, headerHeight_ + 0.5),
                      QPointF(width_ - 0.5, headerHeight_ + 0.5));
}

void CardItem::paintRow(QPainter* painter, const Row& row) const {
    const DiagramStyle& style = DiagramStyle::standard();
    if (row.kind == Row::Kind::Heading) {
        const QFontMetricsF metrics(style.headingFont);
        painter->setFont(style.headingFont);
        painter->setPen(style.headingText);
        painter->drawText(QPointF(style.padding, row.top + metrics.ascent() + 1), row.text);
        return;
    }
    const CardLine& line = content_.sections[row.section].lines[row.line];
    const QFont& font = fontFor(style, line.style);
    const QFontMetricsF metrics(font);
    const qreal middle = row.top + row.height / 2;
    qreal x = style.padding + line.indent * style.indentStep;
    if (hasChip(line)) {
        const QRectF chip(x, middle - style.chipSize / 2, style.chipSize, style.chipSize);
        if (line.chip) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(style.segmentColors(*line.chip).strong);
            painter->drawRoundedRect(chip, 2, 2);
        } else {
            painter->setPen(QPen(style.headingText, 1.2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(chip.adjusted(0.6, 0.6, -0.6, -0.6), 2, 2);
        }
        x += style.chipSize + kChipGap;
    }
    painter->setFont(font);
    painter->setPen(line.style == LineStyle::Muted ? style.mutedText : style.text);
    const qreal baseline = middle + (metrics.ascent() - metrics.descent()) / 2;
    painter->drawText(QPointF(x, baseline), row.text);
    x += metrics.horizontalAdvance(row.text);

    if (!line.trailing.isEmpty()) {
        const QFontMetricsF trailing(style.bodyFont);
        painter->setFont(style.bodyFont);
        painter->setPen(style.mutedText);
        const qreal right = width_ - style.padding;
        painter->drawText(QPointF(right - (trailingWidth(line) - kTrailingGap),
                                  middle + (trailing.ascent() - trailing.descent()) / 2),
                          line.trailing);
    }
    if (line.tags.isEmpty())
        return;
    x += kTagLeadGap;
    const QFontMetricsF tagMetrics(style.tagFont);
    painter->setFont(style.tagFont);
    const qreal tagHeight = std::ceil(tagMetrics.height() + 2);
    for (const CardTag& tag : line.tags) {
        const TagColors colors = style.tagColors(tag.tone);
        const qreal w = tagTextWidth(tag.text) + 2 * kTagPadding;
        const QRectF box(x, std::round(middle - tagHeight / 2), w, tagHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors.background);
        painter->drawRoundedRect(box, 3, 3);
        painter->setPen(colors.text);
        painter->drawText(box, Qt::AlignCenter, tag.text);
        x += w + kTagSpacing;
    }
}

CardItem* cardCast(QGraphicsItem* item) {
    if (item == nullptr || item->type() < CardItem::FirstCardType ||
        item->type() > CardItem::LastCardType) {
        return nullptr;
    }
    return static_cast<CardItem*>(item);
}

const CardItem* cardCast(const QGraphicsItem* item) {
    return cardCast(const_cast<QGraphicsItem*>(item));
}

}  // namespace mailtopo::ui
