#pragma once
// The inspector's form for one element: typed fields and tables laid out in a narrow
// column, each bound to the design through a reader (model → text) and a writer (text →
// model, or the reason it cannot be). The form owns the editing rules every field shares:
// an edit is applied to a copy of the design as one undoable change (typing in one field
// merges into one step); input a writer refuses turns the field red, the reason shows under
// the form and the design is left alone; refresh() follows undo and redo without touching
// the field being typed in or a table row still being filled in.
//
// Element editors (host_editor.cpp, load_balancer_editor.cpp …) only declare fields.

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>
#include <functional>

#include "core/model/design.h"
#include "ui/mainwindow/inspector/table_editor.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;

namespace mailtopo::ui {
class DesignDocument;
}

namespace mailtopo::ui::inspector {

class InspectorForm : public QWidget {
    Q_OBJECT

public:
    using Read = std::function<QString(const model::Design&)>;
    // Applies the text to the design; returns why it cannot (the design copy is dropped).
    using Write = std::function<QString(model::Design&, const QString&)>;
    using ReadFlag = std::function<bool(const model::Design&)>;
    using WriteFlag = std::function<void(model::Design&, bool)>;
    using ReadRows = std::function<TableRows(const model::Design&)>;
    using WriteRows = std::function<QString(model::Design&, const TableRows&)>;

    InspectorForm(DesignDocument* document, const QString& elementId, QWidget* parent = nullptr);

    const model::Design& design() const;
    const QString& elementId() const { return elementId_; }

    // ---- layout ----
    void heading(const QString& title);                    // a section title
    void info(const QString& label, const QString& text);  // read-only
    void note(const QString& text);                        // a wrapped hint

    // ---- fields; `property` names the editor for editor() and the undo step ----
    QLineEdit* text(const QString& property, const QString& label, const QString& tip,
                    const Read& read, const Write& write, bool required = false);
    // Several lines (one entry a line); `write` gets the whole text.
    QPlainTextEdit* lines(const QString& property, const QString& label, const QString& tip,
                          const Read& read, const Write& write);
    QCheckBox* flag(const QString& property, const QString& label, const QString& tip,
                    const ReadFlag& read, const WriteFlag& write);
    QComboBox* choice(const QString& property, const QString& label, const QString& tip,
                      const QList<Choice>& choices, const Read& read, const Write& write);
    // One check box per choice (a flag set, a list of servers), named property.value.
    QWidget* flags(const QString& property, const QString& label, const QString& tip,
                   const QList<Choice>& choices,
                   const std::function<bool(const model::Design&, const QString&)>& has,
                   const std::function<void(model::Design&, const QString&, bool)>& set);
    // A push button that makes one undoable change (add or remove a part of the element);
    // `edit` returns why it cannot, and then nothing changes.
    QPushButton* button(const QString& property, const QString& text, const QString& tip,
                        const std::function<QString(model::Design&)>& edit);
    // A table spanning the form's width under its label.
    TableEditor* table(const QString& property, const QString& label, const QString& tip,
                       QList<TableColumn> columns, QStringList newRow, const ReadRows& read,
                       const WriteRows& write);

    // ---- for the dock and tests ----
    QWidget* editor(const QString& property) const { return editors_.value(property); }
    TableEditor* tableEditor(const QString& property) const { return tables_.value(property); }
    QString problem() const;
    void refresh();  // values from the document, except where the user is mid-edit
    // Scrolls to a part of the element: a NIC's addresses, or the row of a table listing
    // `partId` (a NAT rule, a VIP, a rule, an accepted domain), chosen. With `editText`,
    // starts editing the part's cell that shows it and, with `thenTop`, shows the form from
    // its top again once that cell is closed, the caret in `thenField` when one is named.
    void revealPart(const QString& partId, const QString& editText = QString(),
                    bool thenTop = false, const QString& thenField = QString());
    // Puts the caret in the text field of `key`, its text selected to be typed over, in
    // sight. `key` as the file format and `edit --set` spell it ("smtp.mailFrom"): the form
    // names a field by its last part. False when the form has no such text field.
    bool focusField(const QString& key);

private:
    void scrollToTop();
    struct TableBinding {
        ReadRows read;
        TableRows loaded;  // what the table last showed of the design
    };

    void addField(const QString& property, const QString& label, const QString& tip, QWidget* field,
                  const Read& read);
    // Applies `edit` to a copy of the design as one undoable change; `edit` returns why it
    // cannot, and then nothing changes.
    void commit(const QString& property, const QString& mergeKey,
                const std::function<QString(model::Design&)>& edit);
    void refuse(const QString& property, const QString& reason);
    void accept(const QString& property);

    DesignDocument* document_;
    QString elementId_;
    QScrollArea* scroll_ = nullptr;
    QWidget* body_;
    QFormLayout* layout_;
    QLabel* problem_;
    QHash<QString, QWidget*> editors_;
    QHash<QString, Read> readers_;
    QHash<QString, TableEditor*> tables_;
    QHash<QString, TableBinding> tableBindings_;
};

// Readers and writers bound to one element found with `at(design)` (const or not), so an
// editor says only what it reads and writes: readVia(at, [](const T& e) { … }).
template <class At, class Get>
InspectorForm::Read readVia(At at, Get get) {
    return [at, get](const model::Design& d) -> QString {
        const auto* e = at(d);
        return e != nullptr ? get(*e) : QString();
    };
}

template <class At, class Set>
InspectorForm::Write writeVia(At at, Set set) {
    return [at, set](model::Design& d, const QString& value) -> QString {
        auto* e = at(d);
        return e != nullptr ? set(*e, value) : QObject::tr("The element is no longer there.");
    };
}

template <class At, class Get>
InspectorForm::ReadFlag readFlagVia(At at, Get get) {
    return [at, get](const model::Design& d) {
        const auto* e = at(d);
        return e != nullptr && get(*e);
    };
}

template <class At, class Set>
InspectorForm::WriteFlag writeFlagVia(At at, Set set) {
    return [at, set](model::Design& d, bool on) {
        if (auto* e = at(d))
            set(*e, on);
    };
}

template <class At, class Get>
InspectorForm::ReadRows readRowsVia(At at, Get get) {
    return [at, get](const model::Design& d) {
        const auto* e = at(d);
        return e != nullptr ? get(*e) : TableRows();
    };
}

template <class At, class Set>
InspectorForm::WriteRows writeRowsVia(At at, Set set) {
    return [at, set](model::Design& d, const TableRows& rows) -> QString {
        auto* e = at(d);
        return e != nullptr ? set(*e, rows) : QObject::tr("The element is no longer there.");
    };
}

}  // namespace mailtopo::ui::inspector
