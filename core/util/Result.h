#pragma once
// Below ui/, errors are values. An Error's message names the file and the place at
// fault ("clips.csv:12: end_ms before start_ms"); callers add context, never hide it.
#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace motor {

// What kind of failure, for callers that must tell them apart (a cancelled run is
// resumed, not reported as failed). The message is for people; never compare it.
enum class ErrorCode {
    Failed,     // anything else: bad input, I/O, a backend's error
    Cancelled,  // the user asked to stop
    Conflict,   // it would overwrite others' work; nothing was written, the caller may choose
    // The backend cannot go on (its server is unreachable, takes no images, does not
    // serve the model): every further clip would fail the same way, so a run stops and
    // keeps what it finished; running it again resumes.
    Fatal,
};

struct Error {
    QString message;
    ErrorCode code = ErrorCode::Failed;
};

inline Error makeError(QString message) {
    return Error{std::move(message), ErrorCode::Failed};
}
inline Error cancelledError(QString message = QStringLiteral("cancelled")) {
    return Error{std::move(message), ErrorCode::Cancelled};
}
inline bool isCancelled(const Error& e) {
    return e.code == ErrorCode::Cancelled;
}
inline Error fatalError(QString message) {
    return Error{std::move(message), ErrorCode::Fatal};
}
inline bool isFatal(const Error& e) {
    return e.code == ErrorCode::Fatal;
}
// The same failure with context in front of its message ("clip g1-c01: ...").
inline Error withContext(const QString& prefix, const Error& e) {
    return Error{prefix + e.message, e.code};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    // By value: `for (auto& x : f().value())` must not dangle.
    T value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : e_(std::move(error)) {}
    bool ok() const { return !e_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *e_; }

private:
    std::optional<Error> e_;
};

using Status = Result<void>;

}  // namespace motor
