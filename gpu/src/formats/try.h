#pragma once
// Early return of a failed Result from functions that themselves return a Result.
#define MOTOR_TRY(expr)                                      \
    do {                                                     \
        auto motorTryResult = (expr);                        \
        if (!motorTryResult) return motorTryResult.error();  \
    } while (0)
