#pragma once
// The "Palette" dock: the typed elements a design is drawn with (Exchange servers by version
// and role, SMTP hosts by role, internet, segments, router, load balancer, firewall, DNS
// zone), grouped, each with its icon and a tooltip. Drag an entry onto the canvas to place
// it there, or double-click it (or press Enter) to add it below the drawing. The search field
// above the list keeps the entries whose label or tooltip holds every word typed. The entries
// come from core/edit/element_palette, so the CLI's `edit --add` knows the same keys.

#include <QDockWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace mailtopo::ui {

class PaletteDock : public QDockWidget {
    Q_OBJECT

public:
    explicit PaletteDock(QWidget* parent = nullptr);

    QTreeWidget* tree() const { return tree_; }
    QLineEdit* searchField() const { return search_; }
    // Shows only the entries whose label or tooltip contains every word of `text` (any
    // case); a group without a matching entry is hidden. Empty text shows everything.
    void setFilter(const QString& text);
    // The row of palette entry `key`, or nullptr.
    QTreeWidgetItem* entryItem(const QString& key) const;

    // Takes up the current DiagramStyle: the icons, recoloured for a dark theme.
    void applyStyle();

    static constexpr int kKeyRole = Qt::UserRole + 1;
    static constexpr int kIconRole = Qt::UserRole + 2;

signals:
    // Double-click or Enter on an entry: add it where there is room.
    void entryActivated(const QString& key);

private:
    QLineEdit* search_;
    QTreeWidget* tree_;
};

}  // namespace mailtopo::ui
