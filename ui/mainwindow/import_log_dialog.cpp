#include "ui/mainwindow/import_log_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStyle>
#include <QVBoxLayout>

#include "ui/mainwindow/design_import.h"

namespace mailtopo::ui {

ImportLogDialog::ImportLogDialog(const ImportOutcome& outcome, QWidget* parent)
    : QDialog(parent), log_(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("importLogDialog"));
    setWindowTitle(outcome.ok ? tr("Import Finished") : tr("Import Failed"));
    setSizeGripEnabled(true);

    auto* icon = new QLabel(this);
    const QStyle::StandardPixmap pixmap =
        outcome.ok ? QStyle::SP_MessageBoxInformation : QStyle::SP_MessageBoxWarning;
    icon->setPixmap(style()->standardIcon(pixmap).pixmap(32, 32));
    auto* summary =
        new QLabel(QStringLiteral("<b>%1</b>").arg(outcome.summary.toHtmlEscaped()), this);
    summary->setWordWrap(true);
    auto* next = new QLabel(outcome.ok ? tr("Edit › Undo takes the whole import back. The log "
                                            "lists every file, object and field that could not "
                                            "be read, with the fix.")
                                       : outcome.errors.join(QLatin1Char('\n')),
                            this);
    next->setObjectName(QStringLiteral("importNext"));
    next->setWordWrap(true);
    next->setTextInteractionFlags(Qt::TextSelectableByMouse);

    log_->setObjectName(QStringLiteral("importLog"));
    log_->setReadOnly(true);
    log_->setLineWrapMode(QPlainTextEdit::NoWrap);  // a log's columns stay aligned
    log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    log_->setPlainText(outcome.log);
    log_->setVisible(!outcome.log.isEmpty());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    if (!outcome.log.isEmpty()) {
        QPushButton* copy = buttons->addButton(tr("&Copy Log"), QDialogButtonBox::ActionRole);
        connect(copy, &QPushButton::clicked, this,
                [this] { QApplication::clipboard()->setText(log_->toPlainText()); });
        QPushButton* save = buttons->addButton(tr("&Save Log…"), QDialogButtonBox::ActionRole);
        connect(save, &QPushButton::clicked, this, &ImportLogDialog::saveLog);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* header = new QHBoxLayout;
    header->addWidget(icon, 0, Qt::AlignTop);
    auto* texts = new QVBoxLayout;
    texts->addWidget(summary);
    texts->addWidget(next);
    header->addLayout(texts, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(log_, 1);
    layout->addWidget(buttons);
    resize(outcome.log.isEmpty() ? QSize(460, 160) : QSize(760, 480));
}

QString ImportLogDialog::logText() const {
    return log_->toPlainText();
}

void ImportLogDialog::saveLog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Import Log"), QStringLiteral("import-log.txt"), tr("Text files (*.txt)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) ||
        file.write(log_->toPlainText().toUtf8()) < 0 || !file.commit()) {
        QMessageBox::warning(this, tr("Save Import Log"),
                             tr("Could not write %1: %2").arg(path, file.errorString()));
    }
}

}  // namespace mailtopo::ui
