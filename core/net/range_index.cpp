#include "core/net/range_index.h"

#include <algorithm>
#include <set>
#include <utility>

namespace mailtopo::net {

namespace {

size_t tableOf(Family family) {
    return family == Family::V4 ? 0 : 1;
}

}  // namespace

RangeIndex::RangeIndex(std::vector<Entry> entries) : entries_(std::move(entries)) {
    build(Family::V4);
    build(Family::V6);
}

void RangeIndex::build(Family family) {
    // The entries of this family, once sorted by first address (when they become active) and
    // once by the address one past their last (when they stop being active). An entry that
    // reaches the top of the address space never stops, so it has no end event.
    std::vector<uint32_t> byStart, byEnd;
    for (uint32_t i = 0; i < entries_.size(); ++i) {
        const IpRange& r = entries_[i].range;
        if (r.family() != family)
            continue;
        byStart.push_back(i);
        if (r.last() != Address::highest(family))
            byEnd.push_back(i);
    }
    if (byStart.empty())
        return;

    auto startOf = [this](uint32_t i) { return entries_[i].range.first().value(); };
    auto endOf = [this](uint32_t i) { return entries_[i].range.last().value() + U128{0, 1}; };
    std::sort(byStart.begin(), byStart.end(),
              [&](uint32_t a, uint32_t b) { return startOf(a) < startOf(b); });
    std::sort(byEnd.begin(), byEnd.end(),
              [&](uint32_t a, uint32_t b) { return endOf(a) < endOf(b); });

    // The active entries keyed by (last - first, index): the smallest come first and, within
    // one size, in insertion order. last - first is the exact size minus one, so it cannot
    // saturate the way IpRange::size() does for the whole IPv6 space.
    std::set<std::pair<U128, uint32_t>> active;
    std::set<uint32_t> activePositions;  // the same entries by position, for firstContaining
    auto keyOf = [this](uint32_t i) {
        const IpRange& r = entries_[i].range;
        return std::make_pair(r.last().minus(r.first()), i);
    };

    std::vector<Interval>& intervals = intervals_[tableOf(family)];
    size_t nextStart = 0, nextEnd = 0;
    std::vector<uint32_t> answer;
    while (nextStart < byStart.size() || nextEnd < byEnd.size()) {
        // The next boundary is the lower of the next pending start and end positions; every
        // event at that position is applied before the interval's answer is taken.
        U128 position;
        if (nextEnd == byEnd.size()) {
            position = startOf(byStart[nextStart]);
        } else if (nextStart == byStart.size()) {
            position = endOf(byEnd[nextEnd]);
        } else {
            position = std::min(startOf(byStart[nextStart]), endOf(byEnd[nextEnd]));
        }
        while (nextEnd < byEnd.size() && endOf(byEnd[nextEnd]) == position) {
            activePositions.erase(byEnd[nextEnd]);
            active.erase(keyOf(byEnd[nextEnd++]));
        }
        while (nextStart < byStart.size() && startOf(byStart[nextStart]) == position) {
            activePositions.insert(byStart[nextStart]);
            active.insert(keyOf(byStart[nextStart++]));
        }

        answer.clear();
        for (auto it = active.begin(); it != active.end() && it->first == active.begin()->first;
             ++it) {
            answer.push_back(it->second);
        }

        // Neighbouring intervals often have the same answer (an entry nested inside a larger
        // one leaves the larger one's answer on both sides); share the stored copy then.
        Interval interval{position, static_cast<uint32_t>(hits_.size()),
                          static_cast<uint32_t>(answer.size()),
                          activePositions.empty() ? kNoEntry : *activePositions.begin()};
        bool shared = false;
        if (!intervals.empty()) {
            const Interval& previous = intervals.back();
            const auto previousBegin = hits_.begin() + previous.offset;
            shared = std::equal(answer.begin(), answer.end(), previousBegin,
                                previousBegin + previous.count);
            if (shared)
                interval.offset = previous.offset;
        }
        if (!shared)
            hits_.insert(hits_.end(), answer.begin(), answer.end());
        intervals.push_back(interval);
    }
}

const RangeIndex::Interval* RangeIndex::intervalHolding(const Address& a) const {
    const std::vector<Interval>& intervals = intervals_[tableOf(a.family())];
    // The interval holding `a` is the last one starting at or below it.
    const auto after =
        std::upper_bound(intervals.begin(), intervals.end(), a.value(),
                         [](const U128& value, const Interval& i) { return value < i.start; });
    return after == intervals.begin() ? nullptr : &*(after - 1);
}

std::span<const uint32_t> RangeIndex::mostSpecific(const Address& a) const {
    const Interval* interval = intervalHolding(a);
    if (interval == nullptr)
        return {};
    return {hits_.data() + interval->offset, interval->count};
}

std::optional<uint32_t> RangeIndex::firstContaining(const Address& a) const {
    const Interval* interval = intervalHolding(a);
    if (interval == nullptr || interval->first == kNoEntry)
        return std::nullopt;
    return interval->first;
}

size_t RangeIndex::elementaryIntervalCount() const {
    return intervals_[0].size() + intervals_[1].size();
}

}  // namespace mailtopo::net
