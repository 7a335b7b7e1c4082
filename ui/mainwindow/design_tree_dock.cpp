#include "ui/mainwindow/design_tree_dock.h"

#include <QHash>
#include <QHeaderView>
#include <QIcon>
#include <QTreeWidget>

#include "core/model/design.h"
#include "ui/diagram/diagram_style.h"
#include "ui/document/element_text.h"

namespace mailtopo::ui {
namespace {

using text::fromStd;

// One QIcon per element type, shared by every row: building one from its SVG for each of
// thousands of rows was a tenth of opening a large design.
QIcon iconFor(ElementIcon icon) {
    static QHash<int, QIcon> cache;  // keyed by icon and theme
    const DiagramStyle& style = DiagramStyle::standard();
    const int key = static_cast<int>(icon) * 2 + (style.isDark() ? 1 : 0);
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, style.themedIcon(DiagramStyle::iconPath(icon)));
    return it.value();
}

}  // namespace

DesignTreeDock::DesignTreeDock(QWidget* parent)
    : QDockWidget(tr("Design"), parent), tree_(new QTreeWidget(this)) {
    setObjectName(QStringLiteral("designDock"));  // saveState() needs a stable name
    tree_->setObjectName(QStringLiteral("designTree"));
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Element"), tr("Details")});
    // A fixed first column: sized to its contents, one long flow name would push the
    // details out of sight.
    tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree_->setColumnWidth(0, 200);
    tree_->header()->setStretchLastSection(true);
    tree_->setUniformRowHeights(true);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);
    tree_->setIconSize(QSize(16, 16));
    setWidget(tree_);
    connect(tree_, &QTreeWidget::itemSelectionChanged, this, &DesignTreeDock::onSelectionChanged);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tree_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QTreeWidgetItem* item = tree_->itemAt(pos);
        if (item == nullptr)
            return;
        emit menuRequested(item->data(0, kIdRole).toString(),
                           item->data(0, kCategoryRole).toString(),
                           tree_->viewport()->mapToGlobal(pos));
    });
}

void DesignTreeDock::clear() {
    items_.clear();
    tree_->clear();
}

QTreeWidgetItem* DesignTreeDock::category(const QString& title) const {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = tree_->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == title)
            return item;
    }
    return nullptr;
}

void DesignTreeDock::populate(const model::Design& design) {
    const bool wasUpdating = updating_;
    updating_ = true;
    clear();

    auto addCategory = [&](const QString& title, const char* key, size_t count) {
        auto* item = new QTreeWidgetItem(tree_);
        item->setText(0, QStringLiteral("%1 (%2)").arg(title).arg(count));
        item->setData(0, Qt::UserRole, title);
        item->setData(0, kCategoryRole, QLatin1String(key));
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        item->setFlags(Qt::ItemIsEnabled);  // a heading, not an element
        return item;
    };
    auto addElement = [&](QTreeWidgetItem* parent, const std::string& id, const QString& name,
                          const QString& details, std::optional<ElementIcon> icon) {
        auto* item = new QTreeWidgetItem(parent);
        item->setText(0, name.isEmpty() ? fromStd(id) : name);
        item->setText(1, details);
        item->setToolTip(0, QStringLiteral("%1 (%2)").arg(item->text(0), fromStd(id)));
        item->setToolTip(1, details);
        item->setData(0, kIdRole, fromStd(id));
        if (icon)
            item->setIcon(0, iconFor(*icon));
        items_.insert(fromStd(id), item);
    };

    // The design itself first: choosing it shows its properties and organisation.
    auto* whole = new QTreeWidgetItem(tree_);
    whole->setText(0, tr("Design"));
    whole->setData(0, Qt::UserRole, QStringLiteral("Design"));
    whole->setData(0, kDesignRole, true);
    whole->setData(0, kCategoryRole, QStringLiteral("design"));
    QFont bold = whole->font(0);
    bold.setBold(true);
    whole->setFont(0, bold);
    const QString organisation = fromStd(design.organization.name);
    whole->setText(
        1, (organisation.isEmpty() ? QString() : organisation + QStringLiteral(" · ")) +
               text::countText(static_cast<qsizetype>(design.organization.acceptedDomains.size()),
                               tr("accepted domain"), tr("accepted domains")));
    whole->setToolTip(0, tr("The design's name and description and its Exchange organisation: "
                            "accepted domains and InternalSMTPServers"));

    QTreeWidgetItem* hosts = addCategory(tr("Hosts"), "hosts", design.hosts.size());
    for (const model::Host& host : design.hosts) {
        addElement(hosts, host.id, fromStd(host.name), text::hostRoleSummary(host),
                   host.isExchange() ? ElementIcon::ExchangeServer : ElementIcon::SmtpHost);
    }
    QTreeWidgetItem* lbs =
        addCategory(tr("Load balancers"), "loadBalancers", design.loadBalancers.size());
    for (const model::LoadBalancer& lb : design.loadBalancers) {
        addElement(lbs, lb.id, fromStd(lb.name),
                   text::countText(static_cast<qsizetype>(lb.vips.size()), tr("virtual server"),
                                   tr("virtual servers")),
                   ElementIcon::LoadBalancer);
    }
    QTreeWidgetItem* firewalls = addCategory(tr("Firewalls"), "firewalls", design.firewalls.size());
    for (const model::Firewall& firewall : design.firewalls) {
        addElement(firewalls, firewall.id, fromStd(firewall.name),
                   text::countText(static_cast<qsizetype>(firewall.interfaces.size()),
                                   tr("interface"), tr("interfaces")),
                   ElementIcon::Firewall);
    }
    QTreeWidgetItem* routers = addCategory(tr("Routers"), "routers", design.routers.size());
    for (const model::Router& router : design.routers) {
        addElement(routers, router.id, fromStd(router.name),
                   text::countText(static_cast<qsizetype>(router.interfaces.size()),
                                   tr("interface"), tr("interfaces")),
                   ElementIcon::Router);
    }
    QTreeWidgetItem* segments = addCategory(tr("Segments"), "segments", design.segments.size());
    for (const model::Segment& segment : design.segments) {
        QString details = text::segmentKindName(segment.kind);
        if (!segment.subnets.empty())
            details += QStringLiteral(" · ") + text::subnetsText(segment.subnets);
        addElement(segments, segment.id, fromStd(segment.name), details,
                   segment.kind == model::SegmentKind::Internet ? ElementIcon::Internet
                                                                : ElementIcon::Segment);
    }
    QTreeWidgetItem* receive =
        addCategory(tr("Receive connectors"), "receiveConnectors", design.receiveConnectors.size());
    for (const model::ReceiveConnector& connector : design.receiveConnectors) {
        const model::Host* server = design.findHost(connector.serverId);
        addElement(receive, connector.id, fromStd(connector.name),
                   QStringLiteral("%1 · %2").arg(
                       server ? fromStd(server->name) : fromStd(connector.serverId),
                       text::bindingsText(connector.bindings)),
                   std::nullopt);
    }
    QTreeWidgetItem* send =
        addCategory(tr("Send connectors"), "sendConnectors", design.sendConnectors.size());
    for (const model::SendConnector& connector : design.sendConnectors) {
        QStringList spaces;
        for (const model::AddressSpace& space : connector.addressSpaces)
            spaces << fromStd(space.domain);
        addElement(send, connector.id, fromStd(connector.name), spaces.join(QStringLiteral(", ")),
                   std::nullopt);
    }
    QTreeWidgetItem* zones = addCategory(tr("DNS zones"), "dnsZones", design.dnsZones.size());
    for (const model::DnsZone& zone : design.dnsZones) {
        addElement(zones, zone.id, fromStd(zone.origin),
                   QStringLiteral("%1 · %2").arg(
                       fromStd(std::string(enumName(zone.view))),
                       text::countText(static_cast<qsizetype>(zone.records.size()), tr("record"),
                                       tr("records"))),
                   std::nullopt);
    }
    QTreeWidgetItem* flows = addCategory(tr("Flows"), "flows", design.flows.size());
    for (const model::Flow& flow : design.flows) {
        // Both ends by name: a destination that is a host is written as its id in the file
        // ("ex01"), which need not be the name it is drawn with ("EX13").
        const model::Host* source = design.findHost(flow.sourceHostId);
        const model::Host* target = design.findHost(flow.destination);
        addElement(flows, flow.id, fromStd(flow.name),
                   QStringLiteral("%1 → %2").arg(
                       source ? fromStd(source->name) : fromStd(flow.sourceHostId),
                       target ? fromStd(target->name) : fromStd(flow.destination)),
                   std::nullopt);
    }
    tree_->expandAll();
    updating_ = wasUpdating;
}

void DesignTreeDock::showElement(const QString& elementId) {
    updating_ = true;
    QTreeWidgetItem* item = items_.value(elementId);
    tree_->clearSelection();
    if (item != nullptr) {
        item->setSelected(true);
        tree_->scrollToItem(item);
    }
    updating_ = false;
}

void DesignTreeDock::onSelectionChanged() {
    if (updating_)
        return;
    const QList<QTreeWidgetItem*> selected = tree_->selectedItems();
    if (selected.isEmpty())
        return;
    if (selected.first()->data(0, kDesignRole).toBool()) {
        emit elementChosen(QString());  // the design itself
        return;
    }
    const QString id = selected.first()->data(0, kIdRole).toString();
    if (!id.isEmpty())
        emit elementChosen(id);
}

}  // namespace mailtopo::ui
