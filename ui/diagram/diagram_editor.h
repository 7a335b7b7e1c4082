#pragma once
// Turns what the architect does on the canvas into changes of the design: add from the
// palette, move, delete, duplicate, cut/copy/paste, align and distribute, group into an AD
// site, auto-layout; and what goes inside and between the drawn elements: add a
// sub-element (a receive connector from a template, a NIC, a send connector, a flow),
// connect an element to a segment, rename. Each is one undoable
// DesignDocument::applyChange; the change itself is made by core/edit (the same code the
// CLI's `edit` command runs), this class only knows where things are drawn.
//
// The first change to a drawing that is not fully placed (a design without views, or
// elements added without a position) "pins" it: every card and segment gets a placement
// at the spot it is drawn, so nothing else jumps when one element moves.

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <optional>

#include "core/edit/arrange.h"
#include "core/edit/sub_elements.h"
#include "core/model/design.h"

class QMimeData;

namespace mailtopo::ui {

class DesignDocument;
class DiagramScene;

class DiagramEditor : public QObject {
    Q_OBJECT

public:
    DiagramEditor(DesignDocument* document, DiagramScene* scene, QObject* parent = nullptr);

    // Snap new positions to the canvas grid (the View menu's toggle; Alt bypasses it while
    // dragging).
    void setSnapToGrid(bool on) { snap_ = on; }
    bool snapToGrid() const { return snap_; }
    static qreal gridStep();
    QPointF snapped(const QPointF& scenePos) const;

    // Adds a palette element (core/edit/element_palette keys); drawn elements go to
    // `scenePos` (top-left, snapped) or, without one, below the drawing. Selects it and
    // returns its id; empty when the key is unknown or no design is open.
    QString addElement(const QString& paletteKey, std::optional<QPointF> scenePos = std::nullopt);
    // As addElement, and puts the new element on segment `segmentId` in the same step (a
    // palette entry dropped on a band). lastConnectedInterface() and lastProposedAddress()
    // tell what the connection made; when it is refused the element is added alone.
    QString addElementOn(const QString& paletteKey, std::optional<QPointF> scenePos,
                         const QString& segmentId);
    QString lastConnectedInterface() const { return connectedInterface_; }

    // Moves cards and segments to these top-left corners (scene coordinates): one step.
    bool moveElements(const QHash<QString, QPointF>& topLefts);

    // Removes the elements and what depends on them (core's removeElements): one step.
    // Returns how many elements went, dependants included.
    int removeElements(const QStringList& elementIds);

    QStringList duplicate(const QStringList& elementIds);

    // The clipboard form of these elements: a .mailtopo fragment under its own MIME type and
    // as plain text. nullptr when nothing is copyable. The caller owns it.
    QMimeData* copy(const QStringList& elementIds) const;
    // Pastes a fragment (or any .mailtopo text) from `data`. With `at`, the fragment's
    // top-left lands there; without, it is offset from where it was copied. Returns the new
    // elements' ids; on failure `error` says why (with line and column).
    QStringList paste(const QMimeData* data, std::optional<QPointF> at, QString* error);
    static bool canPaste(const QMimeData* data);

    bool align(const QStringList& elementIds, edit::Alignment alignment);
    bool distribute(const QStringList& elementIds, edit::Axis axis);
    // Puts the Exchange servers among `elementIds` into AD site `site`; returns how many.
    int groupIntoSite(const QStringList& elementIds, const QString& site);
    // Graphviz layout of these elements (empty: the whole design) from where they were.
    bool autoLayout(const QStringList& elementIds);

    // Adds one sub-element (core's addSubElement): one step. Returns the new element's id
    // (for one without an id of its own, its holder's) and selects what shows it; empty
    // when nothing was added, lastMessage() saying why.
    QString addSubElement(const edit::SubElementRequest& request);
    // Adds several sub-elements (the DNS records of a zone snippet) as one step; when one
    // is refused nothing is added. Returns what addSubElement does for the last.
    QString addSubElements(const std::vector<edit::SubElementRequest>& requests);
    // Adds a flow built elsewhere (the trace form, a drag from host to host): one step.
    // Returns its id; empty on failure.
    QString addFlow(const model::Flow& flow);
    // A flow from host `fromHostId` to host or VIP `toId` (a host dragged onto another):
    // one step. Returns its id; empty when either end is not such an element.
    QString addFlowBetween(const QString& fromHostId, const QString& toId);
    // Puts `elementId` (a NIC or device interface, or a host or device: a free interface of
    // it, else a new one) on segment `segmentId` with the next free address: one step.
    // Returns the interface's id; empty on failure.
    QString connectToSegment(const QString& elementId, const QString& segmentId);
    // Whether connectToSegment would connect, without doing it, for the drag's hint; `text`
    // says what it would give ("with 10.0.1.12 (a new interface, EX01 NIC Ethernet2)") or
    // why it cannot.
    bool connectPreview(const QString& elementId, const QString& segmentId, QString* text) const;
    // Renames any element (its name, alias or origin, as core decides): one step. False when
    // the name is refused or unchanged.
    bool rename(const QString& elementId, const QString& name);

    // The message of the last change that did nothing or failed, for the status bar.
    QString lastMessage() const { return message_; }
    // The address the last connect (connectToSegment(), a drop on a band) proposed for the
    // interface, or the last addSubElement() chose for the new part (a VIP's, a NAT rule's
    // public one); empty: none.
    QString lastProposedAddress() const { return proposed_; }

private:
    // A copy of the design with the drawn positions pinned on the active view; returns the
    // view's id in `viewId`.
    model::Design pinnedCopy(std::string* viewId) const;
    // The top-left corner and size of each drawn element, as the layout functions see them.
    std::vector<edit::Box> boxesOf(const QStringList& elementIds) const;
    void apply(const QString& description, model::Design after, const QStringList& select);

    DesignDocument* document_;
    DiagramScene* scene_;
    bool snap_ = true;
    int pasteCount_ = 0;  // successive pastes of one copy cascade instead of stacking
    QString lastCopied_;
    QString message_;
    QString proposed_;
    QString connectedInterface_;
};

}  // namespace mailtopo::ui
