#pragma once

#include <QPageSize>

#include "core/result.h"
#include "core/slip/slipdocument.h"
#include "ui/slip/slipsettings.h"

class QPaintDevice;
class QPainter;
class QPrinter;
class QRectF;

// Paints a slip with QPainter onto a QPrinter: a system printer, a PDF file or the print
// preview. On the thermal rolls (58 mm, 80 mm) the page is as long as the slip; on A4 the
// slip sits at the top in an 80 mm column. The QR code is painted module by module from
// ZXing's matrix, so it stays sharp at any printer resolution.
class SlipRenderer final
{
public:
    explicit SlipRenderer(SlipSettings::Paper paper);

    // Page size and margins for this paper; the height of a roll page fits `document`.
    void setUpPrinter(QPrinter &printer, const SlipDocument &document) const;
    // setUpPrinter(), then the slip on one page. Storage when the printer cannot be opened
    // (no such printer, unwritable PDF file).
    Result<Done> print(const SlipDocument &document, QPrinter &printer) const;
    // Paints on a painter already begun (the preview's printer), inside `column`; returns the
    // height used, in the painter's units.
    qreal paint(const SlipDocument &document, QPainter &painter, const QRectF &column) const;

    static QPageSize thermalPageSize(qreal widthMm, qreal heightMm);

private:
    qreal widthMm() const;
    qreal marginMm() const;
    qreal columnMm() const;
    qreal basePointSize() const;
    // How long a roll page the slip needs, measured before any painting.
    qreal estimateHeightMm(const SlipDocument &document, QPaintDevice *device) const;

    SlipSettings::Paper m_paper;
};
