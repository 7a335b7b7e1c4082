#pragma once
// File › Export Report…: the report of the open design as it will print, page by page, with
// the paper size to choose, and a Save PDF button. The pages are painted on demand from the
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
    // Writes the PDF; on failure returns false and sets `error`.
    bool savePdf(const QString& path, QString* error);

signals:
    void saved(const QString& path);

private:
    void rebuild();
    void chooseAndSave();

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
};

}  // namespace mailtopo::ui::report
