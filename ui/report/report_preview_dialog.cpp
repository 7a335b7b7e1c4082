#include "ui/report/report_preview_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPaintEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "ui/report/report_builder.h"
#include "ui/report/report_writer.h"

namespace mailtopo::ui::report {

// The pages one under the other, each rendered (at 72 dpi, then scaled) only when it comes
// into view; a few recent pages are kept so scrolling back is instant.
class PagesWidget : public QWidget {
public:
    static constexpr qreal kScale = 1.25;  // screen pixels per point
    static constexpr int kGap = 16;
    static constexpr size_t kCachedPages = 8;

    explicit PagesWidget(QWidget* parent) : QWidget(parent) {
        setAutoFillBackground(true);
        QPalette p = palette();
        p.setColor(QPalette::Window, QColor(0x8a, 0x93, 0x9f));
        setPalette(p);
    }
    void setLayout(const ReportLayout* layout) {
        layout_ = layout;
        cache_.clear();
        updateGeometry();
        adjustSize();
        update();
    }
    QSize sizeHint() const override {
        if (layout_ == nullptr)
            return {400, 400};
        int width = 0;
        int height = kGap;
        for (int i = 0; i < layout_->pageCount(); ++i) {
            const QSize page = (layout_->shownPageSize(i) * kScale).toSize();
            width = std::max(width, page.width());
            height += page.height() + kGap;
        }
        return {width + 2 * kGap, height};
    }

protected:
    void paintEvent(QPaintEvent* event) override {
        if (layout_ == nullptr)
            return;
        QPainter painter(this);
        int y = kGap;
        for (int i = 0; i < layout_->pageCount(); ++i) {
            const QSize page = (layout_->shownPageSize(i) * kScale).toSize();
            const QRect r(QPoint((width() - page.width()) / 2, y), page);
            y += page.height() + kGap;
            if (!r.intersects(event->rect()))
                continue;
            painter.fillRect(r.translated(3, 3), QColor(0, 0, 0, 60));
            painter.drawImage(r, pageImage(i));
        }
    }

private:
    const QImage& pageImage(int page) {
        auto it = cache_.find(page);
        if (it != cache_.end())
            return it->second;
        if (cache_.size() >= kCachedPages)
            cache_.erase(cache_.begin());  // the page furthest up; good enough for scrolling
        const qreal ratio = devicePixelRatioF();
        QImage image = renderPage(*layout_, page, kScale * ratio);
        image.setDevicePixelRatio(ratio);
        return cache_.emplace(page, std::move(image)).first->second;
    }

    const ReportLayout* layout_ = nullptr;
    std::map<int, QImage> cache_;
};

ReportPreviewDialog::ReportPreviewDialog(
    const model::Design& design, const QString& filePath,
    std::shared_ptr<const analysis::DesignValidation> validation, QWidget* parent)
    : QDialog(parent),
      design_(design),
      filePath_(filePath),
      validation_(std::move(validation)),
      paperBox_(new QComboBox(this)),
      pagesLabel_(new QLabel(this)),
      scroll_(new QScrollArea(this)),
      pages_(new PagesWidget(this)),
      saveButton_(new QPushButton(tr("&Save PDF…"), this)) {
    setObjectName(QStringLiteral("reportPreviewDialog"));
    setWindowTitle(tr("Export Report"));
    paperBox_->setObjectName(QStringLiteral("paperBox"));
    paperBox_->addItem(tr("A4"), static_cast<int>(Paper::A4));
    paperBox_->addItem(tr("US Letter"), static_cast<int>(Paper::Letter));
    pagesLabel_->setObjectName(QStringLiteral("pagesLabel"));
    saveButton_->setObjectName(QStringLiteral("savePdfButton"));
    saveButton_->setDefault(true);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Paper:"), this));
    top->addWidget(paperBox_);
    top->addStretch(1);
    top->addWidget(pagesLabel_);

    scroll_->setWidget(pages_);
    scroll_->setWidgetResizable(false);
    scroll_->setAlignment(Qt::AlignHCenter);
    scroll_->setBackgroundRole(QPalette::Dark);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(saveButton_, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(saveButton_, &QPushButton::clicked, this, &ReportPreviewDialog::chooseAndSave);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll_, 1);
    layout->addWidget(buttons);

    if (!validation_) {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        validation_ = std::make_shared<const analysis::DesignValidation>(
            analysis::validateDesignWithTraces(design_));
        QApplication::restoreOverrideCursor();
    }
    rebuild();
    connect(paperBox_, &QComboBox::currentIndexChanged, this, [this](int index) {
        setPaper(static_cast<Paper>(paperBox_->itemData(index).toInt()));
    });
    resize(static_cast<int>(layout_->pageSize().width() * PagesWidget::kScale) + 80, 900);
}

ReportPreviewDialog::~ReportPreviewDialog() = default;

int ReportPreviewDialog::pageCount() const {
    return layout_->pageCount();
}

void ReportPreviewDialog::setPaper(Paper paper) {
    if (paper == paper_ && layout_)
        return;
    paper_ = paper;
    paperBox_->setCurrentIndex(paperBox_->findData(static_cast<int>(paper)));
    rebuild();
}

void ReportPreviewDialog::rebuild() {
    ReportInput input;
    input.design = &design_;
    input.fileName = QFileInfo(filePath_).fileName();
    input.generated = QDateTime::currentDateTime();
    input.paper = paper_;
    pages_->setLayout(nullptr);
    layout_ = buildReport(input, *validation_);
    pages_->setLayout(layout_.get());
    pagesLabel_->setText(tr("%n page(s)", nullptr, layout_->pageCount()));
}

bool ReportPreviewDialog::savePdf(const QString& path, QString* error) {
    ReportInput input;
    input.design = &design_;
    input.fileName = QFileInfo(filePath_).fileName();
    if (!writePdf(*layout_, reportTitle(input), path, error))
        return false;
    emit saved(path);
    return true;
}

void ReportPreviewDialog::chooseAndSave() {
    const QFileInfo file(filePath_);
    const QString suggested =
        filePath_.isEmpty()
            ? QDir::home().filePath(tr("report.pdf"))
            : file.absoluteDir().filePath(file.completeBaseName() + QStringLiteral("-report.pdf"));
    QString path = QFileDialog::getSaveFileName(this, tr("Save Report"), suggested,
                                                tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = savePdf(path, &error);
    QApplication::restoreOverrideCursor();
    if (!ok) {
        QMessageBox::warning(this, tr("Cannot Save Report"), error);
        return;
    }
    accept();
}

}  // namespace mailtopo::ui::report
