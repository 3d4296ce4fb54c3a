#include "ui/errortext.h"

QString ErrorText::title(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadInput:
        return tr("The input is not valid");
    case ErrorCode::BadConfig:
        return tr("A setting has an invalid value");
    case ErrorCode::NotFound:
        return tr("Not found");
    case ErrorCode::Conflict:
        return tr("This conflicts with an earlier request");
    case ErrorCode::Storage:
        return tr("The local database could not be used");
    case ErrorCode::NewerDatabase:
        return tr("The data was written by a newer version of this program");
    case ErrorCode::Crypto:
        return tr("Stored secrets could not be read");
    case ErrorCode::Network:
        return tr("Network connection failed");
    case ErrorCode::Timeout:
        return tr("The network did not answer in time");
    }
    return tr("Unexpected error");
}
