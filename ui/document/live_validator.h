#pragma once
// Live validation: after every change to the document, the design is validated and
// simulated again (analysis::validateDesignWithTraces) on a worker thread, never on the GUI
// thread. Only one run is in flight: a change that arrives during a run makes that run stale
// — its result is dropped, never shown — and a new run starts on the newest design as soon
// as the worker is free. Observers get the findings with the simulation that proves them.

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <memory>

#include "core/analysis/simulation_checks.h"

namespace mailtopo::ui {

class DesignDocument;

class LiveValidator : public QObject {
    Q_OBJECT

public:
    explicit LiveValidator(DesignDocument* document, QObject* parent = nullptr);
    ~LiveValidator() override;

    // The latest published result (empty before the first run finishes).
    const analysis::DesignValidation& validation() const { return *validation_; }
    // A run in flight or about to start (a change waits for the event loop, see
    // designChanged()).
    bool isRunning() const { return running_ || scheduled_; }
    // The published result when it is for the document as it is now (no run in flight), so a
    // face that needs the findings (the report, a diagram export) does not validate again;
    // null otherwise.
    std::shared_ptr<const analysis::DesignValidation> current() const {
        return isRunning() || published_ == 0 ? nullptr : validation_;
    }
    // Results published so far, and how long the last published run took (change to result).
    int publishedCount() const { return published_; }
    qint64 lastDurationMs() const { return lastDurationMs_; }

signals:
    void started();
    // A result for the document as it is now.
    void validated();

private:
    void designChanged();
    void startRun();
    void runFinished();

    DesignDocument* document_;
    QFutureWatcher<std::shared_ptr<const analysis::DesignValidation>> watcher_;
    std::shared_ptr<const analysis::DesignValidation> validation_;
    QElapsedTimer sinceChange_;
    bool running_ = false;
    bool scheduled_ = false;  // a run starts when the event loop is next free
    bool stale_ = false;      // the document changed while the running job was working
    int published_ = 0;
    qint64 lastDurationMs_ = 0;
};

}  // namespace mailtopo::ui
