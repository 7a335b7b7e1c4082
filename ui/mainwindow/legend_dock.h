#pragma once
// The "Legend" dock: what the canvas's colours, rings, badges and lines mean — card accents
// per element kind, segment bands and the chips that tie an interface row to its band,
// finding severity rings, the badges cards carry (skip, loopback, load-balancer modes,
// roles) and a played trace's forward, reply and current-hop marks. Every swatch is painted
// from DiagramStyle, the same place the canvas takes its look from, so the legend cannot
// drift from the drawing and follows the theme.

#include <QDockWidget>

class QGridLayout;
class QWidget;

namespace mailtopo::ui {

class LegendDock : public QDockWidget {
    Q_OBJECT

public:
    explicit LegendDock(QWidget* parent = nullptr);

    // Repaints the swatches in the current DiagramStyle (after a theme change).
    void applyStyle();

    // The entries' texts, in order (tests read them without pixels).
    QStringList entryTexts() const;

private:
    void rebuild();

    QWidget* content_;
    QGridLayout* grid_ = nullptr;
};

}  // namespace mailtopo::ui
