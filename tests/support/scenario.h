#pragma once
// Loads a worked-example design of tests/scenarios by its file name without extension
// ("e06-snat-internal-open-relay"); a design that does not load stops the test run, since
// every assertion after it would be meaningless.

#include <QtGlobal>
#include <string>

#include "core/io/design_file.h"

namespace mailtopo::testing {

inline model::Design loadScenario(const std::string& name) {
    const auto loaded = io::loadDesignFile(std::string(MAILTOPO_SOURCE_DIR "/tests/scenarios/") +
                                           name + ".mailtopo");
    if (!loaded.ok()) {
        for (const auto& d : loaded.diagnostics)
            qWarning("%s", d.toString().c_str());
        qFatal("cannot load scenario %s", name.c_str());
    }
    return *loaded.design;
}

}  // namespace mailtopo::testing
