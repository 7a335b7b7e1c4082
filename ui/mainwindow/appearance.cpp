#include "ui/mainwindow/appearance.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

#include "ui/diagram/diagram_style.h"

namespace mailtopo::ui {
namespace {

// The palette the platform gave the application, taken before MailTopo changes it.
const QPalette& systemPalette() {
    static const QPalette palette = QApplication::palette();
    return palette;
}

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x30, 0x38);
    const QColor base(0x1f, 0x23, 0x2a);
    const QColor text(0xe6, 0xea, 0xf0);
    const QColor highlight(0x3a, 0x7b, 0xd5);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8d, 0x98, 0xa8));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x41, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x39, 0x43));
    p.setColor(QPalette::Mid, QColor(0x24, 0x28, 0x2f));
    p.setColor(QPalette::Dark, QColor(0x16, 0x19, 0x1e));
    p.setColor(QPalette::Shadow, QColor(0x0b, 0x0c, 0x0f));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb1, 0x9c, 0xf5));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x76, 0x7f, 0x8c));
    return p;
}

}  // namespace

bool applyTheme(ThemeChoice choice) {
    // Until MailTopo sets a palette of its own, the application's is the platform's, and it
    // follows the desktop live.
    static bool overridden = false;
    const QPalette& system = systemPalette();
    bool dark = isDark(overridden ? system : QApplication::palette());
    if (choice == ThemeChoice::System) {
        if (overridden)
            QApplication::setPalette(system);
    } else {
        overridden = true;
        dark = choice == ThemeChoice::Dark;
        if (dark != isDark(system)) {
            // Native styles may ignore a palette; Fusion honours it on every platform.
            if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
                QApplication::setStyle(fusion);
            QApplication::setPalette(dark ? darkPalette()
                                          : QApplication::style()->standardPalette());
        } else {
            QApplication::setPalette(system);
        }
    }
    DiagramStyle::setTheme(dark ? DiagramStyle::Theme::Dark : DiagramStyle::Theme::Light);
    return dark;
}

QString themeChoiceName(ThemeChoice choice) {
    switch (choice) {
        case ThemeChoice::Light:
            return QStringLiteral("light");
        case ThemeChoice::Dark:
            return QStringLiteral("dark");
        case ThemeChoice::System:
            break;
    }
    return QStringLiteral("system");
}

ThemeChoice themeChoiceFromName(const QString& name) {
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("light"))
        return ThemeChoice::Light;
    if (n == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}

}  // namespace mailtopo::ui
