#pragma once
// The report's outputs: a vector PDF (QPdfWriter, with bookmarks and contents links added
// by qpdf) written atomically, and page images for the GUI's preview and for tests.

#include <QImage>
#include <QString>
#include <memory>

#include "ui/report/report_builder.h"
#include "ui/report/report_layout.h"

namespace mailtopo::ui::report {

// Paints every page into a PDF at `path` (replaced only when all went well). Returns false
// and sets `error` ("report.pdf: cannot write …") on failure.
bool writePdf(const ReportLayout& layout, const QString& title, const QString& path,
              QString* error);

// One page as an image, `pixelsPerPoint` pixels for each point (1.5 ≈ 108 dpi).
QImage renderPage(const ReportLayout& layout, int page, qreal pixelsPerPoint);

// Validate + simulate the design, lay the report out and write the PDF: what the CLI's
// `report` command and the GUI's Export Report do. `pages` receives the page count.
bool writeDesignReport(const ReportInput& input, const QString& path, QString* error,
                       int* pages = nullptr);

}  // namespace mailtopo::ui::report
