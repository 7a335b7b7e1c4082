#pragma once
// One function per kind of element: each declares the fields and tables of that kind on an
// InspectorForm. They say what is read and written; the form does the editing rules.

#include "core/model/design.h"

namespace mailtopo::ui::inspector {

class InspectorForm;

// With nothing chosen: the design's name, author, description and Exchange organisation.
void buildDesignEditor(InspectorForm& form);
void buildHostEditor(InspectorForm& form, const model::Host& host);
// The Exchange part (with anti-spam) or the SMTP part of a host's editor.
void buildExchangeSettings(InspectorForm& form, const model::Host& host);
void buildSmtpSettings(InspectorForm& form, const model::Host& host);
void buildNicEditor(InspectorForm& form, const model::Host& host, const model::Nic& nic);
// "Add NIC", under a host's NICs.
void buildAddNicButton(InspectorForm& form, const model::Host& host);
void buildReceiveConnectorEditor(InspectorForm& form, const model::ReceiveConnector& connector);
void buildSendConnectorEditor(InspectorForm& form, const model::SendConnector& connector);
void buildLoadBalancerEditor(InspectorForm& form, const model::LoadBalancer& lb);
void buildFirewallEditor(InspectorForm& form, const model::Firewall& firewall);
void buildRouterEditor(InspectorForm& form, const model::Router& router);
void buildSegmentEditor(InspectorForm& form, const model::Segment& segment);
void buildDnsZoneEditor(InspectorForm& form, const model::DnsZone& zone);
void buildFlowEditor(InspectorForm& form, const model::Flow& flow);

}  // namespace mailtopo::ui::inspector
