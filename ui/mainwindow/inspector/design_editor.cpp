// The design itself, shown when nothing is chosen: its name, author and description, and
// the Exchange organisation — the accepted domains (which recipients are ours, R20/R39) and
// InternalSMTPServers (which hops anti-spam skips, R30). They shape as many findings as any
// element, so they are edited where the elements are, not in a dialog of their own.

#include <QObject>

#include "core/edit/value_text.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/id_rows.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

enum DomainColumn { kId, kDomain, kType, kDefault, kName };

TableRows domainRows(const model::Organization& org) {
    TableRows rows;
    for (const auto& domain : org.acceptedDomains)
        rows << QStringList{fromStd(domain.id), fromStd(domain.domainName), enumText(domain.type),
                            domain.isDefault ? QStringLiteral("1") : QStringLiteral("0"),
                            fromStd(domain.name)};
    return rows;
}

QString writeDomains(model::Design& d, const TableRows& rows) {
    size_t defaults = 0;
    for (const QStringList& row : rows)
        defaults += row[kDefault] == QLatin1String("1") ? 1 : 0;
    if (std::string why; !edit::checkDefaultDomains(defaults, &why))
        return fromStd(why);
    IdMaker ids(d);
    rebuildWithIds(d.organization.acceptedDomains, rows, ids, "ad",
                   [](model::AcceptedDomain& domain, const QStringList& row) {
                       domain.domainName = row[kDomain].trimmed().toLower().toStdString();
                       // New-AcceptedDomain needs a name; the domain is the usual one.
                       const QString name = row[kName].trimmed();
                       domain.name = name.isEmpty() ? domain.domainName : name.toStdString();
                       domain.type = enumValue<model::AcceptedDomainType>(row[kType]);
                       domain.isDefault = row[kDefault] == QLatin1String("1");
                   });
    return QString();
}

void buildInfo(InspectorForm& form) {
    const auto at = [](auto& d) { return &d.info; };
    form.heading(tr("Design"));
    stringField(form, QStringLiteral("designName"), tr("Name"),
                tr("The design's title, on the report's cover and in the window title."), at,
                &model::DesignInfo::name);
    stringField(form, QStringLiteral("author"), tr("Author"),
                tr("Who drew the design; printed on the report's cover."), at,
                &model::DesignInfo::author);
    form.lines(QStringLiteral("designDescription"), tr("Description"),
               tr("What the design shows and why; the report opens with it."),
               readVia(at, [](const model::DesignInfo& i) { return fromStd(i.description); }),
               writeVia(at, [](model::DesignInfo& i, const QString& v) {
                   i.description = v.toStdString();
                   return QString();
               }));
}

void buildOrganization(InspectorForm& form) {
    const auto at = [](auto& d) { return &d.organization; };
    form.heading(tr("Exchange organisation"));
    stringField(form, QStringLiteral("organizationName"), tr("Organisation"),
                tr("The Exchange organisation's name."), at, &model::Organization::name);
    form.table(
        QStringLiteral("acceptedDomains"), tr("Accepted domains"),
        tr("Get-AcceptedDomain: the domains the organisation takes mail for. Authoritative "
           "ones end here; internal and external relay ones are passed on. A recipient in "
           "none of them is a relay request."),
        {columns::hiddenId(),
         columns::domain(tr("Domain"),
                         tr("DomainName: contoso.com, *.contoso.com for it and its "
                            "subdomains, or * for every domain (an internal relay catch-all)."),
                         true, true),
         columns::choice(tr("Type"),
                         tr("DomainType: Authoritative, InternalRelay or ExternalRelay."),
                         enumChoices<model::AcceptedDomainType>()),
         columns::check(tr("Default"),
                        tr("The default domain: the address of system messages and of "
                           "recipients created without one. Only one can be.")),
         columns::detailed(columns::text(
             tr("Name"), tr("The accepted domain's name in Exchange; the domain when empty."),
             false))},
        QStringList{QString(), QString(), enumText(model::AcceptedDomainType{}),
                    QStringLiteral("0"), QString()},
        readRowsVia(at, domainRows), &writeDomains);
    form.text(
        QStringLiteral("internalSmtpServers"), tr("Internal SMTP servers"),
        tr("Get-TransportConfig InternalSMTPServers: the addresses of SMTP hops inside the "
           "organisation (a filtering gateway in front of Exchange). Sender ID and "
           "connection filtering look past them to the real client; a gateway missing "
           "here makes every message look as if it came from the gateway."),
        readVia(at,
                [](const model::Organization& o) { return rangeListText(o.internalSmtpServers); }),
        writeVia(at, [](model::Organization& o, const QString& v) {
            return assignRanges(o.internalSmtpServers, v);
        }));
}

}  // namespace

void buildDesignEditor(InspectorForm& form) {
    form.note(
        tr("Choose an element on the diagram or in the Design panel to see and edit its "
           "properties. With nothing chosen, these are the design's own."));
    buildInfo(form);
    buildOrganization(form);
}

}  // namespace mailtopo::ui::inspector
