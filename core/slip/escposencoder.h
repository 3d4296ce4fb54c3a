#pragma once

#include <QByteArray>

#include "core/result.h"
#include "core/slip/slipdocument.h"

// A slip as the bytes an ESC/POS thermal printer (Epson TM, Xprinter, GP and their kind)
// prints: ESC @, Chinese mode (FS &), each line in GB18030 with its alignment (ESC a), bold
// (ESC E) and size (GS !), the QR code printed by the printer itself (GS ( k, model 2), a feed
// and a cut (GS V). Nothing is sent here: EscPosPrinter does that.
class EscPosEncoder final
{
public:
    // Characters per line at the normal size: 32 on 58 mm paper, 48 on 80 mm.
    static constexpr int COLUMNS_58MM = 32;
    static constexpr int COLUMNS_80MM = 48;

    explicit EscPosEncoder(int columns = COLUMNS_58MM, int qrModuleSize = 6);

    int columns() const { return m_columns; }

    // BadConfig when this Qt has no GB18030 codec (built without ICU); the same document
    // gives the same bytes every time.
    Result<QByteArray> encode(const SlipDocument &document) const;

    // The pieces, public so tests can build the expected sequence from them by name.
    static QByteArray qrCode(const QByteArray &payload, int moduleSize);

private:
    int m_columns;
    int m_qrModuleSize;
};
