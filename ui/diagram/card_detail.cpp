#include "ui/diagram/card_detail.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QTextLayout>
#include <algorithm>
#include <cmath>
#include <tuple>

#include "ui/diagram/card_content.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"

namespace mailtopo::ui {
namespace {

// All sizes below are screen pixels: a summary is drawn for the screen, whatever the zoom.
constexpr qreal kBodyReadablePixels = 6.5;  // body text from this size on: Full detail
// On paper (a 50 % report page, the report's legible scale) 5.5-pixel body text still reads.
constexpr qreal kBodyReadableOnPaper = 5.5;
constexpr qreal kMiniatureWidth = 40;  // narrower cards cannot hold a readable name
constexpr qreal kMiniatureHeight = 22;
constexpr qreal kPadding = 4;
constexpr qreal kAccent = 3;     // the accent strip along the top (scene units, as CardItem)
constexpr qreal kWideCard = 90;  // from this width the icon sits beside the name
constexpr qreal kIconWide = 16;
constexpr qreal kIconNarrow = 13;
constexpr qreal kIconGap = 5;
constexpr int kNameLargest = 13;
constexpr int kNameSmallest = 8;
constexpr int kMaxNameLines = 3;
constexpr int kKindLargest = 10;
constexpr int kFactLargest = 10;
constexpr int kSmallest = 8;  // no text is drawn smaller than this

const QChar kBreakHere(0x200B);  // zero-width space: a line may break after it

// `base` at `px` screen pixels, for a painter scaled by `lod`.
QFont screenFont(QFont base, qreal px, qreal lod) {
    base.setPixelSize(std::max(1, static_cast<int>(std::lround(px / lod))));
    return base;
}

// Host names break after their dots and dashes ("mail.fourthcoffee." / "example") rather
// than anywhere; anywhere remains the last resort for a long word.
bool breaksAfter(QChar c) {
    return c == u'.' || c == u'-' || c == u'_' || c == u'@' || c == u'/';
}

QString withBreakPoints(const QString& name) {
    QString text;
    text.reserve(name.size() + 8);
    for (const QChar c : name) {
        text += c;
        if (breaksAfter(c))
            text += kBreakHere;
    }
    return text;
}

QString withoutBreakPoints(QString text) {
    return text.remove(kBreakHere);
}

// `name` wrapped to `width` (scene units) in `font`: its lines, at most `maxLines`, the last
// elided when more would be needed. `cut` tells whether it was.
QStringList wrapName(const QString& name, const QFont& font, qreal width, int maxLines,
                     QTextOption::WrapMode mode, bool* cut) {
    const QString text = withBreakPoints(name);
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(mode);
    layout.setTextOption(option);
    layout.beginLayout();
    QStringList lines;
    int consumed = 0;
    *cut = false;
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            // The last line allowed takes the rest, elided if it does not fit.
            const QString rest = withoutBreakPoints(text.mid(line.textStart()));
            const QFontMetricsF metrics(font);
            const QString shown = metrics.elidedText(rest, Qt::ElideRight, width);
            *cut = shown != rest;
            lines << shown;
            consumed = text.size();
            break;
        }
        lines << withoutBreakPoints(text.mid(line.textStart(), line.textLength()));
        consumed = line.textStart() + line.textLength();
    }
    layout.endLayout();
    if (consumed < text.size())
        *cut = true;
    return lines;
}

// The name laid out in a column `width` wide and `room` high (scene units).
struct NameFit {
    QFont font;
    QStringList lines;
    bool cut = true;
    bool brokenInWords = false;  // a line ends inside a word ("SCANN" / "ER01")
};

bool endsAtBreakPoint(const QString& line) {
    return line.isEmpty() || line.back() == u' ' || breaksAfter(line.back());
}

// The largest font that shows the name whole on one line, down to kNameSmallest screen
// pixels; else on two lines, then three, breaking at dots, dashes and spaces; then, at the
// smallest size, breaking anywhere; else the smallest size, cut. A short name is never
// broken up just to be drawn bigger.
NameFit fitName(const QString& name, const QFont& base, qreal width, qreal room, qreal lod) {
    NameFit fit;
    const auto tryAt = [&](const QFont& weight, int px, int maxLines, QTextOption::WrapMode mode) {
        const QFont font = screenFont(weight, px, lod);
        const int lines = std::min(maxLines, static_cast<int>(room / QFontMetricsF(font).height()));
        if (lines < 1)
            return false;
        bool cut = false;
        QStringList wrapped = wrapName(name, font, width, lines, mode, &cut);
        bool inWords = false;
        for (qsizetype i = 0; i + 1 < wrapped.size(); ++i)
            inWords = inWords || !endsAtBreakPoint(wrapped[i]);
        fit = {font, std::move(wrapped), cut, inWords};
        // Breaking inside a word is the last resort (WrapAnywhere), never a first choice.
        return !cut && fit.lines.size() <= maxLines &&
               (mode == QTextOption::WrapAnywhere || !inWords);
    };
    for (int lines = 1; lines <= kMaxNameLines; ++lines) {
        for (int px = kNameLargest; px >= kNameSmallest; --px) {
            if (tryAt(base, px, lines, QTextOption::WrapAtWordBoundaryOrAnywhere))
                return fit;
        }
    }
    // Regular weight is narrower than bold: a narrow card keeps "SCANNER01" whole.
    QFont regular = base;
    regular.setWeight(QFont::Medium);
    for (int lines = 1; lines <= kMaxNameLines; ++lines) {
        if (tryAt(regular, kNameSmallest, lines, QTextOption::WrapAtWordBoundaryOrAnywhere))
            return fit;
    }
    // One word a pixel smaller reads better than the same word in pieces ("SCAN" / "NER01").
    if (tryAt(regular, kNameSmallest - 1, 1, QTextOption::WrapAtWordBoundaryOrAnywhere))
        return fit;
    if (!tryAt(regular, kNameSmallest, kMaxNameLines, QTextOption::WrapAnywhere))
        tryAt(base, kNameSmallest, kMaxNameLines, QTextOption::WrapAtWordBoundaryOrAnywhere);
    return fit;
}

}  // namespace

qreal fullDetailZoom(DetailMedium medium) {
    const qreal readable =
        medium == DetailMedium::Paper ? kBodyReadableOnPaper : kBodyReadablePixels;
    return readable / DiagramStyle::standard().bodyFont.pixelSize();
}

DetailMedium detailMediumOf(const QGraphicsItem* item) {
    const auto* scene = item ? qobject_cast<const DiagramScene*>(item->scene()) : nullptr;
    return scene ? scene->detailMedium() : DetailMedium::Screen;
}

CardDetail cardDetailAt(const QSizeF& cardSize, qreal lod, DetailMedium medium) {
    if (lod >= fullDetailZoom(medium))
        return CardDetail::Full;
    if (cardSize.width() * lod < kMiniatureWidth || cardSize.height() * lod < kMiniatureHeight)
        return CardDetail::Miniature;
    return CardDetail::Summary;
}

QString CardSummary::shownName() const {
    QString name;
    for (const Line& line : nameLines)
        name += line.text;
    return name;
}

CardSummary summarizeCard(const CardContent& content, const QSizeF& cardSize, qreal lod) {
    const DiagramStyle& style = DiagramStyle::standard();
    lod = std::max<qreal>(lod, 0.01);
    const qreal px = 1 / lod;  // one screen pixel in scene units
    CardSummary summary;
    summary.lod = lod;

    const QRectF area =
        QRectF(QPointF(), cardSize)
            .adjusted(kPadding * px, kAccent + kPadding * px, -kPadding * px, -kPadding * px);
    // Where the icon goes: beside the name on a wide card; on a narrow one above it, or
    // smaller beside it when that leaves the name more room (a short card).
    struct Arrangement {
        bool centred;
        qreal icon;
    };
    QList<Arrangement> arrangements;
    if (cardSize.width() * lod >= kWideCard) {
        arrangements << Arrangement{false, kIconWide * px};
    } else {
        arrangements << Arrangement{true, kIconNarrow * px} << Arrangement{false, kIconNarrow * px};
    }
    // A card too small for both keeps the name and leaves the icon out (its accent colour
    // still tells the kind).
    arrangements << Arrangement{true, 0};
    const auto nameWidthOf = [&](const Arrangement& a) {
        return a.centred ? area.width() : area.width() - a.icon - kIconGap * px;
    };
    const auto nameTopOf = [&](const Arrangement& a) {
        return a.centred && a.icon > 0 ? area.top() + a.icon + 2 * px : area.top();
    };
    // The arrangement that shows the whole name, broken only between words, readably (9 px
    // or more counts the same), with its icon, on the fewest lines, in the largest font,
    // leaving the most room below it for the kind and the addresses.
    NameFit best;
    Arrangement chosen = arrangements.first();
    const auto scoreOf = [&](const NameFit& fit, const Arrangement& a) {
        const qreal lineHeight = QFontMetricsF(fit.font).height();
        const qreal bottom = nameTopOf(a) + fit.lines.size() * lineHeight;
        const qreal screenPx = std::round(fit.font.pixelSize() * lod);
        return std::tuple(!fit.cut, !fit.brokenInWords, std::min<qreal>(screenPx, 9), a.icon > 0,
                          -fit.lines.size(), screenPx,
                          -std::max(bottom, a.centred ? 0 : area.top() + a.icon));
    };
    for (const Arrangement& arrangement : std::as_const(arrangements)) {
        NameFit fit = fitName(content.title, style.titleFont, nameWidthOf(arrangement),
                              area.bottom() - nameTopOf(arrangement), lod);
        if (best.lines.isEmpty() || scoreOf(fit, arrangement) > scoreOf(best, chosen)) {
            best = std::move(fit);
            chosen = arrangement;
        }
    }
    summary.centred = chosen.centred;
    summary.nameFont = best.font;
    summary.nameCut = best.cut;
    const qreal iconSize = chosen.icon;
    const qreal nameWidth = nameWidthOf(chosen);
    const qreal nameTop = nameTopOf(chosen);

    const QFontMetricsF nameMetrics(summary.nameFont);
    const qreal nameLineHeight = nameMetrics.height();
    const qreal nameLeft = summary.centred ? area.left() : area.left() + iconSize + kIconGap * px;
    qreal y = nameTop;
    for (const QString& line : std::as_const(best.lines)) {
        summary.nameLines << CardSummary::Line{line,
                                               QRectF(nameLeft, y, nameWidth, nameLineHeight)};
        y += nameLineHeight;
    }
    if (iconSize <= 0) {
        summary.iconRect = QRectF();
    } else if (summary.centred) {
        summary.iconRect = QRectF(area.center().x() - iconSize / 2, area.top(), iconSize, iconSize);
    } else {
        // Level with the name's first line.
        summary.iconRect =
            QRectF(area.left(), nameTop + (nameLineHeight - iconSize) / 2, iconSize, iconSize);
        y = std::max(y, summary.iconRect.bottom());
    }

    // The kind, then the key addresses, each on one line while there is room.
    const auto room = [&](const QFont& font) {
        return area.bottom() - y >= QFontMetricsF(font).height();
    };
    summary.kindFont =
        DiagramStyle::fittedFont(style.subtitleFont, content.subtitle, kKindLargest * px,
                                 kSmallest * px, QSizeF(area.width(), kKindLargest * 2 * px));
    if (!content.subtitle.isEmpty() && room(summary.kindFont)) {
        const QFontMetricsF metrics(summary.kindFont);
        summary.kind = {metrics.elidedText(content.subtitle, Qt::ElideRight, area.width()),
                        QRectF(area.left(), y, area.width(), metrics.height())};
        y += metrics.height() + 2 * px;
    }
    if (content.keyFacts.isEmpty())
        return summary;
    // One size for every fact, the largest that shows the longest whole (down to the floor).
    QString longest;
    for (const QString& fact : content.keyFacts) {
        if (fact.size() > longest.size())
            longest = fact;
    }
    summary.factFont =
        DiagramStyle::fittedFont(style.bodyFont, longest, kFactLargest * px, kSmallest * px,
                                 QSizeF(area.width(), kFactLargest * 2 * px));
    const QFontMetricsF metrics(summary.factFont);
    const qreal lineHeight = metrics.height();
    const int rows = static_cast<int>(std::floor((area.bottom() - y) / lineHeight));
    if (rows <= 0)
        return summary;
    // An address cut short would mislead: only whole facts are shown, the rest counted.
    QStringList whole;
    for (const QString& fact : content.keyFacts) {
        if (metrics.horizontalAdvance(fact) <= area.width())
            whole << fact;
    }
    const qsizetype total = content.keyFacts.size();
    // With room for one line only, the first address says more than "+3 more".
    const bool all = (whole.size() == total && total <= rows) || (rows == 1 && !whole.isEmpty());
    const qsizetype shown =
        all ? std::min<qsizetype>(whole.size(), rows) : std::min<qsizetype>(whole.size(), rows - 1);
    for (qsizetype i = 0; i < shown; ++i) {
        summary.facts << CardSummary::Line{whole[i],
                                           QRectF(area.left(), y, area.width(), lineHeight)};
        y += lineHeight;
    }
    if (!all) {
        summary.facts << CardSummary::Line{
            QCoreApplication::translate("CardDetail", "+%1 more").arg(total - shown),
            QRectF(area.left(), y, area.width(), lineHeight)};
    }
    return summary;
}

}  // namespace mailtopo::ui
