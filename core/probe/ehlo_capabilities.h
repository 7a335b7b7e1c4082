#pragma once
// What a server advertises in its EHLO reply (RFC 5321 section 4.1.1.1): the greeting line,
// then one service extension per line, "KEYWORD params…". Exchange adds its own verbs
// (X-ANONYMOUSTLS, X-EXPS GSSAPI NTLM, XEXCH50 …), which the probe records like any other.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/probe/smtp_reply.h"

namespace mailtopo::probe {

struct EhloExtension {
    std::string keyword;              // upper case: "STARTTLS", "AUTH", "X-EXPS"
    std::vector<std::string> params;  // as sent: {"GSSAPI", "NTLM"}

    bool operator==(const EhloExtension&) const = default;
};

struct EhloCapabilities {
    std::string greeting;  // the first line: "mail.contoso.example Hello [192.0.2.7]"
    std::vector<EhloExtension> extensions;

    bool has(std::string_view keyword) const;
    const EhloExtension* find(std::string_view keyword) const;
    // AUTH mechanisms, including the pre-RFC "AUTH=LOGIN" form old servers still send,
    // upper case, each once, in the order advertised.
    std::vector<std::string> authMechanisms() const;
    // SIZE's parameter (RFC 1870); nothing when absent or without a number.
    std::optional<long long> sizeLimit() const;

    bool operator==(const EhloCapabilities&) const = default;
};

// Reads a positive EHLO reply; a HELO reply gives the greeting and no extensions.
EhloCapabilities parseEhlo(const SmtpReply& reply);

}  // namespace mailtopo::probe
