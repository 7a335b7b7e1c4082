#pragma once
// A problem found in an input file, located precisely enough to jump to it in an editor:
// "designs/acme.mailtopo:42:17: /hosts/3/nics/0/addresses/1/address: '10.0.0.300' is not …".

#include <string>
#include <vector>

namespace mailtopo::io {

struct Diagnostic {
    std::string file;     // as the user named it; may be empty for in-memory text
    int line = 0;         // 1-based; 0 when unknown
    int column = 0;       // 1-based, in bytes; 0 when unknown
    std::string pointer;  // JSON pointer of the offending value, when there is one
    std::string message;

    std::string toString() const;  // file:line:column: [pointer: ]message
    bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace mailtopo::io
