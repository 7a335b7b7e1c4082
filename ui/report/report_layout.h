#pragma once
// Page layout of the PDF report. Content is added in reading order as blocks (headings,
// paragraphs, tables, code, whole pages); each block is measured at once and placed on the
// current content page, breaking tables and code between rows and lines and repeating a
// table's header on the next page. The cover and the table of contents are put in front
// when the layout is finished, because the contents' length is only known then.
//
// Everything is measured and painted in PostScript points: the paint device must have a
// logical resolution of 72 dpi (QPdfWriter::setResolution(72), or a QImage whose
// dots-per-metre say 72 dpi). Fonts prefer no hinting, so a PDF and its preview agree.

#include <QColor>
#include <QFont>
#include <QImage>
#include <QPageSize>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

class QPainter;

namespace mailtopo::ui::report {

// How much of any one text the report shows (text::shownText). A design may hold names and
// descriptions of megabytes; laid out whole (Qt wraps one long word in quadratic time) a
// 50 MB name took minutes and gigabytes, for pages nobody reads. 2,000 characters are some
// 25 lines of a paragraph. A table row is not split across pages, so a cell keeps a quarter
// of that: even in a column a seventh of the page wide it stays well within one page.
// Headings and titles are set large or on one line: a tenth.
inline constexpr qsizetype kShownCharacters = 2000;
inline constexpr qsizetype kShownCellCharacters = kShownCharacters / 4;
inline constexpr qsizetype kShownTitleCharacters = kShownCharacters / 10;

enum class Paper { A4, Letter };
QPageSize pageSizeOf(Paper paper);

enum class TextStyle { Body, Bold, Small, Muted, Verdict };

struct TableColumn {
    QString title;
    qreal weight = 1;   // share of the table's width
    bool mono = false;  // addresses, ranges, commands
};

struct TableRow {
    QStringList cells;
    QColor marker;  // a coloured strip at the row's left edge (severity); invalid: none
};

// A bookmark of the PDF outline and a line of the table of contents.
struct OutlineEntry {
    int level = 1;  // 1 = section, 2 = subsection, 3 = finding
    QString title;
    int page = 0;   // absolute, 0-based, once the layout is finished
    qreal top = 0;  // points from the top of the page
    bool inContents = true;
};

// A rectangle of the table of contents that jumps to `targetPage` (made a PDF link).
struct ContentsLink {
    int page = 0;
    QRectF rect;
    int targetPage = 0;
    qreal targetTop = 0;
};

class ReportLayout {
public:
    using Painter = std::function<void(QPainter& painter, const QRectF& rect)>;

    ReportLayout(Paper paper, QString runningTitle);

    QSizeF pageSize() const { return pageSize_; }
    QRectF contentRect() const { return content_; }
    const QFont& font(TextStyle style) const;
    const QFont& monoFont() const { return mono_; }

    // The cover is painted by the caller on the whole first page.
    void setCover(Painter paint) { cover_ = std::move(paint); }

    // Of every text given to what follows, up to kShownCharacters are shown (of a table
    // cell kShownCellCharacters, of a heading kShownTitleCharacters), then a note of how much
    // is left out: the sections hand over what they have, whatever its length.
    //
    // Level 1 starts a new page; every heading stays with at least the start of what follows.
    void heading(int level, const QString& text, bool inContents = true);
    void paragraph(const QString& text, TextStyle style = TextStyle::Body, QColor color = {});
    // Label/value lines ("Rule", "Affected" …) in two aligned columns.
    void fields(const std::vector<std::pair<QString, QString>>& rows);
    // Monospace, wrapped anywhere, on a tinted background: commands, records, trees.
    void code(const QString& text);
    void table(const std::vector<TableColumn>& columns, const std::vector<TableRow>& rows);
    // A block of fixed height painted by the caller (legends, swatches).
    void block(qreal height, Painter paint);
    // A page of its own; `paint` gets the content rectangle. A landscape page is drawn
    // rotated on the portrait sheet and marked /Rotate 90 in the PDF, so viewers and printers
    // show it upright. With `outlineTitle` the page gets a bookmark and a contents line.
    void fullPage(Painter paint, bool landscape = false, const QString& outlineTitle = {},
                  int outlineLevel = 1);
    QRectF landscapeContentRect() const;
    void spacing(qreal points);
    // Starts a new page unless `height` points fit below: keeps a caption with what follows.
    void keepTogether(qreal height) { ensureRoom(height); }

    // Puts the cover and contents in front. Call once, after the last block.
    void finish();

    int pageCount() const;
    bool isLandscape(int page) const;
    // The page as it is shown (landscape pages are wider than tall).
    QSizeF shownPageSize(int page) const;
    // Paints one page. `upright`: the device is already shaped like the shown page (a
    // preview image); otherwise (PDF) a landscape page is painted rotated onto the sheet.
    void paintPage(QPainter& painter, int page, bool upright = false) const;
    const std::vector<OutlineEntry>& outline() const { return outline_; }
    const std::vector<ContentsLink>& contentsLinks() const { return links_; }

    // Height of `text` in `font` wrapped to `width` (word wrap, or anywhere for code).
    qreal textHeight(const QFont& font, const QString& text, qreal width,
                     bool wrapAnywhere = false) const;

private:
    struct Placed {
        QRectF rect;
        Painter paint;
    };
    struct ContentPage {
        std::vector<Placed> items;
        bool landscape = false;
    };
    void newPage();
    // Moves to a new page unless `height` fits below the cursor.
    void ensureRoom(qreal height);
    void place(qreal height, Painter paint);
    void placeRow(const std::vector<TableColumn>& columns, const std::vector<qreal>& widths,
                  const QStringList& cells, QColor marker, bool header);
    qreal rowHeight(const std::vector<TableColumn>& columns, const std::vector<qreal>& widths,
                    const QStringList& cells, bool header) const;
    void paintContents(QPainter& painter, int contentsPage) const;
    void paintFrame(QPainter& painter, int page, const QSizeF& size) const;
    // Draws `text` as textHeight() measured it: prose wrapped at words, code at spaces only.
    void drawWrapped(QPainter& painter, const QRectF& rect, const QString& text, bool code) const;

    QSizeF pageSize_;
    QRectF content_;
    QString runningTitle_;
    QImage measureDevice_;
    QFont body_, bold_, small_, muted_, verdict_, mono_, h1_, h2_, h3_;

    Painter cover_;
    std::vector<ContentPage> pages_;  // content pages
    qreal cursor_ = 0;
    std::vector<OutlineEntry> outline_;  // content-relative pages until finish()
    int frontPages_ = 1;                 // cover + contents, set by finish()
    int contentsPages_ = 0;
    qreal contentsLine_ = 0;
    std::vector<ContentsLink> links_;
    bool finished_ = false;
};

}  // namespace mailtopo::ui::report
