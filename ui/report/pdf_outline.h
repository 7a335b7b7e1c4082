#pragma once
// Qt's PDF writer has no API for bookmarks or internal links, so the finished PDF is
// rewritten once with qpdf: an outline (bookmarks) from the report's headings, and link
// annotations that make each line of the table of contents jump to its page.

#include <QByteArray>
#include <QString>
#include <string>
#include <vector>

#include "ui/report/report_layout.h"

namespace mailtopo::ui::report {

// `pdf` is what QPdfWriter produced; `pageHeight` is in points (the PDF's y axis points up).
// `landscape` lists the pages drawn turned (ReportLayout::isLandscape): they get /Rotate 90
// so they show upright. Returns the rewritten document, or an empty array and `error`.
QByteArray addOutlineAndLinks(const QByteArray& pdf, const std::vector<OutlineEntry>& outline,
                              const std::vector<ContentsLink>& links,
                              const std::vector<int>& landscape, qreal pageHeight, QString* error);

// The titles of the outline's top-level bookmarks of the PDF at `path`, in order (for tests
// and checks); empty when it has none or cannot be read.
std::vector<std::string> topLevelBookmarks(const QString& path);

}  // namespace mailtopo::ui::report
