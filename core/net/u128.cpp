#include "core/net/u128.h"

#include <algorithm>
#include <array>

namespace mailtopo::net {

std::string U128::toString() const {
    // Long division by 10 over four 32-bit limbs (most significant first): each step's
    // remainder times 2^32 plus the next limb fits in 64 bits, so no wider type is needed.
    std::array<uint32_t, 4> limbs = {static_cast<uint32_t>(hi >> 32), static_cast<uint32_t>(hi),
                                     static_cast<uint32_t>(lo >> 32), static_cast<uint32_t>(lo)};
    std::string digits;
    auto isZero = [&limbs] {
        return std::all_of(limbs.begin(), limbs.end(), [](uint32_t l) { return l == 0; });
    };
    do {
        uint64_t remainder = 0;
        for (uint32_t& limb : limbs) {
            const uint64_t current = (remainder << 32) | limb;
            limb = static_cast<uint32_t>(current / 10);
            remainder = current % 10;
        }
        digits.push_back(static_cast<char>('0' + remainder));
    } while (!isZero());
    std::reverse(digits.begin(), digits.end());
    return digits;
}

}  // namespace mailtopo::net
