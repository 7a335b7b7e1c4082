#include "ui/report/pdf_outline.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <exception>
#include <memory>

namespace mailtopo::ui::report {
namespace {

using Object = QPDFObjectHandle;

// [page /XYZ null top null]: the page, scrolled to `top` (points from the top), zoom kept.
// A rotated page is shown whole ([page /Fit]): its "top" is not the sheet's.
Object destination(const std::vector<QPDFPageObjectHelper>& pages, int page, qreal top,
                   qreal pageHeight) {
    Object dest = Object::newArray();
    Object target = pages.at(static_cast<size_t>(page)).getObjectHandle();
    dest.appendItem(target);
    if (target.getKey("/Rotate").isInteger()) {
        dest.appendItem(Object::newName("/Fit"));
        return dest;
    }
    dest.appendItem(Object::newName("/XYZ"));
    dest.appendItem(Object::newNull());
    dest.appendItem(Object::newReal(pageHeight - top + 6, 2));
    dest.appendItem(Object::newNull());
    return dest;
}

struct Node {
    Object item;
    std::vector<size_t> children;
};

// Links a parent's children as a doubly linked list, as the outline format wants. Sections
// stay open; a subsection's findings are folded (negative count).
void linkChildren(std::vector<Node>& nodes, Object parent, const std::vector<size_t>& children,
                  bool open) {
    if (children.empty())
        return;
    for (size_t i = 0; i < children.size(); ++i) {
        Object item = nodes[children[i]].item;
        item.replaceKey("/Parent", parent);
        if (i > 0)
            item.replaceKey("/Prev", nodes[children[i - 1]].item);
        if (i + 1 < children.size())
            item.replaceKey("/Next", nodes[children[i + 1]].item);
    }
    parent.replaceKey("/First", nodes[children.front()].item);
    parent.replaceKey("/Last", nodes[children.back()].item);
    const auto count = static_cast<long long>(children.size());
    parent.replaceKey("/Count", Object::newInteger(open ? count : -count));
}

}  // namespace

QByteArray addOutlineAndLinks(const QByteArray& pdfBytes, const std::vector<OutlineEntry>& outline,
                              const std::vector<ContentsLink>& links,
                              const std::vector<int>& landscape, qreal pageHeight, QString* error) {
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("report.pdf", pdfBytes.constData(),
                              static_cast<size_t>(pdfBytes.size()));
        auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
        for (const int page : landscape)
            if (page >= 0 && page < static_cast<int>(pages.size()))
                pages[static_cast<size_t>(page)].getObjectHandle().replaceKey(
                    "/Rotate", Object::newInteger(90));

        // Build the tree from the heading levels: each entry hangs under the last entry of
        // a lower level.
        std::vector<Node> nodes;
        std::vector<size_t> roots;
        std::vector<std::pair<int, size_t>> stack;  // (level, node)
        for (const auto& entry : outline) {
            if (entry.page < 0 || entry.page >= static_cast<int>(pages.size()))
                continue;
            Object item = pdf.makeIndirectObject(Object::newDictionary());
            item.replaceKey("/Title", Object::newUnicodeString(entry.title.toStdString()));
            item.replaceKey("/Dest", destination(pages, entry.page, entry.top, pageHeight));
            nodes.push_back({item, {}});
            while (!stack.empty() && stack.back().first >= entry.level)
                stack.pop_back();
            if (stack.empty())
                roots.push_back(nodes.size() - 1);
            else
                nodes[stack.back().second].children.push_back(nodes.size() - 1);
            stack.emplace_back(entry.level, nodes.size() - 1);
        }
        Object root = pdf.getRoot();
        if (!roots.empty()) {
            Object outlines = pdf.makeIndirectObject(Object::newDictionary());
            outlines.replaceKey("/Type", Object::newName("/Outlines"));
            linkChildren(nodes, outlines, roots, true);
            for (size_t i = 0; i < nodes.size(); ++i) {
                // Top-level sections open, everything deeper folded.
                const bool topLevel = std::find(roots.begin(), roots.end(), i) != roots.end();
                linkChildren(nodes, nodes[i].item, nodes[i].children, topLevel);
            }
            root.replaceKey("/Outlines", outlines);
            root.replaceKey("/PageMode", Object::newName("/UseOutlines"));
        }

        for (const auto& link : links) {
            if (link.page < 0 || link.page >= static_cast<int>(pages.size()) ||
                link.targetPage < 0 || link.targetPage >= static_cast<int>(pages.size()))
                continue;
            Object annotation = pdf.makeIndirectObject(Object::newDictionary());
            annotation.replaceKey("/Type", Object::newName("/Annot"));
            annotation.replaceKey("/Subtype", Object::newName("/Link"));
            annotation.replaceKey("/Rect", Object::newFromRectangle(QPDFObjectHandle::Rectangle(
                                               link.rect.left(), pageHeight - link.rect.bottom(),
                                               link.rect.right(), pageHeight - link.rect.top())));
            Object border = Object::newArray();
            for (int i = 0; i < 3; ++i)
                border.appendItem(Object::newInteger(0));
            annotation.replaceKey("/Border", border);
            annotation.replaceKey("/Dest",
                                  destination(pages, link.targetPage, link.targetTop, pageHeight));
            Object page = pages.at(static_cast<size_t>(link.page)).getObjectHandle();
            Object annots = page.getKey("/Annots");
            if (!annots.isArray()) {
                annots = Object::newArray();
                page.replaceKey("/Annots", annots);
            }
            annots.appendItem(annotation);
        }

        QPDFWriter writer(pdf);
        writer.setOutputMemory();
        writer.setDeterministicID(true);
        writer.write();
        const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
        return QByteArray(reinterpret_cast<const char*>(buffer->getBuffer()),
                          static_cast<qsizetype>(buffer->getSize()));
    } catch (const std::exception& e) {
        *error = QStringLiteral("could not add the bookmarks to the PDF: %1")
                     .arg(QString::fromUtf8(e.what()));
        return {};
    }
}

std::vector<std::string> topLevelBookmarks(const QString& path) {
    std::vector<std::string> titles;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processFile(path.toLocal8Bit().constData());
        for (auto& item : QPDFOutlineDocumentHelper(pdf).getTopLevelOutlines())
            titles.push_back(item.getTitle());
    } catch (const std::exception&) {
        titles.clear();
    }
    return titles;
}

}  // namespace mailtopo::ui::report
