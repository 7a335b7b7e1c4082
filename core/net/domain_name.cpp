#include "core/net/domain_name.h"

namespace mailtopo::net {
namespace {

bool isLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

bool isValidDomainName(std::string_view name, bool allowWildcard, bool allowStar,
                       std::string& why) {
    if (name.empty()) {
        why = "it is empty";
        return false;
    }
    if (name == "*") {
        if (allowStar)
            return true;
        why = "'*' alone is not a domain";
        return false;
    }
    if (name.starts_with("*.")) {
        if (!allowWildcard) {
            why = "a wildcard is not allowed here";
            return false;
        }
        name.remove_prefix(2);
    }
    if (name.size() > 253) {
        why = "it is longer than 253 characters";
        return false;
    }
    size_t start = 0;
    while (true) {
        const size_t dot = name.find('.', start);
        const std::string_view label =
            name.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (label.empty()) {
            why = dot == std::string_view::npos && start > 0 ? "it ends with a dot"
                                                             : "it has an empty label";
            return false;
        }
        if (label.size() > 63) {
            why = "label '" + std::string(label.substr(0, 20)) + "…' is longer than 63 characters";
            return false;
        }
        for (char c : label) {
            if (!isLabelChar(c)) {
                why = c == '*' ? "'*' is only allowed as the whole first label"
                               : "label '" + std::string(label) + "' contains '" +
                                     std::string(1, c) + "'";
                return false;
            }
        }
        if (label.front() == '-' || label.back() == '-') {
            why = "label '" + std::string(label) + "' begins or ends with a hyphen";
            return false;
        }
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

}  // namespace mailtopo::net
