// libFuzzer target for `mailtopo-cli edit --set ID:KEY=VALUE` and the inspector's writes:
// core/edit/property_edit reads any text into any property of any element. Arbitrary input
// must never crash it; a refusal must say why and leave the design exactly as it was.
// Input: "ID:KEY=VALUE" (the VALUE may hold anything, JSON included), applied to a small
// generated estate that has every kind of element.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/edit/property_edit.h"
#include "core/model/synthetic_estate.h"

using namespace mailtopo;

namespace {

void check(bool condition) {
    if (!condition)
        std::abort();
}

const model::Design& estate() {
    static const model::Design design = model::generateEstate({2, 1, 2, 1, 2, 3, -1});
    return design;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const size_t colon = input.find(':');
    const size_t equals = input.find('=', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || equals == std::string::npos)
        return 0;
    const std::string id = input.substr(0, colon);
    const std::string key = input.substr(colon + 1, equals - colon - 1);
    const std::string value = input.substr(equals + 1);

    model::Design design = estate();
    const edit::PropertyOutcome outcome = edit::setProperty(design, id, key, value);
    if (!outcome.ok) {
        check(!outcome.error.empty());
        check(design == estate());
        return 0;
    }
    check(edit::propertyText(design, id, key).has_value());
    (void)edit::propertyKeys(design, id);
    model::Design renamed = design;
    const edit::PropertyOutcome rename = edit::renameElement(renamed, id, value);
    if (!rename.ok)
        check(!rename.error.empty() && renamed == design);
    return 0;
}
