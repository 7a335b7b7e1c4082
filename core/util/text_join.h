#pragma once
// Joins pieces of text by appending. GCC 12 in Release warns falsely (-Wrestrict) on
// "literal" + std::string&& and on (cond ? "" : ",") + std::string, so messages are built
// with this instead.

#include <string>
#include <string_view>

namespace mailtopo {

template <class... Parts>
std::string cat(const Parts&... parts) {
    std::string out;
    (out.append(std::string_view(parts)), ...);
    return out;
}

}  // namespace mailtopo
