// libFuzzer target for what the user types into the inspector (ui/mainwindow/inspector/
// field_parsers.cpp) and for the zone-file name rules the import uses: arbitrary text must
// never crash them, every refusal must say why, and what is accepted must read back the same.

#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/dns/zone_file.h"
#include "ui/mainwindow/inspector/field_parsers.h"

using namespace mailtopo;
using namespace mailtopo::ui::inspector;

namespace {

// abort() rather than assert(): the check must hold in every build type.
void check(bool condition) {
    if (!condition)
        std::abort();
}

// A check function either accepts or gives a reason.
template <class Check>
void refusesWithAReason(Check accepts, const QString& text) {
    QString why;
    if (!accepts(text, &why))
        check(!why.isEmpty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const QString text = QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));

    refusesWithAReason(checkMailTarget, text);
    refusesWithAReason(checkMailAddress, text);
    refusesWithAReason(checkSmartHost, text);

    QString why;
    if (const auto ranges = parseRangeList(text, &why))
        check(parseRangeList(rangeListText(*ranges), nullptr) == ranges);
    else
        check(!why.isEmpty());
    why.clear();
    if (const auto ports = parsePortList(text, &why))
        check(parsePortList(portListText(*ports), nullptr) == ports);
    else
        check(!why.isEmpty());

    // An accepted list is stored as its entries and reads back as the same list.
    std::vector<std::string> targets;
    if (assignNextHops(targets, text).isEmpty()) {
        std::vector<std::string> again;
        check(assignNextHops(again, wordListText(targets)).isEmpty() && again == targets);
    }

    // A name taken for a zone file names a zone: not empty, and never longer than the file.
    const std::filesystem::path path(bytes.find('/') == std::string::npos ? bytes : "x");
    if (!bytes.empty() && dns::isZoneFileName(path)) {
        const std::string origin = dns::zoneOriginFromFileName(path);
        check(!origin.empty() && origin.size() < path.filename().string().size());
    }
    return 0;
}
