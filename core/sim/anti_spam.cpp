// The addresses Exchange's anti-spam agents judge and what they decide (R30–R32): the
// originating IP through InternalSMTPServers and the Received chain, the IP Allow/Block
// lists, and Sender ID with the RFC 7208 evaluator of core/dns.

#include "core/sim/anti_spam.h"

#include <algorithm>

#include "core/dns/spf_evaluator.h"
#include "core/util/enum_text.h"

namespace mailtopo::sim {
namespace {}  // namespace

AntiSpamOutcome runAntiSpam(const AntiSpamInput& in) {
    AntiSpamOutcome out;
    const auto& internal = in.design->organization.internalSmtpServers;
    std::optional<net::Address> origin;
    std::string originWhy;
    if (internal.empty()) {
        origin = in.seenSource;
        originWhy = "InternalSMTPServers is empty: the connecting IP (ASSUMPTION A18)";
    } else if (!net::anyContains(internal, in.seenSource)) {
        origin = in.seenSource;
        originWhy = in.seenSource.toString() + " is not in InternalSMTPServers";
    } else {
        for (const auto& hop : in.receivedChain)
            if (!net::anyContains(internal, hop)) {
                origin = hop;
                break;
            }
        originWhy = origin ? in.seenSource.toString() +
                                 " is in InternalSMTPServers: the first Received IP outside it"
                           : in.seenSource.toString() +
                                 " is in InternalSMTPServers and no Received header names an "
                                 "outside IP: no originating IP";
    }
    out.originatingIp = origin;
    {
        Step step;
        step.kind = StepKind::AntiSpam;
        step.rule = "R30";
        step.element = in.server->id;
        step.summary = "originating IP " + (origin ? origin->toString() : std::string("(none)"));
        step.inputs = {{"why", originWhy}};
        out.steps.push_back(std::move(step));
    }

    const bool agents =
        in.server->exchange && (in.server->exchange->antiSpam.agentsInstalled ||
                                in.server->exchange->roles.contains(model::ExchangeRole::Edge));
    if (agents && !in.rights.contains(model::ExtendedRight::BypassAntiSpam) && origin) {
        const auto& antiSpam = in.server->exchange->antiSpam;
        if (net::anyContains(antiSpam.ipAllowList, *origin)) {
            Step step;
            step.kind = StepKind::AntiSpam;
            step.rule = "R32";
            step.element = in.server->id;
            step.summary = origin->toString() + " is on the IP Allow list: other agents skipped";
            out.steps.push_back(std::move(step));
        } else {
            if (net::anyContains(antiSpam.ipBlockList, *origin)) {
                Step step;
                step.kind = StepKind::Smtp;
                step.rule = "R32";
                step.element = in.server->id;
                step.summary = "S: 550 5.7.1 External client with IP address " +
                               origin->toString() +
                               " does not have permissions to submit to this server";
                step.inputs = {{"IP Block list", "contains " + origin->toString()}};
                out.steps.push_back(std::move(step));
                out.verdict =
                    rejection(550, "5.7.1",
                              "originating IP " + origin->toString() + " is on the IP Block list",
                              in.server->id, "R32");
                return out;
            }
            if (antiSpam.senderIdEnabled && in.resolver != nullptr && !in.senderDomain.empty()) {
                dns::SpfOptions options;
                options.trace = false;
                dns::SpfEvaluator evaluator(*in.resolver, options);
                const auto outcome = evaluator.checkHost(
                    dns::SpfRequest::forMailFrom(*origin, in.mailFrom, in.helo));
                const auto result = outcome.result;
                Step step;
                step.kind = StepKind::AntiSpam;
                step.rule = "R31";
                step.element = in.server->id;
                step.summary = "Sender ID: " + std::string(dns::spfResultName(result)) + " for " +
                               origin->toString() + " as " + in.senderDomain;
                const bool fail = result == dns::SpfResult::Fail;
                const bool temp = result == dns::SpfResult::TempError;
                const auto action = fail   ? antiSpam.senderIdSpoofedAction
                                    : temp ? antiSpam.senderIdTempErrorAction
                                           : model::SenderIdAction::StampStatus;
                if (fail || temp)
                    step.inputs.push_back({"action", std::string(enumName(action))});
                out.steps.push_back(std::move(step));
                if ((fail || temp) && action == model::SenderIdAction::Reject) {
                    out.verdict = rejection(550, "5.7.1", "Sender ID (PRA) Not Permitted",
                                            in.server->id, "R31");
                    return out;
                }
                if ((fail || temp) && action == model::SenderIdAction::Delete) {
                    Disposition deleted;
                    deleted.kind = DispositionKind::Dropped;
                    deleted.text =
                        "SENDER_ID_DELETE: the server answered 250 and discarded the message";
                    deleted.element = in.server->id;
                    deleted.rule = "R31";
                    out.verdict = deleted;
                    return out;
                }
            }
        }
    }
    return out;
}

}  // namespace mailtopo::sim
