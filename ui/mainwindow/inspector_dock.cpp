#include "ui/mainwindow/inspector_dock.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

#include "core/net/binding.h"
#include "core/net/ip_range.h"
#include "core/probe/design_target.h"
#include "core/util/enum_text.h"
#include "ui/diagram/element_descriptions.h"
#include "ui/document/design_document.h"
#include "ui/document/element_text.h"

namespace mailtopo::ui {
namespace {

using text::fromStd;

const QString kInvalidStyle = QStringLiteral("background: #fde8e8; border: 1px solid #c62828;");

model::Host* hostIn(model::Design& design, const QString& id) {
    return design.findHost(id.toStdString());
}

model::ReceiveConnector* connectorIn(model::Design& design, const QString& id) {
    for (auto& rc : design.receiveConnectors)
        if (fromStd(rc.id) == id)
            return &rc;
    return nullptr;
}

QString joinedBindings(const std::vector<net::Binding>& bindings) {
    QStringList parts;
    for (const auto& b : bindings)
        parts << fromStd(b.toString());
    return parts.join(QStringLiteral(", "));
}

QString joinedRanges(const std::vector<net::IpRange>& ranges) {
    QStringList parts;
    for (const auto& r : ranges)
        parts << fromStd(r.toString());
    return parts.join(QLatin1Char('\n'));
}

bool elementExists(const model::Design& design, const QString& elementId) {
    const std::string id = elementId.toStdString();
    if (design.findHost(id) != nullptr || design.findReceiveConnector(id) != nullptr)
        return true;
    const auto has = [&id](const auto& list) {
        return std::any_of(list.begin(), list.end(), [&id](const auto& e) { return e.id == id; });
    };
    return has(design.loadBalancers) || has(design.firewalls) || has(design.routers) ||
           probe::elementLabel(design, id) != id;
}

// Card lines as plain text, for kinds the inspector shows read-only.
QStringList cardLines(const CardContent& content) {
    QStringList lines;
    for (const auto& section : content.sections) {
        if (!section.heading.isEmpty())
            lines << section.heading.toUpper();
        for (const auto& line : section.lines)
            lines << QString(line.indent * 2, QLatin1Char(' ')) + line.text;
    }
    return lines;
}

}  // namespace

InspectorDock::InspectorDock(DesignDocument* document, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent), document_(document), problem_(new QLabel(this)) {
    setObjectName(QStringLiteral("inspectorDock"));
    problem_->setObjectName(QStringLiteral("inspectorProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #c62828;"));
    // Queued: a change can come from one of this dock's own editors, which must not be
    // deleted or reset while it is still emitting.
    connect(
        document_, &DesignDocument::designReset, this,
        [this] {
            if (!elementId_.isEmpty() && !elementExists(document_->design(), elementId_)) {
                elementId_.clear();  // undone creation, or an import replaced it
                rebuild();
                return;
            }
            refresh();
        },
        Qt::QueuedConnection);
    inspect(QString());
}

void InspectorDock::inspect(const QString& elementId) {
    if (elementId == elementId_ && form_ != nullptr)
        return;
    elementId_ = elementId;
    rebuild();
}

QString InspectorDock::problem() const {
    return problem_->text();
}

void InspectorDock::rebuild() {
    editors_.clear();
    readers_.clear();
    problem_->clear();
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    form_ = new QWidget(scroll);
    auto* outer = new QVBoxLayout(form_);
    layout_ = new QFormLayout;
    layout_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    outer->addLayout(layout_);
    outer->addWidget(problem_);
    outer->addStretch(1);
    scroll->setWidget(form_);
    setWidget(scroll);  // deletes the previous form

    const model::Design& design = document_->design();
    const std::string id = elementId_.toStdString();
    if (elementId_.isEmpty() || !document_->hasDesign()) {
        auto* hint = new QLabel(tr("Choose an element on the diagram or in the Design panel "
                                   "to see and edit its properties."),
                                form_);
        hint->setWordWrap(true);
        layout_->addRow(hint);
        return;
    }
    if (const model::Host* host = design.findHost(id)) {
        buildHost(*host);
        return;
    }
    for (const auto& rc : design.receiveConnectors) {
        if (rc.id == id) {
            buildReceiveConnector(rc);
            return;
        }
    }
    for (const auto& lb : design.loadBalancers)
        if (lb.id == id)
            return buildReadOnly(tr("Load balancer"), cardLines(describeLoadBalancer(design, lb)));
    for (const auto& fw : design.firewalls)
        if (fw.id == id)
            return buildReadOnly(tr("Firewall"), cardLines(describeFirewall(design, fw)));
    for (const auto& router : design.routers)
        if (router.id == id)
            return buildReadOnly(tr("Router"), cardLines(describeRouter(design, router)));
    buildReadOnly(tr("Element"), {fromStd(probe::elementLabel(design, id))});
}

QLineEdit* InspectorDock::addText(
    const QString& property, const QString& label, const QString& value, bool required,
    const std::function<void(model::Design&, const QString&)>& apply) {
    auto* edit = new QLineEdit(value, form_);
    edit->setObjectName(property);
    layout_->addRow(required ? label + QStringLiteral(" *") : label, edit);
    editors_.insert(property, edit);
    connect(edit, &QLineEdit::textEdited, this,
            [this, property, required, apply, label](const QString& text) {
                if (required && text.trimmed().isEmpty()) {
                    refuse(property, tr("%1 is required.").arg(label));
                    return;
                }
                accept(property);
                commit(property, [&](model::Design& design) {
                    apply(design, text.trimmed());
                    return true;
                });
            });
    return edit;
}

void InspectorDock::buildHost(const model::Host& host) {
    layout_->addRow(tr("Kind"), new QLabel(text::hostRoleSummary(host), form_));
    layout_->addRow(tr("Operating system"), new QLabel(text::operatingSystemName(host.os), form_));
    const QString id = elementId_;
    addText(QStringLiteral("name"), tr("Name"), fromStd(host.name), true,
            [id](model::Design& d, const QString& v) {
                if (auto* h = hostIn(d, id))
                    h->name = v.toStdString();
            });
    readers_.insert(QStringLiteral("name"), [id](const model::Design& d) {
        const auto* h = d.findHost(id.toStdString());
        return h ? fromStd(h->name) : QString();
    });
    addText(QStringLiteral("fqdn"), tr("FQDN"), fromStd(host.fqdn), false,
            [id](model::Design& d, const QString& v) {
                if (auto* h = hostIn(d, id))
                    h->fqdn = v.toStdString();
            });
    readers_.insert(QStringLiteral("fqdn"), [id](const model::Design& d) {
        const auto* h = d.findHost(id.toStdString());
        return h ? fromStd(h->fqdn) : QString();
    });
    if (host.exchange) {
        addText(QStringLiteral("site"), tr("AD site"), fromStd(host.exchange->site), true,
                [id](model::Design& d, const QString& v) {
                    if (auto* h = hostIn(d, id); h && h->exchange)
                        h->exchange->site = v.toStdString();
                });
        readers_.insert(QStringLiteral("site"), [id](const model::Design& d) {
            const auto* h = d.findHost(id.toStdString());
            return h && h->exchange ? fromStd(h->exchange->site) : QString();
        });
    }
    addText(QStringLiteral("description"), tr("Description"), fromStd(host.description), false,
            [id](model::Design& d, const QString& v) {
                if (auto* h = hostIn(d, id))
                    h->description = v.toStdString();
            });
    readers_.insert(QStringLiteral("description"), [id](const model::Design& d) {
        const auto* h = d.findHost(id.toStdString());
        return h ? fromStd(h->description) : QString();
    });
}

void InspectorDock::buildReceiveConnector(const model::ReceiveConnector& connector) {
    const QString id = elementId_;
    const model::Host* server = document_->design().findHost(connector.serverId);
    layout_->addRow(
        tr("Server"),
        new QLabel(server ? fromStd(server->name) : fromStd(connector.serverId), form_));
    layout_->addRow(tr("Role"),
                    new QLabel(text::transportRoleName(connector.transportRole), form_));
    addText(QStringLiteral("name"), tr("Name"), fromStd(connector.name), true,
            [id](model::Design& d, const QString& v) {
                if (auto* rc = connectorIn(d, id))
                    rc->name = v.toStdString();
            });
    readers_.insert(QStringLiteral("name"), [id](const model::Design& d) {
        const auto* rc = d.findReceiveConnector(id.toStdString());
        return rc ? fromStd(rc->name) : QString();
    });

    auto* enabled = new QCheckBox(tr("Enabled"), form_);
    enabled->setObjectName(QStringLiteral("enabled"));
    enabled->setChecked(connector.enabled);
    layout_->addRow(QString(), enabled);
    editors_.insert(QStringLiteral("enabled"), enabled);
    readers_.insert(QStringLiteral("enabled"), [id](const model::Design& d) {
        const auto* rc = d.findReceiveConnector(id.toStdString());
        return rc && rc->enabled ? QStringLiteral("1") : QStringLiteral("0");
    });
    connect(enabled, &QCheckBox::toggled, this, [this, id](bool on) {
        commit(QStringLiteral("enabled"), [&](model::Design& d) {
            auto* rc = connectorIn(d, id);
            if (rc)
                rc->enabled = on;
            return rc != nullptr;
        });
    });

    // Bindings: "0.0.0.0:25, [::]:25"; each checked with core's parser as you type.
    auto* bindings = new QLineEdit(joinedBindings(connector.bindings), form_);
    bindings->setObjectName(QStringLiteral("bindings"));
    layout_->addRow(tr("Bindings *"), bindings);
    editors_.insert(QStringLiteral("bindings"), bindings);
    readers_.insert(QStringLiteral("bindings"), [id](const model::Design& d) {
        const auto* rc = d.findReceiveConnector(id.toStdString());
        return rc ? joinedBindings(rc->bindings) : QString();
    });
    connect(bindings, &QLineEdit::textEdited, this, [this, id](const QString& text) {
        std::vector<net::Binding> parsed;
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            std::string error;
            auto b = net::Binding::parse(part.trimmed().toStdString(), &error);
            if (!b)
                return refuse(QStringLiteral("bindings"),
                              tr("Bindings: '%1': %2").arg(part.trimmed(), fromStd(error)));
            parsed.push_back(*b);
        }
        if (parsed.empty())
            return refuse(QStringLiteral("bindings"), tr("Bindings: at least one is required."));
        accept(QStringLiteral("bindings"));
        commit(QStringLiteral("bindings"), [&](model::Design& d) {
            auto* rc = connectorIn(d, id);
            if (rc)
                rc->bindings = parsed;
            return rc != nullptr;
        });
    });

    // RemoteIPRanges: one entry per line, in every form Exchange takes.
    auto* ranges = new QPlainTextEdit(joinedRanges(connector.remoteIpRanges), form_);
    ranges->setObjectName(QStringLiteral("remoteIpRanges"));
    ranges->setTabChangesFocus(true);
    ranges->setMinimumHeight(90);
    ranges->setPlaceholderText(tr("One per line: 10.0.0.5, 10.0.0.0/24, 10.0.0.1-10.0.0.9 …"));
    layout_->addRow(tr("RemoteIPRanges"), ranges);
    editors_.insert(QStringLiteral("remoteIpRanges"), ranges);
    readers_.insert(QStringLiteral("remoteIpRanges"), [id](const model::Design& d) {
        const auto* rc = d.findReceiveConnector(id.toStdString());
        return rc ? joinedRanges(rc->remoteIpRanges) : QString();
    });
    connect(ranges, &QPlainTextEdit::textChanged, this, [this, id, ranges] {
        std::vector<net::IpRange> parsed;
        const QStringList lines = ranges->toPlainText().split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            const QString line = lines[i].trimmed();
            if (line.isEmpty())
                continue;
            std::string error;
            auto range = net::IpRange::parse(line.toStdString(), &error);
            if (!range)
                return refuse(QStringLiteral("remoteIpRanges"),
                              tr("RemoteIPRanges, line %1: %2").arg(i + 1).arg(fromStd(error)));
            parsed.push_back(*range);
        }
        accept(QStringLiteral("remoteIpRanges"));
        commit(QStringLiteral("remoteIpRanges"), [&](model::Design& d) {
            auto* rc = connectorIn(d, id);
            if (rc)
                rc->remoteIpRanges = parsed;
            return rc != nullptr;
        });
    });

    const auto flagBoxes = [this, id]<class E>(const QString& property, const QString& label,
                                               FlagSet<E> current,
                                               FlagSet<E> model::ReceiveConnector::*member) {
        auto* box = new QWidget(form_);
        box->setObjectName(property);
        auto* grid = new QGridLayout(box);
        grid->setContentsMargins(0, 0, 0, 0);
        int i = 0;
        for (const auto& [value, name] : EnumTraits<E>::items) {
            auto* check = new QCheckBox(fromStd(std::string(name)), box);
            check->setObjectName(property + QLatin1Char('.') + fromStd(std::string(name)));
            check->setChecked(current.contains(value));
            grid->addWidget(check, i / 2, i % 2);
            ++i;
            const E flag = value;
            editors_.insert(check->objectName(), check);
            readers_.insert(check->objectName(), [id, member, flag](const model::Design& d) {
                const auto* rc = d.findReceiveConnector(id.toStdString());
                return rc && (rc->*member).contains(flag) ? QStringLiteral("1")
                                                          : QStringLiteral("0");
            });
            connect(check, &QCheckBox::toggled, this, [this, id, property, member, flag](bool on) {
                commit(property, [&](model::Design& d) {
                    auto* rc = connectorIn(d, id);
                    if (rc == nullptr)
                        return false;
                    if (on)
                        (rc->*member).insert(flag);
                    else
                        (rc->*member).erase(flag);
                    return true;
                });
            });
        }
        layout_->addRow(label, box);
        editors_.insert(property, box);
    };
    flagBoxes(QStringLiteral("permissionGroups"), tr("Permission groups"),
              connector.permissionGroups, &model::ReceiveConnector::permissionGroups);
    flagBoxes(QStringLiteral("authMechanism"), tr("Authentication"), connector.authMechanism,
              &model::ReceiveConnector::authMechanism);
}

void InspectorDock::buildReadOnly(const QString& kind, const QStringList& lines) {
    layout_->addRow(tr("Kind"), new QLabel(kind, form_));
    auto* text = new QLabel(lines.join(QLatin1Char('\n')), form_);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout_->addRow(tr("Properties"), text);
}

void InspectorDock::refresh() {
    if (form_ == nullptr)
        return;
    const model::Design& design = document_->design();
    for (auto it = readers_.cbegin(); it != readers_.cend(); ++it) {
        QWidget* editor = editors_.value(it.key());
        if (editor == nullptr)
            continue;
        const QString value = it.value()(design);
        if (auto* check = qobject_cast<QCheckBox*>(editor)) {
            const QSignalBlocker block(check);
            check->setChecked(value == QLatin1String("1"));
            continue;
        }
        if (editor->hasFocus())
            continue;  // never overwrite what the user is typing
        const QSignalBlocker block(editor);
        if (auto* line = qobject_cast<QLineEdit*>(editor)) {
            if (line->text() != value)
                line->setText(value);
        } else if (auto* plain = qobject_cast<QPlainTextEdit*>(editor)) {
            if (plain->toPlainText() != value)
                plain->setPlainText(value);
        }
    }
}

void InspectorDock::commit(const QString& property,
                           const std::function<bool(model::Design&)>& edit) {
    model::Design design = document_->design();
    if (!edit(design))
        return;
    if (design == document_->design())
        return;
    document_->applyChange(
        tr("Edit %1 of %2")
            .arg(property, fromStd(probe::elementLabel(design, elementId_.toStdString()))),
        std::move(design), elementId_ + QLatin1Char('/') + property);
}

void InspectorDock::refuse(const QString& property, const QString& reason) {
    if (QWidget* editor = editors_.value(property))
        editor->setStyleSheet(kInvalidStyle);
    problem_->setText(reason);
}

void InspectorDock::accept(const QString& property) {
    if (QWidget* editor = editors_.value(property))
        editor->setStyleSheet(QString());
    problem_->clear();
}

}  // namespace mailtopo::ui
