#pragma once
// Which cmdlet produced an exported object, told from the object's content alone (the file
// name is the user's choice and proves nothing). CIM objects name their class in
// CimSystemProperties.ClassName; Exchange configuration objects list their AD classes in
// ObjectClass; when those are missing or truncated, the members that only that cmdlet's
// objects carry decide.

#include <string_view>

#include "core/io/powershell/json_document.h"

namespace mailtopo::io::powershell {

enum class Cmdlet : uint8_t {
    Unknown,
    ExchangeServer,
    ReceiveConnector,
    SendConnector,
    TransportConfig,
    AcceptedDomain,
    AdPermission,
    NetIPAddress,
    NetIPInterface,
    NetAdapter,
    NetRoute,
    DnsClientServerAddress,
};

// "Get-ReceiveConnector" …; "unknown" for Unknown.
std::string_view cmdletName(Cmdlet cmdlet);

// Exchange cmdlets versus the Windows networking (CIM) cmdlets.
bool isExchangeCmdlet(Cmdlet cmdlet);
bool isNetworkCmdlet(Cmdlet cmdlet);

// The cmdlet one exported object came from; Unknown when it is none the importer reads.
Cmdlet recogniseRecord(JsonValue record);

}  // namespace mailtopo::io::powershell
