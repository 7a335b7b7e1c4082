#pragma once
// An SMTP server in the test process, on 127.0.0.1 and a free port, for the failure paths a
// real MTA will not show on demand: a banner then a close, a server that accepts but never
// says a word, an Exchange-like dialogue (multi-line banner, X-ANONYMOUSTLS, X-EXPS, 550
// 5.7.54), EHLO refused, a hostile relay that sends terminal controls. It records every command
// line it receives, so a test can assert that DATA never came.

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

namespace mailtopo::testing {

class FakeSmtpServer {
public:
    enum class Mode {
        CloseAfterBanner,  // 220, then close
        Silent,            // accept, never send anything
        Exchange,          // a scripted Exchange 2019 front end for contoso.example
        EhloRefused,       // 500 to EHLO, 250 to HELO, then as Exchange
        // An open relay whose banner and replies carry terminal controls (ESC [2J, BEL, NUL,
        // a bare CR) and, after the CR, a forged "Relay:    refused" verdict.
        Hostile,
    };

    // What Hostile puts after a bare CR in its replies, to overwrite the line on a terminal.
    static constexpr const char* kForgedVerdict = "  Relay:    refused (not an open relay)";

    explicit FakeSmtpServer(Mode mode);
    ~FakeSmtpServer();

    bool isListening() const { return server_.isListening(); }
    quint16 port() const { return server_.serverPort(); }
    int connectionsSeen() const { return connections_; }
    const QList<QByteArray>& commands() const { return commands_; }

private:
    void accept();
    void answer(QTcpSocket* socket, const QByteArray& line);

    Mode mode_;
    QTcpServer server_;
    QList<QTcpSocket*> sockets_;
    QList<QByteArray> commands_;
    int connections_ = 0;
};

}  // namespace mailtopo::testing
