#pragma once
// SPF results (RFC 7208 §2.6) and qualifiers (§4.6.2).

#include <cstdint>
#include <optional>
#include <string_view>

namespace mailtopo::dns {

enum class SpfResult : uint8_t { None, Neutral, Pass, Fail, SoftFail, TempError, PermError };

// "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"
std::string_view spfResultName(SpfResult result);
std::optional<SpfResult> parseSpfResult(std::string_view text);

enum class Qualifier : uint8_t { Pass, Fail, SoftFail, Neutral };

char qualifierChar(Qualifier q);  // '+', '-', '~', '?'
SpfResult qualifierResult(Qualifier q);

// Which identity check_host() is run for (RFC 7208 §2.3, §2.4).
enum class SpfIdentity : uint8_t { MailFrom, Helo };
std::string_view spfIdentityName(SpfIdentity identity);  // "mailfrom", "helo"

}  // namespace mailtopo::dns
