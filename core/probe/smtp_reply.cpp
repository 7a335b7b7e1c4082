#include "core/probe/smtp_reply.h"

#include <utility>

namespace mailtopo::probe {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// "5.7.1", "2.1.5", "5.7.54": class.subject.detail with 1-3 digit parts (RFC 3463).
std::string leadingEnhancedStatus(std::string_view text) {
    const size_t end = text.find(' ');
    const std::string_view word = text.substr(0, end);
    if (word.size() < 5 || (word[0] != '2' && word[0] != '4' && word[0] != '5') || word[1] != '.')
        return {};
    int dots = 0;
    size_t run = 0;
    for (size_t i = 2; i < word.size(); ++i) {
        if (word[i] == '.') {
            if (run == 0 || ++dots > 1)
                return {};
            run = 0;
        } else if (isDigit(word[i]) && ++run <= 3) {
            continue;
        } else {
            return {};
        }
    }
    return dots == 1 && run > 0 ? std::string(word) : std::string();
}

}  // namespace

std::string SmtpReply::firstLine() const {
    std::string out = std::to_string(code);
    if (!lines.empty() && !lines.front().empty()) {
        out += ' ';
        out += lines.front();
    }
    return out;
}

std::string SmtpReply::wireText() const {
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i > 0)
            out += '\n';
        out += std::to_string(code);
        out += i + 1 == lines.size() ? ' ' : '-';
        out += lines[i];
    }
    return out.empty() ? std::to_string(code) : out;
}

bool ReplyReader::feed(std::string_view bytes) {
    if (!error_.empty())
        return false;
    buffer_.append(bytes);
    size_t start = 0;
    for (;;) {
        const size_t newline = buffer_.find('\n', start);
        if (newline == std::string::npos)
            break;
        size_t end = newline;
        if (end > start && buffer_[end - 1] == '\r')
            --end;
        if (!takeLine(std::string_view(buffer_).substr(start, end - start)))
            return false;
        start = newline + 1;
    }
    buffer_.erase(0, start);
    if (buffer_.size() > kMaxLineBytes)
        return fail("a reply line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    return true;
}

bool ReplyReader::takeLine(std::string_view line) {
    if (line.size() > kMaxLineBytes)
        return fail("a reply line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    if (line.size() < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2]) ||
        line[0] < '2' || line[0] > '5' || (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
        std::string shown(line.substr(0, 80));
        for (char& c : shown) {
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
                c = '?';
        }
        return fail("not an SMTP reply line: '" + shown + "'");
    }
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (!current_.lines.empty() && code != current_.code) {
        return fail("the reply code changed from " + std::to_string(current_.code) + " to " +
                    std::to_string(code) + " within one reply");
    }
    current_.code = code;
    current_.lines.emplace_back(line.size() > 4 ? line.substr(4) : std::string_view());
    if (current_.lines.size() > kMaxLinesPerReply)
        return fail("a reply of more than " + std::to_string(kMaxLinesPerReply) + " lines");
    const bool last = line.size() == 3 || line[3] == ' ';
    if (last) {
        current_.enhancedStatus = leadingEnhancedStatus(current_.lines.front());
        complete_.push_back(std::move(current_));
        current_ = SmtpReply{};
    }
    return true;
}

SmtpReply ReplyReader::takeReply() {
    SmtpReply reply = std::move(complete_.front());
    complete_.pop_front();
    return reply;
}

void ReplyReader::clear() {
    buffer_.clear();
    current_ = SmtpReply{};
    complete_.clear();
}

bool ReplyReader::fail(std::string message) {
    error_ = std::move(message);
    buffer_.clear();
    return false;
}

}  // namespace mailtopo::probe
