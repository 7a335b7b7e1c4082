// The DNS and SPF section: every sender whose SPF receivers evaluate (the design's own
// egress after NAT, and the internet senders of its flows), with the result and the
// evaluation tree, then the design's DNS zones.

#include "core/analysis/dns_checks.h"
#include "core/dns/spf_explain.h"
#include "core/dns/spf_result.h"
#include "ui/report/report_sections.h"

namespace mailtopo::ui::report::sections {

void dnsAndSpf(ReportLayout& layout, const model::Design& design,
               const analysis::DesignValidation& validation) {
    layout.heading(1, QStringLiteral("4  DNS and SPF"));
    if (design.dnsZones.empty()) {
        layout.paragraph(QStringLiteral(
            "The design holds no DNS zone, so SPF, reverse DNS and MX cannot be judged. Add the "
            "external zones of the accepted domains (import a zone file) to check them."));
        return;
    }
    std::vector<TableRow> zones;
    for (const auto& zone : design.dnsZones) {
        int spf = 0;
        int mx = 0;
        for (const auto& record : zone.records) {
            spf += record.type == "TXT" && record.data.find("v=spf1") != std::string::npos ? 1 : 0;
            mx += record.type == "MX" ? 1 : 0;
        }
        zones.push_back(
            {{qs(zone.origin), qs(std::string(enumName(zone.view))),
              QString::number(zone.records.size()), QString::number(mx), QString::number(spf)},
             {}});
    }
    layout.heading(2, QStringLiteral("Zones"));
    layout.table({{QStringLiteral("Zone"), 3},
                  {QStringLiteral("View"), 1},
                  {QStringLiteral("Records"), 1},
                  {QStringLiteral("MX"), 0.7},
                  {QStringLiteral("SPF"), 0.7}},
                 zones);

    const auto senders = validation.simulated
                             ? analysis::evaluateSpfSenders(design, validation.simulation)
                             : std::vector<analysis::SpfSender>{};
    layout.heading(2, QStringLiteral("SPF evaluations"));
    if (senders.empty()) {
        layout.paragraph(QStringLiteral(
            "No simulated flow sends mail as a domain of the design's external zones, so no SPF "
            "evaluation applies."));
        return;
    }
    layout.paragraph(
        QStringLiteral(
            "Each sender as a receiver on the internet sees it (after outbound NAT), evaluated "
            "with "
            "RFC 7208 check_host() against the design's external zones. Names outside those zones "
            "are not judged."),
        TextStyle::Muted);
    for (const auto& sender : senders) {
        const QString result = qs(std::string(dns::spfResultName(sender.outcome.result)));
        layout.heading(3,
                       QStringLiteral("%1 from %2: %3")
                           .arg(qs(sender.domain), qs(sender.address.toString()), result),
                       false);
        std::vector<std::pair<QString, QString>> facts{
            {QStringLiteral("Sender"), sender.egress
                                           ? QStringLiteral("the design's own mail leaving")
                                           : QStringLiteral("an internet sender of a design flow")},
            {QStringLiteral("Client"),
             label(design, sender.client) +
                 (sender.source ? QStringLiteral(" (%1)").arg(qs(sender.source->toString()))
                                : QString())},
            {QStringLiteral("HELO"), qs(sender.helo)},
            {QStringLiteral("MAIL FROM"), qs(sender.mailFrom)}};
        QStringList flows;
        for (const auto& flow : sender.flows)
            flows << qs(flow);
        facts.emplace_back(QStringLiteral("Flows"), flows.join(QStringLiteral("; ")));
        layout.fields(facts);
        layout.code(qs(dns::spfOutcomeToText(sender.outcome)).trimmed());
    }
}

}  // namespace mailtopo::ui::report::sections
