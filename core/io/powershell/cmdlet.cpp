#include "core/io/powershell/cmdlet.h"

#include <array>
#include <utility>

namespace mailtopo::io::powershell {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

bool has(JsonValue record, std::string_view name) {
    return record.member(name).valid();
}

Cmdlet fromCimClass(std::string_view className) {
    static constexpr std::array<std::pair<std::string_view, Cmdlet>, 5> classes = {{
        {"MSFT_NetIPAddress", Cmdlet::NetIPAddress},
        {"MSFT_NetIPInterface", Cmdlet::NetIPInterface},
        {"MSFT_NetAdapter", Cmdlet::NetAdapter},
        {"MSFT_NetRoute", Cmdlet::NetRoute},
        {"MSFT_DNSClientServerAddress", Cmdlet::DnsClientServerAddress},
    }};
    for (const auto& [name, cmdlet] : classes) {
        if (equalsIgnoreCase(className, name))
            return cmdlet;
    }
    return Cmdlet::Unknown;
}

// ObjectClass: ["top", "msExchSmtpReceiveConnector"], or one space-joined string when the
// export's depth truncated it.
Cmdlet fromObjectClass(JsonValue objectClass) {
    static constexpr std::array<std::pair<std::string_view, Cmdlet>, 6> classes = {{
        {"msExchSmtpReceiveConnector", Cmdlet::ReceiveConnector},
        {"msExchRoutingSMTPConnector", Cmdlet::SendConnector},
        {"msExchSmtpSendConnector", Cmdlet::SendConnector},
        {"msExchAcceptedDomain", Cmdlet::AcceptedDomain},
        {"msExchExchangeServer", Cmdlet::ExchangeServer},
        {"msExchTransportSettings", Cmdlet::TransportConfig},
    }};
    auto match = [&](std::string_view word) {
        for (const auto& [name, cmdlet] : classes) {
            if (equalsIgnoreCase(word, name))
                return cmdlet;
        }
        return Cmdlet::Unknown;
    };
    if (objectClass.isArray()) {
        for (size_t i = 0; i < objectClass.size(); ++i) {
            const Cmdlet c = match(objectClass.at(i).text());
            if (c != Cmdlet::Unknown)
                return c;
        }
    } else if (objectClass.isString()) {
        std::string_view rest = objectClass.text();
        while (!rest.empty()) {
            const size_t space = rest.find(' ');
            const Cmdlet c = match(rest.substr(0, space));
            if (c != Cmdlet::Unknown)
                return c;
            if (space == std::string_view::npos)
                break;
            rest.remove_prefix(space + 1);
        }
    }
    return Cmdlet::Unknown;
}

// The members only that cmdlet's objects carry, for objects without usable class data.
Cmdlet fromMembers(JsonValue r) {
    if (has(r, "Bindings") && has(r, "RemoteIPRanges"))
        return Cmdlet::ReceiveConnector;
    if (has(r, "AddressSpaces") &&
        (has(r, "SmartHosts") || has(r, "DNSRoutingEnabled") || has(r, "SourceTransportServers")))
        return Cmdlet::SendConnector;
    if (has(r, "InternalSMTPServers"))
        return Cmdlet::TransportConfig;
    if (has(r, "DomainName") && has(r, "DomainType"))
        return Cmdlet::AcceptedDomain;
    if (has(r, "AdminDisplayVersion") && (has(r, "ServerRole") || has(r, "IsHubTransportServer")))
        return Cmdlet::ExchangeServer;
    if (has(r, "User") && (has(r, "ExtendedRights") || has(r, "AccessRights")) &&
        (has(r, "Deny") || has(r, "IsInherited")))
        return Cmdlet::AdPermission;
    if (has(r, "DestinationPrefix") && has(r, "NextHop"))
        return Cmdlet::NetRoute;
    if (has(r, "ServerAddresses") && (has(r, "InterfaceIndex") || has(r, "InterfaceAlias")))
        return Cmdlet::DnsClientServerAddress;
    if (has(r, "IPAddress") && has(r, "PrefixLength"))
        return Cmdlet::NetIPAddress;
    if ((has(r, "WeakHostSend") || has(r, "WeakHostReceive")) && has(r, "InterfaceMetric"))
        return Cmdlet::NetIPInterface;
    if ((has(r, "MacAddress") || has(r, "LinkSpeed")) &&
        (has(r, "InterfaceDescription") || has(r, "ifDesc")))
        return Cmdlet::NetAdapter;
    return Cmdlet::Unknown;
}

}  // namespace

std::string_view cmdletName(Cmdlet cmdlet) {
    switch (cmdlet) {
        case Cmdlet::Unknown:
            return "unknown";
        case Cmdlet::ExchangeServer:
            return "Get-ExchangeServer";
        case Cmdlet::ReceiveConnector:
            return "Get-ReceiveConnector";
        case Cmdlet::SendConnector:
            return "Get-SendConnector";
        case Cmdlet::TransportConfig:
            return "Get-TransportConfig";
        case Cmdlet::AcceptedDomain:
            return "Get-AcceptedDomain";
        case Cmdlet::AdPermission:
            return "Get-ADPermission";
        case Cmdlet::NetIPAddress:
            return "Get-NetIPAddress";
        case Cmdlet::NetIPInterface:
            return "Get-NetIPInterface";
        case Cmdlet::NetAdapter:
            return "Get-NetAdapter";
        case Cmdlet::NetRoute:
            return "Get-NetRoute";
        case Cmdlet::DnsClientServerAddress:
            return "Get-DnsClientServerAddress";
    }
    return "unknown";
}

bool isExchangeCmdlet(Cmdlet cmdlet) {
    return cmdlet >= Cmdlet::ExchangeServer && cmdlet <= Cmdlet::AdPermission;
}

bool isNetworkCmdlet(Cmdlet cmdlet) {
    return cmdlet >= Cmdlet::NetIPAddress;
}

Cmdlet recogniseRecord(JsonValue record) {
    if (!record.isObject())
        return Cmdlet::Unknown;
    const JsonValue cim = record.member("CimSystemProperties");
    if (cim.isObject()) {
        const Cmdlet c = fromCimClass(cim.member("ClassName").text());
        if (c != Cmdlet::Unknown)
            return c;
    }
    const Cmdlet byClass = fromObjectClass(record.member("ObjectClass"));
    if (byClass != Cmdlet::Unknown)
        return byClass;
    return fromMembers(record);
}

}  // namespace mailtopo::io::powershell
