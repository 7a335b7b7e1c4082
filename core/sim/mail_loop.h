#pragma once
// How a mail loop ends. The simulator is deterministic: once a message is sent the same way
// twice (same client, same address and port) every later round repeats the first, and only
// the growing Received header count changes. Rather than trace thirty rounds, the hop-count
// check each receiver makes is worked out from one round: the host where the count runs out
// rejects the message, as Exchange does with 554 5.4.14 (see README, "Mail loops").

#include <vector>

#include "core/model/design_lookup.h"
#include "core/sim/trace.h"

namespace mailtopo::sim {

// Received headers an Exchange receive connector lets a message carry (MaxHopCount): 60 on
// Exchange 2013 and later, as real Get-ReceiveConnector recordings of Exchange 2019 show for
// every default connector (../shared/formats/clixml); 30, the documented default, before.
int exchangeMaxHopCount(model::ExchangeVersion version);
// Postfix's hopcount_limit default, for the other MTAs (the model names no product).
inline constexpr int kMtaMaxHopCount = 50;

struct MailLoopEnd {
    Disposition disposition;  // the rejection where the count runs out
    TraceFlag flag;           // MAIL_LOOP, naming the loop's hosts in order
};

// `hops` is the trace so far, every hop accepted; the next hop would repeat hops[loopStart].
MailLoopEnd endMailLoop(const model::DesignLookup& lookup, const std::vector<Hop>& hops,
                        size_t loopStart);

}  // namespace mailtopo::sim
