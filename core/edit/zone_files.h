#pragma once
// Zone files (RFC 1035 master format, as BIND writes them and as the Windows DNS server keeps
// them in %SystemRoot%\System32\dns\*.dns) brought into a design as its DNS zone data, so
// the DNS checks (R33–R38) judge what is really published. One function for the GUI's import
// and `mailtopo-cli import` alike.

#include <filesystem>
#include <string>
#include <vector>

#include "core/model/design.h"

namespace mailtopo::edit {

struct ZoneFileImport {
    bool ok = false;
    // When !ok: one per unreadable file, "db.contoso:12: Syntax error, …"; nothing changed.
    std::vector<std::string> errors;
    // When ok: one line per zone, "contoso.example. (external): 14 records, replaced".
    std::vector<std::string> lines;
    int created = 0;
    int replaced = 0;

    // "DNS zone files" and a line per zone read, for an import log; empty when no zone file
    // was read.
    std::string logText() const;
};

// Reads every file and puts each zone into `design` with the view given: a zone of the same
// origin and view is replaced (keeping its id, so references stay), else one is added. The
// origin is the file's $ORIGIN or SOA owner, else its name (contoso.com.dns → contoso.com).
// All or nothing: if any file is unreadable, `design` is left as it was.
ZoneFileImport importZoneFiles(model::Design& design,
                               const std::vector<std::filesystem::path>& files,
                               model::DnsView view);

}  // namespace mailtopo::edit
