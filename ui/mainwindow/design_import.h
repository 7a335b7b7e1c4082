#pragma once
// Import of PowerShell JSON exports and DNS zone files into the open design, as one undoable
// step: the files (or folders) are read and merged by core's importers into a copy of the
// design (exports first, then the zones), and only a complete, successful import replaces it. A
// failed import leaves the design untouched and says which file is unreadable and where
// (file:line:column).

#include <QString>
#include <QStringList>

#include "core/model/enums.h"

namespace mailtopo::ui {

class DesignDocument;

struct ImportOutcome {
    bool ok = false;
    QString summary;     // one line for the status bar and the dialog's title text
    QString log;         // the importer's text log: files, objects, unreadable fields and fixes
    QStringList errors;  // when !ok: one per problem, "rc.json:12:5: …"
};

// How the files are told apart: zone files by their names and everything else as exports,
// or every file a zone file (File › Import DNS Zone Files…, whatever the files are called).
enum class ImportAs { ByName, ZoneFiles };

// `zoneView`: the DNS view the zone files among `paths` describe.
ImportOutcome importIntoDocument(DesignDocument& document, const QStringList& paths,
                                 model::DnsView zoneView = model::DnsView::External,
                                 ImportAs as = ImportAs::ByName);

// Whether `paths` name zone files or folders holding some (so the view must be chosen).
bool holdsZoneFiles(const QStringList& paths);

// Whether a dropped or chosen path looks like an export to import rather than a design to
// open: a folder, or a file that is not a .mailtopo design.
bool isImportPath(const QString& path);

}  // namespace mailtopo::ui
