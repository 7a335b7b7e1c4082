#pragma once
// A throw-away Postfix on 127.0.0.1 for the probe tests, after the recipe in
// shared/notes/toolchain.md section 5: its own configuration, queue and log in a temporary
// directory, only the services smtpd needs and none that could send mail on (no smtp, lmtp,
// local or pickup), every transport "discard", and the probe never sends DATA anyway.
//
// The master is started as `postfix start` starts it (`master -w`: returns once the daemon
// is up) plus an exit timer (`-e`): if the test dies before stop(), the instance still ends
// by itself and frees its port. stop() is `postfix stop`. Needs root, as Postfix does.

#include <QString>
#include <QTemporaryDir>

namespace mailtopo::testing {

class PostfixInstance {
public:
    enum class Mode {
        Relay,   // mynetworks = 127.0.0.0/8: the probe on loopback may relay and spoof
        Closed,  // mynetworks empty: relaying refused, accepted-domain senders refused
    };

    // Why Postfix cannot run here (not root, not installed), or "" when it can.
    static QString unavailableReason();

    explicit PostfixInstance(Mode mode);
    ~PostfixInstance();  // stops the instance

    // Writes the configuration (with a fresh self-signed certificate for STARTTLS), runs
    // `postfix check` and starts the master; waits until the port accepts connections.
    // Bounded: at most about 40 s. On failure returns false and error() says why, with the
    // instance's log.
    bool start();
    void stop();

    Mode mode() const { return mode_; }
    quint16 port() const { return port_; }
    QString error() const { return error_; }
    QString directory() const { return dir_.path(); }
    // The instance's log so far (maillog_file).
    QByteArray log() const;

private:
    bool run(const QString& program, const QStringList& args, int timeoutMs, QString* output);
    bool writeConfiguration();

    Mode mode_;
    QTemporaryDir dir_;
    quint16 port_ = 0;
    bool running_ = false;
    QString error_;
};

}  // namespace mailtopo::testing
