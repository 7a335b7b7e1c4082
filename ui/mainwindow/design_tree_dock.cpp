#include "ui/mainwindow/design_tree_dock.h"

#include <QHash>
#include <QHeaderView>
#include <QIcon>
#include <QTreeWidget>
#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_set>

#include "core/edit/change_set.h"
#include "core/model/design.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/element_descriptions.h"
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

namespace {

// What a row shows of one element.
struct RowText {
    QString name;
    QString details;
    std::optional<ElementIcon> icon;
};

// The categories, in the tree's order: their keys (kCategoryRole) and titles.
enum Category { Hosts, LoadBalancers, Firewalls, Routers, Segments, Receive, Send, Zones, Flows };
constexpr int kCategoryCount = Flows + 1;
constexpr const char* kCategoryKeys[kCategoryCount] = {
    "hosts",          "loadBalancers", "firewalls", "routers", "segments", "receiveConnectors",
    "sendConnectors", "dnsZones",      "flows"};

QString categoryTitle(int category) {
    switch (static_cast<Category>(category)) {
        case Hosts:
            return DesignTreeDock::tr("Hosts");
        case LoadBalancers:
            return DesignTreeDock::tr("Load balancers");
        case Firewalls:
            return DesignTreeDock::tr("Firewalls");
        case Routers:
            return DesignTreeDock::tr("Routers");
        case Segments:
            return DesignTreeDock::tr("Segments");
        case Receive:
            return DesignTreeDock::tr("Receive connectors");
        case Send:
            return DesignTreeDock::tr("Send connectors");
        case Zones:
            return DesignTreeDock::tr("DNS zones");
        case Flows:
            return DesignTreeDock::tr("Flows");
    }
    return {};
}

// Host names by id for the rows that name a host (a connector's server, a flow's ends): a
// search of the design for the few rows an edit writes again, an index once many ask (a
// full listing of thousands of connectors would otherwise search thousands of hosts each).
class HostNames {
public:
    explicit HostNames(const model::Design& design) : design_(design) {}
    QString operator()(const model::Id& id) {
        if (++asked_ > kSearchesBeforeIndex && !index_)
            index_.emplace(design_);
        const model::Host* host = index_ ? index_->host(id) : design_.findHost(id);
        return host ? fromStd(host->name) : fromStd(id);
    }

private:
    static constexpr int kSearchesBeforeIndex = 32;
    const model::Design& design_;
    int asked_ = 0;
    std::optional<DesignLookup> index_;
};

// Every element the tree lists, category by category in the design's order:
// `visit(category, index in it, element, row)`, where row() works out the row's texts (only
// rows written again need them).
template <class Visit>
void forEachListed(const model::Design& design, Visit&& visit) {
    const auto count = [](std::size_t n, const QString& one, const QString& many) {
        return text::countText(static_cast<qsizetype>(n), one, many);
    };
    HostNames hostName(design);
    const auto each = [&](Category category, const auto& list, const auto& row) {
        int index = 0;
        for (const auto& element : list)
            visit(category, index++, element, [&] { return row(element); });
    };
    each(Hosts, design.hosts, [](const model::Host& host) {
        return RowText{fromStd(host.name), text::hostRoleSummary(host),
                       host.isExchange() ? ElementIcon::ExchangeServer : ElementIcon::SmtpHost};
    });
    each(LoadBalancers, design.loadBalancers, [&](const model::LoadBalancer& lb) {
        return RowText{fromStd(lb.name),
                       count(lb.vips.size(), DesignTreeDock::tr("virtual server"),
                             DesignTreeDock::tr("virtual servers")),
                       ElementIcon::LoadBalancer};
    });
    each(Firewalls, design.firewalls, [&](const model::Firewall& firewall) {
        return RowText{fromStd(firewall.name),
                       count(firewall.interfaces.size(), DesignTreeDock::tr("interface"),
                             DesignTreeDock::tr("interfaces")),
                       ElementIcon::Firewall};
    });
    each(Routers, design.routers, [&](const model::Router& router) {
        return RowText{fromStd(router.name),
                       count(router.interfaces.size(), DesignTreeDock::tr("interface"),
                             DesignTreeDock::tr("interfaces")),
                       ElementIcon::Router};
    });
    each(Segments, design.segments, [](const model::Segment& segment) {
        QString details = text::segmentKindName(segment.kind);
        if (!segment.subnets.empty())
            details += QStringLiteral(" · ") + text::subnetsText(segment.subnets);
        return RowText{fromStd(segment.name), details,
                       segment.kind == model::SegmentKind::Internet ? ElementIcon::Internet
                                                                    : ElementIcon::Segment};
    });
    each(Receive, design.receiveConnectors, [&](const model::ReceiveConnector& connector) {
        return RowText{fromStd(connector.name),
                       QStringLiteral("%1 · %2").arg(hostName(connector.serverId),
                                                     text::bindingsText(connector.bindings)),
                       std::nullopt};
    });
    each(Send, design.sendConnectors, [](const model::SendConnector& connector) {
        QStringList spaces;
        for (const model::AddressSpace& space : connector.addressSpaces)
            spaces << fromStd(space.domain);
        return RowText{fromStd(connector.name), spaces.join(QStringLiteral(", ")), std::nullopt};
    });
    each(Zones, design.dnsZones, [&](const model::DnsZone& zone) {
        return RowText{
            fromStd(zone.origin),
            QStringLiteral("%1 · %2").arg(fromStd(std::string(enumName(zone.view))),
                                          count(zone.records.size(), DesignTreeDock::tr("record"),
                                                DesignTreeDock::tr("records"))),
            std::nullopt};
    });
    // Both ends by name: a destination that is a host is written as its id in the file
    // ("ex01"), which need not be the name it is drawn with ("EX13"). A flow without one
    // goes where its source's routing sends its first recipient (R27/R28).
    each(Flows, design.flows, [&](const model::Flow& flow) {
        const QString to =
            !flow.destination.empty() ? hostName(flow.destination)
            : flow.rcptTo.empty()
                ? DesignTreeDock::tr("?")
                : DesignTreeDock::tr("%1 (routed)").arg(fromStd(flow.rcptTo.front()));
        return RowText{fromStd(flow.name),
                       QStringLiteral("%1 → %2").arg(hostName(flow.sourceHostId), to),
                       std::nullopt};
    });
}

// Whether an element's row names one of `hosts` besides itself (a connector's server, a
// flow's ends).
template <class Element>
bool namesHostIn(const Element& element, const std::unordered_set<std::string>& hosts) {
    if constexpr (std::is_same_v<Element, model::ReceiveConnector>)
        return hosts.contains(element.serverId);
    else if constexpr (std::is_same_v<Element, model::Flow>)
        return hosts.contains(element.sourceHostId) || hosts.contains(element.destination);
    else
        return false;
}

void fillRow(QTreeWidgetItem* item, const std::string& id, const RowText& row) {
    item->setText(0, row.name.isEmpty() ? fromStd(id) : row.name);
    item->setText(1, row.details);
    item->setToolTip(0, QStringLiteral("%1 (%2)").arg(item->text(0), fromStd(id)));
    item->setToolTip(1, row.details);
    item->setData(0, DesignTreeDock::kIdRole, fromStd(id));
    item->setIcon(0, row.icon ? iconFor(*row.icon) : QIcon());
}

}  // namespace

void DesignTreeDock::fillDesignRow(const model::Design& design) {
    QTreeWidgetItem* whole = tree_->topLevelItem(0);
    const QString organisation = fromStd(design.organization.name);
    whole->setText(
        1, (organisation.isEmpty() ? QString() : organisation + QStringLiteral(" · ")) +
               text::countText(static_cast<qsizetype>(design.organization.acceptedDomains.size()),
                               tr("accepted domain"), tr("accepted domains")));
}

void DesignTreeDock::countRows() {
    for (int c = 0; c < kCategoryCount; ++c) {
        QTreeWidgetItem* item = tree_->topLevelItem(c + 1);
        item->setText(0, QStringLiteral("%1 (%2)").arg(categoryTitle(c)).arg(item->childCount()));
    }
}

void DesignTreeDock::populate(const model::Design& design) {
    const bool wasUpdating = updating_;
    updating_ = true;
    clear();

    // The design itself first: choosing it shows its properties and organisation.
    auto* whole = new QTreeWidgetItem(tree_);
    whole->setText(0, tr("Design"));
    whole->setData(0, Qt::UserRole, QStringLiteral("Design"));
    whole->setData(0, kDesignRole, true);
    whole->setData(0, kCategoryRole, QStringLiteral("design"));
    QFont bold = whole->font(0);
    bold.setBold(true);
    whole->setFont(0, bold);
    whole->setToolTip(0, tr("The design's name and description and its Exchange organisation: "
                            "accepted domains and InternalSMTPServers"));
    fillDesignRow(design);

    QTreeWidgetItem* categories[kCategoryCount];
    for (int c = 0; c < kCategoryCount; ++c) {
        auto* item = new QTreeWidgetItem(tree_);
        item->setData(0, Qt::UserRole, categoryTitle(c));
        item->setData(0, kCategoryRole, QLatin1String(kCategoryKeys[c]));
        item->setFont(0, bold);
        item->setFlags(Qt::ItemIsEnabled);  // a heading, not an element
        categories[c] = item;
    }
    forEachListed(design, [&](int category, int, const auto& element, const auto& row) {
        auto* item = new QTreeWidgetItem(categories[category]);
        fillRow(item, element.id, row());
        items_.insert(fromStd(element.id), item);
    });
    countRows();
    tree_->expandAll();
    updating_ = wasUpdating;
}

void DesignTreeDock::update(const model::Design& design, const edit::ChangeSet& changes) {
    if (tree_->topLevelItemCount() != kCategoryCount + 1) {
        populate(design);
        return;
    }
    const bool wasUpdating = updating_;
    updating_ = true;
    std::unordered_set<std::string> touched;
    for (const auto* list : {&changes.inserted, &changes.changed})
        touched.insert(list->cbegin(), list->cend());
    for (const model::Id& id : changes.removed) {
        if (QTreeWidgetItem* item = items_.take(fromStd(id)))
            delete item;
    }
    if (touched.contains(std::string(edit::kDesignId)) ||
        touched.contains(std::string(edit::kOrganizationId)))
        fillDesignRow(design);
    // Rows that name a host besides their own element follow its name.
    std::unordered_set<std::string> hosts;
    for (const model::Host& host : design.hosts) {
        if (touched.contains(host.id))
            hosts.insert(host.id);
    }
    if (!touched.empty()) {
        forEachListed(design, [&](int category, int index, const auto& element, const auto& row) {
            if (!touched.contains(element.id) && !namesHostIn(element, hosts))
                return;
            QTreeWidgetItem* parent = tree_->topLevelItem(category + 1);
            QTreeWidgetItem* item = items_.value(fromStd(element.id));
            if (item == nullptr) {
                item = new QTreeWidgetItem();
                parent->insertChild(std::min(index, parent->childCount()), item);
                items_.insert(fromStd(element.id), item);
            } else if (item->parent() != parent || parent->indexOfChild(item) != index) {
                item->parent()->removeChild(item);  // moved in its list (a reorder)
                parent->insertChild(std::min(index, parent->childCount()), item);
            }
            fillRow(item, element.id, row());
        });
    }
    countRows();
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
