#include "ui/mainwindow/inspector/table_columns.h"

#include <QObject>

#include "core/edit/value_text.h"

#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/field_parsers.h"

namespace mailtopo::ui::inspector::columns {
namespace {

TableColumn named(const QString& header, const QString& tip) {
    TableColumn column;
    column.header = header;
    column.tip = tip;
    return column;
}

QString mark(const QString& header, bool required) {
    return required ? header + QStringLiteral(" *") : header;
}

// A column whose cells are valid when `parse` accepts them; empty cells are "required"
// or accepted as "none".
template <class Parse>
TableColumn parsed(const QString& header, const QString& tip, bool required, Parse parse) {
    TableColumn column = named(mark(header, required), tip);
    column.check = [required, parse](const QString& cell, const QStringList&) -> QString {
        std::string missing;
        if (cell.trimmed().isEmpty())
            return !required || edit::checkRequired(cell.toStdString(), &missing)
                       ? QString()
                       : QString::fromStdString(missing);
        QString why;
        return parse(cell, &why) ? QString() : why;
    };
    return column;
}

}  // namespace

TableColumn text(const QString& header, const QString& tip, bool required) {
    return parsed(header, tip, required, [](const QString&, QString*) { return true; });
}

TableColumn address(const QString& header, const QString& tip, bool required) {
    return parsed(header, tip, required,
                  [](const QString& c, QString* why) { return parseAddress(c, why).has_value(); });
}

TableColumn port(const QString& header, const QString& tip) {
    return parsed(header, tip, true,
                  [](const QString& c, QString* why) { return parsePort(c, why).has_value(); });
}

TableColumn number(const QString& header, const QString& tip, unsigned max) {
    return parsed(header, tip, true, [max, header](const QString& c, QString* why) {
        return parseNumber(c, max, header.toLower(), why).has_value();
    });
}

TableColumn prefixLength(const QString& header, const QString& tip, int addressColumn) {
    TableColumn column = named(mark(header, true), tip);
    column.check = [addressColumn](const QString& cell, const QStringList& row) -> QString {
        // The family decides the range; an address still wrong is reported on its own cell.
        const auto address = net::Address::parse(row.value(addressColumn).trimmed().toStdString());
        QString why;
        parsePrefixLength(cell, address ? address->family() : net::Family::V6, &why);
        return why;
    };
    return column;
}

TableColumn addressList(const QString& header, const QString& tip) {
    return parsed(header, tip, false, [](const QString& c, QString* why) {
        return parseAddressList(c, why).has_value();
    });
}

TableColumn rangeList(const QString& header, const QString& tip) {
    return parsed(header, tip, false, [](const QString& c, QString* why) {
        return parseRangeList(c, why).has_value();
    });
}

TableColumn prefixList(const QString& header, const QString& tip) {
    return parsed(header, tip, false, [](const QString& c, QString* why) {
        return parsePrefixList(c, why).has_value();
    });
}

TableColumn portList(const QString& header, const QString& tip) {
    return parsed(header, tip, false,
                  [](const QString& c, QString* why) { return parsePortList(c, why).has_value(); });
}

TableColumn domain(const QString& header, const QString& tip, bool wildcard, bool star) {
    return parsed(header, tip, true, [wildcard, star](const QString& c, QString* why) {
        return checkDomainName(c, wildcard, star, why);
    });
}

TableColumn check(const QString& header, const QString& tip) {
    TableColumn column = named(header, tip);
    column.kind = TableColumn::Kind::Check;
    return column;
}

TableColumn choice(const QString& header, const QString& tip, const QList<Choice>& choices) {
    return choice(header, tip, [choices] { return choices; });
}

TableColumn choice(const QString& header, const QString& tip,
                   const std::function<QList<Choice>()>& choices) {
    TableColumn column = named(header, tip);
    column.kind = TableColumn::Kind::Choice;
    column.choices = choices;
    column.check = [choices](const QString& cell, const QStringList&) {
        return checkChoice(cell, choices());
    };
    return column;
}

TableColumn custom(const QString& header, const QString& tip,
                   std::function<QString(const QString&, const QStringList&)> check) {
    TableColumn column = named(header, tip);
    column.check = std::move(check);
    return column;
}

TableColumn detailed(TableColumn column) {
    column.detail = true;
    return column;
}

TableColumn hiddenId() {
    TableColumn column = named(QStringLiteral("id"), QString());
    column.hidden = true;
    return column;
}

}  // namespace mailtopo::ui::inspector::columns
