#include "core/net/address.h"

#include <algorithm>
#include <bit>

// Parsing lives in address_parse.cpp; this file holds the value semantics and formatting.

namespace mailtopo::net {

namespace {

// All ones in the low `width` bits: the value mask of a family.
U128 familyMask(Family family) {
    return family == Family::V4 ? U128{0, 0xFFFFFFFFu} : U128::max();
}

// The number of leading zero bits of a 128-bit value (128 for zero).
int countLeadingZeros(U128 v) {
    return v.hi != 0 ? std::countl_zero(v.hi) : 64 + std::countl_zero(v.lo);
}

std::string formatV4(uint32_t value) {
    std::string out;
    out.reserve(15);
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += std::to_string((value >> shift) & 0xFFu);
        if (shift != 0)
            out += '.';
    }
    return out;
}

std::string formatV6(U128 value) {
    std::array<uint16_t, 8> groups{};
    for (int i = 0; i < 8; ++i) {
        groups[static_cast<size_t>(i)] = static_cast<uint16_t>((value >> (112 - 16 * i)).lo);
    }

    // RFC 5952 section 5: IPv4-mapped addresses keep the embedded dotted quad.
    if (value.hi == 0 && (value.lo >> 32) == 0xFFFFu) {
        return "::ffff:" + formatV4(static_cast<uint32_t>(value.lo));
    }

    // RFC 5952 section 4.2: shorten the longest run of at least two zero groups, the first
    // one when two runs are equally long.
    int bestStart = -1, bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[static_cast<size_t>(i)] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[static_cast<size_t>(j)] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }

    static constexpr char kHex[] = "0123456789abcdef";
    auto appendGroup = [](std::string& out, uint16_t g) {
        bool started = false;  // RFC 5952 section 4.1: no leading zeros
        for (int shift = 12; shift >= 0; shift -= 4) {
            const unsigned nibble = (g >> shift) & 0xFu;
            if (nibble != 0 || started || shift == 0) {
                out += kHex[nibble];
                started = true;
            }
        }
    };

    std::string out;
    out.reserve(39);
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            out += "::";
            i += bestLength - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':')
            out += ':';
        appendGroup(out, groups[static_cast<size_t>(i)]);
    }
    return out;
}

}  // namespace

int bitWidth(Family family) {
    return family == Family::V4 ? 32 : 128;
}

Address Address::v4(uint32_t hostOrder) {
    return Address(Family::V4, U128{0, hostOrder});
}

Address Address::v6(const std::array<uint8_t, 16>& bytes) {
    U128 value;
    for (int i = 0; i < 8; ++i) {
        value.hi = (value.hi << 8) | bytes[static_cast<size_t>(i)];
        value.lo = (value.lo << 8) | bytes[static_cast<size_t>(i + 8)];
    }
    return Address(Family::V6, value);
}

Address Address::v6(U128 value) {
    return Address(Family::V6, value);
}

Address Address::lowest(Family family) {
    return Address(family, U128{});
}

Address Address::highest(Family family) {
    return Address(family, familyMask(family));
}

bool Address::bit(int index) const {
    const int width = bitWidth();
    if (index < 0 || index >= width)
        return false;
    return ((value_ >> (width - 1 - index)).lo & 1u) != 0;
}

std::array<uint8_t, 16> Address::bytes() const {
    std::array<uint8_t, 16> out{};
    if (isV4()) {
        for (int i = 0; i < 4; ++i) {
            out[static_cast<size_t>(i)] = static_cast<uint8_t>(value_.lo >> (24 - 8 * i));
        }
        return out;
    }
    for (int i = 0; i < 8; ++i) {
        out[static_cast<size_t>(i)] = static_cast<uint8_t>(value_.hi >> (56 - 8 * i));
        out[static_cast<size_t>(i + 8)] = static_cast<uint8_t>(value_.lo >> (56 - 8 * i));
    }
    return out;
}

std::string Address::toString() const {
    return isV4() ? formatV4(v4Value()) : formatV6(value_);
}

bool Address::isUnspecified() const {
    return value_ == U128{};
}

bool Address::isLoopback() const {
    if (isV4())
        return (v4Value() >> 24) == 127;
    return value_ == U128{0, 1};
}

bool Address::isLinkLocal() const {
    if (isV4())
        return (v4Value() >> 16) == 0xA9FEu;     // 169.254
    return (value_.hi >> 54) == (0xFE80u >> 6);  // fe80::/10
}

Address Address::masked(int prefixLength) const {
    return Address(family_, value_ & netmaskFromPrefixLength(family_, prefixLength).value_);
}

Address Address::plus(U128 offset) const {
    return Address(family_, (value_ + offset) & familyMask(family_));
}

U128 Address::minus(const Address& lower) const {
    if (family_ != lower.family_)
        return {};
    return (value_ - lower.value_) & familyMask(family_);
}

int commonPrefixLength(const Address& a, const Address& b) {
    if (a.family() != b.family())
        return 0;
    // Differences show up as one bits in the XOR; the leading zeros of the XOR are the common
    // bits. IPv4 values sit in the low 32 bits, so their 96 unused high bits are discounted.
    const int leading = countLeadingZeros(a.value() ^ b.value());
    return leading - (128 - a.bitWidth());
}

std::optional<int> prefixLengthFromNetmask(const Address& mask) {
    const int width = mask.bitWidth();
    // Counting the leading ones via the complement, then rebuilding the mask of that length,
    // rejects every mask that has a one after its first zero.
    const U128 inverted = ~mask.value() & Address::highest(mask.family()).value();
    const int length = countLeadingZeros(inverted) - (128 - width);
    if (netmaskFromPrefixLength(mask.family(), length) != mask)
        return std::nullopt;
    return length;
}

Address netmaskFromPrefixLength(Family family, int length) {
    const int width = bitWidth(family);
    length = std::clamp(length, 0, width);
    const U128 all = familyMask(family);
    // The host part is the low (width - length) bits; the mask is everything else.
    const U128 hostBits =
        (width - length) >= 128 ? U128::max() : (U128{0, 1} << (width - length)) - U128{0, 1};
    return family == Family::V4 ? Address::v4(static_cast<uint32_t>((all & ~hostBits).lo))
                                : Address::v6(all & ~hostBits);
}

}  // namespace mailtopo::net

size_t std::hash<mailtopo::net::Address>::operator()(
    const mailtopo::net::Address& a) const noexcept {
    // splitmix64 finaliser over both halves and the family: cheap and well mixed, and
    // 10.0.0.1 and ::a00:1 hash differently.
    auto mix = [](uint64_t x) {
        x += 0x9E3779B97F4A7C15ull;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    };
    const mailtopo::net::U128 v = a.value();
    const uint64_t h = mix(v.hi ^ (a.isV6() ? 0x6ull : 0x4ull)) ^ mix(v.lo + 0x632BE59BD9B4E019ull);
    return static_cast<size_t>(h);
}
