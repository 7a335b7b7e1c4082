// mailtopo: the desktop GUI.
//   mailtopo [FILE] [--screenshot OUT.png]
// Without FILE it reopens the last design, else the bundled example. --screenshot shows
// the window, fits the diagram, saves the window as PNG and exits: used for the README
// picture and by tests, and it works headless (QT_QPA_PLATFORM=offscreen).

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <cstdio>

#include "ui/diagram/diagram_view.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/recent_files.h"
#include "ui/mainwindow/startup_file.h"

#ifndef MAILTOPO_SOURCE_DIR
#define MAILTOPO_SOURCE_DIR ""
#endif

namespace {

constexpr int kScreenshotWidth = 1920;
constexpr int kScreenshotHeight = 1200;
// Time for the first show and layout to settle before the window is grabbed.
constexpr int kScreenshotDelayMs = 300;

void printLine(const QString& text) {
    std::fprintf(stderr, "%s\n", qUtf8Printable(text));
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MailTopo"));
    QApplication::setApplicationName(QStringLiteral("MailTopo"));
    QApplication::setApplicationVersion(QStringLiteral(MAILTOPO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mailtopo"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Design and validate mail network topologies."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("The design to open (.mailtopo)."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Show the design, save the window to <png> and exit (0 on success)."),
        QStringLiteral("png"));
    parser.addOption(screenshot);
    parser.process(app);

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        printLine(QStringLiteral("mailtopo: one design at a time, got %1 files").arg(files.size()));
        return 2;
    }
    const bool unattended = parser.isSet(screenshot);

    mailtopo::ui::MainWindowOptions options;
    options.persistSettings = !unattended;
    options.interactiveErrors = !unattended;
    mailtopo::ui::MainWindow window(options);
    bool opened = true;
    QObject::connect(&window, &mailtopo::ui::MainWindow::openFailed,
                     [&](const QString&, const QStringList& problems) {
                         opened = false;
                         if (unattended) {
                             for (const QString& problem : problems)
                                 printLine(problem);
                         }
                     });

    QString file = files.isEmpty() ? QString() : files.first();
    if (file.isEmpty()) {
        const QStringList exampleDirs = mailtopo::ui::exampleDirectories(
            QCoreApplication::applicationDirPath(), QStringLiteral(MAILTOPO_SOURCE_DIR));
        const QString last = unattended ? QString() : mailtopo::ui::RecentFiles().mostRecent();
        file = mailtopo::ui::startupFile(last, exampleDirs);
    }
    if (unattended)
        window.resize(kScreenshotWidth, kScreenshotHeight);
    window.show();
    if (!file.isEmpty())
        window.openFile(file);

    if (!unattended)
        return QApplication::exec();

    const QString out = parser.value(screenshot);
    int status = 0;
    QTimer::singleShot(kScreenshotDelayMs, &window, [&] {
        window.view()->fitToContents();
        if (!window.grab().save(out, "PNG")) {
            printLine(
                QStringLiteral("mailtopo: cannot write %1").arg(QDir::toNativeSeparators(out)));
            status = 1;
        } else if (file.isEmpty() || !opened) {
            printLine(
                file.isEmpty()
                    ? QStringLiteral("mailtopo: no design to show (no FILE and no example found)")
                    : QStringLiteral("mailtopo: %1 could not be opened").arg(file));
            status = 1;
        }
        QApplication::quit();
    });
    QApplication::exec();
    return status;
}
