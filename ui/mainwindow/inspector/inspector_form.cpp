#include "ui/mainwindow/inspector/inspector_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

#include "core/edit/value_text.h"
#include "core/probe/design_target.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/inspector/wheel_passes_by.h"

namespace mailtopo::ui::inspector {
namespace {

const QString kInvalidStyle = QStringLiteral("background: #fde8e8; border: 1px solid #c62828;");
// Room kept below a part scrolled to: its table's Add button and a row or two of details.
constexpr int kPartMargin = 80;

QString withMark(const QString& label, bool required) {
    return required ? label + QStringLiteral(" *") : label;
}

// "Bindings: '10.0.0.1:0': port 0 …": a refusal says which field it is about.
QString labelled(const QString& label, const QString& why) {
    return why.isEmpty() ? why : label + QStringLiteral(": ") + why;
}

QString flagText(bool on) {
    return on ? QStringLiteral("1") : QStringLiteral("0");
}

}  // namespace

InspectorForm::InspectorForm(DesignDocument* document, const QString& elementId, QWidget* parent)
    : QWidget(parent),
      document_(document),
      elementId_(elementId),
      body_(new QWidget),
      layout_(new QFormLayout),
      problem_(new QLabel(this)) {
    auto* scroll = new QScrollArea(this);
    scroll_ = scroll;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(body_);
    // Labels above their fields once the dock is too narrow for both on one line.
    layout_->setRowWrapPolicy(QFormLayout::WrapLongRows);
    layout_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    outer->addLayout(layout_);
    outer->addStretch(1);
    scroll->setWidget(body_);

    // The reason for refused input stays in sight under the form, however long it is.
    problem_->setObjectName(QStringLiteral("inspectorProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #c62828; padding: 4px;"));
    problem_->hide();
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(scroll, 1);
    column->addWidget(problem_);
}

void InspectorForm::revealPart(const QString& partId, const QString& editText, bool thenTop,
                               const QString& thenField) {
    const QString nicAddresses = QStringLiteral("nic.%1.addresses").arg(partId);
    QWidget* target = editors_.value(nicAddresses);
    TableEditor* table = tables_.value(nicAddresses);
    QString row;  // the part's row in a table of parts; empty: the NIC's own table
    if (target == nullptr) {
        for (TableEditor* candidate : std::as_const(tables_)) {
            if (candidate->chooseRowOf(partId)) {
                target = table = candidate;
                row = partId;
                break;
            }
        }
    }
    if (target == nullptr)
        return;
    // Once laid out: a form just built has no geometry yet, and the change that added the
    // part refreshes the form (a table grows) after this, queued.
    QTimer::singleShot(0, this,
                       [this, target = QPointer<QWidget>(target),
                        table = QPointer<TableEditor>(table), row, editText, thenTop, thenField] {
                           if (target == nullptr)
                               return;
                           QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                           scroll_->ensureWidgetVisible(target, 0, kPartMargin);
                           if (editText.isEmpty() || table == nullptr ||
                               !table->editCellShowing(row, editText) || !thenTop)
                               return;
                           // The address was a step on the way: once it is settled the
                           // form shows the new element's own properties, from the top,
                           // and the caret waits where the user goes on.
                           connect(
                               table, &TableEditor::shownCellClosed, this,
                               [this, thenField] {
                                   QTimer::singleShot(0, this, [this, thenField] {
                                       scrollToTop();
                                       if (!thenField.isEmpty())
                                           focusField(thenField);
                                   });
                               },
                               Qt::SingleShotConnection);
                       });
}

bool InspectorForm::focusField(const QString& key) {
    auto* field = qobject_cast<QLineEdit*>(editors_.value(key.section(QLatin1Char('.'), -1)));
    if (field == nullptr)
        return false;
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    scroll_->ensureWidgetVisible(field);
    field->setFocus(Qt::OtherFocusReason);
    field->selectAll();
    return true;
}

void InspectorForm::scrollToTop() {
    scroll_->verticalScrollBar()->setValue(0);
}

const model::Design& InspectorForm::design() const {
    return document_->design();
}

void InspectorForm::heading(const QString& title) {
    auto* label = new QLabel(title, body_);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 0);
    layout_->addRow(label);
}

void InspectorForm::info(const QString& label, const QString& text) {
    auto* value = new QLabel(text, body_);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout_->addRow(label, value);
}

void InspectorForm::note(const QString& text) {
    auto* label = new QLabel(text, body_);
    label->setWordWrap(true);
    layout_->addRow(label);
}

void InspectorForm::addField(const QString& property, const QString& label, const QString& tip,
                             QWidget* field, const Read& read) {
    field->setObjectName(property);
    field->setToolTip(tip);
    if (label.isEmpty())
        layout_->addRow(field);
    else
        layout_->addRow(label, field);
    if (auto* caption = qobject_cast<QLabel*>(layout_->labelForField(field)))
        caption->setToolTip(tip);
    editors_.insert(property, field);
    if (read)
        readers_.insert(property, read);
}

QLineEdit* InspectorForm::text(const QString& property, const QString& label, const QString& tip,
                               const Read& read, const Write& write, bool required) {
    auto* edit = new QLineEdit(read(design()), body_);
    edit->setCursorPosition(0);  // a long list shows its start, not its end
    addField(property, withMark(label, required), tip, edit, read);
    connect(edit, &QLineEdit::textEdited, this,
            [this, property, label, required, write](const QString& value) {
                // Core's words, as `mailtopo-cli edit --set` says them.
                if (std::string why; required && !edit::checkRequired(value.toStdString(), &why))
                    return refuse(property, labelled(label, QString::fromStdString(why)));
                commit(property, elementId_ + QLatin1Char('/') + property, [&](model::Design& d) {
                    return labelled(label, write(d, value.trimmed()));
                });
            });
    return edit;
}

QPlainTextEdit* InspectorForm::lines(const QString& property, const QString& label,
                                     const QString& tip, const Read& read, const Write& write) {
    auto* edit = new QPlainTextEdit(read(design()), body_);
    edit->setTabChangesFocus(true);
    edit->setMinimumHeight(fontMetrics().height() * 5);
    edit->setMaximumHeight(fontMetrics().height() * 9);
    addField(property, label, tip, edit, read);
    connect(edit, &QPlainTextEdit::textChanged, this, [this, property, label, write, edit] {
        const QString value = edit->toPlainText();
        commit(property, elementId_ + QLatin1Char('/') + property,
               [&](model::Design& d) { return labelled(label, write(d, value)); });
    });
    return edit;
}

QCheckBox* InspectorForm::flag(const QString& property, const QString& label, const QString& tip,
                               const ReadFlag& read, const WriteFlag& write) {
    auto* check = new QCheckBox(label, body_);
    check->setChecked(read(design()));
    addField(property, QString(), tip, check,
             [read](const model::Design& d) { return flagText(read(d)); });
    connect(check, &QCheckBox::toggled, this, [this, property, write](bool on) {
        commit(property, elementId_ + QLatin1Char('/') + property, [&](model::Design& d) {
            write(d, on);
            return QString();
        });
    });
    return check;
}

QPushButton* InspectorForm::button(const QString& property, const QString& text, const QString& tip,
                                   const std::function<QString(model::Design&)>& edit) {
    auto* push = new QPushButton(text, body_);
    push->setToolTip(tip);
    push->setObjectName(property);
    editors_.insert(property, push);
    layout_->addRow(QString(), push);
    connect(push, &QPushButton::clicked, this, [this, property, edit] {
        commit(property, QString(), edit);  // a structural change: its own undo step
    });
    return push;
}

QComboBox* InspectorForm::choice(const QString& property, const QString& label, const QString& tip,
                                 const QList<Choice>& choices, const Read& read,
                                 const Write& write) {
    auto* combo = new QComboBox(body_);
    letWheelPassBy(combo);
    for (const Choice& c : choices)
        combo->addItem(c.label, c.value);
    combo->setCurrentIndex(combo->findData(read(design())));
    addField(property, label, tip, combo, read);
    connect(combo, &QComboBox::activated, this, [this, property, write, combo] {
        const QString value = combo->currentData().toString();
        commit(property, elementId_ + QLatin1Char('/') + property,
               [&](model::Design& d) { return write(d, value); });
    });
    return combo;
}

QWidget* InspectorForm::flags(
    const QString& property, const QString& label, const QString& tip, const QList<Choice>& choices,
    const std::function<bool(const model::Design&, const QString&)>& has,
    const std::function<void(model::Design&, const QString&, bool)>& set) {
    auto* box = new QWidget(body_);
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    addField(property, label, tip, box, nullptr);
    for (int i = 0; i < choices.size(); ++i) {
        const QString value = choices[i].value;
        auto* check = new QCheckBox(choices[i].label, box);
        check->setObjectName(property + QLatin1Char('.') + value);
        check->setToolTip(tip);
        check->setChecked(has(design(), value));
        // One a line: two side by side made the form wider than a docked inspector
        // ("ExchangeLegacyServers" beside "AnonymousUsers"), cutting every field.
        grid->addWidget(check, i, 0);
        editors_.insert(check->objectName(), check);
        readers_.insert(check->objectName(),
                        [has, value](const model::Design& d) { return flagText(has(d, value)); });
        connect(check, &QCheckBox::toggled, this, [this, property, set, value](bool on) {
            commit(property, elementId_ + QLatin1Char('/') + property, [&](model::Design& d) {
                set(d, value, on);
                return QString();
            });
        });
    }
    return box;
}

TableEditor* InspectorForm::table(const QString& property, const QString& label, const QString& tip,
                                  QList<TableColumn> columns, QStringList newRow,
                                  const ReadRows& read, const WriteRows& write) {
    auto* caption = new QLabel(label, body_);
    caption->setToolTip(tip);
    layout_->addRow(caption);
    auto* editor = new TableEditor(property, std::move(columns), std::move(newRow), body_);
    editor->setToolTip(tip);
    layout_->addRow(editor);
    const TableRows rows = read(design());
    editor->setRows(rows);
    tables_.insert(property, editor);
    editors_.insert(property, editor);
    tableBindings_.insert(property, {read, rows});
    connect(editor, &TableEditor::refused, this, [this, property, label](const QString& why) {
        refuse(property, label + QStringLiteral(": ") + why);
    });
    connect(
        editor, &TableEditor::edited, this,
        [this, property, write](const TableRows& edited, int row, int column) {
            // One step per cell edit, and one per added or removed row.
            const QString key =
                row < 0
                    ? QString()
                    : QStringLiteral("%1/%2/%3/%4").arg(elementId_, property).arg(row).arg(column);
            commit(property, key, [&](model::Design& d) { return write(d, edited); });
            // What the table now stands for; a later change to it (undo) reloads the table
            // even when it lands before this edit's own refresh.
            TableBinding& binding = tableBindings_[property];
            binding.loaded = binding.read(design());
            tables_.value(property)->adoptHiddenCells(binding.loaded);
        });
    return editor;
}

QString InspectorForm::problem() const {
    return problem_->text();
}

void InspectorForm::refresh() {
    const model::Design& d = design();
    for (auto it = readers_.cbegin(); it != readers_.cend(); ++it) {
        QWidget* editor = editors_.value(it.key());
        if (editor == nullptr)
            continue;
        const QString value = it.value()(d);
        if (auto* check = qobject_cast<QCheckBox*>(editor)) {
            const QSignalBlocker block(check);
            check->setChecked(value == QLatin1String("1"));
        } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
            const QSignalBlocker block(combo);
            combo->setCurrentIndex(combo->findData(value));
        } else if (editor->hasFocus()) {
            continue;  // never overwrite what the user is typing
        } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
            const QSignalBlocker block(line);
            if (line->text() != value) {
                line->setText(value);
                line->setCursorPosition(0);
                line->setStyleSheet(QString());
            }
        } else if (auto* plain = qobject_cast<QPlainTextEdit*>(editor)) {
            const QSignalBlocker block(plain);
            if (plain->toPlainText() != value) {
                plain->setPlainText(value);
                plain->setStyleSheet(QString());
            }
        }
    }
    // A table is reloaded only when the design's rows changed (an edit landed, undo, redo):
    // a row still being filled in survives edits elsewhere in the form.
    for (auto it = tableBindings_.begin(); it != tableBindings_.end(); ++it) {
        TableEditor* editor = tables_.value(it.key());
        const TableRows fresh = it->read(d);
        if (fresh == it->loaded || editor->isBeingEdited())
            continue;
        editor->setRows(fresh);
        it->loaded = fresh;
    }
}

void InspectorForm::commit(const QString& property, const QString& mergeKey,
                           const std::function<QString(model::Design&)>& edit) {
    model::Design after = design();
    const QString why = edit(after);
    if (!why.isEmpty())
        return refuse(property, why);
    accept(property);
    if (after == design())
        return;
    const QString owner =
        elementId_.isEmpty()
            ? tr("the design")
            : QString::fromStdString(probe::elementLabel(after, elementId_.toStdString()));
    document_->applyChange(tr("Edit %1 of %2").arg(property, owner), std::move(after), mergeKey);
}

void InspectorForm::refuse(const QString& property, const QString& reason) {
    QWidget* editor = editors_.value(property);
    if (editor != nullptr && tables_.value(property) == nullptr)
        editor->setStyleSheet(kInvalidStyle);  // a table marks its own wrong cells
    problem_->setText(reason);
    problem_->show();
}

void InspectorForm::accept(const QString& property) {
    if (QWidget* editor = editors_.value(property); editor && !tables_.contains(property))
        editor->setStyleSheet(QString());
    problem_->clear();
    problem_->hide();
}

}  // namespace mailtopo::ui::inspector
