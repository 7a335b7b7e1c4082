// R33–R35 for the SPF policies the design publishes or names: the accepted domains, the
// MAIL FROM domains of its flows and of its egress, and every record they include or
// redirect to. Facts come from the static lint (core/dns/spf_lint.h); the evaluations of
// the design's own senders, when one ended in a permerror, are cited as the proof.

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/analysis/dns_rules.h"
#include "core/dns/dns_name.h"
#include "core/dns/spf_lint.h"

namespace mailtopo::analysis::detail {
namespace {

std::string domainOf(std::string_view address) {
    const size_t at = address.rfind('@');
    return lower(
        dns::stripTrailingDot(at == std::string_view::npos ? address : address.substr(at + 1)));
}

// The domains whose policy the design owns or relies on, in a stable order.
std::vector<std::string> policyDomains(const DnsContext& context) {
    std::vector<std::string> out;
    auto add = [&](std::string domain) {
        if (domain.empty() || domain.front() == '*' || !context.zones.covers(domain) ||
            std::find(out.begin(), out.end(), domain) != out.end())
            return;
        out.push_back(std::move(domain));
    };
    for (const auto& d : context.design.organization.acceptedDomains)
        add(domainOf(d.domainName));
    for (const auto& flow : context.design.flows)
        if (!flow.mailFrom.empty())
            add(domainOf(flow.mailFrom));
    for (const auto& sender : context.senders)
        add(sender.domain);
    return out;
}

// The first evaluation of `domain` that `selects`, as evidence: "flow 'X' from 203.0.113.9
// gets permerror: more than 10 DNS-lookup terms …".
std::string witness(const DnsContext& context, const std::string& domain,
                    const std::function<bool(const dns::SpfOutcome&)>& selects) {
    for (const auto& sender : context.senders) {
        if (sender.domain != domain || !selects(sender.outcome))
            continue;
        std::string out = flowsText(sender.flows);
        out += " from ";
        out += sender.address.toString();
        out += " gets ";
        out += spfResultText(sender.outcome);
        return out;
    }
    return "";
}

std::string listTerms(const std::vector<std::string>& terms) {
    std::string out;
    const size_t shown = terms.size() > 5 ? 4 : terms.size();
    for (size_t i = 0; i < shown; ++i) {
        if (i > 0)
            out += ", ";
        out += terms[i];
    }
    if (shown < terms.size()) {
        out += " … ";
        out += terms.back();
    }
    return out;
}

std::string quotedList(const std::vector<std::string>& texts) {
    std::string out;
    for (const auto& t : texts) {
        if (!out.empty())
            out += ", ";
        out += quoted(t);
    }
    return out;
}

std::vector<std::string> zoneElements(const DnsContext& context, std::string_view domain) {
    std::string id = context.zones.zoneId(domain);
    if (id.empty())
        return {};
    return {std::move(id)};
}

std::string spfPointer(const DnsContext& context, std::string_view domain, size_t which = 0) {
    size_t seen = 0;
    return context.zones.recordPointer(domain, "TXT", [&](const model::DnsRecord& record) {
        return isSpfRecordData(record) && seen++ == which;
    });
}

int recordTtl(const DnsContext& context, std::string_view domain) {
    int ttl = 3600;
    spfRecordsAt(context.resolver, domain, &ttl);
    return ttl;
}

bool isPermError(const dns::SpfOutcome& o) {
    return o.result == dns::SpfResult::PermError;
}

class RecordRules {
public:
    RecordRules(const DnsContext& context, FindingSink& sink) : context_(context), sink_(sink) {}

    void check(const std::string& root) {
        const dns::SpfLint lint = dns::lintSpf(context_.resolver, root);
        for (const auto& record : lint.records) {
            if (record.spfRecords.size() > 1)
                multipleRecords(root, record);
            if (record.syntax)
                syntax(root, record);
        }
        lookupLimit(root, lint);
        voidLookups(root, lint);
    }

private:
    // A record reached through an include is reported once, from the first root reaching it.
    bool firstTime(std::string_view rule, const std::string& domain) {
        std::string key(rule);
        key += '\n';
        key += domain;
        return reported_.insert(std::move(key)).second;
    }

    static std::string reachedFrom(const std::string& root, const dns::SpfLintRecord& record) {
        if (record.via.empty())
            return "";
        std::string out = " (";
        out += root;
        out += "'s policy reaches it through ";
        out += record.via;
        out += ')';
        return out;
    }

    void multipleRecords(const std::string& root, const dns::SpfLintRecord& record) {
        if (!firstTime(dnsrules::kSpfMultipleRecords.id, record.domain))
            return;
        std::string message = record.domain;
        message += " publishes ";
        message += std::to_string(record.spfRecords.size());
        message += " SPF records: ";
        message += quotedList(record.spfRecords);
        message += reachedFrom(root, record);
        message += "; record discovery finds more than one, a permerror for every client";
        if (auto w = witness(context_, root, isPermError); !w.empty()) {
            message += " (";
            message += w;
            message += ')';
        }
        std::string fix = "Publish one record that carries the terms of both: ";
        fix += context_.zones.recordLine(record.domain, recordTtl(context_, record.domain), "TXT",
                                         txtData(correctedSpfRecord(record.spfRecords, {})));
        fix += "\nand delete ";
        for (size_t i = 1; i < record.spfRecords.size(); ++i) {
            if (i > 1)
                fix += ", ";
            fix += txtData(record.spfRecords[i]);
        }
        sink_.report(dnsrules::kSpfMultipleRecords,
                     {.message = std::move(message),
                      .elements = zoneElements(context_, record.domain),
                      .pointer = spfPointer(context_, record.domain, 1),
                      .remediation = std::move(fix)});
    }

    void syntax(const std::string& root, const dns::SpfLintRecord& record) {
        if (!firstTime(dnsrules::kSpfSyntax.id, record.domain))
            return;
        const auto& error = *record.syntax;
        const std::string& text = record.spfRecords.front();
        std::string message = "the SPF record of ";
        message += record.domain;
        message += ", ";
        message += quoted(text);
        message += ", does not parse: ";
        message += error.message;
        if (!error.section.empty()) {
            message += " (RFC 7208 §";
            message += error.section;
            message += ')';
        }
        message += reachedFrom(root, record);
        message += "; every evaluation ends in permerror";
        std::string fix;
        if (!error.term.empty()) {
            fix = "Correct or remove ";
            fix += quoted(error.term);
            fix += "; without it: ";
            fix += context_.zones.recordLine(record.domain, recordTtl(context_, record.domain),
                                             "TXT", txtData(withoutTerms(text, {error.term})));
        } else {
            fix = "Rewrite the record as \"v=spf1\" followed by space-separated terms, e.g. ";
            fix += txtData(correctedSpfRecord({}, {}));
        }
        sink_.report(dnsrules::kSpfSyntax, {.message = std::move(message),
                                            .elements = zoneElements(context_, record.domain),
                                            .pointer = spfPointer(context_, record.domain),
                                            .remediation = std::move(fix)});
    }

    void lookupLimit(const std::string& root, const dns::SpfLint& lint) {
        const auto overLimit = [](const dns::SpfOutcome& o) {
            return o.result == dns::SpfResult::PermError && o.trace.lookups > o.trace.lookupLimit;
        };
        const std::string proof = witness(context_, root, overLimit);
        if (lint.worstCaseLookups <= 10 && proof.empty())
            return;
        if (!firstTime(dnsrules::kSpfLookupLimit.id, root))
            return;
        std::string message = "the SPF policy of ";
        message += root;
        message += " has ";
        message += std::to_string(lint.worstCaseLookups);
        message += " DNS-lookup terms in its include/redirect tree (";
        bool first = true;
        for (const auto& record : lint.records) {
            if (record.lookupTerms == 0)
                continue;
            if (!first)
                message += "; ";
            first = false;
            message += record.domain;
            message += ": ";
            message += listTerms(record.lookupTermText);
        }
        message +=
            "): a client that no term matches needs them all, more than the 10 allowed "
            "(SPF_LOOKUP_RISK)";
        if (!lint.notFollowed.empty()) {
            message += "; not followed, so not counted beyond their own lookup: ";
            message += listTerms(lint.notFollowed);
        }
        if (!proof.empty()) {
            message += "; ";
            message += proof;
        }
        std::vector<std::string> flattened;
        const std::string rootRecord = lint.records.front().spfRecords.size() == 1
                                           ? lint.records.front().spfRecords.front()
                                           : std::string();
        const std::string flat = rootRecord.empty()
                                     ? std::string()
                                     : flattenIncludes(rootRecord, context_.resolver, flattened);
        std::string fix;
        const int after = lint.worstCaseLookups - static_cast<int>(flattened.size());
        if (!flattened.empty() && after <= 10) {
            fix = "Replace the includes that only list addresses (";
            fix += listTerms(flattened);
            fix += ") by those addresses: ";
            fix += context_.zones.recordLine(root, recordTtl(context_, root), "TXT", txtData(flat));
        } else {
            fix =
                "Bring the lookup terms to 10 or fewer: replace include:, a and mx terms by the "
                "ip4:/ip6: ranges they stand for, and drop ptr";
            if (!flattened.empty()) {
                fix += " (";
                fix += listTerms(flattened);
                fix += " only list addresses; that leaves ";
                fix += std::to_string(after);
                fix += ')';
            }
        }
        sink_.report(dnsrules::kSpfLookupLimit, {.message = std::move(message),
                                                 .elements = zoneElements(context_, root),
                                                 .pointer = spfPointer(context_, root),
                                                 .remediation = std::move(fix)});
    }

    void voidLookups(const std::string& root, const dns::SpfLint& lint) {
        const auto overLimit = [](const dns::SpfOutcome& o) {
            return o.result == dns::SpfResult::PermError && o.trace.voidLookups > o.trace.voidLimit;
        };
        const std::string proof = witness(context_, root, overLimit);
        if (lint.voids.size() <= 2 && proof.empty())
            return;
        if (!firstTime(dnsrules::kSpfVoidLookups.id, root))
            return;
        std::string message = "the SPF policy of ";
        message += root;
        message += " has ";
        message += std::to_string(lint.voids.size());
        message += " terms whose lookups answer nothing: ";
        // Per record, the stale terms to drop (a term may be void for several MX hosts).
        std::map<std::string, std::vector<std::string>> stale;
        for (size_t i = 0; i < lint.voids.size(); ++i) {
            const auto& v = lint.voids[i];
            if (i > 0)
                message += ", ";
            message += v.term;
            message += " (";
            message += dns::rrTypeName(v.type);
            message += " of ";
            message += v.name;
            message += ": ";
            message += v.rcode == dns::Rcode::NxDomain ? "NXDOMAIN" : "no records";
            message += ')';
            auto& terms = stale[v.domain];
            if (std::find(terms.begin(), terms.end(), v.term) == terms.end())
                terms.push_back(v.term);
        }
        message += "; the third void lookup is a permerror, not a fail";
        if (!proof.empty()) {
            message += " (";
            message += proof;
            message += ')';
        }
        std::string fix = "Remove the terms whose names no longer exist: ";
        bool first = true;
        for (const auto& record : lint.records) {
            const auto it = stale.find(record.domain);
            if (it == stale.end() || record.spfRecords.size() != 1)
                continue;
            if (!first)
                fix += "\nand ";
            first = false;
            fix += context_.zones.recordLine(
                record.domain, recordTtl(context_, record.domain), "TXT",
                txtData(withoutTerms(record.spfRecords.front(), it->second)));
            stale.erase(it);
        }
        sink_.report(dnsrules::kSpfVoidLookups, {.message = std::move(message),
                                                 .elements = zoneElements(context_, root),
                                                 .pointer = spfPointer(context_, root),
                                                 .remediation = std::move(fix)});
    }

    const DnsContext& context_;
    FindingSink& sink_;
    std::set<std::string> reported_;
};

}  // namespace

void checkSpfRecords(const DnsContext& context, FindingSink& sink) {
    RecordRules rules(context, sink);
    for (const auto& domain : policyDomains(context))
        rules.check(domain);
}

}  // namespace mailtopo::analysis::detail
