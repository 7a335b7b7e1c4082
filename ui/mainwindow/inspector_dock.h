#pragma once
// The "Inspector" dock: the properties of the element chosen on the canvas or in the design
// tree, edited in typed fields. Hosts: name, FQDN, site, description. Receive connectors:
// name, enabled, bindings and RemoteIPRanges (checked as you type with core's parsers, one
// per line for ranges), permission groups and authentication as check boxes. Every edit is
// an undoable change of the document; typing in one field is one step. Input that does not
// parse is shown in red with the reason and is not applied. Other kinds show their
// properties read-only.

#include <QDockWidget>
#include <QHash>
#include <QString>
#include <functional>

#include "core/model/design.h"

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QWidget;

namespace mailtopo::ui {

class DesignDocument;

class InspectorDock : public QDockWidget {
    Q_OBJECT

public:
    explicit InspectorDock(DesignDocument* document, QWidget* parent = nullptr);

    // Shows `elementId` (a host, a receive connector, or any other element read-only);
    // empty shows nothing.
    void inspect(const QString& elementId);
    QString elementId() const { return elementId_; }

    // The editor of a property ("name", "fqdn", "bindings", "remoteIpRanges" …), for tests.
    QWidget* editor(const QString& property) const { return editors_.value(property); }
    QString problem() const;  // the last input refused, with its reason; empty when none

private:
    void rebuild();
    void refresh();  // values from the document, except in the field being typed in
    // Applies `edit` to a copy of the design as one undoable change (merged per property).
    void commit(const QString& property, const std::function<bool(model::Design&)>& edit);
    void refuse(const QString& property, const QString& reason);
    void accept(const QString& property);

    void buildHost(const model::Host& host);
    void buildReceiveConnector(const model::ReceiveConnector& connector);
    void buildReadOnly(const QString& kind, const QStringList& lines);
    QLineEdit* addText(const QString& property, const QString& label, const QString& value,
                       bool required,
                       const std::function<void(model::Design&, const QString&)>& apply);

    DesignDocument* document_;
    QString elementId_;
    QWidget* form_ = nullptr;
    QFormLayout* layout_ = nullptr;
    QLabel* problem_;
    QHash<QString, QWidget*> editors_;
    QHash<QString, std::function<QString(const model::Design&)>> readers_;
};

}  // namespace mailtopo::ui
