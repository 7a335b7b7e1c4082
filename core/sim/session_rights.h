#pragma once
// R21/R22: the principal of an SMTP session and the extended rights it holds on a receive
// connector (permission groups plus explicit allow ACEs, minus deny ACEs).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/exchange.h"
#include "core/util/enum_text.h"

namespace mailtopo::sim {

enum class Principal : uint8_t {
    Anonymous,          // NT AUTHORITY\ANONYMOUS LOGON
    Authenticated,      // NT AUTHORITY\Authenticated Users (AUTH completed)
    ExchangeServers,    // Exchange Server authentication (X-EXPS) by a 2007+ server
    ExternallySecured,  // ExternalAuthoritative connector
    LegacyInterop,      // Exchange Server authentication by a 2003 server
    Partner,            // mutual-TLS domain-secure partner
};

std::string principalName(Principal principal);

struct SessionRights {
    FlagSet<model::ExtendedRight> rights;
    std::string grantedBy;  // "AnonymousUsers, ExchangeServers": the groups that granted any
    std::string aces;       // "allow AnyRcpt, deny AnySender": the explicit ACEs that applied
};

SessionRights grantRights(const model::ReceiveConnector& connector, Principal principal);

// R22 short name of an extended right ("AnyRcpt"); stable, used in traces and findings.
std::string_view rightShortName(model::ExtendedRight right);
// "Submit, AnyRcpt, HdrR", or "none".
std::string rightsText(const FlagSet<model::ExtendedRight>& rights);

}  // namespace mailtopo::sim
