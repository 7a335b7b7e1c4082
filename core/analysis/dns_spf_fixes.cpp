// Corrected SPF record text for the remediations: the record the user should publish, built
// from the one they publish, every other term kept as written. Terms are classified by the
// SPF parser itself (one term at a time), so the fixes never disagree with the evaluator.

#include <algorithm>
#include <optional>

#include "core/analysis/dns_rules.h"
#include "core/dns/dns_name.h"
#include "core/dns/spf_macro.h"
#include "core/dns/spf_record.h"

namespace mailtopo::analysis::detail {
namespace {

// The terms of a record after "v=spf1", split on spaces as §4.6.1 separates them.
std::vector<std::string> termsOf(std::string_view record) {
    std::vector<std::string> out;
    size_t pos = 0;
    bool first = true;
    while (pos < record.size()) {
        while (pos < record.size() && record[pos] == ' ')
            ++pos;
        size_t end = pos;
        while (end < record.size() && record[end] != ' ')
            ++end;
        if (end > pos) {
            if (!first)
                out.emplace_back(record.substr(pos, end - pos));
            first = false;
        }
        pos = end;
    }
    return out;
}

std::string join(const std::vector<std::string>& terms) {
    std::string out = "v=spf1";
    for (const auto& t : terms) {
        out += ' ';
        out += t;
    }
    return out;
}

// The term parsed on its own, or nullopt when it does not parse.
std::optional<dns::SpfTerm> parseTerm(const std::string& term, std::string* domainSpec = nullptr) {
    std::string record = "v=spf1 ";
    record += term;
    auto parsed = dns::parseSpfRecord(std::string_view(record));
    if (!parsed.ok() || parsed.record->terms.size() != 1)
        return std::nullopt;
    if (domainSpec != nullptr && parsed.record->terms.front().hasDomainSpec)
        *domainSpec = std::string(parsed.record->view(parsed.record->terms.front().domainSpec));
    return parsed.record->terms.front();
}

bool isMechanism(const std::optional<dns::SpfTerm>& t, dns::MechanismKind kind) {
    return t && t->kind == dns::SpfTerm::Kind::Mechanism && t->mechanism == kind;
}

bool isAddressTerm(const std::optional<dns::SpfTerm>& t) {
    return isMechanism(t, dns::MechanismKind::Ip4) || isMechanism(t, dns::MechanismKind::Ip6);
}

bool containsTerm(const std::vector<std::string>& terms, std::string_view term) {
    return std::any_of(terms.begin(), terms.end(),
                       [&](const std::string& t) { return equalsIgnoreCase(t, term); });
}

}  // namespace

std::string correctedSpfRecord(const std::vector<std::string>& records,
                               const std::vector<net::Address>& add) {
    std::vector<std::string> terms;
    if (records.empty()) {
        for (const auto& a : add)
            terms.push_back(ip4or6(a));
        terms.emplace_back("-all");
        return join(terms);
    }
    // Merge: the mechanisms of every record, then the first record's all and modifiers.
    std::vector<std::string> tail;
    for (size_t r = 0; r < records.size(); ++r) {
        for (auto& term : termsOf(records[r])) {
            const auto parsed = parseTerm(term);
            if (!parsed)
                continue;  // a term that does not parse is what makes the record a permerror
            const bool isTail = isMechanism(parsed, dns::MechanismKind::All) ||
                                parsed->kind != dns::SpfTerm::Kind::Mechanism;
            if (isTail) {
                if (r == 0)
                    tail.push_back(std::move(term));
            } else if (!containsTerm(terms, term)) {
                terms.push_back(std::move(term));
            }
        }
    }
    if (tail.empty() && records.size() > 1)
        for (size_t r = 1; r < records.size() && tail.empty(); ++r)
            for (auto& term : termsOf(records[r]))
                if (isMechanism(parseTerm(term), dns::MechanismKind::All))
                    tail.push_back(std::move(term));
    size_t insertAt = 0;
    for (size_t i = 0; i < terms.size(); ++i)
        if (isAddressTerm(parseTerm(terms[i])))
            insertAt = i + 1;
    for (const auto& a : add) {
        const std::string term = ip4or6(a);
        if (containsTerm(terms, term))
            continue;
        terms.insert(terms.begin() + static_cast<std::ptrdiff_t>(insertAt), term);
        ++insertAt;
    }
    terms.insert(terms.end(), tail.begin(), tail.end());
    return join(terms);
}

std::string withoutTerms(std::string_view record, const std::vector<std::string>& drop) {
    std::vector<std::string> remaining = drop;
    std::vector<std::string> terms;
    for (auto& term : termsOf(record)) {
        const auto it = std::find_if(remaining.begin(), remaining.end(), [&](const std::string& d) {
            return equalsIgnoreCase(d, term);
        });
        if (it != remaining.end()) {
            remaining.erase(it);
            continue;
        }
        terms.push_back(std::move(term));
    }
    return join(terms);
}

std::string flattenIncludes(std::string_view record, dns::Resolver& resolver,
                            std::vector<std::string>& flattened) {
    std::vector<std::string> terms;
    for (auto& term : termsOf(record)) {
        std::string spec;
        const auto parsed = parseTerm(term, &spec);
        // Only a pass-qualified include of a fixed name can be replaced by what it lists.
        if (!isMechanism(parsed, dns::MechanismKind::Include) ||
            parsed->qualifier != dns::Qualifier::Pass || spec.find('%') != std::string::npos) {
            terms.push_back(std::move(term));
            continue;
        }
        const auto answer = resolver.query(dns::toQueryName(spec), dns::RRType::TXT);
        std::vector<std::string> inner;
        int spfRecords = 0;
        bool flat = answer.rcode == dns::Rcode::NoError;
        for (const auto* txt : answer.ofType(dns::RRType::TXT)) {
            const std::string text = txt->joinedText();
            if (!dns::isSpfVersion1(text))
                continue;
            ++spfRecords;
            for (auto& innerTerm : termsOf(text)) {
                const auto t = parseTerm(innerTerm);
                if (isAddressTerm(t) && t->qualifier == dns::Qualifier::Pass) {
                    if (!containsTerm(terms, innerTerm) && !containsTerm(inner, innerTerm))
                        inner.push_back(std::move(innerTerm));
                } else if (!(isMechanism(t, dns::MechanismKind::All) &&
                             t->qualifier != dns::Qualifier::Pass)) {
                    flat = false;  // a lookup term, a modifier or +all: not a plain list
                }
            }
        }
        if (!flat || spfRecords != 1) {
            terms.push_back(std::move(term));
            continue;
        }
        flattened.push_back(term);
        for (auto& t : inner)
            terms.push_back(std::move(t));
    }
    return join(terms);
}

}  // namespace mailtopo::analysis::detail
