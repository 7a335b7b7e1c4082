#pragma once
// The context menus of the canvas and the design tree: what can be added to the element
// under the pointer (core's kindsAddableTo, with a submenu of templates where a kind has
// several), which segment to connect it to, rename, delete, trace; on a segment, which
// hosts and devices to connect to it; on the empty canvas, the palette placed at the
// click and the design's own kinds (send connectors, accepted domains, flows). Menus are
// built when asked, from the design as it is then. Each entry is one editor call (one
// undoable step); what needs the window (the trace form, the Traces dock) is asked by
// signal.

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <optional>

class QMenu;

namespace mailtopo::edit {
struct SubElementKind;
struct SubElementRequest;
}  // namespace mailtopo::edit

namespace mailtopo::ui {

class DesignDocument;
class EditActions;

class ElementMenus : public QObject {
    Q_OBJECT

public:
    ElementMenus(DesignDocument* document, EditActions* edits, QWidget* dialogParent);

    // The parts of the menus, each added to `into`:
    // "Add ▸" for `parentId` (an element, or edit::kDesignId / kOrganizationId); nothing
    // when nothing can be added there.
    void addAddMenu(QMenu* into, const QString& parentId, const QString& title);
    // One kind's entry: "Label ▸ templates", or "Label" (one template), or "Label…" when
    // the new element is named by a value worth typing (an accepted domain, an address).
    void addKindEntry(QMenu* into, const edit::SubElementKind& kind, const QString& parentId,
                      const QString& text = QString());
    // "Connect to Segment ▸" every segment, for a host, a device or an interface.
    void addConnectMenu(QMenu* into, const QString& elementId);
    // "Connect Here ▸" the hosts and devices with no interface on `segmentId`.
    void addConnectHereMenu(QMenu* into, const QString& segmentId);
    // "Add Element ▸" the palette by group; drawn elements land at `scenePos`.
    void addPaletteMenu(QMenu* into, const QPointF& scenePos);
    // R18: the inspector's "Make default connectors explicit", for a server whose default
    // receive connectors are still implicit.
    void addMakeDefaultsExplicit(QMenu* into, const QString& elementId);

    // Whole menus.
    void fillCardMenu(QMenu* menu, const QString& elementId);
    void fillSegmentMenu(QMenu* menu, const QString& segmentId);
    void fillCanvasMenu(QMenu* menu, const QPointF& scenePos);
    // A design tree row: an element's (`elementId`), else a category's (DesignTreeDock's
    // kCategoryRole key).
    void fillTreeMenu(QMenu* menu, const QString& elementId, const QString& category);

signals:
    // Something was added (or connected): the window selects, reveals and inspects it.
    void added(const QString& elementId);
    void message(const QString& text);
    // The trace form, empty or from a host ("Trace from here…", "New Flow…").
    void traceRequested(const QString& sourceHostId);
    // Play a design flow in the Traces dock.
    void playFlowRequested(const QString& flowId);

private:
    static edit::SubElementRequest request(const QString& kind, const QString& templateKey,
                                           const QString& parentId, const QString& name);
    void addSubElement(const QString& kind, const QString& templateKey, const QString& parentId,
                       const QString& name = QString());
    // Asks for the value a kind's new element is named by (empty: core's default);
    // nullopt when cancelled.
    std::optional<QString> askValue(const edit::SubElementKind& kind);
    void addRenameDelete(QMenu* menu, const QString& elementId);
    void report(const QString& id);

    DesignDocument* document_;
    EditActions* edits_;
    QWidget* dialogParent_;
};

}  // namespace mailtopo::ui
