#include "core/io/powershell/element_ids.h"

#include "core/io/powershell/record_reading.h"

namespace mailtopo::io::powershell::detail {

std::string slug(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool dash = false;
    for (char c : text) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty())
                out += '-';
            out += c;
            dash = false;
        } else {
            dash = true;
        }
    }
    return out.empty() ? "x" : out;
}

std::string withoutServerSuffix(std::string_view name, std::string_view server) {
    name = trim(name);
    if (server.empty() || name.size() <= server.size() + 1)
        return std::string(name);
    const std::string_view tail = name.substr(name.size() - server.size());
    const char before = name[name.size() - server.size() - 1];
    if (equalsIgnoreCase(tail, server) && (before == ' ' || before == '-' || before == '_'))
        return std::string(trim(name.substr(0, name.size() - server.size() - 1)));
    return std::string(name);
}

IdMaker::IdMaker(const model::Design& design) {
    for (const auto& occurrence : model::collectIds(design))
        used_.insert(occurrence.id);
}

std::string IdMaker::make(std::string_view base) {
    std::string id(base);
    for (int n = 2; used_.count(id) > 0; ++n)
        id = std::string(base) + "-" + std::to_string(n);
    used_.insert(id);
    return id;
}

}  // namespace mailtopo::io::powershell::detail
