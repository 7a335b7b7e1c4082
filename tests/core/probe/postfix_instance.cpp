#include "tests/core/probe/postfix_instance.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace mailtopo::testing {
namespace {

constexpr const char* kPostfix = "/usr/sbin/postfix";
constexpr const char* kMaster = "/usr/lib/postfix/sbin/master";
constexpr const char* kOpenssl = "/usr/bin/openssl";
// The master ends by itself after this many seconds, even if the test never stops it: longer
// than the whole suite takes, shorter than anyone would notice a stray instance.
constexpr int kMasterLifetimeSeconds = 240;

quint16 freePort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

bool writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

}  // namespace

QString PostfixInstance::unavailableReason() {
    if (::geteuid() != 0)
        return QStringLiteral("Postfix needs root to start (the tests run as uid %1)")
            .arg(::geteuid());
    for (const char* program : {kPostfix, kMaster, kOpenssl}) {
        if (!QFileInfo(QString::fromLatin1(program)).isExecutable())
            return QStringLiteral(
                       "%1 is not installed (packaging/dev/debian-packages.txt lists "
                       "postfix)")
                .arg(QString::fromLatin1(program));
    }
    return {};
}

PostfixInstance::PostfixInstance(Mode mode) : mode_(mode) {}

PostfixInstance::~PostfixInstance() {
    stop();
}

QByteArray PostfixInstance::log() const {
    QFile file(dir_.filePath(QStringLiteral("maillog")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool PostfixInstance::run(const QString& program, const QStringList& args, int timeoutMs,
                          QString* output) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    const bool done = process.waitForFinished(timeoutMs);
    if (!done) {
        process.kill();
        process.waitForFinished(2000);
    }
    if (output)
        *output = QString::fromLocal8Bit(process.readAll());
    return done && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool PostfixInstance::writeConfiguration() {
    const QString d = dir_.path();
    // QTemporaryDir (like mktemp -d) makes the directory 0700; Postfix's daemons run as the
    // postfix user and must reach queue/ and the log through it, else the master dies at
    // start without a word.
    QFile::setPermissions(d, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                 QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                 QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                 QFileDevice::ExeOther);
    if (!QDir(d).mkpath(QStringLiteral("conf")) || !QDir(d).mkpath(QStringLiteral("queue"))) {
        error_ = QStringLiteral("cannot create %1/conf and %1/queue").arg(d);
        return false;
    }
    QString output;
    // An EC key is generated in milliseconds; 100 years so the test never ages out.
    if (!run(QString::fromLatin1(kOpenssl),
             {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
              QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
              QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
              QStringLiteral("-keyout"), d + QStringLiteral("/conf/key.pem"),
              QStringLiteral("-out"), d + QStringLiteral("/conf/cert.pem"), QStringLiteral("-days"),
              QStringLiteral("36500"), QStringLiteral("-subj"),
              QStringLiteral("/CN=smtp-probe.test.invalid/O=MailTopo tests")},
             20000, &output)) {
        error_ = QStringLiteral("openssl could not make a test certificate: ") + output;
        return false;
    }
    const bool relay = mode_ == Mode::Relay;
    QByteArray main =
        "compatibility_level = 3.6\n"
        "queue_directory = DIR/queue\n"
        "data_directory = DIR/data\n"
        "command_directory = /usr/sbin\n"
        "daemon_directory = /usr/lib/postfix/sbin\n"
        "shlib_directory = /usr/lib/postfix\n"
        "meta_directory = /etc/postfix\n"
        "mail_owner = postfix\n"
        "setgid_group = postdrop\n"
        "maillog_file_prefixes = /var, /dev/stdout, /tmp\n"
        "maillog_file = DIR/maillog\n"
        "myhostname = smtp-probe.test.invalid\n"
        "mydomain = test.invalid\n"
        "myorigin = $myhostname\n"
        "mydestination =\n"
        // example.com is what the scenario designs accept, local.test the recipe's domain.
        "relay_domains = local.test, example.com\n"
        "inet_interfaces = 127.0.0.1\n"
        "inet_protocols = ipv4\n"
        "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n"
        "smtpd_recipient_restrictions =\n"
        // Outside clients may not claim the accepted domains (what Exchange does for
        // Anonymous); loopback may in relay mode, because it is in mynetworks.
        "smtpd_sender_restrictions = permit_mynetworks, check_sender_access "
        "inline:{ {local.test = REJECT Spoofed sender}, {example.com = REJECT Spoofed sender} }\n"
        // Never deliver: `error` would make smtpd refuse the recipients, `discard` accepts
        // and drops; no DATA is ever sent anyway.
        "default_transport = discard:no delivery in tests\n"
        "relay_transport = discard:no delivery in tests\n"
        "local_transport = discard:no delivery in tests\n"
        "virtual_transport = discard:no delivery in tests\n"
        "smtpd_banner = $myhostname ESMTP test\n"
        "biff = no\n"
        "alias_maps =\n"
        "alias_database =\n"
        "append_dot_mydomain = no\n"
        "smtpd_tls_security_level = may\n"
        "smtpd_tls_cert_file = DIR/conf/cert.pem\n"
        "smtpd_tls_key_file = DIR/conf/key.pem\n";
    main += relay ? "mynetworks = 127.0.0.0/8\n" : "mynetworks =\n";
    main.replace("DIR", d.toUtf8());
    QByteArray master =
        "127.0.0.1:PORT inet n - n - - smtpd\n"
        "cleanup   unix  n - n - 0 cleanup\n"
        "qmgr      unix  n - n 300 1 qmgr\n"
        "rewrite   unix  - - n - - trivial-rewrite\n"
        "bounce    unix  - - n - 0 bounce\n"
        "defer     unix  - - n - 0 bounce\n"
        "trace     unix  - - n - 0 bounce\n"
        "verify    unix  - - n - 1 verify\n"
        "flush     unix  n - n 1000? 0 flush\n"
        "proxymap  unix  - - n - - proxymap\n"
        "showq     unix  n - n - - showq\n"
        "error     unix  - - n - - error\n"
        "retry     unix  - - n - - error\n"
        "discard   unix  - - n - - discard\n"
        "anvil     unix  - - n - 1 anvil\n"
        "scache    unix  - - n - 1 scache\n"
        "tlsmgr    unix  - - n 1000? 1 tlsmgr\n"
        "postlog   unix-dgram n - n - 1 postlogd\n";
    master.replace("PORT", QByteArray::number(port_));
    if (!writeFile(d + QStringLiteral("/conf/main.cf"), main) ||
        !writeFile(d + QStringLiteral("/conf/master.cf"), master)) {
        error_ = QStringLiteral("cannot write the configuration in %1/conf").arg(d);
        return false;
    }
    return true;
}

bool PostfixInstance::start() {
    if (!dir_.isValid()) {
        error_ = QStringLiteral("no temporary directory");
        return false;
    }
    const QString conf = dir_.filePath(QStringLiteral("conf"));
    // A free port can be taken between the check and the bind; try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        port_ = freePort();
        if (port_ == 0 || !writeConfiguration())
            return false;
        QString output;
        // `postfix check` creates the queue's subdirectories and data/ with their owners.
        if (!run(QString::fromLatin1(kPostfix),
                 {QStringLiteral("-c"), conf, QStringLiteral("check")}, 30000, &output)) {
            error_ = QStringLiteral("postfix check failed: %1\n%2")
                         .arg(output, QString::fromLocal8Bit(log()));
            return false;
        }
        if (!run(QString::fromLatin1(kMaster),
                 {QStringLiteral("-c"), conf, QStringLiteral("-w"), QStringLiteral("-e"),
                  QString::number(kMasterLifetimeSeconds)},
                 30000, &output)) {
            error_ = QStringLiteral("the Postfix master did not start: %1\n%2")
                         .arg(output, QString::fromLocal8Bit(log()));
            return false;
        }
        running_ = true;
        const QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port_);
            if (socket.waitForConnected(500)) {
                // Read the banner so smtpd does not log a lost connection mid-greeting.
                socket.waitForReadyRead(2000);
                socket.write("QUIT\r\n");
                socket.waitForBytesWritten(500);
                socket.disconnectFromHost();
                return true;
            }
            QThread::msleep(50);
        }
        const QString why = QString::fromLocal8Bit(log());
        stop();
        error_ = QStringLiteral("Postfix did not listen on 127.0.0.1:%1: %2").arg(port_).arg(why);
        if (!why.contains(QLatin1String("Address already in use")))
            return false;
    }
    return false;
}

void PostfixInstance::stop() {
    if (!running_)
        return;
    running_ = false;
    // `postfix stop` sends the master SIGTERM; it ends its children and removes its pid file.
    QString output;
    run(QString::fromLatin1(kPostfix),
        {QStringLiteral("-c"), dir_.filePath(QStringLiteral("conf")), QStringLiteral("stop")},
        20000, &output);
    // Wait for the port to be free, so the next test cannot meet this instance.
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port_);
        if (!socket.waitForConnected(200))
            return;
        socket.abort();
        QThread::msleep(50);
    }
}

}  // namespace mailtopo::testing
