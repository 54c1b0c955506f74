#pragma once
// Cue text as a transcript wants it: the words, without the styling markup that
// subtitle formats carry (<i>, <font ...>, {\an8}, <c.color>, karaoke timestamps).
#include <QString>
#include <QStringList>

namespace motor::io {

class CueText {
public:
    // SubRip: strips HTML-like tags that look like tags (a letter after '<', so "2<3,5>1"
    // survives), ASS override blocks "{\...}", turns \N into a line break and \h into a
    // space. Lines are trimmed and joined with '\n'.
    static QString fromSrt(const QStringList& lines);
    // WebVTT: every '<...>' is markup (a literal '<' must be written &lt;). The first
    // voice tag "<v Name>" / "<v.loud Name>" gives the speaker. Entities are decoded.
    static QString fromVtt(const QStringList& lines, QString* speaker);
};

}  // namespace motor::io
