#pragma once
// Copy and paste between designs (and between windows, through the clipboard) as JSON. A
// fragment is an ordinary .mailtopo document holding only the copied elements, with their
// placements on one view, so the clipboard text is readable, diffable and can be pasted
// into a text editor or saved as a file — and any .mailtopo file's text can be pasted.
// Duplicate is copy then paste into the same design.

#include <string>
#include <string_view>
#include <vector>

#include "core/edit/change_set.h"
#include "core/io/diagnostic.h"
#include "core/model/design.h"

namespace mailtopo::edit {

// The MIME type the GUI puts fragments on the clipboard under (plain text goes beside it).
inline constexpr std::string_view kFragmentMimeType = "application/x-mailtopo-fragment";

// The fragment for elements `ids` (hosts, segments, routers, load balancers, firewalls,
// connectors, DNS zones, flows; nested ids are taken as their owner). A copied server
// brings its receive connectors. Placements come from view `viewId` (or the first view).
std::string copyFragment(const model::Design& design, const std::vector<model::Id>& ids,
                         const std::string& viewId = {});

struct PasteResult {
    bool ok = false;
    io::Diagnostics diagnostics;   // why the text is not a fragment, with line:column
    std::vector<model::Id> added;  // the new top-level elements, in fragment order
    int renamed = 0;               // ids or names changed because the design already had them
    int detached = 0;     // references to elements neither pasted nor in the design, dropped
    int readdressed = 0;  // interface addresses moved to the next free one in their subnet
    ChangeSet changes;    // every new id, nested ones included; the placed ones also moved
};

// Adds the fragment's elements to `design`. Ids and names already in use get fresh ones
// (every reference inside the fragment follows); references to elements outside the
// fragment are kept when the design has them (a pasted server stays on the same LAN) and
// dropped otherwise. An interface address the design already uses moves to the next free
// address of its subnet, so a duplicated server does not clash with its original. Placements land
// on view `viewId` shifted by (dx, dy). On failure the design is unchanged.
PasteResult pasteFragment(model::Design& design, std::string_view text,
                          const std::string& viewId = {}, double dx = 0, double dy = 0);

// Copies `ids` and pastes them back shifted by (dx, dy): the editor's Duplicate.
PasteResult duplicateElements(model::Design& design, const std::vector<model::Id>& ids,
                              const std::string& viewId = {}, double dx = 40, double dy = 40);

}  // namespace mailtopo::edit
