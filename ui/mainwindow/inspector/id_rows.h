#pragma once
// Writing back a table whose rows are elements with ids (VIPs, rules, NAT, interfaces): the
// hidden first column holds the id, so a row keeps its element, with every field the table
// does not show, and a row just added gets a fresh id unique in the design.

#include <string>
#include <vector>

#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui::inspector {

// Replaces `list` by the table's rows: `fill(element, row)` sets what the row shows; `base`
// seeds new ids ("fw-edge-rule").
template <class T, class Fill>
void rebuildWithIds(std::vector<T>& list, const TableRows& rows, IdMaker& ids,
                    const std::string& base, Fill fill) {
    std::vector<T> out;
    for (const QStringList& row : rows) {
        T element;
        if (const T* old = byId(list, row.value(0).toStdString()))
            element = *old;
        else
            element.id = ids.make(base);
        fill(element, row);
        out.push_back(std::move(element));
    }
    list = std::move(out);
}

// The same as a table writer for the list `list` of the element `at` finds.
template <class At, class Owner, class T, class Fill>
InspectorForm::WriteRows writeIdRowsVia(At at, std::vector<T> Owner::*list, std::string base,
                                        Fill fill) {
    return [at, list, base, fill](model::Design& d, const TableRows& rows) -> QString {
        IdMaker ids(d);
        Owner* owner = at(d);
        if (owner == nullptr)
            return QObject::tr("The element is no longer there.");
        rebuildWithIds(owner->*list, rows, ids, base, fill);
        return QString();
    };
}

}  // namespace mailtopo::ui::inspector
