#include "core/probe/probe_options.h"

#include <algorithm>

#include "core/net/domain_name.h"
#include "core/net/text_util.h"
#include "core/util/text_join.h"

namespace mailtopo::probe {
namespace {

std::string lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

// Builds by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
std::string quoted(const std::string& text) {
    std::string out = "'";
    out += text;
    out += '\'';
    return out;
}

}  // namespace

ProbeLimits ProbeLimits::fromSeconds(int seconds) {
    ProbeLimits limits;
    const int ms = std::clamp(seconds, 1, 3600) * 1000;
    limits.connectMs = ms;
    limits.replyMs = ms;
    limits.totalMs = 5 * ms;
    return limits;
}

ProbeOptions standardProbeOptions(const ProbeTarget& target, const std::string& domain) {
    ProbeOptions options;
    options.target = target;
    if (!domain.empty()) {
        options.acceptedDomains = {lower(domain)};
        options.recipients.push_back("postmaster@" + lower(domain));
        options.spoofFrom = std::string(kSpoofLocalPart) + "@" + lower(domain);
        options.spoofRecipient = "postmaster@" + lower(domain);
    }
    options.recipients.emplace_back(kDefaultRelayRecipient);
    return options;
}

std::string mailboxProblem(const std::string& address) {
    if (address.empty())
        return "an empty address";
    if (address.size() > 254)
        return quoted(address.substr(0, 40) + "...") + " is longer than 254 bytes";
    for (const char c : address) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == ',' || c == ';')
            return quoted(address) +
                   " holds a space, a control character, a non-ASCII byte or one of < > , ;";
    }
    const size_t at = address.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 == address.size())
        return quoted(address) + " is not local@domain";
    return {};
}

std::string heloProblem(const std::string& name) {
    if (name.empty() || name.size() > 255)
        return "the EHLO name must be 1-255 bytes";
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '[' || c == ']' ||
                        c == ':' || c == '_';
        if (!ok)
            return quoted(name) + " is not a host name or an address literal such as [192.0.2.7]";
    }
    return {};
}

std::string domainProblem(const std::string& domain) {
    std::string why;
    if (net::isValidDomainName(domain, true, false, why))
        return {};
    return cat(net::quoted(domain), " is not a domain name: ", why);
}

std::string domainOfAddress(const std::string& address) {
    const size_t at = address.rfind('@');
    return at == std::string::npos ? std::string() : lower(address.substr(at + 1));
}

bool isInDomains(const std::string& address, const std::vector<std::string>& domains) {
    const std::string domain = domainOfAddress(address);
    return !domain.empty() &&
           std::any_of(domains.begin(), domains.end(), [&](const std::string& d) {
               const std::string want = lower(d);
               // "*.contoso.example" accepts subdomains, as Exchange accepted domains do.
               if (want.starts_with("*."))
                   return domain.ends_with(want.substr(1));
               return domain == want;
           });
}

}  // namespace mailtopo::probe
