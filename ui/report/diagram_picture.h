#pragma once
// The design's diagram outside the window: the same scene the canvas shows, built from a
// copy of the design, painted into any rectangle (a report page, an SVG, a PNG) with the
// elements that findings name ringed in their severity's colour, as on the canvas.

#include <QRectF>
#include <QString>
#include <memory>
#include <vector>

#include "core/analysis/finding.h"
#include "core/model/design.h"

class QPainter;

namespace mailtopo::ui {
class DesignDocument;
class DiagramScene;
}  // namespace mailtopo::ui

namespace mailtopo::ui::report {

class DiagramPicture {
public:
    // Needs a QApplication (the diagram's fonts and icons). `findings` mark their elements.
    DiagramPicture(const model::Design& design, const std::vector<analysis::Finding>& findings);
    ~DiagramPicture();
    DiagramPicture(const DiagramPicture&) = delete;
    DiagramPicture& operator=(const DiagramPicture&) = delete;

    // The whole diagram in scene units (1 unit is 1 pixel at 100 % zoom).
    QRectF sceneRect() const;
    bool isEmpty() const;
    // Paints `source` (scene units) into `target`; the caller keeps the aspect ratio.
    void paint(QPainter& painter, const QRectF& target, const QRectF& source) const;
    // Writes the whole diagram; the format follows the suffix (.svg, .png). PNG is drawn at
    // twice the scene's size so text stays sharp. On failure returns false and sets `error`.
    bool save(const QString& path, QString* error) const;

private:
    std::unique_ptr<DesignDocument> document_;
    std::unique_ptr<DiagramScene> scene_;
};

}  // namespace mailtopo::ui::report
