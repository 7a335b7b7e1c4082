#pragma once
// Long plain-text tooltips (the inspector's explanations, palette entries, buttons) are shown
// by Qt on one line as wide as the screen. Qt wraps rich text only, so this turns a long
// plain tooltip into rich text as it is set, for every widget of the application, instead
// of every place that sets a tooltip having to remember it.

#include <QString>

class QCoreApplication;

namespace mailtopo::ui {

// Installs the application-wide filter once; later calls do nothing.
void installToolTipWrapping(QCoreApplication* application);

// `text` as a tooltip that wraps: long plain text becomes escaped rich text; rich text and
// short text come back unchanged. For item models, whose tooltips no widget event carries.
QString wrappingToolTip(const QString& text);

}  // namespace mailtopo::ui
