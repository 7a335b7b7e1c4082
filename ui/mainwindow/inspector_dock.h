#pragma once
// The "Inspector" dock: the properties of the element chosen on the canvas or in the design
// tree, edited in typed fields and tables (ui/mainwindow/inspector/). Hosts with their NICs,
// receive and send connectors, load balancers, firewalls, routers, segments, DNS zones and
// flows are editable; views are named only. Every edit is an undoable
// change of the document; typing in one field is one step. Input that does not parse is
// shown in red with the reason and is not applied.

#include <QDockWidget>
#include <QString>

namespace mailtopo::ui {

class DesignDocument;

namespace inspector {
class InspectorForm;
class TableEditor;
}  // namespace inspector

class InspectorDock : public QDockWidget {
    Q_OBJECT

public:
    explicit InspectorDock(DesignDocument* document, QWidget* parent = nullptr);

    // Shows `elementId`; empty shows nothing.
    void inspect(const QString& elementId);
    // Scrolls the form to a part of the element it shows (a NIC's addresses, the row of a
    // NAT rule, a VIP or an accepted domain), chosen; kept when the form is rebuilt.
    void showPart(const QString& partId);
    // As showPart(), and starts editing the part's cell that shows `text` (an address);
    // with `thenTop` the form goes back to its top once that cell is closed (a new element).
    void editPartCell(const QString& partId, const QString& text, bool thenTop = false,
                      const QString& thenField = QString());
    // The caret in the field of `key` (as `edit --set` spells it), text selected.
    void focusField(const QString& key);
    QString elementId() const { return elementId_; }
    // Whether the element has a form of its own here (a NIC, a VIP or an accepted domain is
    // edited in its holder's).
    bool canEdit(const QString& elementId) const;

    // The editor of a property ("name", "bindings", "nic.<id>.addresses" …), for tests.
    QWidget* editor(const QString& property) const;
    // The table editing a list property ("vips", "rules", "nic.<id>.addresses" …).
    inspector::TableEditor* table(const QString& property) const;
    QString problem() const;  // the last input refused, with its reason; empty when none

private:
    void rebuild();

    DesignDocument* document_;
    QString elementId_;
    QString shape_;  // formShape() of the form shown
    QString part_;   // the part showPart() asked for, shown again after a rebuild
    inspector::InspectorForm* form_ = nullptr;
};

}  // namespace mailtopo::ui
