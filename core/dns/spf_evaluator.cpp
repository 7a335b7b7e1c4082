#include "core/dns/spf_evaluator.h"

#include "core/dns/spf_evaluation.h"

namespace mailtopo::dns {

SpfRequest SpfRequest::forMailFrom(const net::Address& ip, std::string_view mailFrom,
                                   std::string_view helo) {
    if (mailFrom.empty())
        return forHelo(ip, helo);
    SpfRequest r;
    r.ip = ip;
    r.helo = std::string(helo);
    r.identity = SpfIdentity::MailFrom;
    const size_t at = mailFrom.rfind('@');
    // No "@" at all: the whole text is the domain (as pyspf and Mail::SPF read it).
    const std::string_view local =
        at == std::string_view::npos ? std::string_view() : mailFrom.substr(0, at);
    r.domain = std::string(at == std::string_view::npos ? mailFrom : mailFrom.substr(at + 1));
    r.sender = (local.empty() ? std::string("postmaster") : std::string(local)) + "@" + r.domain;
    return r;
}

SpfRequest SpfRequest::forHelo(const net::Address& ip, std::string_view helo) {
    SpfRequest r;
    r.ip = ip;
    r.helo = std::string(helo);
    r.domain = std::string(helo);
    r.sender = "postmaster@" + r.domain;
    r.identity = SpfIdentity::Helo;
    return r;
}

SpfEvaluator::SpfEvaluator(Resolver& resolver, SpfOptions options)
    : resolver_(resolver), options_(std::move(options)) {}

SpfOutcome SpfEvaluator::checkHost(const SpfRequest& request) const {
    SpfOutcome outcome;
    SpfTrace& trace = outcome.trace;
    trace.identity = request.identity;
    trace.ip = request.ip.toString();
    trace.domain = request.domain;
    trace.sender = request.sender;
    trace.helo = request.helo;
    trace.lookupLimit = options_.lookupLimit;
    trace.voidLimit = options_.voidLookupLimit;

    detail::Evaluation evaluation(resolver_, options_, request);
    detail::LevelVerdict verdict = evaluation.run(&trace.root);
    outcome.result = verdict.result;
    trace.decision.path = std::move(verdict.path);
    trace.decision.section = verdict.section;
    trace.decision.reason = verdict.reason;
    if (outcome.result == SpfResult::Fail) {
        outcome.explanation = evaluation.explanation(verdict, trace);
    }
    trace.lookups = evaluation.lookups();
    trace.voidLookups = evaluation.voidLookups();
    trace.dnsQueries = evaluation.queries();
    return outcome;
}

std::future<SpfOutcome> checkHostAsync(std::shared_ptr<Resolver> resolver, SpfRequest request,
                                       SpfOptions options) {
    return std::async(std::launch::async,
                      [resolver = std::move(resolver), request = std::move(request),
                       options = std::move(options)] {
                          return SpfEvaluator(*resolver, options).checkHost(request);
                      });
}

}  // namespace mailtopo::dns
