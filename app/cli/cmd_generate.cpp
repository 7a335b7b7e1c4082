// mailtopo-cli generate --servers N -o OUT.mailtopo

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/io/design_file.h"
#include "core/model/synthetic_estate.h"

namespace mailtopo::cli {

int runGenerate(const QStringList& args) {
    CommandLine line(
        QStringLiteral("generate"),
        QStringLiteral("Write a synthetic but realistic estate: sites of Exchange 2019 servers "
                       "behind SNAT load balancers, a perimeter firewall, relay clients, DNS."));
    auto& p = line.parser();
    const QCommandLineOption servers(
        QStringLiteral("servers"),
        QStringLiteral("Number of Exchange servers (1-5000, default 20)."), QStringLiteral("N"),
        QStringLiteral("20"));
    const QCommandLineOption perSite(QStringLiteral("servers-per-site"),
                                     QStringLiteral("Servers per site (1-200, default 10)."),
                                     QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption output(
        QStringList{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The design file to write ('-' for standard output)."),
        QStringLiteral("OUT"));
    p.addOption(servers);
    p.addOption(perSite);
    p.addOption(output);
    if (auto exit = line.parse(args, 0, 0))
        return *exit;
    if (!p.isSet(output)) {
        writeErr("mailtopo-cli generate: -o OUT is required\n");
        return kExitInput;
    }
    bool ok1 = false, ok2 = false;
    const int n = p.value(servers).toInt(&ok1);
    const int s = p.value(perSite).toInt(&ok2);
    if (!ok1 || n < 1 || n > 5000 || !ok2 || s < 1 || s > 200) {
        writeErr("mailtopo-cli generate: --servers must be 1-5000 and --servers-per-site 1-200\n");
        return kExitInput;
    }
    model::EstateParameters parameters;
    parameters.servers = n;
    parameters.serversPerSite = s;
    const std::string text = io::serializeDesign(model::generateEstate(parameters));
    const std::string target = p.value(output).toStdString();
    if (target == "-") {
        writeOut(text);
        return kExitClean;
    }
    const io::SaveResult saved = io::writeFileAtomically(target, text);
    if (!saved.ok) {
        writeErr(saved.error + "\n");
        return kExitInput;
    }
    return kExitClean;
}

}  // namespace mailtopo::cli
