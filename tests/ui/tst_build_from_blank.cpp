// A new user draws each seed story (tests/stories/story1..5-*.sh) from File › New through
// the real widgets only: the palette, the canvas (drags from handles onto bands, right-click
// menus, typing on the selection), the inspector's fields and tables, the Design panel's
// menus, the trace form, File › Save As and its file dialog. Every step is a mouse or key
// event a user makes; the test never touches the model. The saved file is then judged by
// `mailtopo-cli validate` and `trace --all-flows`, and must give the findings and flow
// dispositions tests/stories/run-stories.sh expects of the CLI-built design, before the
// story's fix and (where the fix is a few steps) after it.
//
// Each story counts the user's actions and prints them: a click, a double-click, a drag, a
// right-click, a menu choice (however deep: submenus open on the way) and a wheel scroll
// are one each; so is a key sequence, what is typed into one field with the keys that end
// it or tab on to the next field to fill in. Pointing is free. The goal is kBudget a story.
//
// This file may not include core/ or ui/document/ (tests/ui/CMakeLists.txt refuses it): what
// it knows of the design, it learns from the window.

// Mouse events go through the window, as the platform delivers them: a right-click opens the
// context menu, a click on an open popup lands in it.
#define QTEST_QPA_MOUSE_HANDLING

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTabBar>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>
#include <functional>

#include "tests/support/process_run.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/segment_item.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/trace_dialog.h"

using namespace mailtopo::ui;

namespace {

constexpr int kBudget = 60;  // actions a story may take, at most
constexpr int kMaxTabs = 3;  // fields a key sequence tabs over to the next one to fill in
// The addresses table of a host's first NIC (its property is nic.<id>.addresses).
const QString kFirstNicAddresses = QStringLiteral("nic\\.[^.]*-nic1\\.addresses");

// After a failed check a step does nothing more: the first failure is the one to read.
#define ONLY_IF_OK()                    \
    do {                                \
        if (QTest::currentTestFailed()) \
            return;                     \
    } while (false)
// A step of a story; the story ends at the first one that fails.
#define STEP(...)                       \
    do {                                \
        __VA_ARGS__;                    \
        if (QTest::currentTestFailed()) \
            return;                     \
    } while (false)

QString plain(QString text) {
    return text.remove(QLatin1Char('&'));
}

// The user: every method is one action (or says otherwise) and is counted.
class User {
public:
    explicit User(MainWindow& window) : window_(window) {}

    int actions() const { return actions_; }
    const QStringList& log() const { return log_; }

    // ---- the primitives ----
    void click(QWidget* widget, QPoint at = QPoint(), const QString& what = QString()) {
        ONLY_IF_OK();
        QVERIFY2(widget != nullptr, qPrintable(what));
        QTRY_VERIFY2(widget->isVisible(), qPrintable(what + QStringLiteral(" is not shown")));
        QTest::mouseClick(widget, Qt::LeftButton, Qt::NoModifier,
                          at.isNull() ? centre(widget) : at);
        count(QStringLiteral("click ") + (what.isEmpty() ? widget->objectName() : what));
    }
    void doubleClick(QWidget* widget, QPoint at = QPoint(), const QString& what = QString()) {
        ONLY_IF_OK();
        QTest::mouseDClick(widget, Qt::LeftButton, Qt::NoModifier,
                           at.isNull() ? centre(widget) : at);
        count(QStringLiteral("double-click ") + (what.isEmpty() ? widget->objectName() : what));
    }
    // One key sequence: `text` typed into the field that has the keyboard focus, which must
    // be `expected` (or inside it), over what it held when `replace` (Ctrl+A first), then
    // the keys in `leave` ("\t" Tab, "\n" Enter) that end it or take the cursor on to the
    // next field to type into. Each key goes where the focus is then, as a keyboard's do: a
    // key on a table cell opens its editor, which takes the rest.
    void type(QWidget* expected, const QString& text, const QString& leave = QString(),
              bool replace = false) {
        ONLY_IF_OK();
        QWidget* focus = QApplication::focusWidget();
        QVERIFY2(focus != nullptr && (focus == expected || expected->isAncestorOf(focus)),
                 qPrintable(QStringLiteral("typing '%1': the focus is on %2, not %3")
                                .arg(text,
                                     focus != nullptr
                                         ? QString::fromLatin1(focus->metaObject()->className()) +
                                               QLatin1Char(' ') + focus->objectName()
                                         : QStringLiteral("nothing"),
                                     expected->objectName())));
        if (replace)
            QTest::keyClick(focus, Qt::Key_A, Qt::ControlModifier);
        for (const QChar ch : text) {
            if (ch == QLatin1Char('\n'))  // a new line in a several-line field
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
            else
                QTest::keyClick(QApplication::focusWidget(), ch.toLatin1());
        }
        QString shown = QStringLiteral("type '%1'").arg(text);
        for (const QChar ch : leave) {
            QVERIFY2(ch == QLatin1Char('\t') || ch == QLatin1Char('\n'), "only Tab and Enter");
            const bool tab = ch == QLatin1Char('\t');
            QTest::keyClick(QApplication::focusWidget(), tab ? Qt::Key_Tab : Qt::Key_Return);
            shown += tab ? QStringLiteral(" ⇥") : QStringLiteral(" ⏎");
        }
        count(shown);
    }
    // One key sequence that types `text` into the focused field and tabs on to `next`, the
    // next field to type into, when it is a few fields on (else a user clicks there: false).
    bool typeAndTab(QWidget* expected, const QString& text, QWidget* next, bool replace = false) {
        if (QTest::currentTestFailed())
            return false;
        type(expected, text, QString(), replace);
        const int tabs = tabsTo(next);
        for (int i = 0; i < tabs; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            log_.last() += QStringLiteral(" ⇥");
        }
        return tabs > 0;
    }
    // How many Tabs take the keyboard from where it is to `to`; 0 when more than kMaxTabs.
    static int tabsTo(QWidget* to) {
        QWidget* from = QApplication::focusWidget();
        if (from == nullptr || to == nullptr)
            return 0;
        QWidget* w = from;
        for (int tabs = 1; tabs <= kMaxTabs; ++tabs) {
            do {
                w = w->nextInFocusChain();
                if (w == from)
                    return 0;
            } while ((w->focusPolicy() & Qt::TabFocus) != Qt::TabFocus || !w->isEnabled() ||
                     !w->isVisible() || w->focusProxy() != nullptr);
            if (w == to || to->isAncestorOf(w))
                return tabs;
        }
        return 0;
    }
    // One key (or shortcut) to the focus widget.
    void key(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        ONLY_IF_OK();
        QWidget* focus = QApplication::focusWidget();
        QVERIFY(focus != nullptr);
        QTest::keyClick(focus, static_cast<Qt::Key>(key), modifiers);
        count(QStringLiteral("key ") + QKeySequence(key | modifiers).toString());
    }
    // A left-button drag in a few steps, as a hand makes it.
    void drag(QWidget* widget, QPoint from, QPoint to,
              Qt::KeyboardModifiers modifiers = Qt::NoModifier, const QString& what = QString()) {
        ONLY_IF_OK();
        QTest::mouseMove(widget, from);
        QTest::mousePress(widget, Qt::LeftButton, modifiers, from);
        for (int i = 1; i <= 6; ++i)
            QTest::mouseMove(widget, from + (to - from) * i / 6);
        QTest::mouseRelease(widget, Qt::LeftButton, modifiers, to);
        count(QStringLiteral("drag ") + what);
    }
    // Drags what `source` gives (a palette entry's data) onto `target` at `to`: the events a
    // drop brings, as a drag from another widget delivers them.
    void dragOnto(QWidget* target, QPoint to, QMimeData* data, const QString& what) {
        ONLY_IF_OK();
        QVERIFY2(data != nullptr, qPrintable(what));
        QDragEnterEvent enter(to, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY2(enter.isAccepted(), qPrintable(what));
        QDragMoveEvent move(to, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &move);
        QDropEvent drop(to, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        delete data;
        count(QStringLiteral("drag ") + what);
    }
    // Pointing is free: hovering shows a card's handles.
    void point(QWidget* widget, QPoint at) { QTest::mouseMove(widget, at); }

    // ---- menus ----
    // A right-click; the context menu it opened.
    QMenu* rightClick(QWidget* widget, QPoint at, const QString& what) {
        QTest::mouseClick(widget, Qt::RightButton, Qt::NoModifier, at);
        count(QStringLiteral("right-click ") + what);
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (menu == nullptr)
            qWarning("right-click on %s opened no menu", qPrintable(what));
        return menu;
    }
    // Clicks the entry at `path` (submenus are opened by clicking them too, but only the
    // entry chosen counts: a user points at the submenus on the way).
    void choose(QMenu* menu, const QStringList& path) {
        ONLY_IF_OK();
        QVERIFY2(menu != nullptr, qPrintable(path.join(QStringLiteral(" › "))));
        for (int i = 0; i < path.size(); ++i) {
            QAction* action = entry(menu, path[i]);
            QVERIFY2(action != nullptr,
                     qPrintable(QStringLiteral("no entry '%1' in %2").arg(path[i], entries(menu))));
            QVERIFY2(action->isEnabled(), qPrintable(path[i] + QStringLiteral(" is disabled")));
            const QPoint at = menu->actionGeometry(action).center();
            if (i + 1 < path.size()) {
                QVERIFY2(action->menu() != nullptr, qPrintable(path[i]));
                QTest::mouseMove(menu, at);
                QTest::mouseClick(menu, Qt::LeftButton, Qt::NoModifier, at);
                QTRY_VERIFY2_WITH_TIMEOUT(action->menu()->isVisible(), qPrintable(path[i]), 2000);
                menu = action->menu();
                continue;
            }
            count(QStringLiteral("choose ") + path.join(QStringLiteral(" › ")));
            QTest::mouseMove(menu, at);
            QTest::mouseClick(menu, Qt::LeftButton, Qt::NoModifier, at);
        }
        settle();
    }
    // The offscreen platform does not give the activation back to the window when a popup
    // or a dialog closes, as a desktop does: done here, so the keyboard goes where it would.
    void settle() {
        QTRY_VERIFY(QApplication::activePopupWidget() == nullptr);
        if (QApplication::activeModalWidget() == nullptr &&
            QApplication::activeWindow() == nullptr) {
            window_.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&window_));
        }
    }
    // The menu bar's `title` menu opened and `entryText` chosen in it: two clicks.
    void menuBar(const QString& title, const QString& entryText) {
        ONLY_IF_OK();
        QMenuBar* bar = window_.menuBar();
        QAction* top = nullptr;
        for (QAction* a : bar->actions())
            if (plain(a->text()) == title)
                top = a;
        QVERIFY2(top != nullptr, qPrintable(title));
        QTest::mouseClick(bar, Qt::LeftButton, Qt::NoModifier, bar->actionGeometry(top).center());
        count(QStringLiteral("open menu ") + title);
        QTRY_VERIFY(top->menu()->isVisible());
        choose(top->menu(), {entryText});
    }

    // ---- dialogs ----
    // `fill` runs on the next modal dialog of type T, from inside its own event loop (exec()
    // only returns once the dialog is done).
    template <class T>
    void whenShown(std::function<void(T*)> fill) {
        auto* timer = new QTimer;
        timer->setInterval(10);
        QObject::connect(timer, &QTimer::timeout, [timer, fill] {
            QPointer<T> dialog = qobject_cast<T*>(QApplication::activeModalWidget());
            if (dialog == nullptr || !dialog->isVisible() || !dialog->isActiveWindow())
                return;  // the keyboard goes to it once it is the active window
            timer->stop();
            timer->deleteLater();
            fill(dialog);
            // A fill that failed leaves the dialog open: it goes, so exec() returns.
            if (dialog != nullptr && dialog->isVisible() && QTest::currentTestFailed())
                dialog->reject();
        });
        timer->start();
    }

    // ---- fields ----
    // A field's text replaced: a click in it, then the text typed over what it held.
    void fill(QLineEdit* edit, const QString& text, const QString& leave = QString()) {
        ONLY_IF_OK();
        QVERIFY2(edit != nullptr, qPrintable(text));
        reveal(edit);
        // Where the caret already waits (the editor put it there), the user just types.
        if (QApplication::focusWidget() != edit)
            click(edit, QPoint(), edit->objectName());
        type(edit, text, leave, !edit->text().isEmpty());
    }
    // Scrolls the widget's scroll area until it is in sight, when it is not: one action.
    void reveal(QWidget* widget) {
        ONLY_IF_OK();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        for (QWidget* p = widget->parentWidget(); p != nullptr; p = p->parentWidget()) {
            auto* area = qobject_cast<QScrollArea*>(p);
            if (area == nullptr)
                continue;
            // In sight when its rows are and its middle can be clicked (a form wider than the
            // dock clips at the right).
            const QRect inArea(widget->mapTo(area->viewport(), QPoint(0, 0)), widget->size());
            const QRect sight = area->viewport()->rect();
            if (inArea.top() >= sight.top() && inArea.bottom() <= sight.bottom() &&
                sight.contains(inArea.center()))
                return;
            area->ensureWidgetVisible(widget, 20, 60);
            count(QStringLiteral("scroll to ") + widget->objectName());
            return;
        }
    }

private:
    static QPoint centre(QWidget* widget) { return widget->rect().center(); }
    static QAction* entry(QMenu* menu, const QString& text) {
        for (QAction* a : menu->actions()) {
            if (!a->isVisible() || a->isSeparator())
                continue;
            const QString label = plain(a->text());
            if (label == text || label.startsWith(text + QStringLiteral("  (")))
                return a;
        }
        return nullptr;
    }
    static QString entries(QMenu* menu) {
        QStringList out;
        for (QAction* a : menu->actions())
            out << plain(a->text());
        return out.join(QStringLiteral(", "));
    }

public:
    void count(const QString& what) {
        ++actions_;
        log_ << what;
    }

private:
    MainWindow& window_;
    int actions_ = 0;
    QStringList log_;
};

// The window the story is drawn in, and where its widgets are.
struct Editor {
    MainWindow window{MainWindowOptions::unattended()};
    User user{window};

    // A story that failed leaves a picture of where it stopped.
    ~Editor() {
        if (QTest::currentTestFailed())
            screenshot(QString::fromLatin1(QTest::currentTestFunction()) +
                       QStringLiteral("-failed"));
    }
    Editor() {
        window.resize(1600, 1100);
        window.show();
        window.activateWindow();
        if (!QTest::qWaitForWindowActive(&window))
            qFatal("the window was not activated");
    }

    QWidget* canvas() const { return window.view()->viewport(); }
    // The inspector's form as it is now: it is rebuilt (queued) after a change that
    // changes its shape, so pending events go first.
    QWidget* inspector() const {
        QCoreApplication::processEvents();
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
        return dock != nullptr ? dock->widget() : nullptr;
    }
    template <class T = QWidget>
    T* field(const QString& name) const {
        return inspector()->findChild<T*>(name);
    }
    // The inspector's field whose name matches `pattern` ("nic\\..*\\.addresses").
    template <class T = QWidget>
    T* fieldMatching(const QString& pattern) const {
        const auto found = inspector()->findChildren<T*>(QRegularExpression(pattern));
        return found.isEmpty() ? nullptr : found.first();
    }

    // The card titled `title` as drawn now: the scene is rebuilt after a change, so what
    // is pending goes first and a card found before is not used after another step.
    CardItem* card(const QString& title) const {
        QCoreApplication::processEvents();
        for (CardItem* c : window.scene()->cards())
            if (c->content().title == title)
                return c;
        return nullptr;
    }
    SegmentItem* band(const QString& title) const {
        QCoreApplication::processEvents();
        for (SegmentItem* s : window.scene()->segments())
            if (s->title() == title)
                return s;
        return nullptr;
    }
    QPoint onCanvas(const QPointF& scenePoint) const {
        return window.view()->mapFromScene(scenePoint);
    }
    QPoint centreOf(CardItem* c) const { return onCanvas(c->sceneCardRect().center()); }

    // Brings `area` (scene coordinates) into sight with the mouse wheel when it is not:
    // Ctrl+wheel zooms out while it is larger than the canvas, the wheel scrolls (Shift:
    // sideways). One gesture, one action.
    void bringIntoView(const QRectF& area) {
        ONLY_IF_OK();
        const auto visible = [this] {
            return window.view()->mapToScene(canvas()->rect()).boundingRect();
        };
        const QRectF wanted = area.adjusted(-10, -10, 10, 10);
        if (visible().contains(wanted))
            return;
        const auto wheel = [this](int notches, Qt::KeyboardModifiers modifiers) {
            const QPointF at = canvas()->rect().center();
            QWheelEvent event(at, canvas()->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches),
                              Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
            QApplication::sendEvent(canvas(), &event);
        };
        for (int i = 0;
             i < 40 && (wanted.width() > visible().width() || wanted.height() > visible().height());
             ++i)
            wheel(-1, Qt::ControlModifier);
        for (int i = 0; i < 100 && wanted.bottom() > visible().bottom(); ++i)
            wheel(-1, Qt::NoModifier);
        for (int i = 0; i < 100 && wanted.top() < visible().top(); ++i)
            wheel(1, Qt::NoModifier);
        for (int i = 0; i < 100 && wanted.right() > visible().right(); ++i)
            wheel(-1, Qt::ShiftModifier);
        for (int i = 0; i < 100 && wanted.left() < visible().left(); ++i)
            wheel(1, Qt::ShiftModifier);
        QVERIFY2(visible().contains(wanted),
                 qPrintable(QStringLiteral("the wheel did not bring (%1,%2 %3x%4) into sight: "
                                           "(%5,%6 %7x%8) of (%9,%10 %11x%12)")
                                .arg(wanted.x())
                                .arg(wanted.y())
                                .arg(wanted.width())
                                .arg(wanted.height())
                                .arg(visible().x())
                                .arg(visible().y())
                                .arg(visible().width())
                                .arg(visible().height())
                                .arg(window.scene()->sceneRect().x())
                                .arg(window.scene()->sceneRect().y())
                                .arg(window.scene()->sceneRect().width())
                                .arg(window.scene()->sceneRect().height())));
        user.count(QStringLiteral("scroll the canvas"));
    }
    // A point of the band no card or link covers, where a drop lands on it.
    QPoint onBand(SegmentItem* s) const {
        const QRectF rect = s->sceneBandRect();
        for (qreal x = rect.right() - 6; x > rect.left(); x -= 6) {
            for (qreal y : {rect.center().y(), rect.top() + 6, rect.bottom() - 6}) {
                const QPoint at = onCanvas(QPointF(x, y));
                const QList<QGraphicsItem*> under = window.view()->items(at);
                if (!under.isEmpty() && under.first() == s)
                    return at;
            }
        }
        return onCanvas(rect.center());
    }

    // ---- steps a user takes, each a few actions ----

    // A palette entry double-clicked (found by its label): added beside or below the
    // drawing, selected with the keyboard on the canvas, so typing names it.
    void addFromPalette(const QString& label, const QString& name = QString()) {
        ONLY_IF_OK();
        STEP(addEntry(label));
        if (!name.isEmpty())
            user.type(window.view(), name, QStringLiteral("\n"));
    }
    // The same through the palette's search: `words` typed, Enter adds the one entry left.
    void searchPalette(const QString& words, const QString& name = QString()) {
        ONLY_IF_OK();
        auto* search = window.findChild<QLineEdit*>(QStringLiteral("paletteSearch"));
        STEP(showTab(QStringLiteral("Palette"), search));
        STEP(user.fill(search, words, QStringLiteral("\n")));
        if (!name.isEmpty())
            user.type(window.view(), name, QStringLiteral("\n"));
    }
    // A palette entry dragged onto a segment's band: the element lands beside it, connected.
    // Then its name is typed on the canvas and, once named, the proposed address typed over
    // in the inspector (`property`'s cell `row`, `column`); an empty address keeps it.
    void dropOnBand(const QString& label, const QString& segment, const QString& name,
                    const QString& address = QString(), const QString& property = QString(),
                    int row = 0, int column = 0) {
        ONLY_IF_OK();
        QTreeWidget* tree = nullptr;
        QTreeWidgetItem* item = nullptr;
        STEP(paletteEntry(label, &tree, &item));
        SegmentItem* s = band(segment);
        QVERIFY2(s != nullptr, qPrintable(segment));
        STEP(bringIntoView(s->sceneBandRect()));
        s = band(segment);
        tree->setCurrentItem(item);  // what the drag picks up: the palette's own drag data
        user.dragOnto(canvas(), onBand(s), tree->model()->mimeData({tree->currentIndex()}),
                      label + QStringLiteral(" onto ") + segment);
        if (!name.isEmpty())
            user.type(window.view(), name, QStringLiteral("\n"));
        if (!address.isEmpty())
            STEP(typeOverProposal(address, property, row, column));
    }
    // The palette shown, and its entry `label`.
    void paletteEntry(const QString& label, QTreeWidget** tree, QTreeWidgetItem** item) {
        ONLY_IF_OK();
        *tree = window.findChild<QTreeWidget*>(QStringLiteral("paletteTree"));
        *item = nullptr;
        for (int g = 0; g < (*tree)->topLevelItemCount(); ++g)
            for (int i = 0; i < (*tree)->topLevelItem(g)->childCount(); ++i)
                if ((*tree)->topLevelItem(g)->child(i)->text(0) == label)
                    *item = (*tree)->topLevelItem(g)->child(i);
        QVERIFY2(*item != nullptr, qPrintable(label));
        STEP(showTab(QStringLiteral("Palette"), *tree));
    }
    void addEntry(const QString& label) {
        ONLY_IF_OK();
        QTreeWidget* tree = nullptr;
        QTreeWidgetItem* item = nullptr;
        STEP(paletteEntry(label, &tree, &item));
        const QRect rect = tree->visualItemRect(item);
        QVERIFY2(!item->isHidden() && tree->viewport()->rect().contains(rect),
                 qPrintable(label + QStringLiteral(" is not in sight in the palette")));
        user.doubleClick(tree->viewport(), rect.center(), label);
    }

    // Drags the card's connect handle onto the band: the host or device joins the segment.
    void connectCard(const QString& title, const QString& segment) {
        ONLY_IF_OK();
        CardItem* c = card(title);
        SegmentItem* s = band(segment);
        QVERIFY2(c != nullptr && s != nullptr, qPrintable(title + QStringLiteral(" › ") + segment));
        STEP(bringIntoView(c->sceneCardRect().united(s->sceneBandRect())));
        c = card(title);
        s = band(segment);
        // Pointing at the card shows its handles (a selected card shows them anyway).
        user.point(canvas(), centreOf(c));
        QVERIFY2(c->handlesShown() || c->isSelected(), qPrintable(title));
        const QPoint from =
            onCanvas(c->mapToScene(c->handleRect(CardItem::Handle::Connect).center()));
        user.drag(canvas(), from, onBand(s), Qt::NoModifier,
                  title + QStringLiteral(" to ") + segment);
    }

    // Connects by dragging, then types `address` over the one proposed: after a connect the
    // inspector waits in that cell with its text selected, so typing replaces it. The
    // address lands in `property`'s cell (`row`, `column`).
    void connectCardWith(const QString& title, const QString& segment, const QString& address,
                         const QString& property, int row, int column) {
        ONLY_IF_OK();
        STEP(connectCard(title, segment));
        STEP(typeOverProposal(address, property, row, column));
    }
    // After a connection the inspector waits in the proposed address's cell, its text
    // selected: `address` typed replaces it, landing in `property`'s cell `row`, `column`.
    void typeOverProposal(const QString& address, const QString& property, int row, int column) {
        ONLY_IF_OK();
        QTRY_VERIFY2(table(property) != nullptr &&
                         table(property)->isAncestorOf(QApplication::focusWidget()),
                     qPrintable(property));
        user.type(table(property), address, QStringLiteral("\n"));
        QTRY_COMPARE(table(property)->item(row, column)->text(), address);
    }

    // Right-click on a card and a choice in its menu.
    void cardMenu(const QString& title, const QStringList& path) {
        ONLY_IF_OK();
        CardItem* c = card(title);
        QVERIFY2(c != nullptr, qPrintable(title));
        STEP(bringIntoView(c->sceneCardRect()));
        const QPoint at = onCanvas(c->mapToScene(QPointF(c->cardSize().width() / 2, 12)));
        user.choose(user.rightClick(canvas(), at, title), path);
    }
    // Right-click on the empty canvas and a choice in its menu.
    void canvasMenu(const QStringList& path) {
        ONLY_IF_OK();
        QPoint at;
        for (int y = canvas()->height() - 10; y > 0 && at.isNull(); y -= 20)
            for (int x = 10; x < canvas()->width() && at.isNull(); x += 20)
                if (window.view()->items(QPoint(x, y)).isEmpty())
                    at = QPoint(x, y);
        user.choose(user.rightClick(canvas(), at, QStringLiteral("the canvas")), path);
    }

    // An inspector table by its property ("nic\\..*\\.addresses" for a host's first NIC).
    QTableWidget* table(const QString& property) const {
        return fieldMatching<QTableWidget>(QStringLiteral("^%1\\.table$").arg(property));
    }
    // Edits one cell of an inspector table: a double-click opens its editor, the text is
    // typed over what it held, Enter. (A single click on a cell of the chosen row opens the
    // editor only after the double-click interval, and what is typed before that is lost.)
    void editCell(const QString& property, int row, int column, const QString& text) {
        editCells(property, row, column, {text});
    }
    // Edits cells of one row from `column` on, as a user tabs through them: the first
    // double-clicked, each value typed (over what the first held) and Tab to the next,
    // Enter after the last.
    void editCells(const QString& property, int row, int column, const QStringList& values) {
        ONLY_IF_OK();
        QTableWidget* cells = table(property);
        QVERIFY2(cells != nullptr, qPrintable(property));
        user.reveal(cells);
        const QRect rect = cells->visualRect(cells->model()->index(row, column));
        user.doubleClick(cells->viewport(), rect.center(), cells->objectName());
        for (int i = 0; i < values.size(); ++i) {
            const bool last = i + 1 == values.size();
            user.type(cells, values[i], last ? QStringLiteral("\n") : QStringLiteral("\t"), i == 0);
        }
        for (int i = 0; i < values.size(); ++i)
            QTRY_COMPARE(table(property)->item(row, column + i)->text(), values[i]);
    }
    // Ticks a check cell of an inspector table.
    void tickCell(const QString& property, int row, int column) {
        ONLY_IF_OK();
        QTableWidget* cells = table(property);
        QVERIFY2(cells != nullptr, qPrintable(property));
        user.reveal(cells);
        const QRect rect = cells->visualRect(cells->model()->index(row, column));
        // The check box sits at the cell's left, after the margin.
        user.click(cells->viewport(), QPoint(rect.left() + 12, rect.center().y()),
                   cells->objectName());
    }
    // A table's Add button, then the new row's first cell typed (the cursor waits there).
    void addRow(const QString& property, const QString& text) {
        ONLY_IF_OK();
        auto* add = fieldMatching<QToolButton>(QStringLiteral("^%1\\.add$").arg(property));
        QVERIFY2(add != nullptr, qPrintable(property));
        user.reveal(add);
        user.click(add, QPoint(), add->objectName());
        user.type(table(property), text, QStringLiteral("\n"));
    }
    // A field of the inspector filled in (click, type over).
    void set(const QString& property, const QString& text, const QString& leave = QString()) {
        ONLY_IF_OK();
        auto* edit = field<QLineEdit>(property);
        QVERIFY2(edit != nullptr, qPrintable(property));
        user.fill(edit, text, leave);
    }
    // A field filled in, then Tab on to `next` in the same key sequence.
    void setAndTab(const QString& property, const QString& text, const QString& next) {
        ONLY_IF_OK();
        auto* edit = field<QLineEdit>(property);
        QVERIFY2(edit != nullptr, qPrintable(property));
        user.reveal(edit);
        if (QApplication::focusWidget() != edit)
            user.click(edit, QPoint(), property);
        QVERIFY2(user.typeAndTab(edit, text, field(next), !edit->text().isEmpty()),
                 qPrintable(next + QStringLiteral(" is not a few Tabs on")));
    }
    // The design's name and description, in the inspector File › New shows.
    void describe(const QString& name, const QString& description) {
        ONLY_IF_OK();
        STEP(setAndTab(QStringLiteral("designName"), name, QStringLiteral("designDescription")));
        user.type(field(QStringLiteral("designDescription")), description);
    }
    // The organisation's accepted domain: the canvas menu's Add Accepted Domain…, Enter
    // for the domain it offers (example.com in a new design).
    void addAcceptedDomain() {
        ONLY_IF_OK();
        user.whenShown<QInputDialog>([this](QInputDialog*) { user.key(Qt::Key_Return); });
        canvasMenu({QStringLiteral("Add Accepted Domain…")});
    }
    // ---- the Design panel ----
    QTreeWidget* tree() const {
        return window.findChild<QTreeWidget*>(QStringLiteral("designTree"));
    }
    // Whether `widget` can be seen: a dock behind another's tab is moved out of the window.
    bool inSight(QWidget* widget) const {
        return widget->isVisible() && !widget->visibleRegion().isEmpty();
    }
    // Brings a dock forward by its tab ("Design", "Palette") when it is behind another.
    void showTab(const QString& title, QWidget* inside) {
        ONLY_IF_OK();
        if (inSight(inside))
            return;
        for (QTabBar* tabs : window.findChildren<QTabBar*>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->tabText(i) == title && inSight(tabs)) {
                    user.click(tabs, tabs->tabRect(i).center(),
                               QStringLiteral("the %1 tab").arg(title));
                    QTRY_VERIFY(inSight(inside));
                    return;
                }
            }
        }
        QFAIL(qPrintable(QStringLiteral("no %1 tab").arg(title)));
    }
    void showDesignPanel() { showTab(QStringLiteral("Design"), tree()); }
    // The row of the Design panel showing `text` (an element's name, a zone's origin), in
    // the category whose title starts with `category` when given ("Send connectors").
    QTreeWidgetItem* treeRow(const QString& text, const QString& category = QString()) const {
        for (QTreeWidgetItem* row :
             tree()->findItems(text, Qt::MatchExactly | Qt::MatchRecursive)) {
            QTreeWidgetItem* top = row;
            while (top->parent() != nullptr)
                top = top->parent();
            if (category.isEmpty() || top->text(0).startsWith(category))
                return row;
        }
        return nullptr;
    }
    QPoint onTree(QTreeWidgetItem* row) const {
        tree()->scrollToItem(row);
        return tree()->visualItemRect(row).center();
    }
    void chooseInTree(const QString& text, const QString& category = QString()) {
        ONLY_IF_OK();
        STEP(showDesignPanel());
        QTreeWidgetItem* row = treeRow(text, category);
        QVERIFY2(row != nullptr, qPrintable(text));
        user.click(tree()->viewport(), onTree(row), text);
    }
    void treeMenu(const QString& text, const QStringList& path) {
        ONLY_IF_OK();
        STEP(showDesignPanel());
        QTreeWidgetItem* row = treeRow(text);
        QVERIFY2(row != nullptr, qPrintable(text));
        user.choose(user.rightClick(tree()->viewport(), onTree(row), text), path);
    }
    // DNS records added to the zone: its row's menu, Add › DNS record…, the records typed
    // one a line, OK.
    void addRecords(const QString& zone, const QStringList& records) {
        ONLY_IF_OK();
        user.whenShown<QInputDialog>([this, records](QInputDialog* dialog) {
            auto* text = dialog->findChild<QPlainTextEdit*>();
            QVERIFY(text != nullptr);
            user.type(text, records.join(QLatin1Char('\n')));
            QPushButton* ok = nullptr;
            for (QPushButton* button : dialog->findChildren<QPushButton*>())
                if (plain(button->text()) == QStringLiteral("OK"))
                    ok = button;
            user.click(ok, QPoint(), QStringLiteral("OK"));
        });
        treeMenu(zone, {QStringLiteral("Add"), QStringLiteral("DNS record…")});
    }

    // A click on the card's header: it is selected and inspected.
    void selectCard(const QString& title) {
        ONLY_IF_OK();
        CardItem* c = card(title);
        QVERIFY2(c != nullptr, qPrintable(title));
        STEP(bringIntoView(c->sceneCardRect()));
        user.click(canvas(), onCanvas(c->mapToScene(QPointF(c->cardSize().width() - 30, 14))),
                   title);
    }
    // A default route on the device: its card's Add › Route…, Enter for the default
    // destination (0.0.0.0/0, through its gateway).
    void addRoute(const QString& title) {
        ONLY_IF_OK();
        user.whenShown<QInputDialog>([this](QInputDialog*) { user.key(Qt::Key_Return); });
        cardMenu(title, {QStringLiteral("Add"), QStringLiteral("Route…")});
    }
    // A several-line field (RemoteIPRanges) filled in: a click, its text typed over.
    void setLines(const QString& property, const QString& text) {
        ONLY_IF_OK();
        auto* edit = field<QPlainTextEdit>(property);
        QVERIFY2(edit != nullptr, qPrintable(property));
        user.reveal(edit);
        user.click(edit, QPoint(), property);
        user.type(edit, text, QString(), !edit->toPlainText().isEmpty());
    }
    void tick(const QString& property) {
        ONLY_IF_OK();
        auto* box = field<QCheckBox>(property);
        QVERIFY2(box != nullptr, qPrintable(property));
        user.reveal(box);
        user.click(box, QPoint(8, box->height() / 2), property);
    }

    // "Trace from Here…" on the host's card; then what differs from what the form holds
    // (MAIL FROM starts as a new flow from the host would send, the rest as last typed),
    // typed from To:, where the cursor waits, tabbing on or clicking to the next field; a
    // name when the default one ("FROM to TO") is not it; Save as Flow.
    void traceAndSave(const QString& host, const QString& target, const QString& mailFrom,
                      const QString& rcptTo, const QString& name = QString()) {
        ONLY_IF_OK();
        STEP(cardMenu(host, {QStringLiteral("Trace from Here…")}));
        TraceDialog* dialog = window.traceDialog();
        QVERIFY(dialog != nullptr);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        // What differs from what the form holds, in the form's order.
        QList<QPair<QWidget*, QString>> fields;
        if (dialog->targetBox()->currentText() != target)
            fields.append({dialog->targetBox(), target});
        if (dialog->mailFromEdit()->text() != mailFrom)
            fields.append({dialog->mailFromEdit(), mailFrom});
        if (dialog->rcptEdit()->text() != rcptTo)
            fields.append({dialog->rcptEdit(), rcptTo});
        if (!name.isEmpty() && dialog->nameEdit()->text() != name)
            fields.append({dialog->nameEdit(), name});
        bool there = false;  // the keyboard is in the field to fill in
        for (int i = 0; i < fields.size(); ++i) {
            QWidget* field = fields[i].first;
            QWidget* focus = QApplication::focusWidget();
            if (!there && focus != field && !field->isAncestorOf(focus))
                STEP(user.click(field, QPoint(), field->objectName()));
            if (i + 1 < fields.size())
                there = user.typeAndTab(field, fields[i].second, fields[i + 1].first, true);
            else
                STEP(user.type(field, fields[i].second, QString(), true));
            if (QTest::currentTestFailed())
                return;
        }
        STEP(user.click(dialog->saveButton(), QPoint(), QStringLiteral("Save as Flow")));
        QVERIFY2(dialog->problems().isEmpty(), qPrintable(dialog->problems()));
    }

    // File › Save As, the path typed in the file dialog, Enter.
    void saveAs(const QString& path) {
        ONLY_IF_OK();
        QFile::remove(path);
        user.whenShown<QFileDialog>([this, path](QFileDialog* dialog) {
            auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            QVERIFY(name != nullptr);
            QTRY_VERIFY(name->hasFocus());
            user.type(name, path, QStringLiteral("\n"), true);
        });
        user.menuBar(QStringLiteral("File"), QStringLiteral("Save As…"));
        QTRY_VERIFY2_WITH_TIMEOUT(QFileInfo::exists(path), qPrintable(path), 5000);
    }

    // A picture of the window, kept in the test's build folder to look at.
    void screenshot(const QString& name) {
        window.grab().save(QDir::current().filePath(name + QStringLiteral(".png")));
    }
};

QJsonDocument runCli(const QStringList& args) {
    const auto run =
        mailtopo::testing::runProcess(QStringLiteral(MAILTOPO_CLI_PATH), args, QDir::currentPath());
    if (run.exitCode != 0 && run.exitCode != 1)
        qWarning("mailtopo-cli %s: exit %d\n%s", qPrintable(args.join(QLatin1Char(' '))),
                 run.exitCode, run.err.constData());
    return QJsonDocument::fromJson(run.out);
}

// What tests/stories/check_design.py checks, on the design the user saved: the rule ids
// `validate --format json` reports, and for every flow `trace --all-flows --format json`
// ends, its disposition and facts ("NAME=DISPOSITION[; source=IP][; seen=IP][; origin=IP]
// [; code=N][; hops=N][; connector=NAME]"). A connector is named by its name: the editor gives
// ids of its own (the CLI made "Fax 10.0.0.100" with that name, the editor names it after).
void expectVerdict(const QString& path, QStringList findings, const QStringList& flowSpecs) {
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QHash<QString, QString> connectorNames;
    const QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue c : saved.value(QStringLiteral("receiveConnectors")).toArray())
        connectorNames.insert(c.toObject().value(QStringLiteral("id")).toString(),
                              c.toObject().value(QStringLiteral("name")).toString());

    const QJsonDocument report =
        runCli({QStringLiteral("validate"), path, QStringLiteral("--format"),
                QStringLiteral("json"), QStringLiteral("--fail-on"), QStringLiteral("never")});
    QStringList found;
    QStringList messages;
    for (const QJsonValue f : report.object().value(QStringLiteral("findings")).toArray()) {
        found << f.toObject().value(QStringLiteral("rule")).toString();
        messages << found.last() + QStringLiteral(": ") +
                        f.toObject().value(QStringLiteral("message")).toString();
    }
    found.sort();
    findings.sort();
    QVERIFY2(found == findings, qPrintable(QStringLiteral("%1: findings %2, expected %3\n%4")
                                               .arg(path, found.join(QLatin1Char(' ')),
                                                    findings.join(QLatin1Char(' ')),
                                                    messages.join(QLatin1Char('\n')))));

    QHash<QString, QJsonObject> traces;
    for (const QJsonValue t : runCli({QStringLiteral("trace"), path, QStringLiteral("--all-flows"),
                                      QStringLiteral("--format"), QStringLiteral("json")})
                                  .array())
        traces.insert(t.toObject().value(QStringLiteral("flowName")).toString(), t.toObject());
    QCOMPARE(traces.size(), flowSpecs.size());  // every flow is one the story expects
    for (const QString& spec : flowSpecs) {
        const QString name = spec.section(QLatin1Char('='), 0, 0);
        const QStringList words = spec.section(QLatin1Char('='), 1).split(QStringLiteral("; "));
        QVERIFY2(
            traces.contains(name),
            qPrintable(QStringLiteral("no flow '%1' in %2").arg(name, traces.keys().join(", "))));
        const QJsonObject trace = traces.value(name);
        const QJsonObject disposition = trace.value(QStringLiteral("disposition")).toObject();
        QVERIFY2(disposition.value(QStringLiteral("kind")).toString() == words.first(),
                 qPrintable(QStringLiteral("%1: %2 (%3), expected %4")
                                .arg(name, disposition.value(QStringLiteral("kind")).toString(),
                                     disposition.value(QStringLiteral("text")).toString(),
                                     words.first())));
        const QJsonArray hops = trace.value(QStringLiteral("hops")).toArray();
        const QJsonObject first = hops.first().toObject();
        const QJsonObject last = hops.last().toObject();
        const QHash<QString, QString> facts{
            {QStringLiteral("source"), first.value(QStringLiteral("chosenSource")).toString()},
            {QStringLiteral("seen"), last.value(QStringLiteral("seenSource")).toString()},
            {QStringLiteral("origin"), last.value(QStringLiteral("originatingIp")).toString()},
            {QStringLiteral("code"),
             disposition.contains(QStringLiteral("smtpCode"))
                 ? QString::number(disposition.value(QStringLiteral("smtpCode")).toInt())
                 : QString()},
            {QStringLiteral("hops"), QString::number(hops.size())},
            {QStringLiteral("connector"),
             connectorNames.value(last.value(QStringLiteral("receiveConnector")).toString())},
        };
        for (const QString& fact : words.mid(1)) {
            const QString key = fact.section(QLatin1Char('='), 0, 0);
            QVERIFY2(facts.contains(key), qPrintable(fact));
            QVERIFY2(facts.value(key) == fact.section(QLatin1Char('='), 1),
                     qPrintable(QStringLiteral("%1: %2, expected %3")
                                    .arg(name, key + QLatin1Char('=') + facts.value(key), fact)));
        }
    }
}

QString storyPath(const QString& name) {
    return QDir::current().absoluteFilePath(name + QStringLiteral(".mailtopo"));
}

}  // namespace

class TstBuildFromBlank : public QObject {
    Q_OBJECT

private:
    // Prints the story's actions, one a line, and checks them against its budget.
    static void report(const QString& story, const User& user) {
        const int budget = kBudget;
        qInfo("%s: %d actions (budget %d)", qPrintable(story), user.actions(), budget);
        for (int i = 0; i < user.log().size(); ++i)
            qInfo("  %2d %s", i + 1, qPrintable(user.log()[i]));
        QVERIFY2(user.actions() <= budget,
                 qPrintable(QStringLiteral("%1 took %2 actions, more than %3")
                                .arg(story)
                                .arg(user.actions())
                                .arg(budget)));
    }

private slots:
    // Story 1: EX13's NIC got a second address for the fax connector; outbound mail leaves
    // from it and both are registered (R2, R3). The fix: SkipAsSource on 10.0.0.100.
    void story1TwoAddressesOnOneNic() {
        Editor e;
        User& u = e.user;
        STEP(u.menuBar(QStringLiteral("File"), QStringLiteral("New")));
        STEP(e.describe(QStringLiteral("Story 1: two addresses on one NIC"),
                        QStringLiteral("EX13 got a second address for a fax connector; outbound "
                                       "mail now leaves from it (R2) and both addresses are in "
                                       "DNS (R3).")));
        STEP(e.addAcceptedDomain());

        // The internet, the server LAN (10.0.0.0/24 offered), the firewall between them.
        // The internet keeps its name: its subnets (offered) wait to be typed over.
        STEP(e.addFromPalette(QStringLiteral("Internet")));
        STEP(u.type(e.field(QStringLiteral("subnets")),
                    QStringLiteral("198.51.100.0/24, 203.0.113.0/24")));
        STEP(e.addFromPalette(QStringLiteral("LAN segment"), QStringLiteral("Servers")));
        STEP(e.addFromPalette(QStringLiteral("Firewall")));
        // Outside 198.51.100.1 with the default route out of it; inside 10.0.0.1.
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("Internet")));
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("Servers")));
        STEP(e.cardMenu(QStringLiteral("FW01"),
                        {QStringLiteral("Add"), QStringLiteral("Firewall rule")}));

        // EX13: 10.0.0.200 first, then 10.0.0.100 for the fax connector.
        STEP(e.addFromPalette(QStringLiteral("Exchange 2013 CAS + Mailbox"),
                              QStringLiteral("EX13")));
        STEP(e.set(QStringLiteral("fqdn"), QStringLiteral("ex13.example.com")));
        STEP(e.connectCardWith(QStringLiteral("EX13"), QStringLiteral("Servers"),
                               QStringLiteral("10.0.0.200"), kFirstNicAddresses, 0, 0));
        STEP(e.addRow(kFirstNicAddresses, QStringLiteral("10.0.0.100")));
        // Mail leaves as 198.51.100.25, for 10.0.0.200 (the Exchange server's address, offered).
        STEP(e.cardMenu(QStringLiteral("FW01"), {QStringLiteral("Add"), QStringLiteral("NAT rule"),
                                                 QStringLiteral("Outbound NAT (mail egress)")}));
        STEP(e.editCell(QStringLiteral("outboundNat"), 0, 3, QStringLiteral("198.51.100.25")));

        // The fax server submits to 10.0.0.100:25 only; its connector is bound there.
        STEP(e.addFromPalette(QStringLiteral("Application client"), QStringLiteral("FAX")));
        STEP(e.setAndTab(QStringLiteral("submitTo"), QStringLiteral("10.0.0.100:25"),
                         QStringLiteral("mailFrom")));
        STEP(u.type(e.field(QStringLiteral("mailFrom")), QStringLiteral("fax@example.com")));
        STEP(e.connectCardWith(QStringLiteral("FAX"), QStringLiteral("Servers"),
                               QStringLiteral("10.0.0.60"), kFirstNicAddresses, 0, 0));
        // The relay template lists FAX, which submits to EX13, in RemoteIPRanges.
        STEP(e.cardMenu(QStringLiteral("EX13"),
                        {QStringLiteral("Add"), QStringLiteral("Receive connector"),
                         QStringLiteral("Application relay (anonymous + Accept-Any-Recipient)")}));
        STEP(e.setAndTab(QStringLiteral("name"), QStringLiteral("Fax 10.0.0.100"),
                         QStringLiteral("bindings")));
        STEP(u.type(e.field(QStringLiteral("bindings")), QStringLiteral("10.0.0.100:25"), QString(),
                    true));

        // The flows: EX13 sends to the internet; FAX submits to its connector.
        STEP(e.traceAndSave(QStringLiteral("EX13"), QStringLiteral("203.0.113.25"),
                            QStringLiteral("user@example.com"),
                            QStringLiteral("partner@example.net")));
        STEP(e.traceAndSave(QStringLiteral("FAX"), QStringLiteral("10.0.0.100"),
                            QStringLiteral("fax@example.com"), QStringLiteral("user@example.com")));

        const QString path = storyPath(QStringLiteral("story1-two-ip-skipassource"));
        STEP(e.saveAs(path));
        e.screenshot(QStringLiteral("story1-two-ip-skipassource"));
        STEP(report(QStringLiteral("story 1"), u));
        STEP(expectVerdict(
            path, {QStringLiteral("multi-a-registration"), QStringLiteral("source-ip-drift")},
            {QStringLiteral("EX13 to 203.0.113.25=delivered; source=10.0.0.100"),
             QStringLiteral("FAX to 10.0.0.100=delivered; connector=Fax 10.0.0.100")}));

        // The fix: SkipAsSource on 10.0.0.100. 10.0.0.200 is the source again and the only
        // address in DNS; the fax connector still answers on 10.0.0.100 (R7).
        const int built = u.actions();
        STEP(e.selectCard(QStringLiteral("EX13")));
        STEP(e.tickCell(kFirstNicAddresses, 1, 2));
        const QString fixed = storyPath(QStringLiteral("story1-two-ip-skipassource-fixed"));
        STEP(e.saveAs(fixed));
        qInfo("story 1, the fix: %d more actions", u.actions() - built);
        STEP(expectVerdict(
            fixed, {},
            {QStringLiteral("EX13 to 203.0.113.25=delivered; source=10.0.0.200"),
             QStringLiteral("FAX to 10.0.0.100=delivered; connector=Fax 10.0.0.100")}));
    }

    // Story 2: EX01 delivers straight from the firewall's leased address, whose PTR is the
    // ISP's dynamic-looking name (R38). The fix: send through the ISP relay (R28, R29).
    void story2SmartHost() {
        Editor e;
        User& u = e.user;
        STEP(u.menuBar(QStringLiteral("File"), QStringLiteral("New")));
        STEP(e.describe(
            QStringLiteral("Story 2: sending through a smart host"),
            QStringLiteral("EX01 delivers directly from the firewall's leased "
                           "address; receivers that block dynamic addresses refuse "
                           "it (R38). The fix sends through the ISP relay (R28, R29).")));
        STEP(e.addAcceptedDomain());

        // The internet (its documentation ranges are the story's), LAN01 10.0.0.0/24, the
        // firewall: outside 198.51.100.1, leased from the ISP, with its default route.
        STEP(e.addFromPalette(QStringLiteral("Internet")));
        STEP(e.addFromPalette(QStringLiteral("LAN segment")));
        STEP(e.addFromPalette(QStringLiteral("Firewall")));
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("Internet")));
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("LAN01")));
        STEP(e.cardMenu(QStringLiteral("FW01"),
                        {QStringLiteral("Add"), QStringLiteral("Firewall rule")}));
        STEP(e.addFromPalette(QStringLiteral("Exchange 2016 Mailbox")));
        STEP(e.connectCard(QStringLiteral("EX01"), QStringLiteral("LAN01")));  // 10.0.0.2
        // Port forwarding: the one public address, port 25, to EX01 (offered).
        STEP(e.cardMenu(QStringLiteral("FW01"), {QStringLiteral("Add"), QStringLiteral("NAT rule"),
                                                 QStringLiteral("Inbound NAT (publish SMTP)")}));
        STEP(
            e.typeOverProposal(QStringLiteral("198.51.100.1"), QStringLiteral("inboundNat"), 0, 2));
        STEP(e.canvasMenu(
            {QStringLiteral("Add Send Connector"), QStringLiteral("Internet (MX lookup)")}));

        // The ISP's SMTP server relays for its customers' addresses. Its address first:
        // joining the internet then keeps it, and routes out on-link.
        STEP(e.addFromPalette(QStringLiteral("Smart host"), QStringLiteral("ISP-RELAY")));
        STEP(e.set(QStringLiteral("fqdn"), QStringLiteral("smtp.isp.example")));
        STEP(e.setAndTab(QStringLiteral("relayFrom"), QStringLiteral("198.51.100.0/24"),
                         QStringLiteral("nextHops")));
        STEP(u.type(e.field(QStringLiteral("nextHops")), QStringLiteral("203.0.113.25")));
        STEP(e.connectCardWith(QStringLiteral("ISP-RELAY"), QStringLiteral("Internet"),
                               QStringLiteral("192.0.2.10"), kFirstNicAddresses, 0, 0));

        // The company's DNS (example.com. offered), and the ISP's PTR for the leased address.
        STEP(e.addFromPalette(QStringLiteral("DNS zone")));
        STEP(e.addRecords(QStringLiteral("example.com."),
                          {QStringLiteral("@ 86400 MX 10 mail.example.com."),
                           QStringLiteral("mail 86400 A 198.51.100.1"),
                           QStringLiteral("@ TXT \"v=spf1 mx -all\"")}));
        STEP(e.addFromPalette(QStringLiteral("DNS zone")));
        // A new zone's origin (offered) waits, selected, to be typed over.
        STEP(u.type(e.field(QStringLiteral("origin")), QStringLiteral("100.51.198.in-addr.arpa.")));
        STEP(e.addRecords(QStringLiteral("100.51.198.in-addr.arpa."),
                          {QStringLiteral("1 3600 PTR dsl-198-51-100-1.dyn.isp.example.")}));

        STEP(e.traceAndSave(QStringLiteral("EX01"), QStringLiteral("203.0.113.25"),
                            QStringLiteral("user@example.com"),
                            QStringLiteral("partner@example.net"),
                            QStringLiteral("EX01 to example.net")));
        const QString path = storyPath(QStringLiteral("story2-smart-host"));
        STEP(e.saveAs(path));
        e.screenshot(QStringLiteral("story2-smart-host"));
        STEP(report(QStringLiteral("story 2"), u));
        STEP(expectVerdict(path, {QStringLiteral("duhl-policy")},
                           {QStringLiteral("EX01 to example.net=delivered; hops=1")}));

        // The fix: the send connector uses the ISP relay as its smart host and the flow
        // follows it; the SPF record authorises the relay too (R29).
        const int built = u.actions();
        STEP(e.chooseInTree(QStringLiteral("Internet"), QStringLiteral("Send connectors")));
        STEP(e.tick(QStringLiteral("dnsRoutingEnabled")));
        STEP(e.set(QStringLiteral("smartHosts"), QStringLiteral("192.0.2.10")));
        STEP(e.chooseInTree(QStringLiteral("EX01 to example.net")));
        STEP(e.set(QStringLiteral("destination"), QStringLiteral("ISP-RELAY")));
        STEP(e.chooseInTree(QStringLiteral("example.com.")));
        STEP(e.editCell(QStringLiteral("records"), 2, 3,
                        QStringLiteral("\"v=spf1 mx ip4:192.0.2.10 -all\"")));
        const QString fixed = storyPath(QStringLiteral("story2-smart-host-fixed"));
        STEP(e.saveAs(fixed));
        qInfo("story 2, the fix: %d more actions", u.actions() - built);
        STEP(expectVerdict(fixed, {QStringLiteral("duhl-policy")},
                           {QStringLiteral("EX01 to example.net=delivered; hops=2")}));
    }

    // Story 3: applications behind the firewall submit to the load balancer's VIP, which
    // hides them behind its SNAT address; the relay connector trusts that address, so every
    // host that reaches the VIP relays (R9, R40). (The fix, DSR with a KM-TEST loopback
    // adapter on EX16, is a dozen more steps and not drawn here.)
    void story3SnatVersusDsr() {
        Editor e;
        User& u = e.user;
        STEP(u.menuBar(QStringLiteral("File"), QStringLiteral("New")));
        STEP(e.describe(QStringLiteral("Story 3: SNAT vs DSR behind a firewall"),
                        QStringLiteral("Clients behind the firewall submit to VIP 10.0.0.50. With "
                                       "SNAT the relay connector can only trust the load "
                                       "balancer (R9, R40); with DSR it sees each client (R11, "
                                       "R14).")));
        STEP(e.addAcceptedDomain());

        // The server LAN (10.0.0.0/24 offered) and the client VLAN, the firewall between
        // them, each leg in its own zone: its least trusted one becomes the clients' zone.
        STEP(e.addFromPalette(QStringLiteral("LAN segment"), QStringLiteral("Servers")));
        // Once named, a new segment's subnet (offered) waits to be typed over.
        STEP(e.addFromPalette(QStringLiteral("LAN segment"), QStringLiteral("Clients")));
        STEP(u.type(e.field(QStringLiteral("subnets")), QStringLiteral("10.0.3.0/24")));
        STEP(e.addFromPalette(QStringLiteral("Firewall")));
        STEP(e.editCells(QStringLiteral("zones"), 0, 0,
                         {QStringLiteral("clients"), QStringLiteral("50")}));
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("Clients")));  // 10.0.3.1
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("Servers")));  // 10.0.0.1
        STEP(e.cardMenu(QStringLiteral("FW01"),
                        {QStringLiteral("Add"), QStringLiteral("Firewall rule")}));

        // EX16, and a one-arm load balancer: self address 10.0.0.5, VIP 10.0.0.50:25 in SNAT
        // mode (its SNAT address the self address, offered), a route back to the clients.
        STEP(e.dropOnBand(QStringLiteral("Exchange 2016 Mailbox"), QStringLiteral("Servers"),
                          QStringLiteral("EX16"), QStringLiteral("10.0.0.20"), kFirstNicAddresses));
        STEP(e.set(QStringLiteral("fqdn"), QStringLiteral("ex16.example.com")));
        STEP(e.addFromPalette(QStringLiteral("Load balancer")));
        STEP(e.connectCardWith(QStringLiteral("LB01"), QStringLiteral("Servers"),
                               QStringLiteral("10.0.0.5/24"), QStringLiteral("interfaces"), 0, 3));
        STEP(e.cardMenu(QStringLiteral("LB01"), {QStringLiteral("Add"), QStringLiteral("VIP")}));
        STEP(e.typeOverProposal(QStringLiteral("10.0.0.50"), QStringLiteral("vips"), 0, 2));
        STEP(e.addRoute(QStringLiteral("LB01")));

        // The application server that may relay, and an ordinary workstation.
        STEP(e.dropOnBand(QStringLiteral("Application client"), QStringLiteral("Clients"),
                          QStringLiteral("APP"), QStringLiteral("10.0.3.60"), kFirstNicAddresses));
        STEP(e.setAndTab(QStringLiteral("submitTo"), QStringLiteral("10.0.0.50:25"),
                         QStringLiteral("mailFrom")));
        STEP(u.type(e.field(QStringLiteral("mailFrom")), QStringLiteral("app@example.com")));
        STEP(e.dropOnBand(QStringLiteral("Application client"), QStringLiteral("Clients"),
                          QStringLiteral("WS77"), QStringLiteral("10.0.3.77"), kFirstNicAddresses));

        // The relay connector trusts what EX16 sees: the SNAT address.
        STEP(e.cardMenu(QStringLiteral("EX16"),
                        {QStringLiteral("Add"), QStringLiteral("Receive connector"),
                         QStringLiteral("Application relay (anonymous + Accept-Any-Recipient)")}));
        STEP(e.setLines(QStringLiteral("remoteIpRanges"), QStringLiteral("10.0.0.5")));

        // Each flow keeps the name the form gives it ("APP to VIP01").
        STEP(e.traceAndSave(QStringLiteral("APP"), QStringLiteral("10.0.0.50"),
                            QStringLiteral("app@example.com"),
                            QStringLiteral("partner@example.net")));
        STEP(e.traceAndSave(QStringLiteral("WS77"), QStringLiteral("10.0.0.50"),
                            QStringLiteral("sender@example.net"),
                            QStringLiteral("partner@example.net")));
        const QString path = storyPath(QStringLiteral("story3-snat-vs-dsr"));
        STEP(e.saveAs(path));
        e.screenshot(QStringLiteral("story3-snat-vs-dsr"));
        STEP(report(QStringLiteral("story 3"), u));
        STEP(expectVerdict(
            path, {QStringLiteral("client-ip-hidden-by-snat"), QStringLiteral("relay-via-lb-snat")},
            {QStringLiteral("APP to SMTP=relayed; seen=10.0.0.5"),
             QStringLiteral("WS77 to SMTP=relayed; seen=10.0.0.5")}));
    }

    // Story 4: the gateway GW forwards internet mail to EX16, but InternalSMTPServers lists
    // only EX16: anti-spam judges GW instead of the sender, the block list never matches
    // (R30, R31). The fix: GW joins InternalSMTPServers.
    void story4GatewayInternalSmtpServers() {
        Editor e;
        User& u = e.user;
        STEP(u.menuBar(QStringLiteral("File"), QStringLiteral("New")));
        STEP(e.describe(QStringLiteral("Story 4: a mail gateway in front of Exchange"),
                        QStringLiteral("GW filters internet mail and forwards it to EX16; "
                                       "InternalSMTPServers lists only EX16, so anti-spam judges "
                                       "GW instead of the sender (R30).")));
        STEP(e.addAcceptedDomain());
        STEP(e.set(QStringLiteral("internalSmtpServers"), QStringLiteral("10.0.0.20")));

        // The internet keeps its name: its subnets (offered) wait to be typed over.
        STEP(e.addFromPalette(QStringLiteral("Internet")));
        STEP(u.type(e.field(QStringLiteral("subnets")),
                    QStringLiteral("198.51.100.0/24, 192.0.2.0/24")));
        STEP(e.addFromPalette(QStringLiteral("LAN segment")));
        STEP(e.addFromPalette(QStringLiteral("Firewall")));
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("Internet")));
        STEP(e.connectCard(QStringLiteral("FW01"), QStringLiteral("LAN01")));
        STEP(e.cardMenu(QStringLiteral("FW01"),
                        {QStringLiteral("Add"), QStringLiteral("Firewall rule")}));

        // EX16 with the anti-spam agents and a sender on its block list.
        STEP(e.dropOnBand(QStringLiteral("Exchange 2016 Mailbox"), QStringLiteral("LAN01"),
                          QStringLiteral("EX16"), QStringLiteral("10.0.0.20"), kFirstNicAddresses));
        STEP(e.tick(QStringLiteral("antiSpamAgents")));
        STEP(e.set(QStringLiteral("ipBlockList"), QStringLiteral("192.0.2.66")));
        // The gateway accepts example.com and forwards everything to EX16.
        STEP(e.dropOnBand(QStringLiteral("Mail gateway"), QStringLiteral("LAN01"),
                          QStringLiteral("GW"), QStringLiteral("10.0.0.40"), kFirstNicAddresses));
        STEP(e.setAndTab(QStringLiteral("localDomains"), QStringLiteral("example.com"),
                         QStringLiteral("nextHops")));
        STEP(u.type(e.field(QStringLiteral("nextHops")), QStringLiteral("10.0.0.20:25")));
        // The MX address, published to the gateway (offered).
        STEP(e.cardMenu(QStringLiteral("FW01"), {QStringLiteral("Add"), QStringLiteral("NAT rule"),
                                                 QStringLiteral("Inbound NAT (publish SMTP)")}));
        STEP(e.typeOverProposal(QStringLiteral("198.51.100.25"), QStringLiteral("inboundNat"), 0,
                                2));

        // A sender whose domain's SPF authorises it, and a spam source, dropped on the
        // internet: the address typed over the proposed one, their way out follows it
        // (on-link, edit::followNicAddresses).
        STEP(e.dropOnBand(QStringLiteral("Internet sender"), QStringLiteral("Internet"),
                          QStringLiteral("mail.example.org"), QStringLiteral("192.0.2.25"),
                          kFirstNicAddresses));
        STEP(e.set(QStringLiteral("mailFrom"), QStringLiteral("sender@example.org")));
        STEP(e.dropOnBand(QStringLiteral("Internet sender"), QStringLiteral("Internet"),
                          QStringLiteral("SPAMMER"), QStringLiteral("192.0.2.66"),
                          kFirstNicAddresses));
        STEP(e.set(QStringLiteral("mailFrom"), QStringLiteral("offers@example.net")));
        STEP(e.addFromPalette(QStringLiteral("DNS zone")));
        // A new zone's origin (offered) waits, selected, to be typed over.
        STEP(u.type(e.field(QStringLiteral("origin")), QStringLiteral("example.org.")));
        STEP(e.addRecords(QStringLiteral("example.org."),
                          {QStringLiteral("@ TXT \"v=spf1 ip4:192.0.2.25 -all\"")}));

        STEP(e.traceAndSave(QStringLiteral("mail.example.org"), QStringLiteral("198.51.100.25"),
                            QStringLiteral("sender@example.org"),
                            QStringLiteral("user@example.com")));
        STEP(e.traceAndSave(QStringLiteral("SPAMMER"), QStringLiteral("198.51.100.25"),
                            QStringLiteral("offers@example.net"),
                            QStringLiteral("user@example.com")));
        const QString path = storyPath(QStringLiteral("story4-gateway-internal-smtp-servers"));
        STEP(e.saveAs(path));
        e.screenshot(QStringLiteral("story4-gateway-internal-smtp-servers"));
        STEP(report(QStringLiteral("story 4"), u));
        STEP(expectVerdict(
            path, {QStringLiteral("internal-smtp-servers-missing")},
            {QStringLiteral(
                 "mail.example.org to 198.51.100.25=delivered; hops=2; origin=10.0.0.40"),
             QStringLiteral("SPAMMER to 198.51.100.25=delivered; hops=2; origin=10.0.0.40")}));

        // The fix: Set-TransportConfig -InternalSMTPServers @{Add="10.0.0.40"}. Exchange
        // takes the sender's address from GW's Received header: Sender ID passes, the block
        // list matches.
        const int built = u.actions();
        STEP(e.chooseInTree(QStringLiteral("Design")));
        STEP(e.set(QStringLiteral("internalSmtpServers"), QStringLiteral("10.0.0.20, 10.0.0.40")));
        const QString fixed =
            storyPath(QStringLiteral("story4-gateway-internal-smtp-servers-fixed"));
        STEP(e.saveAs(fixed));
        qInfo("story 4, the fix: %d more actions", u.actions() - built);
        STEP(expectVerdict(
            fixed, {},
            {QStringLiteral(
                 "mail.example.org to 198.51.100.25=delivered; hops=2; origin=192.0.2.25"),
             QStringLiteral("SPAMMER to 198.51.100.25=rejected; hops=2; origin=192.0.2.66")}));
    }

    // Story 5: the relay connector migrated to EX13 lists the whole LAN, so EX10's port-25
    // deliveries land on it and fail Exchange Server authentication (R20, R26, R42). The
    // fix: it lists the application server only.
    void story5CoexistenceRelayRanges() {
        Editor e;
        User& u = e.user;
        STEP(u.menuBar(QStringLiteral("File"), QStringLiteral("New")));
        STEP(e.describe(QStringLiteral("Story 5: coexistence and relay RemoteIPRanges"),
                        QStringLiteral("The relay connector migrated to EX13 lists the whole LAN, "
                                       "so EX10's port-25 deliveries land on it and fail "
                                       "Exchange Server authentication (R26, R42).")));
        STEP(e.addAcceptedDomain());
        STEP(e.addFromPalette(QStringLiteral("LAN segment"), QStringLiteral("Servers")));

        // The old and the new server, and the application server that relays through EX13.
        STEP(e.addFromPalette(QStringLiteral("Exchange 2010 Hub Transport"),
                              QStringLiteral("EX10")));
        STEP(e.set(QStringLiteral("fqdn"), QStringLiteral("ex10.example.com")));
        STEP(e.connectCardWith(QStringLiteral("EX10"), QStringLiteral("Servers"),
                               QStringLiteral("10.0.0.10"), kFirstNicAddresses, 0, 0));
        STEP(e.addFromPalette(QStringLiteral("Exchange 2013 CAS + Mailbox"),
                              QStringLiteral("EX13")));
        STEP(e.set(QStringLiteral("fqdn"), QStringLiteral("ex13.example.com")));
        STEP(e.connectCardWith(QStringLiteral("EX13"), QStringLiteral("Servers"),
                               QStringLiteral("10.0.0.30"), kFirstNicAddresses, 0, 0));
        STEP(e.searchPalette(QStringLiteral("application"), QStringLiteral("APP")));
        STEP(e.setAndTab(QStringLiteral("submitTo"), QStringLiteral("10.0.0.30:25"),
                         QStringLiteral("mailFrom")));
        STEP(u.type(e.field(QStringLiteral("mailFrom")), QStringLiteral("app@example.com")));
        STEP(e.connectCardWith(QStringLiteral("APP"), QStringLiteral("Servers"),
                               QStringLiteral("10.0.0.60"), kFirstNicAddresses, 0, 0));

        // The relay connector as it was migrated: the whole LAN may relay anonymously.
        STEP(e.cardMenu(QStringLiteral("EX13"),
                        {QStringLiteral("Add"), QStringLiteral("Receive connector"),
                         QStringLiteral("Application relay (anonymous + Accept-Any-Recipient)")}));
        STEP(e.set(QStringLiteral("name"), QStringLiteral("Relay")));
        STEP(e.setLines(QStringLiteral("remoteIpRanges"), QStringLiteral("10.0.0.0/24")));

        STEP(e.traceAndSave(
            QStringLiteral("EX10"), QStringLiteral("EX13"), QStringLiteral("user@example.com"),
            QStringLiteral("migrated@example.com"), QStringLiteral("EX10 to a mailbox on EX13")));
        STEP(e.traceAndSave(
            QStringLiteral("APP"), QStringLiteral("10.0.0.30"), QStringLiteral("app@example.com"),
            QStringLiteral("customer@example.net"), QStringLiteral("APP relays through EX13")));
        const QString path = storyPath(QStringLiteral("story5-coexistence-relay-ranges"));
        STEP(e.saveAs(path));
        e.screenshot(QStringLiteral("story5-coexistence-relay-ranges"));
        STEP(report(QStringLiteral("story 5"), u));
        STEP(expectVerdict(
            path, {QStringLiteral("coexistence-auth-break"), QStringLiteral("relay-scope-broad")},
            {QStringLiteral("EX10 to a mailbox on EX13=queued-retry; code=451; connector=Relay"),
             QStringLiteral("APP relays through EX13=relayed; connector=Relay")}));

        // The fix, "less is more": the relay connector lists the application server only;
        // EX10 falls back to Default Frontend EX13, which authenticates Exchange servers.
        const int built = u.actions();
        STEP(e.chooseInTree(QStringLiteral("Relay")));
        STEP(e.setLines(QStringLiteral("remoteIpRanges"), QStringLiteral("10.0.0.60")));
        const QString fixed = storyPath(QStringLiteral("story5-coexistence-relay-ranges-fixed"));
        STEP(e.saveAs(fixed));
        qInfo("story 5, the fix: %d more actions", u.actions() - built);
        STEP(expectVerdict(fixed, {},
                           {QStringLiteral("EX10 to a mailbox on EX13=delivered"),
                            QStringLiteral("APP relays through EX13=relayed; connector=Relay")}));
    }
};

QTEST_MAIN(TstBuildFromBlank)
#include "tst_build_from_blank.moc"
