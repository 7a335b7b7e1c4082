#pragma once
// A combo box in a scrolling form changes its value when the wheel passes over it while
// the user scrolls the form: a silent edit of the design. Guarded widgets take the wheel
// only once they have focus (a click or Tab); until then it scrolls the form around them.

class QWidget;

namespace mailtopo::ui::inspector {

void letWheelPassBy(QWidget* widget);

}  // namespace mailtopo::ui::inspector
