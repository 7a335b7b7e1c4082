// libFuzzer target for the text layer of the PowerShell importer and the import as a whole:
// any bytes must be decoded or refused with a located problem, parsed or refused with an error
// inside the text, and, when imported, give a design whose .mailtopo text reads back. Seeds:
// tests/fuzz/corpus/import_text (the shared samples, their encodings and broken copies).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/io/design_json.h"
#include "core/io/powershell/export_text.h"
#include "core/io/powershell/json_document.h"
#include "core/io/powershell/powershell_import.h"

namespace {

using namespace mailtopo::io::powershell;

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_import_text: %s\n%s\n", what, detail.c_str());
    std::abort();
}

// Touches every value so that a bad index or view shows up under ASan.
size_t walk(JsonValue v) {
    size_t n = 1 + v.text().size();
    if (v.isArray()) {
        for (size_t i = 0; i < v.size(); ++i)
            n += walk(v.at(i));
    } else if (v.isObject()) {
        for (size_t i = 0; i < v.size(); ++i) {
            n += v.keyAt(i).size() + walk(v.valueAt(i));
            if (!v.member(v.keyAt(i)).valid())
                fail("a member cannot be found by its own name", std::string(v.keyAt(i)));
        }
    } else {
        (void)v.int64();
        (void)v.uint64();
    }
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    DecodedText decoded = decodeExportBytes(bytes);
    if (decoded.problem) {
        if (decoded.problem->line < 1 || decoded.problem->column < 1 ||
            decoded.problem->message.empty())
            fail("a decoding problem without a position or message", bytes);
    } else {
        const size_t before = decoded.text.size();
        blankStreamLines(decoded.text);
        if (decoded.text.size() != before)
            fail("blanking stream lines changed the length", bytes);
        const JsonDocument doc = JsonDocument::parse(decoded.text);
        if (doc.error()) {
            if (doc.error()->offset > doc.text().size() || doc.error()->message.empty())
                fail("a syntax error outside the text or without a message", doc.error()->message);
        } else if (doc.root().valid()) {
            walk(doc.root());
        }
    }

    ImportOptions options;
    options.autoLayout = false;  // Graphviz is exercised by the tests; here it would only be slow
    const ImportResult result = importExports({{"fuzz.json", bytes}}, nullptr, options);
    const std::string log = result.log.toText() + result.log.toJson();
    if (result.ok() != result.log.ok)
        fail("the result and its log disagree", log);
    if (result.ok()) {
        const std::string text = mailtopo::io::serializeDesign(*result.design);
        const auto back = mailtopo::io::parseDesign(text, "imported");
        if (!back.ok())
            fail("an imported design does not read back",
                 back.diagnostics.front().toString() + "\n" + text);
    }
    return 0;
}
