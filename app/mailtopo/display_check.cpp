#include "app/mailtopo/display_check.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace mailtopo::app {
namespace {

bool isSet(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
}

// Options that make the run draw nothing on a screen. Matched as QCommandLineParser
// reads them: one or two dashes, and "--screenshot=OUT" as well as "--screenshot OUT".
bool drawsNothingOnScreen(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (std::strcmp(arg, "--") == 0)
            break;
        if (*arg != '-')
            continue;
        arg += arg[1] == '-' ? 2 : 1;
        for (const char* option : {"help", "help-all", "h", "?", "version", "v", "screenshot"}) {
            const size_t length = std::strlen(option);
            if (std::strncmp(arg, option, length) == 0 &&
                (arg[length] == '\0' || arg[length] == '='))
                return true;
        }
    }
    return false;
}

}  // namespace

bool prepareDisplay(int argc, char* argv[]) {
#if defined(__linux__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
    // A platform chosen by the user (offscreen, vnc, …) is theirs to choose.
    if (isSet("QT_QPA_PLATFORM") || isSet("DISPLAY") || isSet("WAYLAND_DISPLAY"))
        return true;
    if (drawsNothingOnScreen(argc, argv)) {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        return true;
    }
    std::fprintf(stderr,
                 "mailtopo: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY "
                 "is set).\nUse mailtopo-cli for headless work, or mailtopo --screenshot OUT.png "
                 "to draw a design without a screen.\n");
    return false;
#else
    (void)argc;
    (void)argv;
    return true;  // Windows and macOS always have their window system
#endif
}

}  // namespace mailtopo::app
