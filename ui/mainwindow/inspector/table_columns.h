#pragma once
// The kinds of column the inspector's tables are made of, each checking its cells with
// core's parsers (field_parsers.h) so every table refuses the same input the same way.

#include <QList>
#include <QString>
#include <functional>

#include "ui/mainwindow/inspector/table_editor.h"

namespace mailtopo::ui::inspector::columns {

TableColumn text(const QString& header, const QString& tip, bool required);
TableColumn address(const QString& header, const QString& tip, bool required);
TableColumn port(const QString& header, const QString& tip);
TableColumn number(const QString& header, const QString& tip, unsigned max);
// A prefix length checked against the family of the address in column `addressColumn`.
TableColumn prefixLength(const QString& header, const QString& tip, int addressColumn);
TableColumn addressList(const QString& header, const QString& tip);  // "a, b"
TableColumn rangeList(const QString& header, const QString& tip);    // RemoteIPRanges forms
TableColumn prefixList(const QString& header, const QString& tip);   // "10.0.0.5/24, …"
TableColumn portList(const QString& header, const QString& tip);     // "25, 587"
TableColumn domain(const QString& header, const QString& tip, bool wildcard, bool star);
TableColumn check(const QString& header, const QString& tip);
TableColumn choice(const QString& header, const QString& tip, const QList<Choice>& choices);
// Choices read when needed, from the design as it is then.
TableColumn choice(const QString& header, const QString& tip,
                   const std::function<QList<Choice>()>& choices);
// A text column checked by `check` (empty when the cell is valid).
TableColumn custom(const QString& header, const QString& tip,
                   std::function<QString(const QString&, const QStringList&)> check);
TableColumn hiddenId();
// `column` edited under the table for the chosen row (TableColumn::detail).
TableColumn detailed(TableColumn column);  // the row's element id; empty for a row just added

}  // namespace mailtopo::ui::inspector::columns
