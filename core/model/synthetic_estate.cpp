#include "core/model/synthetic_estate.h"

#include <algorithm>
#include <string>

namespace mailtopo::model {
namespace {

// ---- determinism --------------------------------------------------------------------------

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence everywhere, which
// <random>'s distributions do not promise.
class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    // 0 .. n-1; the modulo bias is irrelevant for n this small.
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }

private:
    uint64_t state_;
};

// ---- address plan -------------------------------------------------------------------------

net::Address v4(uint32_t value) {
    return net::Address::v4(value);
}

net::Address v4(int a, int b, int c, int d) {
    return v4((static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) |
              (static_cast<uint32_t>(c) << 8) | static_cast<uint32_t>(d));
}

// Site n's server LAN is 10.a.b.0/24 with a = 1 + (n-1)/250 and b = (n-1)%250: .1 is the
// router, .5 the load balancer (and SNAT address), .50 the VIP, .10-.209 the servers.
net::Address lan(int site, int host) {
    return v4(10, 1 + (site - 1) / 250, (site - 1) % 250, host);
}

// Client VLANs come from 10.128.0.0/9, one /24 after the other (240 clients each, .1 is the
// router), so a site can have as many application hosts as it needs.
constexpr int kClientsPerSubnet = 240;
net::Address clientSubnet(int index, int host) {
    return v4(10, 128 + index / 256, index % 256, host);
}

// The core transit network: the firewall's inside leg is .1, site n's router 2 + n.
net::Address core(int site) {
    return v4((10u << 24) | (255u << 16) | static_cast<uint32_t>(2 + site));
}

// Each site's MX: public address on the firewall's outside, statically NATed to the VIP.
// 198.51.100.25 is site 1 (what the MX record names); past 200 sites the firewall also owns
// 198.18.0.0/15.
constexpr int kSitesInDocumentationNet = 200;
net::Address sitePublic(int site) {
    if (site <= kSitesInDocumentationNet)
        return v4(198, 51, 100, 24 + site);
    return v4((198u << 24) | (18u << 16) | static_cast<uint32_t>(16 + site));
}

// Partner and application networks listed in custom connectors: /29 blocks of 100.64.0.0/10.
net::Address poolBlock(long long index) {
    return v4((100u << 24) | (64u << 16) | static_cast<uint32_t>(index * 8));
}

// IPv4 address arithmetic within the pool (no wrap can happen: blocks stay inside /10).
net::Address plus(const net::Address& address, uint32_t offset) {
    return v4(address.v4Value() + offset);
}

net::Prefix prefix(const net::Address& address, int length) {
    return net::Prefix(address.masked(length), length);
}

// Zero-padded to `width` digits: names stay unique ("EX" + site + server) whatever the counts.
std::string padded(int n, int width) {
    std::string digits = std::to_string(n);
    if (static_cast<int>(digits.size()) < width)
        digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
    return digits;
}

int digitsOf(int n) {
    return static_cast<int>(std::to_string(n).size());
}

IpAssignment assignment(const net::Address& address, int length, bool skipAsSource = false) {
    return {address, length, skipAsSource, AddressOrigin::Manual};
}

// ---- receive connector ranges -------------------------------------------------------------

// Builds the RemoteIPRanges of one site's custom connectors. Every entry owns a /29 block of
// the pool, written as the whole block, one address, a short span or a netmask; now and then
// a later connector lists one address inside an earlier connector's whole-block entry. So
// the entries of one server's connectors are pairwise disjoint or strictly nested (R19a),
// and R20 has real "most specific" decisions to make.
class RangePlanner {
public:
    RangePlanner(SplitMix64& random, long long& nextBlock, long long blockLimit)
        : random_(random), nextBlock_(nextBlock), blockLimit_(blockLimit) {}

    std::vector<net::IpRange> connector(int count, std::vector<net::IpRange> entries) {
        std::vector<Block> mine;
        while (static_cast<int>(entries.size()) < count) {
            if (!earlier_.empty() && random_.below(8) == 0) {
                if (auto inside = nestedAddress()) {
                    entries.push_back(net::IpRange::single(*inside));
                    continue;
                }
            }
            if (nextBlock_ >= blockLimit_)
                break;
            const net::Address base = poolBlock(nextBlock_++);
            switch (random_.below(8)) {
                case 0:
                case 1:
                case 2:
                    entries.push_back(net::IpRange::cidr(net::Prefix(base, 29)));
                    mine.push_back({base, 0});
                    break;
                case 3:
                case 4:
                case 5:
                    entries.push_back(net::IpRange::single(plus(base, 1 + random_.below(6))));
                    break;
                case 6:
                    entries.push_back(
                        net::IpRange::span(plus(base, 1), plus(base, 2 + random_.below(5))));
                    break;
                default:
                    entries.push_back(net::IpRange::netmask(base, 29));
                    mine.push_back({base, 0});
                    break;
            }
        }
        earlier_.insert(earlier_.end(), mine.begin(), mine.end());
        return entries;
    }

private:
    struct Block {
        net::Address base;
        uint8_t used = 0;  // offsets 1..6 already listed by a nested entry
    };

    // A free address strictly inside an earlier connector's whole-block entry.
    std::optional<net::Address> nestedAddress() {
        Block& block = earlier_[random_.below(static_cast<uint32_t>(earlier_.size()))];
        const uint32_t start = random_.below(6);
        for (uint32_t i = 0; i < 6; ++i) {
            const uint32_t offset = 1 + (start + i) % 6;
            if ((block.used & (1u << offset)) == 0) {
                block.used = static_cast<uint8_t>(block.used | (1u << offset));
                return plus(block.base, offset);
            }
        }
        return std::nullopt;
    }

    SplitMix64& random_;
    long long& nextBlock_;
    long long blockLimit_;
    std::vector<Block> earlier_;
};

enum class ConnectorKind { Relay, Partner, Authenticated };

ReceiveConnector customConnector(const Host& server, int k, std::vector<net::IpRange> ranges) {
    static const net::Binding kAnyPort25(net::Address(), 25);
    const auto kind = static_cast<ConnectorKind>(k % 3);
    const int round = k / 3 + 1;
    const std::string suffix = round == 1 ? std::string() : std::to_string(round);
    ReceiveConnector c;
    c.serverId = server.id;
    c.bindings.push_back(kAnyPort25);
    c.remoteIpRanges = std::move(ranges);
    switch (kind) {
        case ConnectorKind::Relay:
            c.id = "rc-" + server.name + "-relay" + suffix;
            c.name = round == 1 ? std::string("Relay") : "Relay " + suffix;
            c.permissionGroups = {PermissionGroup::AnonymousUsers};
            c.authMechanism = {AuthMechanism::Tls};
            c.permissions.push_back({"NT AUTHORITY\\ANONYMOUS LOGON",
                                     {ExtendedRight::AcceptAnyRecipient},
                                     false,
                                     false});
            c.comment = "Anonymous relay for the site's applications (R25 M1)";
            break;
        case ConnectorKind::Partner:
            c.id = "rc-" + server.name + "-partner" + std::to_string(round);
            c.name = "Partner " + std::to_string(round);
            c.permissionGroups = {PermissionGroup::Partners};
            c.authMechanism = {AuthMechanism::Tls};
            c.comment = "TLS partners";
            break;
        case ConnectorKind::Authenticated:
            c.id = "rc-" + server.name + "-auth" + std::to_string(round);
            c.name = "Authenticated " + std::to_string(round);
            c.permissionGroups = {PermissionGroup::ExchangeUsers};
            c.authMechanism = {AuthMechanism::Tls, AuthMechanism::BasicAuth,
                               AuthMechanism::BasicAuthRequireTLS};
            c.comment = "Authenticated submission from application networks";
            break;
    }
    return c;
}

// ---- the estate ---------------------------------------------------------------------------

struct Plan {
    int servers = 1;
    int perSite = 1;
    int sites = 1;
    int connectors = 0;
    int ranges = 0;
    std::vector<int> appsPerSite;  // index site-1
};

Plan plan(const EstateParameters& p) {
    Plan out;
    out.servers = std::max(1, p.servers);
    out.perSite = std::clamp(p.serversPerSite, 1, 200);
    out.sites = (out.servers + out.perSite - 1) / out.perSite;
    out.connectors = std::max(0, p.connectorsPerServer);
    out.ranges = std::max(1, p.rangesPerConnector);
    const long long wanted = static_cast<long long>(out.sites) * out.connectors * out.ranges;
    if (wanted > kEstateRangeCapacity) {
        out.ranges = static_cast<int>(std::max<long long>(
            1, kEstateRangeCapacity / (static_cast<long long>(out.sites) * out.connectors)));
    }
    const int apps =
        p.applicationHosts >= 0 ? p.applicationHosts : out.sites * std::max(0, p.clientsPerSite);
    // Round robin over the sites, so every site gets its share.
    out.appsPerSite.assign(static_cast<size_t>(out.sites), apps / out.sites);
    for (int i = 0; i < apps % out.sites; ++i)
        ++out.appsPerSite[static_cast<size_t>(i)];
    return out;
}

Host internetSender() {
    Host sender;
    sender.id = "internet-sender";
    sender.name = "Internet sender";
    sender.kind = HostKind::InternetSender;
    sender.os = OperatingSystem::Linux;
    sender.smtp = SmtpProperties{};
    sender.smtp->mailFrom = "someone@fabrikam.example";
    Nic nic;
    nic.id = "internet-sender-nic";
    nic.alias = "eth0";
    nic.segmentId = "seg-internet";
    nic.addresses.push_back(assignment(v4(203, 0, 113, 66), 24));
    sender.nics.push_back(nic);
    // On-link default route: the internet is one segment (as in the scenarios).
    sender.routes.push_back({prefix(net::Address(), 0), std::nullopt, nic.id, 0});
    return sender;
}

// Fabrikam's MX on the internet: where "To Fabrikam (TLS)" delivers, so outbound traces end
// at a receiver rather than at a missing DNS record.
Host partnerMta() {
    Host mta;
    mta.id = "fabrikam-mx";
    mta.name = "Fabrikam MX";
    mta.fqdn = "mx.fabrikam.example";
    mta.kind = HostKind::Partner;
    mta.os = OperatingSystem::Linux;
    mta.smtp = SmtpProperties{};
    mta.smtp->listenPorts = {25};
    mta.smtp->localDomains = {"fabrikam.example"};
    mta.smtp->heloName = mta.fqdn;
    mta.smtp->requireTls = true;
    Nic nic;
    nic.id = "fabrikam-mx-nic";
    nic.alias = "eth0";
    nic.segmentId = "seg-internet";
    nic.addresses.push_back(assignment(v4(203, 0, 113, 25), 24));
    mta.nics.push_back(nic);
    mta.routes.push_back({prefix(net::Address(), 0), std::nullopt, nic.id, 0});
    return mta;
}

Firewall perimeterFirewall(int sites) {
    Firewall fw;
    fw.id = "fw-edge";
    fw.name = "Perimeter firewall";
    fw.zones = {{"outside", 0}, {"inside", 100}};
    DeviceInterface outside{"fw-edge-outside",
                            "outside",
                            "seg-internet",
                            {assignment(v4(198, 51, 100, 1), 24)},
                            "outside"};
    if (sites > kSitesInDocumentationNet)
        outside.addresses.push_back(assignment(v4(198, 18, 0, 1), 15));
    fw.interfaces.push_back(outside);
    fw.interfaces.push_back(
        {"fw-edge-inside", "inside", "seg-core", {assignment(v4(10, 255, 0, 1), 16)}, "inside"});
    fw.routes.push_back({prefix(net::Address(), 0), std::nullopt, "fw-edge-outside", 0});
    fw.rules.push_back({"fw-edge-smtp-in",
                        "SMTP to the sites' MX",
                        "outside",
                        "inside",
                        {},
                        {},
                        {25},
                        FirewallAction::Allow});
    fw.rules.push_back(
        {"fw-edge-smtp-out", "SMTP out", "inside", "outside", {}, {}, {25}, FirewallAction::Allow});
    return fw;
}

DnsZone dnsZone(int sites) {
    DnsZone zone;
    zone.id = "zone-tailspin";
    zone.origin = "tailspin.example.";
    zone.records.push_back({"@", "MX", 86400, "10 mail.tailspin.example."});
    zone.records.push_back({"mail", "A", 86400, sitePublic(1).toString()});
    for (int site = 1; site <= sites; ++site) {
        zone.records.push_back(
            {"smtp-site" + std::to_string(site), "A", 86400, sitePublic(site).toString()});
    }
    std::string spf = "\"v=spf1 ip4:198.51.100.0/24";
    if (sites > kSitesInDocumentationNet)
        spf += " ip4:198.18.0.0/15";
    spf += " -all\"";
    zone.records.push_back({"@", "TXT", 3600, spf});
    return zone;
}

}  // namespace

int estateSites(const EstateParameters& parameters) {
    return plan(parameters).sites;
}

Design generateEstate(const EstateParameters& parameters) {
    const Plan p = plan(parameters);
    SplitMix64 random(parameters.seed);
    const int siteDigits = std::max(2, digitsOf(p.sites));
    const int serverDigits = std::max(2, digitsOf(p.perSite));
    const int appDigits =
        std::max(2, digitsOf(*std::max_element(p.appsPerSite.begin(), p.appsPerSite.end())));

    Design d;
    d.info.name = "Synthetic estate (" + std::to_string(p.servers) + " servers)";
    d.info.description = "Generated by mailtopo-cli generate (seed " +
                         std::to_string(parameters.seed) + "): " + std::to_string(p.sites) +
                         " sites, each with a SNAT or DSR load balancer, a client VLAN and " +
                         std::to_string(p.connectors) +
                         " custom receive connectors per server; one perimeter firewall.";
    d.organization.name = "Tailspin Toys";
    d.organization.acceptedDomains.push_back({"ad-tailspin", "tailspin.example", "tailspin.example",
                                              AcceptedDomainType::Authoritative, true});

    View view{"view-main", "Estate", {}};
    Segment internet{"seg-internet",
                     "Internet",
                     SegmentKind::Internet,
                     {prefix(v4(203, 0, 113, 0), 24), prefix(v4(198, 51, 100, 0), 24)},
                     {}};
    if (p.sites > kSitesInDocumentationNet)
        internet.subnets.push_back(prefix(v4(198, 18, 0, 0), 15));
    d.segments.push_back(internet);
    d.segments.push_back(
        {"seg-core", "Core", SegmentKind::Lan, {prefix(v4(10, 255, 0, 0), 16)}, {}});
    view.placements["seg-internet"] = {0, 0};
    view.placements["seg-core"] = {500, 0};

    d.hosts.push_back(internetSender());
    view.placements["internet-sender"] = {-300, 0};

    Firewall fw = perimeterFirewall(p.sites);
    view.placements[fw.id] = {250, 0};

    SendConnector toInternet;
    toInternet.id = "sc-internet";
    toInternet.name = "To Internet";
    toInternet.addressSpaces.push_back({"SMTP", "*", 1});
    toInternet.fqdn = "mail.tailspin.example";
    SendConnector toPartner;
    toPartner.id = "sc-fabrikam";
    toPartner.name = "To Fabrikam (TLS)";
    toPartner.addressSpaces.push_back({"SMTP", "fabrikam.example", 1});
    toPartner.requireTls = true;
    toPartner.fqdn = "mail.tailspin.example";

    long long nextBlock = 0;
    int nextClientSubnet = 0;
    int serverNumber = 0;
    for (int site = 1; site <= p.sites; ++site) {
        const std::string s = std::to_string(site);
        const double top = (site - 1) * 900.0;
        const std::string segId = "seg-site" + s;
        d.segments.push_back(
            {segId, "Site " + s + " LAN", SegmentKind::Lan, {prefix(lan(site, 0), 24)}, {}});
        view.placements[segId] = {900.0, top};

        // The client VLAN: as many /24s as the site's applications need.
        const int apps = p.appsPerSite[static_cast<size_t>(site - 1)];
        const int clientSubnets = (apps + kClientsPerSubnet - 1) / kClientsPerSubnet;
        const int firstClientSubnet = nextClientSubnet;
        nextClientSubnet += clientSubnets;
        const std::string clientSegId = segId + "-clients";
        if (clientSubnets > 0) {
            Segment clients{clientSegId, "Site " + s + " clients", SegmentKind::Lan, {}, {}};
            for (int i = 0; i < clientSubnets; ++i)
                clients.subnets.push_back(prefix(clientSubnet(firstClientSubnet + i, 0), 24));
            d.segments.push_back(clients);
            view.placements[clientSegId] = {400.0, top + 300.0};
        }

        Router router;
        router.id = "rtr-site" + s;
        router.name = "Site " + s + " router";
        router.interfaces.push_back(
            {router.id + "-core", "core", "seg-core", {assignment(core(site), 16)}, {}});
        router.interfaces.push_back(
            {router.id + "-lan", "lan", segId, {assignment(lan(site, 1), 24)}, {}});
        if (clientSubnets > 0) {
            DeviceInterface leg{router.id + "-clients", "clients", clientSegId, {}, {}};
            for (int i = 0; i < clientSubnets; ++i)
                leg.addresses.push_back(assignment(clientSubnet(firstClientSubnet + i, 1), 24));
            router.interfaces.push_back(leg);
        }
        router.routes.push_back(
            {prefix(net::Address(), 0), v4(10, 255, 0, 1), router.id + "-core", 0});
        view.placements[router.id] = {700.0, top};
        d.routers.push_back(router);

        fw.routes.push_back({prefix(lan(site, 0), 24), core(site), "fw-edge-inside", 0});
        for (int i = 0; i < clientSubnets; ++i) {
            fw.routes.push_back({prefix(clientSubnet(firstClientSubnet + i, 0), 24), core(site),
                                 "fw-edge-inside", 0});
        }

        // A third of the sites (by seed) use direct server return, the rest SNAT.
        const bool dsr = random.below(3) == 0;
        LoadBalancer lb;
        lb.id = "lb-site" + s;
        lb.name = "Site " + s + " SMTP load balancer";
        lb.interfaces.push_back({lb.id + "-lan", "lan", segId, {assignment(lan(site, 5), 24)}, {}});
        lb.routes.push_back({prefix(net::Address(), 0), lan(site, 1), lb.id + "-lan", 0});
        Vip vip;
        vip.id = lb.id + "-vip";
        vip.name = "smtp-site" + s;
        vip.address = lan(site, 50);
        vip.mode = dsr ? LoadBalancerMode::Dsr : LoadBalancerMode::Snat;
        if (!dsr)
            vip.snatAddress = lan(site, 5);

        fw.inboundNat.push_back({"fw-edge-nat-mx-site" + s, "MX site " + s, sitePublic(site), 25,
                                 vip.address, 25, std::nullopt});
        fw.outboundNat.push_back({"fw-edge-nat-out-site" + s,
                                  "Mail out site " + s,
                                  {net::IpRange::cidr(prefix(lan(site, 0), 24))},
                                  sitePublic(site)});

        // Application hosts are planned first (the Relay connector lists them) but listed
        // after the site's servers.
        std::vector<Host> appHosts;
        std::vector<net::IpRange> appRanges;
        for (int c = 0; c < apps; ++c) {
            const int subnet = firstClientSubnet + c / kClientsPerSubnet;
            const net::Address address = clientSubnet(subnet, 10 + c % kClientsPerSubnet);
            Host app;
            app.id = "app-site" + s + "-" + std::to_string(c + 1);
            app.name = "APP" + padded(site, siteDigits) + padded(c + 1, appDigits);
            app.kind = HostKind::ApplicationClient;
            app.os = OperatingSystem::Windows2019;
            app.smtp = SmtpProperties{};
            app.smtp->submitTo = vip.address.toString() + ":25";
            app.smtp->mailFrom = "noreply@tailspin.example";
            Nic nic;
            nic.id = app.id + "-nic";
            nic.alias = "Ethernet";
            nic.interfaceIndex = 3;
            nic.segmentId = clientSegId;
            nic.addresses.push_back(assignment(address, 24));
            nic.gateways.push_back(clientSubnet(subnet, 1));
            app.nics.push_back(nic);
            view.placements[app.id] = {400.0 + (c % 10) * 40.0, top + 360.0 + (c / 10) * 60.0};
            appHosts.push_back(std::move(app));
            if (static_cast<int>(appRanges.size()) < p.ranges)
                appRanges.push_back(net::IpRange::single(address));
        }

        // One range list per connector slot, shared by the site's servers (admins configure
        // a site's servers alike; R19a only constrains connectors of one server).
        RangePlanner planner(random, nextBlock, kEstateRangeCapacity);
        std::vector<std::vector<net::IpRange>> siteRanges;
        for (int k = 0; k < p.connectors; ++k) {
            siteRanges.push_back(planner.connector(
                p.ranges, k == 0 ? std::move(appRanges) : std::vector<net::IpRange>{}));
        }

        const int first = serverNumber;
        const int last = std::min(p.servers, first + p.perSite);
        for (int i = first; i < last; ++i, ++serverNumber) {
            const int local = i - first;
            const std::string name =
                "EX" + padded(site, siteDigits) + padded(local + 1, serverDigits);
            Host ex;
            ex.id = "host-" + name;
            ex.name = name;
            ex.fqdn = name + ".tailspin.example";
            ex.kind = HostKind::ExchangeServer;
            ex.os = OperatingSystem::Windows2022;
            ex.exchange = ExchangeProperties{};
            ex.exchange->version = ExchangeVersion::Ex2019;
            ex.exchange->site = "Site-" + s;
            Nic nic;
            nic.id = ex.id + "-mapi";
            nic.alias = "MAPI";
            nic.interfaceIndex = 4;
            nic.segmentId = segId;
            nic.addresses.push_back(assignment(lan(site, 10 + local), 24));
            nic.gateways.push_back(lan(site, 1));
            nic.weakHostReceive = dsr;  // R11 step 3
            ex.nics.push_back(nic);
            if (dsr) {
                // R11: the VIP on an ARP-silent KM-TEST loopback, never a source, not in DNS.
                Nic loopback;
                loopback.id = ex.id + "-loopback";
                loopback.alias = "Loopback";
                loopback.interfaceIndex = 9;
                loopback.addresses.push_back(assignment(vip.address, 32, true));
                loopback.interfaceMetric = 254;
                loopback.weakHostSend = true;
                loopback.weakHostReceive = true;
                loopback.registerInDns = false;
                loopback.loopbackAdapter = true;
                ex.nics.push_back(loopback);
            }
            vip.pool.push_back({ex.id, {}, 25});
            toInternet.sourceServerIds.push_back(ex.id);
            if (site == 1)
                toPartner.sourceServerIds.push_back(ex.id);
            view.placements[ex.id] = {1200.0 + (local % 5) * 320.0, top + (local / 5) * 260.0};
            for (int k = 0; k < p.connectors; ++k)
                d.receiveConnectors.push_back(
                    customConnector(ex, k, siteRanges[static_cast<size_t>(k)]));
            d.hosts.push_back(std::move(ex));
        }
        for (auto& app : appHosts)
            d.hosts.push_back(std::move(app));
        view.placements[lb.id] = {900.0, top + 300.0};
        lb.vips.push_back(vip);
        d.loadBalancers.push_back(lb);
    }
    d.hosts.push_back(partnerMta());
    view.placements["fabrikam-mx"] = {-300, 300};
    d.firewalls.push_back(fw);
    d.sendConnectors.push_back(toInternet);
    d.sendConnectors.push_back(toPartner);
    d.dnsZones.push_back(dnsZone(p.sites));
    DnsZone fabrikam;
    fabrikam.id = "zone-fabrikam";
    fabrikam.origin = "fabrikam.example.";
    fabrikam.records.push_back({"@", "MX", 3600, "10 mx.fabrikam.example."});
    fabrikam.records.push_back({"mx", "A", 3600, "203.0.113.25"});
    fabrikam.records.push_back({"@", "TXT", 3600, "\"v=spf1 ip4:203.0.113.0/24 -all\""});
    d.dnsZones.push_back(fabrikam);
    d.views.push_back(std::move(view));
    return d;
}

}  // namespace mailtopo::model
