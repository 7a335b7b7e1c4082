#include "core/sim/trace_output.h"

#include "core/net/binding.h"

#include <string_view>
#include <unordered_map>

#include "core/sim/receive_connectors.h"

namespace mailtopo::sim {
namespace {

using Json = nlohmann::ordered_json;

// ---- shared -------------------------------------------------------------------------------

// "10.0.0.5:25", "[2001:db8::5]:25": the bracket keeps an IPv6 port readable.
std::string endpoint(const net::Address& address, uint16_t port) {
    std::string out;
    if (address.isV6())
        out += '[';
    out += address.toString();
    if (address.isV6())
        out += ']';
    out += ':';
    out += std::to_string(port);
    return out;
}

std::string packetText(const Packet& packet) {
    std::string out = endpoint(packet.source, packet.sourcePort);
    out += " -> ";
    out += endpoint(packet.destination, packet.destinationPort);
    return out;
}

// ---- text ---------------------------------------------------------------------------------

// Display names for the ids a trace mentions. Receive connectors read "SERVER\name" as the
// Exchange cmdlets print them; everything else by its name, or its id when it has none.
class Names {
public:
    explicit Names(const model::Design& design) {
        for (const auto& host : design.hosts) {
            add(host.id, host.name);
            for (const auto& nic : host.nics)
                add(nic.id, nic.alias.empty() ? std::string() : label(host) + " " + nic.alias);
        }
        for (const auto& router : design.routers) {
            add(router.id, router.name);
            addInterfaces(router.interfaces, router.name);
        }
        for (const auto& lb : design.loadBalancers) {
            add(lb.id, lb.name);
            addInterfaces(lb.interfaces, lb.name);
            for (const auto& vip : lb.vips)
                add(vip.id,
                    vip.name.empty() ? std::string() : named(lb.name, lb.id) + " VIP " + vip.name);
        }
        for (const auto& fw : design.firewalls) {
            add(fw.id, fw.name);
            addInterfaces(fw.interfaces, fw.name);
            for (const auto& rule : fw.rules)
                add(rule.id, rule.name);
            for (const auto& nat : fw.inboundNat)
                add(nat.id, nat.name);
            for (const auto& nat : fw.outboundNat)
                add(nat.id, nat.name);
        }
        for (const auto& segment : design.segments)
            add(segment.id, segment.name);
        for (const auto& sc : design.sendConnectors)
            add(sc.id, sc.name);
        for (const auto& flow : design.flows)
            add(flow.id, flow.name);
        for (const auto& rc : design.receiveConnectors) {
            const model::Host* server = design.findHost(rc.serverId);
            std::string text = server ? label(*server) : rc.serverId;
            text += '\\';
            text += rc.name.empty() ? rc.id : rc.name;
            add(rc.id, text);
        }
        // The R18 defaults the simulator adds (receive_connectors.h), after the declared
        // elements: an id taken twice names the declared one.
        for (const auto& host : design.hosts) {
            for (const auto& rc : implicitReceiveConnectors(design, host))
                add(rc.id, label(host) + '\\' + rc.name);
        }
    }

    std::string operator()(const model::Id& id) const {
        const auto it = names_.find(id);
        return it != names_.end() ? it->second : id;
    }

private:
    static std::string named(const std::string& name, const model::Id& id) {
        return name.empty() ? id : name;
    }
    static std::string label(const model::Host& host) { return named(host.name, host.id); }

    void add(const model::Id& id, const std::string& name) {
        if (!id.empty() && !name.empty())
            names_.emplace(id, name);  // first one wins: duplicate ids are validate's business
    }
    void addInterfaces(const std::vector<model::DeviceInterface>& interfaces,
                       const std::string& device) {
        for (const auto& i : interfaces) {
            if (!i.name.empty() && !device.empty())
                add(i.id, device + " " + i.name);
        }
    }

    std::unordered_map<std::string, std::string> names_;
};

class TextWriter {
public:
    explicit TextWriter(const model::Design& design) : name_(design) {}

    std::string write(const Trace& trace) {
        header(trace);
        for (size_t i = 0; i < trace.hops.size(); ++i)
            hop(trace.hops[i], i + 1);
        disposition(trace.disposition);
        for (const auto& flag : trace.flags)
            traceFlag(flag);
        return std::move(out_);
    }

private:
    void line(std::string_view indent, std::string_view text) {
        out_ += indent;
        out_ += text;
        out_ += '\n';
    }

    void labelled(std::string_view indent, std::string_view label, std::string_view text) {
        out_ += indent;
        out_ += label;
        out_ += text;
        out_ += '\n';
    }

    void header(const Trace& trace) {
        std::string title = "Trace: ";
        title += trace.flowName.empty() ? std::string("(unnamed flow)") : trace.flowName;
        if (!trace.flowId.empty()) {
            title += " [";
            title += trace.flowId;
            title += ']';
        }
        line("", title);

        std::string route = "From ";
        route += name_(trace.sourceHost);
        route += " to ";
        // An empty destination means the send connectors chose the next hop (R27, R28).
        route += trace.destination.empty() ? std::string("(send connectors)") : trace.destination;
        line("", route);

        std::string envelope = "MAIL FROM:<";
        envelope += trace.mailFrom;
        envelope += '>';
        if (!trace.rcptTo.empty()) {
            envelope += " RCPT TO:";
            for (size_t i = 0; i < trace.rcptTo.size(); ++i) {
                if (i > 0)
                    envelope += ',';
                envelope += '<';
                envelope += trace.rcptTo[i];
                envelope += '>';
            }
        }
        line("", envelope);
    }

    void hop(const Hop& hop, size_t number) {
        out_ += '\n';
        std::string title = "Hop ";
        title += std::to_string(number);
        title += ": ";
        title += name_(hop.client);
        title += " -> ";
        if (hop.target) {
            title += endpoint(*hop.target, hop.port);
        } else {
            title += "port ";
            title += std::to_string(hop.port);
        }
        if (!hop.server.empty()) {
            title += " (";
            title += name_(hop.server);
            title += ')';
        } else {
            title += " (no server answered)";
        }
        line("", title);

        steps("Setup", hop.setup);
        for (const auto& leg : hop.legs)
            steps(leg.name.empty() ? std::string_view("Leg") : std::string_view(leg.name),
                  leg.steps);
        steps("SMTP", hop.smtp);
        sessions(hop.sessions);
        outcome(hop);
    }

    void steps(std::string_view title, const std::vector<Step>& steps) {
        if (steps.empty())
            return;
        line("  ", title);
        for (size_t i = 0; i < steps.size(); ++i)
            step(steps[i], i + 1);
    }

    void step(const Step& step, size_t number) {
        static constexpr std::string_view kMore = "         ";  // under the summary
        std::string text = std::to_string(number);
        text += ". ";
        if (!step.rule.empty()) {
            text += '[';
            text += step.rule;
            text += "] ";
        }
        text += step.summary.empty() ? std::string(enumName(step.kind)) : step.summary;
        line("    ", text);

        if (!step.inputs.empty()) {
            std::string inputs = "inputs: ";
            for (size_t i = 0; i < step.inputs.size(); ++i) {
                if (i > 0)
                    inputs += "; ";
                inputs += step.inputs[i].first;
                inputs += " = ";
                inputs += step.inputs[i].second;
            }
            line(kMore, inputs);
        }
        // One line when the device left the packet alone, two when it rewrote it.
        if (step.before && step.after && *step.before != *step.after) {
            labelled(kMore, "before: ", packetText(*step.before));
            labelled(kMore, "after:  ", packetText(*step.after));
        } else if (step.before || step.after) {
            labelled(kMore, "packet: ", packetText(step.before ? *step.before : *step.after));
        }
    }

    void sessions(const std::vector<SessionRecord>& sessions) {
        if (sessions.empty())
            return;
        line("  ", "Stateful devices");
        for (const auto& s : sessions) {
            std::string text = name_(s.device);
            text += ": SYN ";
            text += s.sawSyn ? "seen" : "missed";
            text += ", SYN-ACK ";
            text += s.sawSynAck ? "seen" : "missed";
            text += ", ACK ";
            text += s.sawAck ? "seen" : "missed";
            line("    ", text);
        }
    }

    void field(std::string_view label, const std::string& value) {
        std::string text(label);
        text += ": ";
        text += value;
        line("    ", text);
    }

    void outcome(const Hop& hop) {
        line("  ", "Result");
        std::string result = dispositionSummary(hop.result);
        if (isSmtpReply(hop.result) && !hop.result.text.empty())
            result += ": " + hop.result.text;
        field("Hop result", result);
        if (hop.chosenSource)
            field("Chosen source", hop.chosenSource->toString());
        if (hop.seenSource)
            field("Seen source", hop.seenSource->toString());
        if (hop.localAddress)
            field("Local endpoint", net::Binding(*hop.localAddress, hop.localPort).toString());
        if (!hop.receiveConnector.empty())
            field("Connector", name_(hop.receiveConnector));
        if (!hop.principal.empty())
            field("Principal", hop.principal);
        if (!hop.principal.empty() || !hop.rights.empty()) {
            std::string rights;
            for (size_t i = 0; i < hop.rights.size(); ++i) {
                if (i > 0)
                    rights += ", ";
                rights += hop.rights[i];
            }
            field("Rights", rights.empty() ? std::string("(none)") : rights);
        }
        if (hop.originatingIp)
            field("Originating IP", hop.originatingIp->toString());
        if (hop.egress)
            egress(*hop.egress);
    }

    void egress(const EgressIdentity& e) {
        std::string text = e.publicAddress.toString();
        if (!e.natDevice.empty()) {
            text += " via ";
            text += name_(e.natDevice);
            if (!e.natRule.empty()) {
                text += " (";
                if (e.natRule == "interface-pat") {
                    text += "interface PAT";
                } else {
                    text += "NAT ";
                    text += name_(e.natRule);
                }
                text += ')';
            }
        } else {
            text += " (not translated)";
        }
        if (!e.heloName.empty()) {
            text += ", HELO ";
            text += e.heloName;
        }
        if (!e.mailFromDomain.empty()) {
            text += ", MAIL FROM domain ";
            text += e.mailFromDomain;
        }
        field("Egress", text);
    }

    // A reply or queue text is a sentence: the trace's disposition gives it a line of its
    // own, a hop's result puts it after a colon.
    static bool isSmtpReply(const Disposition& d) {
        return d.kind == DispositionKind::Delivered || d.kind == DispositionKind::Relayed ||
               d.kind == DispositionKind::Rejected || d.kind == DispositionKind::QueuedRetry;
    }

    // "rejected 550 5.7.54 by EX16\Default Frontend EX16 (R23)"; without the reply text.
    std::string dispositionSummary(const Disposition& d) {
        std::string text(enumName(d.kind));
        if (d.smtpCode != 0) {
            text += ' ';
            text += std::to_string(d.smtpCode);
        }
        if (!d.enhancedStatus.empty()) {
            text += ' ';
            text += d.enhancedStatus;
        }
        // A drop reason or the missing piece is short and belongs on the line.
        if (!isSmtpReply(d) && !d.text.empty()) {
            text += " (";
            text += d.text;
            text += ')';
        }
        if (!d.element.empty()) {
            const bool at = d.kind == DispositionKind::Dropped ||
                            d.kind == DispositionKind::Timeout ||
                            d.kind == DispositionKind::InsufficientInfo;
            text += at ? " at " : " by ";
            text += name_(d.element);
        }
        if (!d.rule.empty()) {
            text += " (";
            text += d.rule;
            text += ')';
        }
        return text;
    }

    void disposition(const Disposition& d) {
        out_ += '\n';
        line("", "Disposition: " + dispositionSummary(d));
        if (isSmtpReply(d) && !d.text.empty())
            line("  ", d.text);
    }

    void traceFlag(const TraceFlag& flag) {
        std::string text = "FLAG ";
        text += flag.name;
        if (!flag.rule.empty()) {
            text += " (";
            text += flag.rule;
            text += ')';
        }
        if (!flag.detail.empty()) {
            text += ": ";
            text += flag.detail;
        }
        line("", text);
        if (!flag.elements.empty()) {
            std::string elements = "involves: ";
            for (size_t i = 0; i < flag.elements.size(); ++i) {
                if (i > 0)
                    elements += ", ";
                elements += name_(flag.elements[i]);
            }
            line("  ", elements);
        }
    }

    Names name_;
    std::string out_;
};

// ---- JSON ---------------------------------------------------------------------------------

void putIfSet(Json& j, const char* key, const std::string& value) {
    if (!value.empty())
        j[key] = value;
}

void putIfSet(Json& j, const char* key, const std::optional<net::Address>& value) {
    if (value)
        j[key] = value->toString();
}

Json packetToJson(const Packet& p) {
    Json j;
    j["flag"] = std::string(enumName(p.flag));
    j["source"] = p.source.toString();
    j["sourcePort"] = p.sourcePort;
    j["destination"] = p.destination.toString();
    j["destinationPort"] = p.destinationPort;
    return j;
}

Json stepToJson(const Step& s) {
    Json j;
    j["kind"] = std::string(enumName(s.kind));
    j["rule"] = s.rule;
    putIfSet(j, "element", s.element);
    j["summary"] = s.summary;
    // A list of pairs, not an object: the order is part of the explanation.
    if (!s.inputs.empty()) {
        Json inputs = Json::array();
        for (const auto& [name, value] : s.inputs)
            inputs.push_back(Json{{"name", name}, {"value", value}});
        j["inputs"] = std::move(inputs);
    }
    if (s.before)
        j["before"] = packetToJson(*s.before);
    if (s.after)
        j["after"] = packetToJson(*s.after);
    return j;
}

Json stepsToJson(const std::vector<Step>& steps) {
    Json list = Json::array();
    for (const auto& s : steps)
        list.push_back(stepToJson(s));
    return list;
}

Json egressToJson(const EgressIdentity& e) {
    Json j;
    j["publicAddress"] = e.publicAddress.toString();
    j["heloName"] = e.heloName;
    j["mailFromDomain"] = e.mailFromDomain;
    putIfSet(j, "natDevice", e.natDevice);
    putIfSet(j, "natRule", e.natRule);
    return j;
}

Json dispositionToJson(const Disposition& d) {
    Json j;
    j["kind"] = std::string(enumName(d.kind));
    if (d.smtpCode != 0)
        j["smtpCode"] = d.smtpCode;
    putIfSet(j, "enhancedStatus", d.enhancedStatus);
    putIfSet(j, "text", d.text);
    putIfSet(j, "element", d.element);
    j["rule"] = d.rule;
    return j;
}

Json hopToJson(const Hop& h) {
    Json j;
    j["client"] = h.client;
    putIfSet(j, "server", h.server);
    j["setup"] = stepsToJson(h.setup);
    Json legs = Json::array();
    for (const auto& leg : h.legs) {
        Json l;
        l["name"] = leg.name;
        l["steps"] = stepsToJson(leg.steps);
        legs.push_back(std::move(l));
    }
    j["legs"] = std::move(legs);
    Json sessions = Json::array();
    for (const auto& s : h.sessions) {
        Json r;
        r["device"] = s.device;
        r["sawSyn"] = s.sawSyn;
        r["sawSynAck"] = s.sawSynAck;
        r["sawAck"] = s.sawAck;
        sessions.push_back(std::move(r));
    }
    j["sessions"] = std::move(sessions);
    j["smtp"] = stepsToJson(h.smtp);
    putIfSet(j, "chosenSource", h.chosenSource);
    putIfSet(j, "target", h.target);
    j["port"] = h.port;
    putIfSet(j, "seenSource", h.seenSource);
    putIfSet(j, "localAddress", h.localAddress);
    if (h.localAddress)
        j["localPort"] = h.localPort;
    putIfSet(j, "receiveConnector", h.receiveConnector);
    putIfSet(j, "principal", h.principal);
    j["rights"] = h.rights;
    putIfSet(j, "originatingIp", h.originatingIp);
    if (h.egress)
        j["egress"] = egressToJson(*h.egress);
    j["result"] = dispositionToJson(h.result);
    return j;
}

Json flagToJson(const TraceFlag& f) {
    Json j;
    j["name"] = f.name;
    j["rule"] = f.rule;
    j["elements"] = f.elements;
    j["detail"] = f.detail;
    return j;
}

}  // namespace

std::string traceToText(const Trace& trace, const model::Design& design) {
    return TextWriter(design).write(trace);
}

nlohmann::ordered_json traceToJson(const Trace& trace) {
    Json j;
    j["version"] = kTraceFormatVersion;
    j["flowName"] = trace.flowName;
    putIfSet(j, "flowId", trace.flowId);
    j["sourceHost"] = trace.sourceHost;
    j["destination"] = trace.destination;
    j["mailFrom"] = trace.mailFrom;
    j["rcptTo"] = trace.rcptTo;
    Json hops = Json::array();
    for (const auto& h : trace.hops)
        hops.push_back(hopToJson(h));
    j["hops"] = std::move(hops);
    j["disposition"] = dispositionToJson(trace.disposition);
    Json flags = Json::array();
    for (const auto& f : trace.flags)
        flags.push_back(flagToJson(f));
    j["flags"] = std::move(flags);
    return j;
}

std::string traceToJsonText(const Trace& trace) {
    std::string text = traceToJson(trace).dump(2, ' ', false, Json::error_handler_t::replace);
    text += '\n';
    return text;
}

}  // namespace mailtopo::sim
