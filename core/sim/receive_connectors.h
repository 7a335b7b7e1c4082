#pragma once
// Exchange's receiving side before the SMTP dialogue: the default receive connectors each
// version and role creates (R18), and the choice of connector for a connection (R20).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/model/design.h"
#include "core/net/range_index.h"

namespace mailtopo::sim {

// R18: the default receive connectors Exchange creates on `host`, with their bindings,
// ranges, auth mechanisms and permission groups. A connector's name is Exchange's ("Default
// Frontend EX01"); its id is the host's id, a dash, and Exchange's name without the server
// in lower case with dashes ("ex01-default-frontend"): a valid design id that depends on
// nothing but the host's id and version, so it stays put when the design around it
// changes, and that `format --explicit-defaults` writes unchanged (docs/file-format.md).
std::vector<model::ReceiveConnector> defaultReceiveConnectors(const model::Host& host);

// The defaults the simulator adds to `host`: none unless its implicitDefaultConnectors is
// set, and none that a declared connector of `host` stands for by having its name (the
// default itself, as imported or edited).
std::vector<model::ReceiveConnector> implicitReceiveConnectors(const model::Design& design,
                                                               const model::Host& host);

struct ImplicitConnector {
    const model::Host* server = nullptr;
    model::ReceiveConnector connector;
};
// The implicit default connector that has this id, with its server; none when no server
// of the design adds one of that id (a declared element of the same id is validate's
// business: duplicate-id).
std::optional<ImplicitConnector> findImplicitReceiveConnector(const model::Design& design,
                                                              std::string_view id);

struct ConnectorMatch {
    const model::ReceiveConnector* connector = nullptr;
    bool anyBound = false;
    bool ambiguous = false;
    bool nondeterministic = false;
    std::vector<const model::ReceiveConnector*> tied;  // set when R20 step 4 had to choose
    const net::IpRange* matchedRange = nullptr;        // the chosen connector's most specific entry
    std::string reason;
};

// The receive connectors of every Exchange server, with R20 answered through one range
// index per (server, local address, port) built the first time that listener is asked.
class ReceiveConnectorTable {
public:
    explicit ReceiveConnectorTable(const model::Design& design);

    const std::vector<model::ReceiveConnector>& of(const model::Id& server) const;
    ConnectorMatch choose(const model::Id& server, const net::Address& local, uint16_t port,
                          const net::Address& seenSource) const;
    // Whether any enabled connector of `server` binds (local, port).
    bool listens(const model::Id& server, const net::Address& local, uint16_t port) const;

private:
    struct Listener {
        std::vector<const model::ReceiveConnector*> candidates;
        bool nondeterministic = false;
        net::RangeIndex index;
    };
    const Listener& listener(const model::Id& server, const net::Address& local,
                             uint16_t port) const;

    std::map<model::Id, std::vector<model::ReceiveConnector>> connectors_;
    // Keyed by the server's connector list (stable: connectors_ is filled once). Built on
    // first use under the mutex; entries are never removed, so references stay valid.
    mutable std::mutex listenersMutex_;
    mutable std::map<std::tuple<const void*, net::Address, uint16_t>, std::unique_ptr<Listener>>
        listeners_;
};

}  // namespace mailtopo::sim
