#include "ui/diagram/card_item.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "ui/diagram/diagram_style.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kHeaderGap = 8;     // icon → title
constexpr qreal kSectionGap = 8;    // space above each section
constexpr qreal kRowSpacing = 3;    // added to each line's font height
constexpr qreal kTagPadding = 5;    // inside a tag, left and right
constexpr qreal kTagSpacing = 4;    // between tags
constexpr qreal kTagLeadGap = 7;    // text → first tag
constexpr qreal kChipGap = 6;       // chip → text
constexpr qreal kTrailingGap = 12;  // text or tags → trailing value
constexpr qreal kShadowMargin = 6;  // room for the painted shadow
constexpr qreal kAccentHeight = 3;

bool hasChip(const CardLine& line) {
    return line.chip.has_value() || line.hollowChip;
}

qreal trailingWidth(const CardLine& line) {
    if (line.trailing.isEmpty())
        return 0;
    return kTrailingGap +
           QFontMetricsF(DiagramStyle::standard().bodyFont).horizontalAdvance(line.trailing);
}

const QFont& fontFor(const DiagramStyle& style, LineStyle lineStyle) {
    return lineStyle == LineStyle::Strong ? style.strongFont : style.bodyFont;
}

}  // namespace

CardItem::CardItem(CardContent content) : content_(std::move(content)) {
    setFlag(ItemIsSelectable);
    setToolTip(content_.toolTip);
    setData(0, content_.elementId);
    layoutRows();
}

qreal CardItem::tagsWidth(const QList<CardTag>& tags) const {
    if (tags.isEmpty())
        return 0;
    const QFontMetricsF metrics(DiagramStyle::standard().tagFont);
    qreal width = kTagLeadGap;
    for (const CardTag& tag : tags)
        width += metrics.horizontalAdvance(tag.text) + 2 * kTagPadding + kTagSpacing;
    return width - kTagSpacing;
}

qreal CardItem::lineContentWidth(const CardLine& line) const {
    const DiagramStyle& style = DiagramStyle::standard();
    qreal x = line.indent * style.indentStep + (hasChip(line) ? style.chipSize + kChipGap : 0);
    return x + QFontMetricsF(fontFor(style, line.style)).horizontalAdvance(line.text) +
           tagsWidth(line.tags) + trailingWidth(line);
}

void CardItem::layoutRows() {
    const DiagramStyle& style = DiagramStyle::standard();
    const QFontMetricsF title(style.titleFont);
    const QFontMetricsF subtitle(style.subtitleFont);
    const QFontMetricsF heading(style.headingFont);
    const QFontMetricsF body(style.bodyFont);

    // Width: wide enough for the longest row, within the style's bounds.
    qreal widest = style.iconSize + kHeaderGap +
                   std::max(title.horizontalAdvance(content_.title),
                            subtitle.horizontalAdvance(content_.subtitle));
    for (const CardSection& section : content_.sections) {
        widest = std::max(widest, heading.horizontalAdvance(section.heading));
        for (const CardLine& line : section.lines)
            widest = std::max(widest, lineContentWidth(line));
    }
    width_ =
        std::clamp(std::ceil(widest + 2 * style.padding), style.minCardWidth, style.maxCardWidth);
    const qreal inner = width_ - 2 * style.padding;

    const qreal textWidth = inner - style.iconSize - kHeaderGap;
    elidedTitle_ = title.elidedText(content_.title, Qt::ElideRight, textWidth);
    elidedSubtitle_ = subtitle.elidedText(content_.subtitle, Qt::ElideRight, textWidth);
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
                         heading.elidedText(section.heading, Qt::ElideRight, inner)};
            y += h;
        }
        for (int l = 0; l < section.lines.size(); ++l) {
            const CardLine& line = section.lines[l];
            const qreal available = inner - line.indent * style.indentStep -
                                    (hasChip(line) ? style.chipSize + kChipGap : 0) -
                                    tagsWidth(line.tags) - trailingWidth(line);
            const QString text =
                QFontMetricsF(fontFor(style, line.style))
                    .elidedText(line.text, Qt::ElideMiddle, std::max<qreal>(available, 20));
            rows_ << Row{Row::Kind::Line, s, l, y, lineHeight, text};
            if (!line.anchorId.isEmpty())
                anchors_.insert(line.anchorId, y + lineHeight / 2);
            y += lineHeight;
        }
    }
    height_ = std::ceil(y + style.padding - 2);
}

QPointF CardItem::edgePoint(Edge edge, qreal fraction) const {
    const qreal x = std::round(width_ * std::clamp<qreal>(fraction, 0, 1));
    return mapToScene(QPointF(x, edge == Edge::Top ? 0 : height_));
}

QRectF CardItem::boundingRect() const {
    return QRectF(0, 0, width_, height_)
        .adjusted(-kShadowMargin, -kShadowMargin, kShadowMargin, kShadowMargin + 2);
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
    paintFrame(painter, lod, selected);
    if (lod < DiagramStyle::standard().detailThreshold) {
        paintOverview(painter, lod);
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
    QPainterPath clip;
    clip.addRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->save();
    painter->setClipPath(clip, Qt::IntersectClip);
    painter->fillRect(QRectF(0, 0, width_, kAccentHeight + 1), style.accent(content_.icon));
    painter->restore();
}

void CardItem::paintOverview(QPainter* painter, qreal lod) const {
    const DiagramStyle& style = DiagramStyle::standard();
    const QRectF area =
        QRectF(0, 0, width_, height_)
            .adjusted(style.padding, style.padding + kAccentHeight, -style.padding, -style.padding);
    // Sized for the screen rather than the scene: about 13 px names and 10 px kinds at any
    // zoom, shrunk (to a readable floor) when the card is too narrow for them.
    const qreal toScene = 1 / std::max<qreal>(lod, 0.01);
    const QFont name =
        DiagramStyle::fittedFont(style.titleFont, content_.title, 13 * toScene, 9 * toScene,
                                 QSizeF(area.width(), area.height() * 0.5));
    const QFont kind =
        DiagramStyle::fittedFont(style.subtitleFont, content_.subtitle, 10 * toScene, 8 * toScene,
                                 QSizeF(area.width(), area.height() * 0.3));
    const QFontMetricsF nameMetrics(name);
    const QFontMetricsF kindMetrics(kind);
    const bool showKind = nameMetrics.height() + kindMetrics.height() <= area.height();
    const qreal blockHeight = nameMetrics.height() + (showKind ? kindMetrics.height() : 0);
    const qreal top = area.top() + (area.height() - blockHeight) / 2;

    painter->setFont(name);
    painter->setPen(style.text);
    painter->drawText(QRectF(area.left(), top, area.width(), nameMetrics.height()), Qt::AlignCenter,
                      nameMetrics.elidedText(content_.title, Qt::ElideRight, area.width()));
    if (!showKind)
        return;
    painter->setFont(kind);
    painter->setPen(style.mutedText);
    painter->drawText(
        QRectF(area.left(), top + nameMetrics.height(), area.width(), kindMetrics.height()),
        Qt::AlignCenter, kindMetrics.elidedText(content_.subtitle, Qt::ElideRight, area.width()));
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
        painter->drawText(QPointF(right - trailing.horizontalAdvance(line.trailing),
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
        const qreal w = tagMetrics.horizontalAdvance(tag.text) + 2 * kTagPadding;
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
