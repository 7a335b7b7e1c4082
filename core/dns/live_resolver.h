#pragma once
// Live DNS through ldns against a chosen server (ip[:port]) or the system's resolvers
// (/etc/resolv.conf), with a timeout per attempt and a number of retries.
//
// query() blocks; a GUI must use queryAsync(), which runs the query on the resolver's own
// worker thread and hands the answer back through a std::future or a callback (the callback
// runs on the worker thread: marshal it to the GUI thread, e.g. with a queued signal).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/dns/resolver.h"
#include "core/net/address.h"

namespace mailtopo::dns {

struct ServerAddress {
    net::Address address;
    uint16_t port = 53;

    std::string toString() const;  // "192.0.2.53:5353", "[2001:db8::53]:53"
};

// "192.0.2.53", "192.0.2.53:5353", "2001:db8::53", "[2001:db8::53]:5353". On failure the
// message in `error` quotes the input and says what is wrong.
std::optional<ServerAddress> parseServerAddress(std::string_view text,
                                                std::string* error = nullptr);

struct LiveResolverOptions {
    std::optional<ServerAddress> server;      // empty: the servers of /etc/resolv.conf
    std::chrono::milliseconds timeout{2000};  // per attempt
    int retries = 1;                          // attempts after the first
    bool recursionDesired = true;             // false to ask an authoritative server as-is
};

class LiveResolver : public Resolver {
public:
    explicit LiveResolver(LiveResolverOptions options);
    // Waits for the queued asynchronous queries (each bounded by timeout × attempts).
    ~LiveResolver() override;

    const LiveResolverOptions& options() const { return options_; }

    std::future<DnsAnswer> queryAsync(std::string name, RRType type);
    void queryAsync(std::string name, RRType type, std::function<void(DnsAnswer)> done);

protected:
    DnsAnswer resolve(std::string_view name, RRType type) override;

private:
    DnsAnswer sendOnce(const std::string& name, RRType type) const;
    void post(std::function<void()> task);
    void workerLoop();

    LiveResolverOptions options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> tasks_;
    bool stopping_ = false;
    std::thread worker_;  // started on first async use
};

}  // namespace mailtopo::dns
