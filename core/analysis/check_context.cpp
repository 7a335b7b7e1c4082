#include "core/analysis/check_context.h"

#include <algorithm>

namespace mailtopo::analysis::detail {

void FindingSink::report(const CheckInfo& check, Occurrence occurrence) {
    Finding finding;
    finding.id = std::string(check.id);
    finding.severity = check.severity;
    finding.title = std::string(check.title);
    finding.rule = std::string(check.rule);
    finding.message = std::move(occurrence.message);
    finding.elements = std::move(occurrence.elements);
    finding.pointer = std::move(occurrence.pointer);
    finding.remediation = std::move(occurrence.remediation);
    finding.flow = std::move(occurrence.flow);
    findings_.push_back(std::move(finding));
}

// ---------------------------------------------------------------------------- index

DesignIndex::DesignIndex(const model::Design& design) : design_(design), lookup_(design) {
    for (auto& occurrence : model::collectIds(design)) {
        kinds_.emplace(std::move(occurrence.id), occurrence.kind);  // keeps the first occurrence
    }

    for (size_t h = 0; h < design.hosts.size(); ++h) {
        const auto& host = design.hosts[h];
        for (size_t n = 0; n < host.nics.size(); ++n) {
            InterfaceRecord record;
            record.host = &host;
            record.nic = &host.nics[n];
            record.ownerId = host.id;
            record.label = nicLabel(host, host.nics[n]);
            record.pointer = indexed(indexed("", "hosts", h), "nics", n);
            interfaces_.push_back(std::move(record));
        }
    }
    auto devices = [&](const auto& list, std::string_view key) {
        for (size_t d = 0; d < list.size(); ++d) {
            const auto& device = list[d];
            const std::string deviceName = device.name.empty() ? device.id : device.name;
            for (size_t i = 0; i < device.interfaces.size(); ++i) {
                const auto& itf = device.interfaces[i];
                InterfaceRecord record;
                record.device = &itf;
                record.ownerId = device.id;
                record.label =
                    "interface " + deviceName + "/" + (itf.name.empty() ? itf.id : itf.name);
                record.pointer = indexed(indexed("", key, d), "interfaces", i);
                interfaces_.push_back(std::move(record));
            }
        }
    };
    devices(design.routers, "routers");
    devices(design.loadBalancers, "loadBalancers");
    devices(design.firewalls, "firewalls");

    for (const auto& lb : design.loadBalancers) {
        for (const auto& vip : lb.vips)
            vipAddresses_.push_back(vip.address);
    }
    std::sort(vipAddresses_.begin(), vipAddresses_.end());
    knownAddresses_ = vipAddresses_;
    for (const auto& record : interfaces_) {
        for (const auto& assignment : record.addresses())
            knownAddresses_.push_back(assignment.address);
    }
    std::sort(knownAddresses_.begin(), knownAddresses_.end());
}

bool DesignIndex::hasId(std::string_view id) const {
    return kinds_.contains(id);
}

std::optional<model::ElementKind> DesignIndex::kindOf(std::string_view id) const {
    auto it = kinds_.find(id);
    if (it == kinds_.end())
        return std::nullopt;
    return it->second;
}

bool DesignIndex::isVipAddress(const net::Address& address) const {
    return std::binary_search(vipAddresses_.begin(), vipAddresses_.end(), address);
}

bool DesignIndex::isKnownAddress(const net::Address& address) const {
    return std::binary_search(knownAddresses_.begin(), knownAddresses_.end(), address);
}

// ---------------------------------------------------------------------------- wording

std::string quoted(std::string_view text) {
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on "lit" + std::string.
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    out += text;
    out += '\'';
    return out;
}

std::string withArticle(std::string_view kindName) {
    const bool vowel = !kindName.empty() &&
                       std::string_view("aeiou").find(kindName.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + std::string(kindName);
}

std::string hostLabel(const model::Host& host) {
    return host.name.empty() ? host.id : host.name;
}

std::string nicLabel(const model::Host& host, const model::Nic& nic) {
    return "NIC " + hostLabel(host) + "/" + (nic.alias.empty() ? nic.id : nic.alias);
}

std::string segmentLabel(const DesignIndex& index, const model::Id& segmentId) {
    const model::Segment* segment = index.segment(segmentId);
    if (segment == nullptr || segment->name.empty())
        return "segment " + quoted(segmentId);
    return "segment " + quoted(segment->name);
}

std::string connectorIdentity(const DesignIndex& index, const model::ReceiveConnector& connector) {
    const model::Host* server = index.host(connector.serverId);
    const std::string serverName = server ? hostLabel(*server) : connector.serverId;
    return serverName + "\\" + (connector.name.empty() ? connector.id : connector.name);
}

std::string joinPrefixes(const std::vector<net::Prefix>& prefixes) {
    std::string out;
    for (const auto& prefix : prefixes) {
        if (!out.empty())
            out += ", ";
        out += prefix.toString();
    }
    return out;
}

std::string assignmentText(const model::IpAssignment& assignment) {
    return assignment.address.toString() + "/" + std::to_string(assignment.prefixLength);
}

std::string rangeList(const std::vector<net::IpRange>& ranges) {
    std::string out;
    for (const auto& range : ranges) {
        if (!out.empty())
            out += ',';
        out += psString(range.toString());
    }
    return out;
}

std::string bindingList(const std::vector<net::Binding>& bindings) {
    std::string out;
    for (const auto& binding : bindings) {
        if (!out.empty())
            out += ',';
        out += psString(binding.toString());
    }
    return out;
}

std::string psString(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        // Backtick escapes the characters that would end or interpolate a PowerShell string.
        if (c == '"' || c == '`' || c == '$')
            out += '`';
        out += c;
    }
    return out + "\"";
}

std::string pointerToken(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string indexed(const std::string& base, std::string_view key, size_t index) {
    return base + "/" + std::string(key) + "/" + std::to_string(index);
}

// ---------------------------------------------------------------------------- predicates

bool hostOwnsAddress(const model::Host& host, const net::Address& address) {
    for (const auto& nic : host.nics) {
        for (const auto& assignment : nic.addresses) {
            if (assignment.address == address)
                return true;
        }
    }
    return false;
}

bool isInternetSegment(const model::DesignLookup& lookup, const model::Id& segmentId) {
    const model::Segment* segment = lookup.segment(segmentId);
    return segment != nullptr && segment->kind == model::SegmentKind::Internet;
}

bool isExchangeHost(const model::Host& host) {
    return host.isExchange();
}

bool isEdgeServer(const model::Host& host) {
    return host.isExchange() && host.exchange &&
           host.exchange->roles.contains(model::ExchangeRole::Edge);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return toLower(a) == toLower(b);
}

std::string toLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace mailtopo::analysis::detail
