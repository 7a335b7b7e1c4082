#include "core/sim/smtp_session.h"
#include "core/dns/dns_name.h"

#include <algorithm>
#include <cctype>

#include "core/sim/anti_spam.h"
#include "core/sim/send_routing.h"
#include "core/sim/session_rights.h"
#include "core/util/enum_text.h"

namespace mailtopo::sim {
namespace {

using model::AuthMechanism;
using model::ExchangeVersion;
using model::ExtendedRight;
using model::PermissionGroup;
using Rights = FlagSet<ExtendedRight>;

Step smtpStep(const model::Id& element, std::string summary,
              std::vector<std::pair<std::string, std::string>> inputs = {},
              std::string rule = "R23") {
    Step step;
    step.kind = StepKind::Smtp;
    step.rule = std::move(rule);
    step.element = element;
    step.summary = std::move(summary);
    step.inputs = std::move(inputs);
    return step;
}

// R29: an Exchange 2000/2003 SMTP connector on `server` with "Allow messages to be relayed to
// these domains" whose address space covers `domain`.
const model::SendConnector* legacyRelayConnector(const model::Design& design,
                                                 const model::Host& server,
                                                 const std::string& domain) {
    if (!server.exchange || server.exchange->version != ExchangeVersion::Ex2003)
        return nullptr;
    for (const auto& connector : design.sendConnectors) {
        if (!connector.enabled || !connector.legacyAllowRelayToAddressSpaces)
            continue;
        if (std::find(connector.sourceServerIds.begin(), connector.sourceServerIds.end(),
                      server.id) == connector.sourceServerIds.end())
            continue;
        for (const auto& space : connector.addressSpaces) {
            const std::string d = dns::toLowerAscii(space.domain);
            if (d == "*" || d == domain ||
                (d.starts_with("*.") && (domain == d.substr(2) || domain.ends_with(d.substr(1)))))
                return &connector;
        }
    }
    return nullptr;
}

template <class E>
std::string flagText(const FlagSet<E>& flags) {
    std::string out;
    for (E value : flags.values()) {
        if (!out.empty())
            out += ',';
        out += enumName(value);
    }
    return out;
}

// ---- non-Exchange MTA -----------------------------------------------------------------

SessionOutcome runPlainMta(const SessionInput& in) {
    SessionOutcome out;
    auto say = [&](auto&& build) {
        if (in.explain)
            out.steps.push_back(build());
    };
    const auto& server = *in.server;
    const auto& smtp = *server.smtp;
    const std::string fqdn = server.fqdn.empty() ? hostLabel(server) : server.fqdn;
    out.principal = "anonymous";
    say([&] { return smtpStep(server.id, "S: 220 " + fqdn + " ESMTP"); });
    say([&] { return smtpStep(server.id, "C: EHLO " + in.helo + "  S: 250 " + fqdn); });
    say([&] { return smtpStep(server.id, "C: MAIL FROM:<" + in.mailFrom + ">  S: 250 2.1.0 Ok"); });
    const bool relayAllowed = net::anyContains(smtp.relayFrom, in.seenSource);
    bool any = false, relayed = false;
    for (const auto& rcpt : in.rcptTo) {
        const std::string domain = domainOf(rcpt);
        const bool local =
            std::any_of(smtp.localDomains.begin(), smtp.localDomains.end(),
                        [&](const std::string& d) { return dns::toLowerAscii(d) == domain; });
        if (local || relayAllowed) {
            any = true;
            relayed = relayed || !local;
            say([&] {
                return smtpStep(server.id, "C: RCPT TO:<" + rcpt + ">  S: 250 2.1.5 Ok",
                                {{"recipient domain", domain},
                                 {"decision", local ? "a domain this host accepts"
                                                    : "client " + in.seenSource.toString() +
                                                          " is inside the relay ranges"}});
            });
        } else {
            say([&] {
                return smtpStep(
                    server.id,
                    "C: RCPT TO:<" + rcpt + ">  S: 554 5.7.1 <" + rcpt + ">: Relay access denied",
                    {{"recipient domain", domain},
                     {"relay ranges", relayAllowed ? "match" : "no match"}});
            });
            if (out.disposition.kind != DispositionKind::Rejected || out.disposition.smtpCode == 0)
                out.disposition = rejection(554, "5.7.1", "Relay access denied", server.id, "R23");
        }
    }
    if (!any)
        return out;
    say([&] { return smtpStep(server.id, "C: DATA ... .  S: 250 2.0.0 Ok: queued"); });
    out.accepted = true;
    out.disposition = {};
    out.disposition.kind = relayed ? DispositionKind::Relayed : DispositionKind::Delivered;
    out.disposition.smtpCode = 250;
    out.disposition.enhancedStatus = "2.0.0";
    out.disposition.element = server.id;
    out.disposition.text = relayed ? "accepted by " + hostLabel(server) + " for relay"
                                   : "accepted by " + hostLabel(server);
    out.disposition.rule = "R23";
    return out;
}

}  // namespace

std::string domainOf(std::string_view address) {
    auto at = address.rfind('@');
    std::string domain(at == std::string_view::npos ? address : address.substr(at + 1));
    while (!domain.empty() && domain.back() == '>')
        domain.pop_back();
    return dns::toLowerAscii(domain);
}

const model::AcceptedDomain* findAcceptedDomain(const model::Organization& org,
                                                std::string_view domain, bool authoritativeOnly) {
    const std::string d = dns::toLowerAscii(domain);
    const model::AcceptedDomain* best = nullptr;
    size_t bestLength = 0;  // an exact name beats every wildcard, a longer wildcard a shorter one
    for (const auto& accepted : org.acceptedDomains) {
        if (authoritativeOnly && accepted.type != model::AcceptedDomainType::Authoritative)
            continue;
        const std::string name = dns::toLowerAscii(accepted.domainName);
        size_t length = 0;
        if (name.starts_with("*.")) {
            const std::string base = name.substr(2);
            if (d == base || (d.size() > base.size() && d.ends_with("." + base)))
                length = base.size();
        } else if (name == d) {
            length = std::string::npos;
        }
        if (length > bestLength) {
            best = &accepted;
            bestLength = length;
        }
    }
    return best;
}

bool isAcceptedDomain(const model::Organization& org, std::string_view domain,
                      bool authoritativeOnly) {
    return findAcceptedDomain(org, domain, authoritativeOnly) != nullptr;
}

SessionOutcome runSmtpSession(const SessionInput& in) {
    if (in.connector == nullptr)
        return runPlainMta(in);

    SessionOutcome out;
    // The dialogue's lines are only built when someone will read them (SessionInput::explain).
    auto say = [&](auto&& build) {
        if (in.explain)
            out.steps.push_back(build());
    };
    const auto& server = *in.server;
    const auto& connector = *in.connector;
    const auto& org = in.design->organization;
    const model::Id& cid = connector.id;
    const auto version = server.exchange ? server.exchange->version : ExchangeVersion::Ex2019;
    const std::string fqdn = !connector.fqdn.empty()
                                 ? connector.fqdn
                                 : (server.fqdn.empty() ? hostLabel(server) : server.fqdn);
    const auto& auth = connector.authMechanism;

    say([&] { return smtpStep(cid, "S: 220 " + fqdn + " Microsoft ESMTP MAIL Service ready"); });

    // EHLO (R23) and what devices on the path strip from it (R17).
    std::vector<std::string> verbs;
    if (auth.contains(AuthMechanism::Tls))
        verbs.push_back("STARTTLS");
    if (auth.contains(AuthMechanism::Integrated))
        verbs.push_back("AUTH NTLM");
    if (auth.contains(AuthMechanism::BasicAuth) &&
        !auth.contains(AuthMechanism::BasicAuthRequireTLS))
        verbs.push_back("AUTH LOGIN");
    if (auth.contains(AuthMechanism::ExchangeServer)) {
        verbs.push_back("X-ANONYMOUSTLS");
        verbs.push_back("X-EXPS GSSAPI NTLM");
    }
    std::vector<std::string> stripped;
    for (const auto& [verb, device] : in.strippedVerbs) {
        const std::string upperVerb = verb;
        auto it = std::find_if(verbs.begin(), verbs.end(), [&](const std::string& v) {
            return dns::toLowerAscii(v).starts_with(dns::toLowerAscii(upperVerb)) ||
                   (dns::toLowerAscii(upperVerb) == "gssapi" &&
                    dns::toLowerAscii(v).find("gssapi") != std::string::npos);
        });
        if (it == verbs.end())
            continue;
        stripped.push_back(verb);
        if (dns::toLowerAscii(verb) == "gssapi")
            *it = "X-EXPS NTLM";
        else
            verbs.erase(it);
        out.flags.push_back({"SMTP_VERBS_STRIPPED",
                             "R17",
                             {device, cid},
                             "a device on the path removes " + verb + " from the EHLO reply of " +
                                 hostLabel(server)});
    }
    std::string ehlo;
    for (const auto& v : verbs)
        ehlo += (ehlo.empty() ? "" : ", ") + v;
    say([&] {
        return smtpStep(cid,
                        "C: EHLO " + in.helo + "  S: 250 " + fqdn + " " +
                            (ehlo.empty() ? "(no extensions)" : ehlo),
                        {{"AuthMechanism", flagText(auth)}});
    });

    // Who the client is (R21).
    const bool clientIsExchange = in.client != nullptr && in.client->exchange.has_value();
    const bool legacyClient =
        clientIsExchange && in.client->exchange->version == ExchangeVersion::Ex2003;
    const bool xexps =
        std::any_of(verbs.begin(), verbs.end(),
                    [](const std::string& v) {
                        return v.starts_with("X-EXPS") && v.find("GSSAPI") != std::string::npos;
                    }) &&
        std::any_of(verbs.begin(), verbs.end(),
                    [](const std::string& v) { return v == "X-ANONYMOUSTLS"; });
    const bool externalAuthoritative = auth.contains(AuthMechanism::ExternalAuthoritative);
    Principal principal = Principal::Anonymous;
    std::string why;
    if (externalAuthoritative) {
        principal = Principal::ExternallySecured;
        why =
            "ExternalAuthoritative: every client inside the RemoteIPRanges is trusted from the "
            "start, without AUTH";
    } else if (clientIsExchange && xexps) {
        principal = legacyClient ? Principal::LegacyInterop : Principal::ExchangeServers;
        why = "Exchange Server authentication (X-ANONYMOUSTLS, X-EXPS GSSAPI) with " +
              hostLabel(*in.client);
    } else if (in.client != nullptr && in.client->kind == model::HostKind::Partner &&
               auth.contains(AuthMechanism::Tls) &&
               connector.permissionGroups.contains(PermissionGroup::Partners)) {
        principal = Principal::Partner;
        why = "mutual TLS with a domain-secure partner";
    } else {
        why = "no authentication completed";
    }

    const auto granted = grantRights(connector, principal);
    const Rights& rights = granted.rights;
    out.principal = principalName(principal);
    for (auto r : rights.values())
        out.rights.emplace_back(rightShortName(r));
    {
        Step step;
        step.kind = StepKind::Principal;
        step.rule = "R21";
        step.element = cid;
        step.summary = "principal " + out.principal + "; rights " + rightsText(rights);
        step.inputs = {{"why", why},
                       {"permission groups",
                        granted.grantedBy.empty() ? "none for this principal" : granted.grantedBy},
                       {"explicit ACEs", granted.aces.empty() ? "none" : granted.aces}};
        out.steps.push_back(std::move(step));
    }

    // R26: an Exchange server delivering inside the organisation insists on Exchange Server
    // authentication; without it the hop fails and the message stays queued.
    if (clientIsExchange && principal != Principal::ExchangeServers &&
        principal != Principal::LegacyInterop) {
        std::string cause = !auth.contains(AuthMechanism::ExchangeServer)
                                ? "the connector lacks the ExchangeServer auth mechanism"
                                : (!stripped.empty() ? "a device strips X-ANONYMOUSTLS/X-EXPS"
                                                     : "Exchange Server authentication failed");
        say([&] {
            return smtpStep(cid,
                            "S: 451 5.7.3 Cannot achieve Exchange Server authentication; " +
                                hostLabel(*in.client) + " keeps the message queued",
                            {{"cause", cause}}, "R26");
        });
        out.disposition.kind = DispositionKind::QueuedRetry;
        out.disposition.smtpCode = 451;
        out.disposition.enhancedStatus = "5.7.3";
        out.disposition.text =
            "451 4.4.0 Primary target IP address responded with: \"451 5.7.3 Cannot achieve "
            "Exchange Server authentication.\" Attempted failover to alternate host, but that "
            "did not succeed.";
        out.disposition.element = cid;
        out.disposition.rule = "R26";
        out.flags.push_back({"EXCHANGE_AUTH_FAILED",
                             "R26",
                             {cid, in.client->id, server.id},
                             hostLabel(*in.client) + " lands on " + connector.name +
                                 " and cannot authenticate as an Exchange server: " + cause});
        return out;
    }
    if (clientIsExchange && !rights.contains(ExtendedRight::Submit)) {
        out.flags.push_back({"EXCHANGE_AUTH_FAILED",
                             "R26",
                             {cid, in.client->id, server.id},
                             connector.name + " grants Exchange Servers no rights"});
    }

    // MAIL FROM (R23).
    const std::string senderDomain = domainOf(in.mailFrom);
    if (!rights.contains(ExtendedRight::Submit)) {
        say([&] {
            return smtpStep(
                cid,
                "C: MAIL FROM:<" + in.mailFrom + ">  S: 530 5.7.1 Client was not authenticated",
                {{"rights", rightsText(rights)}});
        });
        out.disposition = rejection(530, "5.7.1", "Client was not authenticated", cid, "R23");
        return out;
    }
    if (!senderDomain.empty() && isAcceptedDomain(org, senderDomain, true) &&
        !rights.contains(ExtendedRight::AcceptAuthoritativeDomainSender)) {
        say([&] {
            return smtpStep(
                cid,
                "C: MAIL FROM:<" + in.mailFrom +
                    ">  S: 550 5.7.1 Client does not have permissions to send as this sender",
                {{"sender domain", senderDomain + " (authoritative accepted domain)"},
                 {"rights", rightsText(rights) + " (no AuthDom)"}});
        });
        out.disposition = rejection(
            550, "5.7.1", "Client does not have permissions to send as this sender", cid, "R23");
        return out;
    }
    say([&] {
        return smtpStep(cid, "C: MAIL FROM:<" + in.mailFrom + ">  S: 250 2.1.0 Sender OK",
                        {{"sender domain", senderDomain + (isAcceptedDomain(org, senderDomain, true)
                                                               ? " (authoritative, AuthDom)"
                                                               : " (external)")}});
    });

    // RCPT TO (R23).
    bool anyAccepted = false, relayed = false;
    for (const auto& rcpt : in.rcptTo) {
        const std::string domain = domainOf(rcpt);
        if (isAcceptedDomain(org, domain)) {
            anyAccepted = true;
            say([&] {
                return smtpStep(cid, "C: RCPT TO:<" + rcpt + ">  S: 250 2.1.5 Recipient OK",
                                {{"recipient domain", domain + " (accepted domain)"}});
            });
        } else if (const auto* legacy = legacyRelayConnector(*in.design, server, domain)) {
            anyAccepted = relayed = true;
            say([&] {
                return smtpStep(
                    cid, "C: RCPT TO:<" + rcpt + ">  S: 250 2.1.5 Recipient OK (relay)",
                    {{"recipient domain", domain + " (not accepted)"},
                     {"relay allowed by", "SMTP connector '" + legacy->name +
                                              "': Allow messages to be relayed to these domains"}},
                    "R29");
            });
            out.flags.push_back(
                {"LEGACY_RELAY_ALLOWED",
                 "R29",
                 {legacy->id, server.id},
                 "SMTP connector '" + legacy->name + "' lets anyone relay to " + domain});
        } else if (rights.contains(ExtendedRight::AcceptAnyRecipient)) {
            anyAccepted = relayed = true;
            say([&] {
                return smtpStep(cid, "C: RCPT TO:<" + rcpt + ">  S: 250 2.1.5 Recipient OK (relay)",
                                {{"recipient domain", domain + " (not accepted)"},
                                 {"relay right", "AnyRcpt held by " + out.principal}},
                                "R25");
            });
        } else {
            const bool modern = version >= ExchangeVersion::Ex2013;
            const std::string status = modern ? "5.7.54" : "5.7.1";
            const std::string text = modern
                                         ? "SMTP; Unable to relay recipient in non-accepted domain"
                                         : "Unable to relay";
            say([&] {
                return smtpStep(cid, "C: RCPT TO:<" + rcpt + ">  S: 550 " + status + " " + text,
                                {{"recipient domain", domain + " (not accepted)"},
                                 {"rights", rightsText(rights) + " (no AnyRcpt)"}});
            });
            if (out.disposition.kind != DispositionKind::Rejected)
                out.disposition = rejection(550, status, text, cid, "R23");
        }
    }
    if (!anyAccepted)
        return out;
    out.disposition = {};

    say([&] { return smtpStep(cid, "C: DATA ... .  S: 250 2.6.0 Queued mail for delivery"); });

    // Header firewall (R24).
    std::vector<net::Address> chain = in.receivedChain;
    {
        std::vector<std::string> notes;
        if (!rights.contains(ExtendedRight::AcceptRoutingHeaders) && !chain.empty()) {
            chain.clear();
            notes.push_back("Received headers removed (no HdrR)");
        }
        if (rights.contains(ExtendedRight::AcceptAuthenticationFlag))
            notes.push_back(
                "message treated as authenticated and internal (AuthFlag): sender "
                "resolved against the GAL");
        if (rights.contains(ExtendedRight::BypassAntiSpam))
            notes.push_back("anti-spam agents skip it (BypassAS)");
        if (!notes.empty()) {
            Step step;
            step.kind = StepKind::Note;
            step.rule = "R24";
            step.element = cid;
            for (const auto& n : notes)
                step.summary += (step.summary.empty() ? "" : "; ") + n;
            out.steps.push_back(std::move(step));
        }
    }

    // Originating IP and anti-spam (R30–R32).
    auto judged = runAntiSpam({in.design, &server, in.seenSource, chain, rights, in.mailFrom,
                               in.helo, senderDomain, in.resolver, in.explain});
    for (auto& step : judged.steps)
        out.steps.push_back(std::move(step));
    out.originatingIp = judged.originatingIp;
    if (judged.verdict) {
        out.disposition = *judged.verdict;
        return out;
    }

    out.accepted = true;
    out.disposition.kind = relayed ? DispositionKind::Relayed : DispositionKind::Delivered;
    out.disposition.smtpCode = 250;
    out.disposition.enhancedStatus = "2.6.0";
    out.disposition.element = cid;
    out.disposition.rule = relayed ? "R25" : "R23";
    out.disposition.text = relayed ? "accepted by " + hostLabel(server) + "\\" + connector.name +
                                         " for relay to a non-accepted domain"
                                   : "accepted by " + hostLabel(server) + "\\" + connector.name;
    return out;
}

}  // namespace mailtopo::sim
