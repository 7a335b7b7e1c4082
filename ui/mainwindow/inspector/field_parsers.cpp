#include "ui/mainwindow/inspector/field_parsers.h"

#include <QObject>
#include <QStringList>

#include "core/net/binding.h"
#include "core/net/domain_name.h"
#include "core/net/text_util.h"

namespace mailtopo::ui::inspector {
namespace {

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

void say(QString* problem, const QString& text) {
    if (problem != nullptr)
        *problem = text;
}

// Parses every entry of a list with `parseOne`, naming the entry that failed.
template <class T, class Parse>
std::optional<std::vector<T>> parseList(const QString& text, QString* problem, Parse parseOne) {
    std::vector<T> out;
    for (const QString& entry : listEntries(text)) {
        QString why;
        auto value = parseOne(entry, &why);
        if (!value) {
            say(problem, why);
            return std::nullopt;
        }
        out.push_back(*value);
    }
    return out;
}

template <class T, class Render>
QString listText(const std::vector<T>& values, Render render) {
    QStringList parts;
    for (const auto& value : values)
        parts << render(value);
    return parts.join(QStringLiteral(", "));
}

}  // namespace

QStringList listEntries(const QString& text) {
    QStringList entries;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            entries << part.trimmed();
    return entries;
}

std::optional<net::Address> parseAddress(const QString& text, QString* problem) {
    if (text.trimmed().isEmpty()) {
        say(problem, QObject::tr("an address is required"));
        return std::nullopt;
    }
    std::string error;
    auto address = net::Address::parse(text.trimmed().toStdString(), &error);
    if (!address)
        say(problem, fromStd(error));
    return address;
}

std::optional<std::optional<net::Address>> parseOptionalAddress(const QString& text,
                                                                QString* problem) {
    if (text.trimmed().isEmpty())
        return std::optional<net::Address>();
    auto address = parseAddress(text, problem);
    if (!address)
        return std::nullopt;
    return std::optional<net::Address>(*address);
}

std::optional<net::Prefix> parsePrefix(const QString& text, QString* problem) {
    std::string error;
    auto prefix = net::Prefix::parse(text.trimmed().toStdString(), &error);
    if (!prefix)
        say(problem, fromStd(error));
    return prefix;
}

std::optional<net::IpRange> parseRange(const QString& text, QString* problem) {
    std::string error;
    auto range = net::IpRange::parse(text.trimmed().toStdString(), &error);
    if (!range)
        say(problem, fromStd(error));
    return range;
}

std::optional<unsigned> parseNumber(const QString& text, unsigned max, const QString& what,
                                    QString* problem) {
    std::string error;
    auto value = net::parseDecimal(text.trimmed().toStdString(), max, what.toStdString(), error);
    if (!value)
        say(problem, QStringLiteral("'%1': %2").arg(text.trimmed(), fromStd(error)));
    return value;
}

std::optional<uint16_t> parsePort(const QString& text, QString* problem) {
    auto value = parseNumber(text, 65535, QObject::tr("port"), problem);
    if (!value)
        return std::nullopt;
    if (*value == 0) {
        say(problem, QObject::tr("'%1': port 0 is not a port a connection can use").arg(text));
        return std::nullopt;
    }
    return static_cast<uint16_t>(*value);
}

std::optional<int> parsePrefixLength(const QString& text, net::Family family, QString* problem) {
    auto value = parseNumber(text, static_cast<unsigned>(net::bitWidth(family)),
                             QObject::tr("prefix length"), problem);
    if (!value)
        return std::nullopt;
    return static_cast<int>(*value);
}

bool checkDomainName(const QString& text, bool wildcard, bool star, QString* problem) {
    std::string why;
    if (net::isValidDomainName(text.trimmed().toStdString(), wildcard, star, why))
        return true;
    say(problem, QStringLiteral("'%1': %2").arg(text.trimmed(), fromStd(why)));
    return false;
}

bool checkSmartHost(const QString& text, QString* problem) {
    if (net::Address::parse(text.trimmed().toStdString()))
        return true;
    return checkDomainName(text, false, false, problem);
}

bool checkMailTarget(const QString& text, QString* problem) {
    const QString target = text.trimmed();
    const std::string utf8 = target.toStdString();
    if (net::Address::parse(utf8) || net::Binding::parse(utf8))
        return true;
    if (target.startsWith(QLatin1Char('['))) {  // an IPv6 address with a port, mistyped
        std::string error;
        net::Binding::parse(utf8, &error);
        say(problem, fromStd(error));
        return false;
    }
    // A name, or a name and a port; a lone IPv6 address has several colons and parsed above.
    const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? target : target.left(colon);
    if (colon >= 0 && !parsePort(target.mid(colon + 1), problem))
        return false;
    return checkDomainName(name, false, false, problem);
}

bool checkMailAddress(const QString& text, QString* problem) {
    const QString address = text.trimmed();
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || address.contains(QLatin1Char(' '))) {
        say(problem, QObject::tr("'%1' is not an address of the form name@domain").arg(address));
        return false;
    }
    return checkDomainName(address.mid(at + 1), false, false, problem);
}

std::optional<std::vector<net::Address>> parseAddressList(const QString& text, QString* problem) {
    return parseList<net::Address>(text, problem, parseAddress);
}

std::optional<std::vector<net::IpRange>> parseRangeList(const QString& text, QString* problem) {
    return parseList<net::IpRange>(text, problem, parseRange);
}

std::optional<std::vector<net::Prefix>> parsePrefixList(const QString& text, QString* problem) {
    return parseList<net::Prefix>(text, problem, parsePrefix);
}

std::optional<std::vector<uint16_t>> parsePortList(const QString& text, QString* problem) {
    return parseList<uint16_t>(text, problem, parsePort);
}

namespace {

template <class T>
QString assignParsed(T& target, const std::optional<T>& parsed, const QString& why) {
    if (parsed)
        target = *parsed;
    return parsed ? QString() : why;
}

}  // namespace

QString assignIfValid(std::string& target, const QString& text,
                      bool (*check)(const QString&, QString*)) {
    QString why;
    if (!text.isEmpty() && !check(text, &why))
        return why;
    target = text.toStdString();
    return QString();
}

QString assignHostName(std::string& target, const QString& text) {
    return assignIfValid(target, text, [](const QString& name, QString* why) {
        return checkDomainName(name, false, false, why);
    });
}

QString assignSize(std::optional<long long>& target, const QString& text) {
    if (text.trimmed().isEmpty()) {
        target.reset();
        return QString();
    }
    QString why;
    const auto size = parseNumber(text, 2147483647U, QObject::tr("size"), &why);
    if (size)
        target = static_cast<long long>(*size);
    return size ? QString() : why;
}

QString assignAddress(std::optional<net::Address>& target, const QString& text) {
    QString why;
    return assignParsed(target, parseOptionalAddress(text, &why), why);
}

QString assignAddresses(std::vector<net::Address>& target, const QString& text) {
    QString why;
    return assignParsed(target, parseAddressList(text, &why), why);
}

QString assignRanges(std::vector<net::IpRange>& target, const QString& text) {
    QString why;
    return assignParsed(target, parseRangeList(text, &why), why);
}

QString assignPorts(std::vector<uint16_t>& target, const QString& text) {
    QString why;
    return assignParsed(target, parsePortList(text, &why), why);
}

namespace {

// Keeps the entries of `text` that `check` accepts, all or none.
template <class Check>
QString assignChecked(std::vector<std::string>& target, const QString& text, Check check) {
    std::vector<std::string> out;
    for (const QString& entry : listEntries(text)) {
        QString why;
        if (!check(entry, &why))
            return why;
        out.push_back(entry.toStdString());
    }
    target = std::move(out);
    return QString();
}

}  // namespace

QString assignDomains(std::vector<std::string>& target, const QString& text) {
    return assignChecked(target, text, [](const QString& entry, QString* why) {
        return checkDomainName(entry, false, false, why);
    });
}

QString assignMailTargets(std::vector<std::string>& target, const QString& text) {
    return assignChecked(target, text, checkMailTarget);
}

QString assignSmartHosts(std::vector<std::string>& target, const QString& text) {
    return assignChecked(target, text, checkSmartHost);
}

QString wordListText(const std::vector<std::string>& words) {
    return listText(words, fromStd);
}

QString sizeText(const std::optional<long long>& size) {
    return size ? QString::number(*size) : QString();
}

QString addressListText(const std::vector<net::Address>& addresses) {
    return listText(addresses, [](const net::Address& a) { return fromStd(a.toString()); });
}

QString rangeListText(const std::vector<net::IpRange>& ranges) {
    return listText(ranges, [](const net::IpRange& r) { return fromStd(r.toString()); });
}

QString prefixListText(const std::vector<net::Prefix>& prefixes) {
    return listText(prefixes, [](const net::Prefix& p) { return fromStd(p.toString()); });
}

QString portListText(const std::vector<uint16_t>& ports) {
    return listText(ports, [](uint16_t port) { return QString::number(port); });
}

QString optionalAddressText(const std::optional<net::Address>& address) {
    return address ? fromStd(address->toString()) : QString();
}

}  // namespace mailtopo::ui::inspector
