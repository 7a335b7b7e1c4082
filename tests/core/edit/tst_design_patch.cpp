// Undo records: a DesignPatch taken between two designs turns one into the other and back,
// exactly (element order, placements, properties), reports what it changed at the
// granularity the faces update, and keeps only what differs.

#include <QtTest>
#include <random>

#include "core/edit/design_edits.h"
#include "core/edit/design_patch.h"
#include "core/edit/element_palette.h"
#include "core/edit/property_edit.h"
#include "core/io/design_file.h"
#include "core/model/synthetic_estate.h"
#include "tests/support/scenario.h"

using namespace mailtopo;
using edit::ChangeSet;
using edit::DesignPatch;

namespace {

model::Design contoso() {
    return mailtopo::testing::loadExample("contoso");
}

// Patches `before` into `after` and back, checking each direction lands exactly.
DesignPatch roundTrip(const model::Design& before, const model::Design& after) {
    const DesignPatch patch = DesignPatch::between(before, after);
    model::Design design = before;
    patch.redo(design);
    if (!(design == after))
        qFatal("redo does not give the design after the change");
    patch.undo(design);
    if (!(design == before))
        qFatal("undo does not give the design before the change");
    return patch;
}

std::vector<model::Id> ids(std::initializer_list<const char*> list) {
    return {list.begin(), list.end()};
}

}  // namespace

class TstDesignPatch : public QObject {
    Q_OBJECT

private slots:
    void nothingChangedIsAnEmptyPatch() {
        const model::Design design = contoso();
        const DesignPatch patch = DesignPatch::between(design, design);
        QVERIFY(patch.empty());
        QVERIFY(patch.redoChanges().empty());
    }

    void aRenameIsOneChangedElement() {
        const model::Design before = contoso();
        model::Design after = before;
        QVERIFY(edit::renameElement(after, "ex2016a", "EX2016-A").ok);
        const DesignPatch patch = roundTrip(before, after);
        QVERIFY(!patch.empty());
        QCOMPARE(patch.redoChanges().changed, ids({"ex2016a"}));
        QVERIFY(patch.redoChanges().inserted.empty());
        QCOMPARE(patch.undoChanges().changed, ids({"ex2016a"}));
    }

    void anAddedElementIsInsertedAndPlaced() {
        const model::Design before = contoso();
        model::Design after = before;
        const auto added =
            edit::addElement(after, "internet-sender", {}, model::Placement{900, 40});
        QVERIFY(added.has_value());
        const DesignPatch patch = roundTrip(before, after);
        const ChangeSet redo = patch.redoChanges();
        QCOMPARE(redo.inserted, std::vector<model::Id>{added->id});
        QCOMPARE(redo.moved, std::vector<model::Id>{added->id});
        // Undone, the element goes and so does its placement.
        const ChangeSet undo = patch.undoChanges();
        QCOMPARE(undo.removed, std::vector<model::Id>{added->id});
        QCOMPARE(undo.moved, std::vector<model::Id>{added->id});
    }

    void aRemovalWithDependantsComesBackInPlace() {
        const model::Design before = contoso();
        model::Design after = before;
        const edit::RemovalSummary removal = edit::removeElements(after, {"ex2016a"});
        QVERIFY(removal.removed.size() > 1);  // its receive connectors go too
        const DesignPatch patch = roundTrip(before, after);
        const ChangeSet redo = patch.redoChanges();
        for (const model::Id& id : removal.removed)
            QVERIFY2(std::find(redo.removed.begin(), redo.removed.end(), id) != redo.removed.end(),
                     id.c_str());
        const ChangeSet undo = patch.undoChanges();
        QCOMPARE(undo.inserted.size(), redo.removed.size());
    }

    void aMoveIsOnlyAMove() {
        const model::Design before = contoso();
        model::Design after = before;
        const std::string view = edit::ensureView(after);
        edit::setPlacements(after, view, {{"ex2016b", model::Placement{12, 34}}});
        const DesignPatch patch = roundTrip(before, after);
        const ChangeSet redo = patch.redoChanges();
        QVERIFY(redo.changed.empty() && redo.inserted.empty() && redo.removed.empty());
        QCOMPARE(redo.moved, ids({"ex2016b"}));
    }

    void aReorderIsAChangeAndUndoesToTheSameOrder() {
        const model::Design before = contoso();
        QVERIFY(before.hosts.size() >= 2);
        model::Design after = before;
        std::swap(after.hosts[0], after.hosts[1]);
        const DesignPatch patch = roundTrip(before, after);
        const ChangeSet redo = patch.redoChanges();
        QVERIFY(redo.inserted.empty() && redo.removed.empty());
        // A reordered list is recorded whole (rare: a paste or import never reorders).
        for (const model::Host& host : before.hosts) {
            QVERIFY(std::find(redo.changed.begin(), redo.changed.end(), host.id) !=
                    redo.changed.end());
        }
    }

    void theDesignsOwnPropertiesAndOrganisation() {
        const model::Design before = contoso();
        model::Design after = before;
        after.info.description = "edited";
        after.organization.name = "Renamed Org";
        const ChangeSet redo = roundTrip(before, after).redoChanges();
        QCOMPARE(redo.changed, (std::vector<model::Id>{std::string(edit::kDesignId),
                                                       std::string(edit::kOrganizationId)}));
    }

    // Typing on in one field: the second keystroke's patch folds into the first, and one
    // undo goes back to before both. A change elsewhere does not fold in.
    void typingInOneFieldMergesIntoOneStep() {
        const model::Design start = contoso();
        model::Design first = start;
        QVERIFY(edit::renameElement(first, "ex2016a", "E").ok);
        model::Design second = first;
        QVERIFY(edit::renameElement(second, "ex2016a", "EX").ok);
        DesignPatch patch = DesignPatch::between(start, first);
        QVERIFY(patch.absorb(DesignPatch::between(first, second), second));
        model::Design design = second;
        patch.undo(design);
        QVERIFY(design == start);
        patch.redo(design);
        QVERIFY(design == second);

        model::Design elsewhere = second;
        QVERIFY(edit::renameElement(elsewhere, "ex2016b", "B").ok);
        QVERIFY(!patch.absorb(DesignPatch::between(second, elsewhere), elsewhere));
    }

    // A generated estate: a fixed-seed run of renames, moves, additions and removals, each
    // kept as a patch. Undoing them all gives the estate back, redoing them all the end.
    void randomEditsUndoAndRedoExactly() {
        model::EstateParameters parameters;
        parameters.servers = 40;
        const model::Design original = model::generateEstate(parameters);
        model::Design design = original;
        std::mt19937 random(20261207);
        std::vector<DesignPatch> history;
        for (int step = 0; step < 60; ++step) {
            const model::Design before = design;
            // mt19937's sequence is the same everywhere; a distribution's is not.
            const auto pick = [&](std::size_t size) { return std::size_t(random() % size); };
            switch (random() % 4) {
                case 0:
                    QVERIFY(edit::renameElement(design, design.hosts[pick(design.hosts.size())].id,
                                                "renamed-" + std::to_string(step))
                                .ok);
                    break;
                case 1: {
                    const std::string view = edit::ensureView(design);
                    edit::setPlacements(design, view,
                                        {{design.hosts[pick(design.hosts.size())].id,
                                          model::Placement{double(step * 10), double(step * 7)}}});
                    break;
                }
                case 2:
                    QVERIFY(edit::addElement(design, "internet-sender").has_value());
                    break;
                default:
                    edit::removeElements(design, {design.hosts[pick(design.hosts.size())].id});
                    break;
            }
            history.push_back(roundTrip(before, design));
        }
        const model::Design end = design;
        for (auto it = history.rbegin(); it != history.rend(); ++it)
            it->undo(design);
        QVERIFY(design == original);
        for (const DesignPatch& patch : history)
            patch.redo(design);
        QVERIFY(design == end);
    }
};

QTEST_GUILESS_MAIN(TstDesignPatch)
#include "tst_design_patch.moc"
