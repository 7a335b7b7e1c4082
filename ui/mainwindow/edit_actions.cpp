#include "ui/mainwindow/edit_actions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QMenu>
#include <QMimeData>

#include "core/edit/design_edits.h"
#include "core/edit/property_edit.h"
#include "core/probe/design_target.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"

namespace mailtopo::ui {

EditActions::EditActions(DesignDocument* document, DiagramScene* scene, DiagramView* view,
                         std::function<QStringList()> fallbackSelection, QWidget* parent)
    : QObject(parent),
      document_(document),
      scene_(scene),
      view_(view),
      editor_(new DiagramEditor(document, scene, this)),
      parentWidget_(parent),
      fallbackSelection_(std::move(fallbackSelection)) {
    view_->setGridStep(DiagramEditor::gridStep());
    connect(view_, &DiagramView::elementsMoved, this,
            [this](const QHash<QString, QPointF>& moved) { editor_->moveElements(moved); });
    connect(view_, &DiagramView::paletteDropped, this,
            [this](const QString& key, const QPointF& at, const QString& segmentId) {
                const QString id = editor_->addElementOn(key, at, segmentId);
                report();
                if (!id.isEmpty() && !editor_->lastConnectedInterface().isEmpty()) {
                    emit placedOnSegment(key, id, editor_->lastConnectedInterface(),
                                         editor_->lastProposedAddress());
                }
            });
    view_->setConnectPreview([this](const QString& from, const QString& segmentId, QString* text) {
        return editor_->connectPreview(from, segmentId, text);
    });
    connect(view_, &DiagramView::connectRequested, this,
            [this](const QString& elementId, const QString& segmentId) {
                const QString interfaceId = editor_->connectToSegment(elementId, segmentId);
                report();
                if (!interfaceId.isEmpty())
                    emit connected(interfaceId, editor_->lastProposedAddress());
            });
    connect(view_, &DiagramView::renameCommitted, this,
            [this](const QString& elementId, const QString& name) {
                editor_->rename(elementId, name);
                report();
            });

    make(QStringLiteral("actionCut"), tr("Cu&t"), QKeySequence::Cut, [this] { cut(); });
    make(QStringLiteral("actionCopy"), tr("&Copy"), QKeySequence::Copy, [this] { copy(); });
    paste_ =
        make(QStringLiteral("actionPaste"), tr("&Paste"), QKeySequence::Paste, [this] { paste(); });
    make(QStringLiteral("actionDuplicate"), tr("D&uplicate"), QKeySequence(tr("Ctrl+D")),
         [this] { duplicate(); });
    make(QStringLiteral("actionDelete"), tr("&Delete"), QKeySequence::Delete, [this] { remove(); });
    make(QStringLiteral("actionRename"), tr("Re&name…"), QKeySequence(Qt::Key_F2),
         [this] { rename(); })
        ->setStatusTip(tr("Rename the selected element (double-click a card or band to "
                          "rename it in place)"));
    make(QStringLiteral("actionSelectAll"), tr("Select &All"), QKeySequence::SelectAll,
         [this] { selectAll(); });
    needSelection_ = {action(QStringLiteral("actionCut")), action(QStringLiteral("actionCopy")),
                      action(QStringLiteral("actionDuplicate")),
                      action(QStringLiteral("actionDelete")),
                      action(QStringLiteral("actionRename"))};

    struct AlignItem {
        const char* name;
        const char* text;
        edit::Alignment alignment;
    };
    const AlignItem aligns[] = {
        {"actionAlignLeft", QT_TR_NOOP("Align &Left Edges"), edit::Alignment::Left},
        {"actionAlignCenter", QT_TR_NOOP("Align &Centres"), edit::Alignment::HorizontalCenter},
        {"actionAlignRight", QT_TR_NOOP("Align &Right Edges"), edit::Alignment::Right},
        {"actionAlignTop", QT_TR_NOOP("Align &Top Edges"), edit::Alignment::Top},
        {"actionAlignMiddle", QT_TR_NOOP("Align &Middles"), edit::Alignment::VerticalCenter},
        {"actionAlignBottom", QT_TR_NOOP("Align &Bottom Edges"), edit::Alignment::Bottom},
    };
    for (const AlignItem& item : aligns) {
        const edit::Alignment alignment = item.alignment;
        needTwo_ << make(QLatin1String(item.name), tr(item.text), {}, [this, alignment] {
            editor_->align(scene_->selectedElementIds(), alignment);
        });
    }
    needThree_ << make(
        QStringLiteral("actionDistributeHorizontally"), tr("Distribute &Horizontally"), {},
        [this] { editor_->distribute(scene_->selectedElementIds(), edit::Axis::Horizontal); });
    needThree_ << make(
        QStringLiteral("actionDistributeVertically"), tr("Distribute &Vertically"), {},
        [this] { editor_->distribute(scene_->selectedElementIds(), edit::Axis::Vertical); });
    snap_ = make(QStringLiteral("actionSnapToGrid"), tr("&Snap to Grid"), {}, [this] {
        editor_->setSnapToGrid(snap_->isChecked());
        view_->setGridStep(snap_->isChecked() ? DiagramEditor::gridStep() : 0);
    });
    snap_->setCheckable(true);
    snap_->setChecked(true);
    snap_->setStatusTip(tr("Dragged elements land on the grid; hold Alt to place them freely"));
    needSelection_ << make(QStringLiteral("actionAutoLayoutSelection"),
                           tr("Auto-layout &Selection"), {}, [this] {
                               editor_->autoLayout(scene_->selectedElementIds());
                               report();
                           });
    make(QStringLiteral("actionAutoLayoutAll"), tr("Auto-layout &Whole Design"),
         QKeySequence(tr("Ctrl+Shift+L")), [this] {
             editor_->autoLayout({});
             report();
         });
    needSelection_ << make(QStringLiteral("actionGroupIntoSite"), tr("&Group into AD Site…"),
                           QKeySequence(tr("Ctrl+G")), [this] { groupIntoSite(); });

    connect(scene_, &QGraphicsScene::selectionChanged, this, &EditActions::updateEnabled);
    connect(document_, &DesignDocument::designReset, this, &EditActions::updateEnabled);
    connect(document_, &DesignDocument::designChanged, this, &EditActions::updateEnabled);
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, &EditActions::updateEnabled);
    updateEnabled();
}

QAction* EditActions::make(const QString& objectName, const QString& text,
                           const QKeySequence& shortcut, const std::function<void()>& run) {
    auto* a = new QAction(text, parentWidget_);
    a->setObjectName(objectName);
    if (!shortcut.isEmpty())
        a->setShortcut(shortcut);
    connect(a, &QAction::triggered, this, run);
    actions_ << a;
    return a;
}

QAction* EditActions::action(const QString& objectName) const {
    for (QAction* a : actions_) {
        if (a->objectName() == objectName)
            return a;
    }
    return nullptr;
}

void EditActions::addEditActions(QMenu* edit) {
    for (const char* name : {"actionCut", "actionCopy", "actionPaste", "actionDuplicate",
                             "actionDelete", "actionRename"})
        edit->addAction(action(QLatin1String(name)));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("actionSelectAll")));
}

void EditActions::fillArrangeMenu(QMenu* arrange) {
    for (QAction* a : needTwo_)
        arrange->addAction(a);
    arrange->addSeparator();
    for (QAction* a : needThree_)
        arrange->addAction(a);
    arrange->addSeparator();
    arrange->addAction(snap_);
    arrange->addSeparator();
    arrange->addAction(action(QStringLiteral("actionAutoLayoutSelection")));
    arrange->addAction(action(QStringLiteral("actionAutoLayoutAll")));
    arrange->addSeparator();
    arrange->addAction(action(QStringLiteral("actionGroupIntoSite")));
}

QList<QAction*> EditActions::canvasActions() const {
    return {action(QStringLiteral("actionCut")),
            action(QStringLiteral("actionCopy")),
            paste_,
            action(QStringLiteral("actionDuplicate")),
            action(QStringLiteral("actionDelete")),
            action(QStringLiteral("actionGroupIntoSite"))};
}

QStringList EditActions::selection() const {
    const QStringList onCanvas = scene_->selectedElementIds();
    if (!onCanvas.isEmpty())
        return onCanvas;
    return fallbackSelection_ ? fallbackSelection_() : QStringList{};
}

void EditActions::updateEnabled() {
    const bool open = document_->hasDesign();
    const bool any = open && !selection().isEmpty();
    const int drawn = static_cast<int>(scene_->selectedElementIds().size());
    for (QAction* a : needSelection_)
        a->setEnabled(any);
    for (QAction* a : needTwo_)
        a->setEnabled(open && drawn >= 2);
    for (QAction* a : needThree_)
        a->setEnabled(open && drawn >= 3);
    paste_->setEnabled(open && DiagramEditor::canPaste(QApplication::clipboard()->mimeData()));
    action(QStringLiteral("actionSelectAll"))->setEnabled(open);
    action(QStringLiteral("actionAutoLayoutAll"))->setEnabled(open);
    // Only Exchange servers have an AD site: a firewall's menu does not offer one.
    bool server = false;
    if (any) {
        for (const QString& id : selection()) {
            const model::Host* host = document_->design().findHost(id.toStdString());
            server = server || (host != nullptr && host->exchange.has_value());
        }
    }
    action(QStringLiteral("actionGroupIntoSite"))->setEnabled(server);
}

void EditActions::report() {
    if (!editor_->lastMessage().isEmpty())
        emit message(editor_->lastMessage());
}

void EditActions::cut() {
    const QStringList ids = selection();
    if (QMimeData* data = editor_->copy(ids)) {
        QApplication::clipboard()->setMimeData(data);
        editor_->removeElements(ids);
        report();
    }
}

void EditActions::copy() {
    const QStringList ids = selection();
    if (QMimeData* data = editor_->copy(ids)) {
        QApplication::clipboard()->setMimeData(data);
        emit message(tr("Copied %n element(s)", nullptr, static_cast<int>(ids.size())));
    }
}

void EditActions::paste() {
    QString error;
    const QStringList added =
        editor_->paste(QApplication::clipboard()->mimeData(), std::nullopt, &error);
    if (!error.isEmpty())
        emit failed(tr("Paste"), error);
    report();
    if (!added.isEmpty())
        view_->reveal(scene_->selectElements(added));
}

void EditActions::duplicate() {
    editor_->duplicate(selection());
    report();
}

void EditActions::remove() {
    editor_->removeElements(selection());
    report();
}

void EditActions::selectAll() {
    for (CardItem* card : scene_->cards())
        card->setSelected(true);
    for (SegmentItem* segment : scene_->segments())
        segment->setSelected(true);
}

void EditActions::rename() {
    const QStringList ids = selection();
    if (ids.size() == 1)
        renameElement(ids.first());
}

void EditActions::renameElement(const QString& elementId) {
    if (!document_->hasDesign() || view_->beginRename(elementId))
        return;
    // Not drawn: the name the element has now, under whichever key holds it.
    const model::Design& design = document_->design();
    QString current;
    for (const char* key : {"name", "alias", "origin"}) {
        if (const auto value = edit::propertyText(design, elementId.toStdString(), key)) {
            current = QString::fromStdString(*value);
            break;
        }
    }
    bool ok = false;
    const QString name = QInputDialog::getText(
        parentWidget_, tr("Rename"),
        tr("New name for %1:")
            .arg(QString::fromStdString(probe::elementLabel(design, elementId.toStdString()))),
        QLineEdit::Normal, current, &ok);
    if (!ok || name.trimmed().isEmpty() || name.trimmed() == current)
        return;
    if (!editor_->rename(elementId, name) && !editor_->lastMessage().isEmpty())
        emit failed(tr("Rename"), editor_->lastMessage());
    report();
}

void EditActions::groupIntoSite() {
    const QStringList ids = selection();
    QStringList sites;
    for (const auto& [site, servers] : edit::sitesOf(document_->design()))
        sites << QString::fromStdString(site);
    bool ok = false;
    const QString site =
        QInputDialog::getItem(parentWidget_, tr("Group into AD Site"),
                              tr("Active Directory site for the selected Exchange servers\n"
                                 "(send connectors are scoped by site, R27):"),
                              sites, 0, true, &ok);
    if (!ok)
        return;
    editor_->groupIntoSite(ids, site);
    report();
}

}  // namespace mailtopo::ui
