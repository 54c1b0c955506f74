#pragma once
// Early return of a failed Result from functions that themselves return a Result.
#define MOTOR_TRY(expr)                                     \
    do {                                                    \
        auto motorTryResult = (expr);                       \
        if (!motorTryResult) return motorTryResult.error(); \
    } while (0)

// Assigns a Result's value to lhs, or returns its error.
#ifndef MOTOR_TRY_ASSIGN
#define MOTOR_TRY_ASSIGN(lhs, expr)  \
    do {                             \
        auto r_ = (expr);            \
        if (!r_) return r_.error();  \
        lhs = std::move(r_.value()); \
    } while (0)
#endif
