// R33/R34 for the design's own mail: SPF of the MAIL FROM domain, evaluated for the address
// each egress identity leaves as, must pass. The remediation gives the record to publish:
// the one in the zone with every egress address it misses added (and repaired when it is
// broken), so one change fixes every finding of the domain. A smart host that relays the
// mail on is such an egress too (R29): receivers judge its address.

#include <algorithm>
#include <map>

#include "core/analysis/dns_rules.h"

namespace mailtopo::analysis::detail {
namespace {

// Results that leave the mail unauthenticated. temperror is left out: with design zones it
// only comes from DNS the design does not model (an include: of a provider), which says
// nothing about the design.
bool notAuthorized(dns::SpfResult result) {
    return result != dns::SpfResult::Pass && result != dns::SpfResult::TempError;
}

std::string hostName(const DnsContext& context, const model::Id& id) {
    const auto* host = context.index.host(id);
    return host != nullptr ? hostLabel(*host) : id;
}

std::string firewallName(const model::Design& design, const model::Id& id) {
    for (const auto& fw : design.firewalls)
        if (fw.id == id)
            return fw.name.empty() ? fw.id : fw.name;
    return id;
}

}  // namespace

void checkSpfEgress(const DnsContext& context, FindingSink& sink) {
    // Every address each domain misses, so each finding's record fixes them all.
    std::map<std::string, std::vector<net::Address>> missing;
    for (const auto& sender : context.senders) {
        if (!sender.egress || !notAuthorized(sender.outcome.result))
            continue;
        auto& list = missing[sender.domain];
        if (std::find(list.begin(), list.end(), sender.address) == list.end())
            list.push_back(sender.address);
    }
    for (const auto& sender : context.senders) {
        if (!sender.egress || !notAuthorized(sender.outcome.result))
            continue;
        int ttl = 3600;
        const auto records = spfRecordsAt(context.resolver, sender.domain, &ttl);
        const std::string corrected = correctedSpfRecord(records, missing[sender.domain]);

        std::string message = flowsText(sender.flows);
        message += ": ";
        message += sender.smartHost.empty() ? hostName(context, sender.client)
                                            : "smart host " + sender.smartHost;
        if (sender.source) {
            message += " (";
            message += sender.source->toString();
            message += ')';
        }
        message += " sends as ";
        message += egressText(context.design, sender.identity);
        message += ", HELO ";
        message += sender.helo;
        message += ", MAIL FROM domain ";
        message += sender.domain;
        message += "; SPF of ";
        message += sender.domain;
        if (records.empty()) {
            message += " (no SPF record)";
        } else {
            message += " (";
            for (size_t i = 0; i < records.size(); ++i) {
                if (i > 0)
                    message += ", ";
                message += quoted(records[i]);
            }
            message += ')';
        }
        message += " gives ";
        message += spfResultText(sender.outcome);

        std::string fix = records.size() > 1 ? "Publish one SPF record at " : "Publish at ";
        fix += sender.domain;
        fix += ": ";
        fix += context.zones.recordLine(sender.domain, ttl, "TXT", txtData(corrected));
        if (records.size() > 1)
            fix += ", and delete the other v=spf1 records";
        if (!sender.smartHost.empty()) {
            fix += "\nA smart host that sends for ";
            fix += sender.domain;
            fix += " must be authorized by its SPF (R29): add ";
            fix += ip4or6(sender.address);
            fix += " as above, or the include: its operator publishes for its relays";
        }
        if (sender.identity.natRule == "interface-pat" && sender.source) {
            fix += "\nor keep the mail on an authorized address: ";
            fix += sender.source->toString();
            fix += " has no outbound NAT rule on ";
            fix += firewallName(context.design, sender.identity.natDevice);
            fix += " and leaves by interface PAT; map it with a rule, or make ";
            fix += hostName(context, sender.client);
            fix += " send from an address a rule maps (see source-ip-drift)";
        }

        std::vector<std::string> elements;
        for (const auto& e :
             {context.zones.zoneId(sender.domain), sender.identity.natDevice, sender.client})
            if (!e.empty())
                elements.push_back(e);
        std::string pointer = context.zones.recordPointer(sender.domain, "TXT", isSpfRecordData);
        if (pointer.empty())
            pointer = sender.flowPointer;
        sink.report(dnsrules::kSpfEgressNotAuthorized,
                    {.message = std::move(message),
                     .elements = std::move(elements),
                     .pointer = std::move(pointer),
                     .remediation = std::move(fix),
                     .flow = sender.flows.empty() ? std::string() : sender.flows.front()});
    }
}

}  // namespace mailtopo::analysis::detail
