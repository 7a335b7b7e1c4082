#pragma once
// The "Design" dock: the design itself, then every element listed by kind (Hosts, Load
// balancers, Firewalls, …). Choosing an element asks the window to show it; the window tells the
// dock when the diagram's selection changes so both stay in step. A right-click on a row asks
// the window for that row's context menu (what can be added to it, rename, delete, trace).

#include <QDockWidget>
#include <QHash>
#include <QString>

class QTreeWidget;
class QTreeWidgetItem;

namespace mailtopo::model {
struct Design;
}
namespace mailtopo::edit {
struct ChangeSet;
}

namespace mailtopo::ui {

class DesignTreeDock : public QDockWidget {
    Q_OBJECT

public:
    explicit DesignTreeDock(QWidget* parent = nullptr);

    void populate(const model::Design& design);
    // After an edit, undo or redo: only the rows of the elements `changes` names (and the
    // rows that show their names: a connector's server, a flow's ends) are written again,
    // added or removed; the rest of the tree, its scroll and what is expanded stay.
    void update(const model::Design& design, const edit::ChangeSet& changes);
    void clear();

    QTreeWidget* tree() const { return tree_; }
    // The top-level row of a category ("Hosts"), or nullptr.
    QTreeWidgetItem* category(const QString& title) const;
    // The row listing `elementId`, or nullptr.
    QTreeWidgetItem* itemForElement(const QString& elementId) const {
        return items_.value(elementId);
    }

    // Highlights `elementId`'s row without emitting elementChosen (the diagram already
    // knows). An empty id clears the highlight.
    void showElement(const QString& elementId);

    static constexpr int kIdRole = Qt::UserRole + 1;
    // Set on the first row, the design itself (elementChosen with an empty id).
    static constexpr int kDesignRole = Qt::UserRole + 2;
    // A category row's stable key ("hosts", "sendConnectors", "flows" …; "design" for the
    // first row), whatever its translated title.
    static constexpr int kCategoryRole = Qt::UserRole + 3;

signals:
    void elementChosen(const QString& elementId);
    // A right-click on a row: an element's (`elementId`), or a category's (`category`, see
    // kCategoryRole), at `globalPos`.
    void menuRequested(const QString& elementId, const QString& category, const QPoint& globalPos);

private:
    void onSelectionChanged();
    void fillDesignRow(const model::Design& design);
    void countRows();  // the category rows' "(n)"

    QTreeWidget* tree_;
    QHash<QString, QTreeWidgetItem*> items_;
    bool updating_ = false;
};

}  // namespace mailtopo::ui
