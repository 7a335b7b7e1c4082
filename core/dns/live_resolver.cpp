#include "core/dns/live_resolver.h"

#include <algorithm>

#include "core/dns/dns_name.h"
#include "core/dns/ldns_util.h"

namespace mailtopo::dns {

std::string ServerAddress::toString() const {
    const std::string ip = address.toString();
    return address.isV6() ? "[" + ip + "]:" + std::to_string(port)
                          : ip + ":" + std::to_string(port);
}

std::optional<ServerAddress> parseServerAddress(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<ServerAddress> {
        if (error != nullptr)
            // Appended piecewise: GCC 12 -O2 warns falsely (-Wrestrict) on "lit" + string&&.
            error->assign(1, '\'').append(text).append("': ").append(why);
        return std::nullopt;
    };
    std::string_view host = text;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos)
            return fail("missing ']'");
        host = text.substr(1, close - 1);
        const auto rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return fail("expected ':PORT' after ']'");
            port = rest.substr(1);
            if (port.empty())
                return fail("empty port");
        }
    } else if (std::count(text.begin(), text.end(), ':') == 1) {
        const auto colon = text.find(':');
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (port.empty())
            return fail("empty port");
    }
    std::string problem;
    const auto address = net::Address::parse(host, &problem);
    if (!address)
        return fail("not an IP address (" + problem + ")");
    ServerAddress server{*address, 53};
    if (!port.empty()) {
        unsigned value = 0;
        for (const char c : port) {
            if (c < '0' || c > '9')
                return fail("the port is not a number");
            value = value * 10 + static_cast<unsigned>(c - '0');
            if (value > 65535)
                return fail("the port is greater than 65535");
        }
        if (value == 0)
            return fail("the port must not be 0");
        server.port = static_cast<uint16_t>(value);
    }
    return server;
}

LiveResolver::LiveResolver(LiveResolverOptions options) : options_(std::move(options)) {}

LiveResolver::~LiveResolver() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable())
        worker_.join();
}

namespace {

Rcode mapRcode(ldns_pkt_rcode rcode, std::string& detail) {
    switch (rcode) {
        case LDNS_RCODE_NOERROR:
            return Rcode::NoError;
        case LDNS_RCODE_NXDOMAIN:
            return Rcode::NxDomain;
        default: {
            const ldns_lookup_table* entry =
                ldns_lookup_by_id(ldns_rcodes, static_cast<int>(rcode));
            detail = std::string("server answered ") +
                     (entry != nullptr ? entry->name : std::to_string(static_cast<int>(rcode)));
            return Rcode::ServFail;
        }
    }
}

}  // namespace

// One question to the server, no alias chasing.
DnsAnswer LiveResolver::sendOnce(const std::string& name, RRType type) const {
    DnsAnswer answer;
    ldns_resolver* rawResolver = nullptr;
    if (options_.server) {
        rawResolver = ldns_resolver_new();
        const bool v4 = options_.server->address.isV4();
        detail::RdfPtr ns(ldns_rdf_new_frm_str(v4 ? LDNS_RDF_TYPE_A : LDNS_RDF_TYPE_AAAA,
                                               options_.server->address.toString().c_str()));
        if (rawResolver == nullptr || !ns ||
            ldns_resolver_push_nameserver(rawResolver, ns.get()) != LDNS_STATUS_OK) {
            if (rawResolver != nullptr)
                ldns_resolver_deep_free(rawResolver);
            answer.rcode = Rcode::ServFail;
            answer.detail = "cannot set up the resolver";
            return answer;
        }
        ldns_resolver_set_port(rawResolver, options_.server->port);
    } else if (ldns_resolver_new_frm_file(&rawResolver, nullptr) != LDNS_STATUS_OK) {
        answer.rcode = Rcode::ServFail;
        answer.detail = "cannot read the system resolver configuration (/etc/resolv.conf)";
        return answer;
    }
    detail::ResolverPtr resolver(rawResolver);
    const auto ms = std::max<int64_t>(1, options_.timeout.count());
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(ms / 1000);
    tv.tv_usec = static_cast<suseconds_t>((ms % 1000) * 1000);
    ldns_resolver_set_timeout(resolver.get(), tv);
    ldns_resolver_set_retry(resolver.get(),
                            static_cast<uint8_t>(std::clamp(options_.retries + 1, 1, 255)));
    ldns_resolver_set_retrans(resolver.get(), 0);  // no sleep between attempts
    ldns_resolver_set_recursive(resolver.get(), options_.recursionDesired);
    ldns_resolver_set_defnames(resolver.get(), false);
    ldns_resolver_set_dnsrch(resolver.get(), false);
    ldns_resolver_set_fallback(resolver.get(), true);  // TCP when the UDP answer is truncated

    const std::string absolute = stripTrailingDot(name) + ".";
    detail::RdfPtr qname(ldns_dname_new_frm_str(absolute.c_str()));
    if (!qname) {
        // No query can be composed for it, so no such name can exist.
        answer.rcode = Rcode::NxDomain;
        answer.detail = "not a valid DNS name";
        return answer;
    }
    ldns_pkt* rawPacket = nullptr;
    const ldns_status status =
        ldns_resolver_send(&rawPacket, resolver.get(), qname.get(), static_cast<ldns_rr_type>(type),
                           LDNS_RR_CLASS_IN, options_.recursionDesired ? LDNS_RD : 0);
    detail::PktPtr packet(rawPacket);
    if (status != LDNS_STATUS_OK || !packet) {
        answer.rcode = Rcode::Timeout;
        answer.detail = std::string("no answer: ") + ldns_get_errorstr_by_id(status);
        return answer;
    }
    answer.rcode = mapRcode(ldns_pkt_get_rcode(packet.get()), answer.detail);
    const ldns_rr_list* section = ldns_pkt_answer(packet.get());
    const size_t count = section != nullptr ? ldns_rr_list_rr_count(section) : 0;
    for (size_t i = 0; i < count; ++i) {
        if (auto record = detail::toDnsRecord(ldns_rr_list_rr(section, i))) {
            answer.records.push_back(std::move(*record));
        }
    }
    return answer;
}

DnsAnswer LiveResolver::resolve(std::string_view name, RRType type) {
    DnsAnswer result;
    std::string current = stripTrailingDot(name);
    std::vector<std::string> visited{normalizeName(current)};
    for (int attempt = 0; attempt < kMaxCnameChain; ++attempt) {
        DnsAnswer reply = sendOnce(current, type);
        if (reply.rcode == Rcode::Timeout || reply.rcode == Rcode::ServFail) {
            reply.records.clear();
            return reply;
        }
        // Follow the chain the server returned, starting at the name asked about.
        bool moved = false;
        for (;;) {
            bool found = false;
            for (const auto& r : reply.records) {
                if (r.type == type && equalsIgnoreCase(r.name, current)) {
                    result.records.push_back(r);
                    found = true;
                }
            }
            if (found || type == RRType::CNAME) {
                result.rcode = reply.rcode;
                return result;
            }
            const DnsRecord* alias = nullptr;
            for (const auto& r : reply.records) {
                if (r.type == RRType::CNAME && equalsIgnoreCase(r.name, current)) {
                    alias = &r;
                    break;
                }
            }
            if (alias == nullptr)
                break;
            result.records.push_back(*alias);
            current = alias->target;
            const std::string key = normalizeName(current);
            if (std::find(visited.begin(), visited.end(), key) != visited.end() ||
                visited.size() >= static_cast<size_t>(kMaxCnameChain)) {
                result.records.clear();
                result.rcode = Rcode::ServFail;
                result.detail = "CNAME loop or over-long chain at " + current;
                return result;
            }
            visited.push_back(key);
            moved = true;
        }
        if (!moved || reply.rcode != Rcode::NoError) {
            result.rcode = reply.rcode;
            result.detail = reply.detail;
            return result;
        }
        // The server gave the alias but not its target's records (an authoritative server
        // of another zone does that): ask again for the target.
    }
    result.records.clear();
    result.rcode = Rcode::ServFail;
    result.detail = "CNAME chain too long";
    return result;
}

void LiveResolver::post(std::function<void()> task) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        tasks_.push_back(std::move(task));
        if (!worker_.joinable())
            worker_ = std::thread([this] { workerLoop(); });
    }
    wake_.notify_one();
}

void LiveResolver::workerLoop() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty())
                return;  // stopping and drained
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        task();
    }
}

std::future<DnsAnswer> LiveResolver::queryAsync(std::string name, RRType type) {
    auto task = std::make_shared<std::packaged_task<DnsAnswer()>>(
        [this, name = std::move(name), type] { return query(name, type); });
    auto future = task->get_future();
    post([task] { (*task)(); });
    return future;
}

void LiveResolver::queryAsync(std::string name, RRType type, std::function<void(DnsAnswer)> done) {
    post([this, name = std::move(name), type, done = std::move(done)] { done(query(name, type)); });
}

}  // namespace mailtopo::dns
