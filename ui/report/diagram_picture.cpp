#include "ui/report/diagram_picture.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include "core/io/output_file.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"
#include "ui/document/design_document.h"

namespace mailtopo::ui::report {
namespace {

constexpr qreal kPngScale = 2;

}  // namespace

DiagramPicture::DiagramPicture(const model::Design& design,
                               const std::vector<analysis::Finding>& findings)
    : document_(std::make_unique<DesignDocument>()) {
    // Printed and exported diagrams are light whatever theme the screen uses.
    const DiagramStyle::LightScope light;
    document_->reset(design, QString());
    scene_ = std::make_unique<DiagramScene>(document_.get());
    scene_->setDetailMedium(DetailMedium::Paper);
    scene_->setMarks(findings);
}

DiagramPicture::~DiagramPicture() {
    scene_.reset();  // before the document it observes
}

QRectF DiagramPicture::sceneRect() const {
    return scene_->sceneRect();
}

bool DiagramPicture::isEmpty() const {
    return scene_->items().isEmpty();
}

void DiagramPicture::paint(QPainter& painter, const QRectF& target, const QRectF& source) const {
    if (source.isEmpty() || target.isEmpty())
        return;
    const DiagramStyle::LightScope light;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipRect(target);
    scene_->render(&painter, target, source, Qt::IgnoreAspectRatio);
    painter.restore();
}

bool DiagramPicture::save(const QString& path, QString* error) const {
    const DiagramStyle::LightScope light;
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QRectF source = sceneRect();
    const QSizeF size = source.size();
    // Drawn in memory first, then written as a whole through the one atomic writer: a full
    // disk or a kill leaves no half an image behind.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size.toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), size));
        generator.setTitle(QString::fromStdString(document_->design().info.name));
        generator.setDescription(QStringLiteral("Mail topology diagram drawn by MailTopo"));
        QPainter painter;
        if (!painter.begin(&generator)) {
            *error = QStringLiteral("%1: cannot draw the SVG").arg(path);
            return false;
        }
        paint(painter, QRectF(QPointF(0, 0), size), source);
        painter.end();
    } else if (suffix == QLatin1String("png")) {
        QImage image((size * kPngScale).toSize(), QImage::Format_ARGB32_Premultiplied);
        if (image.isNull()) {
            *error = QStringLiteral("%1: the diagram is too large for a PNG (%2 x %3)")
                         .arg(path)
                         .arg(size.width() * kPngScale)
                         .arg(size.height() * kPngScale);
            return false;
        }
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            paint(painter, QRectF(QPointF(0, 0), size * kPngScale), source);
        }
        if (!image.save(&buffer, "PNG")) {
            *error = QStringLiteral("%1: cannot encode the PNG").arg(path);
            return false;
        }
    } else {
        *error =
            QStringLiteral("%1: unknown image format '%2' (use .svg or .png)").arg(path, suffix);
        return false;
    }
    const io::SaveResult saved = io::writeFileAtomically(
        QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), bytes.size()));
    if (!saved.ok)
        *error = QString::fromStdString(saved.error);
    return saved.ok;
}

}  // namespace mailtopo::ui::report
