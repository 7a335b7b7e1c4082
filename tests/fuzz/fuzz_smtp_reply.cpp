// Fuzzes what a live SMTP server can send the probe: the reply reader (framing, codes,
// enhanced status, limits) and the EHLO capability parser on every reply it produces. The
// input is split into chunks at arbitrary points, as TCP delivers it. Invariants: a reader
// that refused the stream says why; replies it yields have a code from 200 to 599 and at least
// one line; after clear() nothing is left buffered.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/probe/ehlo_capabilities.h"
#include "core/probe/smtp_reply.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    // The first byte chooses the chunk size, so the same bytes are also fed split differently.
    const size_t chunk = 1 + data[0] % 64;
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    mailtopo::probe::ReplyReader reader;
    for (size_t at = 0; at < input.size(); at += chunk) {
        if (!reader.feed(input.substr(at, chunk))) {
            if (reader.error().empty())
                __builtin_trap();
            break;
        }
        while (reader.hasReply()) {
            const auto reply = reader.takeReply();
            if (reply.code < 200 || reply.code > 599 || reply.lines.empty())
                __builtin_trap();
            (void)reply.firstLine();
            (void)reply.wireText();
            (void)mailtopo::probe::parseEhlo(reply);
        }
    }
    reader.clear();
    if (reader.hasReply() || reader.hasPartialInput())
        __builtin_trap();
    return 0;
}
