#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui::inspector {

IdMaker::IdMaker(const model::Design& design) {
    for (const auto& occurrence : model::collectIds(design))
        taken_.insert(occurrence.id);
}

std::string IdMaker::make(const std::string& base) {
    for (int n = 1;; ++n) {
        std::string id = base;
        id += '-';
        id += std::to_string(n);
        if (taken_.insert(id).second)
            return id;
    }
}

}  // namespace mailtopo::ui::inspector
