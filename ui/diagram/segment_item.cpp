#include "ui/diagram/segment_item.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionGraphicsItem>
#include <cmath>

#include "ui/diagram/card_detail.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/element_descriptions.h"
#include "ui/diagram/miniature.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kInset = 10;
// Room outside the band for the selection outline and a finding's severity ring.
constexpr qreal kMarkMargin = 5.5;
constexpr qreal kIconSize = 16;
constexpr qreal kGap = 7;
constexpr qreal kHubPadding = 10;
// Hubs are at least this big, and wide enough for their name at the overview's smallest
// readable size (9 px) at kOverviewZoom, the fitted view of a typical design: zoomed out,
// a hub shows its name whole where a card does.
constexpr qreal kMinHubWidth = 200;
constexpr qreal kOverviewZoom = 0.25;
constexpr qreal kOverviewNamePixels = 9;
constexpr qreal kMinHubHeight = 52;
// Below this height on screen (in pixels) the name cannot be read: a miniature instead.
constexpr qreal kReadableNamePixels = 7;

ElementIcon iconFor(model::SegmentKind kind) {
    return kind == model::SegmentKind::Internet ? ElementIcon::Internet : ElementIcon::Segment;
}

void drawIcon(QPainter* painter, model::SegmentKind kind, const QRectF& rect, qreal lod) {
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawPixmap(rect,
                        DiagramStyle::standard().iconPixmap(
                            iconFor(kind), static_cast<int>(std::ceil(rect.width() * lod * dpr))),
                        QRectF());
}

qreal baselineFor(const QFontMetricsF& metrics, qreal middle) {
    return middle + (metrics.ascent() - metrics.descent()) / 2;
}

}  // namespace

SegmentItem::SegmentItem(const model::Segment& segment)
    : segmentId_(QString::fromStdString(segment.id)), kind_(segment.kind) {
    const SegmentLabel label = describeSegment(segment);
    title_ = label.title;
    subnets_ = label.subnets;
    setToolTip(label.toolTip);
    setData(0, segmentId_);
    setFlag(ItemIsSelectable);

    const DiagramStyle& style = DiagramStyle::standard();
    const QFontMetricsF titleMetrics(style.segmentTitleFont);
    const QFontMetricsF bodyMetrics(style.bodyFont);
    const qreal titleWidth = titleMetrics.horizontalAdvance(title_);
    const qreal subnetsWidth = subnets_.isEmpty() ? 0 : bodyMetrics.horizontalAdvance(subnets_);

    labelWidth_ = kInset + kIconSize + kGap + titleWidth;
    if (!subnets_.isEmpty())
        labelWidth_ += 2 * kGap + subnetsWidth;
    labelWidth_ = std::ceil(labelWidth_ + kInset);

    const qreal textHeight =
        titleMetrics.height() + (subnets_.isEmpty() ? 0 : bodyMetrics.height() + 1);
    const qreal overviewTitleWidth =
        titleWidth * kOverviewNamePixels / style.segmentTitleFont.pixelSize() / kOverviewZoom;
    hubSize_ = QSizeF(std::max({kMinHubWidth, std::ceil(overviewTitleWidth + 2 * kInset + 4),
                                std::ceil(2 * kHubPadding + kIconSize + kGap +
                                          std::max(titleWidth, subnetsWidth))}),
                      std::max(kMinHubHeight, std::ceil(2 * kHubPadding + textHeight)));
    size_ = QSizeF(labelWidth_, busHeight());
}

qreal SegmentItem::busHeight() {
    return DiagramStyle::standard().segmentHeight;
}

qreal SegmentItem::radius() const {
    return shape_ == Shape::Bus ? 8 : 10;
}

void SegmentItem::setGeometry(const QRectF& rect, Shape shape) {
    prepareGeometryChange();
    overview_ = {};  // its text fits the old size
    shape_ = shape;
    setPos(rect.topLeft());
    size_ = shape == Shape::Bus ? QSizeF(std::max(rect.width(), labelWidth_), busHeight())
                                : rect.size().expandedTo(hubSize_);
}

QRectF SegmentItem::boundingRect() const {
    return QRectF(QPointF(), size_).adjusted(-kMarkMargin, -kMarkMargin, kMarkMargin, kMarkMargin);
}

void SegmentItem::setMark(const QColor& color) {
    if (color == mark_)
        return;
    mark_ = color;
    update();
}

QPainterPath SegmentItem::shape() const {
    QPainterPath path;
    path.addRoundedRect(QRectF(QPointF(), size_), radius(), radius());
    return path;
}

void SegmentItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                        QWidget* /*widget*/) {
    const DiagramStyle& style = DiagramStyle::standard();
    const SegmentColors colors = style.segmentColors(kind_);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool selected = option->state.testFlag(QStyle::State_Selected);
    const QRectF body(QPointF(), size_);

    if (overviewArea().height() * lod < kReadableNamePixels) {
        paintMiniature(painter, body, lod, {colors.fill, colors.border, QColor(), mark_, selected});
        return;
    }
    if (mark_.isValid()) {
        painter->setPen(QPen(mark_, std::clamp(1.2 / std::max(lod, 0.01), 3.0, 4.0)));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(body.adjusted(-3.5, -3.5, 3.5, 3.5), radius() + 3, radius() + 3);
    }
    painter->setBrush(colors.fill);
    painter->setPen(selected ? QPen(style.selection, 2.2) : QPen(colors.border, 1.2));
    painter->drawRoundedRect(body, radius(), radius());

    if (lod < fullDetailZoom(detailMediumOf(this))) {
        // Zoomed out: only the name, sized to stay readable on screen.
        const Overview& overview = overviewAt(lod);
        painter->setFont(overview.font);
        painter->setPen(colors.strong);
        painter->drawText(
            overviewArea(),
            Qt::AlignVCenter | (shape_ == Shape::Bus ? Qt::AlignLeft : Qt::AlignHCenter),
            overview.text);
        return;
    }
    if (shape_ == Shape::Bus) {
        paintBusLabel(painter, lod);
    } else {
        paintHubLabel(painter, lod);
    }
}

QRectF SegmentItem::titleRect() const {
    const QFontMetricsF metrics(DiagramStyle::standard().segmentTitleFont);
    const qreal width = std::max<qreal>(metrics.horizontalAdvance(title_) + 24, 140);
    if (shape_ == Shape::Bus)
        return QRectF(kInset + kIconSize + kGap - 3, 0, width, size_.height());
    return QRectF(kHubPadding, (size_.height() - metrics.height()) / 2 - 6,
                  std::max(width, size_.width() - 2 * kHubPadding), metrics.height() + 8);
}

QRectF SegmentItem::overviewArea() const {
    return QRectF(QPointF(), size_).adjusted(kInset, 2, -kInset, -2);
}

const SegmentItem::Overview& SegmentItem::overviewAt(qreal lod) const {
    if (overview_.lod == lod)
        return overview_;
    const DiagramStyle& style = DiagramStyle::standard();
    const QRectF area = overviewArea();
    const qreal toScene = 1 / std::max<qreal>(lod, 0.01);
    overview_.lod = lod;
    overview_.font = DiagramStyle::fittedFont(style.segmentTitleFont, title_, 12 * toScene,
                                              9 * toScene, area.size());
    overview_.text = QFontMetricsF(overview_.font).elidedText(title_, Qt::ElideRight, area.width());
    return overview_;
}

void SegmentItem::paintBusLabel(QPainter* painter, qreal lod) const {
    const DiagramStyle& style = DiagramStyle::standard();
    const qreal middle = size_.height() / 2;
    const QRectF iconRect(kInset, middle - kIconSize / 2, kIconSize, kIconSize);
    drawIcon(painter, kind_, iconRect, lod);

    const QFontMetricsF titleMetrics(style.segmentTitleFont);
    qreal x = iconRect.right() + kGap;
    painter->setFont(style.segmentTitleFont);
    painter->setPen(style.segmentColors(kind_).strong);
    painter->drawText(QPointF(x, baselineFor(titleMetrics, middle)), title_);
    if (subnets_.isEmpty())
        return;
    x += titleMetrics.horizontalAdvance(title_) + 2 * kGap;
    painter->setFont(style.bodyFont);
    painter->setPen(style.mutedText);
    painter->drawText(QPointF(x, baselineFor(QFontMetricsF(style.bodyFont), middle)), subnets_);
}

void SegmentItem::paintHubLabel(QPainter* painter, qreal lod) const {
    const DiagramStyle& style = DiagramStyle::standard();
    const QFontMetricsF titleMetrics(style.segmentTitleFont);
    const QFontMetricsF bodyMetrics(style.bodyFont);
    const qreal textHeight =
        titleMetrics.height() + (subnets_.isEmpty() ? 0 : bodyMetrics.height() + 1);
    const qreal top = (size_.height() - textHeight) / 2;
    // The icon and text block is centred in the hub (hubs have a minimum size).
    const qreal blockWidth =
        kIconSize + kGap +
        std::max(titleMetrics.horizontalAdvance(title_), bodyMetrics.horizontalAdvance(subnets_));
    const qreal left = std::max(kHubPadding, std::floor((size_.width() - blockWidth) / 2));
    const QRectF iconRect(left, top + (titleMetrics.height() - kIconSize) / 2, kIconSize,
                          kIconSize);
    drawIcon(painter, kind_, iconRect, lod);

    const qreal x = iconRect.right() + kGap;
    const qreal width = size_.width() - x - kHubPadding;
    painter->setFont(style.segmentTitleFont);
    painter->setPen(style.segmentColors(kind_).strong);
    painter->drawText(QPointF(x, top + titleMetrics.ascent()),
                      titleMetrics.elidedText(title_, Qt::ElideRight, width));
    if (subnets_.isEmpty())
        return;
    painter->setFont(style.bodyFont);
    painter->setPen(style.mutedText);
    painter->drawText(QPointF(x, top + titleMetrics.height() + 1 + bodyMetrics.ascent()),
                      bodyMetrics.elidedText(subnets_, Qt::ElideMiddle, width));
}

}  // namespace mailtopo::ui
