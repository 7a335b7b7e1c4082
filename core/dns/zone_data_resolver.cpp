#include "core/dns/zone_data_resolver.h"

#include <algorithm>

#include "core/dns/dns_name.h"
#include "core/dns/zone_import.h"

namespace mailtopo::dns {

ZoneDataResolver::Node& ZoneDataResolver::node(std::string_view name) {
    return nodes_[normalizeName(name)];
}

void ZoneDataResolver::add(DnsRecord record) {
    Node& n = node(record.name);
    auto it = std::find_if(n.answers.begin(), n.answers.end(),
                           [&](const auto& a) { return a.first == record.type; });
    if (it == n.answers.end())
        it = n.answers.insert(n.answers.end(), {record.type, DnsAnswer{}});
    it->second.records.push_back(record);
    n.records.push_back(std::move(record));
    ++recordCount_;
}

namespace {

// Lower case, no trailing dot: the form names are stored in.
bool isNormalName(std::string_view name) {
    return (name.empty() || name.back() != '.') &&
           std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

const DnsAnswer* ZoneDataResolver::lendAnswer(std::string_view name, RRType type) {
    const auto it = isNormalName(name) ? nodes_.find(name) : nodes_.find(normalizeName(name));
    if (it == nodes_.end())
        return nullptr;
    for (const auto& [answerType, answer] : it->second.answers)
        if (answerType == type)
            return &answer;
    return nullptr;  // an alias, NODATA or a timeout: resolve() builds those
}

void ZoneDataResolver::add(const std::vector<DnsRecord>& records) {
    for (const auto& r : records)
        add(r);
}

void ZoneDataResolver::addName(std::string_view name) {
    node(name);
}

void ZoneDataResolver::addTimeout(std::string_view name, std::optional<RRType> type) {
    Node& n = node(name);
    if (type) {
        n.timeoutTypes.push_back(*type);
    } else {
        n.timeoutAll = true;
    }
}

DnsAnswer ZoneDataResolver::resolve(std::string_view name, RRType type) {
    DnsAnswer answer;
    std::string key = normalizeName(name);
    std::vector<std::string> visited;
    for (int hop = 0;; ++hop) {
        const auto it = nodes_.find(key);
        if (it == nodes_.end()) {
            answer.rcode = Rcode::NxDomain;
            return answer;
        }
        const Node& n = it->second;
        const DnsRecord* cname = nullptr;
        bool found = false;
        for (const auto& r : n.records) {
            if (r.type == type) {
                answer.records.push_back(r);
                found = true;
            } else if (r.type == RRType::CNAME) {
                cname = &r;
            }
        }
        if (found)
            return answer;
        const bool timesOut =
            n.timeoutAll ||
            std::find(n.timeoutTypes.begin(), n.timeoutTypes.end(), type) != n.timeoutTypes.end();
        if (timesOut) {
            answer.rcode = Rcode::Timeout;
            answer.detail = "no answer from the server for " + key;
            answer.records.clear();
            return answer;
        }
        if (cname == nullptr || type == RRType::CNAME)
            return answer;  // NODATA
        // Follow the alias, case-insensitively, refusing loops (RFC 1034 §3.6.2).
        visited.push_back(key);
        answer.records.push_back(*cname);
        key = normalizeName(cname->target);
        if (hop + 1 >= kMaxCnameChain ||
            std::find(visited.begin(), visited.end(), key) != visited.end()) {
            answer.rcode = Rcode::ServFail;
            answer.detail = hop + 1 >= kMaxCnameChain ? "CNAME chain too long at " + key
                                                      : "CNAME loop at " + key;
            answer.records.clear();
            return answer;
        }
    }
}

std::unique_ptr<ZoneDataResolver> ZoneDataResolver::fromZones(
    const std::vector<model::DnsZone>& zones, model::DnsView view,
    std::vector<std::string>* errors) {
    auto resolver = std::make_unique<ZoneDataResolver>();
    for (const auto& zone : zones) {
        if (zone.view != view)
            continue;
        resolver->addName(zone.origin);
        for (size_t i = 0; i < zone.records.size(); ++i) {
            std::string error;
            auto record = parseModelRecord(zone.records[i], zone.origin, &error);
            if (record) {
                resolver->add(std::move(*record));
            } else if (errors != nullptr) {
                errors->push_back("zone '" + zone.id + "' record " + std::to_string(i + 1) + ": " +
                                  error);
            }
        }
    }
    return resolver;
}

}  // namespace mailtopo::dns
