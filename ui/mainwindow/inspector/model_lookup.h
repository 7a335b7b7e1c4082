#pragma once
// Finds the element an editor is bound to in a design, const or not, by its id: editors
// bind their fields with `[id](auto& d) { return byId(d.firewalls, id); }` and so never
// keep a pointer into a design that undo may replace.

#include <QString>
#include <string>

namespace mailtopo::ui::inspector {

template <class List>
auto byId(List& list, const std::string& id) -> decltype(&*list.begin()) {
    for (auto& element : list)
        if (element.id == id)
            return &element;
    return nullptr;
}

template <class List>
auto byId(List& list, const QString& id) {
    return byId(list, id.toStdString());
}

}  // namespace mailtopo::ui::inspector

#include <set>

#include "core/model/design.h"

namespace mailtopo::ui::inspector {

// New ids for rows added in a table ("fw-edge-rule-3"), unique across the whole design as
// every id must be, including those handed out earlier by the same maker.
class IdMaker {
public:
    explicit IdMaker(const model::Design& design);
    std::string make(const std::string& base);

private:
    std::set<std::string> taken_;
};

}  // namespace mailtopo::ui::inspector
