// JsonLocator: line and column as counting from the top gives them, and a locator limited to
// some pointers (what validate builds for its findings) places them, and whatever they fall
// back to, exactly where the full locator does.

#include <QtTest>
#include <string>
#include <vector>

#include "core/io/design_json.h"
#include "core/io/json_locator.h"
#include "core/model/synthetic_estate.h"

using namespace mailtopo;

namespace {

std::string estateText() {
    model::EstateParameters p;
    p.servers = 4;
    p.serversPerSite = 2;
    return io::serializeDesign(model::generateEstate(p));
}

bool samePosition(const io::TextPosition& a, const io::TextPosition& b) {
    return a.line == b.line && a.column == b.column;
}

}  // namespace

class TestJsonLocator : public QObject {
    Q_OBJECT

private slots:
    void positionsAgreeWithCountingFromTheTop() {
        const std::string text = "{\n  \"a\": [1,\n 22],\n\"b\": \"x\"}\n";
        const io::JsonLocator locator(text);
        for (const auto& [pointer, token] : std::vector<std::pair<std::string, std::string>>{
                 {"", "{"}, {"/a", "["}, {"/a/0", "1"}, {"/a/1", "22"}, {"/b", "\"x\""}}) {
            const auto expected = io::positionOfOffset(text, text.find(token));
            QVERIFY2(samePosition(locator.valuePosition(pointer), expected), pointer.c_str());
        }
        QVERIFY(samePosition(locator.keyPosition("/b"), io::positionOfOffset(text, 19)));
    }

    void limitedLocatorPlacesItsPointersAsTheFullOne() {
        const std::string text = estateText();
        const io::JsonLocator full(text);
        const std::vector<std::string> pointers = {
            "",
            "/hosts/1/nics/0/addresses/0/address",
            "/hosts/1/nics/0/addresses/9/address",  // no such address: falls back to the NIC
            "/receiveConnectors/2/remoteIpRanges/3",
            "/firewalls/0/outboundNat/1",
            "/no/such/member",
        };
        const io::JsonLocator limited(text, pointers);
        for (const auto& pointer : pointers) {
            QVERIFY2(samePosition(limited.valuePosition(pointer), full.valuePosition(pointer)),
                     pointer.c_str());
            QVERIFY2(samePosition(limited.keyPosition(pointer), full.keyPosition(pointer)),
                     pointer.c_str());
        }
        QVERIFY(full.valuePosition("/hosts/1/nics/0/addresses/0/address").line > 1);
    }
};

QTEST_GUILESS_MAIN(TestJsonLocator)
#include "tst_json_locator.moc"
