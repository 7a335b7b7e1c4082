#pragma once
// Internal to core/analysis: what every structural check shares — the sink findings go to,
// an index of the design built once (ids, hosts, interfaces and their addresses), and the
// wording helpers that keep messages uniform ("NIC EX01/MAPI", "EX16\Relay",
// "segment 'Server LAN'").

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/finding.h"
#include "core/analysis/structure_checks.h"
#include "core/model/design.h"
#include "core/model/design_lookup.h"
#include "core/net/domain_name.h"
#include "core/util/enum_text.h"

namespace mailtopo::analysis::detail {

// One occurrence of a check. Designated initialisers keep call sites readable:
// sink.report(checks::kX, {.message = …, .elements = {…}, .pointer = …, .remediation = …}).
struct Occurrence {
    std::string message;
    std::vector<std::string> elements{};
    std::string pointer{};
    std::string remediation{};
    std::string flow{};  // Finding::flow
};

class FindingSink {
public:
    void report(const CheckInfo& check, Occurrence occurrence);
    std::vector<Finding> take() { return std::move(findings_); }

private:
    std::vector<Finding> findings_;
};

// A NIC of a host or an interface of a router, load balancer or firewall: the checks on
// addresses and segments treat both alike.
struct InterfaceRecord {
    const model::Host* host = nullptr;               // set for a NIC
    const model::Nic* nic = nullptr;                 // set for a NIC
    const model::DeviceInterface* device = nullptr;  // set for a device interface
    model::Id ownerId;                               // the host or device the interface belongs to
    std::string label;                               // "NIC EX01/MAPI", "interface FW/inside"
    std::string pointer;                             // JSON pointer of the interface object
    const model::Id& id() const { return nic ? nic->id : device->id; }
    const model::Id& segmentId() const { return nic ? nic->segmentId : device->segmentId; }
    const std::vector<model::IpAssignment>& addresses() const {
        return nic ? nic->addresses : device->addresses;
    }
    bool isLoopbackAdapter() const { return nic != nullptr && nic->loopbackAdapter; }
};

// Lookups the checks need, built once per run. Where an id is duplicated (itself a
// finding), the first element carrying it wins, as it does everywhere else.
class DesignIndex {
public:
    explicit DesignIndex(const model::Design& design);

    const model::Design& design() const { return design_; }
    const model::DesignLookup& lookup() const { return lookup_; }

    bool hasId(std::string_view id) const;
    // The kind of the first element carrying `id`.
    std::optional<model::ElementKind> kindOf(std::string_view id) const;

    const model::Host* host(std::string_view id) const { return lookup_.host(id); }
    const model::Segment* segment(std::string_view id) const { return lookup_.segment(id); }
    const std::vector<InterfaceRecord>& interfaces() const { return interfaces_; }

    // Every VIP address of every load balancer.
    bool isVipAddress(const net::Address& address) const;
    // Owned by a NIC, a device interface or a VIP anywhere in the design.
    bool isKnownAddress(const net::Address& address) const;

private:
    const model::Design& design_;
    model::DesignLookup lookup_;
    // std::less<> lets string_view keys look up std::string entries without a copy.
    std::map<std::string, model::ElementKind, std::less<>> kinds_;
    std::vector<InterfaceRecord> interfaces_;
    std::vector<net::Address> vipAddresses_;    // sorted
    std::vector<net::Address> knownAddresses_;  // sorted
};

// ---- wording ------------------------------------------------------------------------

std::string quoted(std::string_view text);  // 'text'
// "a host", "an interface": English article for a lowercase kind name; acronyms such as
// "NIC" and "VIP" start with a consonant sound and take "a".
std::string withArticle(std::string_view kindName);
std::string hostLabel(const model::Host& host);                        // the name, else the id
std::string nicLabel(const model::Host& host, const model::Nic& nic);  // NIC EX01/MAPI
std::string segmentLabel(const DesignIndex& index, const model::Id& segmentId);  // segment 'LAN'
// "EX16\Relay", as Exchange names a receive connector (Get-ReceiveConnector "EX16\Relay").
std::string connectorIdentity(const DesignIndex& index, const model::ReceiveConnector& connector);
std::string joinPrefixes(const std::vector<net::Prefix>& prefixes);
std::string assignmentText(const model::IpAssignment& assignment);  // 10.0.0.5/24
// "10.0.0.5","10.0.1.0/24" — a PowerShell argument list. Every entry is quoted because
// "[::]:25" and "192.0.2.0(255.255.255.0)" would otherwise be parsed as PowerShell syntax.
std::string rangeList(const std::vector<net::IpRange>& ranges);
std::string bindingList(const std::vector<net::Binding>& bindings);
// "Tls,BasicAuth" in the catalog order of the enumeration.
template <class E>
std::string flagList(const FlagSet<E>& flags) {
    std::string out;
    for (E flag : flags.values()) {
        if (!out.empty())
            out += ',';
        out += enumName(flag);
    }
    return out;
}
// A double-quoted PowerShell string literal.
std::string psString(std::string_view text);
// One JSON pointer reference token (RFC 6901: '~' → "~0", '/' → "~1").
std::string pointerToken(std::string_view token);
std::string indexed(const std::string& base, std::string_view key, size_t index);  // base/key/i

// ---- shared predicates --------------------------------------------------------------

bool hostOwnsAddress(const model::Host& host, const net::Address& address);
bool isInternetSegment(const model::DesignLookup& lookup, const model::Id& segmentId);
bool isExchangeHost(const model::Host& host);
bool isEdgeServer(const model::Host& host);
// Host-name syntax check for domains (see kInvalidDomainName), from core/net.
using net::isValidDomainName;
bool equalsIgnoreCase(std::string_view a, std::string_view b);
std::string toLower(std::string_view text);

// ---- the checks, one function per area ---------------------------------------------

// checkStructure over an index the caller already has: validation builds one for every pass.
std::vector<Finding> checkStructure(const DesignIndex& index);

void checkIdentity(const DesignIndex& index, FindingSink& sink);
void checkAddressing(const DesignIndex& index, FindingSink& sink);
void checkReceiveConnectors(const DesignIndex& index, FindingSink& sink);
void checkConnectorOverlaps(const DesignIndex& index, FindingSink& sink);  // R19(a), R19(b)
void checkSendConnectors(const DesignIndex& index, FindingSink& sink);
void checkLoadBalancers(const DesignIndex& index, FindingSink& sink);
void checkFirewalls(const DesignIndex& index, FindingSink& sink);
void checkDomainsAndDns(const DesignIndex& index, FindingSink& sink);
void checkFlows(const DesignIndex& index, FindingSink& sink);

}  // namespace mailtopo::analysis::detail
