#pragma once

#include <utility>
#include <variant>

#include <QString>

// Errors travel as values: a stable code callers can branch on, plus a developer-facing
// message. The ui chooses its own tr() text by code; the LAN API maps codes to JSON errors.
enum class ErrorCode {
    BadInput, // the caller's input is invalid; message names the field
    BadConfig, // a setting has an invalid value
    NotFound,
    Conflict,
    Storage, // database could not be opened, read or written
    NewerDatabase, // the database was written by a newer version of the program
    Crypto, // key material missing or ciphertext failed authentication
    Network, // a connection could not be made or a port could not be bound
    Timeout,
};

struct Error
{
    ErrorCode code = ErrorCode::BadInput;
    QString message;
};

using Done = std::monostate; // Result<Done>: success that carries no value

// E is Error everywhere except where a richer error must travel (Douyin::Error).
template <typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) { }
    Result(E error) : m_data(std::move(error)) { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const E &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}
