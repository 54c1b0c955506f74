#pragma once
// Turns the bytes of a text file into a QString. Researchers' transcripts come from
// Windows tools, web players and Python scripts, so the encoding is detected from a
// byte-order mark; without one the bytes must be UTF-8, because guessing between
// legacy 8-bit code pages silently garbles Finnish letters (ä ö å). A caller that
// knows better declares the encoding.
#include <QByteArray>
#include <QString>

#include "core/util/Result.h"

namespace motor::io {

struct DecodedText {
    QString text;          // without the BOM
    QString encodingName;  // what was used: "UTF-8", "UTF-16LE", "windows-1252", ...
};

class TextDecoder {
public:
    // sourceName goes into error messages ("clip.srt: not valid UTF-8 at byte 5 (line 2)").
    // declaredEncoding: empty = detect; otherwise a name such as "windows-1252",
    // "latin1", "UTF-16LE". A BOM in the data still wins over a declared encoding.
    static Result<DecodedText> decode(const QByteArray& bytes, const QString& sourceName,
                                      const QString& declaredEncoding = {});
    // Reads the file and decodes it; errors name the path.
    static Result<DecodedText> decodeFile(const QString& path, const QString& declaredEncoding = {});
    static bool isSupportedEncoding(const QString& name);
};

}  // namespace motor::io
