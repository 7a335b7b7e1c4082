#include "ui/mainwindow/palette_dock.h"

#include <algorithm>

#include <QHash>
#include <QHeaderView>
#include <QIcon>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>

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
    : QDockWidget(tr("Palette"), parent),
      search_(new QLineEdit(this)),
      tree_(new PaletteTree(this)) {
    setObjectName(QStringLiteral("paletteDock"));
    search_->setObjectName(QStringLiteral("paletteSearch"));
    search_->setPlaceholderText(tr("Search elements"));
    search_->setClearButtonEnabled(true);
    search_->setToolTip(tr("Keep the entries whose name or description holds every word typed"));
    tree_->setObjectName(QStringLiteral("paletteTree"));
    tree_->setHeaderHidden(true);
    tree_->setRootIsDecorated(false);
    tree_->setIconSize(QSize(22, 22));
    tree_->setDragEnabled(true);
    tree_->setDragDropMode(QAbstractItemView::DragOnly);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);

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
        // The entry's own description, then how to use it: what the list's tooltip said.
        item->setToolTip(0, tr("%1\n\nDrag onto the canvas to place it, or double-click to add it.")
                                .arg(QString::fromStdString(entry.tooltip)));
        item->setStatusTip(0, QString::fromStdString(entry.tooltip));
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
    connect(search_, &QLineEdit::textChanged, this, &PaletteDock::setFilter);
    // Enter in the search field adds the only entry left, as a launcher would.
    connect(search_, &QLineEdit::returnPressed, this, [this] {
        QTreeWidgetItem* only = nullptr;
        int shown = 0;
        for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
            QTreeWidgetItem* heading = tree_->topLevelItem(g);
            for (int i = 0; i < heading->childCount(); ++i) {
                if (!heading->child(i)->isHidden()) {
                    only = heading->child(i);
                    ++shown;
                }
            }
        }
        if (shown == 1)
            emit entryActivated(only->data(0, kKeyRole).toString());
    });
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(search_);
    layout->addWidget(tree_, 1);
    setWidget(body);
}

void PaletteDock::setFilter(const QString& text) {
    if (search_->text() != text)
        search_->setText(text);  // comes back here through textChanged
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = tree_->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* entry = group->child(i);
            const QString haystack = entry->text(0) + QLatin1Char('\n') + entry->statusTip(0);
            const bool match = std::all_of(words.begin(), words.end(), [&](const QString& word) {
                return haystack.contains(word, Qt::CaseInsensitive);
            });
            entry->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
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
