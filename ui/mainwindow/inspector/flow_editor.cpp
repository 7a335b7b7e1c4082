// A flow of the design (a connection attempt validation traces every time): its name, the
// source host and the address it binds to, where it connects and on which port, the pool
// member a VIP on the way picks, the HELO and envelope, the outcome it should have, and a
// note. The destination is read as the trace form and `mailtopo-cli trace --to` read it
// (core/sim/trace_target).

#include <QObject>
#include <algorithm>

#include "core/sim/trace_target.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui::inspector {
namespace {

using model::Flow;
using text::fromStd;

QString tr(const char* text) {
    return QObject::tr(text);
}

// Automatic, or one of the source host's addresses: a flow binds only to what its host has.
QList<Choice> sourceAddressChoices(const model::Design& design, const Flow& flow) {
    QList<Choice> choices{{QString(), tr("automatic (the host chooses, R2)")}};
    if (const model::Host* host = design.findHost(flow.sourceHostId)) {
        for (const model::Nic& nic : host->nics) {
            for (const model::IpAssignment& assignment : nic.addresses) {
                const QString address = fromStd(assignment.address.toString());
                choices.push_back(
                    {address, QStringLiteral("%1 (%2)").arg(address, fromStd(nic.alias))});
            }
        }
    }
    // An address the host no longer has stays visible rather than silently shown as automatic.
    if (flow.sourceAddress) {
        const QString bound = fromStd(flow.sourceAddress->toString());
        const bool listed = std::any_of(choices.begin(), choices.end(),
                                        [&](const Choice& c) { return c.value == bound; });
        if (!listed)
            choices.push_back({bound, QObject::tr("%1 (not an address of the host)").arg(bound)});
    }
    return choices;
}

// The load balancer's own choice, or a host some VIP has in its pool (format version 2).
QList<Choice> poolMemberChoices(const model::Design& design, const Flow& flow) {
    QList<Choice> choices{{QString(), tr("as the load balancer chooses (its first)")}};
    auto listed = [&](const QString& value) {
        return std::any_of(choices.begin(), choices.end(),
                           [&](const Choice& c) { return c.value == value; });
    };
    for (const auto& lb : design.loadBalancers)
        for (const auto& vip : lb.vips)
            for (const auto& member : vip.pool) {
                const model::Host* host = design.findHost(member.hostId);
                const QString value = fromStd(member.hostId);
                if (!listed(value))
                    choices.push_back({value, host != nullptr && !host->name.empty()
                                                  ? fromStd(host->name)
                                                  : value});
            }
    if (const QString pinned = fromStd(flow.poolMemberHostId); !listed(pinned))
        choices.push_back({pinned, QObject::tr("%1 (in no pool)").arg(pinned)});
    return choices;
}

// Not checked, or the disposition validation expects (flow-disposition-unexpected).
QList<Choice> expectationChoices() {
    QList<Choice> choices{{QString(), tr("not checked")}};
    choices.append(enumChoices<model::DispositionKind>());
    return choices;
}

}  // namespace

void buildFlowEditor(InspectorForm& form, const Flow& flow) {
    const std::string id = flow.id;
    const auto at = [id](auto& d) { return byId(d.flows, id); };
    stringField(form, QStringLiteral("name"), tr("Name"),
                tr("How findings, traces and the report name this flow."), at, &Flow::name, true);
    form.choice(QStringLiteral("sourceHostId"), tr("From host"),
                tr("The host that opens the connection."), hostChoices(form.design(), false),
                readVia(at, [](const Flow& f) { return fromStd(f.sourceHostId); }),
                writeVia(at, [](Flow& f, const QString& v) {
                    f.sourceHostId = v.toStdString();
                    f.sourceAddress.reset();  // the old host's address means nothing here
                    return QString();
                }));
    form.choice(
        QStringLiteral("sourceAddress"), tr("Source address"),
        tr("Bind the client to this address, or let the host choose (R2)."),
        sourceAddressChoices(form.design(), flow),
        readVia(at, [](const Flow& f) { return optionalAddressText(f.sourceAddress); }),
        writeVia(at, [](Flow& f, const QString& v) { return assignAddress(f.sourceAddress, v); }));
    form.text(QStringLiteral("destination"), tr("To"),
              tr("An IP address (with an optional :PORT, which then sets the port), a host of the "
                 "design by name or id, or mx:DOMAIN for an MX lookup. Empty: the source's routing "
                 "chooses by the first recipient (send connectors on an Exchange server, R27/R28; "
                 "the recipient domain's MX elsewhere)."),
              readVia(at, [](const Flow& f) { return fromStd(f.destination); }),
              [at](model::Design& d, const QString& v) -> QString {
                  Flow* f = at(d);
                  if (f == nullptr)
                      return QObject::tr("The element is no longer there.");
                  if (v.trimmed().isEmpty()) {
                      f->destination.clear();
                      return QString();
                  }
                  sim::TraceTargetError error;
                  const auto target = sim::parseTraceTarget(d, v.trimmed().toStdString(), error);
                  if (!target)
                      return fromStd(error.message);
                  f->destination = target->destination;
                  if (target->port)
                      f->port = *target->port;
                  return QString();
              });
    form.text(QStringLiteral("port"), tr("Port"), tr("The TCP port it connects to."),
              readVia(at, [](const Flow& f) { return QString::number(f.port); }),
              writeVia(at,
                       [](Flow& f, const QString& v) {
                           QString why;
                           if (const auto port = parsePort(v, &why))
                               f.port = *port;
                           return why;
                       }),
              true);
    form.choice(QStringLiteral("poolMember"), tr("Pool member"),
                tr("A load balancer's virtual server on the way sends this flow to this member "
                   "of its pool instead of its first."),
                poolMemberChoices(form.design(), flow),
                readVia(at, [](const Flow& f) { return fromStd(f.poolMemberHostId); }),
                writeVia(at, [](Flow& f, const QString& v) {
                    f.poolMemberHostId = v.toStdString();
                    return QString();
                }));
    form.choice(QStringLiteral("expectedDisposition"), tr("Expected outcome"),
                tr("How the flow's trace should end; validation reports it as an error when "
                   "the trace ends otherwise, so a change that breaks this path shows at once."),
                expectationChoices(),
                readVia(at,
                        [](const Flow& f) {
                            return f.expectedDisposition ? enumText(*f.expectedDisposition)
                                                         : QString();
                        }),
                writeVia(at, [](Flow& f, const QString& v) {
                    if (v.isEmpty())
                        f.expectedDisposition.reset();
                    else
                        f.expectedDisposition = enumValue<model::DispositionKind>(v);
                    return QString();
                }));
    form.text(QStringLiteral("helo"), tr("HELO"),
              tr("The EHLO name the client gives; empty: the source host's FQDN."),
              readVia(at, [](const Flow& f) { return fromStd(f.helo); }),
              writeVia(at, [](Flow& f, const QString& v) { return assignHostName(f.helo, v); }));
    form.text(QStringLiteral("mailFrom"), tr("MAIL FROM"), tr("The envelope sender."),
              readVia(at, [](const Flow& f) { return fromStd(f.mailFrom); }),
              writeVia(at, [](Flow& f, const QString& v) {
                  return assignIfValid(f.mailFrom, v, checkMailAddress);
              }));
    form.text(QStringLiteral("rcptTo"), tr("RCPT TO"),
              tr("The envelope recipients, comma-separated."),
              readVia(at, [](const Flow& f) { return wordListText(f.rcptTo); }),
              writeVia(at, [](Flow& f, const QString& v) {
                  std::vector<std::string> recipients;
                  for (const QString& entry : listEntries(v)) {
                      QString why;
                      if (!checkMailAddress(entry, &why))
                          return why;
                      recipients.push_back(entry.toStdString());
                  }
                  f.rcptTo = std::move(recipients);
                  return QString();
              }));
    stringField(form, QStringLiteral("note"), tr("Note"),
                tr("Why the flow is in the design, what it should show."), at, &Flow::note);
}

}  // namespace mailtopo::ui::inspector
