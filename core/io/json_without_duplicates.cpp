#include "core/io/json_without_duplicates.h"

#include <utility>
#include <vector>

namespace mailtopo::io {
namespace {

using json = nlohmann::json;

// nlohmann's SAX events, building the document (arrays and objects as a stack of the
// values being filled).
class Builder {
public:
    Builder(json& root, std::string* duplicate) : root_(root), duplicate_(duplicate) {}

    bool null() { return place(nullptr) != nullptr; }
    bool boolean(bool value) { return place(value) != nullptr; }
    bool number_integer(json::number_integer_t value) { return place(value) != nullptr; }
    bool number_unsigned(json::number_unsigned_t value) { return place(value) != nullptr; }
    bool number_float(json::number_float_t value, const json::string_t& /*text*/) {
        return place(value) != nullptr;
    }
    bool string(json::string_t& value) { return place(std::move(value)) != nullptr; }
    bool binary(json::binary_t& value) { return place(json::binary(std::move(value))) != nullptr; }
    bool start_object(std::size_t /*size*/) {
        open_.push_back(place(json::object()));
        return true;
    }
    bool key(json::string_t& name) {
        json& object = *open_.back();
        if (duplicate_->empty() && object.contains(name))
            *duplicate_ = name;
        slot_ = &object[name];  // a repeated key's later value wins, as in json::parse
        return true;
    }
    bool end_object() {
        open_.pop_back();
        return true;
    }
    bool start_array(std::size_t /*size*/) {
        open_.push_back(place(json::array()));
        return true;
    }
    bool end_array() {
        open_.pop_back();
        return true;
    }
    // The exception nlohmann's own parser would throw (parse_error, or out_of_range for a
    // number too large), with its position and wording.
    template <class Exception>
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const Exception& error) {
        throw error;
    }

private:
    json* place(json&& value) {
        if (open_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        json& parent = *open_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        *slot_ = std::move(value);
        return slot_;
    }

    json& root_;
    std::string* duplicate_;
    std::vector<json*> open_;
    json* slot_ = nullptr;  // the member the last key named
};

}  // namespace

json parseJsonNoticingDuplicates(std::string_view text, std::string* duplicate) {
    json document;
    Builder builder(document, duplicate);
    json::sax_parse(text, &builder);
    return document;
}

}  // namespace mailtopo::io
