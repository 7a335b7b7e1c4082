#pragma once
// The lists combo boxes and choice columns offer: an enumeration's values (spelled as the
// file and the cmdlets spell them, from core's one table), the design's segments and hosts.

#include <QList>
#include <QString>

#include "core/model/design.h"
#include "core/util/enum_text.h"
#include "ui/mainwindow/inspector/table_editor.h"

namespace mailtopo::ui::inspector {

template <class E>
QList<Choice> enumChoices() {
    QList<Choice> choices;
    for (const auto& item : EnumTraits<E>::items) {
        const QString name = QString::fromUtf8(item.second.data(), qsizetype(item.second.size()));
        choices.push_back({name, name});
    }
    return choices;
}

// An enumeration's values with the GUI's words for them ("Windows Server 2019", "DSR").
template <class E>
QList<Choice> labelledChoices(QString (*label)(E)) {
    QList<Choice> choices;
    for (const auto& item : EnumTraits<E>::items) {
        const QString name = QString::fromUtf8(item.second.data(), qsizetype(item.second.size()));
        choices.push_back({name, label(item.first)});
    }
    return choices;
}

template <class E>
QString enumText(E value) {
    const std::string_view name = enumName(value);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

// The value chosen from enumChoices<E>() back as E (the choice list guarantees it parses).
template <class E>
E enumValue(const QString& text) {
    return parseEnum<E>(text.toStdString()).value_or(EnumTraits<E>::items.front().first);
}

// Why `text` is not one of `choices` (a choice cell set by other means than its combo).
QString checkChoice(const QString& text, const QList<Choice>& choices);

QList<Choice> segmentChoices(const model::Design& design, bool allowNone);
QList<Choice> hostChoices(const model::Design& design, bool exchangeOnly);

}  // namespace mailtopo::ui::inspector
