// The scene and the design tree after an edit, undo or redo are updated in place, never
// rebuilt: a seeded random run of edits, undos and redos on the example and on a generated
// estate compares, after every step, the updated scene (cards, bands, links, what each
// card says, where it is, its finding mark) and tree with those built afresh from the
// same design; and edit, undo, redo, paste, import and auto-layout build nothing afresh.
// The Trace form, which follows changes lazily, still offers what was just drawn.

#include <QComboBox>
#include <QMimeData>
#include <QTreeWidget>
#include <QtTest>
#include <memory>
#include <random>

#include "core/edit/design_edits.h"
#include "core/edit/element_palette.h"
#include "core/edit/property_edit.h"
#include "core/edit/sub_elements.h"
#include "core/io/design_file.h"
#include "core/model/synthetic_estate.h"
#include "tests/support/scenario.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/trace_dialog.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

model::Design contoso() {
    return mailtopo::testing::loadExample("contoso");
}

// Everything a person sees of a scene, one line per item, sorted.
QStringList describeScene(const DiagramScene& scene) {
    QStringList lines;
    for (const CardItem* card : scene.cards()) {
        QStringList text{card->content().title, card->content().subtitle};
        for (const CardSection& section : card->content().sections) {
            text << section.heading;
            for (const CardLine& line : section.lines)
                text << line.text << line.trailing;
        }
        const QRectF at = card->sceneCardRect();
        lines << QStringLiteral("card %1 at %2,%3 %4x%5 mark %6 | %7")
                     .arg(card->elementId())
                     .arg(at.x())
                     .arg(at.y())
                     .arg(at.width())
                     .arg(at.height())
                     .arg(card->mark().name(), text.join(QLatin1Char('|')));
    }
    for (const SegmentItem* band : scene.segments()) {
        const QRectF at = band->sceneBandRect();
        lines << QStringLiteral("band %1 %2 at %3,%4 %5x%6 mark %7")
                     .arg(band->segmentId(), band->title())
                     .arg(at.x())
                     .arg(at.y())
                     .arg(at.width())
                     .arg(at.height())
                     .arg(band->mark().name());
    }
    // Links by what they join: an update keeps routes a fresh layout might draw otherwise.
    for (const LinkItem* link : scene.links()) {
        lines << QStringLiteral("link %1 %2 %3")
                     .arg(link->cardId(), link->interfaceId(), link->segmentId());
    }
    lines.sort();
    return lines;
}

QStringList describeTree(const DesignTreeDock& dock) {
    QStringList lines;
    QTreeWidget* tree = dock.tree();
    for (int c = 0; c < tree->topLevelItemCount(); ++c) {
        const QTreeWidgetItem* category = tree->topLevelItem(c);
        lines << category->text(0) + QLatin1Char('|') + category->text(1);
        for (int r = 0; r < category->childCount(); ++r) {
            const QTreeWidgetItem* row = category->child(r);
            lines << QStringLiteral("  %1|%2|%3")
                         .arg(row->data(0, DesignTreeDock::kIdRole).toString(), row->text(0),
                              row->text(1));
        }
    }
    return lines;
}

// One random change of the design, as the editor makes them; a short name for messages.
QString randomEdit(model::Design& design, std::mt19937& random, int step) {
    const auto pick = [&](std::size_t size) { return std::size_t(random() % size); };
    const std::string view = design.views.empty() ? std::string() : design.views.front().id;
    switch (random() % 7) {
        case 0: {
            const model::Host& host = design.hosts[pick(design.hosts.size())];
            const std::string id = host.id;
            edit::renameElement(design, id, "Renamed " + std::to_string(step));
            return QStringLiteral("rename host ") + QString::fromStdString(id);
        }
        case 1: {
            const std::string id = design.segments[pick(design.segments.size())].id;
            edit::renameElement(design, id, "Segment " + std::to_string(step));
            return QStringLiteral("rename segment ") + QString::fromStdString(id);
        }
        case 2: {
            const std::string id = design.hosts[pick(design.hosts.size())].id;
            const std::string v = edit::ensureView(design, view);
            edit::setPlacements(
                design, v, {{id, model::Placement{double(40 * pick(30)), double(40 * pick(30))}}});
            return QStringLiteral("move ") + QString::fromStdString(id);
        }
        case 3: {
            const char* keys[] = {"internet-sender", "application-client", "firewall",
                                  "load-balancer", "lan"};
            const char* key = keys[pick(std::size(keys))];
            edit::addElement(design, key, view,
                             model::Placement{double(40 * pick(40)), double(40 * pick(40))});
            return QStringLiteral("add ") + QLatin1String(key);
        }
        case 4: {
            const std::string id = design.hosts[pick(design.hosts.size())].id;
            edit::removeElements(design, {id});
            return QStringLiteral("remove ") + QString::fromStdString(id);
        }
        case 5: {
            const std::string host = design.hosts[pick(design.hosts.size())].id;
            const std::string segment = design.segments[pick(design.segments.size())].id;
            edit::connectToSegment(design, host, segment);
            return QStringLiteral("connect %1 to %2")
                .arg(QString::fromStdString(host), QString::fromStdString(segment));
        }
        default: {
            if (design.receiveConnectors.empty())
                return QStringLiteral("nothing");
            const std::string id =
                design.receiveConnectors[pick(design.receiveConnectors.size())].id;
            edit::removeElements(design, {id});
            return QStringLiteral("remove connector ") + QString::fromStdString(id);
        }
    }
}

void runRandomSteps(const model::Design& start, unsigned seed, int steps) {
    DesignDocument document;
    document.reset(start, QString());
    DiagramScene scene(&document);
    DesignTreeDock tree;
    tree.populate(document.design());
    QObject::connect(
        &document, &DesignDocument::designChanged, &tree,
        [&](const edit::ChangeSet& changes) { tree.update(document.design(), changes); });
    // Findings naming a few elements (a server, a connector it holds, a segment): their
    // marks must stay on the items that replace the marked ones.
    std::vector<analysis::Finding> findings(3);
    findings[0].elements = {start.hosts.front().id};
    findings[1].severity = analysis::Severity::Warning;
    findings[1].elements = {start.receiveConnectors.empty() ? start.hosts.back().id
                                                            : start.receiveConnectors.front().id};
    findings[2].severity = analysis::Severity::Info;
    findings[2].elements = {start.segments.front().id};
    scene.setMarks(findings);
    const int rebuildsAtStart = scene.fullRebuildCount();
    std::mt19937 random(seed);
    for (int step = 0; step < steps; ++step) {
        QString what;
        const unsigned dice = random() % 10;
        if (dice < 2 && document.undoStack()->canUndo()) {
            what = QStringLiteral("undo");
            document.undoStack()->undo();
        } else if (dice < 3 && document.undoStack()->canRedo()) {
            what = QStringLiteral("redo");
            document.undoStack()->redo();
        } else {
            model::Design after = document.design();
            if (after.hosts.empty() || after.segments.empty())
                break;
            what = randomEdit(after, random, step);
            document.applyChange(what, std::move(after));
        }
        DesignDocument freshDocument;
        freshDocument.reset(document.design(), QString());
        DiagramScene fresh(&freshDocument);
        fresh.setMarks(findings);
        const QStringList updated = describeScene(scene);
        const QStringList built = describeScene(fresh);
        if (updated != built) {
            for (qsizetype i = 0; i < std::max(updated.size(), built.size()); ++i) {
                if (updated.value(i) != built.value(i)) {
                    qWarning("step %d (%s): updated '%s' but built '%s'", step, qPrintable(what),
                             qPrintable(updated.value(i)), qPrintable(built.value(i)));
                    break;
                }
            }
        }
        QVERIFY2(updated == built,
                 qPrintable(QStringLiteral("scene after step %1: %2").arg(step).arg(what)));
        DesignTreeDock freshTree;
        freshTree.populate(document.design());
        QVERIFY2(describeTree(tree) == describeTree(freshTree),
                 qPrintable(QStringLiteral("tree after step %1: %2").arg(step).arg(what)));
    }
    QCOMPARE(scene.fullRebuildCount(), rebuildsAtStart);
}

}  // namespace

class TstSceneIncremental : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void exampleEditsUndosAndRedosEqualAFreshScene() { runRandomSteps(contoso(), 15, 80); }

    // Nothing placed: the automatic (layered) layout, laid out afresh on each change.
    void unplacedExampleEqualsAFreshScene() {
        model::Design design = contoso();
        design.views.clear();
        runRandomSteps(design, 16, 30);
    }

    void generatedEstateEqualsAFreshScene() {
        model::EstateParameters parameters;
        parameters.servers = 30;
        runRandomSteps(model::generateEstate(parameters), 17, 40);
    }

    // The window's own paths: an edit, undo, redo, paste, import and auto-layout update the
    // scene; only opening builds it.
    void noChangeRebuildsTheScene() {
        MainWindow window(MainWindowOptions::unattended());
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openFile(
            QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo")));
        DiagramScene* scene = window.scene();
        const int opened = scene->fullRebuildCount();
        DiagramEditor* editor = window.editActions()->editor();
        QVERIFY(editor->rename(QStringLiteral("ex2016a"), QStringLiteral("EX2016-A")));
        QVERIFY(
            !editor->addElement(QStringLiteral("internet-sender"), QPointF(900, 900)).isEmpty());
        QVERIFY(editor->moveElements({{QStringLiteral("ex2016b"), QPointF(80, 640)}}));
        std::unique_ptr<QMimeData> copied(editor->copy({QStringLiteral("ex2016b")}));
        QVERIFY(copied != nullptr);
        QString error;
        QVERIFY(!editor->paste(copied.get(), QPointF(1200, 200), &error).isEmpty());
        QVERIFY(editor->autoLayout({}));
        window.document()->undoStack()->undo();
        window.document()->undoStack()->undo();
        window.document()->undoStack()->redo();
        const auto imported = window.importPaths(
            {QStringLiteral(MAILTOPO_SHARED_DIR
                            "/formats/samples/get-exchangeserver.ems.depth2.ps51.json"),
             QStringLiteral(MAILTOPO_SHARED_DIR
                            "/formats/samples/get-receiveconnector.ems.depth3.ps51.json")});
        QVERIFY2(imported.ok, qPrintable(imported.errors.join(QLatin1Char('\n'))));
        QCOMPARE(scene->fullRebuildCount(), opened);
        // Opening again (a new design) builds it.
        QVERIFY(window.openFile(
            QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo")));
        QCOMPARE(scene->fullRebuildCount(), opened + 1);
    }

    // The Trace form refills its lists only when open; preset while closed (Trace from
    // here… on a host just drawn), it must still offer that host.
    void theTraceFormOffersAHostDrawnWhileItWasClosed() {
        MainWindow window(MainWindowOptions::unattended());
        window.show();
        QVERIFY(window.openFile(
            QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo")));
        TraceDialog* dialog = window.openTraceDialog(QStringLiteral("erp01"));
        QVERIFY(dialog != nullptr);
        dialog->hide();
        const QString added = window.editActions()->editor()->addElement(
            QStringLiteral("internet-sender"), QPointF(900, 900));
        QVERIFY(!added.isEmpty());
        QCOMPARE(window.openTraceDialog(added), dialog);
        QCOMPARE(dialog->sourceBox()->currentData().toString(), added);
    }
};

QTEST_MAIN(TstSceneIncremental)
#include "tst_scene_incremental.moc"
