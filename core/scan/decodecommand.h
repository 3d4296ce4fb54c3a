#pragma once

#include <QStringList>
#include <QUrl>

#include "core/scan/scanpayload.h"

class QTextStream;

namespace Scan {

// Exit codes of the decode command (CLI.md).
inline constexpr int DECODE_ALL_FOUND = 0;
inline constexpr int DECODE_SOME_NOT_FOUND = 1;
inline constexpr int DECODE_UNREADABLE = 2; // also: no file given

// `dy-gateway decode FILE...` (CLI.md). Writes one compact JSON line per file to out, in the
// order given, with the keys in this order:
//     {"file":"a.png","text":"https://v.douyin.com/iRNBqkxx/","kind":"short_link"}
//     {"file":"b.png","text":null,"kind":null,"error":"no code found"}
//     {"file":"c.png","text":null,"kind":null,"error":"cannot read image: File not found"}
// "file" is the path as given; "text" is the decoded text exactly as encoded and "kind" its
// ScanPayload kind; a file without a code has null text and kind plus an "error" key, so a
// script can zip the lines with its arguments. Unreadable files are also reported on err.
// Returns 0 if every file had a code, 1 if some file had none, 2 if some file could not be
// read or no file was given (2 wins over 1).
int runDecodeCommand(const QStringList &files, QTextStream &out, QTextStream &err,
                     const QUrl &shortLinkBase =
                             QUrl(QString::fromLatin1(ScanPayload::DEFAULT_SHORT_LINK_BASE)));

} // namespace Scan
