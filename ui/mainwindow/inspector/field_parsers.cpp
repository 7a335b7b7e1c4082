#include "ui/mainwindow/inspector/field_parsers.h"

#include <QStringList>

#include "core/edit/value_text.h"

namespace mailtopo::ui::inspector {
namespace {

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

// Runs core's reader or check on the text, carrying its message over word for word.
template <class Core>
auto viaCore(const QString& text, QString* problem, Core core) {
    std::string why;
    auto result = core(text.toStdString(), &why);
    if (!result && problem != nullptr)
        *problem = fromStd(why);
    return result;
}

// Stores what core read in `target`; the result is why it could not (empty when it did).
template <class T, class Core>
QString assignViaCore(T& target, const QString& text, Core core) {
    QString why;
    auto parsed = viaCore(text, &why, core);
    if (!parsed)
        return why;
    target = std::move(*parsed);
    return QString();
}

std::optional<std::vector<std::string>> checkedList(std::string_view text, edit::TextCheck check,
                                                    std::string* why) {
    return edit::parseCheckedList(text, check, why);
}

}  // namespace

QStringList listEntries(const QString& text) {
    QStringList entries;
    for (const std::string& entry : edit::listEntries(text.toStdString()))
        entries << fromStd(entry);
    return entries;
}

std::optional<net::Address> parseAddress(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parseAddress);
}

std::optional<std::optional<net::Address>> parseOptionalAddress(const QString& text,
                                                                QString* problem) {
    return viaCore(text, problem, edit::parseOptionalAddress);
}

std::optional<net::Prefix> parsePrefix(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parsePrefix);
}

std::optional<net::IpRange> parseRange(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parseRange);
}

std::optional<unsigned> parseNumber(const QString& text, unsigned max, const QString& what,
                                    QString* problem) {
    const std::string name = what.toStdString();
    return viaCore(text, problem, [max, &name](std::string_view t, std::string* why) {
        return edit::parseNumber(t, max, name, why);
    });
}

std::optional<uint16_t> parsePort(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parsePort);
}

std::optional<int> parsePrefixLength(const QString& text, net::Family family, QString* problem) {
    return viaCore(text, problem, [family](std::string_view t, std::string* why) {
        return edit::parsePrefixLength(t, family, why);
    });
}

bool checkDomainName(const QString& text, bool wildcard, bool star, QString* problem) {
    return viaCore(text, problem, [wildcard, star](std::string_view t, std::string* why) {
        return edit::checkDomainName(t, wildcard, star, why);
    });
}

bool checkSmartHost(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::checkSmartHost);
}

bool checkMailTarget(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::checkMailTarget);
}

bool checkMailAddress(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::checkMailAddress);
}

std::optional<std::vector<net::Address>> parseAddressList(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parseAddressList);
}

std::optional<std::vector<net::IpRange>> parseRangeList(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parseRangeList);
}

std::optional<std::vector<net::Prefix>> parsePrefixList(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parsePrefixList);
}

std::optional<std::vector<uint16_t>> parsePortList(const QString& text, QString* problem) {
    return viaCore(text, problem, edit::parsePortList);
}

QString assignIfValid(std::string& target, const QString& text,
                      bool (*check)(const QString&, QString*)) {
    QString why;
    if (!text.isEmpty() && !check(text, &why))
        return why;
    target = text.toStdString();
    return QString();
}

QString assignHostName(std::string& target, const QString& text) {
    QString why;
    if (!viaCore(text, &why, edit::checkHostName))
        return why;
    target = text.toStdString();
    return QString();
}

QString assignSize(std::optional<long long>& target, const QString& text) {
    return assignViaCore(target, text, edit::parseSize);
}

QString assignAddress(std::optional<net::Address>& target, const QString& text) {
    return assignViaCore(target, text, edit::parseOptionalAddress);
}

QString assignAddresses(std::vector<net::Address>& target, const QString& text) {
    return assignViaCore(target, text, edit::parseAddressList);
}

QString assignRanges(std::vector<net::IpRange>& target, const QString& text) {
    return assignViaCore(target, text, edit::parseRangeList);
}

QString assignPorts(std::vector<uint16_t>& target, const QString& text) {
    return assignViaCore(target, text, edit::parsePortList);
}

QString assignDomains(std::vector<std::string>& target, const QString& text) {
    return assignViaCore(target, text, [](std::string_view t, std::string* why) {
        return checkedList(t, edit::checkDomainNameOnly, why);
    });
}

QString assignNextHops(std::vector<std::string>& target, const QString& text) {
    return assignViaCore(target, text, [](std::string_view t, std::string* why) {
        return checkedList(t, edit::checkNextHop, why);
    });
}

QString assignSmartHosts(std::vector<std::string>& target, const QString& text) {
    return assignViaCore(target, text, [](std::string_view t, std::string* why) {
        return checkedList(t, edit::checkSmartHost, why);
    });
}

QString wordListText(const std::vector<std::string>& words) {
    return fromStd(edit::wordListText(words));
}

QString sizeText(const std::optional<long long>& size) {
    return fromStd(edit::sizeText(size));
}

QString addressListText(const std::vector<net::Address>& addresses) {
    return fromStd(edit::addressListText(addresses));
}

QString rangeListText(const std::vector<net::IpRange>& ranges) {
    return fromStd(edit::rangeListText(ranges));
}

QString prefixListText(const std::vector<net::Prefix>& prefixes) {
    return fromStd(edit::prefixListText(prefixes));
}

QString portListText(const std::vector<uint16_t>& ports) {
    return fromStd(edit::portListText(ports));
}

QString optionalAddressText(const std::optional<net::Address>& address) {
    return fromStd(edit::optionalAddressText(address));
}

}  // namespace mailtopo::ui::inspector
