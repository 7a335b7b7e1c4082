// libFuzzer target for the core/net parsers: arbitrary bytes must never crash them, and an
// accepted RemoteIPRanges entry must survive a round trip through its canonical text.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/net/address.h"
#include "core/net/binding.h"
#include "core/net/ip_range.h"
#include "core/net/prefix.h"

using namespace mailtopo::net;

namespace {

// abort() rather than assert(): the check must hold in every build type.
void check(bool condition) {
    if (!condition)
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;

    if (const auto a = Address::parse(text, &error)) {
        check(Address::parse(a->toString()) == a);
    } else {
        check(!error.empty());
    }

    error.clear();
    if (const auto p = Prefix::parse(text, &error)) {
        check(Prefix::parse(p->toString()) == p);
        check(p->contains(p->address()) && p->contains(p->first()) && p->contains(p->last()));
    } else {
        check(!error.empty());
    }

    error.clear();
    if (const auto r = IpRange::parse(text, &error)) {
        const auto again = IpRange::parse(r->toString());
        check(again.has_value() && *again == *r);
        check(again->toString() == r->toString());
        check(r->first() <= r->last() && r->contains(r->first()) && r->contains(r->last()));
    } else {
        check(!error.empty());
    }

    error.clear();
    if (const auto b = Binding::parse(text, &error)) {
        check(Binding::parse(b->toString()) == b);
        check(b->port() != 0);
    } else {
        check(!error.empty());
    }
    return 0;
}
