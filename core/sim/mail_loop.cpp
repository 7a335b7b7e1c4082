#include "core/sim/mail_loop.h"

#include "core/sim/send_routing.h"

namespace mailtopo::sim {
namespace {

// Whether `host` adds a Received header to a message it accepts: Exchange always does, a
// gateway as the design says (R30).
bool stampsReceived(const model::Host* host) {
    if (host == nullptr)
        return false;
    if (host->isExchange())
        return true;
    return host->smtp && host->smtp->addsReceivedHeader;
}

std::string nameOf(const model::DesignLookup& lookup, const model::Id& id) {
    const auto* host = lookup.host(id);
    return host ? hostLabel(*host) : id;
}

}  // namespace

int exchangeMaxHopCount(model::ExchangeVersion version) {
    return version >= model::ExchangeVersion::Ex2013 ? 60 : 30;
}

MailLoopEnd endMailLoop(const model::DesignLookup& lookup, const std::vector<Hop>& hops,
                        size_t loopStart) {
    MailLoopEnd end;
    const size_t cycle = hops.size() - loopStart;
    // The loop's hosts in the order the message meets them, back to the first.
    std::vector<model::Id> hosts{hops[loopStart].client};
    std::string path = nameOf(lookup, hops[loopStart].client);
    int stampsPerRound = 0;
    for (size_t k = loopStart; k < hops.size(); ++k) {
        if (hops[k].server != hosts.front())
            hosts.push_back(hops[k].server);
        path += " -> " + nameOf(lookup, hops[k].server);
        stampsPerRound += stampsReceived(lookup.host(hops[k].server)) ? 1 : 0;
    }
    end.flag.name = "MAIL_LOOP";
    end.flag.rule = "R1";
    end.flag.elements = hosts;

    if (stampsPerRound == 0) {
        end.disposition.kind = DispositionKind::InsufficientInfo;
        end.disposition.text = "a hop count that ends the mail loop " + path +
                               ": none of its hosts adds a Received header";
        end.disposition.element = hops[loopStart].client;
        end.disposition.rule = "R1";
        end.flag.detail = "the message goes round " + path + " without end";
        return end;
    }

    // Received headers the message carries when it reaches hop h's server: one for each
    // earlier server that stamped it. Hops past the trace repeat the loop.
    int received = 0;
    for (size_t h = 0;; ++h) {
        const Hop& hop = hops[h < hops.size() ? h : loopStart + (h - loopStart) % cycle];
        const model::Host* server = lookup.host(hop.server);
        const bool exchange = server != nullptr && server->isExchange();
        const int limit =
            exchange ? exchangeMaxHopCount(server->exchange->version) : kMtaMaxHopCount;
        if (received > limit) {
            const std::string who = nameOf(lookup, hop.server);
            end.disposition =
                exchange ? rejection(554, "5.4.14", "Hop count exceeded - possible mail loop",
                                     hop.server, "R1")
                         : rejection(554, "5.4.6", "Too many hops", hop.server, "R1");
            end.flag.detail = "the message goes round " + path + " and again: each round adds " +
                              std::to_string(stampsPerRound) + " Received header" +
                              (stampsPerRound == 1 ? "" : "s") + ", and " + who +
                              " rejects it when it arrives with " + std::to_string(received) +
                              " (more than its limit of " + std::to_string(limit) + ")";
            return end;
        }
        received += stampsReceived(server) ? 1 : 0;
    }
}

}  // namespace mailtopo::sim
