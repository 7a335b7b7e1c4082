#pragma once
// Before QApplication exists: what to do when there is no display. Qt aborts in its
// platform start-up when the X or Wayland display it is asked for cannot be reached, so
// `mailtopo --help` on a build server or over plain ssh would crash. The runs that draw
// nothing on screen (--help, --version, --screenshot) get Qt's offscreen platform; an
// interactive start is refused with a message and exit 2 instead of a crash.

namespace mailtopo::app {

// Returns true when main() may go on to make its QApplication; false after printing why
// it cannot (the caller exits 2). Sets QT_QPA_PLATFORM=offscreen where that is the answer.
bool prepareDisplay(int argc, char* argv[]);

}  // namespace mailtopo::app
