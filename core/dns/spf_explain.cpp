#include "core/dns/spf_explain.h"

namespace mailtopo::dns {
namespace {

using Json = nlohmann::ordered_json;

Json lookupToJson(const SpfLookupTrace& l) {
    Json j;
    j["name"] = l.name;
    j["type"] = rrTypeName(l.type);
    j["rcode"] = std::string(rcodeName(l.rcode));
    j["answers"] = l.answers;
    if (!l.aliases.empty())
        j["aliases"] = l.aliases;
    j["void"] = l.isVoid;
    j["purpose"] = l.purpose;
    if (!l.detail.empty())
        j["detail"] = l.detail;
    return j;
}

template <class List>  // a record's SmallVector or a term's std::vector
Json lookupsToJson(const List& lookups) {
    Json list = Json::array();
    for (const auto& l : lookups)
        list.push_back(lookupToJson(l));
    return list;
}

Json recordToJson(const SpfRecordTrace& r);

Json termToJson(const SpfTermTrace& t) {
    Json j;
    j["term"] = t.text;
    j["status"] = t.status;
    if (!t.target.empty())
        j["target"] = t.target;
    if (t.lookupCount > 0)
        j["lookupCount"] = t.lookupCount;
    j["voidCount"] = t.voidCount;
    if (!t.lookups.empty())
        j["lookups"] = lookupsToJson(t.lookups);
    if (!t.note.empty())
        j["note"] = t.note;
    if (!t.nested.empty())
        j["nested"] = recordToJson(t.nested.front());
    return j;
}

Json recordToJson(const SpfRecordTrace& r) {
    Json j;
    j["domain"] = r.domain;
    j["lookups"] = lookupsToJson(r.lookups);
    j["record"] = r.record.empty() ? Json(nullptr) : Json(r.record);
    Json terms = Json::array();
    for (const auto& t : r.terms)
        terms.push_back(termToJson(t));
    j["terms"] = std::move(terms);
    j["result"] = std::string(spfResultName(r.result));
    if (!r.note.empty())
        j["note"] = r.note;
    return j;
}

// Text output shows bytes outside printable ASCII as \xNN so a hostile record cannot
// mess up a terminal.
std::string printable(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7f) {
            out += ch;
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0x0f];
        }
    }
    return out;
}

void appendLookup(std::string& out, const SpfLookupTrace& l, const std::string& indent) {
    out += indent + "dns " + rrTypeName(l.type) + " " + printable(l.name) + " -> " +
           std::string(rcodeName(l.rcode));
    for (const auto& alias : l.aliases)
        out += " [CNAME " + printable(alias) + "]";
    if (!l.answers.empty()) {
        out += ":";
        for (const auto& a : l.answers) {
            out += ' ';
            out += printable(a);
        }
    } else if (l.rcode == Rcode::NoError) {
        out += " (no records)";
    }
    if (l.isVoid)
        out += " [void]";
    if (!l.detail.empty())
        out += " (" + printable(l.detail) + ")";
    out += "  {" + l.purpose + "}\n";
}

void appendRecord(std::string& out, const SpfRecordTrace& r, const std::string& indent) {
    out += indent + printable(r.domain) + "\n";
    const std::string inner = indent + "  ";
    for (const auto& l : r.lookups)
        appendLookup(out, l, inner);
    if (!r.record.empty())
        out += inner + "record: " + printable(r.record) + "\n";
    for (const auto& t : r.terms) {
        out += inner + "[" + t.status + "] " + printable(t.text);
        if (!t.target.empty() && t.target != r.domain)
            out += " -> " + printable(t.target);
        if (t.lookupCount > 0)
            out += "  (L=" + std::to_string(t.lookupCount) + ")";
        out += "\n";
        const std::string termIndent = inner + "    ";
        for (const auto& l : t.lookups)
            appendLookup(out, l, termIndent);
        for (const auto& n : t.nested)
            appendRecord(out, n, termIndent);
        if (!t.note.empty())
            out += termIndent + "note: " + printable(t.note) + "\n";
    }
    out += inner + "=> " + std::string(spfResultName(r.result));
    if (!r.note.empty())
        out += " (" + printable(r.note) + ")";
    out += "\n";
}

}  // namespace

nlohmann::ordered_json spfOutcomeToJson(const SpfOutcome& outcome) {
    const SpfTrace& t = outcome.trace;
    Json j;
    j["result"] = std::string(spfResultName(outcome.result));
    j["identity"] = std::string(spfIdentityName(t.identity));
    j["ip"] = t.ip;
    j["domain"] = t.domain;
    j["sender"] = t.sender;
    j["helo"] = t.helo;
    if (outcome.result == SpfResult::Fail) {
        j["explanation"] = outcome.explanation;
        j["explanationSource"] = t.explanationSource;
    } else {
        j["explanation"] = nullptr;
    }
    Json decision;
    decision["section"] = t.decision.section;
    decision["reason"] = t.decision.reason;
    decision["path"] = t.decision.path;
    j["decision"] = std::move(decision);
    j["lookups"] = Json{{"count", t.lookups}, {"limit", t.lookupLimit}};
    j["voidLookups"] = Json{{"count", t.voidLookups}, {"limit", t.voidLimit}};
    j["dnsQueries"] = t.dnsQueries;
    j["trace"] = recordToJson(t.root);
    if (!t.explanationLookups.empty())
        j["explanationLookups"] = lookupsToJson(t.explanationLookups);
    return j;
}

std::string spfOutcomeToJsonText(const SpfOutcome& outcome) {
    return spfOutcomeToJson(outcome).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string spfOutcomeToText(const SpfOutcome& outcome) {
    const SpfTrace& t = outcome.trace;
    std::string out;
    out += "SPF check_host() for the " +
           std::string(t.identity == SpfIdentity::Helo ? "HELO" : "MAIL FROM") + " identity\n";
    out += "  client IP: " + t.ip + "\n";
    out += "  domain:    " + printable(t.domain) + "\n";
    out += "  sender:    " + printable(t.sender) + "\n";
    out += "  HELO:      " + printable(t.helo) + "\n";
    out += "Result: " + std::string(spfResultName(outcome.result)) + "\n";
    if (!t.decision.path.empty()) {
        out += "Decided by: ";
        for (size_t i = 0; i < t.decision.path.size(); ++i) {
            if (i > 0)
                out += " > ";
            out += printable(t.decision.path[i]);
        }
        out += "\n";
    }
    out += "Reason: " + printable(t.decision.reason) + " (RFC 7208 section " + t.decision.section +
           ")\n";
    out += "DNS-lookup terms: " + std::to_string(t.lookups) + " of " +
           std::to_string(t.lookupLimit) + "; void lookups: " + std::to_string(t.voidLookups) +
           " of " + std::to_string(t.voidLimit) + "; DNS queries: " + std::to_string(t.dnsQueries) +
           "\n";
    if (outcome.result == SpfResult::Fail) {
        out += "Explanation: " + printable(outcome.explanation) + "\n";
        out += "  from: " + printable(t.explanationSource) + "\n";
        for (const auto& l : t.explanationLookups)
            appendLookup(out, l, "  ");
    }
    if (!t.root.domain.empty()) {
        out += "\nEvaluation:\n";
        appendRecord(out, t.root, "  ");
    }
    return out;
}

}  // namespace mailtopo::dns
