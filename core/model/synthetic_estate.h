#pragma once
// Generates a large but realistic design: sites of Exchange servers behind per-site load
// balancers (SNAT or DSR), application clients in per-site client VLANs, custom receive
// connectors with long RemoteIPRanges lists, a perimeter firewall with inbound NAT to every
// site's VIP and per-site outbound NAT, send connectors and DNS. Used by `mailtopo-cli
// generate`, by benchmarks (500 servers / 5,000 connectors / 100,000 ranges) and by GUI
// stress tests.
//
// Deterministic: the same parameters (seed included) always give the same design, on every
// platform — the choices come from a self-contained splitmix64 generator, not from <random>
// distributions whose output differs between standard libraries. The estate is structurally
// valid: the custom connectors of one server bind the same 0.0.0.0:25, so their ranges are
// made pairwise disjoint or strictly nested (R19a), and no address is assigned twice except
// the DSR VIPs on the members' loopback adapters (R11).

#include <cstdint>

#include "core/model/design.h"

namespace mailtopo::model {

struct EstateParameters {
    int servers = 20;         // Exchange servers in total (at least 1)
    int serversPerSite = 10;  // servers share a site LAN and a load balancer (1-200)
    int clientsPerSite = 3;   // application clients per site, unless applicationHosts is set
    uint64_t seed = 1;        // drives the SNAT/DSR mix and the shape of the ranges
    // Custom FrontendTransport connectors on 0.0.0.0:25 per server, on top of the implicit
    // defaults: Relay (anonymous relay for the site's applications), Partner (TLS partners),
    // Authenticated (ExchangeUsers submission), then again in that order.
    int connectorsPerServer = 2;
    int rangesPerConnector = 20;  // RemoteIPRanges entries of each custom connector
    int applicationHosts = -1;    // in total, spread over the sites; negative: clientsPerSite each
};

// The range entries the partner/application address pool can hold: custom connectors draw
// /29 blocks from 100.64.0.0/10, so sites × connectorsPerServer × rangesPerConnector must stay
// within this (generateEstate shortens the lists when it would not).
inline constexpr long long kEstateRangeCapacity = 524288;

// Sites the generator lays out for these parameters.
int estateSites(const EstateParameters& parameters);

Design generateEstate(const EstateParameters& parameters);

}  // namespace mailtopo::model
