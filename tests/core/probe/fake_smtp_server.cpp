#include "tests/core/probe/fake_smtp_server.h"

namespace mailtopo::testing {

namespace {

const QByteArray kExchangeEhlo =
    "250-mail.contoso.example Hello [127.0.0.1]\r\n"
    "250-SIZE 37748736\r\n"
    "250-PIPELINING\r\n"
    "250-DSN\r\n"
    "250-ENHANCEDSTATUSCODES\r\n"
    "250-X-ANONYMOUSTLS\r\n"
    "250-AUTH NTLM\r\n"
    "250-X-EXPS GSSAPI NTLM\r\n"
    "250-8BITMIME\r\n"
    "250-BINARYMIME\r\n"
    "250-CHUNKING\r\n"
    "250 XRDST\r\n";

// ESC [2J clears the screen, BEL rings, NUL is there to be seen; the bare CR returns to the
// start of the line so the forged verdict overwrites what came before.
QByteArray hostileText(const char* text) {
    QByteArray out(text);
    out += "\x1b[2J\x07";
    out += '\0';
    out += '\r';
    out += FakeSmtpServer::kForgedVerdict;
    return out;
}

}  // namespace

FakeSmtpServer::FakeSmtpServer(Mode mode) : mode_(mode) {
    QObject::connect(&server_, &QTcpServer::newConnection, &server_, [this] { accept(); });
    server_.listen(QHostAddress::LocalHost, 0);
}

FakeSmtpServer::~FakeSmtpServer() {
    server_.close();
    for (QTcpSocket* socket : sockets_) {
        socket->disconnect();
        socket->abort();
        delete socket;
    }
}

void FakeSmtpServer::accept() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        ++connections_;
        socket->setParent(nullptr);
        sockets_.append(socket);
        switch (mode_) {
            case Mode::Silent:
                break;
            case Mode::CloseAfterBanner:
                socket->write("220 closing.test.invalid ESMTP\r\n");
                socket->flush();
                socket->disconnectFromHost();
                break;
            case Mode::Exchange:
            case Mode::EhloRefused:
                // Exchange's banner is one line; a multi-line one checks the reader.
                socket->write(
                    "220-mail.contoso.example Microsoft ESMTP MAIL Service ready\r\n"
                    "220 at Mon, 1 Jan 2024 00:00:00 +0000\r\n");
                break;
            case Mode::Hostile:
                socket->write("220 " + hostileText("hostile.test.invalid ESMTP") + "\r\n");
                break;
        }
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            while (socket->canReadLine()) {
                const QByteArray line = socket->readLine().trimmed();
                commands_.append(line);
                answer(socket, line);
            }
        });
    }
}

void FakeSmtpServer::answer(QTcpSocket* socket, const QByteArray& line) {
    const QByteArray verb = line.left(4).toUpper();
    if (mode_ == Mode::Silent || mode_ == Mode::CloseAfterBanner)
        return;
    if (mode_ == Mode::Hostile && verb != "QUIT") {
        if (verb == "EHLO") {
            socket->write("250-" + hostileText("hostile.test.invalid") + "\r\n250 AUTH " +
                          hostileText("PLAIN") + "\r\n");
        } else if (verb == "MAIL" || verb == "RCPT" || verb == "RSET") {
            socket->write("250 " + hostileText("2.1.5 Ok") + "\r\n");  // relays anything
        } else {
            socket->write("500 " + hostileText("5.3.3 Unrecognized command") + "\r\n");
        }
        return;
    }
    if (verb == "EHLO") {
        socket->write(mode_ == Mode::EhloRefused ? QByteArray("500 5.3.3 Unrecognized command\r\n")
                                                 : kExchangeEhlo);
    } else if (verb == "HELO") {
        socket->write("250 mail.contoso.example Hello [127.0.0.1]\r\n");
    } else if (verb == "MAIL") {
        // Anonymous may not send as an authoritative domain (Exchange, R23).
        socket->write(line.toLower().contains("@contoso.example>")
                          ? "550 5.7.1 Client does not have permissions to send as this sender\r\n"
                          : "250 2.1.0 Sender OK\r\n");
    } else if (verb == "RCPT") {
        socket->write(
            line.toLower().contains("@contoso.example>")
                ? "250 2.1.5 Recipient OK\r\n"
                : "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain\r\n");
    } else if (verb == "RSET") {
        socket->write("250 2.0.0 Resetting\r\n");
    } else if (verb == "QUIT") {
        socket->write("221 2.0.0 Service closing transmission channel\r\n");
        socket->flush();
        socket->disconnectFromHost();
    } else {
        socket->write("500 5.3.3 Unrecognized command\r\n");
    }
}

}  // namespace mailtopo::testing
