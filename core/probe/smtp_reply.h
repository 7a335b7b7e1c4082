#pragma once
// SMTP replies as the probe reads them off the wire (RFC 5321 section 4.2): a three-digit
// code, one or more lines ("250-" continues, "250 " ends), and the RFC 3463 enhanced status
// code when the server sends one. Plain C++ so the parser is tested and fuzzed without sockets.

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace mailtopo::probe {

struct SmtpReply {
    int code = 0;                    // 220, 250, 554 …
    std::vector<std::string> lines;  // the text after "250-" / "250 " of each line, in order
    std::string enhancedStatus;      // "5.7.1" when the first line starts with one, else empty

    bool isPositive() const { return code >= 200 && code < 400; }
    bool isTransientFailure() const { return code >= 400 && code < 500; }
    bool isPermanentFailure() const { return code >= 500 && code < 600; }
    // The first line as the server sent it: "554 5.7.1 <x@y>: Relay access denied".
    std::string firstLine() const;
    // Every line as the server sent it ("250-a", "250 b"), joined by '\n'.
    std::string wireText() const;

    bool operator==(const SmtpReply&) const = default;
};

// Cuts the server's byte stream into replies. Lines end in CRLF; a bare LF is accepted too,
// because some servers send it and refusing would hide what they answered. Everything is
// bounded so a hostile server cannot make the probe buffer without end.
class ReplyReader {
public:
    static constexpr size_t kMaxLineBytes = 4096;  // RFC 5321 allows 512; be lenient
    static constexpr size_t kMaxLinesPerReply = 200;

    // Appends received bytes. Returns false once the stream is not SMTP (a line that does not
    // start with a code, codes that change within one reply, a line or reply over the limits);
    // error() then says why and further input is ignored.
    bool feed(std::string_view bytes);

    bool hasReply() const { return !complete_.empty(); }
    SmtpReply takeReply();
    // Bytes of an unfinished line or reply are buffered (e.g. the server closed mid-reply).
    bool hasPartialInput() const { return !buffer_.empty() || !current_.lines.empty(); }
    const std::string& error() const { return error_; }
    // Forgets everything buffered. RFC 3207 section 4.2: after STARTTLS the client must
    // discard what the server said before the TLS handshake.
    void clear();

private:
    bool takeLine(std::string_view line);
    bool fail(std::string message);

    std::string buffer_;  // bytes after the last complete line
    SmtpReply current_;   // the reply being assembled
    std::deque<SmtpReply> complete_;
    std::string error_;
};

}  // namespace mailtopo::probe
