#include "core/util/NaturalOrder.h"

namespace motor::util {

int naturalCompare(const QString& a, const QString& b) {
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = a[i].isDigit(), db = b[j].isDigit();
        if (da && db) {
            // Compare the digit runs as numbers of any length: skip leading zeros, then
            // the longer run is larger, else the first differing digit decides.
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit()) ++ei;
            while (ej < b.size() && b[ej].isDigit()) ++ej;
            qsizetype si = i, sj = j;
            while (si < ei - 1 && a[si] == QLatin1Char('0')) ++si;
            while (sj < ej - 1 && b[sj] == QLatin1Char('0')) ++sj;
            if (ei - si != ej - sj) return ei - si < ej - sj ? -1 : 1;
            for (; si < ei; ++si, ++sj)
                if (a[si] != b[sj]) return a[si].digitValue() < b[sj].digitValue() ? -1 : 1;
            i = ei;
            j = ej;
            continue;
        }
        const int c = QString::compare(a.mid(i, 1), b.mid(j, 1), Qt::CaseInsensitive);
        if (c != 0) return c;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size()) return i < a.size() ? 1 : -1;
    return QString::compare(a, b);  // equal naturally (case, zero padding): plain order
}

}  // namespace motor::util
