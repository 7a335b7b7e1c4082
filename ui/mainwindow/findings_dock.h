#pragma once
// The "Findings" dock: what validation reports about the open design, kept current by live
// validation. A sortable table filtered by severity and by text; the chosen finding's
// explanation, evidence and remediation below it, with a button that copies the
// remediation. Choosing a finding asks the window to show its elements on the canvas.

#include <QDockWidget>
#include <QStringList>

#include "core/analysis/finding.h"
#include "core/model/design.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace mailtopo::ui {

class FindingsModel;

class FindingsDock : public QDockWidget {
    Q_OBJECT

public:
    enum class SeverityFilter { All, WarningsAndErrors, Errors };

    explicit FindingsDock(QWidget* parent = nullptr);

    void setFindings(const std::vector<analysis::Finding>& findings, const model::Design& design);
    void setBusy(bool busy);
    // Without a design there is nothing to validate: the details say how to get one.
    void setDesignOpen(bool open);

    QTableView* table() const { return table_; }
    FindingsModel* model() const { return model_; }
    int visibleCount() const;
    void setSeverityFilter(SeverityFilter filter);
    void setTextFilter(const QString& text);
    // Selects the visible row `row` (as sorted and filtered); -1 clears the choice.
    void chooseRow(int row);
    // The finding chosen in the table, or nullptr.
    const analysis::Finding* chosenFinding() const;
    QString detailsText() const;
    void copyRemediation() const;

signals:
    // The user chose a finding: its elements, most relevant first.
    void findingChosen(const QStringList& elementIds);

private:
    void showDetails();
    void updateTitle();

    FindingsModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QLineEdit* filter_;
    QComboBox* severity_;
    QTextBrowser* details_;
    QPushButton* copy_;
    QLabel* status_;
    bool busy_ = false;
    bool validated_ = false;  // a result was shown at least once
    bool designOpen_ = false;
    bool refreshing_ = false;
};

}  // namespace mailtopo::ui
