// Readers for the Exchange cmdlets (powershell-exports.md §2–§3). Each value is accepted in the
// Exchange Management Shell object form (real .NET types walked by ConvertTo-Json: enums as
// integers, IPBinding/IPRange/ADObjectId objects) and in the remote-session string form
// (everything as its ToString text, enums as names).

#include <array>
#include <charconv>

#include "core/io/powershell/record_readers.h"

namespace mailtopo::io::powershell::detail {
namespace {

using model::AuthMechanism;
using model::ExchangeRole;
using model::ExchangeVersion;
using model::PermissionGroup;

constexpr std::array<EnumEntry, 7> kPermissionGroups = {{{"None", 0},
                                                         {"AnonymousUsers", 1},
                                                         {"ExchangeUsers", 2},
                                                         {"ExchangeServers", 4},
                                                         {"ExchangeLegacyServers", 8},
                                                         {"Partners", 16},
                                                         {"Custom", 32}}};

constexpr std::array<EnumEntry, 7> kAuthMechanisms = {{{"None", 0},
                                                       {"Tls", 1},
                                                       {"Integrated", 2},
                                                       {"BasicAuth", 4},
                                                       {"BasicAuthRequireTLS", 8},
                                                       {"ExchangeServer", 16},
                                                       {"ExternalAuthoritative", 32}}};

constexpr std::array<EnumEntry, 26> kServerRoles = {{{"None", 0},
                                                     {"Cafe", 1},
                                                     {"Mailbox", 2},
                                                     {"ClientAccess", 4},
                                                     {"UnifiedMessaging", 16},
                                                     {"HubTransport", 32},
                                                     {"Edge", 64},
                                                     {"Monitoring", 128},
                                                     {"CentralAdmin", 256},
                                                     {"CentralAdminDatabase", 512},
                                                     {"DomainController", 1024},
                                                     {"WindowsDeploymentServer", 2048},
                                                     {"ProvisionedServer", 4096},
                                                     {"LanguagePacks", 8192},
                                                     {"FrontendTransport", 16384},
                                                     {"CafeArray", 32768},
                                                     {"FfoWebService", 65536},
                                                     {"OSP", 131072},
                                                     {"ARR", 262144},
                                                     {"ManagementFrontEnd", 524288},
                                                     {"ManagementBackEnd", 1048576},
                                                     {"SCOM", 2097152},
                                                     {"CentralAdminFrontEnd", 4194304},
                                                     {"NAT", 8388608},
                                                     {"DHCP", 16777216},
                                                     {"All", 16503}}};

constexpr std::array<EnumEntry, 5> kSmartHostAuth = {{{"None", 0},
                                                      {"BasicAuth", 2},
                                                      {"BasicAuthRequireTLS", 4},
                                                      {"ExchangeServer", 8},
                                                      {"ExternalAuthoritative", 16}}};

constexpr std::array<EnumEntry, 3> kAcceptedDomainTypes = {
    {{"Authoritative", 0}, {"ExternalRelay", 1}, {"InternalRelay", 2}}};

constexpr std::array<EnumEntry, 5> kRangeFormats = {
    {{"Invalid", 0}, {"CIDR", 1}, {"Netmask", 2}, {"LoHi", 3}, {"SingleAddress", 4}}};

template <class E, size_t N>
FlagSet<E> toFlags(uint64_t bits, const std::array<std::pair<uint64_t, E>, N>& map, E none) {
    FlagSet<E> out;
    for (const auto& [bit, flag] : map) {
        if ((bits & bit) != 0)
            out.insert(flag);
    }
    if (bits == 0)
        out.insert(none);
    return out;
}

std::string sizeFix() {
    return "export through a remote session (Import-PSSession), where sizes are written as text, "
           "or use packaging/powershell/Export-MailTopology.ps1, which adds MaxMessageSizeBytes";
}

// An IPAddress object of the EMS form: IPv4 carries the address as a little-endian integer in
// Address; IPv6 has no readable member (Address throws, so it is null).
std::optional<net::Address> ipAddressObject(JsonValue v) {
    if (const auto text = v.member("IPAddressToString"); text.isString())
        return net::Address::parse(text.text());
    const auto family = v.member("AddressFamily");
    const bool v4 = family.int64() == 2 || equalsIgnoreCase(family.text(), "InterNetwork");
    if (v4) {
        if (const auto raw = v.member("Address").int64();
            raw && *raw >= 0 && *raw <= 0xFFFFFFFFLL) {
            const auto le = static_cast<uint32_t>(*raw);
            const uint32_t host =
                ((le & 0xFF) << 24) | ((le & 0xFF00) << 8) | ((le >> 8) & 0xFF00) | (le >> 24);
            return net::Address::v4(host);
        }
    }
    return std::nullopt;
}

std::optional<net::Address> addressItem(JsonValue v, std::string_view text) {
    if (v.isObject())
        return ipAddressObject(v);
    std::string_view t = trim(v.valid() ? v.text() : text);
    if (t.size() >= 2 && t.front() == '[' && t.back() == ']')
        t = t.substr(1, t.size() - 2);
    const size_t zone = t.find('%');
    return net::Address::parse(t.substr(0, zone));
}

std::optional<net::Binding> bindingItem(const ListItem& item, std::string& problem) {
    if (item.isText()) {
        if (auto b = net::Binding::parse(item.asText(), &problem))
            return b;
        return std::nullopt;
    }
    const JsonValue v = item.value;
    if (!v.isObject()) {
        problem = "not a binding";
        return std::nullopt;
    }
    const auto port = v.member("Port").int64();
    const JsonValue addressValue = v.member("Address");
    std::optional<net::Address> address = addressItem(addressValue, {});
    if (!address && addressValue.isObject()) {
        // An IPv6 IPAddress object loses its text; only the wildcard can be inferred.
        problem =
            "the IPv6 address of this binding was written as an IPAddress object without "
            "its text";
        return std::nullopt;
    }
    if (!address || !port || *port < 1 || *port > 65535) {
        problem = "needs Port and Address";
        return std::nullopt;
    }
    return net::Binding(*address, static_cast<uint16_t>(*port));
}

std::optional<net::IpRange> rangeItem(const ListItem& item, std::string& problem) {
    if (item.isText())
        return net::IpRange::parse(item.asText(), &problem);
    const JsonValue v = item.value;
    if (!v.isObject()) {
        problem = "not an IP range";
        return std::nullopt;
    }
    // Expression is the text the admin typed: the best single field (§2.4).
    if (const JsonValue expression = v.member("Expression"); expression.isString()) {
        if (auto r = net::IpRange::parse(expression.text(), &problem))
            return r;
    }
    const JsonValue lower = v.member("LowerBound");
    const JsonValue upper = v.member("UpperBound");
    if (!lower.isString()) {
        problem = "the range has neither Expression nor LowerBound text";
        return std::nullopt;
    }
    const auto lo = net::Address::parse(trim(lower.text()));
    const auto hi = upper.isString() ? net::Address::parse(trim(upper.text())) : lo;
    if (!lo || !hi || lo->family() != hi->family()) {
        problem = "LowerBound/UpperBound are not addresses of one family";
        return std::nullopt;
    }
    const auto cidr = v.member("CIDRLength").int64();
    const JsonValue formatValue = v.member("RangeFormat");
    int64_t format = formatValue.int64().value_or(-1);
    if (formatValue.isString()) {
        for (const auto& e : kRangeFormats) {
            if (equalsIgnoreCase(e.name, trim(formatValue.text())))
                format = static_cast<int64_t>(e.value);
        }
    }
    if (cidr && (format == 1 || format == -1) && *cidr >= 0 && *cidr <= lo->bitWidth())
        return net::IpRange::cidr(net::Prefix(*lo, static_cast<int>(*cidr)));
    if (*lo == *hi)
        return net::IpRange::single(*lo);
    return net::IpRange::span(*lo, *hi);
}

// Reads a list member item by item; unreadable items are reported and left out.
template <class T, class ItemReader>
std::optional<std::vector<T>> readList(Record& r, std::string_view field, ItemReader readItem) {
    const auto items = r.list(field);
    if (!items)
        return std::nullopt;
    std::vector<T> out;
    for (const ListItem& item : *items) {
        std::string problem;
        if (auto value = readItem(item, problem)) {
            out.push_back(*value);
            continue;
        }
        const std::string shown = item.isText() ? inQuotes(item.asText()) : std::string("an entry");
        r.issue(item.value.valid() ? item.value : r.get(field), field,
                shown + " could not be read (" + problem + ") and was left out", {}, true);
    }
    return out;
}

// ByteQuantifiedSize / Unlimited<ByteQuantifiedSize>: "36 MB (37,748,736 bytes)", "Unlimited",
// {"IsUnlimited": …, "Value": …}, or {} in the EMS object form, where the size is lost.
std::optional<std::optional<long long>> readSize(Record& r, std::string_view field) {
    // The MailTopo collector adds the size in bytes next to the original member.
    const std::string bytesMember = std::string(field) + "Bytes";
    if (const JsonValue helper = r.get(bytesMember); helper.valid() && !helper.isObject()) {
        if (helper.isNull())
            return std::optional<long long>{};
        if (const auto n = helper.int64(); n && *n >= 0)
            return std::optional<long long>(*n);
    }
    JsonValue v = r.get(field);
    if (!v.valid())
        return std::nullopt;
    if (v.isNull())
        return std::optional<long long>{};
    if (v.isObject() && v.member("IsUnlimited").valid()) {
        if (v.member("IsUnlimited").boolean())
            return std::optional<long long>{};
        v = v.member("Value");
    }
    if (const auto n = v.int64(); n && *n >= 0)
        return std::optional<long long>(*n);
    if (v.isString()) {
        if (auto size = parseByteSize(v.text()))
            return size;
        r.issue(v, field, inQuotes(v.text()) + " is not a size", {});
        return std::nullopt;
    }
    if (v.isObject()) {
        r.issue(v, field,
                "a ByteQuantifiedSize has no public properties, so ConvertTo-Json wrote it as {} "
                "(Exchange Management Shell object form); the size is not in the file",
                sizeFix());
    }
    return std::nullopt;
}

// Fqdn: a string, {"Domain": "…"}, or null (not set).
std::optional<std::string> readFqdn(Record& r, std::string_view field) {
    const JsonValue v = r.get(field);
    if (!v.valid())
        return std::nullopt;
    if (v.isNull())
        return std::string();
    if (v.isString())
        return std::string(trim(v.text()));
    if (v.isObject()) {
        if (const JsonValue domain = v.member("Domain"); domain.isString())
            return std::string(trim(domain.text()));
    }
    r.issue(v, field, "expected a host name", {});
    return std::nullopt;
}

// "CN=Transport Settings,CN=Contoso,CN=Microsoft Exchange,CN=Services,…" → "Contoso".
std::optional<std::string> organizationFromDn(std::string_view dn) {
    const std::string_view marker = ",CN=Microsoft Exchange,";
    const std::string lower = lowercase(dn);
    const size_t at = lower.find(lowercase(marker));
    if (at == std::string::npos)
        return std::nullopt;
    const size_t start = dn.rfind("CN=", at);
    if (start == std::string_view::npos)
        return std::nullopt;
    std::string_view name = dn.substr(start + 3, at - start - 3);
    if (name.empty())
        return std::nullopt;
    return std::string(name);
}

void observeOrganization(Record& r) {
    ObservedOrganization& org = r.file().set.organization;
    if (org.name.has())
        return;
    const JsonValue dn = r.get("DistinguishedName");
    if (!dn.isString())
        return;
    if (auto name = organizationFromDn(dn.text())) {
        org.name.value = *name;
        org.name.file = r.file().name;
    }
}

// AdminDisplayVersion: {Major, Minor, Build, Revision} or "Version 15.2 (Build 1544.4)";
// also a plain "15.2.1544.4".
struct ProductVersion {
    int64_t major = 0;
    int64_t minor = 0;
    int64_t build = 0;
};

std::optional<ProductVersion> parseVersionText(std::string_view text) {
    std::vector<int64_t> numbers;
    size_t i = 0;
    while (i < text.size() && numbers.size() < 4) {
        if (text[i] >= '0' && text[i] <= '9') {
            int64_t n = 0;
            const auto r = std::from_chars(text.data() + i, text.data() + text.size(), n);
            numbers.push_back(n);
            i = static_cast<size_t>(r.ptr - text.data());
        } else {
            ++i;
        }
    }
    if (numbers.size() < 2)
        return std::nullopt;
    return ProductVersion{numbers[0], numbers[1], numbers.size() > 2 ? numbers[2] : 0};
}

std::optional<ExchangeVersion> exchangeVersion(const ProductVersion& v) {
    switch (v.major) {
        case 6:
            return ExchangeVersion::Ex2003;
        case 8:
            return ExchangeVersion::Ex2007;
        case 14:
            return ExchangeVersion::Ex2010;
        case 15:
            if (v.minor == 0)
                return ExchangeVersion::Ex2013;
            if (v.minor == 1)
                return ExchangeVersion::Ex2016;
            if (v.minor == 2)  // Subscription Edition RTM is 15.2.2562
                return v.build >= 2562 ? ExchangeVersion::ExSE : ExchangeVersion::Ex2019;
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

std::string versionText(const ProductVersion& v) {
    return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.build);
}

// Splits "SERVER\Name".
std::optional<std::pair<std::string, std::string>> splitIdentity(std::string_view identity) {
    const size_t slash = identity.find('\\');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= identity.size())
        return std::nullopt;
    return std::make_pair(std::string(trim(identity.substr(0, slash))),
                          std::string(trim(identity.substr(slash + 1))));
}

// Server and connector name of a receive connector or of the connector an ACE belongs to:
// Server/Name members, the "SERVER\Name" identity, or the distinguished name.
std::optional<std::pair<std::string, std::string>> connectorIdentity(Record& r, bool useOwnName) {
    std::optional<std::string> server = useOwnName ? referenceName(r.get("Server")) : std::nullopt;
    std::optional<std::string> name = useOwnName ? scalarText(r.get("Name")) : std::nullopt;
    if (server && isTypeName(*server))
        server.reset();
    const JsonValue identity = r.get("Identity");
    if ((!server || !name) && identity.isString()) {
        if (auto parts = splitIdentity(identity.text())) {
            if (!server)
                server = parts->first;
            if (!name)
                name = parts->second;
        }
    }
    if (!server || !name) {
        std::optional<std::string> dn;
        if (identity.isObject() && identity.member("DistinguishedName").isString())
            dn = std::string(identity.member("DistinguishedName").text());
        else if (useOwnName && r.get("DistinguishedName").isString())
            dn = std::string(r.get("DistinguishedName").text());
        if (dn) {
            if (auto parts = receiveConnectorFromDn(*dn)) {
                if (!server)
                    server = parts->first;
                if (!name)
                    name = parts->second;
            }
        }
    }
    if (!server || !name || server->empty() || name->empty())
        return std::nullopt;
    return std::make_pair(*server, *name);
}

bool missingIdentity(Record& r, std::string_view what) {
    r.issue(r.value(), "Identity",
            "the " + std::string(what) + " has no readable Name/Identity, so it was skipped",
            r.depthFix());
    return false;
}

// "SMTP:*.contoso.example;2" (type, domain, cost), or the object form.
std::optional<model::AddressSpace> addressSpaceItem(const ListItem& item, std::string& problem) {
    model::AddressSpace space;
    if (item.isText()) {
        std::string_view text = trim(item.asText());
        const size_t colon = text.find(':');
        if (colon != std::string_view::npos && colon > 0 &&
            text.substr(0, colon).find_first_of(".*;") == std::string_view::npos) {
            space.type = std::string(text.substr(0, colon));
            for (char& c : space.type) {
                if (c >= 'a' && c <= 'z')
                    c = static_cast<char>(c - 'a' + 'A');
            }
            text.remove_prefix(colon + 1);
        }
        const size_t semicolon = text.rfind(';');
        if (semicolon != std::string_view::npos) {
            int cost = 0;
            const std::string_view costText = trim(text.substr(semicolon + 1));
            const auto r =
                std::from_chars(costText.data(), costText.data() + costText.size(), cost);
            if (r.ec == std::errc() && r.ptr == costText.data() + costText.size()) {
                space.cost = cost;
                text = text.substr(0, semicolon);
            }
        }
        space.domain = std::string(trim(text));
        if (space.domain.empty()) {
            problem = "no domain";
            return std::nullopt;
        }
        return space;
    }
    const JsonValue v = item.value;
    if (!v.isObject()) {
        problem = "not an address space";
        return std::nullopt;
    }
    std::optional<std::string> domain = scalarText(v.member("Address"));
    if (!domain) {
        const JsonValue d = v.member("Domain");
        if (d.isString())
            domain = std::string(d.text());
        else if (d.isObject())
            domain = scalarText(d.member("Domain"));
    }
    if (!domain || trim(*domain).empty()) {
        problem = "no Address or Domain";
        return std::nullopt;
    }
    space.domain = std::string(trim(*domain));
    if (v.member("IncludeSubDomains").boolean() && space.domain.rfind("*", 0) != 0)
        space.domain = "*." + space.domain;
    if (const JsonValue type = v.member("Type"); type.isString())
        space.type = std::string(trim(type.text()));
    if (const auto cost = v.member("Cost").int64())
        space.cost = static_cast<int>(*cost);
    return space;
}

std::string stripBrackets(std::string_view host) {
    host = trim(host);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return std::string(host);
}

std::optional<std::string> smartHostItem(const ListItem& item, std::string& problem) {
    if (item.isText()) {
        std::string host = stripBrackets(item.asText());
        if (host.empty()) {
            problem = "empty";
            return std::nullopt;
        }
        return host;
    }
    const JsonValue v = item.value;
    if (v.isObject()) {
        if (const JsonValue a = v.member("Address"); a.isString())
            return stripBrackets(a.text());
        if (const JsonValue a = v.member("Address"); a.isObject()) {
            if (const auto address = ipAddressObject(a))
                return address->toString();
        }
        if (const JsonValue d = v.member("Domain"); d.isObject()) {
            if (const JsonValue h = d.member("HostnameString"); h.isString())
                return std::string(h.text());
            if (const JsonValue h = d.member("Domain"); h.isString())
                return std::string(h.text());
        }
        if (const JsonValue d = v.member("Domain"); d.isString())
            return std::string(d.text());
    }
    problem = "no host name or address";
    return std::nullopt;
}

// ExtendedRights items: strings, or ADIdParameter-like objects (UNCONFIRMED in the reference):
// then any string member that names an Exchange right.
std::optional<std::string> rightName(const ListItem& item) {
    if (item.isText())
        return std::string(trim(item.asText()));
    const JsonValue v = item.value;
    if (!v.isObject())
        return std::nullopt;
    for (const char* preferred : {"RawIdentity", "Name", "DisplayName"}) {
        if (const JsonValue m = v.member(preferred);
            m.isString() && startsWithIgnoreCase(m.text(), "ms-Exch"))
            return std::string(m.text());
    }
    for (size_t i = 0; i < v.size(); ++i) {
        const JsonValue m = v.valueAt(i);
        if (m.isString() && startsWithIgnoreCase(m.text(), "ms-Exch"))
            return std::string(m.text());
    }
    return std::nullopt;
}

// User: "NT AUTHORITY\ANONYMOUS LOGON", or an object whose string members carry the name.
std::optional<std::string> principalName(JsonValue v) {
    if (v.isString())
        return std::string(trim(v.text()));
    if (!v.isObject())
        return std::nullopt;
    for (const char* preferred : {"RawIdentity", "FriendlyName", "Name", "Value"}) {
        if (const JsonValue m = v.member(preferred); m.isString() && !trim(m.text()).empty())
            return std::string(trim(m.text()));
    }
    for (size_t i = 0; i < v.size(); ++i) {
        const JsonValue m = v.valueAt(i);
        if (m.isString() && m.text().find('\\') != std::string_view::npos)
            return std::string(trim(m.text()));
    }
    return std::nullopt;
}

}  // namespace

ObservedServer& observeServer(ImportSet& set, std::string_view name, bool fromExchange,
                              const std::string& file) {
    name = trim(name);
    const std::string key = serverKey(name);
    ObservedServer& s = set.servers[key];
    std::string shortName(name);
    if (key.find('.') == std::string::npos && key.find(':') == std::string::npos) {
        const size_t dot = shortName.find('.');
        if (dot != std::string::npos && dot > 0) {
            if (!s.fqdn.has()) {
                s.fqdn.value = shortName;
                s.fqdn.file = file;
            }
            shortName.resize(dot);
        }
    }
    if (s.name.empty() || (fromExchange && !s.nameIsFromExchange)) {
        s.name = shortName;
        s.nameIsFromExchange = s.nameIsFromExchange || fromExchange;
    }
    if (fromExchange)
        s.exchangeDataSeen = true;
    s.sources.insert(file);
    return s;
}

std::string exchangeForm(JsonValue record) {
    const JsonValue state = record.member("ObjectState");
    if (state.isNumber())
        return "Exchange Management Shell object form";
    if (state.isString())
        return "remote-session string form";
    const JsonValue identity = record.member("Identity");
    if (identity.isObject())
        return "Exchange Management Shell object form";
    if (identity.isString())
        return "remote-session string form";
    return "Exchange";
}

bool readExchangeServer(Record& r) {
    std::optional<std::string> name = scalarText(r.get("Name"));
    if (!name)
        name = referenceName(r.get("Identity"));
    if (!name || name->empty())
        return missingIdentity(r, "server");
    r.setLabel(*name);
    observeOrganization(r);
    const std::string& file = r.file().name;
    ObservedServer& s = observeServer(r.file().set, *name, true, file);
    s.exchangeServerSeen = true;

    if (const auto fqdn = r.string("Fqdn"); fqdn && !fqdn->empty()) {
        // CIM data may have given the same name in lowercase: Exchange's spelling wins quietly.
        if (s.fqdn.has() && equalsIgnoreCase(*s.fqdn.value, *fqdn))
            s.fqdn.value = *fqdn;
        else
            r.set(s.fqdn, *fqdn, "Fqdn");
    }

    // The product version: AdminDisplayVersion, or a Version member some exports carry.
    const char* versionField =
        r.get("AdminDisplayVersion").valid() ? "AdminDisplayVersion" : "Version";
    const JsonValue version = r.get(versionField);
    std::optional<ProductVersion> product;
    if (version.isObject()) {
        const auto major = version.member("Major").int64();
        const auto minor = version.member("Minor").int64();
        if (major && minor)
            product = ProductVersion{*major, *minor, version.member("Build").int64().value_or(0)};
    } else if (version.isString()) {
        if (!isTypeName(version.text()))
            product = parseVersionText(version.text());
    }
    if (product) {
        if (const auto v = exchangeVersion(*product))
            r.set(s.version, *v, versionField);
        else
            r.issue(
                version, versionField,
                "version " + versionText(*product) + " is not an Exchange version MailTopo knows",
                {});
    } else if (version.valid()) {
        r.issue(version, versionField,
                "no readable version (expected Major/Minor or \"Version 15.2 (Build …)\")",
                r.depthFix());
    }

    // Roles: the ServerRole flags, else the Is…Server booleans.
    FlagSet<ExchangeRole> roles;
    bool rolesKnown = false;
    if (const auto bits = r.enumeration("ServerRole", kServerRoles, true)) {
        static constexpr std::array<std::pair<uint64_t, ExchangeRole>, 5> map = {{
            {2, ExchangeRole::Mailbox},
            {4, ExchangeRole::ClientAccess},
            {1, ExchangeRole::ClientAccess},  // Cafe: the 2013+ client access front end
            {32, ExchangeRole::HubTransport},
            {64, ExchangeRole::Edge},
        }};
        for (const auto& [bit, role] : map) {
            if ((*bits & bit) != 0)
                roles.insert(role);
        }
        rolesKnown = !roles.empty();
    }
    if (!rolesKnown) {
        const std::pair<const char*, ExchangeRole> flags[] = {
            {"IsMailboxServer", ExchangeRole::Mailbox},
            {"IsClientAccessServer", ExchangeRole::ClientAccess},
            {"IsHubTransportServer", ExchangeRole::HubTransport},
            {"IsEdgeServer", ExchangeRole::Edge},
        };
        for (const auto& [member, role] : flags) {
            if (r.get(member).boolean()) {
                roles.insert(role);
                rolesKnown = true;
            }
        }
    }
    if (rolesKnown)
        r.set(s.roles, roles, "ServerRole");

    if (auto site = r.objectName("Site"); site && !site->empty()) {
        // The string form is a canonical name: contoso.example/Configuration/Sites/Name.
        const size_t slash = site->rfind('/');
        if (slash != std::string::npos)
            site = site->substr(slash + 1);
        r.set(s.site, *site, "Site");
    }
    return true;
}

bool readReceiveConnector(Record& r) {
    const auto identity = connectorIdentity(r, true);
    if (!identity)
        return missingIdentity(r, "receive connector");
    const auto& [serverName, name] = *identity;
    const std::string& file = r.file().name;
    ObservedServer& server = observeServer(r.file().set, serverName, true, file);
    server.receiveConnectorListSeen = true;
    const std::string key = serverKey(serverName);
    ObservedReceiveConnector& c = r.file().set.receiveConnectors[{key, lowercase(name)}];
    if (c.name.empty()) {
        c.serverKey = key;
        c.name = name;
    }
    c.serverName = server.name;
    c.sources.insert(file);
    r.setLabel(c.label());
    observeOrganization(r);

    if (const auto bits = r.enumeration("TransportRole", kServerRoles, true)) {
        if ((*bits & 16384) != 0)
            r.set(c.role, model::TransportRole::FrontendTransport, "TransportRole");
        else if ((*bits & (32 | 64)) != 0)
            r.set(c.role, model::TransportRole::HubTransport, "TransportRole");
        else
            r.issue(r.get("TransportRole"), "TransportRole",
                    "neither HubTransport nor FrontendTransport", {});
    }
    if (auto bindings = readList<net::Binding>(r, "Bindings", bindingItem))
        r.set(c.bindings, std::move(*bindings), "Bindings");
    if (auto ranges = readList<net::IpRange>(r, "RemoteIPRanges", rangeItem))
        r.set(c.remoteIpRanges, std::move(*ranges), "RemoteIPRanges");
    if (const auto bits = r.enumeration("PermissionGroups", kPermissionGroups, true)) {
        static constexpr std::array<std::pair<uint64_t, PermissionGroup>, 6> map = {{
            {1, PermissionGroup::AnonymousUsers},
            {2, PermissionGroup::ExchangeUsers},
            {4, PermissionGroup::ExchangeServers},
            {8, PermissionGroup::ExchangeLegacyServers},
            {16, PermissionGroup::Partners},
            {32, PermissionGroup::Custom},
        }};
        r.set(c.permissionGroups, toFlags(*bits, map, PermissionGroup::None), "PermissionGroups");
    }
    if (const auto bits = r.enumeration("AuthMechanism", kAuthMechanisms, true)) {
        static constexpr std::array<std::pair<uint64_t, AuthMechanism>, 6> map = {{
            {1, AuthMechanism::Tls},
            {2, AuthMechanism::Integrated},
            {4, AuthMechanism::BasicAuth},
            {8, AuthMechanism::BasicAuthRequireTLS},
            {16, AuthMechanism::ExchangeServer},
            {32, AuthMechanism::ExternalAuthoritative},
        }};
        r.set(c.authMechanism, toFlags(*bits, map, AuthMechanism::None), "AuthMechanism");
    }
    if (const auto enabled = r.boolean("Enabled"))
        r.set(c.enabled, *enabled, "Enabled");
    if (auto fqdn = readFqdn(r, "Fqdn"))
        r.set(c.fqdn, std::move(*fqdn), "Fqdn");
    if (const auto size = readSize(r, "MaxMessageSize"))
        r.set(c.maxMessageSize, *size, "MaxMessageSize");
    if (const JsonValue comment = r.get("Comment"); comment.valid()) {
        if (comment.isNull())
            r.set(c.comment, std::string(), "Comment");
        else if (auto text = r.string("Comment"))
            r.set(c.comment, std::move(*text), "Comment");
    }
    return true;
}

bool readSendConnector(Record& r) {
    std::optional<std::string> name = scalarText(r.get("Name"));
    if (!name)
        name = referenceName(r.get("Identity"));
    if (!name || trim(*name).empty())
        return missingIdentity(r, "send connector");
    const std::string& file = r.file().name;
    ObservedSendConnector& c = r.file().set.sendConnectors[lowercase(trim(*name))];
    if (c.name.empty())
        c.name = std::string(trim(*name));
    c.sources.insert(file);
    r.setLabel(c.name);
    observeOrganization(r);

    if (auto spaces = readList<model::AddressSpace>(r, "AddressSpaces", addressSpaceItem))
        r.set(c.addressSpaces, std::move(*spaces), "AddressSpaces");
    if (auto servers = readList<std::string>(
            r, "SourceTransportServers", [](const ListItem& item, std::string& problem) {
                std::optional<std::string> n =
                    item.isText() ? std::optional<std::string>(std::string(trim(item.asText())))
                                  : referenceName(item.value);
                if (!n || n->empty())
                    problem = "no server name";
                return n;
            })) {
        for (const std::string& server : *servers)
            observeServer(r.file().set, server, true, file);
        r.set(c.sourceServers, std::move(*servers), "SourceTransportServers");
    }
    if (const auto dns = r.boolean("DNSRoutingEnabled"))
        r.set(c.dnsRoutingEnabled, *dns, "DNSRoutingEnabled");

    // SmartHostsString is always a string, so depth never truncates it (§3.2).
    const JsonValue smartHostsString = r.get("SmartHostsString");
    if (smartHostsString.isString()) {
        std::vector<std::string> hosts;
        std::string_view rest = smartHostsString.text();
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            const std::string host = stripBrackets(rest.substr(0, comma));
            if (!host.empty())
                hosts.push_back(host);
            if (comma == std::string_view::npos)
                break;
            rest.remove_prefix(comma + 1);
        }
        r.set(c.smartHosts, std::move(hosts), "SmartHosts");
    } else if (auto hosts = readList<std::string>(r, "SmartHosts", smartHostItem)) {
        r.set(c.smartHosts, std::move(*hosts), "SmartHosts");
    }
    if (const auto port = r.integer("Port")) {
        if (*port >= 1 && *port <= 65535)
            r.set(c.port, static_cast<int>(*port), "Port");
        else
            r.issue(r.get("Port"), "Port", "port " + std::to_string(*port) + " is out of range",
                    {});
    }
    if (const auto bits = r.enumeration("SmartHostAuthMechanism", kSmartHostAuth, false)) {
        static constexpr std::array<std::pair<uint64_t, model::SmartHostAuth>, 5> map = {{
            {0, model::SmartHostAuth::None},
            {2, model::SmartHostAuth::BasicAuth},
            {4, model::SmartHostAuth::BasicAuthRequireTLS},
            {8, model::SmartHostAuth::ExchangeServer},
            {16, model::SmartHostAuth::ExternalAuthoritative},
        }};
        for (const auto& [bit, auth] : map) {
            if (bit == *bits)
                r.set(c.smartHostAuth, auth, "SmartHostAuthMechanism");
        }
    }
    if (const auto v = r.boolean("RequireTLS"))
        r.set(c.requireTls, *v, "RequireTLS");
    if (const auto v = r.boolean("Enabled"))
        r.set(c.enabled, *v, "Enabled");
    if (const auto v = r.boolean("IsScopedConnector"))
        r.set(c.isScoped, *v, "IsScopedConnector");
    if (const auto v = r.boolean("FrontendProxyEnabled"))
        r.set(c.frontendProxy, *v, "FrontendProxyEnabled");

    if (const JsonValue source = r.get("SourceIPAddress"); source.valid()) {
        std::optional<net::Address> address;
        bool readable = true;
        if (source.isNull()) {
            address = net::Address();
        } else if (source.isString()) {
            address = net::Address::parse(trim(source.text()));
            readable = address.has_value();
        } else if (source.isObject()) {
            address = ipAddressObject(source);
            readable = address.has_value();
        } else {
            readable = false;
        }
        if (!readable) {
            r.issue(source, "SourceIPAddress",
                    source.isObject() ? "an IPv6 IPAddress object carries no readable address"
                                      : "not an IP address",
                    "export through a remote session, where the address is written as text");
        } else {
            // 0.0.0.0 and :: mean "not set".
            r.set(c.sourceIp, address->isUnspecified() ? std::optional<net::Address>() : address,
                  "SourceIPAddress");
        }
    }
    if (auto fqdn = readFqdn(r, "Fqdn"))
        r.set(c.fqdn, std::move(*fqdn), "Fqdn");
    if (const auto size = readSize(r, "MaxMessageSize"))
        r.set(c.maxMessageSize, *size, "MaxMessageSize");
    if (const JsonValue comment = r.get("Comment"); comment.valid()) {
        if (comment.isNull())
            r.set(c.comment, std::string(), "Comment");
        else if (auto text = r.string("Comment"))
            r.set(c.comment, std::move(*text), "Comment");
    }
    return true;
}

bool readTransportConfig(Record& r) {
    r.setLabel("transport config");
    observeOrganization(r);
    ObservedOrganization& org = r.file().set.organization;
    org.sources.insert(r.file().name);
    if (auto ranges = readList<net::IpRange>(r, "InternalSMTPServers", rangeItem))
        r.set(org.internalSmtpServers, std::move(*ranges), "InternalSMTPServers");
    return true;
}

bool readAcceptedDomain(Record& r) {
    const JsonValue v = r.get("DomainName");
    std::optional<std::string> domain;
    if (v.isString()) {
        domain = std::string(trim(v.text()));
    } else if (v.isObject()) {
        domain = scalarText(v.member("Address"));
        if (!domain)
            domain = scalarText(v.member("Domain"));
        if (domain && v.member("IncludeSubDomains").boolean() && domain->rfind("*", 0) != 0)
            domain = "*." + *domain;
    }
    if (!domain || domain->empty()) {
        std::optional<std::string> name = scalarText(r.get("Name"));
        r.setLabel(name.value_or("accepted domain"));
        r.issue(v, "DomainName", "no readable domain name, so the accepted domain was skipped",
                r.depthFix());
        return false;
    }
    r.setLabel(*domain);
    observeOrganization(r);
    ObservedAcceptedDomain& d = r.file().set.acceptedDomains[lowercase(*domain)];
    if (d.domainName.empty())
        d.domainName = *domain;
    d.sources.insert(r.file().name);
    if (auto name = r.string("Name"))
        r.set(d.name, std::move(*name), "Name");
    if (const auto type = r.enumeration("DomainType", kAcceptedDomainTypes, false)) {
        const model::AcceptedDomainType t = *type == 0   ? model::AcceptedDomainType::Authoritative
                                            : *type == 1 ? model::AcceptedDomainType::ExternalRelay
                                                         : model::AcceptedDomainType::InternalRelay;
        r.set(d.type, t, "DomainType");
    }
    if (const auto isDefault = r.boolean("Default"))
        r.set(d.isDefault, *isDefault, "Default");
    return true;
}

bool readAdPermission(Record& r) {
    const auto identity = connectorIdentity(r, false);
    if (!identity) {
        r.setLabel("ACE");
        r.issue(r.get("Identity"), "Identity",
                "the ACE does not name a receive connector (SERVER\\Connector), so it was skipped",
                "export it with Get-ADPermission -Identity \"SERVER\\Connector\" | ConvertTo-Json "
                "-Depth 4");
        return false;
    }
    const auto& [serverName, connectorName] = *identity;
    const std::string user = principalName(r.get("User")).value_or(std::string());
    r.setLabel(serverName + "\\" + connectorName + (user.empty() ? "" : " ACE for " + user));
    if (user.empty()) {
        r.issue(r.get("User"), "User", "no readable principal, so the ACE was skipped",
                r.depthFix());
        return false;
    }
    const std::string key = serverKey(serverName);
    ObservedPermissions& p = r.file().set.permissions[{key, lowercase(connectorName)}];
    const std::string& file = r.file().name;
    if (!p.sources.empty() && !p.sources.count(file)) {
        // Another file listed this connector's ACEs before: the later file replaces them.
        r.note(r.get("Identity"), "the ACEs of " + serverName + "\\" + connectorName +
                                      " replace those read from " + *p.sources.rbegin());
        p.aces.clear();
        p.sources.clear();
    }
    if (p.connectorName.empty()) {
        p.serverKey = key;
        p.serverName = serverName;
        p.connectorName = connectorName;
    }
    p.sources.insert(file);

    model::AdPermission ace;
    ace.user = user;
    ace.deny = r.boolean("Deny").value_or(false);
    ace.inherited = r.boolean("IsInherited").value_or(false);
    if (const auto rights = r.list("ExtendedRights")) {
        for (const ListItem& item : *rights) {
            const auto name = rightName(item);
            if (!name)
                continue;
            if (const auto right = parseEnumCaseInsensitive<model::ExtendedRight>(*name))
                ace.extendedRights.insert(*right);
            else
                r.issue(
                    item.value.valid() ? item.value : r.get("ExtendedRights"), "ExtendedRights",
                    "extended right '" + *name + "' has no equivalent in MailTopo and was left out",
                    {}, true);
        }
    }
    if (ace.extendedRights.empty()) {
        // GenericAll/GenericRead/WriteProperty ACEs grant no SMTP right the model holds.
        r.file().skipped("ACE that grants no SMTP extended right (GenericAll, GenericRead …)",
                         "ACEs that grant no SMTP extended right (GenericAll, GenericRead …)");
        return false;
    }
    p.aces.push_back(std::move(ace));
    return true;
}

}  // namespace mailtopo::io::powershell::detail
