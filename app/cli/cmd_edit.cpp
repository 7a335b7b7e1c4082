// mailtopo-cli edit FILE [operations] [-o OUT]: the editor's changes, headless. Every change
// the GUI makes (add from the palette, add a sub-element from a template, connect to a
// segment, set a property, delete, duplicate, copy/paste as JSON, move, group into an AD
// site, auto-layout) is made here by the same core/edit functions, so a pipeline can build
// or adjust a design and then validate it.
//
// Operations run in the order they are given, so `--add nic --parent ex01 --connect
// ex01=lan01` works in one call. The design is written only when every operation
// succeeded; on any refusal FILE is left untouched.

#include <QCommandLineOption>
#include <set>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/edit/design_edits.h"
#include "core/edit/design_fragment.h"
#include "core/edit/element_palette.h"
#include "core/edit/property_edit.h"
#include "core/edit/sub_elements.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"
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

std::string padded(std::string text, size_t width) {
    if (text.size() < width)
        text.resize(width, ' ');
    else
        text += "  ";
    return text;
}

std::string paletteListing() {
    std::string text;
    for (const auto& entry : edit::paletteEntries())
        text += padded(entry.key, 26) + entry.label + "\n";
    return text;
}

// "host", "NIC or interface": where a kind goes, for --list-kinds.
std::string parentText(const edit::SubElementKind& kind) {
    if (kind.parents.empty())
        return "'" + kind.pseudoParent + "'";
    std::string out;
    for (size_t i = 0; i < kind.parents.size(); ++i) {
        if (i > 0)
            out += i + 1 == kind.parents.size() ? " or " : ", ";
        out += model::elementKindName(kind.parents[i]);
    }
    if (kind.key == "receive-connector")
        out += " (Exchange server)";
    return out;
}

std::string kindListing() {
    std::string text;
    for (const auto& kind : edit::subElementKinds()) {
        text += padded(kind.key + (kind.templates.empty() ? "" : "[:TEMPLATE]"), 32) + kind.label +
                ", under " + parentText(kind) + "\n";
        for (size_t i = 0; i < kind.templates.size(); ++i) {
            const auto& t = kind.templates[i];
            text += padded("  :" + t.key, 32) + t.label + (i == 0 ? " (default)" : "") + "\n";
        }
    }
    text += "\nAliases: inbound-nat = nat-rule:inbound, outbound-nat = nat-rule:outbound.\n";
    return text;
}

// One operation of the command line, in the order given. --parent and --name are folded
// into the --add they follow.
struct Operation {
    QString option;  // without dashes: "add", "delete" …
    QString value;
    std::optional<QString> parent;
    std::optional<QString> name;

    std::string display() const {
        std::string text = "--" + option.toStdString() + " " + value.toStdString();
        if (parent)
            text += " --parent " + parent->toStdString();
        if (name)
            text += " --name " + name->toStdString();
        return text;
    }
};

const QStringList kOperations = {
    QStringLiteral("add"),  QStringLiteral("delete"),      QStringLiteral("duplicate"),
    QStringLiteral("copy"), QStringLiteral("paste"),       QStringLiteral("move"),
    QStringLiteral("site"), QStringLiteral("auto-layout"), QStringLiteral("connect"),
    QStringLiteral("set"),
};

// The operations in command-line order. QCommandLineParser has already checked the options
// (and keeps only the values of each option, not their order), so this scan only has to
// tell values from names: every option that takes a value is known here.
std::vector<Operation> scanOperations(const QStringList& args, std::string& error) {
    const QStringList valued =
        kOperations + QStringList{QStringLiteral("o"), QStringLiteral("output"),
                                  QStringLiteral("parent"), QStringLiteral("name")};
    std::vector<Operation> ops;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (arg == QLatin1String("--"))
            break;
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-"))
            continue;
        QString name;
        QString value;
        bool inlineValue = false;
        if (arg.startsWith(QLatin1String("--"))) {
            name = arg.mid(2);
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
                inlineValue = true;
            }
        } else {
            name = arg.mid(1, 1);  // -o OUT, -oOUT, -o=OUT
            if (arg.size() > 2) {
                value = arg.mid(arg.at(2) == QLatin1Char('=') ? 3 : 2);
                inlineValue = true;
            }
        }
        if (!valued.contains(name))
            continue;
        if (!inlineValue && i + 1 < args.size())
            value = args[++i];
        if (name == QLatin1String("parent") || name == QLatin1String("name")) {
            const bool follows = !ops.empty() && ops.back().option == QLatin1String("add");
            if (follows) {
                auto& slot = name == QLatin1String("parent") ? ops.back().parent : ops.back().name;
                if (!slot) {
                    slot = value;
                    continue;
                }
            }
            error = "--" + name.toStdString() + " " + value.toStdString() +
                    ": must follow the --add it belongs to (once per --add)";
            return {};
        }
        if (kOperations.contains(name))
            ops.push_back({name, value, std::nullopt, std::nullopt});
    }
    return ops;
}

// What the run did, for the two output streams: the ids of new elements (one per line, on
// standard output unless the design goes there) and the log (standard error).
struct Report {
    std::string ids;
    std::string log;
    void created(const std::string& id) { ids += id + "\n"; }
    void say(const std::string& text) { log += text + "\n"; }
};

class EditRun {
public:
    EditRun(model::Design& design, std::string path) : design_(design), path_(std::move(path)) {}

    // Runs one operation; false (with the message written) when it was refused.
    bool run(const Operation& op, Report& report) {
        const QString& v = op.value;
        const std::string option = op.option.toStdString();
        if (op.option == QLatin1String("add"))
            return add(op, report);
        if (op.option == QLatin1String("delete")) {
            const auto ids = splitIds(v);
            if (!requireIds(op, ids))
                return false;
            const auto summary = edit::removeElements(design_, ids);
            report.say("deleted " + v.toStdString() + " (" +
                       std::to_string(summary.removed.size()) + " element(s), " +
                       std::to_string(summary.detached) + " reference(s) removed)");
            return true;
        }
        if (op.option == QLatin1String("duplicate")) {
            const auto ids = splitIds(v);
            if (!requireIds(op, ids))
                return false;
            const auto result = edit::duplicateElements(design_, ids, view());
            std::string added;
            for (const auto& id : result.added) {
                report.created(id);
                added += (added.empty() ? "" : ", ") + id;
            }
            report.say("duplicated " + v.toStdString() + " as " + added);
            return true;
        }
        if (op.option == QLatin1String("copy")) {
            const auto ids = splitIds(v);
            if (!requireIds(op, ids))
                return false;
            fragment_ = edit::copyFragment(design_, ids);
            return true;
        }
        if (op.option == QLatin1String("paste"))
            return paste(op, report);
        if (op.option == QLatin1String("move")) {
            const qsizetype eq = v.indexOf(QLatin1Char('='));
            const auto point = eq < 0 ? std::nullopt : parsePoint(v.mid(eq + 1));
            if (!point)
                return fail(op, "expected ID=X,Y");
            const std::string id = v.left(eq).trimmed().toStdString();
            if (!requireIds(op, {id}))
                return false;
            edit::setPlacements(design_, view(), {{id, *point}});
            report.say("moved " + id);
            return true;
        }
        if (op.option == QLatin1String("site")) {
            const qsizetype eq = v.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return fail(op, "expected SITE=IDS");
            const auto ids = splitIds(v.mid(eq + 1));
            if (!requireIds(op, ids))
                return false;
            const std::string site = v.left(eq).trimmed().toStdString();
            const int changed = edit::setSite(design_, ids, site);
            report.say(std::to_string(changed) + " Exchange server(s) now in site " + site);
            return true;
        }
        if (op.option == QLatin1String("auto-layout")) {
            std::set<model::Id> ids;
            if (v == QLatin1String("all")) {
                for (const auto& occurrence : model::collectIds(design_))
                    ids.insert(occurrence.id);  // relayout places only what the diagram draws
            } else {
                const auto list = splitIds(v);
                if (!requireIds(op, list))
                    return false;
                ids.insert(list.begin(), list.end());
            }
            const auto result = layout::relayoutElements(design_, view(), ids);
            report.say("laid out " + std::to_string(result.placed) + " element(s)" +
                       (result.usedGraphviz ? " with Graphviz" : " on a grid"));
            return true;
        }
        if (op.option == QLatin1String("connect"))
            return connect(op, report);
        if (op.option == QLatin1String("set"))
            return set(op, report);
        return fail(op, "unknown operation " + option);
    }

    const std::optional<std::string>& fragment() const { return fragment_; }

private:
    bool fail(const Operation& op, const std::string& why) const {
        writeErr(path_ + ": " + op.display() + ": " + why + "\n");
        return false;
    }

    bool requireIds(const Operation& op, const std::vector<model::Id>& ids) const {
        if (ids.empty())
            return fail(op, "no element ids given");
        for (const auto& id : ids) {
            if (!hasElement(design_, id))
                return fail(op, "no element with id '" + id + "'");
        }
        return true;
    }

    // The first view, made on first use: only operations that place something need one.
    std::string view() {
        if (viewId_.empty())
            viewId_ = edit::ensureView(design_);
        return viewId_;
    }

    bool add(const Operation& op, Report& report) {
        const QString& spec = op.value;
        const qsizetype at = spec.indexOf(QLatin1Char('@'));
        const QString head = spec.left(at < 0 ? spec.size() : at);
        const qsizetype colon = head.indexOf(QLatin1Char(':'));
        const std::string kind = head.left(colon < 0 ? head.size() : colon).toStdString();
        if (edit::findPaletteEntry(kind) != nullptr) {
            if (colon >= 0)
                return fail(op, "a palette element takes no template (':" +
                                    head.mid(colon + 1).toStdString() + "')");
            return addPalette(op, kind, at < 0 ? QString() : spec.mid(at + 1), report);
        }
        const edit::SubElementKind* subKind = edit::findSubElementKind(kind);
        if (subKind == nullptr)
            return fail(op, "no palette element or sub-element kind '" + kind +
                                "' (mailtopo-cli edit --list-palette and --list-kinds list them)");
        if (at >= 0)
            return fail(op, "only palette elements are placed with @X,Y");
        edit::SubElementRequest request;
        request.kind = kind;
        request.templateKey = colon < 0 ? std::string() : head.mid(colon + 1).toStdString();
        if (op.parent)
            request.parentId = op.parent->toStdString();
        else if (!subKind->pseudoParent.empty())
            request.parentId = subKind->pseudoParent;  // the only place it can go
        else
            return fail(op, "give the element it goes under with --parent ID");
        if (op.name)
            request.name = op.name->toStdString();
        const edit::AddOutcome outcome = edit::addSubElement(design_, request);
        if (!outcome.ok)
            return fail(op, outcome.error);
        const bool ownId =
            std::find(outcome.changes.inserted.begin(), outcome.changes.inserted.end(),
                      outcome.id) != outcome.changes.inserted.end();
        report.created(outcome.id);
        report.say("added " + subKind->key + " " + outcome.name +
                   (ownId ? " as " + outcome.id : " to " + outcome.id) + " (under " +
                   request.parentId + ")");
        return true;
    }

    bool addPalette(const Operation& op, const std::string& key, const QString& place,
                    Report& report) {
        if (op.parent)
            return fail(op, "a palette element goes on the diagram, not under a --parent");
        std::optional<model::Placement> where;
        if (!place.isNull()) {
            where = parsePoint(place);
            if (!where)
                return fail(op, "the place must be X,Y");
        }
        const auto added = edit::addElement(design_, key, view(), where);
        if (!added)
            return fail(op, "no palette element '" + key + "'");
        std::string name = added->name;
        if (op.name) {
            const auto renamed = edit::renameElement(design_, added->id, op.name->toStdString());
            if (!renamed.ok)
                return fail(op, renamed.error);
            name = op.name->toStdString();
        }
        if (added->drawn && !where)
            layout::placeNewElements(design_, {added->id});
        report.created(added->id);
        report.say("added " + added->id + " (" + name + ")");
        return true;
    }

    bool paste(const Operation& op, Report& report) {
        const std::string fragmentPath = op.value.toStdString();
        std::string text;
        std::string error;
        if (!io::readInputFile(fragmentPath, "design fragment", &text, &error))
            return fail(op, io::shownPath(fragmentPath) + ": " + error);
        const auto result = edit::pasteFragment(design_, text, view(), 40, 40);
        if (!result.ok) {
            for (const auto& d : result.diagnostics) {
                io::Diagnostic located = d;
                located.file = fragmentPath;
                writeErr(located.toString() + "\n");
            }
            return false;
        }
        for (const auto& id : result.added)
            report.created(id);
        report.say("pasted " + std::to_string(result.added.size()) + " element(s), " +
                   std::to_string(result.renamed) + " renamed, " +
                   std::to_string(result.readdressed) + " readdressed");
        return true;
    }

    bool connect(const Operation& op, Report& report) {
        const qsizetype eq = op.value.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq + 1 == op.value.size())
            return fail(op, "expected ID=SEGMENT_ID");
        const std::string id = op.value.left(eq).trimmed().toStdString();
        const std::string segment = op.value.mid(eq + 1).trimmed().toStdString();
        const auto outcome = edit::connectToSegment(design_, id, segment);
        if (!outcome.ok)
            return fail(op, outcome.error);
        if (outcome.created)
            report.created(outcome.interfaceId);
        report.say("connected " + outcome.interfaceId + (outcome.created ? " (new)" : "") + " to " +
                   segment +
                   (outcome.address ? " as " + outcome.address->toString() : std::string()));
        return true;
    }

    bool set(const Operation& op, Report& report) {
        const qsizetype colon = op.value.indexOf(QLatin1Char(':'));
        const qsizetype eq = op.value.indexOf(QLatin1Char('='), colon + 1);
        if (colon <= 0 || eq <= colon + 1)
            return fail(op, "expected ID:KEY=VALUE");
        const std::string id = op.value.left(colon).toStdString();
        const std::string key = op.value.mid(colon + 1, eq - colon - 1).toStdString();
        const std::string value = op.value.mid(eq + 1).toStdString();
        const auto outcome = edit::setProperty(design_, id, key, value);
        if (!outcome.ok)
            return fail(op, outcome.error);
        report.say("set " + id + ":" + key);
        return true;
    }

    model::Design& design_;
    std::string path_;
    std::string viewId_;
    std::optional<std::string> fragment_;
};

}  // namespace

int runEdit(const QStringList& args) {
    CommandLine line(
        QStringLiteral("edit"),
        QStringLiteral(
            "Change a design as the editor does, then write it back (FILE in place unless -o). "
            "Operations run in the order given on the command line; --parent and --name "
            "belong to the --add just before them. The id of every element an operation "
            "creates (--add, --duplicate, --paste, and --connect when it makes an interface) "
            "is printed on its own line on standard output, so a script can keep it; what "
            "each operation did goes to standard error (the ids too when the design itself is "
            "written to standard output). On any refused operation nothing is written and the "
            "exit code is 2. With --copy, the fragment of those elements (as they are at that "
            "point) is written instead and FILE is left alone."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The .mailtopo design."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to this file ('-' for standard output)."),
                                    QStringLiteral("OUT"));
    const QCommandLineOption add(
        QStringLiteral("add"),
        QStringLiteral("Add a palette element, optionally at X,Y (see --list-palette), or a "
                       "sub-element of KIND from TEMPLATE under --parent (see --list-kinds). "
                       "Repeatable."),
        QStringLiteral("KEY[@X,Y]|KIND[:TEMPLATE]"));
    const QCommandLineOption parent(
        QStringLiteral("parent"),
        QStringLiteral("The element the preceding --add goes under (an element id, "
                       "'organization' or 'design'; the latter two may be left out)."),
        QStringLiteral("ID"));
    const QCommandLineOption name(
        QStringLiteral("name"),
        QStringLiteral("The name of what the preceding --add creates (an address: IP/PREFIX, "
                       "a route: its destination prefix, a DNS record: NAME [TTL] TYPE DATA)."),
        QStringLiteral("NAME"));
    const QCommandLineOption connect(
        QStringLiteral("connect"),
        QStringLiteral("Put a NIC, interface, host or device on a segment, with the next free "
                       "address of its subnet. Repeatable."),
        QStringLiteral("ID=SEGMENT_ID"));
    const QCommandLineOption set(
        QStringLiteral("set"),
        QStringLiteral("Set a property as the inspector does (KEY as in the file format, "
                       "dotted for nested objects). Repeatable."),
        QStringLiteral("ID:KEY=VALUE"));
    const QCommandLineOption remove(QStringLiteral("delete"),
                                    QStringLiteral("Delete elements (comma-separated ids) and "
                                                   "what depends on them. Repeatable."),
                                    QStringLiteral("IDS"));
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
                                                  "standard input) into the design. Repeatable."),
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
    const QCommandLineOption listKinds(
        QStringLiteral("list-kinds"),
        QStringLiteral("List the sub-element kinds, their templates and parents, and exit."));
    for (const auto* option : {&output, &add, &parent, &name, &connect, &set, &remove, &duplicate,
                               &copy, &paste, &move, &site, &autoLayout, &listPalette, &listKinds})
        p.addOption(*option);
    if (p.parse(args) && (p.isSet(listPalette) || p.isSet(listKinds))) {
        writeOut(p.isSet(listPalette) ? paletteListing() : kindListing());
        return kExitClean;
    }
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const std::string path = p.positionalArguments().at(0).toStdString();
    std::string scanError;
    const std::vector<Operation> operations = scanOperations(args, scanError);
    if (!scanError.empty()) {
        writeErr(path + ": " + scanError + "\n");
        return kExitInput;
    }
    const io::ParsedDesign parsed = io::loadDesignFile(path);
    if (!parsed.ok()) {
        for (const auto& d : parsed.diagnostics)
            writeErr(d.toString() + "\n");
        return kExitInput;
    }
    model::Design design = *parsed.design;
    EditRun run(design, path);
    Report report;
    for (const Operation& op : operations) {
        if (!run.run(op, report))
            return kExitInput;
    }

    const std::string target = p.isSet(output) ? p.value(output).toStdString() : path;
    const bool toStdout = target == "-" || (run.fragment() && !p.isSet(output));
    const std::string text = run.fragment() ? *run.fragment() : io::serializeDesign(design);
    if (toStdout) {
        writeOut(text);
        writeErr(report.ids + report.log);
        return kExitClean;
    }
    const io::SaveResult saved = io::writeFileAtomically(target, text);
    if (!saved.ok) {
        writeErr(saved.error + "\n");
        return kExitInput;
    }
    writeOut(report.ids);
    writeErr(report.log);
    return kExitClean;
}

}  // namespace mailtopo::cli
