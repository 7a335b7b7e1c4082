// The one walk over a design's elements: every element once, owners first, with the
// pointer, owner and label each whole-design pass relies on; and pointers described in a
// person's words.

#include <QtTest>
#include <set>

#include "core/io/design_file.h"
#include "core/model/element_walk.h"
#include "core/model/synthetic_estate.h"
#include "tests/support/scenario.h"

using namespace mailtopo;
using model::ElementKind;

namespace {

model::Design contoso() {
    return mailtopo::testing::loadExample("contoso");
}

const model::ElementRef* find(const std::vector<model::ElementRef>& refs, const std::string& id) {
    for (const auto& ref : refs) {
        if (ref.id == id)
            return &ref;
    }
    return nullptr;
}

}  // namespace

class TestElementWalk : public QObject {
    Q_OBJECT

private slots:
    void everyElementOnceOwnersFirst() {
        const model::Design d = model::generateEstate({4, 2, 1});
        const auto refs = model::allElements(d);
        std::set<std::string> seen;
        for (const auto& ref : refs) {
            QVERIFY2(seen.insert(ref.id).second, ref.id.c_str());
            if (!ref.owner.empty())
                QVERIFY2(seen.count(ref.owner), ("owner after " + ref.id).c_str());
        }
        // The walk and collectIds agree element for element.
        const auto ids = model::collectIds(d);
        QCOMPARE(ids.size(), refs.size());
        for (size_t i = 0; i < ids.size(); ++i) {
            QCOMPARE(ids[i].id, refs[i].id);
            QCOMPARE(ids[i].kind, refs[i].kind);
            QCOMPARE(ids[i].path, refs[i].pointer);
        }
    }

    void labelsArePeoplesNames() {
        const model::Design d = contoso();
        const auto refs = model::allElements(d);
        const auto* nic = find(refs, "ex2016a-mapi");
        QVERIFY(nic != nullptr);
        QCOMPARE(nic->kind, ElementKind::Nic);
        QCOMPARE(nic->owner, std::string("ex2016a"));
        QCOMPARE(nic->label, std::string("EX2016A NIC MAPI"));
        // Receive connectors as Exchange writes them: SERVER\Name.
        const auto* rc = find(refs, "rc-ex2010-default");
        QVERIFY(rc != nullptr);
        QCOMPARE(rc->label, std::string("EX2010\\Default EX2010"));
        QCOMPARE(rc->owner, std::string("ex2010"));
        QCOMPARE(model::elementLabel(d, "ad-contoso"), std::string("contoso.example"));
        QCOMPARE(model::elementLabel(d, "no-such-id"), std::string("no-such-id"));
    }

    void pointersInPeoplesWords() {
        const model::Design d = contoso();
        std::string rcPointer;
        for (const auto& ref : model::allElements(d)) {
            if (ref.id == "rc-ex2010-default")
                rcPointer = ref.pointer;
        }
        QCOMPARE(model::describePointer(d, rcPointer + "/remoteIpRanges/0"),
                 std::string("EX2010\\Default EX2010: remoteIpRanges, entry 1"));
        QCOMPARE(model::describePointer(d, rcPointer), std::string("EX2010\\Default EX2010"));
        // The deepest element wins: an address of a NIC names the NIC.
        QCOMPARE(model::describePointer(d, "/hosts/3/nics/0/addresses/1"),
                 std::string("EX2016A NIC MAPI: addresses, entry 2"));
        QCOMPARE(model::describePointer(d, "/organization/internalSmtpServers/0"),
                 std::string("organization: internalSmtpServers, entry 1"));
        QCOMPARE(model::describePointer(d, ""), std::string());
    }
};

QTEST_GUILESS_MAIN(TestElementWalk)
#include "tst_element_walk.moc"
