#pragma once
// Generates a large but realistic design: sites of Exchange servers behind per-site load
// balancers, a perimeter firewall, relay clients and DNS. Used by `mailtopo-cli generate`,
// by benchmarks (the 200-server estate of the report target) and by GUI stress tests.
// Deterministic: the same parameters always give the same design.

#include "core/model/design.h"

namespace mailtopo::model {

struct EstateParameters {
    int servers = 20;         // Exchange servers in total (at least 1)
    int serversPerSite = 10;  // servers share a site LAN and a load balancer
    int clientsPerSite = 3;   // application clients (scanners, apps) per site
};

Design generateEstate(const EstateParameters& parameters);

}  // namespace mailtopo::model
