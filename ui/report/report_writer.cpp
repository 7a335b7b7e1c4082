#include "ui/report/report_writer.h"

#include <QBuffer>
#include <QFile>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

#include "core/analysis/simulation_checks.h"
#include "core/io/output_file.h"
#include "ui/report/pdf_outline.h"

namespace mailtopo::ui::report {

bool writePdf(const ReportLayout& layout, const QString& title, const QString& path,
              QString* error) {
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        // 72 dpi: one device unit is one point, the unit the layout measured in.
        writer.setResolution(72);
        writer.setPageLayout(QPageLayout(QPageSize(layout.pageSize(), QPageSize::Point),
                                         QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("MailTopo %1").arg(QStringLiteral(MAILTOPO_VERSION)));
        QPainter painter;
        if (!painter.begin(&writer)) {
            *error = QStringLiteral("%1: cannot start the PDF").arg(path);
            return false;
        }
        for (int page = 0; page < layout.pageCount(); ++page) {
            if (page > 0)
                writer.newPage();
            layout.paintPage(painter, page);
        }
        painter.end();
    }
    QString outlineError;
    std::vector<int> landscape;
    for (int page = 0; page < layout.pageCount(); ++page)
        if (layout.isLandscape(page))
            landscape.push_back(page);
    QByteArray finished = addOutlineAndLinks(bytes, layout.outline(), layout.contentsLinks(),
                                             landscape, layout.pageSize().height(), &outlineError);
    if (finished.isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(path, outlineError);
        return false;
    }
    const io::SaveResult saved =
        io::writeFileAtomically(QFile::encodeName(path).toStdString(),
                                std::string_view(finished.constData(), finished.size()));
    if (!saved.ok)
        *error = QString::fromStdString(saved.error);
    return saved.ok;
}

QImage renderPage(const ReportLayout& layout, int page, qreal pixelsPerPoint) {
    const QSize size = (layout.shownPageSize(page) * pixelsPerPoint).toSize();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    // 72 dpi, as the layout measured: fonts in points are as many pixels before scaling.
    image.setDotsPerMeterX(2835);
    image.setDotsPerMeterY(2835);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(pixelsPerPoint, pixelsPerPoint);
    layout.paintPage(painter, page, true);
    painter.end();
    return image;
}

bool writeDesignReport(const ReportInput& input, const QString& path, QString* error, int* pages) {
    const auto validation = analysis::validateDesignWithTraces(*input.design);
    const auto layout = buildReport(input, validation);
    if (pages != nullptr)
        *pages = layout->pageCount();
    return writePdf(*layout, reportTitle(input), path, error);
}

}  // namespace mailtopo::ui::report
