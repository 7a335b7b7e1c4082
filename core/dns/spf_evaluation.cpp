#include "core/dns/spf_evaluation.h"

#include <ctime>

#include "core/dns/dns_name.h"

namespace mailtopo::dns::detail {
namespace {

bool isV4Mapped(const net::Address& a) {
    if (!a.isV6())
        return false;
    const auto b = a.bytes();
    for (size_t i = 0; i < 10; ++i) {
        if (b[i] != 0)
            return false;
    }
    return b[10] == 0xff && b[11] == 0xff;
}

std::string quoted(std::string_view text) {
    std::string out(1, '\'');  // not "'" + string&&: GCC 12 -O2 warns falsely (-Wrestrict)
    out.append(text).append(1, '\'');
    return out;
}

}  // namespace

std::string pathElement(std::string_view domain, std::string_view term) {
    std::string out;
    out.reserve(domain.size() + term.size() + 2);
    out += domain;
    out += ": ";
    out += term;
    return out;
}

Evaluation::Evaluation(Resolver& resolver, const SpfOptions& options, const SpfRequest& request)
    : resolver_(resolver), options_(options), trace_(options.trace), ip_(request.ip) {
    // §5 ¶9 / test "ip4-mapped-ip6": an IPv4-mapped IPv6 client is an IPv4 client.
    if (isV4Mapped(ip_))
        ip_ = net::Address::v4(static_cast<uint32_t>(ip_.value().lo));
    ipText_ = ip_.toString();
    ipDotted_ = ip_.isV4() ? ipText_ : ipv6Nibbles(ip_.bytes());
    sender_ = request.sender;
    const size_t at = sender_.rfind('@');
    localPart_ = at == std::string::npos ? std::string() : sender_.substr(0, at);
    senderDomain_ = at == std::string::npos ? sender_ : sender_.substr(at + 1);
    if (localPart_.empty()) {
        localPart_ = "postmaster";
        sender_ = localPart_ + "@" + senderDomain_;
    }
    helo_ = request.helo;
    domain_ = request.domain;
    timestamp_ = std::to_string(options.timestamp ? *options.timestamp
                                                  : static_cast<int64_t>(std::time(nullptr)));
    context_.sender = sender_;
    context_.localPart = localPart_;
    context_.senderDomain = senderDomain_;
    context_.domain = domain_;
    context_.ipDotted = ipDotted_;
    context_.ipText = ipText_;
    context_.ipVersion = ip_.isV4() ? "in-addr" : "ip6";
    context_.helo = helo_;
    context_.receiver = options_.receiver;
    context_.timestamp = timestamp_;
    context_.validatedName = [this] { return validatedName(); };
}

LevelVerdict Evaluation::run(SpfRecordTrace* root) {
    return checkHost(domain_, trace_ ? root : nullptr, 0, true);
}

LookupAnswer Evaluation::lookup(std::string_view name, RRType type, const char* purpose) {
    ++queries_;
    // Zone data lends its answers: no copy of the records on the hot path.
    LookupAnswer result = [&] {
        if (const DnsAnswer* lent = resolver_.lend(name, type))
            return LookupAnswer(lent);
        return LookupAnswer(resolver_.query(name, type));
    }();
    if (trace_ && sink_) {
        const DnsAnswer& answer = *result;
        SpfLookupTrace& t = sink_.add();  // built in place
        t.name.assign(name);
        t.type = type;
        t.rcode = answer.rcode;
        t.purpose = purpose;
        t.detail = answer.detail;
        for (const auto& r : answer.records) {
            if (r.type == type) {
                t.answers.push_back(r.rdata);
            } else if (r.type == RRType::CNAME) {
                t.aliases.push_back(r.name + " -> " + r.target);
            }
        }
    }
    return result;
}

bool Evaluation::countLookup(SpfTermTrace* tt, LevelVerdict& out) {
    ++lookups_;
    if (tt != nullptr)
        tt->lookupCount = lookups_;
    if (lookups_ <= options_.lookupLimit)
        return true;
    out.result = SpfResult::PermError;
    out.section = "4.6.4";
    out.reason = "more than " + std::to_string(options_.lookupLimit) +
                 " DNS-lookup terms (include, a, mx, ptr, exists, redirect): this one would be "
                 "number " +
                 std::to_string(lookups_);
    return false;
}

bool Evaluation::countVoid(SpfTermTrace* tt, std::string_view what, LevelVerdict& out) {
    ++voids_;
    if (SpfLookupTrace* last = trace_ ? sink_.last() : nullptr)
        last->isVoid = true;
    if (tt != nullptr)
        tt->voidCount = voids_;
    if (voids_ <= options_.voidLookupLimit)
        return true;
    out.result = SpfResult::PermError;
    out.section = "4.6.4";
    out.reason = "more than " + std::to_string(options_.voidLookupLimit) +
                 " void lookups (NXDOMAIN or no answer): " + std::string(what) + " is number " +
                 std::to_string(voids_);
    return false;
}

bool Evaluation::target(const SpfRecord& record, const SpfTerm& term, const std::string& domain,
                        std::string& out, LevelVerdict& error) {
    if (!term.hasDomainSpec) {
        out = domain;
        return true;
    }
    const std::string_view spec = record.view(term.domainSpec);
    if (spec.find('%') == std::string_view::npos) {
        out = toQueryName(std::string(spec));
        return true;
    }
    std::string problem;
    auto expanded = expandMacroString(spec, MacroMode::Domain, context_, &problem);
    if (!expanded) {
        error.result = SpfResult::PermError;
        error.section = "7.1";
        error.reason = "macro error: " + problem;
        return false;
    }
    out = toQueryName(std::move(*expanded));
    return true;
}

LevelVerdict Evaluation::checkHost(const std::string& domain, SpfRecordTrace* rt, int depth,
                                   bool decisive) {
    LevelVerdict v;
    // Returns an rvalue so that `return finish(...)` moves the verdict out.
    auto finish = [&](SpfResult result, std::string_view section, std::string reason,
                      bool noteInTrace = true) -> LevelVerdict&& {
        v.result = result;
        v.section = std::string(section);
        v.reason = std::move(reason);
        if (rt != nullptr) {
            rt->result = result;
            if (noteInTrace)
                rt->note = v.reason;
        }
        return std::move(v);
    };
    if (rt != nullptr)
        rt->domain = domain;
    if (depth > 2 * options_.lookupLimit + 2) {
        return finish(SpfResult::PermError, "4.6.4", "evaluation nested too deeply");
    }
    // §4.3: a malformed or single-label domain, or a domain literal, has no SPF policy.
    if (!isMultiLabelName(domain) || domain.front() == '[') {
        return finish(SpfResult::None, "4.3",
                      quoted(domain) + " is not a valid multi-label domain name");
    }
    sink_ = rt != nullptr ? LookupSink(&rt->lookups) : LookupSink();
    const LookupAnswer looked = lookup(domain, RRType::TXT, "record");
    const DnsAnswer& answer = *looked;
    if (answer.rcode == Rcode::Timeout || answer.rcode == Rcode::ServFail) {
        return finish(SpfResult::TempError, "4.4",
                      "DNS error looking up the TXT records of " + domain + " (" +
                          std::string(rcodeName(answer.rcode)) + ")");
    }
    if (answer.rcode == Rcode::NxDomain) {
        return finish(SpfResult::None, "4.3", domain + " does not exist (NXDOMAIN)");
    }
    // §4.5: keep the TXT records that start with "v=spf1"; other TXT records do not matter.
    int found = 0;
    std::string text;
    for (const auto& r : answer.records) {
        if (r.type != RRType::TXT)
            continue;
        // A one-string record (the usual case) is checked without joining a copy first.
        const bool single = r.strings.size() == 1;
        std::string joined = single ? std::string() : r.joinedText();
        if (!isSpfVersion1(single ? r.strings.front() : joined))
            continue;
        if (++found == 1)
            text = single ? r.strings.front() : std::move(joined);
    }
    if (found == 0)
        return finish(SpfResult::None, "4.5", "no SPF record at " + domain);
    if (found > 1) {
        return finish(
            SpfResult::PermError, "4.5",
            std::to_string(found) + " SPF records at " + domain + "; exactly one is allowed");
    }
    SpfParseResult parsed = parseSpfRecord(std::move(text));
    if (!parsed.ok()) {
        if (rt != nullptr)
            rt->record = std::move(text);  // a failed parse leaves the text with us
        if (!parsed.error.term.empty())
            v.path.push_back(pathElement(domain, parsed.error.term));
        if (rt != nullptr && parsed.error.termIndex >= 0) {
            SpfTermTrace bad;
            bad.text = parsed.error.term;
            bad.status = "error";
            bad.note = parsed.error.message;
            rt->terms.push_back(std::move(bad));
        }
        return finish(SpfResult::PermError, parsed.error.section,
                      "syntax error in the record of " + domain + ": " + parsed.error.message);
    }
    const SpfRecord& record = *parsed.record;
    // The trace keeps the record's text: it moves there when this level ends (the terms are
    // views into it until then), which saves copying every record evaluated.
    struct KeepText {
        SpfRecordTrace* rt;
        std::string& text;
        ~KeepText() {
            if (rt != nullptr)
                rt->record = std::move(text);
        }
    } keepText{rt, parsed.record->text};
    if (rt != nullptr) {
        rt->terms.resize(record.terms.size());
        for (size_t i = 0; i < record.terms.size(); ++i) {
            rt->terms[i].text = std::string(record.view(record.terms[i].text));
            const auto kind = record.terms[i].kind;
            if (kind == SpfTerm::Kind::Explanation || kind == SpfTerm::Kind::UnknownModifier) {
                rt->terms[i].status = "modifier";
            }
        }
    }
    if (record.explanation >= 0) {
        v.hasExplanation = true;
        v.explanationSpec = std::string(
            record.view(record.terms[static_cast<size_t>(record.explanation)].domainSpec));
        v.explanationDomain = domain;
    }

    const std::string_view outerDomain = context_.domain;
    context_.domain = domain;
    struct Restore {
        MacroContext& context;
        std::string_view domain;
        ~Restore() { context.domain = domain; }
    } restore{context_, outerDomain};

    for (size_t i = 0; i < record.terms.size(); ++i) {
        const SpfTerm& term = record.terms[i];
        if (term.kind != SpfTerm::Kind::Mechanism)
            continue;
        SpfTermTrace* tt = rt != nullptr ? &rt->terms[i] : nullptr;
        sink_ = tt != nullptr ? LookupSink(&tt->lookups) : LookupSink();
        LevelVerdict inner;
        const Match m = evaluateMechanism(record, term, domain, tt, depth, inner);
        if (tt != nullptr)
            tt->voidCount = voids_;
        const std::string_view termText = record.view(term.text);
        if (m == Match::Error) {
            if (tt != nullptr)
                tt->status = "error";
            inner.path.insert(inner.path.begin(), pathElement(domain, termText));
            inner.hasExplanation = false;
            if (rt != nullptr) {
                rt->result = inner.result;
                rt->note = inner.reason;
            }
            return inner;
        }
        if (m == Match::Yes) {
            if (tt != nullptr) {
                tt->status = "match";
                if (record.redirect >= 0)
                    rt->terms[static_cast<size_t>(record.redirect)].status = "skipped";
            }
            const SpfResult result = qualifierResult(term.qualifier);
            // An include keeps the path of an inner pass only (matchInclude): a level that
            // merely feeds an include and does not pass skips building it, as it skips the
            // sentence below (the hot path of deep include chains).
            if (decisive || result == SpfResult::Pass) {
                v.path = std::move(inner.path);
                v.path.insert(v.path.begin(), pathElement(domain, termText));
            }
            // Only a decisive level's sentence is ever read. The trace shows the matching term
            // itself, so no note either.
            std::string reason;
            if (decisive) {
                reason = quoted(termText);
                reason.append(" matched, so the result is its qualifier's: ")
                    .append(spfResultName(result));
            }
            return finish(result, mechanismSection(term.mechanism), std::move(reason), false);
        }
        if (tt != nullptr)
            tt->status = "no-match";
    }
    if (record.redirect >= 0) {
        const SpfTerm& term = record.terms[static_cast<size_t>(record.redirect)];
        SpfTermTrace* tt =
            rt != nullptr ? &rt->terms[static_cast<size_t>(record.redirect)] : nullptr;
        sink_ = tt != nullptr ? LookupSink(&tt->lookups) : LookupSink();
        LevelVerdict inner;
        evaluateRedirect(record, term, domain, tt, depth, decisive, inner);
        inner.path.insert(inner.path.begin(), pathElement(domain, record.view(term.text)));
        if (rt != nullptr) {
            rt->result = inner.result;
            rt->note = inner.reason;
        }
        return inner;
    }
    if (decisive)  // neutral: an include drops the path (see above)
        v.path.push_back(pathElement(domain, "(no mechanism matched)"));
    return finish(SpfResult::Neutral, "4.7",
                  "no mechanism matched and there is no redirect=, so the default result neutral "
                  "applies");
}

Match Evaluation::evaluateMechanism(const SpfRecord& record, const SpfTerm& term,
                                    const std::string& domain, SpfTermTrace* tt, int depth,
                                    LevelVerdict& out) {
    switch (term.mechanism) {
        case MechanismKind::All:
            return Match::Yes;
        case MechanismKind::Ip4:
        case MechanismKind::Ip6:
            return matchesNetwork(term) ? Match::Yes : Match::No;
        default:
            break;
    }
    if (!countLookup(tt, out))
        return Match::Error;
    std::string name;
    if (!target(record, term, domain, name, out))
        return Match::Error;
    if (tt != nullptr)
        tt->target = name;
    switch (term.mechanism) {
        case MechanismKind::Include:
            return matchInclude(name, tt, depth, out);
        case MechanismKind::A:
            return matchA(name, term, tt, out);
        case MechanismKind::Mx:
            return matchMx(name, term, tt, out);
        case MechanismKind::Ptr:
            return matchPtr(name, tt, out);
        case MechanismKind::Exists:
            return matchExists(name, tt, out);
        default:
            return Match::No;
    }
}

// §6.1: with no mechanism matched, the result is that of check_host() for the target; a
// target without an SPF record is a permerror, not "none".
Match Evaluation::evaluateRedirect(const SpfRecord& record, const SpfTerm& term,
                                   const std::string& domain, SpfTermTrace* tt, int depth,
                                   bool decisive, LevelVerdict& out) {
    if (!countLookup(tt, out)) {
        if (tt != nullptr)
            tt->status = "error";
        return Match::Error;
    }
    std::string name;
    if (!target(record, term, domain, name, out)) {
        if (tt != nullptr)
            tt->status = "error";
        return Match::Error;
    }
    SpfRecordTrace* child = nullptr;
    if (tt != nullptr) {
        tt->target = name;
        tt->status = "followed";
        child = &tt->nested.emplace_back();
    }
    LevelVerdict inner = checkHost(name, child, depth + 1, decisive);
    if (tt != nullptr)
        tt->voidCount = voids_;
    if (inner.result == SpfResult::None) {
        out.result = SpfResult::PermError;
        out.section = "6.1";
        out.reason = "redirect=" + name + " leads to no SPF record (" + inner.reason +
                     "), which is a permerror";
        out.path = std::move(inner.path);
        if (tt != nullptr)
            tt->status = "error";
        return Match::Error;
    }
    out = std::move(inner);
    if (out.result == SpfResult::TempError || out.result == SpfResult::PermError) {
        out.hasExplanation = false;
        return Match::Error;
    }
    return Match::Yes;
}

std::string Evaluation::validatedName() {
    if (!validatedNames_) {
        validatedNames_.emplace();
        const LookupAnswer looked = lookup(reverseName(ip_), RRType::PTR, "p-macro");
        const DnsAnswer& answer = *looked;
        if (answer.rcode == Rcode::NoError) {
            int considered = 0;
            for (const auto& r : answer.records) {
                if (r.type != RRType::PTR)
                    continue;
                if (++considered > options_.ptrLimit)
                    break;
                if (validates(r.target, "p-validate"))
                    validatedNames_->push_back(r.target);
            }
        }
    }
    const auto& names = *validatedNames_;
    if (names.empty())
        return "unknown";
    // §7.3: prefer <domain> itself, then a subdomain of it, then any validated name.
    for (const auto& n : names) {
        if (equalsIgnoreCase(stripTrailingDot(n), stripTrailingDot(context_.domain)))
            return n;
    }
    for (const auto& n : names) {
        if (isSameOrSubdomain(n, context_.domain))
            return n;
    }
    return names.front();
}

std::string Evaluation::explanation(const LevelVerdict& verdict, SpfTrace& trace) {
    context_.domain = domain_;
    std::string fallback = options_.defaultExplanation;
    if (auto expanded =
            expandMacroString(options_.defaultExplanation, MacroMode::Explanation, context_)) {
        fallback = std::move(*expanded);
    }
    auto useDefault = [&](std::string why) {
        trace.explanationSource = "default (" + why + ")";
        return fallback;
    };
    if (!verdict.hasExplanation)
        return useDefault("the deciding record has no exp=");
    context_.domain = verdict.explanationDomain;
    std::string problem;
    auto name = expandMacroString(verdict.explanationSpec, MacroMode::Domain, context_, &problem);
    if (!name)
        return useDefault("exp= did not expand: " + problem);
    const std::string query = toQueryName(std::move(*name));
    if (!isQueryableName(query))
        return useDefault("exp= names no valid domain");
    sink_ = trace_ ? LookupSink(&trace.explanationLookups) : LookupSink();
    // §6.2: the exp= lookup counts neither as a DNS-lookup term nor as a void lookup.
    const LookupAnswer looked = lookup(query, RRType::TXT, "exp");
    const DnsAnswer& answer = *looked;
    if (answer.rcode != Rcode::NoError) {
        return useDefault("TXT lookup of " + query + " answered " +
                          std::string(rcodeName(answer.rcode)));
    }
    const auto records = answer.ofType(RRType::TXT);
    if (records.size() != 1) {
        return useDefault(std::to_string(records.size()) + " TXT records at " + query +
                          "; exactly one is needed");
    }
    auto text = expandMacroString(records.front()->joinedText(), MacroMode::Explanation, context_,
                                  &problem);
    if (!text)
        return useDefault("the explanation text at " + query + " is invalid: " + problem);
    // The explanation goes into an SMTP reply, whose line holds at most 512 octets (RFC 5321
    // §4.5.3.1.5); a longer one could never be sent, so it is ignored as §6.2 allows for any
    // explanation that cannot be used, and a hostile zone cannot grow the output.
    constexpr size_t kMaxExplanation = 512;
    if (text->size() > kMaxExplanation) {
        return useDefault("the explanation at " + query + " expands to " +
                          std::to_string(text->size()) + " characters, more than the " +
                          std::to_string(kMaxExplanation) + " an SMTP reply line holds");
    }
    trace.explanationSource = "exp=" + query;
    return std::move(*text);
}

}  // namespace mailtopo::dns::detail
