#include "ui/mainwindow/help_dialogs.h"

#include <QAction>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>
#include <QVBoxLayout>
#include <algorithm>

namespace mailtopo::ui {
namespace {

// Menu text without its mnemonic marker and trailing ellipsis: "&Open…" → "Open".
QString plainText(const QAction* action) {
    QString text = action->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

// The menu path an action is reached by ("Edit › Undo"), from the menu bar down.
void collectFromMenu(QMenu* menu, const QString& path, QList<QAction*>& out,
                     QHash<QAction*, QString>& where, QSet<QAction*>& seen) {
    for (QAction* action : menu->actions()) {
        if (QMenu* sub = action->menu()) {
            collectFromMenu(sub, path + QStringLiteral(" › ") + plainText(action), out, where,
                            seen);
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        out << action;
        where.insert(action, path);
    }
}

QHash<QAction*, QString> menuPaths(QWidget* window, QList<QAction*>* ordered) {
    QHash<QAction*, QString> where;
    QSet<QAction*> seen;
    QList<QAction*> out;
    if (auto* main = qobject_cast<QMainWindow*>(window)) {
        for (QAction* top : main->menuBar()->actions()) {
            if (QMenu* menu = top->menu())
                collectFromMenu(menu, plainText(top), out, where, seen);
        }
    }
    // Actions in no menu (the canvas's own commands) come after, in creation order.
    for (QAction* action : window->findChildren<QAction*>()) {
        if (action->shortcuts().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        out << action;
    }
    if (ordered != nullptr)
        *ordered = out;
    return where;
}

// Shows the guide with its screenshots scaled down to the page's width (Markdown pictures
// keep their natural size, which is a full screen), again whenever the window is resized.
// Each picture is scaled once, smoothly, into a resource of its own: a picture only drawn
// smaller is sampled pixel by pixel, and the text in the screenshots breaks up.
class GuideBrowser : public QTextBrowser {
public:
    using QTextBrowser::QTextBrowser;

    // The format property that keeps the picture's own name once it shows a scaled copy.
    static constexpr int kOriginalName = QTextFormat::UserProperty + 1;

    void fitImages() {
        const int room = std::max(200, viewport()->width() - 40);
        for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (!fragment.charFormat().isImageFormat())
                    continue;
                QTextImageFormat image = fragment.charFormat().toImageFormat();
                QString original = image.property(kOriginalName).toString();
                if (original.isEmpty())
                    original = image.name();
                const QImage picture = document()
                                           ->resource(QTextDocument::ImageResource, QUrl(original))
                                           .value<QImage>();
                if (picture.isNull())
                    continue;
                const int width = std::min(picture.width(), room);
                const QString name = width == picture.width()
                                         ? original
                                         : QStringLiteral("%1?width=%2").arg(original).arg(width);
                if (image.name() == name)
                    continue;
                // Under the name as a lookup resolves it, against the guide's own URL.
                if (name != original)
                    document()->addResource(QTextDocument::ImageResource,
                                            document()->baseUrl().resolved(QUrl(name)),
                                            picture.scaledToWidth(width, Qt::SmoothTransformation));
                image.setName(name);
                image.setProperty(kOriginalName, original);
                image.setWidth(width);
                image.setHeight(static_cast<qreal>(picture.height()) * width / picture.width());
                QTextCursor cursor(document());
                cursor.setPosition(fragment.position());
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor::KeepAnchor);
                cursor.setCharFormat(image);
            }
        }
    }

    // Code blocks wrap at the page's width like the text around them, and tables take the
    // page's width (a command line or a table wider than the window made the whole page
    // scroll sideways).
    void wrapToPage() {
        QTextCursor cursor(document());
        QSet<QTextTable*> tables;
        for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
            cursor.setPosition(block.position());
            if (QTextTable* table = cursor.currentTable())
                tables.insert(table);
            QTextBlockFormat format = block.blockFormat();
            if (!format.nonBreakableLines())
                continue;
            format.setNonBreakableLines(false);
            cursor.setBlockFormat(format);
        }
        for (QTextTable* table : std::as_const(tables)) {
            QTextTableFormat format = table->format();
            // A hair under the full width: the border is drawn outside the width given.
            format.setWidth(QTextLength(QTextLength::PercentageLength, 99.5));
            table->setFormat(format);
        }
    }

protected:
    void resizeEvent(QResizeEvent* event) override {
        QTextBrowser::resizeEvent(event);
        fitImages();
    }
};

}  // namespace

QDialog* createUserGuideDialog(QWidget* parent) {
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("userGuideDialog"));
    dialog->setWindowTitle(QObject::tr("MailTopo User Guide"));
    dialog->setSizeGripEnabled(true);
    dialog->resize(860, 760);
    auto* browser = new GuideBrowser(dialog);
    browser->setObjectName(QStringLiteral("userGuideBrowser"));
    // Links inside the guide (its own headings, its pictures) stay here; links to the web
    // open in the browser; links to files that are not compiled in are left alone.
    browser->setOpenLinks(false);
    QObject::connect(browser, &QTextBrowser::anchorClicked, browser, [browser](const QUrl& url) {
        if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https") ||
            url.scheme() == QLatin1String("mailto")) {
            QDesktopServices::openUrl(url);
            return;
        }
        const QUrl target = browser->source().resolved(url);
        if (target.scheme() == QLatin1String("qrc") &&
            (target.path() == browser->source().path() ||
             QFile::exists(QLatin1Char(':') + target.path())))
            browser->setSource(target);
    });
    QObject::connect(browser, &QTextBrowser::sourceChanged, browser, [browser] {
        browser->wrapToPage();
        browser->fitImages();
    });
    browser->setSource(QUrl(QString::fromLatin1(kUserGuideUrl)), QTextDocument::MarkdownResource);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(browser, 1);
    layout->addWidget(buttons);
    return dialog;
}

QList<QAction*> actionsWithShortcuts(QWidget* window) {
    QList<QAction*> ordered;
    menuPaths(window, &ordered);
    return ordered;
}

QDialog* createShortcutsDialog(QWidget* window) {
    QList<QAction*> actions;
    const QHash<QAction*, QString> where = menuPaths(window, &actions);
    auto* dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setWindowTitle(QObject::tr("Keyboard Shortcuts"));
    dialog->setSizeGripEnabled(true);
    dialog->resize(560, 620);
    auto* table = new QTableWidget(static_cast<int>(actions.size()), 3, dialog);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels(
        {QObject::tr("Command"), QObject::tr("Shortcut"), QObject::tr("Menu")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    for (int row = 0; row < actions.size(); ++row) {
        QAction* action = actions[row];
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        const QString menu = where.value(action, QObject::tr("Canvas"));
        const QStringList cells{plainText(action), keys.join(QStringLiteral(", ")), menu};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setToolTip(action->statusTip());
            table->setItem(row, column, item);
        }
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    return dialog;
}

}  // namespace mailtopo::ui
