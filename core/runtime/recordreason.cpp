#include "core/runtime/recordreason.h"

#include "core/douyin/douyinplatform.h"
#include "core/verify/verifyrecords.h"

namespace RecordReason {

std::optional<RejectReason> of(const VerificationRecord &record)
{
    if (record.verifyStatus != VerificationRecord::Status::Failed)
        return std::nullopt;
    if (!record.errorCode)
        return VerifyRecords::wasNotSent(record) ? RejectReason::Unavailable
                                                 : RejectReason::Unknown;
    switch (record.platform) {
    case PlatformId::Douyin:
        return DouyinPlatform::reasonFor(*record.errorCode);
    case PlatformId::Meituan:
        break;
    }
    return RejectReason::Unknown;
}

} // namespace RecordReason
