#pragma once
// The look of the diagram in one place: palette, fonts, metrics and icons. Items ask the
// style instead of hard-coding colours, so a dark theme or a print style is a new
// DiagramStyle, not an edit of every item.

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPen>
#include <QPixmap>
#include <QString>

#include "core/analysis/finding.h"
#include "core/model/enums.h"
#include "ui/diagram/card_content.h"

namespace mailtopo::ui {

struct SegmentColors {
    QColor fill;    // the band
    QColor border;  // the band's outline
    QColor strong;  // links, chips and the label: readable on white and on the fill
};

struct TagColors {
    QColor background;
    QColor text;
};

class DiagramStyle {
public:
    enum class Theme { Light, Dark };

    // The style the screen uses now: light, or dark after setTheme(Dark). Built on first use
    // (needs a QGuiApplication for fonts). Items read it when they paint, so switching the
    // theme only needs a repaint.
    static const DiagramStyle& standard();
    // The light style, whatever the screen uses: reports and exported diagrams are printed.
    static const DiagramStyle& light();
    static void setTheme(Theme theme);
    static Theme theme();
    bool isDark() const { return dark_; }

    // Makes the light style current for its lifetime (report and export painting), then
    // puts back the screen's.
    class LightScope {
    public:
        LightScope();
        ~LightScope();
        LightScope(const LightScope&) = delete;
        LightScope& operator=(const LightScope&) = delete;

    private:
        Theme previous_;
    };

    // Resource path of an element kind's icon (":/icons/router.svg").
    static QString iconPath(ElementIcon icon);

    // The icon rendered at `pixelSize` device pixels, cached across items and repaints.
    QPixmap iconPixmap(ElementIcon icon, int pixelSize) const;

    // An SVG icon (":/icons/…") for widgets (tree rows, the palette), recoloured to be
    // readable in the dark theme.
    QIcon themedIcon(const QString& resourcePath) const;

    // `base` resized for `text` to fill at most `box`: `preferredPx` if it fits, smaller
    // down to `minimumPx` if it does not (the caller elides what still does not fit).
    static QFont fittedFont(QFont base, const QString& text, qreal preferredPx, qreal minimumPx,
                            const QSizeF& box);

    QColor accent(ElementIcon icon) const;
    // Findings everywhere (canvas rings, findings dock, report): red, orange, blue.
    static QColor severityColor(analysis::Severity severity);
    SegmentColors segmentColors(model::SegmentKind kind) const;
    TagColors tagColors(TagTone tone) const;
    // A played trace: the forward path solid, the reply path dashed, the current hop ringed
    // by a halo. The scene draws them and the legend explains them from these.
    static QPen tracePen(bool reply);
    static QColor currentHopColor() { return {0x2f, 0x7d, 0xe1}; }

    // Palette.
    QColor canvas{0xf4, 0xf6, 0xf9};
    QColor gridDot{0xd5, 0xdb, 0xe4};
    QColor cardFill{0xff, 0xff, 0xff};
    QColor cardBorder{0xcf, 0xd6, 0xe0};
    QColor shadow{0x1e, 0x2a, 0x3c};
    QColor text{0x1f, 0x2a, 0x37};
    QColor mutedText{0x5f, 0x6b, 0x7c};
    QColor headingText{0x7d, 0x89, 0x9b};
    QColor separator{0xe6, 0xea, 0xf0};
    QColor selection{0x2f, 0x7d, 0xe1};

    // Fonts (pixel sized, so the scene's geometry does not depend on the screen's DPI).
    QFont titleFont;
    QFont subtitleFont;
    QFont bodyFont;
    QFont strongFont;
    QFont headingFont;
    QFont tagFont;
    QFont linkLabelFont;
    QFont segmentTitleFont;

    // Metrics in scene units.
    qreal cardRadius = 8;
    qreal padding = 12;
    qreal iconSize = 22;
    qreal indentStep = 14;
    qreal chipSize = 8;
    qreal minCardWidth = 210;
    qreal maxCardWidth = 330;
    qreal segmentHeight = 30;

private:
    explicit DiagramStyle(Theme theme);

    bool dark_ = false;
    QColor iconInk;  // the icons' stroke colour (the SVGs are drawn for a light card)
};

}  // namespace mailtopo::ui
