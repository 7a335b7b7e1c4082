#pragma once
// Import of PowerShell JSON exports (Get-ExchangeServer, Get-ReceiveConnector, Get-SendConnector,
// Get-TransportConfig, Get-AcceptedDomain, Get-ADPermission, Get-NetIPAddress, Get-NetIPInterface,
// Get-NetAdapter, Get-NetRoute, Get-DnsClientServerAddress) into a new design or into an
// existing one.
//
// Each file's cmdlet is recognised from its content, in every variant the field meets
// (powershell-exports.md): Exchange Management Shell object form or remote-session string form,
// Windows PowerShell 5.1 or PowerShell 7 with or without -EnumsAsStrings, one object or an
// array, UTF-8 with or without BOM or UTF-16, depth-truncated values, CIM noise, warning lines
// in the file. The import is all-or-nothing: if any file is unreadable, no design is returned
// and the log says where each broken file went wrong (file:line:column).

#include <optional>
#include <string>
#include <vector>

#include "core/io/powershell/import_log.h"
#include "core/model/design.h"

namespace mailtopo::io::powershell {

struct ImportInput {
    std::string name;   // how the log names the file (the path the user gave)
    std::string bytes;  // the file's content, in whatever encoding PowerShell wrote
};

struct ImportOptions {
    // Place new hosts and segments on the design's first view with Graphviz dot.
    bool autoLayout = true;
};

struct ImportResult {
    std::optional<model::Design> design;  // set when log.ok
    ImportLog log;

    bool ok() const { return design.has_value(); }
};

// Imports `inputs` into a copy of `base` (merge), or into a new design when `base` is null.
// The inputs are read in name order, so their order does not change the result, and the same
// inputs always give the same design and log.
ImportResult importExports(std::vector<ImportInput> inputs, const model::Design* base = nullptr,
                           const ImportOptions& options = {});

}  // namespace mailtopo::io::powershell
