#include "ui/slip/sliprenderer.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include <QFontMetricsF>
#include <QPainter>
#include <QPen>
#include <QPrinter>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

namespace {

constexpr qreal MM_PER_INCH = 25.4;
constexpr qreal LARGE_FACTOR = 1.6;
constexpr qreal LINE_GAP = 0.25; // of a line's height, between lines
constexpr qreal QR_MM = 30.0;
constexpr int QR_QUIET_MODULES = 2;

QFont lineFont(const SlipDocument::Line &line, qreal basePoint)
{
    // A CJK font that every Debian till has (fonts-wqy-microhei); elsewhere Qt falls back to
    // the system's sans serif, which has the Chinese glyphs on a Chinese Windows or macOS.
    QFont font(QStringLiteral("WenQuanYi Micro Hei"));
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(line.large ? basePoint * LARGE_FACTOR : basePoint);
    font.setBold(line.bold);
    return font;
}

Qt::Alignment alignment(SlipDocument::Line::Align align)
{
    switch (align) {
    case SlipDocument::Line::Align::Left:
        return Qt::AlignLeft;
    case SlipDocument::Line::Align::Centre:
        return Qt::AlignHCenter;
    case SlipDocument::Line::Align::Right:
        return Qt::AlignRight;
    }
    return Qt::AlignLeft;
}

// Black modules as rectangles, merged along each row so a PDF stays small.
void paintQr(QPainter &painter, const QString &payload, const QRectF &box)
{
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setMargin(0);
        writer.setEncoding(ZXing::CharacterSet::UTF8);
        writer.setEccLevel(2); // M, as the ESC/POS slip
        const ZXing::BitMatrix matrix = writer.encode(payload.toStdString(), 0, 0);
        const int modules = matrix.width() + 2 * QR_QUIET_MODULES;
        const qreal module = box.width() / modules;
        const QPointF origin = box.topLeft() + QPointF(module, module) * QR_QUIET_MODULES;
        painter.save();
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::black);
        for (int y = 0; y < matrix.height(); ++y) {
            int x = 0;
            while (x < matrix.width()) {
                if (!matrix.get(x, y)) {
                    ++x;
                    continue;
                }
                const int start = x;
                while (x < matrix.width() && matrix.get(x, y))
                    ++x;
                // A hair wider than the module, so no white seams show between rows.
                painter.drawRect(QRectF(origin.x() + start * module, origin.y() + y * module,
                                        (x - start) * module + module * 0.02, module * 1.02));
            }
        }
        painter.restore();
    } catch (const std::exception &) {
        // ZXing throws when the payload does not fit a QR code: the slip goes without it;
        // the verify id is printed as text above it anyway.
    }
}

} // namespace

SlipRenderer::SlipRenderer(SlipSettings::Paper paper) : m_paper(paper) { }

QPageSize SlipRenderer::thermalPageSize(qreal widthMm, qreal heightMm)
{
    return QPageSize(QSizeF(widthMm, heightMm), QPageSize::Millimeter,
                     QStringLiteral("%1 mm roll").arg(widthMm), QPageSize::ExactMatch);
}

qreal SlipRenderer::widthMm() const
{
    switch (m_paper) {
    case SlipSettings::Paper::Thermal58:
        return 58;
    case SlipSettings::Paper::Thermal80:
        return 80;
    case SlipSettings::Paper::A4:
        return 210;
    }
    return 58;
}

qreal SlipRenderer::marginMm() const
{
    // The rolls' print heads leave about 3-5 mm at each side unprintable.
    return m_paper == SlipSettings::Paper::A4 ? 20 : 4;
}

// The printed column: the roll's printable width; on A4 a slip-like column, not the whole
// width, so it reads like the roll slip and can be cut out.
qreal SlipRenderer::columnMm() const
{
    return m_paper == SlipSettings::Paper::A4 ? 90 : widthMm() - 2 * marginMm();
}

qreal SlipRenderer::basePointSize() const
{
    return m_paper == SlipSettings::Paper::Thermal58 ? 8 : 10;
}

qreal SlipRenderer::estimateHeightMm(const SlipDocument &document, QPaintDevice *device) const
{
    // Measured in the printer's own pixels, wrapped to the printable width.
    const qreal dpi = device->logicalDpiY();
    const qreal widthPx = columnMm() / MM_PER_INCH * dpi;
    qreal heightPx = 0;
    for (const SlipDocument::Line &line : document.lines) {
        if (line.kind == SlipDocument::Line::Kind::Qr) {
            heightPx += std::min(QR_MM, columnMm()) / MM_PER_INCH * dpi;
            continue;
        }
        const QFontMetricsF metrics(lineFont(line, basePointSize()), device);
        const QRectF box =
                metrics.boundingRect(QRectF(0, 0, widthPx, 1e9), Qt::TextWordWrap,
                                     line.text.isEmpty() ? QStringLiteral(" ") : line.text);
        heightPx += box.height() + metrics.height() * LINE_GAP;
    }
    // 10 % spare, for the rounding of each line; the feed to the cutter is the printer's.
    return heightPx * 1.1 / dpi * MM_PER_INCH + 2 * marginMm();
}

void SlipRenderer::setUpPrinter(QPrinter &printer, const SlipDocument &document) const
{
    if (m_paper == SlipSettings::Paper::A4) {
        printer.setPageSize(QPageSize(QPageSize::A4));
    } else {
        const qreal height = std::max(estimateHeightMm(document, &printer), widthMm());
        printer.setPageSize(thermalPageSize(widthMm(), std::ceil(height)));
    }
    printer.setPageOrientation(QPageLayout::Portrait);
    printer.setPageMargins(QMarginsF(marginMm(), marginMm(), marginMm(), marginMm()),
                           QPageLayout::Millimeter);
}

Result<Done> SlipRenderer::print(const SlipDocument &document, QPrinter &printer) const
{
    setUpPrinter(printer, document);
    QPainter painter;
    if (!painter.begin(&printer))
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot open the printer %1").arg(printer.printerName()));
    const QRectF page = printer.pageRect(QPrinter::DevicePixel);
    const qreal column = columnMm() / MM_PER_INCH * printer.resolution();
    const qreal width = std::min(page.width(), column);
    paint(document, painter, QRectF((page.width() - width) / 2, 0, width, page.height()));
    if (!painter.end())
        return makeError(ErrorCode::Storage, QStringLiteral("the printer did not take the slip"));
    return Done{};
}

qreal SlipRenderer::paint(const SlipDocument &document, QPainter &painter,
                          const QRectF &column) const
{
    const qreal dpi = painter.device()->logicalDpiY();
    qreal y = column.top();
    painter.setPen(Qt::black);
    for (const SlipDocument::Line &line : document.lines) {
        const QFont font = lineFont(line, basePointSize());
        const QFontMetricsF metrics(font, painter.device());
        switch (line.kind) {
        case SlipDocument::Line::Kind::Text: {
            painter.setFont(font);
            const QRectF area(column.left(), y, column.width(), 1e6);
            const int flags = int(alignment(line.align)) | Qt::TextWordWrap;
            const QRectF used = painter.boundingRect(area, flags, line.text);
            painter.drawText(area, flags, line.text);
            y += used.height() + metrics.height() * LINE_GAP;
            break;
        }
        case SlipDocument::Line::Kind::Rule: {
            const qreal middle = y + metrics.height() / 2;
            painter.save();
            painter.setPen(QPen(Qt::black, dpi / 144, Qt::DashLine));
            painter.drawLine(QPointF(column.left(), middle), QPointF(column.right(), middle));
            painter.restore();
            y += metrics.height() * (1 + LINE_GAP);
            break;
        }
        case SlipDocument::Line::Kind::Qr: {
            const qreal side = std::min(column.width(), QR_MM / MM_PER_INCH * dpi);
            paintQr(painter, line.text,
                    QRectF(column.left() + (column.width() - side) / 2, y, side, side));
            y += side + metrics.height() * LINE_GAP;
            break;
        }
        }
    }
    return y - column.top();
}
