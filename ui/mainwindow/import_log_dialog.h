#pragma once
// What an import did, in a window that can be made as large as the log needs: the summary,
// what to do next, and the whole log (every file, object and field that could not be
// read, with the fix) in a resizable, selectable text area with Copy and Save buttons.
// A message box's "Show Details" pane is fixed and tiny, and long logs are the norm for a
// real estate's exports.

#include <QDialog>

class QPlainTextEdit;

namespace mailtopo::ui {

struct ImportOutcome;

class ImportLogDialog : public QDialog {
    Q_OBJECT

public:
    ImportLogDialog(const ImportOutcome& outcome, QWidget* parent = nullptr);

    QString logText() const;

private:
    void saveLog();

    QPlainTextEdit* log_;
};

}  // namespace mailtopo::ui
