#pragma once
// File names made from data (clip keys, media names) must stay inside the export
// folder and be creatable on every desktop OS: "../../etc/x", "a/b", "CON", names
// with control characters or hundreds of characters all come out as one harmless
// path component.
#include <QSet>
#include <QString>

namespace motor::io {

class SafeFileName {
public:
    // One path component: no separators, no "." / "..", no Windows device names
    // (CON, NUL, COM1, ...), no characters Windows forbids, no leading/trailing dots
    // or spaces, at most maxBytes of UTF-8 (long names keep a hash of the full name so
    // that two long names sharing a prefix stay distinct). Never empty.
    static QString component(const QString& name, int maxBytes = 120);

    // component(base) + suffix (e.g. ".eaf"), made unique among `taken` (case-
    // insensitively, for case-insensitive file systems) by appending "-2", "-3", ...
    static QString unique(const QString& base, const QString& suffix, QSet<QString>* taken);

    // True when `path` (after cleaning) lies inside `folder`; a last line of defence.
    static bool isInside(const QString& folder, const QString& path);
};

}  // namespace motor::io
