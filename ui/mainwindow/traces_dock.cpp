#include "ui/mainwindow/traces_dock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/probe/design_target.h"
#include "core/sim/simulator.h"
#include "ui/document/element_text.h"

namespace mailtopo::ui {
namespace {

using text::fromStd;

constexpr int kStepMs = 800;  // one step per 0.8 s at 1×

QString packetText(const std::optional<sim::Packet>& packet) {
    return packet ? text::packetText(*packet) : QString();
}

}  // namespace

TracesDock::TracesDock(QWidget* parent)
    : QDockWidget(tr("Traces"), parent),
      flowBox_(new QComboBox(this)),
      table_(new QTableWidget(this)),
      backButton_(new QToolButton(this)),
      playButton_(new QToolButton(this)),
      forwardButton_(new QToolButton(this)),
      speedBox_(new QComboBox(this)),
      packet_(new QLabel(this)) {
    setObjectName(QStringLiteral("tracesDock"));
    flowBox_->setObjectName(QStringLiteral("traceFlow"));
    flowBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    flowBox_->setMinimumContentsLength(40);
    flowBox_->setPlaceholderText(tr("Choose a flow, or a finding, to play its trace"));
    backButton_->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    backButton_->setToolTip(tr("Previous step"));
    playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    playButton_->setToolTip(tr("Play / pause"));
    playButton_->setObjectName(QStringLiteral("tracePlay"));
    forwardButton_->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    forwardButton_->setToolTip(tr("Next step"));
    for (const double factor : {0.5, 1.0, 2.0, 4.0})
        speedBox_->addItem(QStringLiteral("%1×").arg(factor), factor);
    speedBox_->setCurrentIndex(1);
    packet_->setObjectName(QStringLiteral("tracePacket"));
    packet_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    table_->setObjectName(QStringLiteral("traceSteps"));
    table_->setColumnCount(7);
    table_->setHorizontalHeaderLabels({tr("Hop"), tr("Leg"), tr("Rule"), tr("Element"),
                                       tr("Before"), tr("After"), tr("What happened")});
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(flowBox_, 1);
    bar->addWidget(backButton_);
    bar->addWidget(playButton_);
    bar->addWidget(forwardButton_);
    bar->addWidget(speedBox_);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(packet_);
    layout->addWidget(table_, 1);
    setWidget(body);

    timer_.setInterval(kStepMs);
    connect(&timer_, &QTimer::timeout, this, [this] {
        if (current_ + 1 >= stepCount())
            setPlaying(false);
        else
            stepForward();
    });
    connect(flowBox_, &QComboBox::currentIndexChanged, this, [this] { traceChosenFlow(); });
    connect(backButton_, &QToolButton::clicked, this, &TracesDock::stepBack);
    connect(forwardButton_, &QToolButton::clicked, this, &TracesDock::stepForward);
    connect(playButton_, &QToolButton::clicked, this, [this] { setPlaying(!isPlaying()); });
    connect(speedBox_, &QComboBox::currentIndexChanged, this,
            [this](int index) { setSpeed(speedBox_->itemData(index).toDouble()); });
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row != current_ && row >= 0)
            setStep(row);
    });
}

void TracesDock::setFlows(const std::vector<analysis::AnalysisFlow>& flows,
                          const model::Design& design) {
    const QString keep = currentFlow();
    flows_ = flows;
    design_ = design;
    fillFlowBox();
    const QSignalBlocker block(flowBox_);
    int index = flowBox_->findText(keep);
    if (!pendingFlowId_.isEmpty()) {
        for (size_t i = 0; i < flows_.size(); ++i) {
            if (flows_[i].request.flowId == pendingFlowId_.toStdString()) {
                index = static_cast<int>(i) + (adHoc_ ? 1 : 0);
                pendingFlowId_.clear();
                break;
            }
        }
    }
    // Nothing is played until the user (or a chosen finding) picks a flow.
    flowBox_->setCurrentIndex(index);
    traceChosenFlow();
}

void TracesDock::fillFlowBox() {
    const QSignalBlocker block(flowBox_);
    flowBox_->clear();
    if (adHoc_)
        flowBox_->addItem(adHocLabel(*adHoc_));
    for (const auto& flow : flows_)
        flowBox_->addItem(fromStd(analysis::flowLabel(flow)));
}

const sim::TraceRequest* TracesDock::requestAt(int index) const {
    if (adHoc_ && index == 0)
        return &*adHoc_;
    const int flow = index - (adHoc_ ? 1 : 0);
    if (flow < 0 || flow >= static_cast<int>(flows_.size()))
        return nullptr;
    return &flows_[static_cast<size_t>(flow)].request;
}

QString TracesDock::adHocLabel(const sim::TraceRequest& request) {
    return tr("ad-hoc '%1'").arg(fromStd(request.name));
}

void TracesDock::showAdHoc(const sim::TraceRequest& request, const model::Design& design) {
    adHoc_ = request;
    design_ = design;
    pendingFlowId_.clear();
    fillFlowBox();
    {
        const QSignalBlocker block(flowBox_);
        flowBox_->setCurrentIndex(0);
    }
    traceChosenFlow();
}

void TracesDock::chooseDesignFlow(const QString& flowId) {
    for (size_t i = 0; i < flows_.size(); ++i) {
        if (flows_[i].request.flowId == flowId.toStdString()) {
            pendingFlowId_.clear();
            const int index = static_cast<int>(i) + (adHoc_ ? 1 : 0);
            if (index == flowBox_->currentIndex())
                traceChosenFlow();
            else
                flowBox_->setCurrentIndex(index);  // traces it
            return;
        }
    }
    pendingFlowId_ = flowId;
}

bool TracesDock::chooseFlow(const QString& label) {
    const int index = flowBox_->findText(label);
    if (index < 0)
        return false;
    if (index == flowBox_->currentIndex())
        return true;
    flowBox_->setCurrentIndex(index);  // traces it
    return true;
}

QString TracesDock::currentFlow() const {
    return flowBox_->currentText();
}

void TracesDock::traceChosenFlow() {
    setPlaying(false);
    steps_.clear();
    forward_.clear();
    reply_.clear();
    trace_ = sim::Trace{};
    if (const sim::TraceRequest* chosen = requestAt(flowBox_->currentIndex())) {
        // Bulk validation skips the explanations; playback shows every step, so trace again.
        sim::TraceRequest request = *chosen;
        request.explain = true;
        trace_ = sim::Simulator(design_).trace(request);
    }
    const auto add = [this](int hop, const QString& leg, const sim::Step& step, bool reply) {
        const QString element = fromStd(step.element);
        steps_.push_back({leg, hop, fromStd(step.rule), element,
                          fromStd(probe::elementLabel(design_, step.element)),
                          packetText(step.before), packetText(step.after), fromStd(step.summary)});
        // The ACK sets out from the client again along the SYN's way: drawn, it would join
        // the far end back to the start (or a forwarding gateway's next hop) in a line.
        if (element.isEmpty() || leg == QLatin1String("ACK"))
            return;
        (reply ? reply_ : forward_) << element;
    };
    // How a hop, or the whole chain, ended: one row after its steps.
    const auto ending = [this](const QString& leg, int hop, const sim::Disposition& d) {
        steps_.push_back(
            {leg,
             hop,
             fromStd(d.rule),
             fromStd(d.element),
             fromStd(probe::elementLabel(design_, d.element)),
             {},
             {},
             fromStd(std::string(enumName(d.kind))) +
                 (d.text.empty() ? QString() : QStringLiteral(": ") + fromStd(d.text))});
    };
    for (size_t h = 0; h < trace_.hops.size(); ++h) {
        const sim::Hop& hop = trace_.hops[h];
        const int n = static_cast<int>(h) + 1;
        // Each connection replies on its own way back: its reply path is drawn apart.
        if (!reply_.isEmpty() && !reply_.last().isEmpty())
            reply_ << QString();
        for (const auto& step : hop.setup)
            add(n, tr("setup"), step, false);
        for (const auto& leg : hop.legs)
            for (const auto& step : leg.steps)
                add(n, fromStd(leg.name), step, leg.name == "SYN-ACK");
        for (const auto& step : hop.smtp)
            add(n, QStringLiteral("SMTP"), step, false);
        // A hop the message went on from: what that server answered (the chain's outcome
        // follows the last hop).
        if (h + 1 < trace_.hops.size())
            ending(tr("hop result"), n, hop.result);
    }
    if (!trace_.hops.empty())
        ending(tr("outcome"), static_cast<int>(trace_.hops.size()), trace_.disposition);
    fillTable();
    current_ = -1;
    setStep(steps_.empty() ? -1 : 0);
}

void TracesDock::fillTable() {
    const QSignalBlocker block(table_);
    table_->setRowCount(stepCount());
    for (int row = 0; row < stepCount(); ++row) {
        const PlayStep& s = steps_[static_cast<size_t>(row)];
        const QStringList cells{
            QString::number(s.hop), s.leg, s.rule, s.label, s.before, s.after, s.summary};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (s.leg == QLatin1String("SYN-ACK"))
                item->setForeground(QColor(0xb3, 0x52, 0x00));  // the reply, as on the canvas
            item->setToolTip(s.summary);
            table_->setItem(row, column, item);
        }
    }
    table_->resizeColumnsToContents();
}

void TracesDock::setStep(int index) {
    if (index >= stepCount())
        index = stepCount() - 1;
    current_ = index;
    showStep();
}

void TracesDock::stepForward() {
    if (current_ + 1 < stepCount())
        setStep(current_ + 1);
}

void TracesDock::stepBack() {
    if (current_ > 0)
        setStep(current_ - 1);
}

void TracesDock::setPlaying(bool playing) {
    if (playing && current_ + 1 >= stepCount())
        setStep(0);  // play again from the start
    if (playing)
        timer_.start();
    else
        timer_.stop();
    playButton_->setIcon(
        style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void TracesDock::setSpeed(double factor) {
    speed_ = factor > 0 ? factor : 1;
    timer_.setInterval(static_cast<int>(kStepMs / speed_));
}

QString TracesDock::currentElement() const {
    return current_ >= 0 ? steps_[static_cast<size_t>(current_)].element : QString();
}

QString TracesDock::currentRule() const {
    return current_ >= 0 ? steps_[static_cast<size_t>(current_)].rule : QString();
}

void TracesDock::showStep() {
    const QSignalBlocker block(table_);
    backButton_->setEnabled(current_ > 0);
    forwardButton_->setEnabled(current_ + 1 < stepCount());
    if (current_ < 0) {
        table_->clearSelection();
        packet_->setText(tr("Choose a flow to play its trace."));
        emit stepShown({}, {}, {});
        return;
    }
    table_->selectRow(current_);
    table_->scrollToItem(table_->item(current_, 0));
    const PlayStep& s = steps_[static_cast<size_t>(current_)];
    QString text = QStringLiteral("<b>%1/%2</b> · hop %3 · %4")
                       .arg(current_ + 1)
                       .arg(stepCount())
                       .arg(s.hop)
                       .arg(s.leg.toHtmlEscaped());
    if (!s.rule.isEmpty())
        text += QStringLiteral(" · <b>%1</b>").arg(s.rule.toHtmlEscaped());
    if (!s.before.isEmpty())
        text += QStringLiteral(" · %1").arg(s.before.toHtmlEscaped());
    if (!s.after.isEmpty() && s.after != s.before)
        text += QStringLiteral(" ⇒ <b>%1</b>").arg(s.after.toHtmlEscaped());
    text += QStringLiteral("<br>%1").arg(s.summary.toHtmlEscaped());
    packet_->setText(text);
    emit stepShown(forward_, reply_, s.element);
}

}  // namespace mailtopo::ui
