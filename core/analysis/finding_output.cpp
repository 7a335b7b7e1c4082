#include "core/analysis/finding_output.h"

#include "core/analysis/dns_checks.h"
#include "core/analysis/simulation_checks.h"
#include "core/analysis/structure_checks.h"

#include <map>
#include <nlohmann/json.hpp>

namespace mailtopo::analysis {
namespace {

using nlohmann::ordered_json;

std::pair<int, int> locationOf(const Finding& f, const FindingSource& source) {
    if (!source.locate || f.pointer.empty())
        return {0, 0};
    return source.locate(f.pointer);
}

std::string plural(int n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string sarifLevel(Severity s) {
    switch (s) {
        case Severity::Error:
            return "error";
        case Severity::Warning:
            return "warning";
        case Severity::Info:
            return "note";
    }
    return "none";
}

}  // namespace

SeverityCounts countBySeverity(const std::vector<Finding>& findings) {
    SeverityCounts c;
    for (const auto& f : findings) {
        switch (f.severity) {
            case Severity::Error:
                ++c.errors;
                break;
            case Severity::Warning:
                ++c.warnings;
                break;
            case Severity::Info:
                ++c.infos;
                break;
        }
    }
    return c;
}

std::string findingsToText(const std::vector<Finding>& findings, const FindingSource& source) {
    std::string out;
    for (const auto& f : findings) {
        const auto [line, column] = locationOf(f, source);
        out += source.file;
        if (line > 0) {
            out += ':';
            out += std::to_string(line);
            out += ':';
            out += std::to_string(column);
        }
        out += ": ";
        out += enumName(f.severity);
        out += "[" + f.id + "]";
        if (!f.rule.empty())
            out += " (" + f.rule + ")";
        out += ": " + f.message + "\n";
        if (!f.remediation.empty()) {
            // Multi-line remediations (one command per line) stay under "fix:".
            out += "  fix: ";
            for (char c : f.remediation) {
                out += c;
                if (c == '\n')
                    out += "       ";
            }
            out += '\n';
        }
    }
    const SeverityCounts c = countBySeverity(findings);
    out += source.file + ": " + plural(c.errors, "error") + ", " + plural(c.warnings, "warning") +
           ", " + plural(c.infos, "note") + "\n";
    return out;
}

std::string findingsToJson(const std::vector<Finding>& findings, const FindingSource& source) {
    ordered_json doc = ordered_json::object();
    doc["file"] = source.file;
    doc["design"] = source.designName;
    const SeverityCounts c = countBySeverity(findings);
    doc["summary"] = {{"errors", c.errors}, {"warnings", c.warnings}, {"infos", c.infos}};
    ordered_json list = ordered_json::array();
    for (const auto& f : findings) {
        ordered_json item = ordered_json::object();
        // "rule" is the stable kebab-case id CI pipelines filter on; "domainRule" the
        // R-number of domain-rules.md it rests on.
        item["rule"] = f.id;
        item["severity"] = std::string(enumName(f.severity));
        item["domainRule"] = f.rule;
        item["title"] = f.title;
        item["message"] = f.message;
        item["elements"] = f.elements;
        item["pointer"] = f.pointer;
        const auto [line, column] = locationOf(f, source);
        if (line > 0)
            item["location"] = {{"line", line}, {"column", column}};
        item["remediation"] = f.remediation;
        // The flow whose trace proves it: `mailtopo-cli trace --flow` / `--all-flows` show it.
        if (!f.flow.empty())
            item["flow"] = f.flow;
        list.push_back(std::move(item));
    }
    doc["findings"] = std::move(list);
    return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

namespace {
// The catalog entry of a structural check or a simulation rule.
const CheckInfo* describeRule(std::string_view id) {
    if (const auto* check = findStructureCheck(id))
        return check;
    for (const auto* catalog : {&simulationRuleCatalog(), &dnsRuleCatalog()})
        for (const auto& rule : *catalog)
            if (rule.id == id)
                return &rule;
    return nullptr;
}
}  // namespace

std::string findingsToSarif(const std::vector<Finding>& findings, const FindingSource& source,
                            const std::string& toolVersion) {
    // Rules are derived from the findings present, in id order, so the run is self-contained.
    std::map<std::string, const Finding*> rules;
    for (const auto& f : findings)
        rules.emplace(f.id, &f);
    ordered_json ruleList = ordered_json::array();
    std::map<std::string, int> ruleIndex;
    for (const auto& [id, f] : rules) {
        ruleIndex[id] = static_cast<int>(ruleList.size());
        ordered_json rule = ordered_json::object();
        rule["id"] = id;
        rule["shortDescription"] = {{"text", f->title}};
        if (const auto* info = describeRule(id); info != nullptr && !info->description.empty())
            rule["fullDescription"] = {{"text", std::string(info->description)}};
        rule["defaultConfiguration"] = {{"level", sarifLevel(f->severity)}};
        if (!f->rule.empty())
            rule["properties"] = {{"domainRule", f->rule}};
        ruleList.push_back(std::move(rule));
    }
    ordered_json results = ordered_json::array();
    for (const auto& f : findings) {
        ordered_json result = ordered_json::object();
        result["ruleId"] = f.id;
        result["ruleIndex"] = ruleIndex[f.id];
        result["level"] = sarifLevel(f.severity);
        std::string text = f.message;
        if (!f.remediation.empty()) {
            if (!text.empty() && text.back() != '.')
                text += '.';
            text += " Fix: " + f.remediation;
        }
        result["message"] = {{"text", text}};
        ordered_json physical = ordered_json::object();
        physical["artifactLocation"] = {{"uri", source.file}};
        const auto [line, column] = locationOf(f, source);
        if (line > 0)
            physical["region"] = {{"startLine", line}, {"startColumn", column}};
        // Logical locations name the design elements the finding concerns, by id.
        ordered_json logical = ordered_json::array();
        for (const auto& element : f.elements)
            logical.push_back({{"name", element}, {"kind", "element"}});
        ordered_json location = {{"physicalLocation", physical}};
        if (!logical.empty())
            location["logicalLocations"] = std::move(logical);
        result["locations"] = ordered_json::array({location});
        result["properties"] = {{"pointer", f.pointer}, {"elements", f.elements}};
        results.push_back(std::move(result));
    }
    ordered_json driver = ordered_json::object();
    driver["name"] = "MailTopo";
    driver["version"] = toolVersion;
    driver["informationUri"] = "https://mailtopo.example/";
    driver["rules"] = std::move(ruleList);
    ordered_json run = ordered_json::object();
    run["tool"] = {{"driver", driver}};
    run["results"] = std::move(results);
    ordered_json doc = ordered_json::object();
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    doc["runs"] = ordered_json::array({run});
    return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace mailtopo::analysis
