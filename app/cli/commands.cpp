#include <cstdio>

#include "app/cli/command.h"

namespace mailtopo::cli {

int runValidate(const QStringList& args);
int runFormat(const QStringList& args);
int runGenerate(const QStringList& args);
int runReport(const QStringList& args);
int runExport(const QStringList& args);
int runSpf(const QStringList& args);
int runImport(const QStringList& args);
int runTrace(const QStringList& args);
int runProbe(const QStringList& args);
int runDnsCheck(const QStringList& args);
int runEdit(const QStringList& args);
int runNew(const QStringList& args);

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"validate", "Check a design's structure and consistency (text, JSON or SARIF)",
         runValidate},
        {"format", "Rewrite a design in canonical form (stable key order, 2-space indent)",
         runFormat},
        {"new", "Write an empty design to build on with edit", runNew},
        {"edit",
         "Add elements and sub-elements, connect, set properties, delete, duplicate, "
         "copy/paste, move, site and lay out",
         runEdit},
        {"generate", "Write a synthetic estate of N servers (for benchmarks and demos)",
         runGenerate},
        {"trace", "Trace an SMTP flow hop by hop through a design", runTrace},
        {"import", "Import PowerShell JSON exports and DNS zone files into a design", runImport},
        {"report", "Write the PDF report of a design", runReport},
        {"export", "Export the diagram as SVG or PNG", runExport},
        {"spf", "Evaluate SPF for a domain and IP", runSpf},
        {"dns-check", "Check a design's DNS: SPF, FCrDNS and MX of its egress, live DNS",
         runDnsCheck},
        {"probe", "Probe a live SMTP server without sending mail", runProbe},
    };
    return list;
}

void writeOut(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

void writeErr(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

}  // namespace mailtopo::cli
