// mailtopo-cli spf DOMAIN --ip IP [--helo NAME] [--mail-from ADDR]
//                  [--server IP[:PORT] | --zone FILE ... | --design FILE [--view V]]
//                  [--format text|json]
//
// Runs RFC 7208 check_host() and prints the result with its explanation tree. Exit 0 when
// the evaluation ran, whatever the SPF result; 2 on usage or input errors.

#include <memory>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/dns/live_resolver.h"
#include "core/dns/spf_evaluator.h"
#include "core/dns/spf_explain.h"
#include "core/dns/zone_data_resolver.h"
#include "core/dns/zone_file.h"
#include "core/io/design_file.h"
#include "core/util/enum_text.h"

namespace mailtopo::cli {
namespace {

int usageError(const std::string& message) {
    writeErr("mailtopo-cli spf: " + message + "\nTry 'mailtopo-cli spf --help'.\n");
    return kExitInput;
}

int inputError(const std::string& message) {
    writeErr("mailtopo-cli spf: " + message + "\n");
    return kExitInput;
}

}  // namespace

int runSpf(const QStringList& args) {
    CommandLine line(
        QStringLiteral("spf"),
        QStringLiteral("Evaluate SPF (RFC 7208 check_host) for DOMAIN and a client IP, and explain "
                       "the result: every term evaluated, each DNS lookup, the lookup and "
                       "void-lookup counters, the deciding term and its RFC section.\n"
                       "DNS answers come from a server (--server), zone files (--zone), a "
                       "design's DNS zones (--design) or, with none of these, the system "
                       "resolver. Exit code 0 whenever the evaluation ran, whatever the result."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("DOMAIN"),
                            QStringLiteral("The domain whose SPF policy is evaluated."));
    const QCommandLineOption ip(QStringLiteral("ip"),
                                QStringLiteral("The SMTP client's IP address."),
                                QStringLiteral("IP"));
    const QCommandLineOption helo(
        QStringLiteral("helo"),
        QStringLiteral("The HELO/EHLO name (%{h}); default DOMAIN. Without "
                       "--mail-from, a HELO equal to DOMAIN checks the HELO "
                       "identity."),
        QStringLiteral("NAME"));
    const QCommandLineOption mailFrom(QStringLiteral("mail-from"),
                                      QStringLiteral("The MAIL FROM address (%{s}, %{l}); default "
                                                     "postmaster@DOMAIN."),
                                      QStringLiteral("ADDR"));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("Ask this DNS server (IP, IP:PORT or [IPv6]:PORT)."),
        QStringLiteral("IP[:PORT]"));
    const QCommandLineOption zone(
        QStringLiteral("zone"), QStringLiteral("Answer from this RFC 1035 zone file (repeatable)."),
        QStringLiteral("FILE"));
    const QCommandLineOption design(
        QStringLiteral("design"),
        QStringLiteral("Answer from the DNS zones of this .mailtopo design."),
        QStringLiteral("FILE"));
    const QCommandLineOption view(
        QStringLiteral("view"),
        QStringLiteral("With --design: the DNS view, external (default) or "
                       "internal."),
        QStringLiteral("view"), QStringLiteral("external"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("Live DNS: milliseconds per attempt (default 2000)."), QStringLiteral("ms"),
        QStringLiteral("2000"));
    const QCommandLineOption retries(
        QStringLiteral("retries"),
        QStringLiteral("Live DNS: attempts after the first (default 1)."), QStringLiteral("n"),
        QStringLiteral("1"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output format: text (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    for (const auto* o :
         {&ip, &helo, &mailFrom, &server, &zone, &design, &view, &timeout, &retries, &format}) {
        p.addOption(*o);
    }
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const QString fmt = p.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json")) {
        return usageError("--format must be text or json, not '" + fmt.toStdString() + "'");
    }
    if (!p.isSet(ip))
        return usageError("--ip is required");
    std::string problem;
    const auto address = net::Address::parse(p.value(ip).toStdString(), &problem);
    if (!address)
        return usageError("--ip: " + problem);
    const int sources =
        (p.isSet(server) ? 1 : 0) + (p.isSet(zone) ? 1 : 0) + (p.isSet(design) ? 1 : 0);
    if (sources > 1)
        return usageError("use only one of --server, --zone and --design");

    const std::string domain = p.positionalArguments().at(0).toStdString();
    dns::SpfRequest request;
    request.ip = *address;
    request.domain = domain;
    request.helo = p.isSet(helo) ? p.value(helo).toStdString() : domain;
    if (p.isSet(mailFrom)) {
        const std::string sender = p.value(mailFrom).toStdString();
        const size_t at = sender.rfind('@');
        const std::string local = at == std::string::npos ? std::string() : sender.substr(0, at);
        const std::string senderDomain = at == std::string::npos ? sender : sender.substr(at + 1);
        request.sender = (local.empty() ? std::string("postmaster") : local) + "@" + senderDomain;
        request.identity = dns::SpfIdentity::MailFrom;
    } else {
        request.sender = "postmaster@" + domain;
        request.identity = p.isSet(helo) && request.helo == domain ? dns::SpfIdentity::Helo
                                                                   : dns::SpfIdentity::MailFrom;
    }

    std::shared_ptr<dns::Resolver> resolver;
    if (p.isSet(zone)) {
        auto zoneData = std::make_shared<dns::ZoneDataResolver>();
        for (const QString& file : p.values(zone)) {
            const auto parsed = dns::parseZoneFile(file.toStdString());
            if (!parsed.ok)
                return inputError(parsed.error);
            if (!parsed.origin.empty())
                zoneData->addName(parsed.origin);
            zoneData->add(parsed.records);
        }
        resolver = zoneData;
    } else if (p.isSet(design)) {
        const auto dnsView = parseEnum<model::DnsView>(p.value(view).toStdString());
        if (!dnsView)
            return usageError("--view must be external or internal");
        const auto parsed = io::loadDesignFile(p.value(design).toStdString());
        if (!parsed.ok()) {
            for (const auto& d : parsed.diagnostics)
                writeErr(d.toString() + "\n");
            return kExitInput;
        }
        std::vector<std::string> errors;
        auto zoneData =
            dns::ZoneDataResolver::fromZones(parsed.design->dnsZones, *dnsView, &errors);
        if (!errors.empty()) {
            for (const auto& e : errors)
                writeErr(p.value(design).toStdString() + ": " + e + "\n");
            return kExitInput;
        }
        resolver = std::move(zoneData);
    } else {
        dns::LiveResolverOptions options;
        if (p.isSet(server)) {
            options.server = dns::parseServerAddress(p.value(server).toStdString(), &problem);
            if (!options.server)
                return usageError("--server " + problem);
        }
        bool ok = false;
        const int ms = p.value(timeout).toInt(&ok);
        if (!ok || ms <= 0 || ms > 600000)
            return usageError("--timeout must be 1..600000 ms");
        options.timeout = std::chrono::milliseconds(ms);
        const int tries = p.value(retries).toInt(&ok);
        if (!ok || tries < 0 || tries > 10)
            return usageError("--retries must be 0..10");
        options.retries = tries;
        resolver = std::make_shared<dns::LiveResolver>(options);
    }

    dns::SpfEvaluator evaluator(*resolver);
    const dns::SpfOutcome outcome = evaluator.checkHost(request);
    writeOut(fmt == QLatin1String("json") ? dns::spfOutcomeToJsonText(outcome)
                                          : dns::spfOutcomeToText(outcome));
    return kExitClean;
}

}  // namespace mailtopo::cli
