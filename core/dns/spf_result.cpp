#include "core/dns/spf_result.h"

#include <array>

namespace mailtopo::dns {
namespace {

constexpr std::array<std::string_view, 7> kResultNames{"none",     "neutral",   "pass",     "fail",
                                                       "softfail", "temperror", "permerror"};

}  // namespace

std::string_view spfResultName(SpfResult result) {
    return kResultNames[static_cast<size_t>(result)];
}

std::optional<SpfResult> parseSpfResult(std::string_view text) {
    for (size_t i = 0; i < kResultNames.size(); ++i) {
        if (kResultNames[i] == text)
            return static_cast<SpfResult>(i);
    }
    return std::nullopt;
}

char qualifierChar(Qualifier q) {
    switch (q) {
        case Qualifier::Pass:
            return '+';
        case Qualifier::Fail:
            return '-';
        case Qualifier::SoftFail:
            return '~';
        case Qualifier::Neutral:
            return '?';
    }
    return '+';
}

SpfResult qualifierResult(Qualifier q) {
    switch (q) {
        case Qualifier::Pass:
            return SpfResult::Pass;
        case Qualifier::Fail:
            return SpfResult::Fail;
        case Qualifier::SoftFail:
            return SpfResult::SoftFail;
        case Qualifier::Neutral:
            return SpfResult::Neutral;
    }
    return SpfResult::Pass;
}

std::string_view spfIdentityName(SpfIdentity identity) {
    return identity == SpfIdentity::Helo ? "helo" : "mailfrom";
}

}  // namespace mailtopo::dns
