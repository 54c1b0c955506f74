#pragma once
// Times as text, one format across the interface (m:ss.mmm; the transcript's rows in the
// short form m:ss.s): the player, the segment view and the transcript's times shown,
// edited and typed, and where a time falls in an utterance's text (P's cut).
#include <QString>
#include <cstdint>

#include "core/model/Entities.h"

namespace motor {
namespace ui {

// "1:02.5": minutes, seconds and tenths, never negative.
QString clipTime(int64_t ms);
// To the millisecond, signed (an utterance may begin before its clip): what a time editor
// starts with, the player's clock and the segment view's in and out points.
QString exactClipTime(int64_t ms);
// "1:02.5", "62.5", "-0:00.250", "0:03,5" (a Finnish decimal comma) -> milliseconds.
bool parseClipTime(const QString& text, int64_t* ms);
// Where P cuts the text: the word boundary (or either end) nearest the point that the
// playhead's share of the utterance's time falls on in its text.
int wordOffsetAt(const Utterance& u, int64_t atMs);

}  // namespace ui
}  // namespace motor
