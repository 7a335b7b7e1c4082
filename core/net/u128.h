#pragma once

// An unsigned 128-bit integer built from two 64-bit halves.
//
// IPv6 arithmetic (range sizes, address offsets) needs 128 bits. __int128 would do, but MSVC
// has no such type, so the few operations the net code needs are written out by hand.
// All arithmetic wraps modulo 2^128, like the built-in unsigned types.

#include <compare>
#include <cstdint>
#include <string>

namespace mailtopo::net {

struct U128 {
    uint64_t hi = 0, lo = 0;

    // Member order (hi, lo) makes the defaulted comparisons numeric.
    friend constexpr bool operator==(const U128&, const U128&) = default;
    friend constexpr std::strong_ordering operator<=>(const U128&, const U128&) = default;

    friend constexpr U128 operator+(U128 a, U128 b) {
        U128 r;
        r.lo = a.lo + b.lo;
        r.hi = a.hi + b.hi + (r.lo < a.lo ? 1u : 0u);  // carry out of the low half
        return r;
    }
    friend constexpr U128 operator-(U128 a, U128 b) {
        U128 r;
        r.lo = a.lo - b.lo;
        r.hi = a.hi - b.hi - (a.lo < b.lo ? 1u : 0u);  // borrow from the high half
        return r;
    }

    friend constexpr U128 operator&(U128 a, U128 b) { return {a.hi & b.hi, a.lo & b.lo}; }
    friend constexpr U128 operator|(U128 a, U128 b) { return {a.hi | b.hi, a.lo | b.lo}; }
    friend constexpr U128 operator^(U128 a, U128 b) { return {a.hi ^ b.hi, a.lo ^ b.lo}; }
    friend constexpr U128 operator~(U128 a) { return {~a.hi, ~a.lo}; }

    // Shifts by 128 or more give 0 (unlike the built-in types, where that is undefined);
    // negative counts are treated as 0.
    friend constexpr U128 operator<<(U128 a, int n) {
        if (n <= 0)
            return a;
        if (n >= 128)
            return {};
        if (n >= 64)
            return {a.lo << (n - 64), 0};
        return {(a.hi << n) | (a.lo >> (64 - n)), a.lo << n};
    }
    friend constexpr U128 operator>>(U128 a, int n) {
        if (n <= 0)
            return a;
        if (n >= 128)
            return {};
        if (n >= 64)
            return {0, a.hi >> (n - 64)};
        return {a.hi >> n, (a.lo >> n) | (a.hi << (64 - n))};
    }

    static constexpr U128 max() { return {~uint64_t{0}, ~uint64_t{0}}; }

    // 2^n for n in 0..127. 2^128 does not fit, so pow2(128) (and anything larger) saturates to
    // max(); this is what a /0 IPv6 range reports as its size. Negative n is treated as 0.
    static constexpr U128 pow2(int n) {
        if (n >= 128)
            return max();
        return U128{0, 1} << n;
    }

    // Adds with saturation at max() instead of wrapping.
    constexpr U128 saturatingAdd(U128 b) const {
        const U128 r = *this + b;
        return r < *this ? max() : r;
    }

    // Decimal, without leading zeros ("0" for zero).
    std::string toString() const;
};

}  // namespace mailtopo::net
