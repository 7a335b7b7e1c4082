// The PDF report and the diagram export as their readers get them: `mailtopo-cli report`
// on the example designs and on scenarios with findings of every kind, read back with
// poppler (pdftotext: every finding's title and remediation is in it; pdfinfo: the page
// count and paper; pdftoppm: every page renders and is not blank) and qpdf (the bookmarks).
// The layout itself is tested in process: tables continue on new pages, the contents and
// the outline point at the pages their headings are on.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "core/analysis/simulation_checks.h"
#include "core/io/design_file.h"
#include "tests/support/process_run.h"
#include "ui/document/element_text.h"
#include "ui/report/pdf_outline.h"
#include "ui/report/report_builder.h"
#include "ui/report/report_layout.h"
#include "ui/report/report_writer.h"

using namespace mailtopo;
using ui::report::ReportLayout;

namespace {

using Run = mailtopo::testing::ProcessRun;

Run run(const QString& program, const QStringList& args) {
    return mailtopo::testing::runProcess(program, args, QStringLiteral(MAILTOPO_SOURCE_DIR));
}

Run cli(const QStringList& args) {
    return run(QStringLiteral(MAILTOPO_CLI_PATH), args);
}

// Text compared without any whitespace: the report wraps titles, messages and commands
// wherever the column ends.
QString squeezed(QString text) {
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return text.remove(space);
}

QString source(const QString& relative) {
    return QStringLiteral(MAILTOPO_SOURCE_DIR "/") + relative;
}

int pdfPages(const QString& pdf) {
    const Run info = run(QStringLiteral("pdfinfo"), {pdf});
    const auto match =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(info.out));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

}  // namespace

class TstReport : public QObject {
    Q_OBJECT

private slots:
    void reportOfDesign_data() {
        QTest::addColumn<QString>("design");
        QTest::newRow("contoso") << QStringLiteral("resources/examples/contoso.mailtopo");
        QTest::newRow("single-server")
            << QStringLiteral("resources/examples/single-server.mailtopo");
        // Scenarios with traces through SNAT and a gateway (E6, E8), an asymmetric DSR path
        // (E11) and DNS findings with SPF trees (E17).
        QTest::newRow("E6") << QStringLiteral(
            "tests/scenarios/e06-snat-internal-open-relay.mailtopo");
        QTest::newRow("E8") << QStringLiteral(
            "tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo");
        QTest::newRow("E11") << QStringLiteral(
            "tests/scenarios/e11-dsr-reply-bypasses-firewall.mailtopo");
        QTest::newRow("E17") << QStringLiteral(
            "tests/scenarios/e17-source-drift-breaks-spf.mailtopo");
    }

    void reportOfDesign() {
        QFETCH(QString, design);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        const Run r = cli({QStringLiteral("report"), design, QStringLiteral("-o"), pdf});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.isEmpty());
        const auto said =
            QRegularExpression(QStringLiteral("(\\d+) pages")).match(QString::fromUtf8(r.out));
        QVERIFY(said.hasMatch());

        // Page count: what the CLI said, what the PDF holds, and sane for a small design.
        const int pages = pdfPages(pdf);
        QCOMPARE(pages, said.captured(1).toInt());
        QVERIFY2(pages >= 6 && pages <= 120, qPrintable(QString::number(pages)));

        // Every finding's title and remediation is in the text.
        const io::ParsedDesign parsed = io::loadDesignFile(source(design).toStdString());
        QVERIFY(parsed.ok());
        const auto findings = analysis::validateDesign(*parsed.design);
        const Run text = run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QCOMPARE(text.exitCode, 0);
        const QString body = squeezed(QString::fromUtf8(text.out));
        for (const auto& f : findings) {
            QVERIFY2(body.contains(squeezed(QString::fromStdString(f.title))), f.title.c_str());
            QVERIFY2(body.contains(squeezed(QString::fromStdString(f.remediation))),
                     f.remediation.c_str());
        }
        QVERIFY(body.contains(squeezed(ui::report::verdictLine(findings))));
        for (const char* section :
             {"Contents", "Summary", "Topology diagram", "Findings", "DNS and SPF", "Inventory"})
            QVERIFY2(body.contains(squeezed(QLatin1String(section))), section);

        // Bookmarks: the contents and every section.
        const auto bookmarks = ui::report::topLevelBookmarks(pdf);
        const std::vector<std::string> expected{
            "Contents",    "1  Summary",     "2  Topology diagram",
            "3  Findings", "4  DNS and SPF", "Appendix A  Inventory"};
        QCOMPARE(bookmarks, expected);

        // Every page renders, and none is blank.
        const Run png = run(QStringLiteral("pdftoppm"),
                            {QStringLiteral("-r"), QStringLiteral("24"), QStringLiteral("-png"),
                             pdf, dir.filePath(QStringLiteral("page"))});
        QCOMPARE(png.exitCode, 0);
        const QStringList images =
            QDir(dir.path()).entryList({QStringLiteral("page*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(images.size(), pages);
        for (const QString& name : images) {
            const QImage image(dir.filePath(name));
            QVERIFY2(!image.isNull(), qPrintable(name));
            int inked = 0;
            for (int y = 0; y < image.height(); y += 2)
                for (int x = 0; x < image.width(); x += 2)
                    inked += qGray(image.pixel(x, y)) < 200 ? 1 : 0;
            QVERIFY2(inked > 20, qPrintable(name));
        }
    }

    void letterPaper() {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("letter.pdf"));
        const Run r = cli(
            {QStringLiteral("report"), QStringLiteral("resources/examples/single-server.mailtopo"),
             QStringLiteral("-o"), pdf, QStringLiteral("--paper"), QStringLiteral("letter")});
        QCOMPARE(r.exitCode, 0);
        const Run info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains("612 x 792 pts (letter)"), info.out.constData());
    }

    void unwritableReportKeepsNothing() {
        const Run r =
            cli({QStringLiteral("report"), QStringLiteral("resources/examples/contoso.mailtopo"),
                 QStringLiteral("-o"), QStringLiteral("/nonexistent-dir/report.pdf")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(
                     "/nonexistent-dir/report.pdf: the folder /nonexistent-dir does not exist"),
                 r.err.constData());
    }

    void malformedDesignNamesThePlace() {
        const Run r = cli({QStringLiteral("report"),
                           QStringLiteral("tests/data/malformed/bad-address.mailtopo"),
                           QStringLiteral("-o"), QStringLiteral("/tmp/never.pdf")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QRegularExpression(QStringLiteral("bad-address.mailtopo:\\d+:\\d+: "))
                     .match(QString::fromUtf8(r.err))
                     .hasMatch(),
                 r.err.constData());
    }

    void exportSvgAndPng() {
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("d.svg"));
        const QString png = dir.filePath(QStringLiteral("d.png"));
        QCOMPARE(
            cli({QStringLiteral("export"), QStringLiteral("resources/examples/contoso.mailtopo"),
                 QStringLiteral("-o"), svg})
                .exitCode,
            0);
        QCOMPARE(
            cli({QStringLiteral("export"), QStringLiteral("resources/examples/contoso.mailtopo"),
                 QStringLiteral("-o"), png, QStringLiteral("--no-findings")})
                .exitCode,
            0);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        // Vector text, not a picture of text: the server names are in the SVG.
        QVERIFY(text.contains("EX2016A") && text.contains("FW-EDGE"));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 400 && image.height() > 200);
    }

    // Megabytes of name and description (issue 17) are shown up to the cap, with a note of
    // how much is left out, in seconds: laid out whole, a 50 MB name took minutes and
    // gigabytes. Texts stay just under 1 MiB, the most one value of a design may hold; the
    // host's name is shorter, as its card's title is capped apart (tst_bad_inputs).
    void hugeTextsAreCutShort() {
        QFile example(source(QStringLiteral("resources/examples/single-server.mailtopo")));
        QVERIFY(example.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(example.readAll()).object();
        const qsizetype huge = 1024 * 1024 - 16;  // just under the most one value holds
        QJsonObject designInfo = doc.value(QStringLiteral("design")).toObject();
        designInfo.insert(QStringLiteral("name"), QStringLiteral("Huge ") + QString(huge, u'n'));
        const QString description = QStringLiteral("word ").repeated(huge / 5);
        designInfo.insert(QStringLiteral("description"), description);
        doc.insert(QStringLiteral("design"), designInfo);
        QJsonArray hosts = doc.value(QStringLiteral("hosts")).toArray();
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            QJsonObject host = hosts.at(i).toObject();
            if (host.value(QStringLiteral("id")).toString() == QLatin1String("mail01")) {
                host.insert(QStringLiteral("name"),
                            QStringLiteral("MAIL01-") + QString(30000, u'x'));
                hosts.replace(i, host);
            }
        }
        doc.insert(QStringLiteral("hosts"), hosts);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString design = dir.filePath(QStringLiteral("huge.mailtopo"));
        QFile out(design);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(doc).toJson());
        out.close();

        const QString pdf = dir.filePath(QStringLiteral("huge.pdf"));
        QElapsedTimer clock;
        clock.start();
        const Run r = cli({QStringLiteral("report"), design, QStringLiteral("-o"), pdf});
        const qint64 ms = clock.elapsed();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Before the cap: over 30 s here for the 2 MB name and description alone.
        QVERIFY2(ms < 20000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
        QVERIFY(QFileInfo(pdf).size() < 2 * 1024 * 1024);

        const Run text = run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.size() < 300 * 1024, qPrintable(QString::number(text.out.size())));
        const QString body = squeezed(QString::fromUtf8(text.out));
        const auto note = [](qsizetype more) {
            return QStringLiteral("… (%1 more characters not shown)")
                .arg(QLocale(QLocale::English).toString(more));
        };
        // The title (the cover's, the running title, the PDF's) keeps 200 characters of the
        // name; the cover's description 2,000; the host's name in a table cell 500.
        const Run info = run(QStringLiteral("pdfinfo"), {pdf});
        const QString title = QStringLiteral("Huge ") +
                              QString(ui::report::kShownTitleCharacters - 5, u'n') +
                              note(huge + 5 - ui::report::kShownTitleCharacters);
        QVERIFY2(QString::fromUtf8(info.out).contains(title), info.out.constData());
        for (const QString& shown : {note(description.size() - ui::report::kShownCharacters),
                                     note(30000 + 7 - ui::report::kShownCellCharacters)})
            QVERIFY2(body.contains(squeezed(shown)), qPrintable(shown));
        static const QRegularExpression longRun(
            QStringLiteral("[nx]{%1}").arg(ui::report::kShownCharacters + 1));
        QVERIFY(!body.contains(longRun));
    }

    // `shownText` cuts at the limit, never inside a surrogate pair, and counts what it left
    // out in characters.
    void shownTextCutsAtTheLimit() {
        using ui::text::shownText;
        QCOMPARE(shownText(QStringLiteral("short"), 5), QStringLiteral("short"));
        QCOMPARE(shownText(QStringLiteral("longer"), 5),
                 QStringLiteral("longe… (1 more character not shown)"));
        const QString emoji = QString::fromUtf8("ab\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
        QCOMPARE(shownText(emoji, 3), QString::fromUtf8("ab… (2 more characters not shown)"));
        QCOMPARE(shownText(QString(1234567 + 10, u'z'), 10),
                 QString(10, u'z') + QStringLiteral("… (1,234,567 more characters not shown)"));
    }

    // A long table continues on the next pages; every heading's bookmark and contents line
    // points at the page it is on.
    void layoutBreaksTablesAndIndexesHeadings() {
        ReportLayout layout(ui::report::Paper::A4, QStringLiteral("test"));
        layout.heading(1, QStringLiteral("1  Long table"));
        std::vector<ui::report::TableRow> rows;
        for (int i = 0; i < 300; ++i)
            rows.push_back({{QString::number(i), QStringLiteral("row %1").arg(i)}, {}});
        layout.table({{QStringLiteral("#"), 1}, {QStringLiteral("Text"), 4}}, rows);
        layout.heading(1, QStringLiteral("2  After"));
        layout.paragraph(QStringLiteral("end"));
        layout.finish();
        QVERIFY(layout.pageCount() >= 6);  // cover, contents, ≥3 table pages, the last section
        const auto& outline = layout.outline();
        QCOMPARE(outline.size(), size_t(3));
        QCOMPARE(outline[0].title, QStringLiteral("Contents"));
        QCOMPARE(outline[0].page, 1);
        QCOMPARE(outline[1].page, 2);                       // the first content page
        QCOMPARE(outline[2].page, layout.pageCount() - 1);  // a new page for a new section
        QCOMPARE(layout.contentsLinks().size(), size_t(2));
        QCOMPARE(layout.contentsLinks()[1].targetPage, layout.pageCount() - 1);
        const QImage page = ui::report::renderPage(layout, 3, 1.0);
        QCOMPARE(page.size(), QSize(595, 842));
    }
};

QTEST_MAIN(TstReport)
#include "tst_report.moc"
