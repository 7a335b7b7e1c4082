// mailtopo-cli edit FILE [operations] [-o OUT]: the editor's changes, headless. Every change
// the GUI's canvas makes (add from the palette, delete, duplicate, copy/paste as JSON, move,
// group into an AD site, auto-layout) is made here by the same core/edit functions, so a
// pipeline can build or adjust a design and then validate it.

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/edit/design_edits.h"
#include "core/edit/design_fragment.h"
#include "core/edit/element_palette.h"
#include "core/io/design_file.h"
#include "core/layout/auto_layout.h"

namespace mailtopo::cli {
namespace {

bool hasElement(const model::Design& design, const std::string& id) {
    for (const auto& occurrence : model::collectIds(design)) {
        if (occurrence.id == id)
            return true;
    }
    return false;
}

// "X,Y" → a placement; nullopt when it is not two numbers.
std::optional<model::Placement> parsePoint(const QString& text) {
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 2)
        return std::nullopt;
    bool okX = false, okY = false;
    const double x = parts[0].trimmed().toDouble(&okX);
    const double y = parts[1].trimmed().toDouble(&okY);
    if (!okX || !okY)
        return std::nullopt;
    return model::Placement{x, y};
}

std::vector<model::Id> splitIds(const QString& text) {
    std::vector<model::Id> ids;
    for (const QString& id : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        ids.push_back(id.trimmed().toStdString());
    return ids;
}

std::string readAll(const std::string& path, bool* ok) {
    std::ostringstream text;
    if (path == "-") {
        text << std::cin.rdbuf();
        *ok = true;
        return text.str();
    }
    std::ifstream in(path, std::ios::binary);
    *ok = static_cast<bool>(in);
    text << in.rdbuf();
    return text.str();
}

std::string paletteListing() {
    std::string text;
    for (const auto& entry : edit::paletteEntries()) {
        std::string key = entry.key;
        key.resize(26, ' ');
        text += key + entry.label + "\n";
    }
    return text;
}

}  // namespace

int runEdit(const QStringList& args) {
    CommandLine line(
        QStringLiteral("edit"),
        QStringLiteral(
            "Change a design as the editor does, then write it back (FILE in place unless -o). "
            "Operations run in this order: --delete, --add, --duplicate, --paste, --move, "
            "--site, --auto-layout. With --copy, the fragment of those elements is written "
            "instead and FILE is left alone."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The .mailtopo design."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to this file ('-' for standard output)."),
                                    QStringLiteral("OUT"));
    const QCommandLineOption add(QStringLiteral("add"),
                                 QStringLiteral("Add a palette element, optionally at X,Y "
                                                "(see --list-palette). Repeatable."),
                                 QStringLiteral("KEY[@X,Y]"));
    const QCommandLineOption remove(QStringLiteral("delete"),
                                    QStringLiteral("Delete an element and what depends on it. "
                                                   "Repeatable."),
                                    QStringLiteral("ID"));
    const QCommandLineOption duplicate(QStringLiteral("duplicate"),
                                       QStringLiteral("Duplicate elements (comma-separated ids) "
                                                      "40 units down and right. Repeatable."),
                                       QStringLiteral("IDS"));
    const QCommandLineOption copy(QStringLiteral("copy"),
                                  QStringLiteral("Write the JSON fragment of these elements "
                                                 "(comma-separated ids) instead of the design."),
                                  QStringLiteral("IDS"));
    const QCommandLineOption paste(QStringLiteral("paste"),
                                   QStringLiteral("Paste a fragment or design file ('-': "
                                                  "standard input) into the design."),
                                   QStringLiteral("FRAGMENT"));
    const QCommandLineOption move(QStringLiteral("move"),
                                  QStringLiteral("Place an element's top-left corner at X,Y on "
                                                 "the first view. Repeatable."),
                                  QStringLiteral("ID=X,Y"));
    const QCommandLineOption site(QStringLiteral("site"),
                                  QStringLiteral("Put Exchange servers into an AD site (R27)."),
                                  QStringLiteral("SITE=IDS"));
    const QCommandLineOption autoLayout(
        QStringLiteral("auto-layout"),
        QStringLiteral("Lay out these elements (comma-separated ids, or 'all') with Graphviz."),
        QStringLiteral("IDS"));
    const QCommandLineOption listPalette(QStringLiteral("list-palette"),
                                         QStringLiteral("List the palette keys and exit."));
    for (const auto* option : {&output, &add, &remove, &duplicate, &copy, &paste, &move, &site,
                               &autoLayout, &listPalette})
        p.addOption(*option);
    if (p.parse(args) && p.isSet(listPalette)) {
        writeOut(paletteListing());
        return kExitClean;
    }
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const std::string path = p.positionalArguments().at(0).toStdString();
    const io::ParsedDesign parsed = io::loadDesignFile(path);
    if (!parsed.ok()) {
        for (const auto& d : parsed.diagnostics)
            writeErr(d.toString() + "\n");
        return kExitInput;
    }
    model::Design design = *parsed.design;
    const std::string target = p.isSet(output) ? p.value(output).toStdString() : path;
    // What each operation did goes to stdout, unless the design itself does.
    std::string log;
    const auto say = [&log](const std::string& text) { log += text + "\n"; };
    const auto fail = [&path](const std::string& text) {
        writeErr(path + ": " + text + "\n");
        return static_cast<int>(kExitInput);
    };
    const auto requireIds = [&](const std::vector<model::Id>& ids) -> std::optional<int> {
        for (const auto& id : ids) {
            if (!hasElement(design, id))
                return fail("no element with id '" + id + "'");
        }
        if (ids.empty())
            return fail("no element ids given");
        return std::nullopt;
    };

    if (p.isSet(copy)) {
        const auto ids = splitIds(p.value(copy));
        if (auto exit = requireIds(ids))
            return *exit;
        const std::string fragment = edit::copyFragment(design, ids);
        if (!p.isSet(output) || target == "-") {
            writeOut(fragment);
            return kExitClean;
        }
        const io::SaveResult saved = io::writeFileAtomically(target, fragment);
        return saved.ok ? kExitClean : fail(saved.error);
    }

    for (const QString& id : p.values(remove)) {
        if (auto exit = requireIds({id.toStdString()}))
            return *exit;
        const auto summary = edit::removeElements(design, {id.toStdString()});
        say("deleted " + id.toStdString() + " (" + std::to_string(summary.removed.size()) +
            " element(s), " + std::to_string(summary.detached) + " reference(s) removed)");
    }
    const std::string viewId = edit::ensureView(design);
    for (const QString& spec : p.values(add)) {
        const qsizetype at = spec.indexOf(QLatin1Char('@'));
        const std::string key = spec.left(at < 0 ? spec.size() : at).toStdString();
        std::optional<model::Placement> where;
        if (at >= 0) {
            where = parsePoint(spec.mid(at + 1));
            if (!where)
                return fail("--add " + spec.toStdString() + ": the place must be X,Y");
        }
        const auto added = edit::addElement(design, key, viewId, where);
        if (!added)
            return fail("--add: no palette element '" + key +
                        "' (mailtopo-cli edit --list-palette lists them)");
        if (added->drawn && !where)
            layout::placeNewElements(design, {added->id});
        say("added " + added->id + " (" + added->name + ")");
    }
    for (const QString& ids : p.values(duplicate)) {
        const auto list = splitIds(ids);
        if (auto exit = requireIds(list))
            return *exit;
        const auto result = edit::duplicateElements(design, list, viewId);
        std::string added;
        for (const auto& id : result.added)
            added += (added.empty() ? "" : ", ") + id;
        say("duplicated as " + added);
    }
    if (p.isSet(paste)) {
        bool ok = false;
        const std::string fragmentPath = p.value(paste).toStdString();
        const std::string text = readAll(fragmentPath, &ok);
        if (!ok)
            return fail("--paste: cannot read " + fragmentPath);
        const auto result = edit::pasteFragment(design, text, viewId, 40, 40);
        if (!result.ok) {
            for (const auto& d : result.diagnostics) {
                io::Diagnostic located = d;
                located.file = fragmentPath;
                writeErr(located.toString() + "\n");
            }
            return kExitInput;
        }
        say("pasted " + std::to_string(result.added.size()) + " element(s), " +
            std::to_string(result.renamed) + " renamed, " + std::to_string(result.readdressed) +
            " readdressed");
    }
    for (const QString& spec : p.values(move)) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        const auto point = eq < 0 ? std::nullopt : parsePoint(spec.mid(eq + 1));
        if (!point)
            return fail("--move " + spec.toStdString() + ": expected ID=X,Y");
        const std::string id = spec.left(eq).trimmed().toStdString();
        if (auto exit = requireIds({id}))
            return *exit;
        edit::setPlacements(design, viewId, {{id, *point}});
        say("moved " + id);
    }
    if (p.isSet(site)) {
        const QString spec = p.value(site);
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail("--site " + spec.toStdString() + ": expected SITE=IDS");
        const auto ids = splitIds(spec.mid(eq + 1));
        if (auto exit = requireIds(ids))
            return *exit;
        const int changed = edit::setSite(design, ids, spec.left(eq).trimmed().toStdString());
        say(std::to_string(changed) + " Exchange server(s) now in site " +
            spec.left(eq).trimmed().toStdString());
    }
    if (p.isSet(autoLayout)) {
        std::set<model::Id> ids;
        if (p.value(autoLayout) == QLatin1String("all")) {
            for (const auto& occurrence : model::collectIds(design))
                ids.insert(occurrence.id);  // relayout places only what the diagram draws
        } else {
            const auto list = splitIds(p.value(autoLayout));
            if (auto exit = requireIds(list))
                return *exit;
            ids.insert(list.begin(), list.end());
        }
        const auto result = layout::relayoutElements(design, viewId, ids);
        say("laid out " + std::to_string(result.placed) + " element(s)" +
            (result.usedGraphviz ? " with Graphviz" : " on a grid"));
    }

    const std::string text = io::serializeDesign(design);
    if (target == "-") {
        writeOut(text);
        writeErr(log);
        return kExitClean;
    }
    const io::SaveResult saved = io::writeFileAtomically(target, text);
    if (!saved.ok)
        return fail(saved.error);
    writeOut(log);
    return kExitClean;
}

}  // namespace mailtopo::cli
