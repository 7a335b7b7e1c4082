#pragma once
// Which design the GUI opens when started without a file: the last one the user had
// open, else the bundled example. The example is looked up beside the executable so an
// installed package, a build tree and a relocated bundle all find it.

#include <QString>
#include <QStringList>

namespace mailtopo::ui {

inline constexpr char kDefaultExample[] = "contoso.mailtopo";

// Where bundled examples may be, in the order to try: $MAILTOPO_EXAMPLES_DIR,
// <exe dir>/../share/mailtopo/examples, <source dir>/resources/examples. Empty inputs are
// skipped.
QStringList exampleDirectories(const QString& executableDir, const QString& sourceDir);

// The first `dirs[i]/fileName` that exists, else empty.
QString findExample(const QString& fileName, const QStringList& dirs);

// The last file if it still exists, else the default example, else empty.
QString startupFile(const QString& lastFile, const QStringList& exampleDirs);

}  // namespace mailtopo::ui
