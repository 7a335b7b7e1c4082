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
#include <QScrollBar>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <map>

#include "ui/report/report_builder.h"
#include "ui/report/report_writer.h"

namespace mailtopo::ui::report {

// The pages one under the other at the chosen zoom, each rendered only when it comes into
// view; a few recent pages are kept so scrolling back is instant.
class PagesWidget : public QWidget {
public:
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
        relayout();
    }
    // Screen pixels per point.
    void setScale(qreal scale) {
        if (qFuzzyCompare(scale, scale_))
            return;
        scale_ = scale;
        cache_.clear();
        relayout();
    }
    qreal scale() const { return scale_; }
    int pageCount() const { return layout_ == nullptr ? 0 : layout_->pageCount(); }
    // Page `i`'s rectangle in this widget.
    QRect pageRect(int i) const {
        int y = kGap;
        for (int p = 0; p < i; ++p)
            y += pageSize(p).height() + kGap;
        const QSize page = pageSize(i);
        return {QPoint((width() - page.width()) / 2, y), page};
    }
    // The page under widget row `y` (the last one above it in the gaps).
    int pageAt(int y) const {
        int top = kGap;
        for (int p = 0; p < pageCount(); ++p) {
            top += pageSize(p).height() + kGap;
            if (y < top)
                return p;
        }
        return std::max(0, pageCount() - 1);
    }
    QSize sizeHint() const override {
        if (layout_ == nullptr)
            return {400, 400};
        int width = 0;
        int height = kGap;
        for (int i = 0; i < layout_->pageCount(); ++i) {
            const QSize page = pageSize(i);
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
        for (int i = 0; i < layout_->pageCount(); ++i) {
            const QRect r = pageRect(i);
            if (r.top() > event->rect().bottom())
                break;
            if (!r.intersects(event->rect()))
                continue;
            painter.fillRect(r.translated(3, 3), QColor(0, 0, 0, 60));
            painter.drawImage(r, pageImage(i));
        }
    }

private:
    QSize pageSize(int i) const { return (layout_->shownPageSize(i) * scale_).toSize(); }
    void relayout() {
        updateGeometry();
        adjustSize();
        update();
    }
    const QImage& pageImage(int page) {
        auto it = cache_.find(page);
        if (it != cache_.end())
            return it->second;
        if (cache_.size() >= kCachedPages)
            cache_.erase(cache_.begin());  // the page furthest up; good enough for scrolling
        const qreal ratio = devicePixelRatioF();
        QImage image = renderPage(*layout_, page, scale_ * ratio);
        image.setDevicePixelRatio(ratio);
        return cache_.emplace(page, std::move(image)).first->second;
    }

    const ReportLayout* layout_ = nullptr;
    qreal scale_ = 1.25;
    std::map<int, QImage> cache_;
};

namespace {

// The zoom steps offered, as on a PDF viewer's toolbar.
constexpr qreal kZoomSteps[] = {0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0};
enum ZoomItem { kFitWidth = -1, kFitPage = -2 };

}  // namespace

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
      saveButton_(new QPushButton(tr("&Save PDF…"), this)),
      zoomBox_(new QComboBox(this)),
      pageBox_(new QSpinBox(this)) {
    setObjectName(QStringLiteral("reportPreviewDialog"));
    setWindowTitle(tr("Export Report"));
    setSizeGripEnabled(true);
    paperBox_->setObjectName(QStringLiteral("paperBox"));
    paperBox_->addItem(tr("A4"), static_cast<int>(Paper::A4));
    paperBox_->addItem(tr("US Letter"), static_cast<int>(Paper::Letter));
    pagesLabel_->setObjectName(QStringLiteral("pagesLabel"));
    saveButton_->setObjectName(QStringLiteral("savePdfButton"));
    saveButton_->setDefault(true);

    zoomBox_->setObjectName(QStringLiteral("zoomBox"));
    zoomBox_->addItem(tr("Fit Width"), static_cast<double>(kFitWidth));
    zoomBox_->addItem(tr("Fit Page"), static_cast<double>(kFitPage));
    for (const qreal step : kZoomSteps)
        zoomBox_->addItem(QStringLiteral("%1 %").arg(qRound(step * 100)), step);
    const auto toolButton = [this](const QString& name, const QString& text, const QString& tip,
                                   const QKeySequence& key) {
        auto* button = new QToolButton(this);
        button->setObjectName(name);
        button->setText(text);
        button->setToolTip(
            QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        button->setShortcut(key);
        button->setAutoRaise(true);
        return button;
    };
    QToolButton* zoomOut = toolButton(QStringLiteral("zoomOutButton"), QStringLiteral("\u2212"),
                                      tr("Zoom out"), QKeySequence::ZoomOut);
    QToolButton* zoomIn = toolButton(QStringLiteral("zoomInButton"), QStringLiteral("+"),
                                     tr("Zoom in"), QKeySequence::ZoomIn);
    QToolButton* previous =
        toolButton(QStringLiteral("previousPageButton"), QStringLiteral("\u25b2"),
                   tr("Previous page"), QKeySequence(Qt::Key_PageUp));
    QToolButton* next = toolButton(QStringLiteral("nextPageButton"), QStringLiteral("\u25bc"),
                                   tr("Next page"), QKeySequence(Qt::Key_PageDown));
    pageBox_->setObjectName(QStringLiteral("pageBox"));
    pageBox_->setKeyboardTracking(false);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Paper:"), this));
    top->addWidget(paperBox_);
    top->addSpacing(12);
    top->addWidget(zoomOut);
    top->addWidget(zoomBox_);
    top->addWidget(zoomIn);
    top->addStretch(1);
    top->addWidget(previous);
    top->addWidget(new QLabel(tr("Page"), this));
    top->addWidget(pageBox_);
    top->addWidget(pagesLabel_);
    top->addWidget(next);

    scroll_->setWidget(pages_);
    scroll_->setWidgetResizable(false);
    scroll_->setAlignment(Qt::AlignHCenter);
    scroll_->setBackgroundRole(QPalette::Dark);
    scroll_->viewport()->installEventFilter(this);  // Ctrl+wheel zooms; fits on resize

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
    connect(zoomBox_, &QComboBox::activated, this, [this](int index) {
        const double chosen = zoomBox_->itemData(index).toDouble();
        fitMode_ = chosen < 0 ? static_cast<int>(chosen) : 0;
        if (fitMode_ == 0)
            setZoom(chosen);
        else
            applyFit();
    });
    connect(zoomIn, &QToolButton::clicked, this, [this] { stepZoom(+1); });
    connect(zoomOut, &QToolButton::clicked, this, [this] { stepZoom(-1); });
    connect(previous, &QToolButton::clicked, this, [this] { showPage(currentPage() - 1); });
    connect(next, &QToolButton::clicked, this, [this] { showPage(currentPage() + 1); });
    connect(pageBox_, &QSpinBox::valueChanged, this, [this](int page) {
        if (!followingScroll_)
            showPage(page - 1);
    });
    connect(scroll_->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        followingScroll_ = true;
        pageBox_->setValue(currentPage() + 1);
        followingScroll_ = false;
    });
    resize(static_cast<int>(layout_->pageSize().width() * 1.25) + 80, 900);
    zoomBox_->setCurrentIndex(0);  // fit width, applied once the dialog has its size
}

qreal ReportPreviewDialog::zoom() const {
    return pages_->scale() / pointsToPixels();
}

qreal ReportPreviewDialog::pointsToPixels() const {
    return logicalDpiX() / 72.0;
}

void ReportPreviewDialog::setZoom(qreal zoom) {
    // Keep the page row at the top of the view where it was.
    const int page = currentPage();
    pages_->setScale(std::clamp(zoom, kZoomSteps[0], kZoomSteps[std::size(kZoomSteps) - 1]) *
                     pointsToPixels());
    showPage(page);
    const int exact = zoomBox_->findData(zoom);
    if (fitMode_ == 0)
        zoomBox_->setCurrentIndex(exact >= 0 ? exact : zoomBox_->currentIndex());
}

void ReportPreviewDialog::stepZoom(int direction) {
    const qreal now = zoom();
    qreal target = now;
    if (direction > 0) {
        for (const qreal step : kZoomSteps) {
            if (step > now + 0.001) {
                target = step;
                break;
            }
        }
    } else {
        for (auto it = std::rbegin(kZoomSteps); it != std::rend(kZoomSteps); ++it) {
            if (*it < now - 0.001) {
                target = *it;
                break;
            }
        }
    }
    fitMode_ = 0;
    const int index = zoomBox_->findData(target);
    if (index >= 0)
        zoomBox_->setCurrentIndex(index);
    setZoom(target);
}

void ReportPreviewDialog::applyFit() {
    if (layout_ == nullptr || layout_->pageCount() == 0)
        return;
    // The widest page fits (a diagram page may be landscape), and with fit page the tallest.
    QSizeF page;
    for (int i = 0; i < layout_->pageCount(); ++i)
        page = page.expandedTo(layout_->shownPageSize(i));
    const QSize room =
        scroll_->viewport()->size() -
        QSize(2 * PagesWidget::kGap + scroll_->verticalScrollBar()->sizeHint().width(),
              2 * PagesWidget::kGap);
    qreal scale = room.width() / page.width();
    if (fitMode_ == kFitPage)
        scale = std::min(scale, room.height() / page.height());
    const int pageNow = currentPage();
    pages_->setScale(std::max<qreal>(scale, 0.1));
    showPage(pageNow);
}

int ReportPreviewDialog::currentPage() const {
    return pages_->pageAt(scroll_->verticalScrollBar()->value() + PagesWidget::kGap);
}

void ReportPreviewDialog::showPage(int page) {
    if (pages_->pageCount() == 0)
        return;
    page = std::clamp(page, 0, pages_->pageCount() - 1);
    scroll_->verticalScrollBar()->setValue(pages_->pageRect(page).top() - PagesWidget::kGap / 2);
}

bool ReportPreviewDialog::eventFilter(QObject* watched, QEvent* event) {
    // The viewport learns its size after the dialog's own resize: fit from its resize.
    if (watched == scroll_->viewport() && event->type() == QEvent::Resize && fitMode_ != 0)
        applyFit();
    if (watched == scroll_->viewport() && event->type() == QEvent::Wheel) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers().testFlag(Qt::ControlModifier)) {
            stepZoom(wheel->angleDelta().y() > 0 ? +1 : -1);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
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
    pagesLabel_->setText(tr("of %1").arg(layout_->pageCount()));
    pageBox_->setRange(1, std::max(1, layout_->pageCount()));
    if (fitMode_ != 0)
        applyFit();
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
