#pragma once
// The "Traces" dock: trace playback. Pick a flow (the design's own flows and the standard
// flows the simulator derived; choosing a finding picks the flow that proves it) and play
// its trace step by step: every decision of every hop in order — source selection, each
// device's route, filter and translation with the packet before and after, the connector
// chosen, the SMTP dialogue — each with the rule (R-number) that decided it. The canvas
// shows the forward path and the reply path apart, and rings the element of the current
// step. Step back and forward, or play and pause at a chosen speed. An ad-hoc trace (the
// trace form's) is listed first and plays the same way; it is traced again on every change
// of the design until another replaces it.

#include <QDockWidget>
#include <QStringList>
#include <QTimer>
#include <optional>
#include <vector>

#include "core/analysis/simulation_checks.h"
#include "core/model/design.h"
#include "core/sim/trace.h"

class QComboBox;
class QLabel;
class QTableWidget;
class QToolButton;

namespace mailtopo::ui {

class TracesDock : public QDockWidget {
    Q_OBJECT

public:
    explicit TracesDock(QWidget* parent = nullptr);

    // The flows to offer, from the latest validation; the chosen flow is kept when it is
    // still there, and traced again on `design` with every step explained.
    void setFlows(const std::vector<analysis::AnalysisFlow>& flows, const model::Design& design);
    // Chooses the flow `analysis::flowLabel()` names; false when there is none such.
    bool chooseFlow(const QString& label);
    // Chooses the design flow `flowId`: at once when it is listed, else as soon as a
    // validation lists it (a flow just added is listed after the next validation).
    void chooseDesignFlow(const QString& flowId);
    // Lists `request` first, as "ad-hoc 'NAME'", chooses it and traces it on `design`.
    void showAdHoc(const sim::TraceRequest& request, const model::Design& design);
    static QString adHocLabel(const sim::TraceRequest& request);
    QString currentFlow() const;
    const sim::Trace& trace() const { return trace_; }

    int stepCount() const { return static_cast<int>(steps_.size()); }
    int currentStep() const { return current_; }
    void setStep(int index);
    void stepForward();
    void stepBack();
    void setPlaying(bool playing);
    bool isPlaying() const { return timer_.isActive(); }
    // 1 = one step every 0.8 s.
    void setSpeed(double factor);
    QString currentElement() const;
    QString currentRule() const;

signals:
    // The paths of the chosen trace and the element of the current step (for the canvas).
    void stepShown(const QStringList& forward, const QStringList& reply, const QString& element);

private:
    struct PlayStep {
        QString leg;  // "setup", "SYN", "SYN-ACK", "ACK", "SMTP", "outcome"
        int hop = 0;
        QString rule;
        QString element;
        QString label;  // the element's name
        QString before;
        QString after;
        QString summary;
    };
    void traceChosenFlow();
    void fillFlowBox();
    // The request behind entry `index` of the flow box, or null.
    const sim::TraceRequest* requestAt(int index) const;
    void fillTable();
    void showStep();

    std::vector<analysis::AnalysisFlow> flows_;
    std::optional<sim::TraceRequest> adHoc_;
    QString pendingFlowId_;  // chooseDesignFlow() before the flow was listed
    model::Design design_;
    sim::Trace trace_;
    std::vector<PlayStep> steps_;
    QStringList forward_;
    QStringList reply_;
    int current_ = -1;
    double speed_ = 1;
    QTimer timer_;

    QComboBox* flowBox_;
    QTableWidget* table_;
    QToolButton* backButton_;
    QToolButton* playButton_;
    QToolButton* forwardButton_;
    QComboBox* speedBox_;
    QLabel* packet_;
};

}  // namespace mailtopo::ui
