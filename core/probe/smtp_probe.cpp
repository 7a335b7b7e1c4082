#include "core/probe/smtp_probe.h"

#include <QEventLoop>
#include <QHostInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QSslCipher>
#include <QSslSocket>

#include <algorithm>

#include "core/probe/probe_target.h"
#include "core/util/text_join.h"

namespace mailtopo::probe {
namespace {

// Targets with a connection open in this process: "address:port". One connection at a time
// per target keeps a probe (or a user clicking twice) from looking like a flood.
QMutex& lockMutex() {
    static QMutex mutex;
    return mutex;
}

QSet<QString>& activeTargets() {
    static QSet<QString> targets;
    return targets;
}

bool acquireTarget(const QString& key) {
    QMutexLocker locker(&lockMutex());
    if (activeTargets().contains(key))
        return false;
    activeTargets().insert(key);
    return true;
}

void releaseTarget(const QString& key) {
    QMutexLocker locker(&lockMutex());
    activeTargets().remove(key);
}

std::string seconds(int ms) {
    std::string out = std::to_string(ms / 1000);
    if (ms % 1000 != 0) {
        out += '.';
        out += std::to_string(ms % 1000 / 100);
    }
    out += " s";
    return out;
}

std::string protocolName(QSsl::SslProtocol protocol) {
    switch (protocol) {
        case QSsl::TlsV1_2:
            return "TLSv1.2";
        case QSsl::TlsV1_3:
            return "TLSv1.3";
        default:
            return "TLS (older than 1.2)";
    }
}

std::string joinCertificateNames(const QSslCertificate& certificate, bool issuer) {
    std::string out;
    const auto add = [&](const char* label, QSslCertificate::SubjectInfo field) {
        const QStringList values =
            issuer ? certificate.issuerInfo(field) : certificate.subjectInfo(field);
        for (const QString& value : values) {
            if (!out.empty())
                out += ", ";
            out += label;
            out += '=';
            out += value.toStdString();
        }
    };
    add("CN", QSslCertificate::CommonName);
    add("O", QSslCertificate::Organization);
    add("OU", QSslCertificate::OrganizationalUnitName);
    add("C", QSslCertificate::CountryName);
    return out;
}

}  // namespace

bool SmtpProbe::isAllowedCommand(const std::string& command) {
    if (command.find_first_of("\r\n") != std::string::npos)
        return false;
    for (const char* allowed : {"EHLO ", "HELO ", "MAIL FROM:<", "RCPT TO:<"}) {
        if (command.starts_with(allowed))
            return true;
    }
    return command == "STARTTLS" || command == "RSET" || command == "QUIT";
}

SmtpProbe::SmtpProbe(ProbeOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)) {
    tests_ = planTests(options_);
    transactions_ = groupTransactions(tests_);
    stepTimer_.setSingleShot(true);
    deadline_.setSingleShot(true);
    retryTimer_.setSingleShot(true);
    connect(&stepTimer_, &QTimer::timeout, this, &SmtpProbe::onStepTimeout);
    connect(&deadline_, &QTimer::timeout, this, &SmtpProbe::onDeadline);
    connect(&retryTimer_, &QTimer::timeout, this, &SmtpProbe::connectNow);
}

SmtpProbe::~SmtpProbe() {
    if (lookupId_ >= 0)
        QHostInfo::abortHostLookup(lookupId_);
    dropSocket();
    if (!lockKey_.isEmpty())
        releaseTarget(lockKey_);
}

void SmtpProbe::start() {
    if (running_ || phase_ == Phase::Done)
        return;
    running_ = true;
    clock_.start();
    result_ = ProbeResult{};
    result_.target = options_.target.display();
    result_.port = options_.target.port;
    result_.helo = options_.helo.empty() ? localHeloName() : options_.helo;
    if (result_.helo.empty())
        result_.helo = "localhost";
    result_.tls.requested = options_.startTls;
    for (const auto& test : tests_)
        result_.tests.push_back({test, TestOutcome::NotRun, std::nullopt, std::nullopt, 0});
    retriesLeft_ = std::max(0, options_.limits.retries);

    // Nothing a user typed reaches the wire unchecked.
    std::string problem;
    if (options_.target.port == 0)
        problem = "port 0 is not a port a server can listen on";
    if (problem.empty() && options_.target.address)
        problem = refusedAddressReason(*options_.target.address);
    if (problem.empty())
        problem = heloProblem(result_.helo);
    for (const auto& test : tests_) {
        if (problem.empty())
            problem = mailboxProblem(test.mailFrom);
        if (problem.empty())
            problem = mailboxProblem(test.rcptTo);
    }
    if (!problem.empty()) {
        finish(ProbeStatus::Invalid, problem);
        return;
    }

    deadline_.start(std::max(1, options_.limits.totalMs));
    if (options_.target.address) {
        address_ = QHostAddress(QString::fromStdString(options_.target.address->toString()));
        connectNow();
        return;
    }
    phase_ = Phase::Resolving;
    openStep(StepKind::Resolve, {}, "look up " + options_.target.host);
    stepTimer_.start(std::max(1, options_.limits.connectMs));
    lookupId_ = QHostInfo::lookupHost(QString::fromStdString(options_.target.host), this,
                                      &SmtpProbe::resolved);
}

void SmtpProbe::cancel() {
    if (running_)
        finish(ProbeStatus::Cancelled, "cancelled before the probe was done");
}

void SmtpProbe::resolved(const QHostInfo& info) {
    lookupId_ = -1;
    if (phase_ != Phase::Resolving)
        return;
    stepTimer_.stop();
    const QList<QHostAddress> addresses = info.addresses();
    if (info.error() != QHostInfo::NoError || addresses.isEmpty()) {
        closeStep(nullptr, info.errorString().toStdString(), true);
        finish(ProbeStatus::Unreachable,
               cat("the name ", options_.target.host,
                   " did not resolve: ", info.errorString().toStdString()));
        return;
    }
    // IPv4 first: it is what most mail servers are probed on and what designs mostly hold.
    address_ = addresses.front();
    for (const QHostAddress& a : addresses) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol) {
            address_ = a;
            break;
        }
    }
    const auto parsed = net::Address::parse(address_.toString().toStdString());
    const std::string reason = parsed ? refusedAddressReason(*parsed) : "an unusable address";
    closeStep(nullptr, cat("= ", address_.toString().toStdString()), !reason.empty());
    if (!reason.empty()) {
        finish(ProbeStatus::Invalid, options_.target.host + " resolves to " + reason);
        return;
    }
    connectNow();
}

void SmtpProbe::connectNow() {
    if (!running_)
        return;
    if (lockKey_.isEmpty()) {
        const QString key = QStringLiteral("%1:%2").arg(address_.toString()).arg(result_.port);
        if (!acquireTarget(key)) {
            finish(ProbeStatus::Busy, cat("another probe of ", key.toStdString(),
                                          " is running; one connection at a time per target"));
            return;
        }
        lockKey_ = key;
    }
    result_.address = address_.toString().toStdString();
    dropSocket();
    reader_ = ReplyReader{};
    tlsDone_ = false;
    recipient_ = 0;
    result_.connections = ++connection_;
    socket_ = new QSslSocket(this);
    connect(socket_, &QSslSocket::connected, this, &SmtpProbe::onConnected);
    connect(socket_, &QSslSocket::readyRead, this, &SmtpProbe::onReadyRead);
    connect(socket_, &QSslSocket::errorOccurred, this, &SmtpProbe::onSocketError);
    connect(socket_, &QSslSocket::encrypted, this, &SmtpProbe::onEncrypted);
    connect(socket_, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        // Record why the certificate would not be trusted, then go on: the probe tests
        // relaying, and self-signed certificates are common on internal servers.
        for (const QSslError& e : errors) {
            result_.tls.verificationErrors.push_back(e.errorString().toStdString());
            if (e.error() == QSslError::SelfSignedCertificate ||
                e.error() == QSslError::SelfSignedCertificateInChain)
                result_.tls.selfSigned = true;
        }
        socket_->ignoreSslErrors();
    });
    phase_ = Phase::Connecting;
    openStep(StepKind::Connect, {}, "connect to " + result_.target);
    stepTimer_.start(std::max(1, options_.limits.connectMs));
    socket_->connectToHost(address_, result_.port);
}

void SmtpProbe::onConnected() {
    if (phase_ != Phase::Connecting)
        return;
    stepTimer_.stop();
    closeStep(nullptr, cat("connected from ", socket_->localAddress().toString().toStdString()));
    phase_ = Phase::Banner;
    openStep(StepKind::Banner, {});
    stepTimer_.start(std::max(1, options_.limits.replyMs));
}

void SmtpProbe::onReadyRead() {
    if (!socket_)
        return;
    const QByteArray data = socket_->readAll();
    if (!reader_.feed(std::string_view(data.constData(), static_cast<size_t>(data.size())))) {
        closeStep(nullptr, reader_.error(), true);
        connectionFailed(ProbeStatus::ProtocolError,
                         "the server does not speak SMTP: " + reader_.error(), false);
        return;
    }
    while (running_ && socket_ && reader_.hasReply())
        handleReply(reader_.takeReply());
}

void SmtpProbe::onSocketError() {
    if (!socket_ || !running_)
        return;
    const auto error = socket_->error();
    const std::string text = socket_->errorString().toStdString();
    stepTimer_.stop();
    switch (phase_) {
        case Phase::Connecting:
            closeStep(nullptr, text, true);
            connectionFailed(ProbeStatus::Unreachable,
                             "could not connect to " + result_.target + ": " + text);
            return;
        case Phase::Quit:
            // Closing right after QUIT (with or without 221) is the normal end.
            closeStep(nullptr, "the server closed the connection");
            finish(quitStatus_, quitDetail_);
            return;
        case Phase::TlsHandshake:
            result_.tls.error = text;
            closeStep(nullptr, text, true);
            finish(ProbeStatus::TlsFailed, "the TLS handshake failed: " + text);
            return;
        default:
            break;
    }
    const bool closed = error == QAbstractSocket::RemoteHostClosedError;
    std::string waitingFor = "a reply";
    if (openStep_) {
        const ProbeStep& step = result_.steps[*openStep_];
        waitingFor = step.command.empty() ? cat("the ", enumName(step.kind))
                                          : cat("the reply to ", step.command);
    }
    closeStep(nullptr, closed ? "the server closed the connection" : text, true);
    connectionFailed(
        closed ? ProbeStatus::Closed : ProbeStatus::Unreachable,
        closed ? cat("the server closed the connection while the probe waited for ", waitingFor)
               : cat("the connection broke (", text, ") while the probe waited for ", waitingFor));
}

void SmtpProbe::onEncrypted() {
    if (phase_ != Phase::TlsHandshake)
        return;
    stepTimer_.stop();
    tlsDone_ = true;
    TlsInfo& tls = result_.tls;
    tls.established = true;
    tls.protocol = protocolName(socket_->sessionProtocol());
    tls.cipher = socket_->sessionCipher().name().toStdString();
    const QSslCertificate certificate = socket_->peerCertificate();
    if (!certificate.isNull()) {
        tls.subject = joinCertificateNames(certificate, false);
        tls.issuer = joinCertificateNames(certificate, true);
        tls.notAfter = certificate.expiryDate().toUTC().toString(Qt::ISODate).toStdString();
        tls.selfSigned = tls.selfSigned || certificate.isSelfSigned();
    }
    closeStep(nullptr, cat(tls.protocol, " ", tls.cipher,
                           tls.verificationErrors.empty() ? ", certificate verified"
                                                          : ", certificate not verified"));
    // RFC 3207 section 4.2: forget everything from before TLS and greet again.
    reader_.clear();
    send(StepKind::Ehlo, Phase::Ehlo, "EHLO " + result_.helo);
}

void SmtpProbe::onStepTimeout() {
    if (!running_)
        return;
    switch (phase_) {
        case Phase::Resolving:
            if (lookupId_ >= 0)
                QHostInfo::abortHostLookup(lookupId_);
            lookupId_ = -1;
            closeStep(nullptr, "no answer", true);
            finish(ProbeStatus::Unreachable,
                   cat("the name ", options_.target.host, " did not resolve within ",
                       seconds(options_.limits.connectMs)));
            return;
        case Phase::Connecting:
            closeStep(nullptr, cat("no answer within ", seconds(options_.limits.connectMs)), true);
            connectionFailed(
                ProbeStatus::Unreachable,
                cat("no answer to the TCP connection within ", seconds(options_.limits.connectMs),
                    " (a firewall dropping the SYN, or no such host)"));
            return;
        case Phase::Quit:
            closeStep(nullptr, "no reply to QUIT; the probe closed the connection");
            finish(quitStatus_, quitDetail_);
            return;
        default:
            break;
    }
    std::string what = "reply";
    if (openStep_) {
        const ProbeStep& step = result_.steps[*openStep_];
        what = step.command.empty() ? std::string(enumName(step.kind))
                                    : cat("reply to ", step.command);
    }
    if (phase_ == Phase::TlsHandshake)
        result_.tls.error = "the handshake did not finish in time";
    closeStep(nullptr, cat("no reply within ", seconds(options_.limits.replyMs)), true);
    connectionFailed(phase_ == Phase::TlsHandshake ? ProbeStatus::TlsFailed : ProbeStatus::Timeout,
                     cat("no ", what, " within ", seconds(options_.limits.replyMs)),
                     phase_ != Phase::TlsHandshake);
}

void SmtpProbe::onDeadline() {
    if (!running_)
        return;
    if (openStep_)
        closeStep(nullptr, "stopped: the probe's time was up", true);
    finish(ProbeStatus::DeadlineExceeded,
           cat("the probe stopped after its limit of ", seconds(options_.limits.totalMs)));
}

void SmtpProbe::handleReply(const SmtpReply& reply) {
    if (!openStep_) {
        connectionFailed(ProbeStatus::ProtocolError,
                         cat("the server sent a reply nobody asked for: ", reply.firstLine()),
                         false);
        return;
    }
    stepTimer_.stop();
    closeStep(&reply);
    switch (phase_) {
        case Phase::Banner:
            result_.banner = reply;
            if (reply.isPositive() && reply.code == 220) {
                send(StepKind::Ehlo, Phase::Ehlo, "EHLO " + result_.helo);
            } else if (reply.isTransientFailure() && retriesLeft_ > 0) {
                // 421: busy or throttling; another connection may find it ready.
                connectionFailed(ProbeStatus::Refused,
                                 cat("the server refused the session: ", reply.firstLine()));
            } else {
                sendQuit(ProbeStatus::Refused,
                         cat("the server refused the session: ", reply.firstLine()));
            }
            return;
        case Phase::Ehlo:
            if (reply.code == 250) {
                (tlsDone_ ? result_.ehloTls : result_.ehlo) = parseEhlo(reply);
                afterGreeting();
            } else if (reply.isPermanentFailure()) {
                send(StepKind::Helo, Phase::Helo, "HELO " + result_.helo);
            } else {
                sendQuit(ProbeStatus::Refused, cat("the server refused EHLO: ", reply.firstLine()));
            }
            return;
        case Phase::Helo:
            if (reply.code == 250) {
                result_.usedHelo = true;
                (tlsDone_ ? result_.ehloTls : result_.ehlo) = parseEhlo(reply);
                afterGreeting();
            } else {
                sendQuit(ProbeStatus::Refused,
                         cat("the server refused both EHLO and HELO: ", reply.firstLine()));
            }
            return;
        case Phase::StartTls:
            if (reply.code == 220) {
                phase_ = Phase::TlsHandshake;
                reader_.clear();
                openStep(StepKind::TlsHandshake, {});
                stepTimer_.start(std::max(1, options_.limits.replyMs));
                socket_->setPeerVerifyMode(QSslSocket::VerifyPeer);
                socket_->setPeerVerifyName(QString::fromStdString(options_.target.host));
                socket_->startClientEncryption();
            } else {
                // RFC 3207: after a refused STARTTLS the session goes on in the clear.
                result_.tls.error = cat("STARTTLS refused: ", reply.firstLine());
                startTransaction();
            }
            return;
        case Phase::MailFrom: {
            const Transaction& t = transactions_[transaction_];
            for (const size_t i : t.tests) {
                result_.tests[i].mailReply = reply;
                result_.tests[i].connection = connection_;
                result_.tests[i].outcome = outcomeOf(&reply, nullptr);
            }
            if (reply.isPositive()) {
                sendNextRecipient();
            } else {
                ++transaction_;
                send(StepKind::Rset, Phase::Rset, "RSET");
            }
            return;
        }
        case Phase::RcptTo: {
            TestResult& test = result_.tests[transactions_[transaction_].tests[recipient_]];
            test.rcptReply = reply;
            test.outcome = outcomeOf(test.mailReply ? &*test.mailReply : nullptr, &reply);
            ++recipient_;
            sendNextRecipient();
            return;
        }
        case Phase::Rset:
            startTransaction();
            return;
        case Phase::Quit:
            finish(quitStatus_, quitDetail_);
            return;
        default:
            return;
    }
}

void SmtpProbe::afterGreeting() {
    if (options_.startTls && !tlsDone_ && result_.tls.error.empty()) {
        result_.tls.offered = result_.ehlo && result_.ehlo->has("STARTTLS");
        if (!result_.tls.offered) {
            result_.tls.error = "the server does not offer STARTTLS";
        } else if (!QSslSocket::supportsSsl()) {
            result_.tls.error = "this build of Qt has no TLS backend";
        } else {
            send(StepKind::StartTls, Phase::StartTls, "STARTTLS");
            return;
        }
    }
    startTransaction();
}

void SmtpProbe::startTransaction() {
    if (transaction_ >= transactions_.size()) {
        sendQuit(ProbeStatus::Completed, "every test ran");
        return;
    }
    recipient_ = 0;
    // A test repeated on a new connection starts from scratch.
    for (const size_t i : transactions_[transaction_].tests) {
        result_.tests[i].mailReply.reset();
        result_.tests[i].rcptReply.reset();
        result_.tests[i].outcome = TestOutcome::NotRun;
    }
    send(StepKind::MailFrom, Phase::MailFrom,
         "MAIL FROM:<" + transactions_[transaction_].mailFrom + ">");
}

void SmtpProbe::sendNextRecipient() {
    const Transaction& t = transactions_[transaction_];
    if (recipient_ < t.tests.size()) {
        send(StepKind::RcptTo, Phase::RcptTo,
             "RCPT TO:<" + tests_[t.tests[recipient_]].rcptTo + ">");
        return;
    }
    ++transaction_;
    send(StepKind::Rset, Phase::Rset, "RSET");
}

void SmtpProbe::send(StepKind kind, Phase phase, const std::string& command) {
    if (!isAllowedCommand(command)) {
        connectionFailed(ProbeStatus::Invalid, "refused to send '" + command + "'", false);
        return;
    }
    phase_ = phase;
    openStep(kind, command);
    stepTimer_.start(std::max(1, options_.limits.replyMs));
    const QByteArray line = QByteArray::fromStdString(command) + "\r\n";
    socket_->write(line);
}

void SmtpProbe::sendQuit(ProbeStatus status, std::string detail) {
    quitStatus_ = status;
    quitDetail_ = std::move(detail);
    send(StepKind::Quit, Phase::Quit, "QUIT");
}

size_t SmtpProbe::openStep(StepKind kind, std::string command, std::string note) {
    ProbeStep step;
    step.kind = kind;
    step.connection = std::max(1, connection_);
    step.command = std::move(command);
    step.note = std::move(note);
    step.startMs = now();
    result_.steps.push_back(std::move(step));
    openStep_ = result_.steps.size() - 1;
    return *openStep_;
}

void SmtpProbe::closeStep(const SmtpReply* reply, std::string note, bool failed) {
    if (!openStep_)
        return;
    ProbeStep& step = result_.steps[*openStep_];
    openStep_.reset();
    step.elapsedMs = now() - step.startMs;
    if (reply)
        step.reply = *reply;
    if (!note.empty()) {
        if (!step.note.empty())
            step.note += ": ";
        step.note += note;
    }
    step.failed = failed;
    std::string line = step.command.empty() ? std::string(enumName(step.kind)) : step.command;
    line += " -> ";
    line += reply ? reply->firstLine() : step.note;
    emit progress(QString::fromStdString(line));
}

void SmtpProbe::connectionFailed(ProbeStatus status, std::string detail, bool retryable) {
    dropSocket();
    const long long left = options_.limits.totalMs - now();
    if (retryable && retriesLeft_ > 0 && left > options_.limits.retryDelayMs) {
        --retriesLeft_;
        phase_ = Phase::Waiting;
        openStep(StepKind::Wait, {},
                 cat(detail, "; another connection in ", seconds(options_.limits.retryDelayMs)));
        closeStep(nullptr);
        retryTimer_.start(std::max(0, options_.limits.retryDelayMs));
        return;
    }
    finish(status, std::move(detail));
}

void SmtpProbe::finish(ProbeStatus status, std::string detail) {
    if (!running_)
        return;
    running_ = false;
    phase_ = Phase::Done;
    stepTimer_.stop();
    deadline_.stop();
    retryTimer_.stop();
    if (lookupId_ >= 0) {
        QHostInfo::abortHostLookup(lookupId_);
        lookupId_ = -1;
    }
    if (openStep_)
        closeStep(nullptr, "abandoned", true);
    dropSocket();
    if (!lockKey_.isEmpty()) {
        releaseTarget(lockKey_);
        lockKey_.clear();
    }
    result_.status = status;
    result_.statusDetail = std::move(detail);
    result_.totalMs = now();
    concludeVerdicts(result_);
    QMetaObject::invokeMethod(this, &SmtpProbe::finished, Qt::QueuedConnection);
}

void SmtpProbe::dropSocket() {
    if (!socket_)
        return;
    socket_->disconnect(this);
    socket_->abort();
    socket_->deleteLater();
    socket_ = nullptr;
}

ProbeResult runProbe(const ProbeOptions& options) {
    SmtpProbe probe(options);
    QEventLoop loop;
    QObject::connect(&probe, &SmtpProbe::finished, &loop, &QEventLoop::quit);
    probe.start();
    loop.exec();
    return probe.result();
}

std::string localHeloName() {
    std::string name = QHostInfo::localHostName().toStdString();
    const std::string domain = QHostInfo::localDomainName().toStdString();
    if (!name.empty() && !domain.empty() && name.find('.') == std::string::npos) {
        name += '.';
        name += domain;
    }
    return heloProblem(name).empty() ? name : std::string();
}

}  // namespace mailtopo::probe
