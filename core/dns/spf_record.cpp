#include "core/dns/spf_record.h"

#include <array>
#include <optional>

#include "core/dns/dns_name.h"
#include "core/dns/spf_macro.h"

namespace mailtopo::dns {
namespace {

struct MechanismInfo {
    MechanismKind kind;
    std::string_view name;
    std::string_view section;
};

constexpr std::array<MechanismInfo, 8> kMechanisms{{
    {MechanismKind::All, "all", "5.1"},
    {MechanismKind::Include, "include", "5.2"},
    {MechanismKind::A, "a", "5.3"},
    {MechanismKind::Mx, "mx", "5.4"},
    {MechanismKind::Ptr, "ptr", "5.5"},
    {MechanismKind::Ip4, "ip4", "5.6"},
    {MechanismKind::Ip6, "ip6", "5.6"},
    {MechanismKind::Exists, "exists", "5.7"},
}};

bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// Collects what went wrong while parsing one term.
struct Failure {
    std::string message;
    std::string section;
};

bool fail(Failure& f, std::string message, std::string_view section) {
    f.message = std::move(message);
    f.section = std::string(section);
    return false;
}

std::string q(std::string_view text) {
    std::string out(1, '\'');  // not "'" + string&&: GCC 12 -O2 warns falsely (-Wrestrict)
    out.append(text).append(1, '\'');
    return out;
}

// A CIDR length as the ABNF writes it: "0" or a number without leading zero, at most `max`.
bool parseCidrLength(std::string_view digits, int max, int& out, std::string_view term,
                     Failure& f) {
    if (digits.empty() || digits.size() > 3 || (digits.size() > 1 && digits[0] == '0')) {
        return fail(f, "invalid CIDR length '/" + std::string(digits) + "' in " + q(term), "5.6");
    }
    int value = 0;
    for (const char c : digits) {
        if (!isDigit(c))
            return fail(f, "invalid CIDR length in " + q(term), "5.6");
        value = value * 10 + (c - '0');
    }
    if (value > max) {
        return fail(f,
                    "CIDR length /" + std::string(digits) + " is greater than " +
                        std::to_string(max) + " in " + q(term),
                    "5.6");
    }
    out = value;
    return true;
}

// Splits "/24//64" style suffixes off the end of `rest` (a and mx, §5.3, §5.4).
bool takeDualCidr(std::string_view& rest, SpfTerm& term, std::string_view text, Failure& f) {
    auto trailingDigits = [](std::string_view s) {
        size_t n = 0;
        while (n < s.size() && isDigit(s[s.size() - 1 - n]))
            ++n;
        return n;
    };
    size_t n = trailingDigits(rest);
    if (n > 0 && n < rest.size() && rest[rest.size() - n - 1] == '/') {
        const std::string_view digits = rest.substr(rest.size() - n);
        if (rest.size() >= n + 2 && rest[rest.size() - n - 2] == '/') {
            if (!parseCidrLength(digits, 128, term.cidr6, text, f))
                return false;
            rest.remove_suffix(n + 2);
            n = trailingDigits(rest);
            if (n > 0 && n < rest.size() && rest[rest.size() - n - 1] == '/') {
                if (!parseCidrLength(rest.substr(rest.size() - n), 32, term.cidr4, text, f)) {
                    return false;
                }
                rest.remove_suffix(n + 1);
            }
        } else {
            if (!parseCidrLength(digits, 32, term.cidr4, text, f))
                return false;
            rest.remove_suffix(n + 1);
        }
    }
    return true;
}

// ip4-network = qnum "." qnum "." qnum "." qnum; qnum = 0..255 without leading zeros
// (§5.6, §12). A parser of its own because ip4: terms are the most common and the general
// address parser builds messages even on success.
std::optional<net::Address> parseIp4Network(std::string_view text) {
    uint32_t value = 0;
    int octets = 0;
    size_t pos = 0;
    while (octets < 4) {
        const size_t start = pos;
        unsigned octet = 0;
        while (pos < text.size() && isDigit(text[pos]) && pos - start < 3) {
            octet = octet * 10 + static_cast<unsigned>(text[pos] - '0');
            ++pos;
        }
        const size_t digits = pos - start;
        if (digits == 0 || octet > 255 || (digits > 1 && text[start] == '0'))
            return std::nullopt;
        value = (value << 8) | octet;
        if (++octets < 4) {
            if (pos >= text.size() || text[pos] != '.')
                return std::nullopt;
            ++pos;
        }
    }
    if (pos != text.size())
        return std::nullopt;
    return net::Address::v4(value);
}

TextSpan sub(TextSpan span, size_t offset, size_t length) {
    return TextSpan{static_cast<uint32_t>(span.pos + offset), static_cast<uint32_t>(length)};
}

// ":" domain-spec, required or optional; `rest` is what follows the mechanism name
// (after any CIDR suffix was taken off).
bool takeDomainSpec(std::string_view rest, size_t restOffset, bool required, TextSpan span,
                    SpfTerm& term, std::string_view text, Failure& f) {
    if (rest.empty()) {
        if (required)
            return fail(f, q(text) + " needs ':' and a domain", "5");
        return true;
    }
    if (rest.front() != ':')
        return fail(f, "unexpected " + q(rest) + " in " + q(text), "5");
    const std::string_view spec = rest.substr(1);
    std::string problem;
    if (!checkDomainSpec(spec, &problem))
        return fail(f, problem + " in " + q(text), "7.1");
    term.hasDomainSpec = true;
    term.domainSpec = sub(span, restOffset + 1, spec.size());
    return true;
}

bool parseNetwork(std::string_view rest, SpfTerm& term, std::string_view text, Failure& f) {
    const bool v4 = term.mechanism == MechanismKind::Ip4;
    if (rest.empty() || rest.front() != ':') {
        return fail(f, q(text) + " needs ':' and " + (v4 ? "an IPv4" : "an IPv6") + " network",
                    "5.6");
    }
    std::string_view network = rest.substr(1);
    int length = v4 ? 32 : 128;
    const size_t slash = network.find('/');
    if (slash != std::string_view::npos) {
        if (!parseCidrLength(network.substr(slash + 1), v4 ? 32 : 128, length, text, f)) {
            return false;
        }
        network = network.substr(0, slash);
    }
    const auto address = v4 ? parseIp4Network(network) : net::Address::parse(network);
    if (!address || address->isV4() != v4) {
        return fail(
            f, q(network) + " is not " + (v4 ? "an IPv4" : "an IPv6") + " address in " + q(text),
            "5.6");
    }
    term.network = net::Prefix(*address, length);
    return true;
}

bool parseMechanism(std::string_view text, TextSpan span, SpfTerm& term, Failure& f) {
    size_t pos = 0;
    switch (text[0]) {
        case '+':
            term.qualifier = Qualifier::Pass;
            ++pos;
            break;
        case '-':
            term.qualifier = Qualifier::Fail;
            ++pos;
            break;
        case '~':
            term.qualifier = Qualifier::SoftFail;
            ++pos;
            break;
        case '?':
            term.qualifier = Qualifier::Neutral;
            ++pos;
            break;
        default:
            break;
    }
    size_t nameEnd = pos;
    while (nameEnd < text.size() && text[nameEnd] != ':' && text[nameEnd] != '/')
        ++nameEnd;
    const std::string_view name = text.substr(pos, nameEnd - pos);
    // This runs for every term of every record evaluated: an exact match (records are
    // written in lower case) before the case-insensitive one.
    const MechanismInfo* info = nullptr;
    for (const auto& m : kMechanisms) {
        if (m.name == name) {
            info = &m;
            break;
        }
    }
    for (size_t i = 0; info == nullptr && i < kMechanisms.size(); ++i) {
        if (kMechanisms[i].name.size() == name.size() &&
            equalsIgnoreCase(name, kMechanisms[i].name))
            info = &kMechanisms[i];
    }
    if (info == nullptr) {
        if (equalsIgnoreCase(name, "redirect") || equalsIgnoreCase(name, "exp")) {
            return fail(f, q(text) + ": " + std::string(name) + " is a modifier and needs '='",
                        "4.6.1");
        }
        return fail(f, "unknown mechanism " + q(text), "4.6.1");
    }
    term.kind = SpfTerm::Kind::Mechanism;
    term.mechanism = info->kind;
    std::string_view rest = text.substr(nameEnd);
    switch (info->kind) {
        case MechanismKind::All:
            if (!rest.empty())
                return fail(f, "'all' takes no argument: " + q(text), "5.1");
            return true;
        case MechanismKind::Include:
        case MechanismKind::Exists:
            return takeDomainSpec(rest, nameEnd, true, span, term, text, f);
        case MechanismKind::Ptr:
            return takeDomainSpec(rest, nameEnd, false, span, term, text, f);
        case MechanismKind::A:
        case MechanismKind::Mx:
            if (!takeDualCidr(rest, term, text, f))
                return false;
            return takeDomainSpec(rest, nameEnd, false, span, term, text, f);
        case MechanismKind::Ip4:
        case MechanismKind::Ip6:
            return parseNetwork(rest, term, text, f);
    }
    return true;
}

bool parseTerm(std::string_view record, TextSpan span, SpfTerm& term, Failure& f) {
    const std::string_view text = record.substr(span.pos, span.len);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x21 || c > 0x7e) {
            static constexpr char kHex[] = "0123456789ABCDEF";
            return fail(f,
                        std::string("byte 0x") + kHex[c >> 4] + kHex[c & 0x0f] +
                            " in a term: records are 7-bit ASCII and terms are separated by "
                            "spaces only",
                        "4.6.1");
        }
    }
    // modifier = name "=" ...; name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) (§4.6.1, §12)
    size_t nameEnd = 0;
    if (isAlpha(text[0])) {
        nameEnd = 1;
        while (nameEnd < text.size() &&
               (isAlpha(text[nameEnd]) || isDigit(text[nameEnd]) || text[nameEnd] == '-' ||
                text[nameEnd] == '_' || text[nameEnd] == '.')) {
            ++nameEnd;
        }
    }
    if (nameEnd == 0 || nameEnd >= text.size() || text[nameEnd] != '=') {
        return parseMechanism(text, span, term, f);
    }
    const std::string_view name = text.substr(0, nameEnd);
    const std::string_view value = text.substr(nameEnd + 1);
    std::string problem;
    if (equalsIgnoreCase(name, "redirect") || equalsIgnoreCase(name, "exp")) {
        const bool redirect = equalsIgnoreCase(name, "redirect");
        // Known modifiers are not "greedy" unknown ones: a bad value is a syntax error.
        if (!checkDomainSpec(value, &problem)) {
            return fail(f, problem + " in " + q(text), redirect ? "6.1" : "6.2");
        }
        term.kind = redirect ? SpfTerm::Kind::Redirect : SpfTerm::Kind::Explanation;
        term.hasDomainSpec = true;
        term.domainSpec = sub(span, nameEnd + 1, value.size());
        return true;
    }
    if (!checkMacroString(value, MacroMode::Domain, &problem)) {
        return fail(f, problem + " in " + q(text), "7.1");
    }
    term.kind = SpfTerm::Kind::UnknownModifier;
    term.modifierName = sub(span, 0, nameEnd);
    term.domainSpec = sub(span, nameEnd + 1, value.size());
    return true;
}

}  // namespace

std::string_view mechanismName(MechanismKind kind) {
    return kMechanisms[static_cast<size_t>(kind)].name;
}

std::string_view mechanismSection(MechanismKind kind) {
    return kMechanisms[static_cast<size_t>(kind)].section;
}

bool SpfTerm::countsLookup() const {
    switch (kind) {
        case Kind::Redirect:
            return true;
        case Kind::Explanation:
        case Kind::UnknownModifier:
            return false;
        case Kind::Mechanism:
            break;
    }
    return mechanism == MechanismKind::Include || mechanism == MechanismKind::A ||
           mechanism == MechanismKind::Mx || mechanism == MechanismKind::Ptr ||
           mechanism == MechanismKind::Exists;
}

bool isSpfVersion1(std::string_view text) {
    if (text.size() < 6 || (text.size() > 6 && text[6] != ' '))
        return false;
    const std::string_view version = text.substr(0, 6);
    return version == "v=spf1" || equalsIgnoreCase(version, "v=spf1");
}

SpfParseResult parseSpfRecord(std::string_view text) {
    return parseSpfRecord(std::string(text));
}

SpfParseResult parseSpfRecord(std::string&& text) {
    SpfParseResult result;
    if (!isSpfVersion1(text)) {
        result.error.message = "the record does not start with 'v=spf1' and a space";
        result.error.section = "4.5";
        return result;
    }
    SpfRecord record;
    record.text = std::move(text);
    const std::string_view all = record.text;
    // One allocation for the terms instead of a growing vector: records are parsed on every
    // evaluation, so this is on the hot path.
    size_t count = 0;  // spaces: at least the number of terms
    for (size_t at = all.find(' ', 6); at != std::string_view::npos; at = all.find(' ', at + 1))
        ++count;
    record.terms.reserve(count);
    size_t pos = 6;
    while (pos < all.size()) {
        if (all[pos] == ' ') {
            ++pos;
            continue;
        }
        size_t end = all.find(' ', pos);
        if (end == std::string_view::npos)
            end = all.size();
        const TextSpan span{static_cast<uint32_t>(pos), static_cast<uint32_t>(end - pos)};
        SpfTerm term;
        term.text = span;
        Failure f;
        const int index = static_cast<int>(record.terms.size());
        const std::string_view termText = all.substr(pos, end - pos);
        if (!parseTerm(all, span, term, f)) {
            result.error = SpfSyntaxError{std::move(f.message), std::string(termText), index,
                                          std::move(f.section)};
            text = std::move(record.text);  // the caller keeps its text on failure
            return result;
        }
        if (term.kind == SpfTerm::Kind::Redirect || term.kind == SpfTerm::Kind::Explanation) {
            int& slot = term.kind == SpfTerm::Kind::Redirect ? record.redirect : record.explanation;
            if (slot >= 0) {
                result.error = SpfSyntaxError{
                    std::string(term.kind == SpfTerm::Kind::Redirect ? "redirect=" : "exp=") +
                        " appears more than once",
                    std::string(termText), index, "6"};
                text = std::move(record.text);
                return result;
            }
            slot = index;
        }
        record.terms.push_back(term);
        pos = end;
    }
    result.record = std::move(record);
    return result;
}

}  // namespace mailtopo::dns
