#pragma once
// Fields bound straight to one member of an element: a string as a line edit, a bool as a
// check box, an enum as a combo box, a FlagSet as one check box per enumerator (named
// "<property>.<value>"). `at` finds the element in a design, const or not.

#include <string>

#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/inspector_form.h"

namespace mailtopo::ui::inspector {

template <class At, class T>
QLineEdit* stringField(InspectorForm& form, const QString& property, const QString& label,
                       const QString& tip, At at, std::string T::*member, bool required = false) {
    return form.text(
        property, label, tip,
        readVia(at, [member](const T& e) { return QString::fromStdString(e.*member); }),
        writeVia(at,
                 [member](T& e, const QString& v) {
                     e.*member = v.toStdString();
                     return QString();
                 }),
        required);
}

template <class At, class T>
QCheckBox* boolField(InspectorForm& form, const QString& property, const QString& label,
                     const QString& tip, At at, bool T::*member) {
    return form.flag(property, label, tip,
                     readFlagVia(at, [member](const T& e) { return e.*member; }),
                     writeFlagVia(at, [member](T& e, bool on) { e.*member = on; }));
}

// `choices` defaults to the enumeration's own spellings.
template <class At, class T, class E>
QComboBox* enumField(InspectorForm& form, const QString& property, const QString& label,
                     const QString& tip, At at, E T::*member,
                     const QList<Choice>& choices = enumChoices<E>()) {
    return form.choice(property, label, tip, choices,
                       readVia(at, [member](const T& e) { return enumText(e.*member); }),
                       writeVia(at, [member](T& e, const QString& v) {
                           e.*member = enumValue<E>(v);
                           return QString();
                       }));
}

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
