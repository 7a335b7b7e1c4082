#pragma once

// Answers "which RemoteIPRanges entries are the most specific ones containing this address"
// (Exchange rule R20: among the receive connectors whose RemoteIPRanges contain the client
// address, the one with the smallest matching range wins) in O(log n) per query.
//
// Each family's address line is cut into elementary intervals at every entry's first address
// and one past its last address. Inside one elementary interval every address is contained
// in the same set of entries, so the answer is precomputed once per interval and a query is a
// binary search for the interval holding the address.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/net/address.h"
#include "core/net/ip_range.h"
#include "core/net/u128.h"

namespace mailtopo::net {

class RangeIndex {
public:
    struct Entry {
        IpRange range;
        uint32_t payload = 0;  // the caller's id (e.g. a connector index); not used here
    };

    RangeIndex() = default;

    // O(n log n + total answer size). At most 2^32 - 1 entries.
    explicit RangeIndex(std::vector<Entry> entries);

    // The entries of minimal size among those containing `a`, as indexes into entries() (the
    // positions in the constructor's vector, not payloads), ascending, so ties come in
    // insertion order and all of them are returned: breaking ties is the caller's business.
    // "Size" is the exact address count, so even ::/0 (2^128 addresses) is bigger than a
    // span of 2^128 - 1 addresses, unlike IpRange::size(), which saturates.
    // Empty when no entry contains `a`. O(log n + k) for k results. The span stays valid as
    // long as the index is neither destroyed nor assigned to.
    std::span<const uint32_t> mostSpecific(const Address& a) const;

    // The first entry (by position in the constructor's vector) containing `a`, whatever its
    // size: the rule a first-match list applies, as a firewall's outbound NAT does. O(log n).
    std::optional<uint32_t> firstContaining(const Address& a) const;

    const std::vector<Entry>& entries() const { return entries_; }

    // How many elementary intervals the two address lines were cut into, counting the gaps
    // between entries that no entry covers but not the stretch below the lowest entry.
    size_t elementaryIntervalCount() const;

private:
    static constexpr uint32_t kNoEntry = UINT32_MAX;

    // Addresses from `start` up to the next interval's start (or the end of the family) share
    // the answer hits_[offset .. offset + count), and `first` is the lowest position among
    // all the entries containing them.
    struct Interval {
        U128 start;
        uint32_t offset = 0;
        uint32_t count = 0;
        uint32_t first = kNoEntry;
    };

    void build(Family family);
    const Interval* intervalHolding(const Address& a) const;

    std::vector<Entry> entries_;
    std::array<std::vector<Interval>, 2> intervals_;  // [0] IPv4, [1] IPv6; sorted by start
    std::vector<uint32_t> hits_;                      // all answers, back to back
};

}  // namespace mailtopo::net
