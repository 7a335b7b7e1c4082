#include "core/edit/property_text.h"
#include "core/util/text_join.h"

namespace mailtopo::edit::property {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

}  // namespace

bool readBool(std::string_view text, bool& out, std::string* problem) {
    const std::string word = lower(trimmedText(text));
    if (word == "true" || word == "yes" || word == "1") {
        out = true;
        return true;
    }
    if (word == "false" || word == "no" || word == "0") {
        out = false;
        return true;
    }
    if (problem != nullptr)
        *problem = cat("'", trimmedText(text), "' is not true or false (nor yes/no, 1/0)");
    return false;
}

bool readAssignments(std::string_view text, std::vector<model::IpAssignment>& inout,
                     std::string* problem) {
    std::vector<model::IpAssignment> out;
    for (const std::string& entry : listEntries(text)) {
        // "10.0.0.5/24" or "10.0.0.5/24 skip".
        const size_t space = entry.find_first_of(" \t");
        const std::string_view prefixText = std::string_view(entry).substr(0, space);
        const std::string_view marker = space == std::string::npos
                                            ? std::string_view()
                                            : trimmedText(std::string_view(entry).substr(space));
        if (!marker.empty() && lower(marker) != "skip") {
            if (problem != nullptr)
                *problem =
                    cat("'", entry,
                        "': expected IP/PREFIX, optionally followed by 'skip' (SkipAsSource)");
            return false;
        }
        const auto prefix = parsePrefix(prefixText, problem);
        if (!prefix)
            return false;
        model::IpAssignment assignment;
        for (const auto& old : inout)
            if (old.address == prefix->address())
                assignment.origin = old.origin;
        assignment.address = prefix->address();
        assignment.prefixLength = prefix->length();
        assignment.skipAsSource = !marker.empty();
        out.push_back(assignment);
    }
    inout = std::move(out);
    return true;
}

}  // namespace mailtopo::edit::property
