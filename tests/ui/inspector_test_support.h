#pragma once
// What the inspector tests share: the open design, the undo steps taken, a combo box chosen
// as a user does, and waiting for live validation to catch up.

#include <QComboBox>
#include <QTest>

#include "core/analysis/simulation_checks.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/main_window.h"

namespace mailtopo::ui::testing {

inline const QString kContoso =
    QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

inline const model::Design& designOf(const MainWindow& window) {
    return window.document()->design();
}

inline int steps(const MainWindow& window) {
    return window.document()->undoStack()->count();
}

// Chooses `value` in a combo box as a user does (activated, not just a changed index).
inline void choose(QComboBox* combo, const QString& value) {
    combo->setCurrentIndex(combo->findData(value));
    emit combo->activated(combo->currentIndex());
}

// The live validator has caught up with the design as it is now.
inline bool validationSettled(MainWindow& window) {
    return QTest::qWaitFor(
        [&] {
            return !window.validator()->isRunning() &&
                   window.validator()->validation().findings ==
                       analysis::validateDesign(designOf(window));
        },
        20000);
}

}  // namespace mailtopo::ui::testing
