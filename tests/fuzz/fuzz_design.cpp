// libFuzzer target for the .mailtopo reader and writer. Any input must either be refused
// with diagnostics or give a design whose canonical text is a fixed point:
//   parse(serialize(d)) succeeds and equals d, and serialize(parse(serialize(d))) is the
//   same bytes as serialize(d).
// The sanitizers (ASan + UBSan, enabled by MAILTOPO_FUZZ) catch the memory and overflow
// errors; the checks below catch the logic ones.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/io/design_json.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_design: %s\n%s\n", what, detail.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace mailtopo;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const io::ParsedDesign first = io::parseDesign(text, "fuzz");
    if (!first.ok()) {
        if (first.diagnostics.empty())
            fail("refused without a diagnostic", std::string(text));
        return 0;
    }
    if (!first.diagnostics.empty())
        fail("a design came back with diagnostics", first.diagnostics[0].toString());

    const std::string canonical = io::serializeDesign(*first.design);
    const io::ParsedDesign second = io::parseDesign(canonical, "canonical");
    if (!second.ok()) {
        fail("the writer's output does not read back",
             second.diagnostics.front().toString() + "\n" + canonical);
    }
    if (!(*second.design == *first.design))
        fail("the design changed on a round trip", canonical);
    const std::string again = io::serializeDesign(*second.design);
    if (again != canonical)
        fail("the canonical text is not stable", canonical + "\n---\n" + again);
    return 0;
}
