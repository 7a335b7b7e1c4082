// Readable at every zoom: the one rule of card_detail.h decides what a card shows, and the
// fitted example shows every card's icon and whole name (no empty boxes, no cut names) at
// the smallest window the product supports and at a large one, the key addresses where
// there is room, and the legend beside it. Screenshots at 25, 50 and 100 %, light and dark,
// are written to the working directory to be looked at.

#include <QtTest>

#include <QImage>

#include "ui/diagram/card_content.h"
#include "ui/diagram/card_detail.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/segment_item.h"
#include "ui/mainwindow/legend_dock.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

QList<CardItem*> cardsOf(DiagramScene* scene) {
    QList<CardItem*> cards;
    for (QGraphicsItem* item : scene->items()) {
        if (CardItem* card = cardCast(item))
            cards << card;
    }
    return cards;
}

// Pixels of `image` inside `rect` darker than the card's fill by a clear margin: text.
int inkIn(const QImage& image, const QRect& rect) {
    const QColor fill = DiagramStyle::standard().cardFill;
    int ink = 0;
    for (int y = std::max(0, rect.top()); y <= std::min(image.height() - 1, rect.bottom()); ++y) {
        for (int x = std::max(0, rect.left()); x <= std::min(image.width() - 1, rect.right());
             ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.lightness() - fill.lightness()) > 90)
                ++ink;
        }
    }
    return ink;
}

CardContent contentNamed(const QString& title, QStringList facts = {}) {
    CardContent content;
    content.title = title;
    content.subtitle = QStringLiteral("Exchange 2016 · Mailbox");
    content.keyFacts = std::move(facts);
    return content;
}

}  // namespace

class TstSemanticZoom : public QObject {
    Q_OBJECT

private slots:
    void theRuleFollowsTheZoom() {
        const QSizeF card(210, 150);
        QCOMPARE(cardDetailAt(card, 1.0), CardDetail::Full);
        QCOMPARE(cardDetailAt(card, fullDetailZoom()), CardDetail::Full);
        // Body text below ~6.5 px is not drawn: the summary takes over.
        QCOMPARE(cardDetailAt(card, fullDetailZoom() * 0.95), CardDetail::Summary);
        QCOMPARE(cardDetailAt(card, 0.27), CardDetail::Summary);
        // An estate fitted to the window: a few pixels per card.
        QCOMPARE(cardDetailAt(card, 0.05), CardDetail::Miniature);
        QVERIFY(fullDetailZoom() > 0.5 && fullDetailZoom() < 0.75);
        // The report's legible scale (50 %) prints every row: paper is read closer.
        QCOMPARE(cardDetailAt(card, 0.5, DetailMedium::Paper), CardDetail::Full);
        QCOMPARE(cardDetailAt(card, 0.5, DetailMedium::Screen), CardDetail::Summary);
    }

    void aSummaryWrapsALongNameInsteadOfCuttingIt() {
        const CardContent content = contentNamed(QStringLiteral("mail.fourthcoffee.example"));
        const CardSummary summary = summarizeCard(content, QSizeF(260, 180), 0.3);
        QVERIFY2(!summary.nameCut, qPrintable(summary.shownName()));
        QCOMPARE(summary.shownName(), content.title);
        QVERIFY(summary.nameLines.size() > 1);
        // Broken after a dot, not in the middle of a word.
        QVERIFY2(summary.nameLines.first().text.endsWith(u'.'),
                 qPrintable(summary.nameLines.first().text));
        // Every line stays inside the card.
        for (const CardSummary::Line& line : summary.nameLines)
            QVERIFY(QRectF(0, 0, 260, 180).contains(line.rect));
    }

    void aShortNameStaysOnOneLineAtTheLargestSize() {
        const CardSummary summary =
            summarizeCard(contentNamed(QStringLiteral("EX01")), QSizeF(210, 180), 0.3);
        QCOMPARE(summary.nameLines.size(), 1);
        // 13 screen pixels at 30 %: about 43 scene units.
        QVERIFY2(summary.nameFont.pixelSize() >= 40,
                 qPrintable(QString::number(summary.nameFont.pixelSize())));
    }

    void factsFillTheRoomAndSayHowManyMore() {
        QStringList facts;
        for (int i = 1; i <= 30; ++i)
            facts << QStringLiteral("10.0.0.%1").arg(i);
        const CardSummary roomy =
            summarizeCard(contentNamed(QStringLiteral("EX01"), facts), QSizeF(210, 400), 0.3);
        QVERIFY(roomy.facts.size() >= 3);
        QCOMPARE(roomy.facts.first().text, QStringLiteral("10.0.0.1"));
        QVERIFY2(roomy.facts.last().text.startsWith(u'+'), qPrintable(roomy.facts.last().text));
        QVERIFY(roomy.facts.last().rect.bottom() <= 400);
        const CardSummary all = summarizeCard(contentNamed(QStringLiteral("EX01"), facts.mid(0, 2)),
                                              QSizeF(210, 400), 0.3);
        QCOMPARE(all.facts.size(), 2);
        // A card with no room below its name lists none rather than overflowing.
        const CardSummary tight =
            summarizeCard(contentNamed(QStringLiteral("EX01"), facts), QSizeF(210, 90), 0.3);
        for (const CardSummary::Line& line : tight.facts)
            QVERIFY(line.rect.bottom() <= 90);
    }

    void theFittedExampleShowsEveryNameWhole_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("1600x1000") << QSize(1600, 1000);
    }

    void theFittedExampleShowsEveryNameWhole() {
        QFETCH(QSize, size);
        MainWindow window(MainWindowOptions::unattended());
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kContoso));
        DiagramView* view = window.view();
        view->fitToContents();
        QCoreApplication::processEvents();
        const qreal zoom = view->zoom();
        QVERIFY2(zoom < fullDetailZoom(), qPrintable(QString::number(zoom)));
        const QImage shot =
            view->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        shot.save(
            QStringLiteral("semantic-zoom-fit-%1x%2.png").arg(size.width()).arg(size.height()));
        window.grab().save(
            QStringLiteral("semantic-zoom-window-%1x%2.png").arg(size.width()).arg(size.height()));

        const QList<CardItem*> cards = cardsOf(window.scene());
        QVERIFY(cards.size() >= 10);
        for (const CardItem* card : cards) {
            const QString name = card->content().title;
            QCOMPARE(cardDetailAt(card->cardSize(), zoom), CardDetail::Summary);
            const CardSummary& summary = card->summaryAt(zoom);
            QVERIFY2(!summary.nameCut && summary.shownName() == name,
                     qPrintable(QStringLiteral("%1 shown as \"%2\" at %3 %")
                                    .arg(name, summary.shownName())
                                    .arg(zoom * 100, 0, 'f', 0)));
            // Not an empty box: the name's pixels are there on screen.
            const QRect nameOnScreen =
                view->mapFromScene(card->mapRectToScene(card->titleRectAt(zoom))).boundingRect();
            QVERIFY2(inkIn(shot, nameOnScreen) > 15, qPrintable(name));
            // The tall cards have room for their first addresses.
            if (card->elementId() == QStringLiteral("ex2016a")) {
                QVERIFY(!summary.facts.isEmpty());
                QCOMPARE(summary.facts.first().text, QStringLiteral("10.10.20.21"));
            }
        }
        for (QGraphicsItem* item : window.scene()->items()) {
            if (item->type() != SegmentItem::Type)
                continue;
            const auto* segment = static_cast<const SegmentItem*>(item);
            QVERIFY2(segment->overviewTextAt(zoom) == segment->title(),
                     qPrintable(QStringLiteral("%1 %2x%3 %4 shape %5 hub %6")
                                    .arg(segment->title())
                                    .arg(segment->sceneBandRect().width())
                                    .arg(segment->sceneBandRect().height())
                                    .arg(zoom)
                                    .arg(int(segment->drawnAs()))
                                    .arg(segment->hubSize().width())));
        }
        QVERIFY(window.findChild<LegendDock*>() != nullptr);
    }

    void screenshotsAtThreeZoomsInBothThemes() {
        for (const ThemeChoice theme : {ThemeChoice::Light, ThemeChoice::Dark}) {
            MainWindow window(MainWindowOptions::unattended());
            window.resize(1600, 1000);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setTheme(theme);
            QVERIFY(window.openFile(kContoso));
            DiagramView* view = window.view();
            for (const int percent : {25, 50, 100}) {
                view->zoomBy(percent / 100.0 / view->zoom());
                view->centerOn(window.scene()->card(QStringLiteral("ex2016a")));
                QCoreApplication::processEvents();
                QVERIFY(qAbs(view->zoom() - percent / 100.0) < 0.01);
                const QString name = QStringLiteral("semantic-zoom-%1-%2.png")
                                         .arg(theme == ThemeChoice::Dark ? "dark" : "light")
                                         .arg(percent);
                QVERIFY(window.grab().save(name));
            }
        }
    }
};

QTEST_MAIN(TstSemanticZoom)
#include "tst_semantic_zoom.moc"
