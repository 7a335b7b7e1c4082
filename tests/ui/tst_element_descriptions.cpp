// What the diagram cards say about each element, checked as data (no pixels): the
// wording a user reads on a host, load balancer, firewall, router and segment.

#include <QtTest>

#include "core/io/design_file.h"
#include "ui/diagram/element_descriptions.h"
#include "ui/document/element_text.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

// The first line of `content` whose text is `text`, or nullptr.
const CardLine* findLine(const CardContent& content, const QString& text) {
    for (const CardSection& section : content.sections) {
        for (const CardLine& line : section.lines) {
            if (line.text == text)
                return &line;
        }
    }
    return nullptr;
}

bool hasTag(const CardLine* line, const QString& tag, TagTone tone) {
    if (line == nullptr)
        return false;
    for (const CardTag& t : line->tags) {
        if (t.text == tag && t.tone == tone)
            return true;
    }
    return false;
}

const CardSection* findSection(const CardContent& content, const QString& heading) {
    for (const CardSection& section : content.sections) {
        if (section.heading == heading)
            return &section;
    }
    return nullptr;
}

}  // namespace

class TestElementDescriptions : public QObject {
    Q_OBJECT

private:
    model::Design design_;

private slots:
    void initTestCase() {
        auto parsed = io::loadDesignFile(MAILTOPO_SOURCE_DIR "/tests/data/ui/small.mailtopo");
        QVERIFY2(parsed.ok(),
                 parsed.diagnostics.empty() ? "" : parsed.diagnostics.front().toString().c_str());
        design_ = *parsed.design;
    }

    void exchangeHostShowsVersionRolesAndOs() {
        const CardContent card = describeHost(design_, *design_.findHost("h-ex02"));
        QCOMPARE(card.title, QStringLiteral("EX02"));
        QCOMPARE(card.subtitle, QStringLiteral("Exchange SE · Mailbox"));
        QCOMPARE(card.icon, ElementIcon::ExchangeServer);
        QVERIFY(findLine(card, QStringLiteral("Windows Server 2022")) != nullptr);
    }

    // R3: a SkipAsSource address is marked on the card; its sibling is not.
    void skipAsSourceAddressIsTagged() {
        const CardContent card = describeHost(design_, *design_.findHost("h-ex01"));
        QVERIFY(hasTag(findLine(card, QStringLiteral("10.0.1.51/24")), QStringLiteral("skip"),
                       TagTone::Warning));
        const CardLine* primary = findLine(card, QStringLiteral("10.0.1.11/24"));
        QVERIFY(primary != nullptr);
        QVERIFY(primary->tags.isEmpty());
    }

    // Zoomed out a card lists its addresses under its name (card_detail.h): SkipAsSource ones
    // marked (R3), a load balancer's virtual servers first, a server's connectors counted.
    void keyFactsAreTheAddresses() {
        const CardContent ex01 = describeHost(design_, *design_.findHost("h-ex01"));
        QVERIFY2(ex01.keyFacts.contains(QStringLiteral("10.0.1.11")),
                 qPrintable(ex01.keyFacts.join(u',')));
        QVERIFY(ex01.keyFacts.contains(QStringLiteral("10.0.1.51 · skip")));
        QVERIFY(ex01.keyFacts.last().endsWith(QStringLiteral("connectors")) ||
                ex01.keyFacts.last().endsWith(QStringLiteral("connector")));
        const CardContent lb = describeLoadBalancer(design_, design_.loadBalancers.front());
        QCOMPARE(lb.keyFacts.first(), QStringLiteral("192.168.10.25"));
    }

    // R11: the KM-TEST loopback adapter is marked and, having no segment, gets no link.
    void loopbackAdapterIsTaggedAndNotLinked() {
        const CardContent card = describeHost(design_, *design_.findHost("h-ex01"));
        const CardLine* loopback = findLine(card, QStringLiteral("Loopback"));
        QVERIFY(hasTag(loopback, QStringLiteral("loopback"), TagTone::Special));
        QVERIFY(!loopback->chip.has_value());
        QVERIFY(findLine(card, QStringLiteral("10.0.1.50/32")) != nullptr);
        QCOMPARE(card.attachments.size(), 1);
        QCOMPARE(card.attachments.first().interfaceId, QStringLiteral("h-ex01-mapi"));
        QCOMPARE(card.attachments.first().segmentId, QStringLiteral("seg-lan"));
        const CardLine* mapi = findLine(card, QStringLiteral("MAPI · Server LAN"));
        QVERIFY(mapi != nullptr);
        QCOMPARE(mapi->chip, std::optional(model::SegmentKind::Lan));
    }

    void receiveConnectorsAreListedOnTheirServerOnly() {
        const CardContent ex01 = describeHost(design_, *design_.findHost("h-ex01"));
        const CardSection* section = findSection(ex01, QStringLiteral("Receive connectors"));
        QVERIFY(section != nullptr);
        const CardLine* frontend = findLine(ex01, QStringLiteral("Default Frontend EX01"));
        QVERIFY(hasTag(frontend, QStringLiteral("Frontend"), TagTone::Info));
        QCOMPARE(frontend->trailing, QStringLiteral("*:25"));  // 0.0.0.0:25 and [::]:25
        const CardLine* relay = findLine(ex01, QStringLiteral("Relay EX01"));
        QVERIFY(relay != nullptr);
        QCOMPARE(relay->trailing, QStringLiteral("10.0.1.50:25"));
        QVERIFY(ex01.toolTip.contains(QStringLiteral("0.0.0.0:25, [::]:25")));
        QVERIFY(findLine(ex01, QStringLiteral("Default Frontend EX02")) == nullptr);
        QVERIFY(ex01.nestedIds.contains(QStringLiteral("rc-ex01-relay")));

        const CardContent ex02 = describeHost(design_, *design_.findHost("h-ex02"));
        QVERIFY(findLine(ex02, QStringLiteral("Default Frontend EX02")) != nullptr);
        QVERIFY(findLine(ex02, QStringLiteral("Relay EX01")) == nullptr);
    }

    void disabledHubConnectorIsTagged() {
        model::Design design = design_;
        design.receiveConnectors[1].enabled = false;
        design.receiveConnectors[1].transportRole = model::TransportRole::HubTransport;
        const CardContent card = describeHost(design, *design.findHost("h-ex01"));
        const CardLine* line = findLine(card, QStringLiteral("Relay EX01"));
        QVERIFY(hasTag(line, QStringLiteral("Hub"), TagTone::Info));
        QVERIFY(hasTag(line, QStringLiteral("disabled"), TagTone::Neutral));
    }

    void smtpHostShowsKindAndSubmission() {
        const CardContent card = describeHost(design_, *design_.findHost("h-scanner"));
        QCOMPARE(card.subtitle, QStringLiteral("Application client"));
        QCOMPARE(card.icon, ElementIcon::SmtpHost);
        QVERIFY(findLine(card, QStringLiteral("Submits to 10.0.1.50:25")) != nullptr);
        QVERIFY(findLine(card, QStringLiteral("Appliance")) != nullptr);
    }

    void loadBalancerShowsVipModePortAndPool() {
        const CardContent card = describeLoadBalancer(design_, design_.loadBalancers.front());
        QCOMPARE(card.icon, ElementIcon::LoadBalancer);
        QVERIFY(hasTag(findLine(card, QStringLiteral("smtp-in")), QStringLiteral("SNAT"),
                       TagTone::Special));
        QVERIFY(findLine(card, QStringLiteral("192.168.10.25:25")) != nullptr);
        QVERIFY(findLine(card, QStringLiteral("pool EX01, EX02")) != nullptr);
        QVERIFY(findLine(card, QStringLiteral("SNAT from 10.0.1.20")) != nullptr);
        QCOMPARE(card.attachments.size(), 2);

        model::Design dsr = design_;
        dsr.loadBalancers.front().vips.front().mode = model::LoadBalancerMode::Dsr;
        dsr.loadBalancers.front().vips.front().pool.front().port = 2525;
        const CardContent dsrCard = describeLoadBalancer(dsr, dsr.loadBalancers.front());
        QVERIFY(hasTag(findLine(dsrCard, QStringLiteral("smtp-in")), QStringLiteral("DSR"),
                       TagTone::Special));
        QVERIFY(findLine(dsrCard, QStringLiteral("pool EX01:2525, EX02")) != nullptr);
    }

    void firewallShowsZonesInterfacesAndNatCount() {
        const CardContent card = describeFirewall(design_, design_.firewalls.front());
        QCOMPARE(card.subtitle, QStringLiteral("Firewall · stateful"));
        QVERIFY(findLine(card, QStringLiteral("untrust (0) · dmz (50)")) != nullptr);
        QVERIFY(hasTag(findLine(card, QStringLiteral("outside · Internet")),
                       QStringLiteral("untrust"), TagTone::Neutral));
        QVERIFY(findLine(card, QStringLiteral("1 access rule")) != nullptr);
        QVERIFY(findLine(card, QStringLiteral("NAT: 1 inbound · 0 outbound")) != nullptr);
        QVERIFY(card.toolTip.contains(QStringLiteral("Perimeter firewall")));
        QVERIFY(card.toolTip.contains(QStringLiteral("203.0.113.25:25")));
    }

    void routerShowsInterfaces() {
        const CardContent card = describeRouter(design_, design_.routers.front());
        QCOMPARE(card.subtitle, QStringLiteral("Router"));
        QVERIFY(findLine(card, QStringLiteral("ge-0/0/1 · DMZ")) != nullptr);
        QVERIFY(findLine(card, QStringLiteral("10.0.1.1/24")) != nullptr);
        QCOMPARE(card.attachments.size(), 2);
    }

    void segmentLabelListsSubnets() {
        const SegmentLabel label = describeSegment(*design_.findSegment("seg-lan"));
        QCOMPARE(label.title, QStringLiteral("Server LAN"));
        QCOMPARE(label.subnets, QStringLiteral("10.0.1.0/24 · fd00:1::/64"));
        QVERIFY(label.toolTip.contains(QStringLiteral("LAN segment")));
        QVERIFY(label.toolTip.contains(QStringLiteral("Mailbox servers and application hosts")));
    }

    void tooltipEscapesMarkup() {
        model::Design design = design_;
        design.hosts.front().description = "<b>not bold</b> & more";
        const CardContent card = describeHost(design, design.hosts.front());
        QVERIFY(card.toolTip.contains(QStringLiteral("&lt;b&gt;not bold&lt;/b&gt; &amp; more")));
    }

    void compactBindingsMergeOnlyBothWildcards() {
        auto b = [](const char* text) { return *net::Binding::parse(text); };
        QCOMPARE(text::compactBindingsText({b("0.0.0.0:25"), b("[::]:25")}),
                 QStringLiteral("*:25"));
        QCOMPARE(text::compactBindingsText({b("0.0.0.0:25")}), QStringLiteral("0.0.0.0:25"));
        QCOMPARE(text::compactBindingsText({b("0.0.0.0:25"), b("[::]:587"), b("10.0.0.5:2525")}),
                 QStringLiteral("0.0.0.0:25, [::]:587, 10.0.0.5:2525"));
        QCOMPARE(text::compactBindingsText({b("[::]:25"), b("10.0.0.5:25"), b("0.0.0.0:25")}),
                 QStringLiteral("*:25, 10.0.0.5:25"));
    }

    void summaryCountsElements() {
        QCOMPARE(text::designSummary(design_),
                 QStringLiteral("4 hosts · 3 segments · 1 load balancer · 1 firewall · 1 router · "
                                "3 receive connectors · 1 send connector · 1 flow"));
        QCOMPARE(text::designSummary(model::Design{}),
                 QStringLiteral("0 hosts · 0 segments · 0 receive connectors"));
    }
};

QTEST_GUILESS_MAIN(TestElementDescriptions)
#include "tst_element_descriptions.moc"
