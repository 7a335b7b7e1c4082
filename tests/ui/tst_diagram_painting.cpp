// Level-of-detail painting of the diagram's items, pixel by pixel: zoomed so far out that
// a card is a few pixels (the fitted view of a large estate), a finding's ring colour and
// the selection are still there to see, and nothing is painted outside the item's
// bounding rectangle (which would leave trails when the view repaints only what changed).

#include <QImage>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtTest>

#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_style.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

class TestCard : public CardItem {
public:
    TestCard() : CardItem(content()) {}

private:
    static CardContent content() {
        CardContent c;
        c.elementId = QStringLiteral("ex1");
        c.icon = ElementIcon::ExchangeServer;
        c.title = QStringLiteral("EX00101");
        c.subtitle = QStringLiteral("Exchange 2019 · Mailbox");
        CardSection nics{QStringLiteral("NICs"), {}};
        for (int i = 0; i < 4; ++i) {
            CardLine line;
            line.text = QStringLiteral("10.1.0.%1/24").arg(i);
            nics.lines << line;
        }
        c.sections << nics;
        return c;
    }
};

const QColor kCanvas(Qt::white);

// The card painted at `lod` screen pixels per scene unit, its bounding rectangle's
// top-left corner at (10, 10) of a canvas.
QImage paintAt(CardItem& card, qreal lod, bool selected) {
    QImage image(400, 400, QImage::Format_ARGB32_Premultiplied);
    image.fill(kCanvas);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(10, 10);
    painter.scale(lod, lod);
    painter.translate(-card.boundingRect().topLeft());
    QStyleOptionGraphicsItem option;
    option.exposedRect = card.boundingRect();
    option.state = selected ? QStyle::State_Selected : QStyle::State_None;
    card.paint(&painter, &option, nullptr);
    return image;
}

int pixelsOf(const QImage& image, const QColor& color) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y) == color ? 1 : 0;
    }
    return count;
}

}  // namespace

class TestDiagramPainting : public QObject {
    Q_OBJECT

private slots:
    void zoomedOutCardsKeepTheirMarkAndSelection() {
        for (qreal lod : {0.01, 0.03, 0.08}) {
            TestCard card;
            const QColor mark = DiagramStyle::severityColor(analysis::Severity::Error);
            QCOMPARE(pixelsOf(paintAt(card, lod, false), mark), 0);
            card.setMark(mark);
            QVERIFY2(pixelsOf(paintAt(card, lod, false), mark) > 0,
                     qPrintable(QString::number(lod)));
            const QColor selection = DiagramStyle::standard().selection;
            QVERIFY2(pixelsOf(paintAt(card, lod, true), selection) > 0,
                     qPrintable(QString::number(lod)));
        }
    }

    void paintingStaysInsideTheBoundingRect() {
        TestCard card;
        card.setMark(DiagramStyle::severityColor(analysis::Severity::Warning));
        for (qreal lod : {0.01, 0.03, 0.08, 0.2, 0.4, 1.0}) {
            for (bool selected : {false, true}) {
                const QImage image = paintAt(card, lod, selected);
                // The bounding rectangle on the canvas, plus the pixel antialiasing may touch.
                const QRect inside = QRectF(QPointF(10, 10), card.boundingRect().size() * lod)
                                         .toAlignedRect()
                                         .adjusted(-1, -1, 1, 1);
                int painted = 0;
                for (int y = 0; y < image.height(); ++y) {
                    for (int x = 0; x < image.width(); ++x) {
                        if (image.pixelColor(x, y) == kCanvas)
                            continue;
                        QVERIFY2(
                            inside.contains(x, y),
                            qPrintable(QStringLiteral("lod %1: (%2, %3)").arg(lod).arg(x).arg(y)));
                        ++painted;
                    }
                }
                QVERIFY(painted > 0);
            }
        }
    }
};

QTEST_MAIN(TestDiagramPainting)
#include "tst_diagram_painting.moc"
