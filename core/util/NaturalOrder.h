#pragma once
// "Natural" order of identifiers: runs of digits compare as numbers, so long-2 <
// long-10 < long-100 < long-1000, whatever the zero padding. Clip ids are sorted this
// way everywhere (store, browser, exports); ties (01 vs 1) fall back to plain text so
// the order is total.
#include <QString>

namespace motor::util {

// <0, 0, >0 like strcmp.
int naturalCompare(const QString& a, const QString& b);
inline bool naturalLess(const QString& a, const QString& b) {
    return naturalCompare(a, b) < 0;
}

}  // namespace motor::util
