#include "ui/report/report_builder.h"

#include <QFileInfo>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "core/analysis/finding_output.h"
#include "ui/diagram/diagram_style.h"
#include "ui/document/element_text.h"
#include "ui/report/diagram_picture.h"
#include "ui/report/report_sections.h"

namespace mailtopo::ui::report {
namespace {

using analysis::Severity;
using sections::qs;

// Below this many points per scene unit the cards' text (11 px) would print under 5.5 pt:
// the diagram is then also shown in parts on further pages rather than only shrunk.
constexpr qreal kMinimumDiagramScale = 0.5;
constexpr qreal kLargestDiagramScale = 1.0;
constexpr qreal kCaptionHeight = 20;

QString plural(int n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

void paintLegend(QPainter& p, const QRectF& r, const QFont& font) {
    p.setFont(font);
    qreal x = r.left();
    const std::pair<Severity, QString> items[] = {{Severity::Error, QStringLiteral("error")},
                                                  {Severity::Warning, QStringLiteral("warning")},
                                                  {Severity::Info, QStringLiteral("note")}};
    p.setPen(QColor(0x5f, 0x6b, 0x7c));
    p.drawText(QRectF(x, r.top(), 170, 14), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("Elements named by a finding:"));
    x += 150;
    for (const auto& [severity, name] : items) {
        p.setPen(QPen(DiagramStyle::severityColor(severity), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(x, r.top() + 2, 18, 10), 2, 2);
        p.setPen(QColor(0x1f, 0x2a, 0x37));
        p.drawText(QRectF(x + 24, r.top(), 70, 14), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += 84;
    }
}

void cover(ReportLayout& layout, const ReportInput& input,
           const std::vector<analysis::Finding>& findings) {
    const QString title = reportTitle(input);
    const QString verdict = verdictLine(findings);
    const auto counts = analysis::countBySeverity(findings);
    const Severity worst = findings.empty() ? Severity::Info : findings.front().severity;
    const QColor verdictColor = counts.errors > 0 ? DiagramStyle::severityColor(worst)
                                : counts.warnings > 0
                                    ? DiagramStyle::severityColor(Severity::Warning)
                                    : QColor(0x2e, 0x7d, 0x32);
    std::vector<std::pair<QString, QString>> facts;
    if (!input.fileName.isEmpty())
        facts.emplace_back(QStringLiteral("File"), input.fileName);
    facts.emplace_back(QStringLiteral("Generated"),
                       input.generated.toString(QStringLiteral("yyyy-MM-dd HH:mm t")));
    facts.emplace_back(QStringLiteral("Design"), text::designSummary(*input.design));
    if (!input.design->info.author.empty())
        facts.emplace_back(QStringLiteral("Author"),
                           text::shownText(qs(input.design->info.author), kShownCharacters));
    facts.emplace_back(
        QStringLiteral("Findings"),
        QStringLiteral("%1 · %2 · %3")
            .arg(plural(counts.errors, QStringLiteral("error"), QStringLiteral("errors")),
                 plural(counts.warnings, QStringLiteral("warning"), QStringLiteral("warnings")),
                 plural(counts.infos, QStringLiteral("note"), QStringLiteral("notes"))));
    facts.emplace_back(QStringLiteral("Produced by"),
                       QStringLiteral("MailTopo %1").arg(QStringLiteral(MAILTOPO_VERSION)));
    // The cover is painted here, not by the layout: its texts are capped here.
    const QString description =
        text::shownText(qs(input.design->info.description), kShownCharacters);

    layout.setCover([&layout, title, verdict, verdictColor, facts, description](
                        QPainter& p, const QRectF& page) {
        const QColor band(0x1d, 0x5f, 0xa8);
        p.fillRect(QRectF(0, 0, page.width(), 200), band);
        const qreal left = 54;
        const qreal width = page.width() - 2 * left;
        QFont f = layout.font(TextStyle::Bold);
        f.setPointSizeF(11);
        p.setFont(f);
        p.setPen(QColor(0xd6, 0xe4, 0xf5));
        p.drawText(QRectF(left, 70, width, 20), Qt::AlignLeft,
                   QStringLiteral("MAIL TOPOLOGY REPORT"));
        f.setPointSizeF(26);
        p.setFont(f);
        p.setPen(Qt::white);
        p.drawText(QRectF(left, 96, width, 90), Qt::AlignLeft | Qt::TextWordWrap, title);

        qreal y = 240;
        const qreal verdictH =
            layout.textHeight(layout.font(TextStyle::Verdict), verdict, width - 20);
        p.fillRect(QRectF(left, y, 5, verdictH + 16), verdictColor);
        p.setFont(layout.font(TextStyle::Verdict));
        p.setPen(verdictColor);
        p.drawText(QRectF(left + 16, y + 8, width - 20, verdictH), Qt::AlignLeft | Qt::TextWordWrap,
                   verdict);
        y += verdictH + 40;
        if (!description.isEmpty()) {
            const QFont& body = layout.font(TextStyle::Body);
            const qreal h = layout.textHeight(body, description, width);
            p.setFont(body);
            p.setPen(QColor(0x1f, 0x2a, 0x37));
            p.drawText(QRectF(left, y, width, h), Qt::AlignLeft | Qt::TextWordWrap, description);
            y += h + 24;
        }
        for (const auto& [label, value] : facts) {
            const QFont& body = layout.font(TextStyle::Body);
            const qreal h = layout.textHeight(body, value, width - 110);
            p.setFont(layout.font(TextStyle::Bold));
            p.setPen(QColor(0x5f, 0x6b, 0x7c));
            p.drawText(QRectF(left, y, 100, h), Qt::AlignLeft, label);
            p.setFont(body);
            p.setPen(QColor(0x1f, 0x2a, 0x37));
            p.drawText(QRectF(left + 110, y, width - 110, h), Qt::AlignLeft | Qt::TextWordWrap,
                       value);
            y += h + 8;
        }
    });
}

void summary(ReportLayout& layout, const std::vector<analysis::Finding>& findings,
             const model::Design& design) {
    layout.heading(1, QStringLiteral("1  Summary"));
    layout.paragraph(verdictLine(findings), TextStyle::Bold);
    const auto counts = analysis::countBySeverity(findings);
    layout.table({{QStringLiteral("Severity"), 2}, {QStringLiteral("Findings"), 1}},
                 {{{QStringLiteral("Error"), QString::number(counts.errors)},
                   DiagramStyle::severityColor(Severity::Error)},
                  {{QStringLiteral("Warning"), QString::number(counts.warnings)},
                   DiagramStyle::severityColor(Severity::Warning)},
                  {{QStringLiteral("Note"), QString::number(counts.infos)},
                   DiagramStyle::severityColor(Severity::Info)}});
    if (findings.empty()) {
        layout.paragraph(QStringLiteral(
            "No structural check, simulation rule or DNS check reports anything for this "
            "design."));
        return;
    }
    std::vector<TableRow> rows;
    for (const auto& f : findings) {
        QStringList affected;
        for (const auto& id : f.elements)
            affected << sections::label(design, id);
        rows.push_back({{text::severityName(f.severity), qs(f.id),
                         f.rule.empty() ? QStringLiteral("—") : qs(f.rule), qs(f.title),
                         affected.join(QStringLiteral(", "))},
                        DiagramStyle::severityColor(f.severity)});
    }
    layout.table({{QStringLiteral("Severity"), 1.1},
                  {QStringLiteral("Rule"), 2.2},
                  {QStringLiteral("Domain rule"), 1},
                  {QStringLiteral("Title"), 3.2},
                  {QStringLiteral("Affected"), 2.5}},
                 rows);
}

// One landscape page of the diagram: a caption, then `source` (scene units) at `scale`
// points per unit from the top left of the content, framed.
void diagramPage(ReportLayout& layout, const std::shared_ptr<const DiagramPicture>& picture,
                 const QRectF& source, qreal scale, const QString& caption,
                 const QString& outlineTitle, const QString& note) {
    const QFont captionFont = layout.font(TextStyle::Bold);
    const QFont legendFont = layout.font(TextStyle::Small);
    const QFont noteFont = layout.font(TextStyle::Muted);
    const qreal noteH = note.isEmpty() ? 0 : 14;
    layout.fullPage(
        [picture, source, scale, caption, captionFont, legendFont, noteFont, note, noteH](
            QPainter& p, const QRectF& r) {
            p.setFont(captionFont);
            p.setPen(QColor(0x1f, 0x2a, 0x37));
            p.drawText(QRectF(r.left(), r.top(), r.width() * 0.55, kCaptionHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, caption);
            paintLegend(p, QRectF(r.right() - 400, r.top() + (kCaptionHeight - 14) / 2, 400, 14),
                        legendFont);
            if (!note.isEmpty()) {
                p.setFont(noteFont);
                p.setPen(QColor(0x5f, 0x6b, 0x7c));
                p.drawText(QRectF(r.left(), r.top() + kCaptionHeight, r.width(), noteH),
                           Qt::AlignLeft | Qt::AlignVCenter, note);
            }
            const QRectF target(r.left(), r.top() + kCaptionHeight + noteH + 4,
                                source.width() * scale, source.height() * scale);
            picture->paint(p, target, source);
            p.setPen(QPen(QColor(0xc9, 0xd1, 0xdc), 0.6));
            p.drawRect(target);
        },
        true, outlineTitle);
}

// The diagram on landscape pages: an overview of the whole design fitted to one page, then,
// when that overview is too small to read, the diagram again in parts at a legible scale.
// The blocks keep the picture alive (shared) for as long as the layout paints.
void diagram(ReportLayout& layout, const std::shared_ptr<const DiagramPicture>& picture) {
    if (picture->isEmpty()) {
        layout.heading(1, QStringLiteral("2  Topology diagram"));
        layout.paragraph(QStringLiteral("The design holds no element to draw."));
        return;
    }
    const QRectF source = picture->sceneRect();
    const QRectF content = layout.landscapeContentRect();
    const qreal overviewH = content.height() - kCaptionHeight - 18;
    const qreal fit = std::min(
        {kLargestDiagramScale, content.width() / source.width(), overviewH / source.height()});
    const bool legible = fit >= kMinimumDiagramScale;
    const qreal tileW = content.width() / kMinimumDiagramScale;
    const qreal tileH = (content.height() - kCaptionHeight - 4) / kMinimumDiagramScale;
    const int cols = legible ? 0 : static_cast<int>(std::ceil(source.width() / tileW));
    const int rows = legible ? 0 : static_cast<int>(std::ceil(source.height() / tileH));
    diagramPage(layout, picture, source, fit, QStringLiteral("2  Topology diagram"),
                QStringLiteral("2  Topology diagram"),
                legible ? QString()
                        : QStringLiteral("Overview at %1 %. The next %2 pages show it in parts "
                                         "at a legible %3 % (zoom in here for the whole at once).")
                              .arg(qRound(fit * 100))
                              .arg(cols * rows)
                              .arg(qRound(kMinimumDiagramScale * 100)));
    for (int row = 0; row < rows; ++row) {
        for (int col = 0; col < cols; ++col) {
            const QRectF tile(source.left() + col * tileW, source.top() + row * tileH,
                              std::min(tileW, source.right() - (source.left() + col * tileW)),
                              std::min(tileH, source.bottom() - (source.top() + row * tileH)));
            diagramPage(layout, picture, tile, kMinimumDiagramScale,
                        QStringLiteral("Topology diagram, part %1 of %2 (row %3, column %4)")
                            .arg(row * cols + col + 1)
                            .arg(rows * cols)
                            .arg(row + 1)
                            .arg(col + 1),
                        QString(), QString());
        }
    }
}

}  // namespace

QString reportTitle(const ReportInput& input) {
    const QString name = qs(input.design->info.name).trimmed();
    if (!name.isEmpty())
        return text::shownText(name, kShownTitleCharacters);
    if (!input.fileName.isEmpty())
        return QFileInfo(input.fileName).completeBaseName();
    return QStringLiteral("Untitled design");
}

QString verdictLine(const std::vector<analysis::Finding>& findings) {
    const auto counts = analysis::countBySeverity(findings);
    const int errors = counts.errors;
    const int warnings = counts.warnings;
    if (errors == 0 && warnings == 0)
        return findings.empty() ? QStringLiteral("Ready: no errors, warnings or notes")
                                : QStringLiteral("Ready: no errors or warnings (%1)")
                                      .arg(plural(counts.infos, QStringLiteral("note"),
                                                  QStringLiteral("notes")));
    // Findings are sorted worst first: the first one is the headline.
    QString tally =
        errors > 0 ? plural(errors, QStringLiteral("error"), QStringLiteral("errors")) : QString();
    if (warnings > 0) {
        if (!tally.isEmpty())
            tally += QStringLiteral(", ");
        tally += plural(warnings, QStringLiteral("warning"), QStringLiteral("warnings"));
    }
    return QStringLiteral("%1: %2 — %3")
        .arg(errors > 0 ? QStringLiteral("Not ready") : QStringLiteral("Review needed"), tally,
             qs(findings.front().title));
}

std::unique_ptr<ReportLayout> buildReport(const ReportInput& input,
                                          const analysis::DesignValidation& validation) {
    const QString title = reportTitle(input);
    auto layout = std::make_unique<ReportLayout>(
        input.paper, QStringLiteral("%1 · mail topology report").arg(title));
    cover(*layout, input, validation.findings);
    summary(*layout, validation.findings, *input.design);
    diagram(*layout, std::make_shared<const DiagramPicture>(*input.design, validation.findings));
    sections::findings(*layout, *input.design, validation);
    sections::dnsAndSpf(*layout, *input.design, validation);
    sections::inventory(*layout, *input.design);
    layout->finish();
    return layout;
}

}  // namespace mailtopo::ui::report
