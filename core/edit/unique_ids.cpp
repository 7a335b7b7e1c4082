#include "core/edit/unique_ids.h"

#include <cctype>

#include "core/sim/receive_connectors.h"

namespace mailtopo::edit {

std::string asciiLower(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

UniqueIds::UniqueIds(const model::Design& design) {
    for (const auto& occurrence : model::collectIds(design))
        ids_.insert(occurrence.id);
    // The ids of the default connectors the simulator adds (R18) are taken too, so that
    // making them explicit later keeps every reference to them.
    for (const auto& h : design.hosts) {
        if (h.exchange && h.exchange->implicitDefaultConnectors)
            for (const auto& implicit : sim::defaultReceiveConnectors(h))
                ids_.insert(implicit.id);
    }
    const auto name = [this](const std::string& n) { lowerNames_.insert(asciiLower(n)); };
    for (const auto& h : design.hosts)
        name(h.name);
    for (const auto& s : design.segments)
        name(s.name);
    for (const auto& r : design.routers)
        name(r.name);
    for (const auto& lb : design.loadBalancers)
        name(lb.name);
    for (const auto& fw : design.firewalls)
        name(fw.name);
}

std::string UniqueIds::id(const std::string& base) {
    std::string candidate = base.empty() ? std::string("element") : base;
    for (int n = 2; ids_.count(candidate); ++n)
        candidate = base + "-" + std::to_string(n);
    ids_.insert(candidate);
    return candidate;
}

std::string UniqueIds::numberedName(const std::string& prefix) {
    for (int n = 1;; ++n) {
        std::string candidate = prefix + (n < 10 ? "0" : "") + std::to_string(n);
        if (lowerNames_.insert(asciiLower(candidate)).second)
            return candidate;
    }
}

std::string UniqueIds::hostName(const std::string& name) {
    std::string candidate = name;
    for (int n = 2; lowerNames_.count(asciiLower(candidate)); ++n)
        candidate = name + "-" + std::to_string(n);
    lowerNames_.insert(asciiLower(candidate));
    return candidate;
}

}  // namespace mailtopo::edit
