#pragma once
// A FlagSet member of an element (permission groups, authentication mechanisms, Exchange
// roles) as one check box per enumerator, named "<property>.<value>".

#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/inspector_form.h"

namespace mailtopo::ui::inspector {

template <class E, class At, class T>
QWidget* flagSetField(InspectorForm& form, const QString& property, const QString& label,
                      const QString& tip, At at, FlagSet<E> T::*member) {
    return form.flags(
        property, label, tip, enumChoices<E>(),
        [at, member](const model::Design& d, const QString& v) {
            const auto* e = at(d);
            return e != nullptr && (e->*member).contains(enumValue<E>(v));
        },
        [at, member](model::Design& d, const QString& v, bool on) {
            auto* e = at(d);
            if (e == nullptr)
                return;
            if (on)
                (e->*member).insert(enumValue<E>(v));
            else
                (e->*member).erase(enumValue<E>(v));
        });
}

}  // namespace mailtopo::ui::inspector
