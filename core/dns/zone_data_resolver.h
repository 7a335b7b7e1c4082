#pragma once
// A resolver answering from records held in memory: the design's DNS zones, imported zone
// files, or a test scenario. Names that hold no record are NXDOMAIN; a name that exists
// but lacks the asked type answers NOERROR with no records (NODATA), as real DNS does.
// Read-only after it is filled, so one instance can serve several threads.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/dns/resolver.h"
#include "core/model/dns.h"

namespace mailtopo::dns {

class ZoneDataResolver : public Resolver {
public:
    // The parsed forms of `record` must be filled (use the make*Record builders, or
    // parseModelRecord / the zone-file parser).
    void add(DnsRecord record);
    void add(const std::vector<DnsRecord>& records);
    // Makes `name` exist without records (queries answer NODATA instead of NXDOMAIN).
    void addName(std::string_view name);
    // Simulates an unresponsive server: queries for `name` of `type` (or of any type the
    // name has no records of, when `type` is empty) end in TIMEOUT.
    void addTimeout(std::string_view name, std::optional<RRType> type = std::nullopt);

    size_t recordCount() const { return recordCount_; }

    // A resolver over the design's zones of one view (split DNS, S3). Records that do not
    // parse are skipped and described in `errors` ("zone 'zone-x' record 3: ...").
    static std::unique_ptr<ZoneDataResolver> fromZones(const std::vector<model::DnsZone>& zones,
                                                       model::DnsView view,
                                                       std::vector<std::string>* errors = nullptr);

protected:
    DnsAnswer resolve(std::string_view name, RRType type) override;
    // Lends the answer when the name holds records of the type (no alias to follow).
    const DnsAnswer* lendAnswer(std::string_view name, RRType type) override;

private:
    struct Node {
        std::vector<DnsRecord> records;
        bool timeoutAll = false;  // TIMEOUT for every type without records
        std::vector<RRType> timeoutTypes;
        // The records again, one ready answer per type, for lend().
        std::vector<std::pair<RRType, DnsAnswer>> answers;
    };
    Node& node(std::string_view name);

    // Transparent hashing: a name already in normal form is looked up without a copy.
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view name) const {
            return std::hash<std::string_view>{}(name);
        }
    };
    std::unordered_map<std::string, Node, NameHash, std::equal_to<>> nodes_;
    size_t recordCount_ = 0;
};

}  // namespace mailtopo::dns
