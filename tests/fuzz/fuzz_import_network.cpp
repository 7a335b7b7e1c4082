// libFuzzer target for the Windows networking readers of the PowerShell importer (CIM objects of
// Get-NetIPAddress, Get-NetIPInterface, Get-NetAdapter, Get-NetRoute and
// Get-DnsClientServerAddress). Every object of the input is read by every network reader, whatever
// it looks like, then applied to a small existing design (the merge path): the result must be a
// design whose .mailtopo text reads back. Seeds: tests/fuzz/corpus/import_network.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/io/design_json.h"
#include "core/io/powershell/design_apply.h"
#include "core/io/powershell/export_text.h"
#include "core/io/powershell/json_document.h"
#include "core/io/powershell/record_readers.h"

namespace {

using namespace mailtopo;
using namespace mailtopo::io::powershell;

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_import_network: %s\n%s\n", what, detail.c_str());
    std::abort();
}

// A design the user drew: the exports may name its server and its NIC.
model::Design base() {
    model::Design d;
    d.info.name = "base";
    model::Host h;
    h.id = "ex01";
    h.name = "EX01";
    h.exchange = model::ExchangeProperties{};
    model::Nic nic;
    nic.id = "ex01-eth";
    nic.alias = "Ethernet";
    nic.interfaceIndex = 6;
    nic.segmentId = "lan";
    h.nics.push_back(nic);
    d.hosts.push_back(h);
    d.segments.push_back(
        {"lan", "LAN", model::SegmentKind::Lan, {*net::Prefix::parse("10.0.10.0/24")}, {}});
    model::ReceiveConnector c;
    c.id = "ex01-relay";
    c.serverId = "ex01";
    c.name = "Relay";
    d.receiveConnectors.push_back(c);
    d.views.push_back({"v", "View", {{"ex01", {10, 20}}}});
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    DecodedText decoded =
        decodeExportBytes(std::string_view(reinterpret_cast<const char*>(data), size));
    if (decoded.problem)
        return 0;
    blankStreamLines(decoded.text);
    const JsonDocument doc = JsonDocument::parse(std::move(decoded.text));
    const JsonValue root = doc.root();
    if (!root.valid())
        return 0;

    static constexpr std::array kCmdlets = {Cmdlet::NetIPAddress, Cmdlet::NetIPInterface,
                                            Cmdlet::NetAdapter, Cmdlet::NetRoute,
                                            Cmdlet::DnsClientServerAddress};
    ImportLog log;
    FileReport report;
    detail::ImportSet set;
    detail::FileContext file("fuzz.json", doc, report, log.fields, set);
    const size_t count = root.isArray() ? root.size() : 1;
    for (size_t i = 0; i < count && i < 64; ++i) {
        const JsonValue record = root.isArray() ? root.at(i) : root;
        (void)recogniseRecord(record);
        (void)detail::cimForm(record);
        for (Cmdlet cmdlet : kCmdlets) {
            detail::Record r(file, record, cmdlet);
            detail::readRecord(r);
        }
    }
    model::Design design = base();
    detail::applyImport(set, design, log, true, 1);
    const std::string rendered = log.toText() + log.toJson();
    const std::string text = io::serializeDesign(design);
    const auto back = io::parseDesign(text, "merged");
    if (!back.ok())
        fail("a merged design does not read back",
             back.diagnostics.front().toString() + "\n" + text);
    return 0;
}
