#pragma once
// Light and dark appearance. "System" follows the desktop: MailTopo is dark when the
// palette the platform gives it is dark (Qt 6.4 has no colour-scheme query, so the window
// colour's lightness decides). "Light" and "Dark" force one, for the widgets (Fusion with a
// matching palette) and for the diagram (DiagramStyle's theme). Reports and exported
// diagrams stay light whatever is chosen: they are printed.

#include <QString>

namespace mailtopo::ui {

enum class ThemeChoice { System, Light, Dark };

// Applies `choice` to the application; returns whether the result is dark. Call it again
// when the desktop's theme changes while `choice` is System.
bool applyTheme(ThemeChoice choice);

// "system", "light", "dark" ⇄ ThemeChoice (settings, MAILTOPO_THEME); unknown: System.
QString themeChoiceName(ThemeChoice choice);
ThemeChoice themeChoiceFromName(const QString& name);

}  // namespace mailtopo::ui
