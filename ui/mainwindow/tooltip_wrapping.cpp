#include "ui/mainwindow/tooltip_wrapping.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTextDocument>
#include <QWidget>

namespace mailtopo::ui {
namespace {

// About the width Qt gives a rich-text tooltip before it wraps: shorter texts stay plain.
constexpr int kWrapFrom = 70;

class ToolTipWrapper : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::ToolTipChange || !watched->isWidgetType())
            return false;
        auto* widget = static_cast<QWidget*>(watched);
        const QString wrapped = wrappingToolTip(widget->toolTip());
        if (wrapped != widget->toolTip())
            widget->setToolTip(wrapped);  // sends ToolTipChange again, now rich text: no loop
        return false;
    }
};

}  // namespace

QString wrappingToolTip(const QString& text) {
    if (text.size() < kWrapFrom || Qt::mightBeRichText(text))
        return text;
    QString html = text.toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return QStringLiteral("<qt>%1</qt>").arg(html);
}

void installToolTipWrapping(QCoreApplication* application) {
    if (application == nullptr ||
        application->findChild<QObject*>(QStringLiteral("toolTipWrapper"),
                                         Qt::FindDirectChildrenOnly) != nullptr)
        return;
    auto* wrapper = new ToolTipWrapper(application);
    wrapper->setObjectName(QStringLiteral("toolTipWrapper"));
    application->installEventFilter(wrapper);
}

}  // namespace mailtopo::ui
