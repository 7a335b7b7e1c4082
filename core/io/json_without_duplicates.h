#pragma once
// Parses JSON text into nlohmann::json, noticing the first key repeated within one object
// (nlohmann keeps the last of two equal keys without a word; a design refuses them). One
// pass that builds the document as nlohmann's own parser does, checking each key against
// the object being built: a parser callback would do the same check but makes nlohmann scan
// every array for discarded values after each element, quadratic on a design of thousands
// of hosts.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mailtopo::io {

// The document `text` holds; the first duplicate key's name in *duplicate (left empty when
// there is none). Throws what nlohmann::json::parse throws on invalid text.
nlohmann::json parseJsonNoticingDuplicates(std::string_view text, std::string* duplicate);

}  // namespace mailtopo::io
