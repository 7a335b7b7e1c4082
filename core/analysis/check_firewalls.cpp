// Firewalls (R13, R15): zones named by rules and interfaces exist, every interface belongs to
// a zone once zones are in use, inbound NAT forwards to an address the design knows.

#include <set>

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"

namespace mailtopo::analysis::detail {
namespace {

struct FirewallContext {
    const DesignIndex& index;
    FindingSink& sink;
    const model::Firewall& firewall;
    std::string base;   // /firewalls/f
    std::string label;  // firewall FW
    std::set<std::string> zones;

    std::string zoneList() const {
        std::string out;
        for (const auto& zone : zones)
            out += (out.empty() ? "" : ", ") + zone;
        return out.empty() ? "none defined" : out;
    }
};

void reportUnknownZone(const FirewallContext& c, const std::string& where, const std::string& zone,
                       const model::Id& elementId, std::string pointer, bool anyAllowed) {
    c.sink.report(checks::kUnknownZone,
                  {.message = c.label + " " + where + ": zone " + quoted(zone) +
                              " is not defined (zones: " + c.zoneList() + ")",
                   .elements = {elementId, c.firewall.id},
                   .pointer = std::move(pointer),
                   .remediation = "Use one of the firewall's zones" +
                                  std::string(anyAllowed ? " or \"any\"" : "") + ", or add zone " +
                                  quoted(zone) + " (with its trust level) to " + c.label + "."});
}

void checkRules(const FirewallContext& c) {
    const auto& rules = c.firewall.rules;
    for (size_t r = 0; r < rules.size(); ++r) {
        const auto& rule = rules[r];
        const std::string where = "rule " + quoted(rule.name.empty() ? rule.id : rule.name);
        const std::string pointer = indexed(c.base, "rules", r);
        if (rule.fromZone != "any" && !c.zones.contains(rule.fromZone)) {
            reportUnknownZone(c, where, rule.fromZone, rule.id, pointer + "/fromZone", true);
        }
        if (rule.toZone != "any" && !c.zones.contains(rule.toZone)) {
            reportUnknownZone(c, where, rule.toZone, rule.id, pointer + "/toZone", true);
        }
    }
}

void checkInterfaces(const FirewallContext& c) {
    const auto& interfaces = c.firewall.interfaces;
    for (size_t i = 0; i < interfaces.size(); ++i) {
        const auto& itf = interfaces[i];
        const std::string where = "interface " + quoted(itf.name.empty() ? itf.id : itf.name);
        const std::string pointer = indexed(c.base, "interfaces", i);
        if (!itf.zone.empty()) {
            if (!c.zones.contains(itf.zone))
                reportUnknownZone(c, where, itf.zone, itf.id, pointer + "/zone", false);
            continue;
        }
        if (c.zones.empty())
            continue;
        c.sink.report(
            checks::kInterfaceWithoutZone,
            {.message = c.label + " " + where + " belongs to no zone (zones: " + c.zoneList() + ")",
             .elements = {itf.id, c.firewall.id},
             .pointer = pointer,
             .remediation = "Assign " + where + " to the zone of the network behind it."});
    }
}

void checkInboundNat(const FirewallContext& c) {
    const auto& nats = c.firewall.inboundNat;
    for (size_t n = 0; n < nats.size(); ++n) {
        const auto& nat = nats[n];
        if (c.index.isKnownAddress(nat.insideAddress))
            continue;
        c.sink.report(
            checks::kInboundNatTargetUnknown,
            {.message = c.label + " inbound NAT " + quoted(nat.name.empty() ? nat.id : nat.name) +
                        " (" + nat.publicAddress.toString() + ":" + std::to_string(nat.publicPort) +
                        " → " + nat.insideAddress.toString() + ":" +
                        std::to_string(nat.insidePort) + ") forwards to " +
                        nat.insideAddress.toString() +
                        ", which no host, device interface or VIP in the design owns",
             .elements = {nat.id, c.firewall.id},
             .pointer = indexed(c.base, "inboundNat", n) + "/insideAddress",
             .remediation = "Point the rule at the inside address of the server or VIP it "
                            "publishes, or add the host that owns " +
                            nat.insideAddress.toString() + " to the design."});
    }
}

}  // namespace

void checkFirewalls(const DesignIndex& index, FindingSink& sink) {
    const auto& firewalls = index.design().firewalls;
    for (size_t f = 0; f < firewalls.size(); ++f) {
        const auto& firewall = firewalls[f];
        FirewallContext c{index,
                          sink,
                          firewall,
                          indexed("", "firewalls", f),
                          "firewall " + (firewall.name.empty() ? firewall.id : firewall.name),
                          {}};
        for (const auto& zone : firewall.zones)
            c.zones.insert(zone.name);
        checkRules(c);
        checkInterfaces(c);
        checkInboundNat(c);
    }
}

}  // namespace mailtopo::analysis::detail
