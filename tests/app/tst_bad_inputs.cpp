// Bad input through every command that reads it, as a user or a CI job would give it: each
// run must end in time, within memory, with exit 2 and a message naming the file and what
// is wrong, and leave no file behind. Inputs are made at run time (nothing large is
// committed); the size limit is lowered through MAILTOPO_MAX_INPUT_BYTES so the refusal of a
// too-large input is proven with 2 MiB rather than 256 MiB.

#include <sys/stat.h>
#include <unistd.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/bounded_run.h"

using mailtopo::testing::BoundedRun;
using mailtopo::testing::runBounded;
using mailtopo::testing::RunLimits;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 kSlowdown = 6;  // AddressSanitizer: time and resident memory grow several-fold
#else
constexpr qint64 kSlowdown = 1;
#endif
constexpr qint64 kWallMs = 15000 * kSlowdown;
constexpr long kPeakKb = 400 * 1024 * kSlowdown;
constexpr qint64 kInputLimit = 1024 * 1024;  // MAILTOPO_MAX_INPUT_BYTES in every run

const QString kCli = QStringLiteral(MAILTOPO_CLI_PATH);
const QString kGui = QStringLiteral(MAILTOPO_GUI_PATH);
const QString kSource = QStringLiteral(MAILTOPO_SOURCE_DIR);

QByteArray exampleDesign() {
    QFile file(kSource + QStringLiteral("/resources/examples/single-server.mailtopo"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

// One bad input: how to make it in a folder, and what the refusal must say.
struct BadInput {
    const char* name;
    const char* expected;  // a phrase of the message
    void (*make)(const QString& path);
};

void makeNothing(const QString&) {}
void makeFolder(const QString& path) {
    QVERIFY(QDir().mkpath(path));
}
void makeFifo(const QString& path) {
    QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
}
void makeDevice(const QString& path) {
    QVERIFY(QFile::link(QStringLiteral("/dev/zero"), path));  // endless, and not a file
}
void makeDangling(const QString& path) {
    QVERIFY(QFile::link(path + QStringLiteral(".gone"), path));
}
void makeLoop(const QString& path) {
    QVERIFY(QFile::link(path, path));
}
void makeTooLarge(const QString& path) {
    writeBytes(path, QByteArray(2 * kInputLimit, ' '));
}
void makeBinary(const QString& path) {
    static const char kBytes[] = "\0\x01\x02\xff\xfe binary";
    writeBytes(path, QByteArray(kBytes, sizeof kBytes - 1));
}
void makeUtf16(const QString& path) {
    const QString text = QString::fromUtf8(exampleDesign());
    writeBytes(path, QByteArray(reinterpret_cast<const char*>(text.utf16()), text.size() * 2));
}
void makeTrailingNuls(const QString& path) {
    writeBytes(path, exampleDesign() + QByteArray(16, '\0'));
}
void makeHugeInteger(const QString& path) {
    QByteArray text = exampleDesign();
    text.replace("\"version\": 2,", "\"version\": 123456789012345678901234567890,");
    writeBytes(path, text);
}

// Every way a design input can be wrong.
const BadInput kBadDesigns[] = {
    {"missing", "no such file", makeNothing},
    {"folder", "is a folder", makeFolder},
    {"fifo", "not a regular file", makeFifo},
    {"device", "not a regular file", makeDevice},
    {"dangling link", "leads nowhere", makeDangling},
    {"link loop", "leads nowhere", makeLoop},
    {"too large", "are refused", makeTooLarge},
    {"binary", "NUL byte", makeBinary},
    {"utf-16", "UTF-16LE", makeUtf16},
    {"trailing NULs", "NUL byte", makeTrailingNuls},
    {"huge integer", "too large", makeHugeInteger},
};

const BadInput& badInput(const QString& name) {
    for (const BadInput& bad : kBadDesigns)
        if (name == QLatin1String(bad.name))
            return bad;
    qFatal("no bad input named %s", qPrintable(name));
}

// One row per named bad input, in an "input" column of its index in kBadDesigns.
void addBadInputRows(std::initializer_list<const char*> names) {
    QTest::addColumn<int>("input");
    for (const char* name : names)
        QTest::newRow(name) << static_cast<int>(&badInput(QString::fromLatin1(name)) - kBadDesigns);
}

// Every command that reads a design. %F is the input, %O the stem of an output.
const char* const kDesignCommands[] = {
    "validate %F",
    "format %F -o %O.mailtopo",
    "format %F --check",
    "trace %F --all-flows",
    "report %F -o %O.pdf",
    "export %F -o %O.svg",
    "dns-check %F",
    "edit %F --set design:name=x -o %O.mailtopo",
    "spf example.com --ip 192.0.2.1 --design %F",
    "import --merge %F %Z -o %O.mailtopo",
};

QStringList argumentsOf(const char* command, const QString& input, const QString& zone) {
    QStringList args;
    for (const QString& word : QString::fromLatin1(command).split(QLatin1Char(' '))) {
        QString arg = word;
        arg.replace(QStringLiteral("%F"), input);
        arg.replace(QStringLiteral("%O"), QStringLiteral("out"));
        arg.replace(QStringLiteral("%Z"), zone);
        args << arg;
    }
    return args;
}

QStringList entriesOf(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

RunLimits limits() {
    RunLimits limits;
    limits.wallMs = kWallMs;
    limits.env.emplace_back("MAILTOPO_MAX_INPUT_BYTES", QByteArray::number(kInputLimit));
    limits.env.emplace_back("QT_QPA_PLATFORM", "offscreen");
    return limits;
}

QString describe(const BoundedRun& run) {
    return QStringLiteral("exit %1, signal %2, %3 ms, peak %4 MiB%5\nstderr: %6")
        .arg(run.exitCode)
        .arg(run.signal)
        .arg(run.milliseconds)
        .arg(run.peakKb / 1024)
        .arg(run.timedOut ? QStringLiteral(", TIMED OUT") : QString())
        .arg(QString::fromUtf8(run.err.left(600)));
}

// In time, within memory, not crashed.
void verifyBounded(const BoundedRun& run) {
    QVERIFY2(!run.timedOut, qPrintable(describe(run)));
    QVERIFY2(run.signal == 0, qPrintable(describe(run)));
    QVERIFY2(run.peakKb <= kPeakKb, qPrintable(describe(run)));
}

// Refused as the promise says: exit 2, the file and the cause named, nothing left behind.
void verifyRefused(const BoundedRun& run, const QString& file, const char* expected,
                   const QString& dir, const QStringList& before) {
    verifyBounded(run);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(expected), qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QFile::encodeName(file)), qPrintable(describe(run)));
    QCOMPARE(entriesOf(dir), before);
}

}  // namespace

class TestBadInputs : public QObject {
    Q_OBJECT

private slots:
    void designInputs_data();
    void designInputs();
    void zoneInputs_data();
    void zoneInputs();
    void exportInputs_data();
    void exportInputs();
    void brokenLinkInAnExportFolderIsSkipped();
    void standardInputHasTheSameLimit();
    void hugeTextsAreRefusedOrCapped_data();
    void hugeTextsAreRefusedOrCapped();
    void emptyOutputPaths_data();
    void emptyOutputPaths();
    void fullDiskLeavesNothing_data();
    void fullDiskLeavesNothing();
    void guiOpensBadInputsWithoutCrashing_data();
    void guiOpensBadInputsWithoutCrashing();
    void guiHelpAndVersionNeedNoDisplay();
};

void TestBadInputs::designInputs_data() {
    QTest::addColumn<int>("input");
    QTest::addColumn<QString>("command");
    for (size_t i = 0; i < std::size(kBadDesigns); ++i)
        for (const char* command : kDesignCommands)
            QTest::addRow("%s: %s", kBadDesigns[i].name, command)
                << static_cast<int>(i) << QString::fromLatin1(command);
}

void TestBadInputs::designInputs() {
    QFETCH(int, input);
    QFETCH(QString, command);
    const BadInput& bad = kBadDesigns[input];
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = QStringLiteral("bad.mailtopo");
    bad.make(dir.filePath(file));
    writeBytes(dir.filePath(QStringLiteral("ok.zone")),
               "$ORIGIN ok.example.\n@ 300 IN SOA ns h 1 2 3 4 5\n");
    const QStringList before = entriesOf(dir.path());
    const BoundedRun run = runBounded(
        kCli, argumentsOf(command.toLatin1().constData(), file, QStringLiteral("ok.zone")),
        dir.path(), limits());
    verifyRefused(run, file, bad.expected, dir.path(), before);
}

void TestBadInputs::zoneInputs_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("kind");  // "bytes", or a BadInput name
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("command");
    const QByteArray longTxt = "$ORIGIN t.example.\n@ 300 IN SOA ns h 1 2 3 4 5\nbig IN TXT " +
                               QByteArray("\"") + QByteArray(250, 'a') + "\" " + QByteArray("\"") +
                               QByteArray(250, 'a') + "\" ";
    QByteArray txt = longTxt;
    while (txt.size() < 70000)
        txt += "\"" + QByteArray(250, 'b') + "\" ";
    txt += "\n";
    struct Row {
        const char* name;
        QByteArray content;
        const char* kind;
        const char* expected;
    };
    const Row rows[] = {
        {"fifo", {}, "fifo", "not a regular file"},
        {"device", {}, "device", "not a regular file"},
        {"folder", {}, "folder", "is a folder"},
        {"too large", {}, "too large", "are refused"},
        {"binary", QByteArray("\0\x01 binary", 9), "bytes", ":1: is not a zone file"},
        {"TXT over 65,535", txt, "bytes", ":3: a record written in more than 65,535"},
        {"bad address", "$ORIGIN t.example.\nmail IN A 192.0.2.999\n", "bytes",
         ":2:11: Syntax error, could not parse the RR's rdata: \"192.0.2.999\""},
    };
    for (const char* command :
         {"spf t.example --ip 192.0.2.1 --zone %F", "import %F -o %O.mailtopo"})
        for (const Row& row : rows) {
            // import reads a folder as a folder of exports: finding none in it is its refusal.
            const bool folderOfExports =
                qstrcmp(row.kind, "folder") == 0 && qstrncmp(command, "import", 6) == 0;
            QTest::addRow("%s: %s", row.name, command)
                << row.content << QString::fromLatin1(row.kind)
                << QString::fromLatin1(folderOfExports ? "or zone files found in" : row.expected)
                << QString::fromLatin1(command);
        }
}

void TestBadInputs::zoneInputs() {
    QFETCH(QByteArray, content);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QFETCH(QString, command);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = QStringLiteral("t.example.zone");
    if (kind == QLatin1String("bytes"))
        writeBytes(dir.filePath(file), content);
    else
        badInput(kind).make(dir.filePath(file));
    const QStringList before = entriesOf(dir.path());
    const BoundedRun run = runBounded(kCli, argumentsOf(command.toLatin1().constData(), file, {}),
                                      dir.path(), limits());
    verifyRefused(run, file, expected.toUtf8().constData(), dir.path(), before);
}

void TestBadInputs::exportInputs_data() {
    addBadInputRows({"fifo", "device", "too large", "binary", "dangling link"});
}

void TestBadInputs::exportInputs() {
    QFETCH(int, input);
    const BadInput& bad = kBadDesigns[input];
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = QStringLiteral("get-accepteddomain.json");
    bad.make(dir.filePath(file));
    const QStringList before = entriesOf(dir.path());
    const BoundedRun run = runBounded(
        kCli,
        {QStringLiteral("import"), file, QStringLiteral("-o"), QStringLiteral("out.mailtopo")},
        dir.path(), limits());
    verifyBounded(run);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QFile::encodeName(file)) || run.out.contains(QFile::encodeName(file)),
             qPrintable(describe(run)));
    QCOMPARE(entriesOf(dir.path()), before);
}

// One link to nothing in an export folder is named in the log and the rest is imported.
void TestBadInputs::brokenLinkInAnExportFolderIsSkipped() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("exports"))));
    QVERIFY(QFile::copy(kSource + QStringLiteral("/tests/core/io/powershell/data/"
                                                 "ems.single-object.get-accepteddomain.json"),
                        dir.filePath(QStringLiteral("exports/get-accepteddomain.json"))));
    makeDangling(dir.filePath(QStringLiteral("exports/get-sendconnector.json")));
    makeLoop(dir.filePath(QStringLiteral("exports/loop.json")));
    const BoundedRun run = runBounded(kCli,
                                      {QStringLiteral("import"), QStringLiteral("exports"),
                                       QStringLiteral("-o"), QStringLiteral("out.mailtopo")},
                                      dir.path(), limits());
    verifyBounded(run);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains("get-sendconnector.json: a symbolic link that leads nowhere"),
             run.out.constData());
    QVERIFY2(run.out.contains("loop.json: a symbolic link that leads nowhere"),
             run.out.constData());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("out.mailtopo"))));
}

void TestBadInputs::standardInputHasTheSameLimit() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    makeTooLarge(dir.filePath(QStringLiteral("large")));
    RunLimits tooMuch = limits();
    tooMuch.stdinPath = dir.filePath(QStringLiteral("large"));
    BoundedRun run =
        runBounded(kCli, {QStringLiteral("validate"), QStringLiteral("-")}, dir.path(), tooMuch);
    verifyBounded(run);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains("-: more than 1 MiB; larger inputs are refused"),
             qPrintable(describe(run)));
    // Within the limit, standard input is a design like any other.
    writeBytes(dir.filePath(QStringLiteral("ok.mailtopo")), exampleDesign());
    RunLimits fine = limits();
    fine.stdinPath = dir.filePath(QStringLiteral("ok.mailtopo"));
    run = runBounded(kCli, {QStringLiteral("format"), QStringLiteral("-")}, dir.path(), fine);
    verifyBounded(run);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.startsWith("{"));
}

void TestBadInputs::hugeTextsAreRefusedOrCapped_data() {
    QTest::addColumn<int>("nameBytes");
    QTest::addColumn<QString>("command");
    for (const char* command : {"validate in.mailtopo", "trace in.mailtopo --all-flows",
                                "report in.mailtopo -o out.pdf", "export in.mailtopo -o out.svg"}) {
        QTest::addRow("1 MiB name: %s", command) << 1024 * 1024 << QString::fromLatin1(command);
        QTest::addRow("3 MB name: %s", command) << 3000000 << QString::fromLatin1(command);
    }
}

// A name at the limit of one value (1 MiB) goes through every command in bounded time and
// memory (reports and cards cap what they draw); one beyond it is refused at its place.
void TestBadInputs::hugeTextsAreRefusedOrCapped() {
    QFETCH(int, nameBytes);
    QFETCH(QString, command);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray text = exampleDesign();
    QVERIFY(text.contains("\"MAIL01\""));
    text.replace("\"MAIL01\"", "\"" + QByteArray(nameBytes, 'M') + "\"");
    writeBytes(dir.filePath(QStringLiteral("in.mailtopo")), text);
    RunLimits big = limits();
    big.env.front().second = QByteArray::number(16 * kInputLimit);
    const BoundedRun run = runBounded(kCli, command.split(QLatin1Char(' ')), dir.path(), big);
    verifyBounded(run);
    if (nameBytes > 1024 * 1024) {
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2(run.err.contains("a text of 3,000,000 bytes; one value holds at most 1 MiB"),
                 qPrintable(describe(run)));
    } else {
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(describe(run)));
    }
}

void TestBadInputs::emptyOutputPaths_data() {
    QTest::addColumn<QString>("command");
    for (const char* command :
         {"format %F -o ", "generate --servers 2 -o ", "new -o ", "edit %F --set design:name=x -o ",
          "report %F -o ", "export %F -o ", "import %Z -o out.mailtopo --log "})
        QTest::newRow(command) << QString::fromLatin1(command);
}

void TestBadInputs::emptyOutputPaths() {
    QFETCH(QString, command);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeBytes(dir.filePath(QStringLiteral("in.mailtopo")), exampleDesign());
    writeBytes(dir.filePath(QStringLiteral("ok.zone")),
               "$ORIGIN ok.example.\n@ 300 IN SOA ns h 1 2 3 4 5\n");
    const QStringList before = entriesOf(dir.path());
    // The last word is the empty path.
    const BoundedRun run =
        runBounded(kCli,
                   argumentsOf(command.toLatin1().constData(), QStringLiteral("in.mailtopo"),
                               QStringLiteral("ok.zone")),
                   dir.path(), limits());
    verifyBounded(run);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains("the path is empty"), qPrintable(describe(run)));
    QStringList after = entriesOf(dir.path());
    after.removeAll(QStringLiteral("out.mailtopo"));  // import writes its design, not its log
    QCOMPARE(after, before);
}

void TestBadInputs::fullDiskLeavesNothing_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("output");
    QTest::newRow("format") << "format in.mailtopo -o out.mailtopo"
                            << "out.mailtopo";
    QTest::newRow("generate") << "generate --servers 40 -o out.mailtopo"
                              << "out.mailtopo";
    QTest::newRow("edit") << "edit in.mailtopo --set design:name=x -o out.mailtopo"
                          << "out.mailtopo";
    QTest::newRow("report") << "report in.mailtopo -o out.pdf"
                            << "out.pdf";
    QTest::newRow("export svg") << "export in.mailtopo -o out.svg"
                                << "out.svg";
    QTest::newRow("export png") << "export in.mailtopo -o out.png"
                                << "out.png";
}

// RLIMIT_FSIZE makes every write past 2 KiB fail (EFBIG), as a full disk fails (ENOSPC):
// the command says so, exits 2 and leaves neither the output nor a temporary file.
void TestBadInputs::fullDiskLeavesNothing() {
    QFETCH(QString, command);
    QFETCH(QString, output);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeBytes(dir.filePath(QStringLiteral("in.mailtopo")), exampleDesign());
    const QStringList before = entriesOf(dir.path());
    RunLimits full = limits();
    full.fileSizeLimit = 2048;
    const BoundedRun run = runBounded(kCli, command.split(QLatin1Char(' ')), dir.path(), full);
    verifyBounded(run);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(output.toUtf8()), qPrintable(describe(run)));
    QVERIFY2(run.err.contains("File too large"), qPrintable(describe(run)));
    QCOMPARE(entriesOf(dir.path()), before);
}

void TestBadInputs::guiOpensBadInputsWithoutCrashing_data() {
    addBadInputRows({"fifo", "device", "folder", "too large", "binary", "utf-16"});
}

// The GUI opens what it is given, says why it cannot, and goes on (here: to its screenshot).
void TestBadInputs::guiOpensBadInputsWithoutCrashing() {
    QFETCH(int, input);
    const BadInput& bad = kBadDesigns[input];
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    bad.make(dir.filePath(QStringLiteral("bad.mailtopo")));
    RunLimits gui = limits();
    // A home of its own: no recent files, settings or recovery of the user's are touched.
    gui.env.emplace_back("HOME", QFile::encodeName(dir.path()));
    gui.env.emplace_back("XDG_CONFIG_HOME", QFile::encodeName(dir.filePath(QStringLiteral("cfg"))));
    gui.env.emplace_back("XDG_DATA_HOME", QFile::encodeName(dir.filePath(QStringLiteral("data"))));
    const BoundedRun run = runBounded(kGui,
                                      {QStringLiteral("--screenshot"), QStringLiteral("shot.png"),
                                       QStringLiteral("bad.mailtopo")},
                                      dir.path(), gui);
    verifyBounded(run);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));  // as the CLI: unreadable input
    QVERIFY2(run.err.contains(bad.expected), qPrintable(describe(run)));
    QVERIFY2(run.err.contains("bad.mailtopo could not be opened"), qPrintable(describe(run)));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("shot.png"))));
}

// On a build server or over ssh there is no display: --help and --version still answer.
void TestBadInputs::guiHelpAndVersionNeedNoDisplay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunLimits headless;
    headless.wallMs = kWallMs;
    headless.unsetEnv = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"};
    BoundedRun run = runBounded(kGui, {QStringLiteral("--help")}, dir.path(), headless);
    verifyBounded(run);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.contains("Usage:"));
    run = runBounded(kGui, {QStringLiteral("--version")}, dir.path(), headless);
    verifyBounded(run);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.contains("MailTopo"));
    // A window cannot be opened: said so, exit 2, no crash in Qt's platform start-up.
    run = runBounded(kGui, {}, dir.path(), headless);
    verifyBounded(run);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY(run.err.contains("no display"));
}

QTEST_GUILESS_MAIN(TestBadInputs)
#include "tst_bad_inputs.moc"
