#pragma once
// The typed elements an architect can add to a design — the editor's palette and the
// CLI's `edit --add` — and what a new one looks like. A new element is complete enough to
// be valid and simulated at once: an Exchange server gets its version, roles and OS, and
// Exchange's default receive connectors are implied (R18); an SMTP host gets the role's
// usual behaviour; a segment, router, load balancer or firewall starts empty for the
// inspector to fill in. Names follow the usual numbering (EX01, EX02 …).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/edit/change_set.h"
#include "core/model/design.h"

namespace mailtopo::edit {

enum class PaletteGroup : uint8_t { Exchange, SmtpHosts, Network, Dns };

struct PaletteEntry {
    std::string key;    // stable spelling for the CLI and the clipboard: "exchange-2019-mailbox"
    std::string label;  // "Exchange 2019 Mailbox"
    std::string tooltip;
    PaletteGroup group = PaletteGroup::Exchange;
    std::string icon;  // resource icon name without extension: "exchange-server"
    // The property (as `edit --set` and the inspector spell it) a user fills in first once a
    // new one is named and connected: a server's FQDN, a sender's MAIL FROM, a segment's
    // subnets. The editor puts the caret there; empty when nothing stands out (a firewall's
    // rules and NAT are tables, reached from its menu).
    std::string firstProperty;
};

// Every entry, in the order the palette shows them.
const std::vector<PaletteEntry>& paletteEntries();
const PaletteEntry* findPaletteEntry(std::string_view key);
std::string_view paletteGroupName(PaletteGroup group);

struct AddedElement {
    model::Id id;        // the new element
    std::string name;    // its name (a DNS zone: its origin)
    bool drawn = false;  // it has a card or band on the diagram (a DNS zone has not)
    ChangeSet changes;   // the element inserted (and the view, when one had to be made);
                         // placed on a view: also moved
};

// Adds a new element of the palette entry `key` and, when it is drawn and `at` is given,
// places it there on view `viewId` (created with ensureView when missing). nullopt when the
// key is unknown.
std::optional<AddedElement> addElement(model::Design& design, std::string_view key,
                                       const std::string& viewId = {},
                                       std::optional<model::Placement> at = std::nullopt);

}  // namespace mailtopo::edit
