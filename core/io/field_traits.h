#pragma once
// What kind of value a member listed in design_fields.h holds, for code that walks the
// field tables generically: the file reader and writer, the schema test and the property
// editor (core/edit/property_edit.cpp) all decide how to read a member by these same tests.

#include <optional>
#include <type_traits>
#include <vector>

#include "core/util/enum_text.h"

namespace mailtopo::io {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsFlagSet : std::false_type {};
template <class E>
struct IsFlagSet<FlagSet<E>> : std::true_type {};
template <class T>
concept HasEnumText = requires {
    EnumTraits<T>::items;
};

}  // namespace mailtopo::io
