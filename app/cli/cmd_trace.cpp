// mailtopo-cli trace FILE --from NODE [--to TARGET[:PORT]] [--source-address IP]
//                         [--mail-from A] [--rcpt B ...] [--helo NAME]
// mailtopo-cli trace FILE --flow FLOW_ID | --all-flows
//                         [--format text|json] [--expect DISPOSITION]
//
// Traces SMTP connection attempts through a design with the simulator and prints each trace
// hop by hop. Exit 0 whenever the traces ran, whatever they show; with --expect, 1 when a
// disposition differs (so a pipeline can pin "this flow must be delivered"); 2 on usage or
// input errors.

#include <string_view>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/analysis/structure_checks.h"
#include "core/io/design_file.h"
#include "core/model/pool_membership.h"
#include "core/sim/simulator.h"
#include "core/sim/trace_output.h"
#include "core/sim/trace_target.h"
#include "core/util/enum_text.h"
#include "core/util/text_join.h"

namespace mailtopo::cli {
namespace {

int usageError(std::string_view message) {
    writeErr(cat("mailtopo-cli trace: ", message, "\nTry 'mailtopo-cli trace --help'.\n"));
    return kExitInput;
}

// Problems with what the file holds name the file, as the parser's diagnostics do.
int inputError(std::string_view file, std::string_view message) {
    writeErr(cat(file, ": ", message, "\n"));
    return kExitInput;
}

}  // namespace

int runTrace(const QStringList& args) {
    CommandLine line(
        QStringLiteral("trace"),
        QStringLiteral(
            "Trace SMTP connection attempts through a design hop by hop: the source address "
            "the sender picks, what each load balancer, firewall and router does to the "
            "packets of the TCP handshake, which receive connector accepts the connection, "
            "the session's principal and rights, the SMTP replies, the disposition and the "
            "flags raised.\n"
            "Trace one ad-hoc flow (--from, --to), a flow of the design (--flow) or every "
            "flow of the design (--all-flows). Exit code 0 whenever the traces ran, whatever "
            "they show; 1 when a disposition differs from --expect or, without it, from a "
            "design flow's own expectedDisposition."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The .mailtopo design."));
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("The host that opens the connection (id or "
                                                 "name)."),
                                  QStringLiteral("NODE"));
    const QCommandLineOption to(
        QStringLiteral("to"),
        QStringLiteral("Where it connects: IP[:PORT], [IPv6]:PORT, a host id or name with an "
                       "optional :PORT, or mx:DOMAIN. Without --to, an Exchange server sends "
                       "through its send connectors to the first recipient's domain."),
        QStringLiteral("TARGET[:PORT]"));
    const QCommandLineOption sourceAddress(
        QStringLiteral("source-address"),
        QStringLiteral("Bind the client to this address instead of letting it choose (R2)."),
        QStringLiteral("IP"));
    const QCommandLineOption mailFrom(
        QStringLiteral("mail-from"), QStringLiteral("The MAIL FROM address."), QStringLiteral("A"));
    const QCommandLineOption rcpt(QStringLiteral("rcpt"),
                                  QStringLiteral("A RCPT TO address (repeatable)."),
                                  QStringLiteral("B"));
    const QCommandLineOption helo(QStringLiteral("helo"),
                                  QStringLiteral("The EHLO name; default the host's FQDN."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption poolMember(
        QStringLiteral("pool-member"),
        QStringLiteral("A load balancer's VIP on the way sends to this pool member (host id or "
                       "name) instead of its first."),
        QStringLiteral("HOST_ID"));
    const QCommandLineOption flow(QStringLiteral("flow"),
                                  QStringLiteral("Trace this flow of the design."),
                                  QStringLiteral("FLOW_ID"));
    const QCommandLineOption allFlows(QStringLiteral("all-flows"),
                                      QStringLiteral("Trace every flow of the design."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QString::fromStdString(
            cat("Output format: text (default) or json (--all-flows: an array), each trace "
                "object led by \"version\": ",
                std::to_string(sim::kTraceFormatVersion),
                "; docs/trace-format.md and resources/schema/trace.schema.json describe it.")),
        QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption expect(
        QStringLiteral("expect"),
        QString::fromStdString(cat("Exit with 1 unless every trace ends with this disposition: ",
                                   enumChoices<sim::DispositionKind>(),
                                   "; for design flows it replaces their expectedDisposition.")),
        QStringLiteral("DISPOSITION"));
    for (const auto* o : {&from, &to, &sourceAddress, &mailFrom, &rcpt, &helo, &poolMember, &flow,
                          &allFlows, &format, &expect}) {
        p.addOption(*o);
    }
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const QString fmt = p.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json"))
        return usageError(cat("--format must be text or json, not '", fmt.toStdString(), "'"));
    std::optional<sim::DispositionKind> expected;
    if (p.isSet(expect)) {
        expected = parseEnum<sim::DispositionKind>(p.value(expect).toStdString());
        if (!expected) {
            return usageError(cat("--expect must be ", enumChoices<sim::DispositionKind>(),
                                  ", not '", p.value(expect).toStdString(), "'"));
        }
    }
    const int modes =
        (p.isSet(from) ? 1 : 0) + (p.isSet(flow) ? 1 : 0) + (p.isSet(allFlows) ? 1 : 0);
    if (modes != 1)
        return usageError("give exactly one of --from, --flow and --all-flows");
    if (!p.isSet(from)) {
        for (const auto* o : {&to, &sourceAddress, &mailFrom, &rcpt, &helo, &poolMember}) {
            if (p.isSet(*o)) {
                return usageError(cat("--", o->names().constFirst().toStdString(),
                                      " only goes with --from; a design flow carries its own"));
            }
        }
    }
    std::optional<net::Address> bind;
    if (p.isSet(sourceAddress)) {
        std::string problem;
        bind = net::Address::parse(p.value(sourceAddress).toStdString(), &problem);
        if (!bind)
            return usageError(cat("--source-address: ", problem));
    }

    const std::string file = p.positionalArguments().at(0).toStdString();
    const io::ParsedDesign parsed = io::loadDesignFile(file);
    if (!parsed.ok()) {
        for (const auto& d : parsed.diagnostics)
            writeErr(d.toString() + "\n");
        return kExitInput;
    }
    const model::Design& design = *parsed.design;

    std::vector<sim::TraceRequest> requests;
    if (p.isSet(from)) {
        const std::string node = p.value(from).toStdString();
        const model::Host* host = sim::findHostByIdOrName(design, node);
        if (!host)
            return inputError(file, cat("--from: no host with the id or name '", node, "'"));
        sim::TraceRequest request;
        request.sourceHost = host->id;
        request.sourceAddress = bind;
        if (p.isSet(to)) {
            sim::TraceTargetError problem;
            const auto target = sim::parseTraceTarget(design, p.value(to).toStdString(), problem);
            if (!target) {
                const std::string message = cat("--to: ", problem.message);
                return problem.unknownHost ? inputError(file, message) : usageError(message);
            }
            request.destination = target->destination;
            request.port = target->port.value_or(request.port);
        } else if (!host->isExchange()) {
            return usageError(cat("--to is required: '", host->name.empty() ? host->id : host->name,
                                  "' is not an Exchange server, so no send connector routes for "
                                  "it"));
        }
        request.name =
            cat(host->name.empty() ? host->id : host->name, " to ",
                p.isSet(to) ? p.value(to).toStdString() : std::string("send connectors"));
        if (p.isSet(poolMember)) {
            const std::string member = p.value(poolMember).toStdString();
            const model::Host* memberHost = sim::findHostByIdOrName(design, member);
            if (!memberHost) {
                return inputError(file,
                                  cat("--pool-member: no host with the id or name '", member, "'"));
            }
            if (!model::inSomePool(design, memberHost->id)) {
                return inputError(file, cat("--pool-member: '", member,
                                            "' is in the pool of no VIP, so it pins nothing"));
            }
            request.poolMember = memberHost->id;
        }
        request.helo = p.value(helo).toStdString();
        request.mailFrom = p.value(mailFrom).toStdString();
        for (const QString& r : p.values(rcpt))
            request.rcptTo.push_back(r.toStdString());
        requests.push_back(std::move(request));
    } else if (p.isSet(flow)) {
        const std::string id = p.value(flow).toStdString();
        const model::Flow* found = nullptr;
        std::string known;
        for (const auto& f : design.flows) {
            if (f.id == id)
                found = &f;
            known += known.empty() ? "" : ", ";
            known += f.id;
        }
        if (!found) {
            return inputError(file, cat("no flow with the id '", id, "' (",
                                        known.empty() ? std::string("the design has no flows")
                                                      : cat("flows: ", known),
                                        ")"));
        }
        requests.push_back(sim::requestFromFlow(*found));
    } else {
        if (design.flows.empty())
            return inputError(file, "--all-flows: the design has no flows");
        for (const auto& f : design.flows)
            requests.push_back(sim::requestFromFlow(f));
    }

    // A dangling reference or a duplicate id makes a trace meaningless; say so, but still
    // trace: the user may be debugging exactly that.
    size_t structuralErrors = 0;
    for (const auto& finding : analysis::checkStructure(design))
        structuralErrors += finding.severity == analysis::Severity::Error ? 1 : 0;
    if (structuralErrors > 0) {
        writeErr(cat(file, ": warning: ", std::to_string(structuralErrors),
                     " structural error(s); run 'mailtopo-cli validate ", file,
                     "' first, the traces may not mean much\n"));
    }

    const sim::Simulator simulator(design);
    std::vector<sim::Trace> traces;
    traces.reserve(requests.size());
    for (const auto& request : requests)
        traces.push_back(simulator.trace(request));

    if (fmt == QLatin1String("json")) {
        if (p.isSet(allFlows)) {
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            for (const auto& t : traces)
                list.push_back(sim::traceToJson(t));
            std::string text =
                list.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
            text += '\n';
            writeOut(text);
        } else {
            writeOut(sim::traceToJsonText(traces.front()));
        }
    } else {
        std::string text;
        for (size_t i = 0; i < traces.size(); ++i) {
            if (i > 0)
                text += '\n';
            text += sim::traceToText(traces[i], design);
        }
        writeOut(text);
    }

    // --expect for every trace, else what each design flow says it expects.
    int exit = kExitClean;
    for (const auto& t : traces) {
        std::optional<sim::DispositionKind> want = expected;
        if (!want) {
            for (const auto& f : design.flows)
                if (!t.flowId.empty() && f.id == t.flowId)
                    want = f.expectedDisposition;
        }
        if (want && t.disposition.kind != *want) {
            writeErr(cat("mailtopo-cli trace: ", t.flowName.empty() ? t.flowId : t.flowName,
                         ": expected ", enumName(*want), ", got ", enumName(t.disposition.kind),
                         "\n"));
            exit = kExitFindings;
        }
    }
    return exit;
}

}  // namespace mailtopo::cli
