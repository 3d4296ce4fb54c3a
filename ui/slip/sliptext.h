#pragma once

#include <QCoreApplication>

#include "core/slip/slipdocument.h"
#include "core/slip/verificationslip.h"

// The words of a verification slip (核销凭证), in the ui's language: what both the printer
// painting (SlipRenderer) and the ESC/POS bytes (EscPosEncoder) put on paper.
class SlipText final
{
    Q_DECLARE_TR_FUNCTIONS(SlipText)

public:
    static SlipDocument document(const VerificationSlip &slip);
    // Made-up values for the settings page's preview and test print.
    static VerificationSlip sample();
    // The cashier line: the operator, else the verifier app ("This till" for the till).
    static QString cashier(const VerificationSlip &slip);
};
