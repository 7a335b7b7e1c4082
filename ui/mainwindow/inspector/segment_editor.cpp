// A segment: name, kind (LAN, DMZ, internet), the subnets it carries, description.

#include <QObject>

#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/choices.h"
#include "ui/mainwindow/inspector/element_editors.h"
#include "ui/mainwindow/inspector/field_parsers.h"
#include "ui/mainwindow/inspector/inspector_form.h"
#include "ui/mainwindow/inspector/member_fields.h"
#include "ui/mainwindow/inspector/model_lookup.h"

namespace mailtopo::ui::inspector {

void buildSegmentEditor(InspectorForm& form, const model::Segment& segment) {
    using text::fromStd;
    const std::string id = segment.id;
    const auto at = [id](auto& d) { return byId(d.segments, id); };
    stringField(form, QStringLiteral("name"), QObject::tr("Name"),
                QObject::tr("The segment's name."), at, &model::Segment::name, true);
    enumField(form, QStringLiteral("kind"), QObject::tr("Kind"),
              QObject::tr("LAN, DMZ or the internet; checks use it to tell inside from "
                          "outside."),
              at, &model::Segment::kind, labelledChoices(text::segmentKindName));
    form.text(QStringLiteral("subnets"), QObject::tr("Subnets"),
              QObject::tr("The IP subnets on this segment in CIDR, comma-separated "
                          "(10.0.1.0/24, fd00::/64)."),
              readVia(at, [](const model::Segment& s) { return prefixListText(s.subnets); }),
              writeVia(at, [](model::Segment& s, const QString& v) {
                  QString why;
                  auto subnets = parsePrefixList(v, &why);
                  if (subnets)
                      s.subnets = *subnets;
                  return why;
              }));
    stringField(form, QStringLiteral("description"), QObject::tr("Description"),
                QObject::tr("Free text for the design."), at, &model::Segment::description);
}

}  // namespace mailtopo::ui::inspector
