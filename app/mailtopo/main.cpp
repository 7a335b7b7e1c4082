// mailtopo: the desktop GUI.
//   mailtopo [FILE] [--screenshot OUT.png] [--import PATH]... [--recover]
//            [--probe ELEMENT [--probe-target HOST[:PORT]] [--probe-run]]
// Without FILE it reopens the last design, else the bundled example. --screenshot shows
// the window, fits the diagram, saves the window as PNG and exits: used for the README
// picture and by tests, and it works headless (QT_QPA_PLATFORM=offscreen).
// --probe selects ELEMENT and opens the "Probe Live…" dialog for it (--screenshot then saves
// that dialog); with --probe-run the command line is the confirmation: the probe runs at
// once and --screenshot saves the result dialog.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLineEdit>
#include <QTimer>
#include <cstdio>

#include "app/mailtopo/display_check.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/document/autosave.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/recent_files.h"
#include "ui/mainwindow/startup_file.h"
#include "ui/probe/probe_controller.h"

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
    if (!mailtopo::app::prepareDisplay(argc, argv))
        return 2;
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MailTopo"));
    QApplication::setApplicationName(QStringLiteral("MailTopo"));
    QApplication::setApplicationVersion(QStringLiteral(MAILTOPO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mailtopo"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mailtopo.svg")));

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
    const QCommandLineOption probeElement(
        QStringLiteral("probe"),
        QStringLiteral("Select <element> (a mail server or VIP) and open Probe Live for it."),
        QStringLiteral("element"));
    const QCommandLineOption probeTarget(
        QStringLiteral("probe-target"),
        QStringLiteral("With --probe: connect to <host[:port]> instead of the design's address."),
        QStringLiteral("host[:port]"));
    const QCommandLineOption probeRun(
        QStringLiteral("probe-run"),
        QStringLiteral("With --probe: probe at once, without asking (this option is the "
                       "confirmation)."));
    parser.addOption(probeElement);
    parser.addOption(probeTarget);
    parser.addOption(probeRun);
    const QCommandLineOption importOption(
        QStringLiteral("import"),
        QStringLiteral("Import PowerShell JSON exports (a file or folder; repeatable) into the "
                       "design at start, as one undoable change."),
        QStringLiteral("path"));
    const QCommandLineOption recoverOption(
        QStringLiteral("recover"),
        QStringLiteral("Restore the newest autosaved changes left by a MailTopo that did not "
                       "end cleanly, without asking."));
    parser.addOption(importOption);
    parser.addOption(recoverOption);
    parser.process(app);

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        printLine(QStringLiteral("mailtopo: one design at a time, got %1 files").arg(files.size()));
        return 2;
    }
    const bool unattended = parser.isSet(screenshot);

    mailtopo::ui::MainWindowOptions options = unattended
                                                  ? mailtopo::ui::MainWindowOptions::unattended()
                                                  : mailtopo::ui::MainWindowOptions{};
    // Unsaved work is autosaved for crash recovery (MAILTOPO_AUTOSAVE_MS shortens the
    // interval for tests); a screenshot run has no work to keep.
    const QString recoveryFolder = mailtopo::ui::Autosaver::defaultFolder();
    if (!unattended) {
        options.autosaveFolder = recoveryFolder;
        const int interval = qEnvironmentVariableIntValue("MAILTOPO_AUTOSAVE_MS");
        if (interval > 0)
            options.autosaveIntervalMs = interval;
    }
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
    // Work a crashed or killed MailTopo left behind comes first: offered back (or restored
    // at once with --recover) before the startup design is opened.
    const bool recovered =
        !unattended && window.offerRecovery(recoveryFolder, parser.isSet(recoverOption));
    if (!file.isEmpty() && !recovered)
        window.openFile(file);
    if (parser.isSet(importOption))
        window.importPaths(parser.values(importOption));

    // Probe Live from the command line: open the dialog, or run at once with --probe-run.
    QWidget* probeWindow = nullptr;  // what --screenshot saves instead of the main window
    if (parser.isSet(probeElement) && opened) {
        const QString element = parser.value(probeElement);
        mailtopo::ui::ProbeController* controller = window.probeController();
        window.scene()->selectElement(element);
        const QStringList selected = window.scene()->selectedElementIds();
        const auto candidates =
            controller->candidatesFor(selected.isEmpty() ? element : selected.first());
        mailtopo::ui::ProbeSetupDialog* dialog = controller->ask(candidates, element.toStdString());
        if (!dialog) {
            printLine(QStringLiteral("mailtopo: %1 is not a mail server or VIP of the design")
                          .arg(element));
            return 2;
        }
        if (parser.isSet(probeTarget))
            dialog->targetEdit()->setText(parser.value(probeTarget));
        probeWindow = dialog;
        if (parser.isSet(probeRun)) {
            const auto request = dialog->request();
            if (!request) {
                printLine(QStringLiteral("mailtopo: %1").arg(dialog->error()));
                return 2;
            }
            dialog->close();
            probeWindow = nullptr;
            controller->run(*request);
        }
    }

    if (!unattended)
        return QApplication::exec();

    const QString out = parser.value(screenshot);
    int status = 0;
    if (parser.isSet(probeRun) && parser.isSet(probeElement)) {
        // Saved when the result is shown; the probe's own limits bound the wait.
        QObject::connect(window.probeController(), &mailtopo::ui::ProbeController::resultShown,
                         &window, [&](mailtopo::ui::ProbeResultDialog* dialog) {
                             QTimer::singleShot(kScreenshotDelayMs, dialog, [&, dialog] {
                                 if (!dialog->grab().save(out, "PNG")) {
                                     printLine(QStringLiteral("mailtopo: cannot write %1")
                                                   .arg(QDir::toNativeSeparators(out)));
                                     status = 1;
                                 }
                                 QApplication::quit();
                             });
                         });
        QApplication::exec();
        return status;
    }
    QTimer::singleShot(kScreenshotDelayMs, &window, [&] {
        window.view()->fitToContents();
        QWidget* shown = probeWindow ? probeWindow : static_cast<QWidget*>(&window);
        if (!shown->grab().save(out, "PNG")) {
            printLine(
                QStringLiteral("mailtopo: cannot write %1").arg(QDir::toNativeSeparators(out)));
            status = 1;
        } else if (file.isEmpty() || !opened) {
            printLine(
                file.isEmpty()
                    ? QStringLiteral("mailtopo: no design to show (no FILE and no example found)")
                    : QStringLiteral("mailtopo: %1 could not be opened").arg(file));
            status = 2;  // as mailtopo-cli: unreadable input
        }
        QApplication::quit();
    });
    QApplication::exec();
    return status;
}
