#pragma once
// Find by name or IP (Edit › Find): which elements of the design a query names. An IP
// address finds what holds it — NIC and device interface addresses, VIPs and SNAT
// addresses, NAT public and inside addresses — and then the segments whose subnet contains
// it; any other text finds elements whose name, id or FQDN contains it (case-insensitive).

#include <QString>
#include <QStringList>

#include "core/model/design.h"

namespace mailtopo::ui {

// Element ids in a stable order: what holds an address first, then hosts, devices,
// segments and receive connectors as the design lists them.
QStringList findElements(const model::Design& design, const QString& query);

}  // namespace mailtopo::ui
