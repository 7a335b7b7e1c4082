#include "core/io/diagnostic.h"

namespace mailtopo::io {

std::string Diagnostic::toString() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line) + ':' + std::to_string(column);
    }
    out += ": ";
    if (!pointer.empty())
        out += pointer + ": ";
    out += message;
    return out;
}

}  // namespace mailtopo::io
