#include "ui/document/live_validator.h"

#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/document/design_document.h"

namespace mailtopo::ui {
namespace {

// A validation of a large design is thousands of findings and traces: freeing one takes a
// millisecond or more, which the GUI thread should spend on the next edit and paint. The
// last owner lets a pooled thread do it.
void releaseOffThread(std::shared_ptr<const analysis::DesignValidation> validation) {
    if (validation == nullptr || validation.use_count() > 1)
        return;
    QThreadPool::globalInstance()->start(
        [dropped = std::move(validation)]() mutable { dropped.reset(); });
}

}  // namespace

LiveValidator::LiveValidator(DesignDocument* document, QObject* parent)
    : QObject(parent),
      document_(document),
      validation_(std::make_shared<analysis::DesignValidation>()) {
    connect(document_, &DesignDocument::designReset, this, &LiveValidator::designChanged);
    connect(document_, &DesignDocument::designChanged, this, &LiveValidator::designChanged);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &LiveValidator::runFinished);
    if (document_->hasDesign())
        designChanged();
}

LiveValidator::~LiveValidator() {
    // The job owns its copy of the design and its result; waiting keeps the thread pool
    // from outliving what it reports to.
    watcher_.disconnect(this);
    watcher_.waitForFinished();
}

void LiveValidator::designChanged() {
    sinceChange_.start();
    if (scheduled_)
        return;
    // Started once the event loop is free: what made the change (opening a design, an edit)
    // draws and paints first, without a worker competing for the CPU, and a burst of changes
    // in one turn of the loop makes one run.
    scheduled_ = true;
    QTimer::singleShot(0, this, [this] {
        scheduled_ = false;
        if (running_) {
            stale_ = true;  // finish, drop, and go again on the newest design
            return;
        }
        startRun();
    });
}

void LiveValidator::startRun() {
    running_ = true;
    stale_ = false;
    // The worker gets its own copy: the GUI may change the document meanwhile.
    auto design = std::make_shared<const model::Design>(document_->design());
    watcher_.setFuture(QtConcurrent::run([design] {
        return std::shared_ptr<const analysis::DesignValidation>(
            std::make_shared<analysis::DesignValidation>(
                analysis::validateDesignWithTraces(*design)));
    }));
    emit started();
}

void LiveValidator::runFinished() {
    running_ = false;
    std::shared_ptr<const analysis::DesignValidation> result = watcher_.result();
    if (stale_) {
        startRun();  // the future that held the result lets go of it here
        releaseOffThread(std::move(result));
        return;
    }
    std::swap(validation_, result);
    releaseOffThread(std::move(result));  // the one shown before
    lastDurationMs_ = sinceChange_.elapsed();
    ++published_;
    emit validated();
}

}  // namespace mailtopo::ui
