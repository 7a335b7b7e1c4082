// Addressing: interface addresses agree with their segments, gateways are on-link, no address
// is assigned twice (DSR loopback VIPs excepted), prefix lengths fit the family, loopback
// adapters stay off the wire.

#include <algorithm>
#include <map>
#include <tuple>

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"

namespace mailtopo::analysis::detail {
namespace {

std::string familyName(net::Family family) {
    return family == net::Family::V4 ? "IPv4" : "IPv6";
}

bool isWindowsNic(const InterfaceRecord& record) {
    return record.nic != nullptr && record.host->isWindows();
}

std::string interfaceAlias(const InterfaceRecord& record) {
    return record.nic->alias.empty() ? record.nic->id : record.nic->alias;
}

bool prefixLengthValid(const model::IpAssignment& assignment) {
    return assignment.prefixLength >= 1 && assignment.prefixLength <= assignment.address.bitWidth();
}

std::string addressPointer(const InterfaceRecord& record, size_t k, std::string_view field) {
    return indexed(record.pointer, "addresses", k) + "/" + std::string(field);
}

void checkPrefixLengths(const InterfaceRecord& record, FindingSink& sink) {
    const auto& addresses = record.addresses();
    for (size_t k = 0; k < addresses.size(); ++k) {
        const auto& assignment = addresses[k];
        if (prefixLengthValid(assignment))
            continue;
        const int width = assignment.address.bitWidth();
        const int suggested = assignment.address.isV4() ? 24 : 64;
        std::string remediation = "Use the prefix length of the subnet the address belongs to";
        if (isWindowsNic(record)) {
            remediation += ": Set-NetIPAddress -IPAddress " + assignment.address.toString() +
                           " -PrefixLength " + std::to_string(suggested) +
                           " (adjust to the subnet's length)";
        }
        sink.report(checks::kPrefixLengthOutOfRange,
                    {.message = record.label + ": address " + assignment.address.toString() +
                                " has prefix length " + std::to_string(assignment.prefixLength) +
                                "; " + familyName(assignment.address.family()) + " allows 1–" +
                                std::to_string(width),
                     .elements = {record.id()},
                     .pointer = addressPointer(record, k, "prefixLength"),
                     .remediation = remediation + "."});
    }
}

// The first segment whose subnets hold `address`: where an interface with it belongs.
const model::Segment* segmentCarrying(const DesignIndex& index, const net::Address& address) {
    for (const auto& segment : index.design().segments) {
        for (const auto& subnet : segment.subnets) {
            if (subnet.contains(address))
                return &segment;
        }
    }
    return nullptr;
}

void checkSegmentMembership(const DesignIndex& index, const InterfaceRecord& record,
                            FindingSink& sink) {
    if (record.isLoopbackAdapter()) {
        if (record.segmentId().empty())
            return;
        sink.report(
            checks::kLoopbackAdapterOnSegment,
            {.message = record.label + " is a loopback adapter but is attached to " +
                        segmentLabel(index, record.segmentId()),
             .elements = {record.id(), record.segmentId()},
             .pointer = record.pointer + "/segment",
             .remediation = "Remove the segment from the loopback adapter: it is ARP-silent "
                            "and belongs to no network. If the adapter should carry "
                            "traffic, it is not a loopback adapter (clear "
                            "\"loopbackAdapter\")."});
        return;
    }
    if (record.segmentId().empty()) {
        sink.report(checks::kInterfaceWithoutSegment,
                    {.message = record.label + " is attached to no segment",
                     .elements = {record.id()},
                     .pointer = record.pointer,
                     .remediation =
                         "Attach " + record.label + " to the segment (VLAN) it is plugged into."});
        return;
    }
    const model::Segment* segment = index.segment(record.segmentId());
    if (segment == nullptr || segment->subnets.empty())
        return;  // dangling: reported elsewhere

    const auto& addresses = record.addresses();
    for (size_t k = 0; k < addresses.size(); ++k) {
        const net::Address& address = addresses[k].address;
        // Link-local addresses are on-link on every segment by definition.
        if (address.isLinkLocal())
            continue;
        bool familyListed = false;
        bool inside = false;
        for (const auto& subnet : segment->subnets) {
            if (subnet.family() != address.family())
                continue;
            familyListed = true;
            inside = inside || subnet.contains(address);
        }
        // A segment that lists only IPv4 subnets says nothing about its IPv6 addressing.
        if (!familyListed || inside)
            continue;
        const model::Segment* carrier = segmentCarrying(index, address);
        const std::string subnet = addresses[k].prefix().network().toString() + "/" +
                                   std::to_string(addresses[k].prefixLength);
        std::string remediation =
            "Attach " + record.label + " to " +
            (carrier ? segmentLabel(index, carrier->id) + ", which carries " + address.toString()
                     : "the segment that carries " + subnet + ", add that subnet to " +
                           segmentLabel(index, segment->id)) +
            ", or readdress it";
        if (isWindowsNic(record)) {
            remediation += ": Remove-NetIPAddress -IPAddress " + address.toString() +
                           " -Confirm:$false; New-NetIPAddress -InterfaceAlias " +
                           psString(interfaceAlias(record)) + " -IPAddress <address in " +
                           joinPrefixes(segment->subnets) + "> -PrefixLength " +
                           std::to_string(addresses[k].prefixLength);
        }
        sink.report(
            checks::kAddressOutsideSegment,
            {.message = record.label + ": address " + assignmentText(addresses[k]) +
                        " lies outside every subnet of " + segmentLabel(index, segment->id) + " (" +
                        joinPrefixes(segment->subnets) + ")",
             .elements = {record.id(), segment->id},
             .pointer = addressPointer(record, k, "address"),
             .remediation = remediation + "."});
    }
}

// The gateway `nic` most likely should use: the one its neighbours on the same segment use
// most often, else an address of a router, firewall or load balancer on that segment; either
// way inside one of the NIC's own prefixes.
std::optional<std::string> likelyGateway(const DesignIndex& index, const InterfaceRecord& nic,
                                         net::Family family) {
    if (nic.segmentId().empty())
        return std::nullopt;
    auto onLink = [&](const net::Address& candidate) {
        for (const auto& own : nic.addresses()) {
            if (own.address.family() == family && prefixLengthValid(own) &&
                own.prefix().contains(candidate)) {
                return true;
            }
        }
        return false;
    };
    std::map<net::Address, int> neighbourGateways;
    for (const auto& other : index.interfaces()) {
        if (other.nic == nullptr || &other == &nic || other.segmentId() != nic.segmentId())
            continue;
        for (const auto& gateway : other.nic->gateways) {
            if (gateway.family() == family && onLink(gateway))
                ++neighbourGateways[gateway];
        }
    }
    // max_element keeps the first of equal counts, i.e. the lowest address: deterministic.
    const auto best =
        std::max_element(neighbourGateways.begin(), neighbourGateways.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    if (best != neighbourGateways.end()) {
        return best->first.toString() + " (the gateway of its neighbours)";
    }
    for (const auto& other : index.interfaces()) {
        if (other.device == nullptr || other.segmentId() != nic.segmentId())
            continue;
        for (const auto& candidate : other.addresses()) {
            if (candidate.address.family() == family && onLink(candidate.address)) {
                return candidate.address.toString() + " (" + other.label + ")";
            }
        }
    }
    return std::nullopt;
}

void checkGateways(const DesignIndex& index, const InterfaceRecord& record, FindingSink& sink) {
    if (record.nic == nullptr)
        return;
    const auto& gateways = record.nic->gateways;
    for (size_t g = 0; g < gateways.size(); ++g) {
        const net::Address& gateway = gateways[g];
        if (gateway.isLinkLocal())
            continue;  // fe80::1 style gateways are always on-link
        std::vector<net::Prefix> ownPrefixes;
        bool onLink = false;
        bool invalidPrefix = false;
        for (const auto& own : record.addresses()) {
            if (own.address.family() != gateway.family())
                continue;
            // A bad prefix length is reported on its own; judging the gateway by it would
            // only repeat that finding in other words.
            invalidPrefix = invalidPrefix || !prefixLengthValid(own);
            ownPrefixes.push_back(own.prefix());
            onLink = onLink || own.prefix().contains(gateway);
        }
        if (onLink || invalidPrefix)
            continue;
        const std::string why =
            ownPrefixes.empty()
                ? "the NIC has no " + familyName(gateway.family()) + " address"
                : "it is not inside any prefix of the NIC (" + joinPrefixes(ownPrefixes) + ")";
        const auto suggestion = likelyGateway(index, record, gateway.family());
        const std::string target = suggestion ? suggestion->substr(0, suggestion->find(' '))
                                              : "<a router address on the NIC's subnet>";
        std::string remediation = "Use a gateway inside the NIC's subnet";
        if (suggestion)
            remediation += ", e.g. " + *suggestion;
        if (isWindowsNic(record) && !ownPrefixes.empty()) {
            const std::string defaultPrefix = gateway.isV4() ? "0.0.0.0/0" : "::/0";
            remediation += ": Remove-NetRoute -InterfaceAlias " + psString(interfaceAlias(record)) +
                           " -DestinationPrefix " + defaultPrefix +
                           " -Confirm:$false; New-NetRoute -InterfaceAlias " +
                           psString(interfaceAlias(record)) + " -DestinationPrefix " +
                           defaultPrefix + " -NextHop " + target;
        }
        sink.report(checks::kGatewayNotOnLink,
                    {.message = record.label + ": default gateway " + gateway.toString() +
                                " is not on-link: " + why,
                     .elements = {record.id()},
                     .pointer = indexed(record.pointer, "gateways", g),
                     .remediation = remediation + "."});
    }
}

struct AddressUse {
    const InterfaceRecord* record;
    size_t index;
};

void checkDuplicateAddresses(const DesignIndex& index, FindingSink& sink) {
    // Link-local addresses only clash on the same link, so the segment is part of their key.
    std::map<std::tuple<net::Address, std::string>, AddressUse> first;
    for (const auto& record : index.interfaces()) {
        const auto& addresses = record.addresses();
        for (size_t k = 0; k < addresses.size(); ++k) {
            const net::Address& address = addresses[k].address;
            if (address.isUnspecified())
                continue;
            // R11: every DSR member carries the VIP on its ARP-silent loopback adapter.
            if (record.isLoopbackAdapter() && index.isVipAddress(address))
                continue;
            const std::string link = address.isLinkLocal() ? record.segmentId() : std::string();
            auto [it, inserted] =
                first.emplace(std::make_tuple(address, link), AddressUse{&record, k});
            if (inserted)
                continue;
            const InterfaceRecord& earlier = *it->second.record;
            const std::string where = &earlier == &record
                                          ? "twice to " + record.label
                                          : "to " + earlier.label + " and to " + record.label;
            std::string remediation = "Give each interface its own address";
            if (index.isVipAddress(address)) {
                remediation +=
                    "; a DSR VIP shared by pool members belongs on each member's KM-TEST "
                    "loopback adapter (R11), not on a LAN NIC";
            }
            if (isWindowsNic(record)) {
                remediation += ": Remove-NetIPAddress -IPAddress " + address.toString() +
                               " -InterfaceAlias " + psString(interfaceAlias(record)) +
                               " -Confirm:$false (on " + hostLabel(*record.host) + ")";
            }
            sink.report(checks::kDuplicateAddress,
                        {.message = "address " + address.toString() + " is assigned " + where,
                         .elements = {record.id(), earlier.id()},
                         .pointer = addressPointer(record, k, "address"),
                         .remediation = remediation + "."});
        }
    }
}

}  // namespace

void checkAddressing(const DesignIndex& index, FindingSink& sink) {
    for (const auto& record : index.interfaces()) {
        checkPrefixLengths(record, sink);
        checkSegmentMembership(index, record, sink);
        checkGateways(index, record, sink);
    }
    checkDuplicateAddresses(index, sink);
}

}  // namespace mailtopo::analysis::detail
