// mailtopo-cli generate [--servers N] [--servers-per-site N] [--seed S]
//                       [--connectors-per-server N] [--ranges-per-connector N]
//                       [--application-hosts N | --clients-per-site N] -o OUT.mailtopo

#include <string_view>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/io/design_file.h"
#include "core/model/synthetic_estate.h"

namespace mailtopo::cli {
namespace {

int usageError(std::string_view message) {
    std::string text = "mailtopo-cli generate: ";
    text += message;
    text += "\nTry 'mailtopo-cli generate --help'.\n";
    writeErr(text);
    return kExitInput;
}

// The option's value as an integer in [low, high], or nullopt.
std::optional<int> intIn(const QCommandLineParser& p, const QCommandLineOption& option, int low,
                         int high) {
    bool ok = false;
    const int value = p.value(option).toInt(&ok);
    if (!ok || value < low || value > high)
        return std::nullopt;
    return value;
}

}  // namespace

int runGenerate(const QStringList& args) {
    CommandLine line(
        QStringLiteral("generate"),
        QStringLiteral("Write a synthetic but realistic estate: sites of Exchange 2019 servers "
                       "behind SNAT or direct-server-return load balancers, client VLANs of "
                       "application hosts, custom receive connectors with long RemoteIPRanges "
                       "lists, a perimeter firewall with inbound and outbound NAT, send "
                       "connectors, DNS. The same options and seed always give the same file."));
    auto& p = line.parser();
    const QCommandLineOption servers(
        QStringLiteral("servers"),
        QStringLiteral("Number of Exchange servers (1-5000, default 20)."), QStringLiteral("N"),
        QStringLiteral("20"));
    const QCommandLineOption perSite(QStringLiteral("servers-per-site"),
                                     QStringLiteral("Servers per site (1-200, default 10)."),
                                     QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the choices (SNAT or DSR per site, range shapes); default 1."),
        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption connectors(
        QStringLiteral("connectors-per-server"),
        QStringLiteral("Custom receive connectors per server on 0.0.0.0:25 (0-50, default 2)."),
        QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption ranges(
        QStringLiteral("ranges-per-connector"),
        QStringLiteral("RemoteIPRanges entries per custom connector (1-1000, default 20)."),
        QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption applications(
        QStringLiteral("application-hosts"),
        QStringLiteral("Application hosts in total, spread over the sites (0-100000; default "
                       "--clients-per-site per site)."),
        QStringLiteral("N"));
    const QCommandLineOption clientsPerSite(
        QStringLiteral("clients-per-site"),
        QStringLiteral("Application hosts per site when --application-hosts is not given "
                       "(0-1000, default 3)."),
        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption output(
        QStringList{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The design file to write ('-' for standard output)."),
        QStringLiteral("OUT"));
    for (const auto* o :
         {&servers, &perSite, &seed, &connectors, &ranges, &applications, &clientsPerSite, &output})
        p.addOption(*o);
    if (auto exit = line.parse(args, 0, 0))
        return *exit;
    if (!p.isSet(output))
        return usageError("-o OUT is required");

    model::EstateParameters parameters;
    const auto n = intIn(p, servers, 1, 5000);
    const auto s = intIn(p, perSite, 1, 200);
    if (!n || !s)
        return usageError("--servers must be 1-5000 and --servers-per-site 1-200");
    parameters.servers = *n;
    parameters.serversPerSite = *s;
    bool ok = false;
    parameters.seed = p.value(seed).toULongLong(&ok);
    if (!ok)
        return usageError("--seed must be a whole number from 0 to 18446744073709551615");
    const auto c = intIn(p, connectors, 0, 50);
    if (!c)
        return usageError("--connectors-per-server must be 0-50");
    parameters.connectorsPerServer = *c;
    const auto r = intIn(p, ranges, 1, 1000);
    if (!r)
        return usageError("--ranges-per-connector must be 1-1000");
    parameters.rangesPerConnector = *r;
    if (p.isSet(applications)) {
        const auto a = intIn(p, applications, 0, 100000);
        if (!a)
            return usageError("--application-hosts must be 0-100000");
        parameters.applicationHosts = *a;
    }
    const auto perSiteClients = intIn(p, clientsPerSite, 0, 1000);
    if (!perSiteClients)
        return usageError("--clients-per-site must be 0-1000");
    parameters.clientsPerSite = *perSiteClients;
    // The connectors' ranges come from one address pool; say so rather than silently
    // shortening the lists.
    const long long wanted = static_cast<long long>(model::estateSites(parameters)) *
                             parameters.connectorsPerServer * parameters.rangesPerConnector;
    if (wanted > model::kEstateRangeCapacity) {
        std::string message = "sites x --connectors-per-server x --ranges-per-connector is ";
        message += std::to_string(wanted);
        message += ", more than the ";
        message += std::to_string(model::kEstateRangeCapacity);
        message += " range blocks of 100.64.0.0/10; use more --servers-per-site or fewer ranges";
        return usageError(message);
    }
    if (!p.isSet(applications) &&
        static_cast<long long>(model::estateSites(parameters)) * parameters.clientsPerSite >
            100000) {
        return usageError("more than 100000 application hosts; lower --clients-per-site");
    }

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
