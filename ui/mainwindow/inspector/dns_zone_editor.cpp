// A DNS zone: origin, view (internal or external copy of split DNS) and its records.

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"
#include "ui/mainwindow/inspector/table_columns.h"

namespace mailtopo::ui::inspector {
namespace {

// The record types the design's DNS checks read (core/model/dns.h).
QList<Choice> recordTypes() {
    QList<Choice> types;
    for (std::string_view type : model::kDnsRecordTypes) {
        const QString name = QString::fromLatin1(type.data(), static_cast<qsizetype>(type.size()));
        types.push_back({name, name});
    }
    return types;
}

}  // namespace

void buildDnsZoneEditor(InspectorForm& form, const model::DnsZone& zone) {
    using text::fromStd;
    const std::string id = zone.id;
    const auto at = [id](auto& d) { return byId(d.dnsZones, id); };
    stringField(form, QStringLiteral("origin"), QObject::tr("Origin"),
                QObject::tr("The zone's name with its final dot: contoso.example. or "
                            "100.51.198.in-addr.arpa."),
                at, &model::DnsZone::origin, true);
    enumField(form, QStringLiteral("view"), QObject::tr("View"),
              QObject::tr("Split DNS: which resolvers get this copy, the internet's "
                          "(external) or the organisation's own (internal)."),
              at, &model::DnsZone::view);
    form.table(
        QStringLiteral("records"), QObject::tr("Records"),
        QObject::tr("Resource records as in a zone file; names are relative to the origin, "
                    "@ for the origin itself."),
        {columns::text(QObject::tr("Name"), QObject::tr("Owner name; @ is the apex."), true),
         columns::choice(QObject::tr("Type"), QObject::tr("Record type."), recordTypes()),
         columns::number(QObject::tr("TTL"), QObject::tr("Time to live, in seconds."), 2147483647U),
         columns::text(QObject::tr("Data"),
                       QObject::tr("The record data as in a zone file: 10 mail.contoso.example. "
                                   "for MX, \"v=spf1 -all\" for TXT."),
                       true)},
        QStringList{QStringLiteral("@"), QStringLiteral("A"), QStringLiteral("3600"), QString()},
        readRowsVia(at,
                    [](const model::DnsZone& z) {
                        TableRows rows;
                        for (const auto& r : z.records)
                            rows << QStringList{fromStd(r.name), fromStd(r.type),
                                                QString::number(r.ttl), fromStd(r.data)};
                        return rows;
                    }),
        writeRowsVia(at, [](model::DnsZone& z, const TableRows& rows) {
            z.records.clear();
            for (const QStringList& row : rows)
                z.records.push_back({row[0].trimmed().toStdString(), row[1].toStdString(),
                                     row[2].toInt(), row[3].trimmed().toStdString()});
            return QString();
        }));
}

}  // namespace mailtopo::ui::inspector
