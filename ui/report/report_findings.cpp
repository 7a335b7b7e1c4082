// The findings section: each finding with its explanation, evidence, affected elements and
// remediation, then the trace that proves it, re-run with every decision explained.

#include <QPainter>
#include <map>

#include "core/net/address.h"
#include "core/probe/design_target.h"
#include "core/sim/simulator.h"
#include "ui/diagram/diagram_style.h"
#include "ui/document/element_text.h"
#include "ui/report/diagram_picture.h"
#include "ui/report/report_sections.h"

namespace mailtopo::ui::report::sections {
namespace {

using analysis::Severity;

QString codePrefix(Severity severity) {
    switch (severity) {
        case Severity::Error:
            return QStringLiteral("E");
        case Severity::Warning:
            return QStringLiteral("W");
        case Severity::Info:
            break;
    }
    return QStringLiteral("N");
}

QString groupTitle(Severity severity) {
    switch (severity) {
        case Severity::Error:
            return QStringLiteral("Errors");
        case Severity::Warning:
            return QStringLiteral("Warnings");
        case Severity::Info:
            break;
    }
    return QStringLiteral("Notes");
}

QString optionalAddress(const std::optional<net::Address>& address) {
    return address ? qs(address->toString()) : QStringLiteral("—");
}

QString legName(const std::string& name) {
    return name.empty() ? QStringLiteral("setup") : qs(name);
}

void stepRows(const model::Design& design, const QString& leg, const std::vector<sim::Step>& steps,
              std::vector<TableRow>& rows) {
    for (const auto& step : steps) {
        rows.push_back({{leg, qs(step.rule), label(design, step.element),
                         step.before ? text::packetText(*step.before) : QString(),
                         step.after ? text::packetText(*step.after) : QString(), qs(step.summary)},
                        {}});
    }
}

}  // namespace

QString label(const model::Design& design, const std::string& id) {
    return id.empty() ? QString() : qs(probe::elementLabel(design, id));
}

QString dispositionText(const model::Design& design, const sim::Trace& trace) {
    const auto& d = trace.disposition;
    QString out = qs(std::string(enumName(d.kind)));
    if (d.smtpCode != 0) {
        out += QStringLiteral(" %1").arg(d.smtpCode);
        if (!d.enhancedStatus.empty())
            out += QLatin1Char(' ') + qs(d.enhancedStatus);
    }
    if (!d.text.empty())
        out += QStringLiteral(": ") + qs(d.text);
    if (!d.element.empty())
        out += QStringLiteral(" (at %1%2)")
                   .arg(label(design, d.element),
                        d.rule.empty() ? QString() : QStringLiteral(", ") + qs(d.rule));
    return out;
}

void trace(ReportLayout& layout, const model::Design& design, const sim::Trace& t) {
    std::vector<TableRow> hops;
    for (size_t i = 0; i < t.hops.size(); ++i) {
        const auto& hop = t.hops[i];
        QString rights = qs(hop.principal);
        for (const auto& right : hop.rights)
            rights += (rights.isEmpty() ? QString() : QStringLiteral(", ")) + qs(right);
        hops.push_back(
            {{QString::number(i + 1),
              label(design, hop.client) + QStringLiteral(" → ") +
                  (hop.server.empty() ? optionalAddress(hop.target) : label(design, hop.server)),
              optionalAddress(hop.chosenSource), optionalAddress(hop.target),
              optionalAddress(hop.seenSource), label(design, hop.receiveConnector), rights},
             {}});
    }
    layout.table({{QStringLiteral("#"), 0.4},
                  {QStringLiteral("Client → server"), 2.2},
                  {QStringLiteral("Source"), 1.4, true},
                  {QStringLiteral("Target"), 1.4, true},
                  {QStringLiteral("Server sees"), 1.4, true},
                  {QStringLiteral("Receive connector"), 2},
                  {QStringLiteral("Principal, rights"), 2}},
                 hops);

    for (size_t i = 0; i < t.hops.size(); ++i) {
        const auto& hop = t.hops[i];
        std::vector<TableRow> rows;
        stepRows(design, QStringLiteral("setup"), hop.setup, rows);
        for (const auto& leg : hop.legs)
            stepRows(design, legName(leg.name), leg.steps, rows);
        if (!rows.empty()) {
            layout.paragraph(QStringLiteral("Hop %1: the packet's path, with the addresses before "
                                            "and after each device")
                                 .arg(i + 1),
                             TextStyle::Bold);
            layout.table({{QStringLiteral("Leg"), 0.8},
                          {QStringLiteral("Rule"), 0.75},
                          {QStringLiteral("Element"), 1.5},
                          {QStringLiteral("Before"), 2, true},
                          {QStringLiteral("After"), 2, true},
                          {QStringLiteral("Decision"), 3.4}},
                         rows);
        }
        if (!hop.smtp.empty()) {
            QStringList dialogue;
            for (const auto& step : hop.smtp)
                dialogue << qs(step.summary);
            layout.paragraph(QStringLiteral("Hop %1: SMTP dialogue").arg(i + 1), TextStyle::Bold);
            layout.code(dialogue.join(QLatin1Char('\n')));
        }
    }
    std::vector<std::pair<QString, QString>> outcome{
        {QStringLiteral("Outcome"), dispositionText(design, t)}};
    for (const auto& flag : t.flags) {
        QStringList elements;
        for (const auto& id : flag.elements)
            elements << label(design, id);
        outcome.emplace_back(QStringLiteral("Flag"),
                             QStringLiteral("%1 (%2): %3%4")
                                 .arg(qs(flag.name), qs(flag.rule), qs(flag.detail),
                                      elements.isEmpty() ? QString()
                                                         : QStringLiteral(" [") +
                                                               elements.join(QStringLiteral(", ")) +
                                                               QLatin1Char(']')));
    }
    layout.fields(outcome);
}

void findings(ReportLayout& layout, const model::Design& design,
              const analysis::DesignValidation& validation) {
    layout.heading(1, QStringLiteral("3  Findings"));
    if (validation.findings.empty()) {
        layout.paragraph(QStringLiteral("Nothing to report."));
        return;
    }
    if (!validation.simulated)
        layout.paragraph(QStringLiteral("Structural errors (duplicate or dangling ids) stopped "
                                        "the simulation: fix them first, then the simulator's "
                                        "and the DNS findings will follow."),
                         TextStyle::Bold, DiagramStyle::severityColor(Severity::Error));
    // The proofs are traced again with every decision explained (bulk analysis skips that).
    const sim::Simulator simulator(design);

    for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
        int number = 0;
        for (const auto& f : validation.findings)
            number += f.severity == severity ? 1 : 0;
        if (number == 0)
            continue;
        layout.heading(2, QStringLiteral("%1 (%2)").arg(groupTitle(severity)).arg(number));
        number = 0;
        for (const auto& f : validation.findings) {
            if (f.severity != severity)
                continue;
            ++number;
            layout.heading(
                3,
                QStringLiteral("%1%2  %3").arg(codePrefix(severity)).arg(number).arg(qs(f.title)));
            layout.paragraph(qs(f.message));
            QStringList affected;
            for (const auto& id : f.elements)
                affected << label(design, id);
            std::vector<std::pair<QString, QString>> evidence{
                {QStringLiteral("Severity"), text::severityName(f.severity)},
                {QStringLiteral("Rule"),
                 f.rule.empty() ? qs(f.id)
                                : QStringLiteral("%1 (domain rule %2)").arg(qs(f.id), qs(f.rule))}};
            if (!affected.isEmpty())
                evidence.emplace_back(QStringLiteral("Affected"),
                                      affected.join(QStringLiteral(", ")));
            if (!f.pointer.empty())
                evidence.emplace_back(QStringLiteral("In the design"), qs(f.pointer));
            if (!f.flow.empty())
                evidence.emplace_back(QStringLiteral("Shown by"), qs(f.flow));
            layout.fields(evidence);
            if (!f.remediation.empty()) {
                layout.paragraph(QStringLiteral("Remediation"), TextStyle::Bold);
                layout.code(qs(f.remediation));
            }
            const auto proof = analysis::provingFlow(f, validation.simulation);
            if (!proof)
                continue;
            const auto& flow = validation.simulation.flows[*proof];
            sim::TraceRequest request = flow.request;
            request.explain = true;
            layout.keepTogether(120);  // the caption stays with the start of its tables
            layout.paragraph(f.flow.empty()
                                 ? QStringLiteral("Trace: %1, which reaches the elements above")
                                       .arg(qs(analysis::flowLabel(flow)))
                                 : QStringLiteral("Trace: %1").arg(qs(f.flow)),
                             TextStyle::Bold);
            trace(layout, design, simulator.trace(request));
        }
    }
}

}  // namespace mailtopo::ui::report::sections
