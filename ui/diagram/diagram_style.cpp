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

namespace {
DiagramStyle::Theme currentTheme = DiagramStyle::Theme::Light;
}  // namespace

DiagramStyle::DiagramStyle(Theme theme) : dark_(theme == Theme::Dark) {
    if (dark_) {
        // Slate greys rather than black: cards stay distinct from the canvas, and the
        // severity and segment colours keep their contrast.
        canvas = QColor(0x1b, 0x1f, 0x26);
        gridDot = QColor(0x34, 0x3b, 0x46);
        cardFill = QColor(0x26, 0x2c, 0x35);
        cardBorder = QColor(0x44, 0x4d, 0x5a);
        shadow = QColor(0x00, 0x00, 0x00);
        text = QColor(0xe6, 0xea, 0xf0);
        mutedText = QColor(0xa4, 0xae, 0xbc);
        headingText = QColor(0x8d, 0x98, 0xa8);
        separator = QColor(0x38, 0x40, 0x4b);
        selection = QColor(0x5a, 0x9c, 0xf0);
        iconInk = QColor(0xcf, 0xd6, 0xdf);
    }
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
    if (currentTheme == Theme::Dark) {
        static const DiagramStyle dark(Theme::Dark);
        return dark;
    }
    return light();
}

const DiagramStyle& DiagramStyle::light() {
    static const DiagramStyle style(Theme::Light);
    return style;
}

void DiagramStyle::setTheme(Theme theme) {
    currentTheme = theme;
}

DiagramStyle::Theme DiagramStyle::theme() {
    return currentTheme;
}

DiagramStyle::LightScope::LightScope() : previous_(currentTheme) {
    currentTheme = Theme::Light;
}

DiagramStyle::LightScope::~LightScope() {
    currentTheme = previous_;
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
    const QString key = QStringLiteral("mailtopo-icon-%1-%2-%3")
                            .arg(static_cast<int>(icon))
                            .arg(pixelSize)
                            .arg(dark_ ? QLatin1String("dark") : QLatin1String("light"));
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    pixmap = QPixmap(pixelSize, pixelSize);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(iconPath(icon));
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, pixelSize, pixelSize));
    if (iconInk.isValid()) {
        // The icons are one-colour line drawings: recolour them for a dark card.
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(QRectF(0, 0, pixelSize, pixelSize), iconInk);
    }
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

QIcon DiagramStyle::themedIcon(const QString& resourcePath) const {
    if (!iconInk.isValid())
        return QIcon(resourcePath);
    QIcon icon;
    QSvgRenderer renderer(resourcePath);
    for (const int px : {16, 22, 32, 44, 64}) {
        QPixmap pixmap(px, px);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter, QRectF(0, 0, px, px));
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(QRectF(0, 0, px, px), iconInk);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QFont DiagramStyle::fittedFont(QFont base, const QString& text, qreal preferredPx, qreal minimumPx,
                               const QSizeF& box) {
    qreal px = std::min(preferredPx, box.height());
    base.setPixelSize(std::max(1, static_cast<int>(px)));
    const qreal width = QFontMetricsF(base).horizontalAdvance(text);
    if (width > box.width() && width > 0)
        px = std::max(px * box.width() / width, minimumPx);
    int size = std::max(1, static_cast<int>(std::min(px, box.height())));
    base.setPixelSize(size);
    // Text does not scale exactly with the font (hinting, rounding): a pixel or two less
    // where the proportional size still overflows, never below the minimum.
    for (int step = 0; step < 3 && size - 1 >= minimumPx &&
                       QFontMetricsF(base).horizontalAdvance(text) > box.width();
         ++step) {
        base.setPixelSize(--size);
    }
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
    if (dark_) {
        // Deep tinted bands with bright outlines and labels.
        switch (kind) {
            case model::SegmentKind::Internet:
                return {{0x1d, 0x33, 0x4d}, {0x3f, 0x6e, 0xa6}, {0x8c, 0xbc, 0xf2}};
            case model::SegmentKind::Dmz:
                return {{0x40, 0x2e, 0x16}, {0x9a, 0x6b, 0x2c}, {0xf2, 0xb2, 0x66}};
            case model::SegmentKind::Lan:
                break;
        }
        return {{0x1b, 0x3a, 0x2a}, {0x3b, 0x80, 0x58}, {0x7f, 0xd3, 0x9f}};
    }
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
    if (dark_) {
        switch (tone) {
            case TagTone::Neutral:
                return {{0x37, 0x3f, 0x4b}, {0xd0, 0xd6, 0xde}};
            case TagTone::Info:
                return {{0x1e, 0x3a, 0x5f}, {0x9c, 0xc6, 0xf7}};
            case TagTone::Warning:
                return {{0x4a, 0x33, 0x12}, {0xf5, 0xc0, 0x7a}};
            case TagTone::Special:
                return {{0x36, 0x27, 0x55}, {0xc9, 0xb0, 0xf5}};
        }
    }
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

QPen DiagramStyle::tracePen(bool reply) {
    if (reply)
        return QPen(QColor(0xe6, 0x6a, 0x00, 220), 4, Qt::DashLine, Qt::RoundCap, Qt::RoundJoin);
    return QPen(QColor(0x1d, 0x6f, 0xc4, 210), 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
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
