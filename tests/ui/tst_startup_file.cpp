// Which design the GUI opens without a FILE argument: the last one, else the bundled
// example found beside the executable (environment, ../share, source tree, in that order).

#include <QtTest>

#include "ui/mainwindow/startup_file.h"

using namespace mailtopo::ui;

class TestStartupFile : public QObject {
    Q_OBJECT

private:
    static void touch(const QString& path) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

private slots:
    void directoriesInOrder() {
        qputenv("MAILTOPO_EXAMPLES_DIR", "/opt/examples");
        const QStringList dirs = exampleDirectories("/usr/local/bin", "/src/mailtopo");
        QCOMPARE(dirs, QStringList({"/opt/examples", "/usr/local/share/mailtopo/examples",
                                    "/src/mailtopo/resources/examples"}));
        qunsetenv("MAILTOPO_EXAMPLES_DIR");
        QCOMPARE(exampleDirectories("/usr/bin", QString()),
                 QStringList({"/usr/share/mailtopo/examples"}));
    }

    void firstExistingExampleWins() {
        QTemporaryDir root;
        const QString first = root.filePath("a");
        const QString second = root.filePath("b");
        touch(second + "/contoso.mailtopo");
        QCOMPARE(findExample("contoso.mailtopo", {first, second}),
                 QFileInfo(second + "/contoso.mailtopo").absoluteFilePath());
        touch(first + "/contoso.mailtopo");
        QCOMPARE(findExample("contoso.mailtopo", {first, second}),
                 QFileInfo(first + "/contoso.mailtopo").absoluteFilePath());
        QVERIFY(findExample("other.mailtopo", {first, second}).isEmpty());
    }

    void lastFileBeforeExample() {
        QTemporaryDir root;
        const QString examples = root.filePath("examples");
        touch(examples + "/contoso.mailtopo");
        const QString last = root.filePath("mine.mailtopo");
        touch(last);
        QCOMPARE(startupFile(last, {examples}), last);
        QFile::remove(last);  // gone: fall back to the example
        QCOMPARE(startupFile(last, {examples}),
                 QFileInfo(examples + "/contoso.mailtopo").absoluteFilePath());
        QVERIFY(startupFile(QString(), {root.filePath("none")}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStartupFile)
#include "tst_startup_file.moc"
