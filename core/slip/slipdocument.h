#pragma once

#include <QList>
#include <QString>

// A slip as lines, already worded: what both the painter (QPrinter) and the ESC/POS encoder
// put on paper, so the two ways out cannot say different things.
struct SlipDocument
{
    struct Line
    {
        enum class Kind { Text, Rule, Qr };
        enum class Align { Left, Centre, Right };

        Kind kind = Kind::Text;
        QString text; // Text: the words; Qr: the payload
        Align align = Align::Left;
        bool bold = false;
        bool large = false; // double width and height (the amount, the title)
    };

    QList<Line> lines;

    void addText(const QString &text, Line::Align align = Line::Align::Left, bool bold = false,
                 bool large = false)
    {
        lines.append(Line{Line::Kind::Text, text, align, bold, large});
    }
    void addRule() { lines.append(Line{Line::Kind::Rule, {}, Line::Align::Left, false, false}); }
    void addQr(const QString &payload)
    {
        lines.append(Line{Line::Kind::Qr, payload, Line::Align::Centre, false, false});
    }
};
