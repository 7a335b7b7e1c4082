#include "ui/mainwindow/palette_dock.h"

#include <QHash>
#include <QHeaderView>
#include <QIcon>
#include <QMimeData>
#include <QTreeWidget>

#include "core/edit/element_palette.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/diagram_view.h"

namespace mailtopo::ui {
namespace {

// A tree whose entries drag as palette keys (DiagramView::paletteMimeType) onto the canvas.
class PaletteTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {DiagramView::paletteMimeType()}; }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
        if (items.isEmpty())
            return nullptr;
        const QString key = items.first()->data(0, PaletteDock::kKeyRole).toString();
        if (key.isEmpty())
            return nullptr;  // a group heading
        auto* mime = new QMimeData;
        mime->setData(DiagramView::paletteMimeType(), key.toUtf8());
        return mime;
    }
};

}  // namespace

PaletteDock::PaletteDock(QWidget* parent)
    : QDockWidget(tr("Palette"), parent), tree_(new PaletteTree(this)) {
    setObjectName(QStringLiteral("paletteDock"));
    tree_->setObjectName(QStringLiteral("paletteTree"));
    tree_->setHeaderHidden(true);
    tree_->setRootIsDecorated(false);
    tree_->setIconSize(QSize(22, 22));
    tree_->setDragEnabled(true);
    tree_->setDragDropMode(QAbstractItemView::DragOnly);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);
    tree_->setToolTip(tr("Drag onto the canvas to place, or double-click to add"));

    QTreeWidgetItem* group = nullptr;
    std::optional<edit::PaletteGroup> current;
    for (const edit::PaletteEntry& entry : edit::paletteEntries()) {
        if (!current || *current != entry.group) {
            current = entry.group;
            group = new QTreeWidgetItem(tree_);
            group->setText(
                0, QString::fromStdString(std::string(edit::paletteGroupName(entry.group))));
            group->setFlags(Qt::ItemIsEnabled);
            QFont font = group->font(0);
            font.setBold(true);
            group->setFont(0, font);
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group);
        item->setText(0, QString::fromStdString(entry.label));
        item->setToolTip(0, QString::fromStdString(entry.tooltip));
        item->setData(0, kIconRole, QString::fromStdString(entry.icon));
        item->setData(0, kKeyRole, QString::fromStdString(entry.key));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    tree_->expandAll();
    applyStyle();
    connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString key = item->data(0, kKeyRole).toString();
        if (!key.isEmpty())
            emit entryActivated(key);
    });
    setWidget(tree_);
}

void PaletteDock::applyStyle() {
    const DiagramStyle& style = DiagramStyle::standard();
    QHash<QString, QIcon> icons;
    for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = tree_->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            const QString name = group->child(i)->data(0, kIconRole).toString();
            if (!icons.contains(name))
                icons.insert(name, style.themedIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
            group->child(i)->setIcon(0, icons.value(name));
        }
    }
}

QTreeWidgetItem* PaletteDock::entryItem(const QString& key) const {
    for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = tree_->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, kKeyRole).toString() == key)
                return group->child(i);
        }
    }
    return nullptr;
}

}  // namespace mailtopo::ui
