#include "core/dns/dns_types.h"

#include <array>
#include <charconv>

#include "core/dns/dns_name.h"

namespace mailtopo::dns {
namespace {

struct TypeName {
    RRType type;
    std::string_view name;
};

constexpr std::array<TypeName, 10> kTypeNames{{
    {RRType::A, "A"},
    {RRType::NS, "NS"},
    {RRType::CNAME, "CNAME"},
    {RRType::SOA, "SOA"},
    {RRType::PTR, "PTR"},
    {RRType::MX, "MX"},
    {RRType::TXT, "TXT"},
    {RRType::AAAA, "AAAA"},
    {RRType::SRV, "SRV"},
    {RRType::SPF, "SPF"},
}};

}  // namespace

std::string rrTypeName(RRType type) {
    for (const auto& t : kTypeNames) {
        if (t.type == type)
            return std::string(t.name);
    }
    return "TYPE" + std::to_string(static_cast<unsigned>(type));
}

std::optional<RRType> parseRRType(std::string_view text) {
    for (const auto& t : kTypeNames) {
        if (equalsIgnoreCase(text, t.name))
            return t.type;
    }
    if (text.size() > 4 && equalsIgnoreCase(text.substr(0, 4), "TYPE")) {
        unsigned value = 0;
        const auto digits = text.substr(4);
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec == std::errc() && end == digits.data() + digits.size() && value <= 65535) {
            return static_cast<RRType>(value);
        }
    }
    return std::nullopt;
}

std::string_view rcodeName(Rcode rcode) {
    switch (rcode) {
        case Rcode::NoError:
            return "NOERROR";
        case Rcode::NxDomain:
            return "NXDOMAIN";
        case Rcode::ServFail:
            return "SERVFAIL";
        case Rcode::Timeout:
            return "TIMEOUT";
    }
    return "SERVFAIL";
}

std::string DnsRecord::joinedText() const {
    size_t size = 0;
    for (const auto& s : strings)
        size += s.size();
    std::string out;
    out.reserve(size);
    for (const auto& s : strings)
        out += s;
    return out;
}

std::string quoteCharacterString(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 2);
    out += '"';
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c > 0x7e) {
            char buf[5] = {'\\', static_cast<char>('0' + c / 100),
                           static_cast<char>('0' + c / 10 % 10), static_cast<char>('0' + c % 10),
                           0};
            out += buf;
        } else {
            out += ch;
        }
    }
    out += '"';
    return out;
}

DnsRecord makeAddressRecord(std::string name, const net::Address& address, uint32_t ttl) {
    DnsRecord r;
    r.name = std::move(name);
    r.type = address.isV4() ? RRType::A : RRType::AAAA;
    r.ttl = ttl;
    r.rdata = address.toString();
    r.address = address;
    return r;
}

DnsRecord makeMxRecord(std::string name, uint16_t preference, std::string exchange, uint32_t ttl) {
    DnsRecord r;
    r.name = std::move(name);
    r.type = RRType::MX;
    r.ttl = ttl;
    r.preference = preference;
    r.target = stripTrailingDot(exchange);
    r.rdata = std::to_string(preference) + " " + r.target + ".";
    return r;
}

DnsRecord makeTxtRecord(std::string name, std::vector<std::string> strings, uint32_t ttl,
                        RRType type) {
    DnsRecord r;
    r.name = std::move(name);
    r.type = type;
    r.ttl = ttl;
    for (const auto& s : strings) {
        if (!r.rdata.empty())
            r.rdata += ' ';
        r.rdata += quoteCharacterString(s);
    }
    r.strings = std::move(strings);
    return r;
}

DnsRecord makeNameRecord(std::string name, RRType type, std::string target, uint32_t ttl) {
    DnsRecord r;
    r.name = std::move(name);
    r.type = type;
    r.ttl = ttl;
    r.target = stripTrailingDot(target);
    r.rdata = r.target + ".";
    return r;
}

std::vector<const DnsRecord*> DnsAnswer::ofType(RRType type) const {
    std::vector<const DnsRecord*> out;
    for (const auto& r : records) {
        if (r.type == type)
            out.push_back(&r);
    }
    return out;
}

bool DnsAnswer::hasType(RRType type) const {
    for (const auto& r : records) {
        if (r.type == type)
            return true;
    }
    return false;
}

}  // namespace mailtopo::dns
