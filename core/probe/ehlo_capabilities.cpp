#include "core/probe/ehlo_capabilities.h"

#include <algorithm>

namespace mailtopo::probe {
namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        const size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t')
            ++i;
        if (i > start)
            out.emplace_back(text.substr(start, i - start));
    }
    return out;
}

void addOnce(std::vector<std::string>& list, std::string value) {
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(std::move(value));
}

}  // namespace

bool EhloCapabilities::has(std::string_view keyword) const {
    return find(keyword) != nullptr;
}

const EhloExtension* EhloCapabilities::find(std::string_view keyword) const {
    const std::string key = upper(keyword);
    for (const auto& extension : extensions) {
        if (extension.keyword == key)
            return &extension;
    }
    return nullptr;
}

std::vector<std::string> EhloCapabilities::authMechanisms() const {
    std::vector<std::string> out;
    for (const auto& extension : extensions) {
        if (extension.keyword == "AUTH") {
            for (const auto& mechanism : extension.params)
                addOnce(out, upper(mechanism));
        } else if (extension.keyword.starts_with("AUTH=")) {
            addOnce(out, extension.keyword.substr(5));
            for (const auto& mechanism : extension.params)
                addOnce(out, upper(mechanism));
        }
    }
    return out;
}

std::optional<long long> EhloCapabilities::sizeLimit() const {
    const EhloExtension* size = find("SIZE");
    if (!size || size->params.empty())
        return std::nullopt;
    const std::string& digits = size->params.front();
    if (digits.empty() || digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoll(digits);
}

EhloCapabilities parseEhlo(const SmtpReply& reply) {
    EhloCapabilities caps;
    if (reply.lines.empty())
        return caps;
    caps.greeting = reply.lines.front();
    for (size_t i = 1; i < reply.lines.size(); ++i) {
        std::vector<std::string> parts = words(reply.lines[i]);
        if (parts.empty())
            continue;
        EhloExtension extension;
        extension.keyword = upper(parts.front());
        extension.params.assign(parts.begin() + 1, parts.end());
        caps.extensions.push_back(std::move(extension));
    }
    return caps;
}

}  // namespace mailtopo::probe
