// Autosave and crash recovery: unsaved changes are written to the recovery folder and the
// file goes once they are saved or undone; a MailTopo killed with unsaved changes leaves a
// recovery that the next start restores as one undoable, unsaved change on top of the file.
// An entry is left over when no running MailTopo holds its lock, whatever process ID its
// record or its lock file names; one that cannot be read is offered for discarding.

#include <sys/wait.h>
#include <unistd.h>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <functional>

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

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

// Where a recovery entry's files are: autosave-ID.mailtopo, autosave-ID.recovery.json and
// the lock, autosave-ID.lock.
QString entryBase(const QString& folder, const QString& id) {
    return QDir(folder).filePath(QStringLiteral("autosave-") + id);
}

QByteArray record(const QString& name, qint64 pid = 0) {
    QJsonObject info{
        {QStringLiteral("original"), kSmall},
        {QStringLiteral("name"), name},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    if (pid > 0)
        info.insert(QStringLiteral("pid"), pid);  // as MailTopo 0.1 wrote it
    return QJsonDocument(info).toJson();
}

// An entry as a MailTopo that died left it (an empty `design`: none written).
void writeEntry(const QString& folder, const QString& id, const QByteArray& info,
                const QByteArray& design) {
    writeAll(entryBase(folder, id) + QStringLiteral(".recovery.json"), info);
    if (!design.isEmpty())
        writeAll(entryBase(folder, id) + QStringLiteral(".mailtopo"), design);
}

// A lock file a MailTopo left when it died, naming `pid` as its owner: the contents of a
// real QLockFile with the first line (the owner's process ID) replaced.
void writeDeadOwnersLock(const QString& path, qint64 pid) {
    QLockFile real(path);
    QVERIFY(real.tryLock(0));
    QByteArray contents = readAll(path);
    real.unlock();
    QVERIFY(contents.contains('\n'));
    contents = QByteArray::number(pid) + contents.mid(contents.indexOf('\n'));
    writeAll(path, contents);
}

QStringList namesOf(const std::vector<Recovery>& entries) {
    QStringList names;
    for (const Recovery& entry : entries)
        names << entry.designName;
    names.sort();
    return names;
}

// The GUI started by fork and exec rather than QProcess, which reaps its child as soon as
// it ends: this one stays a zombie after it is killed until reap() is called.
class GuiProcess {
    Q_DISABLE_COPY_MOVE(GuiProcess)

public:
    GuiProcess(const QStringList& arguments, const QProcessEnvironment& environment) {
        std::vector<QByteArray> argv{QByteArrayLiteral(MAILTOPO_GUI_PATH)};
        for (const QString& argument : arguments)
            argv.push_back(argument.toLocal8Bit());
        std::vector<QByteArray> envp;
        for (const QString& variable : environment.toStringList())
            envp.push_back(variable.toLocal8Bit());
        std::vector<char*> argvPointers = pointers(argv);
        std::vector<char*> envpPointers = pointers(envp);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::execve(argvPointers[0], argvPointers.data(), envpPointers.data());
            ::_exit(127);
        }
    }
    ~GuiProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            reap();
        }
    }
    pid_t pid() const { return pid_; }
    // Killed and waited for, but not reaped: a zombie.
    bool killToZombie() {
        ::kill(pid_, SIGKILL);
        siginfo_t info{};
        return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT) == 0 &&
               info.si_code == CLD_KILLED;
    }
    void reap() {
        ::waitpid(pid_, nullptr, 0);
        pid_ = 0;
    }

private:
    static std::vector<char*> pointers(std::vector<QByteArray>& strings) {
        std::vector<char*> out;
        for (QByteArray& string : strings)
            out.push_back(string.data());
        out.push_back(nullptr);
        return out;
    }
    pid_t pid_ = 0;
};

// The state /proc gives the process ('R', 'S', 'Z' …).
char processState(pid_t pid) {
    const QByteArray stat = readAll(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = stat.lastIndexOf(')');  // the name may hold spaces
    return close >= 0 && close + 2 < stat.size() ? stat.at(close + 2) : '?';
}

// Runs `answer` on the next message box, from inside its exec(); a box left open by a
// failed check is rejected so that exec() returns.
void whenBoxShown(QObject* context, std::function<void(QMessageBox*)> answer) {
    auto* timer = new QTimer(context);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, answer] {
        QPointer<QMessageBox> box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box == nullptr || !box->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        answer(box);
        if (box != nullptr && box->isVisible())
            box->reject();
    });
    timer->start();
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
        // This window holds the entry's lock: it is not a leftover.
        QVERIFY(Autosaver::pending(recovery.path()).empty());

        // Undo back to the file: nothing left to recover, not even the lock.
        window.undoAction()->trigger();
        QVERIFY(!QFileInfo::exists(window.autosaver()->recoveryPath()));
        QVERIFY(QDir(recovery.path()).entryList(QDir::Files).isEmpty());
        window.redoAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(window.autosaver()->recoveryPath()), 5000);
        // Saving removes it too.
        QVERIFY(window.saveTo(work.filePath(QStringLiteral("saved.mailtopo"))));
        QVERIFY(!QFileInfo::exists(window.autosaver()->recoveryPath()));
        QVERIFY(QDir(recovery.path()).entryList(QDir::Files).isEmpty());
    }

    // Process IDs say nothing about an entry: its record names one that runs (the one that
    // started this test), and the lock files left by dead owners name this very process
    // (same program, as when the ID went to another MailTopo) and the one that started the
    // test (another program). None of them holds a lock, so all three are offered, each
    // once: the first look holds them until it lets them go.
    void offersEntriesWhoseProcessIdsLiveOn() {
        QTemporaryDir recovery;
        const QByteArray design = readAll(kSmall);
        writeEntry(recovery.path(), QStringLiteral("a"), record(QStringLiteral("A"), ::getppid()),
                   design);
        writeEntry(recovery.path(), QStringLiteral("b"), record(QStringLiteral("B")), design);
        writeDeadOwnersLock(entryBase(recovery.path(), QStringLiteral("b")) + ".lock",
                            QCoreApplication::applicationPid());
        writeEntry(recovery.path(), QStringLiteral("c"), record(QStringLiteral("C")), design);
        writeDeadOwnersLock(entryBase(recovery.path(), QStringLiteral("c")) + ".lock", ::getppid());
        QCOMPARE_NE(::kill(::getppid(), 0), -1);  // it does run

        {
            const std::vector<Recovery> first = Autosaver::pending(recovery.path());
            QCOMPARE(namesOf(first), QStringList({"A", "B", "C"}));
            for (const Recovery& entry : first) {
                QVERIFY2(entry.design != nullptr, qPrintable(entry.problem));
                QVERIFY(entry.problem.isEmpty());
            }
            // A MailTopo started at the same time finds them taken.
            QVERIFY(Autosaver::pending(recovery.path()).empty());
        }
        // Let go (neither restored nor discarded): there for the next start.
        QCOMPARE(namesOf(Autosaver::pending(recovery.path())), QStringList({"A", "B", "C"}));
    }

    // The GUI is started with an import (unsaved); while it runs, its entry is not offered.
    // Killed, it is offered even while the process is a zombie (it still has its process
    // ID), and a new window recovers exactly that design.
    void recoversAfterAKilledProcess() {
        QTemporaryDir recovery;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("MAILTOPO_RECOVERY_DIR"), recovery.path());
        env.insert(QStringLiteral("MAILTOPO_AUTOSAVE_MS"), QStringLiteral("100"));
        // Its own settings, so the test leaves the user's recent files alone.
        QTemporaryDir config;
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        GuiProcess gui({kSmall, QStringLiteral("--import"), kSample}, env);
        QVERIFY(gui.pid() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            !QDir(recovery.path()).entryList({QStringLiteral("*.recovery.json")}).isEmpty(), 15000);
        QVERIFY(Autosaver::pending(recovery.path()).empty());  // its lock is held
        QTest::qWait(300);  // let a write in progress finish: files are replaced atomically
        QVERIFY(gui.killToZombie());
        QCOMPARE(processState(gui.pid()), 'Z');
        QCOMPARE(::kill(gui.pid(), 0), 0);  // a zombie still "exists"

        auto leftovers = Autosaver::pending(recovery.path());
        gui.reap();
        QCOMPARE(leftovers.size(), size_t(1));
        QVERIFY2(leftovers.front().design != nullptr, qPrintable(leftovers.front().problem));
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
        leftovers.clear();
        QVERIFY(QDir(recovery.path()).entryList(QDir::Files).isEmpty());  // restored once only
        window.undoAction()->trigger();  // back to the file on disk
        QCOMPARE(window.document()->design(), *io::loadDesignFile(kSmall.toStdString()).design);
    }

    // Entries that cannot be read are offered with the reason, and discarding one removes
    // its files and its lock. A lock left alone goes on the way.
    void reportsUnreadableEntries() {
        QTemporaryDir recovery;
        const QByteArray design = readAll(kSmall);
        writeEntry(recovery.path(), QStringLiteral("record"), "{\n  \"name\": \"Lost\",\n  \"orig",
                   design);
        writeEntry(recovery.path(), QStringLiteral("design"), record(QStringLiteral("Damaged")),
                   design.left(design.size() / 2));
        writeEntry(recovery.path(), QStringLiteral("missing"), record(QStringLiteral("Gone")),
                   QByteArray());
        writeDeadOwnersLock(entryBase(recovery.path(), QStringLiteral("lone")) + ".lock",
                            QCoreApplication::applicationPid());

        std::vector<Recovery> entries = Autosaver::pending(recovery.path());
        QCOMPARE(namesOf(entries), QStringList({"", "Damaged", "Gone"}));
        QVERIFY(!QFileInfo::exists(entryBase(recovery.path(), QStringLiteral("lone")) + ".lock"));
        for (const Recovery& entry : entries) {
            QVERIFY(entry.design == nullptr);
            QVERIFY(entry.savedAt.isValid());
            if (entry.designName.isEmpty()) {
                QVERIFY2(entry.problem.startsWith("its record is not valid JSON (line 3, column "),
                         qPrintable(entry.problem));
            } else if (entry.designName == "Damaged") {
                QVERIFY2(entry.problem.startsWith("its design is damaged (line "),
                         qPrintable(entry.problem));
            } else {
                QCOMPARE(entry.problem, QStringLiteral("its design is missing"));
            }
        }
        MainWindow window(quietWithAutosave(QString()));
        QVERIFY(!window.recover(entries.front()));

        for (const Recovery& entry : entries)
            Autosaver::remove(entry);
        QCOMPARE(QDir(recovery.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    // The start-up offer: an unreadable entry is shown with its reason; kept, it stays for
    // the next start; discarded, its files go.
    void offersUnreadableEntriesForDiscarding() {
        QTemporaryDir recovery;
        const QByteArray design = readAll(kSmall);
        writeEntry(recovery.path(), QStringLiteral("x"), record(QStringLiteral("Damaged")),
                   design.left(design.size() / 2));
        QString reason;
        {
            const std::vector<Recovery> entries = Autosaver::pending(recovery.path());
            QCOMPARE(entries.size(), size_t(1));
            reason = entries.front().problem;
        }
        MainWindow window(quietWithAutosave(QString()));

        for (const bool discard : {false, true}) {
            QString shown;
            whenBoxShown(&window, [&](QMessageBox* box) {
                QCOMPARE(box->objectName(), QStringLiteral("unreadableRecoveryBox"));
                shown = box->text();
                QVERIFY(box->informativeText().contains(QDir::toNativeSeparators(recovery.path())));
                QAbstractButton* button =
                    discard ? box->button(QMessageBox::Discard) : box->defaultButton();
                QVERIFY(button != nullptr);
                button->click();
            });
            QVERIFY(!window.offerRecovery(recovery.path(), false));
            QVERIFY2(shown.contains(QStringLiteral("“Damaged”")), qPrintable(shown));
            QVERIFY2(shown.contains(reason), qPrintable(shown));
            const QStringList left = QDir(recovery.path()).entryList(QDir::Files | QDir::Hidden);
            if (discard)
                QCOMPARE(left, QStringList());
            else
                QCOMPARE(left, QStringList({"autosave-x.mailtopo", "autosave-x.recovery.json"}));
        }
        QVERIFY(!window.document()->hasDesign());
    }
};

QTEST_MAIN(TstAutosave)
#include "tst_autosave.moc"
