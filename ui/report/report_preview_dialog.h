#pragma once
// File › Export Report…: the report of the open design as it will print, page by page, with
// the paper size to choose, zoom (steps, fit width, fit page, Ctrl+wheel), page navigation
// (Page Up/Down, a page number), and a Save PDF button. The pages are painted on demand from the
// same layout the PDF is written from, so what the user sees is what they save.

#include <QDialog>
#include <QString>
#include <memory>

#include "core/analysis/simulation_checks.h"
#include "core/model/design.h"
#include "ui/report/report_layout.h"

class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;

namespace mailtopo::ui::report {

class PagesWidget;

class ReportPreviewDialog : public QDialog {
    Q_OBJECT

public:
    // `fileName` is shown on the cover and names the suggested PDF. `validation` is the
    // design's validation when the caller already has it (live validation); null: the
    // dialog validates and simulates `design` once. A copy of the design is kept.
    ReportPreviewDialog(const model::Design& design, const QString& filePath,
                        std::shared_ptr<const analysis::DesignValidation> validation = nullptr,
                        QWidget* parent = nullptr);
    ~ReportPreviewDialog() override;

    int pageCount() const;
    const ReportLayout& layout() const { return *layout_; }
    void setPaper(Paper paper);
    Paper paper() const { return paper_; }
    // 1.0 = actual size (a point of the page is a point on the screen).
    qreal zoom() const;
    void setZoom(qreal zoom);
    // The page at the top of the view (0-based), and bringing one there.
    int currentPage() const;
    void showPage(int page);
    // Writes the PDF; on failure returns false and sets `error`.
    bool savePdf(const QString& path, QString* error);

signals:
    void saved(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void chooseAndSave();
    void stepZoom(int direction);
    void applyFit();  // fit width or fit page, as fitMode_ says
    qreal pointsToPixels() const;

    model::Design design_;
    QString filePath_;
    std::shared_ptr<const analysis::DesignValidation> validation_;
    Paper paper_ = Paper::A4;
    std::unique_ptr<ReportLayout> layout_;
    QComboBox* paperBox_;
    QLabel* pagesLabel_;
    QScrollArea* scroll_;
    PagesWidget* pages_;
    QPushButton* saveButton_;
    QComboBox* zoomBox_;
    QSpinBox* pageBox_;
    int fitMode_ = -1;  // -1 fit width, -2 fit page, 0 a fixed zoom
    bool followingScroll_ = false;
};

}  // namespace mailtopo::ui::report
