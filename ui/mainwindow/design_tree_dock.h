#pragma once
// The "Design" dock: the design itself, then every element listed by kind (Hosts, Load
// balancers, Firewalls, …). Choosing an element asks the window to show it; the window tells the
// dock when the diagram's selection changes so both stay in step.

#include <QDockWidget>
#include <QHash>
#include <QString>

class QTreeWidget;
class QTreeWidgetItem;

namespace mailtopo::model {
struct Design;
}

namespace mailtopo::ui {

class DesignTreeDock : public QDockWidget {
    Q_OBJECT

public:
    explicit DesignTreeDock(QWidget* parent = nullptr);

    void populate(const model::Design& design);
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

signals:
    void elementChosen(const QString& elementId);

private:
    void onSelectionChanged();

    QTreeWidget* tree_;
    QHash<QString, QTreeWidgetItem*> items_;
    bool updating_ = false;
};

}  // namespace mailtopo::ui
