#pragma once
// The live SMTP probe on Qt Network: one asynchronous state machine per target that
// connects, reads the banner, says EHLO (HELO after a 5xx), optionally upgrades with
// STARTTLS, runs the planned MAIL FROM / RCPT TO tests and ends with RSET and QUIT. It never
// sends DATA. Every wait is bounded (connect, each reply, the whole probe), a broken
// connection is retried a limited number of times, and a process never holds more than one
// connection to the same address and port.

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "core/probe/probe_options.h"
#include "core/probe/probe_plan.h"
#include "core/probe/probe_result.h"

class QHostInfo;
class QSslSocket;

namespace mailtopo::probe {

class SmtpProbe : public QObject {
    Q_OBJECT

public:
    explicit SmtpProbe(ProbeOptions options, QObject* parent = nullptr);
    ~SmtpProbe() override;

    // Starts and returns at once; finished() follows exactly once, always through the event
    // loop (also when the options are refused), so it may be connected after start().
    void start();
    // Stops now (the connection is aborted); finished() reports status Cancelled.
    void cancel();
    bool isRunning() const { return running_; }

    const ProbeOptions& options() const { return options_; }
    const std::vector<ProbeTest>& plannedTests() const { return tests_; }
    const ProbeResult& result() const { return result_; }

    // Commands the probe may send. Anything else (DATA above all) is refused before it
    // reaches the socket, as a second line of defence behind the state machine.
    static bool isAllowedCommand(const std::string& command);

signals:
    // One line per finished step ("RCPT TO:<x@y> → 554 5.7.1 …"), for progress displays.
    void progress(const QString& line);
    void finished();

private:
    enum class Phase {
        Idle,
        Resolving,
        Connecting,
        Banner,
        Ehlo,
        Helo,
        StartTls,
        TlsHandshake,
        MailFrom,
        RcptTo,
        Rset,
        Quit,
        Waiting,
        Done
    };

    void resolved(const QHostInfo& info);
    void connectNow();
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onEncrypted();
    void onStepTimeout();
    void onDeadline();

    void handleReply(const SmtpReply& reply);
    void afterGreeting();
    void startTransaction();
    void sendNextRecipient();
    void send(StepKind kind, Phase phase, const std::string& command);
    void sendQuit(ProbeStatus status, std::string detail);
    size_t openStep(StepKind kind, std::string command, std::string note = {});
    void closeStep(const SmtpReply* reply, std::string note = {}, bool failed = false);
    // The connection broke (status, detail): another connection when retries and time
    // remain, else the end of the probe.
    void connectionFailed(ProbeStatus status, std::string detail, bool retryable = true);
    void finish(ProbeStatus status, std::string detail);
    void dropSocket();
    long long now() const { return clock_.elapsed(); }

    ProbeOptions options_;
    std::vector<ProbeTest> tests_;
    std::vector<Transaction> transactions_;
    ProbeResult result_;

    Phase phase_ = Phase::Idle;
    bool running_ = false;
    QSslSocket* socket_ = nullptr;
    ReplyReader reader_;
    QTimer stepTimer_;
    QTimer deadline_;
    QTimer retryTimer_;
    QElapsedTimer clock_;
    QHostAddress address_;
    QString lockKey_;
    int lookupId_ = -1;
    int retriesLeft_ = 0;
    int connection_ = 0;
    std::optional<size_t> openStep_;  // index into result_.steps awaiting its reply
    size_t transaction_ = 0;          // the next transaction to run or finish
    size_t recipient_ = 0;            // within the current transaction
    bool tlsDone_ = false;
    ProbeStatus quitStatus_ = ProbeStatus::Completed;
    std::string quitDetail_;
};

// Runs a probe to its end in a local event loop: for the command line, where nothing else
// needs the thread. Needs a QCoreApplication.
ProbeResult runProbe(const ProbeOptions& options);

// This machine's name for EHLO ("host.example.net"), or "" when it has none.
std::string localHeloName();

}  // namespace mailtopo::probe
