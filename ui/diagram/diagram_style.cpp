#include "ui/diagram/diagram_style.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPixmapCache>
#include <QSvgRenderer>
#include <algorithm>

namespace mailtopo::ui {
namespace {

QFont pixelFont(const QFont& base, int pixelSize, QFont::Weight weight = QFont::Normal) {
    QFont font(base);
    font.setPixelSize(pixelSize);
    font.setWeight(weight);
    // Full hinting snaps glyphs to the pixel grid at one zoom and makes text jump when
    // zooming; unhinted text scales smoothly.
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

}  // namespace

DiagramStyle::DiagramStyle() {
    const QFont base = QGuiApplication::font();
    titleFont = pixelFont(base, 14, QFont::Bold);
    subtitleFont = pixelFont(base, 11);
    bodyFont = pixelFont(base, 11);
    strongFont = pixelFont(base, 11, QFont::DemiBold);
    headingFont = pixelFont(base, 9, QFont::Bold);
    headingFont.setLetterSpacing(QFont::AbsoluteSpacing, 0.8);
    headingFont.setCapitalization(QFont::AllUppercase);
    tagFont = pixelFont(base, 9, QFont::DemiBold);
    linkLabelFont = pixelFont(base, 10);
    segmentTitleFont = pixelFont(base, 12, QFont::Bold);
}

const DiagramStyle& DiagramStyle::standard() {
    static const DiagramStyle style;
    return style;
}

QString DiagramStyle::iconPath(ElementIcon icon) {
    switch (icon) {
        case ElementIcon::ExchangeServer:
            return QStringLiteral(":/icons/exchange-server.svg");
        case ElementIcon::SmtpHost:
            return QStringLiteral(":/icons/smtp-host.svg");
        case ElementIcon::Internet:
            return QStringLiteral(":/icons/internet.svg");
        case ElementIcon::Segment:
            return QStringLiteral(":/icons/segment.svg");
        case ElementIcon::Router:
            return QStringLiteral(":/icons/router.svg");
        case ElementIcon::LoadBalancer:
            return QStringLiteral(":/icons/load-balancer.svg");
        case ElementIcon::Firewall:
            return QStringLiteral(":/icons/firewall.svg");
    }
    return QStringLiteral(":/icons/smtp-host.svg");
}

QPixmap DiagramStyle::iconPixmap(ElementIcon icon, int pixelSize) const {
    pixelSize = std::clamp(pixelSize, 4, 256);
    const QString key =
        QStringLiteral("mailtopo-icon-%1-%2").arg(static_cast<int>(icon)).arg(pixelSize);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    pixmap = QPixmap(pixelSize, pixelSize);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(iconPath(icon));
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, pixelSize, pixelSize));
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

QFont DiagramStyle::fittedFont(QFont base, const QString& text, qreal preferredPx, qreal minimumPx,
                               const QSizeF& box) {
    qreal px = std::min(preferredPx, box.height());
    base.setPixelSize(std::max(1, static_cast<int>(px)));
    const qreal width = QFontMetricsF(base).horizontalAdvance(text);
    if (width > box.width() && width > 0)
        px = std::max(px * box.width() / width, minimumPx);
    base.setPixelSize(std::max(1, static_cast<int>(std::min(px, box.height()))));
    return base;
}

QColor DiagramStyle::accent(ElementIcon icon) const {
    switch (icon) {
        case ElementIcon::ExchangeServer:
            return {0x1f, 0x6f, 0xd1};
        case ElementIcon::SmtpHost:
            return {0x12, 0x8c, 0x8e};
        case ElementIcon::Internet:
            return {0x2f, 0x74, 0xc0};
        case ElementIcon::Segment:
            return {0x60, 0x70, 0x86};
        case ElementIcon::Router:
            return {0x54, 0x6e, 0x7a};
        case ElementIcon::LoadBalancer:
            return {0x7b, 0x4f, 0xc9};
        case ElementIcon::Firewall:
            return {0xd9, 0x50, 0x2b};
    }
    return {0x60, 0x70, 0x86};
}

SegmentColors DiagramStyle::segmentColors(model::SegmentKind kind) const {
    switch (kind) {
        case model::SegmentKind::Internet:
            return {{0xe6, 0xf0, 0xfb}, {0x9b, 0xc0, 0xe8}, {0x2f, 0x6f, 0xb8}};
        case model::SegmentKind::Dmz:
            return {{0xfd, 0xf0, 0xde}, {0xef, 0xbd, 0x7a}, {0xbf, 0x6c, 0x12}};
        case model::SegmentKind::Lan:
            return {{0xe5, 0xf4, 0xea}, {0x93, 0xcf, 0xa6}, {0x2b, 0x85, 0x52}};
    }
    return {{0xe5, 0xf4, 0xea}, {0x93, 0xcf, 0xa6}, {0x2b, 0x85, 0x52}};
}

TagColors DiagramStyle::tagColors(TagTone tone) const {
    switch (tone) {
        case TagTone::Neutral:
            return {{0xec, 0xef, 0xf3}, {0x4b, 0x57, 0x68}};
        case TagTone::Info:
            return {{0xe4, 0xee, 0xfc}, {0x1f, 0x5c, 0xa8}};
        case TagTone::Warning:
            return {{0xff, 0xef, 0xd0}, {0x93, 0x55, 0x00}};
        case TagTone::Special:
            return {{0xf0, 0xe8, 0xfc}, {0x65, 0x3a, 0xad}};
    }
    return {{0xec, 0xef, 0xf3}, {0x4b, 0x57, 0x68}};
}

QColor DiagramStyle::severityColor(analysis::Severity severity) {
    switch (severity) {
        case analysis::Severity::Error:
            return {0xc6, 0x28, 0x28};
        case analysis::Severity::Warning:
            return {0xe6, 0x6a, 0x00};
        case analysis::Severity::Info:
            break;
    }
    return {0x1d, 0x6f, 0xc4};
}

}  // namespace mailtopo::ui
