#include "core/dns/spf_lint.h"

#include <algorithm>

#include "core/dns/dns_name.h"
#include "core/dns/spf_evaluation.h"
#include "core/dns/spf_macro.h"

namespace mailtopo::dns {
namespace {

// Deep enough for any policy the lookup limit allows, shallow enough to stop include loops
// that pass through many names.
constexpr int kMaxDepth = 12;
constexpr int kMaxMxHosts = 10;  // §4.6.4: more MX hosts is a permerror anyway

bool isVoidAnswer(const DnsAnswer& answer, RRType type) {
    return answer.rcode == Rcode::NxDomain ||
           (answer.rcode == Rcode::NoError && !answer.hasType(type));
}

class Linter {
public:
    Linter(Resolver& resolver, SpfLint& out) : resolver_(resolver), out_(out) {}

    void visit(const std::string& domain, const std::string& via, int depth) {
        const size_t index = out_.records.size();
        out_.records.push_back({});
        out_.records[index].domain = domain;
        out_.records[index].via = via;
        out_.records[index].depth = depth;
        const DnsAnswer answer = resolver_.query(domain, RRType::TXT);
        out_.records[index].rcode = answer.rcode;
        for (const auto& r : answer.records) {
            if (r.type != RRType::TXT)
                continue;
            std::string text = r.joinedText();
            if (isSpfVersion1(text))
                out_.records[index].spfRecords.push_back(std::move(text));
        }
        if (out_.records[index].spfRecords.size() != 1)
            return;
        const SpfParseResult parsed = parseSpfRecord(out_.records[index].spfRecords.front());
        if (!parsed.ok()) {
            out_.records[index].syntax = parsed.error;
            return;
        }
        const SpfRecord& record = *parsed.record;
        path_.push_back(normalizeName(domain));
        for (const auto& term : record.terms) {
            if (!term.countsLookup())
                continue;
            const bool mechanism = term.kind == SpfTerm::Kind::Mechanism;
            const std::string text(record.view(term.text));
            // out_.records may grow while following: index, never a reference across visit().
            out_.records[index].lookupTerms += 1;
            out_.records[index].lookupTermText.push_back(text);
            out_.worstCaseLookups += 1;
            std::string target = domain;
            if (term.hasDomainSpec) {
                const std::string_view spec = record.view(term.domainSpec);
                if (spec.find('%') != std::string_view::npos) {
                    out_.notFollowed.push_back(text + " (macro)");
                    continue;
                }
                target = toQueryName(std::string(spec));
            }
            const bool follows = term.kind == SpfTerm::Kind::Redirect ||
                                 (mechanism && term.mechanism == MechanismKind::Include);
            if (follows) {
                follow(target, detail::pathElement(domain, text), depth, text);
            } else if (mechanism) {
                checkVoid(domain, text, term.mechanism, target);
            }
        }
        path_.pop_back();
    }

private:
    void follow(const std::string& target, const std::string& via, int depth,
                const std::string& text) {
        const std::string key = normalizeName(target);
        if (std::find(path_.begin(), path_.end(), key) != path_.end()) {
            out_.notFollowed.push_back(text + " (include loop)");
            return;
        }
        if (depth + 1 > kMaxDepth) {
            out_.notFollowed.push_back(text + " (nested too deeply)");
            return;
        }
        const size_t before = out_.records.size();
        visit(target, via, depth + 1);
        const auto rcode = out_.records[before].rcode;
        if (rcode == Rcode::ServFail || rcode == Rcode::Timeout)
            out_.notFollowed.push_back(text + " (TXT lookup " + std::string(rcodeName(rcode)) +
                                       ")");
    }

    void checkVoid(const std::string& domain, const std::string& text, MechanismKind kind,
                   const std::string& target) {
        if (kind == MechanismKind::Ptr)
            return;  // depends on the client's PTR records
        if (!isQueryableName(target))
            return;  // the evaluator skips such targets without a query
        const RRType type = kind == MechanismKind::Mx ? RRType::MX : RRType::A;
        const DnsAnswer answer = resolver_.query(target, type);
        if (isVoidAnswer(answer, type)) {
            out_.voids.push_back({domain, text, target, type, answer.rcode});
            return;
        }
        if (kind != MechanismKind::Mx || answer.rcode != Rcode::NoError)
            return;
        int hosts = 0;
        for (const auto* mx : answer.ofType(RRType::MX)) {
            if (++hosts > kMaxMxHosts || mx->target.empty())
                break;
            const DnsAnswer host = resolver_.query(mx->target, RRType::A);
            if (isVoidAnswer(host, RRType::A))
                out_.voids.push_back({domain, text, mx->target, RRType::A, host.rcode});
        }
    }

    Resolver& resolver_;
    SpfLint& out_;
    std::vector<std::string> path_;  // normalised names on the current include path
};

}  // namespace

SpfLint lintSpf(Resolver& resolver, std::string_view domain) {
    SpfLint lint;
    Linter(resolver, lint).visit(stripTrailingDot(domain), "", 0);
    return lint;
}

}  // namespace mailtopo::dns
