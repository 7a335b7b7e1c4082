#pragma once
// Loads a worked-example design of tests/scenarios by its file name without extension
// ("e06-snat-internal-open-relay"), or a bundled example of resources/examples
// ("contoso"); a design that does not load stops the test run, since every assertion
// after it would be meaningless.

#include <QtGlobal>
#include <string>

#include "core/io/design_file.h"

namespace mailtopo::testing {

inline model::Design loadDesignOrStop(const std::string& path) {
    const auto loaded = io::loadDesignFile(path);
    if (!loaded.ok()) {
        for (const auto& d : loaded.diagnostics)
            qWarning("%s", d.toString().c_str());
        qFatal("cannot load %s", path.c_str());
    }
    return *loaded.design;
}

inline model::Design loadScenario(const std::string& name) {
    return loadDesignOrStop(std::string(MAILTOPO_SOURCE_DIR "/tests/scenarios/") + name +
                            ".mailtopo");
}

inline model::Design loadExample(const std::string& name) {
    return loadDesignOrStop(std::string(MAILTOPO_SOURCE_DIR "/resources/examples/") + name +
                            ".mailtopo");
}

}  // namespace mailtopo::testing
