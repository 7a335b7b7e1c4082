#include "ui/mainwindow/legend_dock.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QScrollArea>
#include <functional>

#include "ui/diagram/diagram_style.h"

namespace mailtopo::ui {
namespace {

constexpr QSize kSwatch(46, 22);

using Painter = std::function<void(QPainter&, const QRectF&, const DiagramStyle&)>;

QPixmap swatch(const Painter& paint, qreal dpr) {
    QPixmap pixmap(kSwatch * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    paint(p, QRectF(QPointF(1, 1), QSizeF(kSwatch) - QSizeF(2, 2)), DiagramStyle::standard());
    return pixmap;
}

// A small card with the kind's accent bar on its left edge, as the canvas draws cards.
Painter card(ElementIcon icon) {
    return [icon](QPainter& p, const QRectF& r, const DiagramStyle& s) {
        const QRectF body = r.adjusted(6, 2, -6, -2);
        p.setPen(QPen(s.cardBorder, 1));
        p.setBrush(s.cardFill);
        p.drawRoundedRect(body, 3, 3);
        p.setPen(Qt::NoPen);
        p.setBrush(s.accent(icon));
        p.drawRoundedRect(QRectF(body.left(), body.top(), 4, body.height()), 2, 2);
    };
}

Painter band(model::SegmentKind kind) {
    return [kind](QPainter& p, const QRectF& r, const DiagramStyle& s) {
        const SegmentColors c = s.segmentColors(kind);
        p.setPen(QPen(c.border, 1));
        p.setBrush(c.fill);
        p.drawRoundedRect(r.adjusted(0, 5, 0, -5), 4, 4);
        p.setPen(QPen(c.strong, 2));
        p.drawLine(QPointF(r.center().x(), r.top()), QPointF(r.center().x(), r.top() + 5));
    };
}

Painter chip(bool hollow) {
    return [hollow](QPainter& p, const QRectF& r, const DiagramStyle& s) {
        const QRectF square(r.center() - QPointF(s.chipSize / 2, s.chipSize / 2),
                            QSizeF(s.chipSize, s.chipSize));
        const SegmentColors c = s.segmentColors(model::SegmentKind::Lan);
        p.setPen(QPen(hollow ? s.mutedText : c.strong, 1.2));
        p.setBrush(hollow ? QBrush(Qt::NoBrush) : QBrush(c.strong));
        p.drawRect(square);
    };
}

Painter ring(analysis::Severity severity) {
    return [severity](QPainter& p, const QRectF& r, const DiagramStyle& s) {
        const QRectF body = r.adjusted(8, 4, -8, -4);
        p.setPen(QPen(s.cardBorder, 1));
        p.setBrush(s.cardFill);
        p.drawRoundedRect(body, 3, 3);
        p.setPen(QPen(DiagramStyle::severityColor(severity), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(body.adjusted(-2.5, -2.5, 2.5, 2.5), 5, 5);
    };
}

Painter tag(const QString& text, TagTone tone) {
    return [text, tone](QPainter& p, const QRectF& r, const DiagramStyle& s) {
        const TagColors c = s.tagColors(tone);
        QFont font = s.tagFont;
        p.setFont(font);
        const qreal w = std::min(r.width(), p.fontMetrics().horizontalAdvance(text) + 10.0);
        const QRectF pill(r.center().x() - w / 2, r.center().y() - 7, w, 14);
        p.setPen(Qt::NoPen);
        p.setBrush(c.background);
        p.drawRoundedRect(pill, 7, 7);
        p.setPen(c.text);
        p.drawText(pill, Qt::AlignCenter, text);
    };
}

Painter path(bool reply) {
    return [reply](QPainter& p, const QRectF& r, const DiagramStyle&) {
        QPen pen = DiagramStyle::tracePen(reply);
        pen.setWidthF(pen.widthF() * 0.7);
        p.setPen(pen);
        p.drawLine(QPointF(r.left() + 3, r.center().y()), QPointF(r.right() - 3, r.center().y()));
    };
}

Painter halo() {
    return [](QPainter& p, const QRectF& r, const DiagramStyle&) {
        const QColor hop = DiagramStyle::currentHopColor();
        p.setPen(QPen(hop, 2));
        p.setBrush(QColor(hop.red(), hop.green(), hop.blue(), 60));
        p.drawEllipse(r.center(), 9, 9);
    };
}

Painter selection() {
    return [](QPainter& p, const QRectF& r, const DiagramStyle& s) {
        const QRectF body = r.adjusted(8, 4, -8, -4);
        p.setPen(QPen(s.selection, 2));
        p.setBrush(s.cardFill);
        p.drawRoundedRect(body, 3, 3);
    };
}

struct Entry {
    QString heading;  // non-empty: a section title, no swatch
    Painter paint;
    QString text;
};

QList<Entry> entries() {
    const auto tr = [](const char* text) { return LegendDock::tr(text); };
    return {
        {tr("Cards"), {}, {}},
        {{}, card(ElementIcon::ExchangeServer), tr("Exchange server")},
        {{}, card(ElementIcon::SmtpHost), tr("Other SMTP host (gateway, relay, application)")},
        {{}, card(ElementIcon::LoadBalancer), tr("Load balancer")},
        {{}, card(ElementIcon::Firewall), tr("Firewall")},
        {{}, card(ElementIcon::Router), tr("Router")},
        {{}, card(ElementIcon::Internet), tr("Internet host")},
        {{}, selection(), tr("Selected")},
        {tr("Segments"), {}, {}},
        {{}, band(model::SegmentKind::Lan), tr("LAN segment (band); links in its colour")},
        {{}, band(model::SegmentKind::Dmz), tr("DMZ segment")},
        {{}, band(model::SegmentKind::Internet), tr("Internet segment")},
        {{}, chip(false), tr("Interface row on the segment of this colour")},
        {{}, chip(true), tr("Interface on no segment (e.g. a loopback adapter)")},
        {tr("Findings"), {}, {}},
        {{}, ring(analysis::Severity::Error), tr("Named by an error finding")},
        {{}, ring(analysis::Severity::Warning), tr("Named by a warning")},
        {{}, ring(analysis::Severity::Info), tr("Named by a note")},
        {tr("Badges"), {}, {}},
        {{},
         tag(tr("skip"), TagTone::Warning),
         tr("SkipAsSource: never picked as a source address (R3)")},
        {{}, tag(tr("loopback"), TagTone::Special), tr("Loopback adapter holding a DSR VIP (R11)")},
        {{},
         tag(tr("SNAT"), TagTone::Special),
         tr("Load-balancer mode: SNAT, transparent or DSR (R9–R11)")},
        {{}, tag(tr("Frontend"), TagTone::Info), tr("Role or transport service")},
        {{}, tag(tr("DHCP"), TagTone::Neutral), tr("Plain fact: DHCP, disabled …")},
        {tr("Traces"), {}, {}},
        {{}, path(false), tr("Forward path of the played trace")},
        {{}, path(true), tr("Reply path (dashed), when it differs")},
        {{}, halo(), tr("The hop shown now")},
    };
}

}  // namespace

LegendDock::LegendDock(QWidget* parent) : QDockWidget(tr("Legend"), parent) {
    setObjectName(QStringLiteral("legendDock"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    content_ = new QWidget(scroll);
    scroll->setWidget(content_);
    setWidget(scroll);
    rebuild();
}

void LegendDock::applyStyle() {
    rebuild();
}

void LegendDock::rebuild() {
    // Widgets are cheap here (about thirty rows): rebuilding them all keeps one code path
    // for the first build and every theme change.
    qDeleteAll(content_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    delete grid_;
    grid_ = new QGridLayout(content_);
    grid_->setContentsMargins(8, 6, 8, 6);
    grid_->setHorizontalSpacing(8);
    grid_->setVerticalSpacing(3);
    grid_->setColumnStretch(1, 1);
    const qreal dpr = devicePixelRatioF();
    int row = 0;
    for (const Entry& entry : entries()) {
        if (!entry.heading.isEmpty()) {
            auto* heading = new QLabel(QStringLiteral("<b>%1</b>").arg(entry.heading), content_);
            heading->setContentsMargins(0, row == 0 ? 0 : 6, 0, 0);
            grid_->addWidget(heading, row++, 0, 1, 2);
            continue;
        }
        auto* picture = new QLabel(content_);
        picture->setPixmap(swatch(entry.paint, dpr));
        picture->setFixedSize(kSwatch);
        auto* text = new QLabel(entry.text, content_);
        text->setObjectName(QStringLiteral("legendText"));
        text->setWordWrap(true);
        grid_->addWidget(picture, row, 0, Qt::AlignTop);
        grid_->addWidget(text, row++, 1);
    }
    grid_->setRowStretch(row, 1);
}

QStringList LegendDock::entryTexts() const {
    QStringList texts;
    for (const Entry& entry : entries())
        texts << (entry.heading.isEmpty() ? entry.text : entry.heading);
    return texts;
}

}  // namespace mailtopo::ui
