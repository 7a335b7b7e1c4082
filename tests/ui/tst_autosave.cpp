// Autosave and crash recovery: unsaved changes are written to the recovery folder and the
// file goes once they are saved or undone; a MailTopo killed with unsaved changes leaves a
// recovery that the next start restores as one undoable, unsaved change on top of the file.

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "core/io/design_file.h"
#include "ui/document/autosave.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kSmall = QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/data/ui/small.mailtopo");
const QString kSample = QStringLiteral(
    MAILTOPO_SHARED_DIR "/formats/samples/get-receiveconnector.ems.depth3.ps51.json");

MainWindowOptions quietWithAutosave(const QString& folder) {
    MainWindowOptions options = MainWindowOptions::unattended();
    options.autosaveFolder = folder;
    options.autosaveIntervalMs = 50;
    return options;
}

}  // namespace

class TstAutosave : public QObject {
    Q_OBJECT

private slots:
    void writesOnlyUnsavedChanges() {
        QTemporaryDir recovery;
        QTemporaryDir work;
        MainWindow window(quietWithAutosave(recovery.path()));
        QVERIFY(window.openFile(kSmall));
        QTest::qWait(200);
        QVERIFY(!QFileInfo::exists(window.autosaver()->recoveryPath()));  // nothing to keep

        QVERIFY(window.importPaths({kSample}).ok);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(window.autosaver()->recoveryPath()), 5000);
        const io::ParsedDesign saved =
            io::loadDesignFile(window.autosaver()->recoveryPath().toStdString());
        QVERIFY(saved.ok());
        QCOMPARE(*saved.design, window.document()->design());
        // This process is still running: its own file is not a leftover.
        QVERIFY(Autosaver::pending(recovery.path()).empty());

        // Undo back to the file: nothing left to recover.
        window.undoAction()->trigger();
        QVERIFY(!QFileInfo::exists(window.autosaver()->recoveryPath()));
        window.redoAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(window.autosaver()->recoveryPath()), 5000);
        // Saving removes it too.
        QVERIFY(window.saveTo(work.filePath(QStringLiteral("saved.mailtopo"))));
        QVERIFY(!QFileInfo::exists(window.autosaver()->recoveryPath()));
        QVERIFY(QDir(recovery.path()).entryList(QDir::Files).isEmpty());
    }

    // The GUI is started with an import (unsaved), killed once it has autosaved, and a new
    // window recovers exactly that design.
    void recoversAfterAKilledProcess() {
        QTemporaryDir recovery;
        QProcess gui;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("MAILTOPO_RECOVERY_DIR"), recovery.path());
        env.insert(QStringLiteral("MAILTOPO_AUTOSAVE_MS"), QStringLiteral("100"));
        // Its own settings, so the test leaves the user's recent files alone.
        QTemporaryDir config;
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        gui.setProcessEnvironment(env);
        gui.start(QStringLiteral(MAILTOPO_GUI_PATH), {kSmall, QStringLiteral("--import"), kSample});
        QVERIFY(gui.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(
            !QDir(recovery.path()).entryList({QStringLiteral("*.recovery.json")}).isEmpty(), 15000);
        QTest::qWait(300);  // let a write in progress finish: files are replaced atomically
        ::kill(static_cast<pid_t>(gui.processId()), SIGKILL);
        QVERIFY(gui.waitForFinished(10000));
        QCOMPARE(gui.exitStatus(), QProcess::CrashExit);

        const auto leftovers = Autosaver::pending(recovery.path());
        QCOMPARE(leftovers.size(), size_t(1));
        QCOMPARE(leftovers.front().originalPath, QFileInfo(kSmall).absoluteFilePath());
        QCOMPARE(leftovers.front().designName, QStringLiteral("Small test site"));

        // What the killed window held: the file with the import applied.
        MainWindow expected(quietWithAutosave(QString()));
        QVERIFY(expected.openFile(kSmall));
        QVERIFY(expected.importPaths({kSample}).ok);

        MainWindowOptions options = quietWithAutosave(QString());
        MainWindow window(options);
        QVERIFY(window.recover(leftovers.front()));
        QCOMPARE(window.document()->design(), expected.document()->design());
        QVERIFY(window.isWindowModified());
        QCOMPARE(window.document()->filePath(), QFileInfo(kSmall).absoluteFilePath());
        QVERIFY(Autosaver::pending(recovery.path()).empty());  // restored once only
        window.undoAction()->trigger();                        // back to the file on disk
        QCOMPARE(window.document()->design(), *io::loadDesignFile(kSmall.toStdString()).design);
    }
};

QTEST_MAIN(TstAutosave)
#include "tst_autosave.moc"
