#pragma once
// Enumerations of the semantic design, with their one spelling in files and the CLI.
// Names follow the vendor's own spelling where one exists (Exchange cmdlets, AD
// extended rights), so an imported value and a drawn one read the same.

#include "core/util/enum_text.h"

namespace mailtopo::model {

// ---- hosts --------------------------------------------------------------------------

enum class HostKind : uint8_t {
    ExchangeServer,
    InternetSender,     // any SMTP client on the internet (spammer, partner's MTA, test host)
    ApplicationClient,  // scanner, line-of-business app, printer: submits through a relay connector
    SmartHost,          // relays outbound mail for others (ISP relay, cloud filter outbound)
    MailGateway,        // filter / hygiene appliance in front of Exchange
    Partner,            // a partner organisation's MTA (TLS/domain-secure peers)
};

enum class OperatingSystem : uint8_t {
    Windows2003,  // pre-2008: weak host model, primary-address source selection (R8)
    Windows2008,
    Windows2008R2,
    Windows2012,
    Windows2012R2,
    Windows2016,
    Windows2019,
    Windows2022,
    Windows2025,
    Linux,
    Appliance,
    Other,
};

enum class ExchangeVersion : uint8_t { Ex2003, Ex2007, Ex2010, Ex2013, Ex2016, Ex2019, ExSE };

enum class ExchangeRole : uint8_t { Mailbox, ClientAccess, HubTransport, Edge };

enum class AddressOrigin : uint8_t { Manual, Dhcp, LinkLocal };

// ---- network ------------------------------------------------------------------------

enum class SegmentKind : uint8_t { Lan, Dmz, Internet };

enum class LoadBalancerMode : uint8_t { Snat, Transparent, Dsr };

enum class FirewallAction : uint8_t { Allow, Deny };

enum class UnmatchedOutbound : uint8_t { InterfacePat, Block };

// ---- Exchange -----------------------------------------------------------------------

enum class TransportRole : uint8_t { FrontendTransport, HubTransport };

enum class PermissionGroup : uint8_t {
    None,
    AnonymousUsers,
    ExchangeUsers,
    ExchangeServers,
    ExchangeLegacyServers,
    Partners,
    Custom,
};

enum class AuthMechanism : uint8_t {
    None,
    Tls,
    Integrated,
    BasicAuth,
    BasicAuthRequireTLS,
    ExchangeServer,
    ExternalAuthoritative,
};

enum class ExtendedRight : uint8_t {
    Submit,
    AcceptAnyRecipient,
    AcceptAnySender,
    AcceptAuthoritativeDomainSender,
    AcceptAuthenticationFlag,
    AcceptExch50,
    BypassAntiSpam,
    BypassMessageSizeLimit,
    AcceptRoutingHeaders,
    AcceptOrganizationHeaders,
    AcceptForestHeaders,
};

enum class AcceptedDomainType : uint8_t { Authoritative, InternalRelay, ExternalRelay };

enum class SmartHostAuth : uint8_t {
    None,
    BasicAuth,
    BasicAuthRequireTLS,
    ExchangeServer,
    ExternalAuthoritative,
};

enum class SenderIdAction : uint8_t { StampStatus, Reject, Delete };

enum class DnsView : uint8_t { External, Internal };

// ---- flows --------------------------------------------------------------------------

// How a traced connection attempt ends. The simulator decides it (core/sim/trace.h uses this
// enumeration as sim::DispositionKind); a design flow may state the one it expects.
enum class DispositionKind : uint8_t {
    Delivered,         // accepted for a local/accepted-domain recipient
    Relayed,           // accepted for a non-accepted recipient (relay right used)
    Rejected,          // an SMTP 4xx/5xx reply ended the dialogue
    QueuedRetry,       // the sender keeps the message queued (e.g. 451 5.7.3)
    Dropped,           // a device or host discarded a packet
    Reset,             // a RST ended the attempt
    Timeout,           // the client never got what it waited for
    InsufficientInfo,  // the design lacks what a decision needs
};

}  // namespace mailtopo::model

namespace mailtopo {
using namespace std::string_view_literals;

#define MAILTOPO_ENUM_TEXT(E, ...)                                              \
    template <>                                                                 \
    struct EnumTraits<E> {                                                      \
        static constexpr std::pair<E, std::string_view> list[] = {__VA_ARGS__}; \
        static constexpr auto items = std::to_array(list);                      \
    };

MAILTOPO_ENUM_TEXT(model::HostKind, {model::HostKind::ExchangeServer, "exchange-server"},
                   {model::HostKind::InternetSender, "internet-sender"},
                   {model::HostKind::ApplicationClient, "application-client"},
                   {model::HostKind::SmartHost, "smart-host"},
                   {model::HostKind::MailGateway, "mail-gateway"},
                   {model::HostKind::Partner, "partner"})
MAILTOPO_ENUM_TEXT(model::OperatingSystem, {model::OperatingSystem::Windows2003, "windows-2003"},
                   {model::OperatingSystem::Windows2008, "windows-2008"},
                   {model::OperatingSystem::Windows2008R2, "windows-2008-r2"},
                   {model::OperatingSystem::Windows2012, "windows-2012"},
                   {model::OperatingSystem::Windows2012R2, "windows-2012-r2"},
                   {model::OperatingSystem::Windows2016, "windows-2016"},
                   {model::OperatingSystem::Windows2019, "windows-2019"},
                   {model::OperatingSystem::Windows2022, "windows-2022"},
                   {model::OperatingSystem::Windows2025, "windows-2025"},
                   {model::OperatingSystem::Linux, "linux"},
                   {model::OperatingSystem::Appliance, "appliance"},
                   {model::OperatingSystem::Other, "other"})
MAILTOPO_ENUM_TEXT(model::ExchangeVersion, {model::ExchangeVersion::Ex2003, "2003"},
                   {model::ExchangeVersion::Ex2007, "2007"},
                   {model::ExchangeVersion::Ex2010, "2010"},
                   {model::ExchangeVersion::Ex2013, "2013"},
                   {model::ExchangeVersion::Ex2016, "2016"},
                   {model::ExchangeVersion::Ex2019, "2019"}, {model::ExchangeVersion::ExSE, "SE"})
MAILTOPO_ENUM_TEXT(model::ExchangeRole, {model::ExchangeRole::Mailbox, "Mailbox"},
                   {model::ExchangeRole::ClientAccess, "ClientAccess"},
                   {model::ExchangeRole::HubTransport, "HubTransport"},
                   {model::ExchangeRole::Edge, "Edge"})
MAILTOPO_ENUM_TEXT(model::AddressOrigin, {model::AddressOrigin::Manual, "manual"},
                   {model::AddressOrigin::Dhcp, "dhcp"},
                   {model::AddressOrigin::LinkLocal, "link-local"})
MAILTOPO_ENUM_TEXT(model::SegmentKind, {model::SegmentKind::Lan, "lan"},
                   {model::SegmentKind::Dmz, "dmz"}, {model::SegmentKind::Internet, "internet"})
MAILTOPO_ENUM_TEXT(model::LoadBalancerMode, {model::LoadBalancerMode::Snat, "snat"},
                   {model::LoadBalancerMode::Transparent, "transparent"},
                   {model::LoadBalancerMode::Dsr, "dsr"})
MAILTOPO_ENUM_TEXT(model::FirewallAction, {model::FirewallAction::Allow, "allow"},
                   {model::FirewallAction::Deny, "deny"})
MAILTOPO_ENUM_TEXT(model::UnmatchedOutbound,
                   {model::UnmatchedOutbound::InterfacePat, "interface-pat"},
                   {model::UnmatchedOutbound::Block, "block"})
MAILTOPO_ENUM_TEXT(model::TransportRole,
                   {model::TransportRole::FrontendTransport, "FrontendTransport"},
                   {model::TransportRole::HubTransport, "HubTransport"})
MAILTOPO_ENUM_TEXT(model::PermissionGroup, {model::PermissionGroup::None, "None"},
                   {model::PermissionGroup::AnonymousUsers, "AnonymousUsers"},
                   {model::PermissionGroup::ExchangeUsers, "ExchangeUsers"},
                   {model::PermissionGroup::ExchangeServers, "ExchangeServers"},
                   {model::PermissionGroup::ExchangeLegacyServers, "ExchangeLegacyServers"},
                   {model::PermissionGroup::Partners, "Partners"},
                   {model::PermissionGroup::Custom, "Custom"})
MAILTOPO_ENUM_TEXT(model::AuthMechanism, {model::AuthMechanism::None, "None"},
                   {model::AuthMechanism::Tls, "Tls"},
                   {model::AuthMechanism::Integrated, "Integrated"},
                   {model::AuthMechanism::BasicAuth, "BasicAuth"},
                   {model::AuthMechanism::BasicAuthRequireTLS, "BasicAuthRequireTLS"},
                   {model::AuthMechanism::ExchangeServer, "ExchangeServer"},
                   {model::AuthMechanism::ExternalAuthoritative, "ExternalAuthoritative"})
MAILTOPO_ENUM_TEXT(
    model::ExtendedRight, {model::ExtendedRight::Submit, "ms-Exch-SMTP-Submit"},
    {model::ExtendedRight::AcceptAnyRecipient, "ms-Exch-SMTP-Accept-Any-Recipient"},
    {model::ExtendedRight::AcceptAnySender, "ms-Exch-SMTP-Accept-Any-Sender"},
    {model::ExtendedRight::AcceptAuthoritativeDomainSender,
     "ms-Exch-SMTP-Accept-Authoritative-Domain-Sender"},
    {model::ExtendedRight::AcceptAuthenticationFlag, "ms-Exch-SMTP-Accept-Authentication-Flag"},
    {model::ExtendedRight::AcceptExch50, "ms-Exch-SMTP-Accept-Exch50"},
    {model::ExtendedRight::BypassAntiSpam, "ms-Exch-Bypass-Anti-Spam"},
    {model::ExtendedRight::BypassMessageSizeLimit, "ms-Exch-Bypass-Message-Size-Limit"},
    {model::ExtendedRight::AcceptRoutingHeaders, "ms-Exch-Accept-Headers-Routing"},
    {model::ExtendedRight::AcceptOrganizationHeaders, "ms-Exch-Accept-Headers-Organization"},
    {model::ExtendedRight::AcceptForestHeaders, "ms-Exch-Accept-Headers-Forest"})
MAILTOPO_ENUM_TEXT(model::AcceptedDomainType,
                   {model::AcceptedDomainType::Authoritative, "Authoritative"},
                   {model::AcceptedDomainType::InternalRelay, "InternalRelay"},
                   {model::AcceptedDomainType::ExternalRelay, "ExternalRelay"})
MAILTOPO_ENUM_TEXT(model::SmartHostAuth, {model::SmartHostAuth::None, "None"},
                   {model::SmartHostAuth::BasicAuth, "BasicAuth"},
                   {model::SmartHostAuth::BasicAuthRequireTLS, "BasicAuthRequireTLS"},
                   {model::SmartHostAuth::ExchangeServer, "ExchangeServer"},
                   {model::SmartHostAuth::ExternalAuthoritative, "ExternalAuthoritative"})
MAILTOPO_ENUM_TEXT(model::SenderIdAction, {model::SenderIdAction::StampStatus, "StampStatus"},
                   {model::SenderIdAction::Reject, "Reject"},
                   {model::SenderIdAction::Delete, "Delete"})
MAILTOPO_ENUM_TEXT(model::DnsView, {model::DnsView::External, "external"},
                   {model::DnsView::Internal, "internal"})
MAILTOPO_ENUM_TEXT(model::DispositionKind, {model::DispositionKind::Delivered, "delivered"},
                   {model::DispositionKind::Relayed, "relayed"},
                   {model::DispositionKind::Rejected, "rejected"},
                   {model::DispositionKind::QueuedRetry, "queued-retry"},
                   {model::DispositionKind::Dropped, "dropped"},
                   {model::DispositionKind::Reset, "reset"},
                   {model::DispositionKind::Timeout, "timeout"},
                   {model::DispositionKind::InsufficientInfo, "insufficient-info"})

#undef MAILTOPO_ENUM_TEXT
}  // namespace mailtopo
