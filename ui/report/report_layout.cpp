#include "ui/report/report_layout.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QTextLayout>
#include <QTextOption>
#include <algorithm>
#include <cmath>

#include "ui/document/element_text.h"

namespace mailtopo::ui::report {
namespace {

constexpr qreal kMarginSide = 54;
constexpr qreal kMarginTop = 66;
constexpr qreal kMarginBottom = 60;
constexpr qreal kCellPadding = 3.5;
constexpr qreal kContentsLine = 15;
constexpr qreal kContentsTitle = 44;
// A heading needs this much room below it, or it moves to the next page with its text.
constexpr qreal kKeepWithNext = 48;

const QColor kInk(0x1f, 0x2a, 0x37);
const QColor kMuted(0x5f, 0x6b, 0x7c);
const QColor kRule(0xc9, 0xd1, 0xdc);
const QColor kAccent(0x1d, 0x5f, 0xa8);
const QColor kCodeFill(0xf2, 0xf4, 0xf7);
const QColor kHeaderFill(0xe4, 0xe9, 0xf0);

QFont makeFont(const QString& family, qreal points, bool bold = false) {
    QFont font(family);
    font.setPointSizeF(points);
    font.setBold(bold);
    // Linear metrics: the PDF and its raster preview break lines at the same places.
    font.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures: text copied out of the PDF (commands, records) must be what was written,
    // "fi" and not "ﬁ". (setStyleHint would reset the strategy: it takes one itself.)
    font.setStyleHint(family.contains(QLatin1String("Mono")) ? QFont::Monospace : QFont::SansSerif,
                      QFont::PreferNoShaping);
    return font;
}

// Prose wraps at word boundaries (Unicode rules); a word longer than the line ("NT
// AUTHORITY\ANONYMOUS LOGON" in a narrow column) breaks inside rather than running into the
// next cell.
QTextOption proseOption() {
    QTextOption option(Qt::AlignLeft | Qt::AlignTop);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return option;
}

// Commands, addresses and records wrap only at spaces: Unicode would also break after a
// hyphen, splitting "New-NetRoute" or "10.0.0.1-10.0.0.9" where a reader (and a PDF text
// extractor, which joins such lines without the hyphen) would take it for prose. A token
// longer than the line is cut where it must be. Leading spaces (tree indentation) are kept.
QStringList codeLines(const QString& text, const QFontMetricsF& metrics, qreal width) {
    QStringList lines;
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        QString line;
        bool started = false;
        for (const QString& word : paragraph.split(QLatin1Char(' '))) {
            const QString candidate = started ? line + QLatin1Char(' ') + word : word;
            started = true;
            if (metrics.horizontalAdvance(candidate) <= width || line.trimmed().isEmpty()) {
                line = candidate;
            } else {
                lines << line;
                line = word;
            }
            while (metrics.horizontalAdvance(line) > width && line.size() > 1) {
                int fit = static_cast<int>(line.size()) - 1;
                while (fit > 1 && metrics.horizontalAdvance(line.left(fit)) > width)
                    --fit;
                lines << line.left(fit);
                line = line.mid(fit);
            }
        }
        lines << line;
    }
    return lines;
}

}  // namespace

QPageSize pageSizeOf(Paper paper) {
    return QPageSize(paper == Paper::Letter ? QPageSize::Letter : QPageSize::A4);
}

ReportLayout::ReportLayout(Paper paper, QString runningTitle)
    : pageSize_(pageSizeOf(paper).size(QPageSize::Point)),
      runningTitle_(text::shownText(runningTitle, kShownCharacters)),
      measureDevice_(1, 1, QImage::Format_ARGB32) {
    // 2835 dots per metre is 72 dpi: one font point is one unit, as on the PDF device.
    measureDevice_.setDotsPerMeterX(2835);
    measureDevice_.setDotsPerMeterY(2835);
    content_ = QRectF(kMarginSide, kMarginTop, pageSize_.width() - 2 * kMarginSide,
                      pageSize_.height() - kMarginTop - kMarginBottom);
    const QString sans = QStringLiteral("DejaVu Sans");
    body_ = makeFont(sans, 9);
    bold_ = makeFont(sans, 9, true);
    small_ = makeFont(sans, 7.5);
    muted_ = makeFont(sans, 8.5);
    verdict_ = makeFont(sans, 12, true);
    mono_ = makeFont(QStringLiteral("DejaVu Sans Mono"), 7.5);
    h1_ = makeFont(sans, 17, true);
    h2_ = makeFont(sans, 12.5, true);
    h3_ = makeFont(sans, 10.5, true);
    newPage();
}

const QFont& ReportLayout::font(TextStyle style) const {
    switch (style) {
        case TextStyle::Bold:
            return bold_;
        case TextStyle::Small:
            return small_;
        case TextStyle::Muted:
            return muted_;
        case TextStyle::Verdict:
            return verdict_;
        case TextStyle::Body:
            break;
    }
    return body_;
}

void ReportLayout::drawWrapped(QPainter& painter, const QRectF& rect, const QString& text,
                               bool code) const {
    if (!code) {
        painter.drawText(rect, text, proseOption());
        return;
    }
    const QFontMetricsF metrics(painter.font(), &measureDevice_);
    qreal y = rect.top();
    for (const QString& line : codeLines(text, metrics, rect.width())) {
        painter.drawText(QRectF(rect.left(), y, rect.width() + 1, metrics.lineSpacing()),
                         Qt::AlignLeft | Qt::AlignTop | Qt::TextDontClip, line);
        y += metrics.lineSpacing();
    }
}

qreal ReportLayout::textHeight(const QFont& font, const QString& text, qreal width,
                               bool wrapAnywhere) const {
    // Measured the way drawWrapped() lays it out: one QTextLayout per paragraph.
    const QFontMetricsF metrics(font, &measureDevice_);
    if (wrapAnywhere)
        return std::ceil(codeLines(text, metrics, width).size() * metrics.lineSpacing());
    qreal height = 0;
    const QStringList paragraphs =
        (text.isEmpty() ? QStringLiteral(" ") : text).split(QLatin1Char('\n'));
    for (const QString& paragraph : paragraphs) {
        QTextLayout layout(paragraph, font, &measureDevice_);
        layout.setTextOption(proseOption());
        layout.beginLayout();
        qreal lines = 0;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            lines += line.height();
        }
        layout.endLayout();
        height += std::max(lines, metrics.height());
    }
    return std::ceil(height);
}

void ReportLayout::newPage() {
    pages_.emplace_back();
    cursor_ = content_.top();
}

QRectF ReportLayout::landscapeContentRect() const {
    return QRectF(kMarginSide, kMarginTop, pageSize_.height() - 2 * kMarginSide,
                  pageSize_.width() - kMarginTop - kMarginBottom);
}

bool ReportLayout::isLandscape(int page) const {
    const int index = page - frontPages_;
    return index >= 0 && index < static_cast<int>(pages_.size()) &&
           pages_[static_cast<size_t>(index)].landscape;
}

QSizeF ReportLayout::shownPageSize(int page) const {
    return isLandscape(page) ? pageSize_.transposed() : pageSize_;
}

void ReportLayout::ensureRoom(qreal height) {
    if (cursor_ > content_.top() + 0.5 && cursor_ + height > content_.bottom())
        newPage();
}

void ReportLayout::place(qreal height, Painter paint) {
    ensureRoom(height);
    pages_.back().items.push_back(
        {QRectF(content_.left(), cursor_, content_.width(), height), std::move(paint)});
    cursor_ += height;
}

void ReportLayout::heading(int level, const QString& text, bool inContents) {
    const QString shown = text::shownText(text, kShownTitleCharacters);
    const QFont& font = level <= 1 ? h1_ : level == 2 ? h2_ : h3_;
    if (level <= 1 && cursor_ > content_.top() + 0.5)
        newPage();
    const qreal before = cursor_ > content_.top() + 0.5 ? (level == 2 ? 14 : 10) : 0;
    const qreal textH = textHeight(font, shown, content_.width());
    const qreal after = level <= 1 ? 12 : 5;
    ensureRoom(before + textH + after + kKeepWithNext);
    cursor_ += before;
    outline_.push_back({level, shown, static_cast<int>(pages_.size()) - 1, cursor_, inContents});
    place(textH + after, [this, font, shown, level, textH](QPainter& p, const QRectF& r) {
        p.setFont(font);
        p.setPen(level <= 1 ? kAccent : kInk);
        drawWrapped(p, QRectF(r.left(), r.top(), r.width(), textH), shown, false);
        if (level <= 1) {
            p.setPen(QPen(kAccent, 1.2));
            p.drawLine(QPointF(r.left(), r.top() + textH + 4),
                       QPointF(r.right(), r.top() + textH + 4));
        }
    });
}

void ReportLayout::paragraph(const QString& text, TextStyle style, QColor color) {
    const QString shown = text::shownText(text, kShownCharacters);
    const QFont& f = font(style);
    const QColor pen = color.isValid() ? color : style == TextStyle::Muted ? kMuted : kInk;
    const qreal h = textHeight(f, shown, content_.width());
    place(h + 5, [this, f, shown, pen, h](QPainter& p, const QRectF& r) {
        p.setFont(f);
        p.setPen(pen);
        drawWrapped(p, QRectF(r.left(), r.top(), r.width(), h), shown, false);
    });
}

void ReportLayout::fields(const std::vector<std::pair<QString, QString>>& rows) {
    constexpr qreal labelWidth = 84;
    const qreal valueWidth = content_.width() - labelWidth;
    for (const auto& row : rows) {
        // Named copies: clang 14 cannot capture structured bindings.
        const QString label = text::shownText(row.first, kShownCharacters);
        const QString value = text::shownText(row.second, kShownCharacters);
        const qreal h = std::max(textHeight(bold_, label, labelWidth - 6),
                                 textHeight(body_, value, valueWidth));
        place(h + 3, [this, label, value, h, valueWidth](QPainter& p, const QRectF& r) {
            p.setPen(kMuted);
            p.setFont(bold_);
            drawWrapped(p, QRectF(r.left(), r.top(), labelWidth - 6, h), label, false);
            p.setPen(kInk);
            p.setFont(body_);
            drawWrapped(p, QRectF(r.left() + labelWidth, r.top(), valueWidth, h), value, false);
        });
    }
    spacing(3);
}

void ReportLayout::code(const QString& text) {
    constexpr qreal pad = 6;
    const QStringList lines = text::shownText(text, kShownCharacters).split(QLatin1Char('\n'));
    const qreal width = content_.width() - 2 * pad;
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        const qreal top = i == 0 ? 4 : 0;
        const qreal bottom = i + 1 == lines.size() ? 4 : 0;
        const qreal h = textHeight(mono_, line, width, true);
        place(top + h + bottom, [this, line, top, h, width](QPainter& p, const QRectF& r) {
            p.fillRect(r, kCodeFill);
            p.setFont(mono_);
            p.setPen(kInk);
            drawWrapped(p, QRectF(r.left() + pad, r.top() + top, width, h), line, true);
        });
    }
    spacing(6);
}

qreal ReportLayout::rowHeight(const std::vector<TableColumn>& columns,
                              const std::vector<qreal>& widths, const QStringList& cells,
                              bool header) const {
    qreal h = 0;
    for (size_t c = 0; c < columns.size(); ++c) {
        const QFont& f = header ? bold_ : columns[c].mono ? mono_ : small_;
        h = std::max(h, textHeight(f, cells.value(static_cast<int>(c)),
                                   widths[c] - 2 * kCellPadding, columns[c].mono && !header));
    }
    return h + 2 * kCellPadding;
}

void ReportLayout::placeRow(const std::vector<TableColumn>& columns,
                            const std::vector<qreal>& widths, const QStringList& cells,
                            QColor marker, bool header) {
    const qreal h = rowHeight(columns, widths, cells, header);
    if (cursor_ + h > content_.bottom())
        newPage();
    place(h, [this, columns, widths, cells, marker, header](QPainter& p, const QRectF& r) {
        if (header)
            p.fillRect(r, kHeaderFill);
        qreal x = r.left();
        for (size_t c = 0; c < columns.size(); ++c) {
            const bool mono = columns[c].mono && !header;
            p.setFont(header ? bold_ : mono ? mono_ : small_);
            p.setPen(kInk);
            drawWrapped(p,
                        QRectF(x + kCellPadding, r.top() + kCellPadding,
                               widths[c] - 2 * kCellPadding, r.height() - 2 * kCellPadding),
                        cells.value(static_cast<int>(c)), mono);
            x += widths[c];
        }
        if (marker.isValid())
            p.fillRect(QRectF(r.left(), r.top(), 3, r.height()), marker);
        p.setPen(QPen(kRule, 0.5));
        p.drawLine(r.bottomLeft(), r.bottomRight());
    });
}

void ReportLayout::table(const std::vector<TableColumn>& columns,
                         const std::vector<TableRow>& rows) {
    qreal total = 0;
    for (const auto& c : columns)
        total += c.weight;
    std::vector<qreal> widths;
    for (const auto& c : columns)
        widths.push_back(content_.width() * c.weight / total);
    QStringList titles;
    for (const auto& c : columns)
        titles << text::shownText(c.title, kShownCellCharacters);
    const qreal headerH = rowHeight(columns, widths, titles, true);
    std::vector<QStringList> cells(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
        for (const QString& cell : rows[r].cells)
            cells[r] << text::shownText(cell, kShownCellCharacters);
    }
    const qreal firstH = rows.empty() ? 0 : rowHeight(columns, widths, cells.front(), false);
    ensureRoom(headerH + firstH);
    placeRow(columns, widths, titles, {}, true);
    for (size_t r = 0; r < rows.size(); ++r) {
        if (cursor_ + rowHeight(columns, widths, cells[r], false) > content_.bottom()) {
            newPage();
            placeRow(columns, widths, titles, {}, true);  // the header again on each page
        }
        placeRow(columns, widths, cells[r], rows[r].marker, false);
    }
    spacing(8);
}

void ReportLayout::block(qreal height, Painter paint) {
    place(height, std::move(paint));
}

void ReportLayout::fullPage(Painter paint, bool landscape, const QString& outlineTitle,
                            int outlineLevel) {
    if (cursor_ > content_.top() + 0.5 || !pages_.back().items.empty())
        newPage();
    pages_.back().landscape = landscape;
    if (!outlineTitle.isEmpty())
        outline_.push_back({outlineLevel, outlineTitle, static_cast<int>(pages_.size()) - 1,
                            content_.top(), true});
    pages_.back().items.push_back(
        {landscape ? landscapeContentRect() : content_, std::move(paint)});
    cursor_ = content_.bottom() + 1;  // whatever comes next starts a new page
}

void ReportLayout::spacing(qreal points) {
    cursor_ = std::min(cursor_ + points, content_.bottom());
}

void ReportLayout::finish() {
    if (finished_)
        return;
    finished_ = true;
    if (!pages_.empty() && pages_.back().items.empty())
        pages_.pop_back();
    qsizetype entries = 0;
    for (const auto& e : outline_)
        entries += e.inContents ? 1 : 0;
    const auto firstPage =
        static_cast<qsizetype>((content_.height() - kContentsTitle) / kContentsLine);
    const auto perPage = static_cast<qsizetype>(content_.height() / kContentsLine);
    contentsPages_ = 1;
    if (entries > firstPage)
        contentsPages_ += static_cast<int>((entries - firstPage + perPage - 1) / perPage);
    frontPages_ = 1 + contentsPages_;
    for (auto& e : outline_)
        e.page += frontPages_;
    outline_.insert(outline_.begin(), {1, QStringLiteral("Contents"), 1, content_.top(), false});

    // Where each contents line will be painted, for its link.
    int page = 1;
    qreal y = content_.top() + kContentsTitle;
    for (const auto& e : outline_) {
        if (!e.inContents)
            continue;
        if (y + kContentsLine > content_.bottom()) {
            ++page;
            y = content_.top();
        }
        links_.push_back(
            {page, QRectF(content_.left(), y, content_.width(), kContentsLine), e.page, e.top});
        y += kContentsLine;
    }
}

int ReportLayout::pageCount() const {
    return frontPages_ + static_cast<int>(pages_.size());
}

void ReportLayout::paintFrame(QPainter& painter, int page, const QSizeF& size) const {
    painter.save();
    painter.setFont(small_);
    painter.setPen(kMuted);
    const qreal w = size.width();
    const qreal h = size.height();
    painter.drawText(QRectF(kMarginSide, 30, w - 2 * kMarginSide, 14),
                     Qt::AlignLeft | Qt::AlignVCenter, runningTitle_);
    painter.setPen(QPen(kRule, 0.6));
    painter.drawLine(QPointF(kMarginSide, 46), QPointF(w - kMarginSide, 46));
    painter.setPen(kMuted);
    painter.drawText(QRectF(kMarginSide, h - 40, w - 2 * kMarginSide, 14),
                     Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("Page %1 of %2").arg(page + 1).arg(pageCount()));
    painter.drawText(QRectF(kMarginSide, h - 40, w - 2 * kMarginSide, 14),
                     Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("MailTopo"));
    painter.restore();
}

void ReportLayout::paintContents(QPainter& painter, int contentsPage) const {
    if (contentsPage == 0) {
        painter.setFont(h1_);
        painter.setPen(kAccent);
        painter.drawText(QRectF(content_.left(), content_.top(), content_.width(), 30),
                         Qt::AlignLeft | Qt::AlignTop, QStringLiteral("Contents"));
    }
    const QFontMetricsF metrics(body_, &measureDevice_);
    size_t link = 0;
    for (const auto& e : outline_) {
        if (!e.inContents)
            continue;
        const ContentsLink& where = links_.at(link++);
        if (where.page != contentsPage + 1)
            continue;
        const qreal indent = (e.level - 1) * 16.0;
        const QFont& f = e.level <= 1 ? bold_ : body_;
        const QString number = QString::number(e.page + 1);
        const QRectF line = where.rect.adjusted(indent, 0, 0, 0);
        painter.setFont(f);
        painter.setPen(kInk);
        const qreal numberWidth = metrics.horizontalAdvance(number) + 2;
        const QString title =
            QFontMetricsF(f, &measureDevice_)
                .elidedText(e.title, Qt::ElideRight, line.width() - numberWidth - 40);
        painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, title);
        painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, number);
        // A dotted leader from the title to the page number.
        const qreal from =
            line.left() + QFontMetricsF(f, &measureDevice_).horizontalAdvance(title) + 6;
        const qreal to = line.right() - numberWidth - 4;
        if (to > from) {
            painter.setPen(QPen(kRule, 0.8, Qt::DotLine));
            const qreal baseline = line.center().y() + 3;
            painter.drawLine(QPointF(from, baseline), QPointF(to, baseline));
        }
    }
}

void ReportLayout::paintPage(QPainter& painter, int page, bool upright) const {
    painter.save();
    if (page == 0) {
        if (cover_)
            cover_(painter, QRectF(QPointF(0, 0), pageSize_));
    } else if (page < frontPages_) {
        paintFrame(painter, page, pageSize_);
        paintContents(painter, page - 1);
    } else if (page < pageCount()) {
        const ContentPage& content = pages_.at(static_cast<size_t>(page - frontPages_));
        if (content.landscape && !upright) {
            // Shown turned a quarter clockwise (/Rotate 90): what is drawn here at (x, y) of
            // the landscape page lands at (y, height - x) of the portrait sheet.
            painter.translate(0, pageSize_.height());
            painter.rotate(-90);
        }
        paintFrame(painter, page, shownPageSize(page));
        for (const auto& item : content.items) {
            painter.save();
            item.paint(painter, item.rect);
            painter.restore();
        }
    }
    painter.restore();
}

}  // namespace mailtopo::ui::report
