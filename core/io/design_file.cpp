#include "core/io/design_file.h"

namespace mailtopo::io {

ParsedDesign loadDesignFile(const std::filesystem::path& path) {
    const std::string name = shownPath(path);
    std::string text;
    std::string error;
    if (!readDesignText(path, &text, &error)) {
        ParsedDesign result;
        result.diagnostics.push_back({name, 0, 0, {}, std::move(error)});
        return result;
    }
    return parseDesign(text, name);
}

SaveResult saveDesignFile(const model::Design& design, const std::filesystem::path& path) {
    return writeFileAtomically(path, serializeDesign(design));
}

}  // namespace mailtopo::io
