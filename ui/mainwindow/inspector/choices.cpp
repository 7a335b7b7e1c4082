#include "ui/mainwindow/inspector/choices.h"

#include <QObject>

namespace mailtopo::ui::inspector {

QString checkChoice(const QString& text, const QList<Choice>& choices) {
    for (const Choice& choice : choices)
        if (choice.value == text)
            return QString();
    QStringList labels;
    for (const Choice& choice : choices)
        labels << choice.label;
    return QObject::tr("'%1' is not one of: %2").arg(text, labels.join(QStringLiteral(", ")));
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
