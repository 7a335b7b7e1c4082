#include "ui/mainwindow/inspector/choices.h"

#include <QObject>

#include "core/edit/value_text.h"

namespace mailtopo::ui::inspector {

QString checkChoice(const QString& text, const QList<Choice>& choices) {
    std::vector<std::pair<std::string, std::string>> options;
    for (const Choice& choice : choices)
        options.emplace_back(choice.value.toStdString(), choice.label.toStdString());
    std::string why;
    return edit::checkChoice(text.toStdString(), options, &why) ? QString()
                                                                : QString::fromStdString(why);
}

QList<Choice> segmentChoices(const model::Design& design, bool allowNone) {
    QList<Choice> choices;
    if (allowNone)
        choices.push_back({QString(), QObject::tr("(none)")});
    for (const auto& segment : design.segments)
        choices.push_back(
            {QString::fromStdString(segment.id),
             QString::fromStdString(segment.name.empty() ? segment.id : segment.name)});
    return choices;
}

QList<Choice> hostChoices(const model::Design& design, bool exchangeOnly) {
    QList<Choice> choices;
    for (const auto& host : design.hosts)
        if (!exchangeOnly || host.isExchange())
            choices.push_back({QString::fromStdString(host.id),
                               QString::fromStdString(host.name.empty() ? host.id : host.name)});
    return choices;
}

}  // namespace mailtopo::ui::inspector
