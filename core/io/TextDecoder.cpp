#include "core/io/TextDecoder.h"

#include <QStringDecoder>

#include "core/util/ReadFile.h"

namespace motor::io {
namespace {

// 0x80..0x9F of windows-1252; the rest of the code page equals Latin-1. Written out
// because Qt's own converters only know Latin-1 unless built with ICU.
constexpr char16_t kCp1252High[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                      0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

QString decodeCp1252(QByteArrayView bytes) {
    QString out;
    out.reserve(bytes.size());
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.append(QChar(b >= 0x80 && b <= 0x9F ? kCp1252High[b - 0x80] : char16_t(b)));
    }
    return out;
}

QString normalisedName(const QString& name) {
    QString n = name.trimmed().toLower();
    n.remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    return n;
}

struct Bom {
    QByteArray bytes;
    QStringConverter::Encoding encoding;
    const char* name;
};

// Longest first: the UTF-32LE BOM starts with the UTF-16LE one.
const Bom kBoms[] = {
    {QByteArray("\xFF\xFE\x00\x00", 4), QStringConverter::Utf32LE, "UTF-32LE"},
    {QByteArray("\x00\x00\xFE\xFF", 4), QStringConverter::Utf32BE, "UTF-32BE"},
    {QByteArray("\xEF\xBB\xBF", 3), QStringConverter::Utf8, "UTF-8"},
    {QByteArray("\xFF\xFE", 2), QStringConverter::Utf16LE, "UTF-16LE"},
    {QByteArray("\xFE\xFF", 2), QStringConverter::Utf16BE, "UTF-16BE"},
};

// Returns the offset of the first byte that does not start or continue a valid UTF-8
// sequence (overlongs, surrogates and values above U+10FFFF count as invalid), or -1.
qsizetype firstInvalidUtf8(QByteArrayView s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else
            return i;
        if (i + len > n) return i;
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return -1;
}

Result<QString> decodeWith(QStringConverter::Encoding enc, QByteArrayView bytes, const QString& sourceName,
                           const char* encName) {
    QStringDecoder dec(enc, QStringConverter::Flag::Stateless);
    QString s = dec.decode(bytes);
    if (dec.hasError())
        return makeError(QStringLiteral("%1: not valid %2 text").arg(sourceName, QLatin1String(encName)));
    return s;
}

}  // namespace

bool TextDecoder::isSupportedEncoding(const QString& name) {
    const QString n = normalisedName(name);
    if (n == QLatin1String("windows1252") || n == QLatin1String("cp1252") || n == QLatin1String("latin1") ||
        n == QLatin1String("iso88591"))
        return true;
    return QStringConverter::encodingForName(name.toLatin1().constData()).has_value();
}

Result<DecodedText> TextDecoder::decode(const QByteArray& bytes, const QString& sourceName,
                                        const QString& declaredEncoding) {
    for (const Bom& bom : kBoms) {
        if (!bytes.startsWith(bom.bytes)) continue;
        auto s = decodeWith(bom.encoding, QByteArrayView(bytes).sliced(bom.bytes.size()), sourceName, bom.name);
        if (!s) return s.error();
        return DecodedText{std::move(s.value()), QString::fromLatin1(bom.name)};
    }
    if (!declaredEncoding.isEmpty()) {
        const QString n = normalisedName(declaredEncoding);
        // Latin-1 is declared by people who mean windows-1252 nearly always (curly
        // quotes, euro sign); the two agree everywhere else.
        if (n == QLatin1String("windows1252") || n == QLatin1String("cp1252") || n == QLatin1String("latin1") ||
            n == QLatin1String("iso88591"))
            return DecodedText{decodeCp1252(bytes), QStringLiteral("windows-1252")};
        const auto enc = QStringConverter::encodingForName(declaredEncoding.toLatin1().constData());
        if (!enc)
            return makeError(QStringLiteral("%1: unknown encoding '%2' (supported: UTF-8, UTF-16LE/BE, "
                                            "UTF-32LE/BE, windows-1252, latin1)")
                                 .arg(sourceName, declaredEncoding));
        const QByteArray encName = declaredEncoding.toLatin1();
        auto s = decodeWith(*enc, bytes, sourceName, encName.constData());
        if (!s) return s.error();
        return DecodedText{std::move(s.value()), declaredEncoding};
    }
    const qsizetype bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
        const qsizetype line = QByteArrayView(bytes).first(bad).count('\n') + 1;
        return makeError(QStringLiteral("%1: not valid UTF-8 at byte %2 (line %3); save it as UTF-8 or "
                                        "declare the encoding (e.g. windows-1252)")
                             .arg(sourceName)
                             .arg(bad)
                             .arg(line));
    }
    return DecodedText{QString::fromUtf8(bytes), QStringLiteral("UTF-8")};
}

Result<DecodedText> TextDecoder::decodeFile(const QString& path, const QString& declaredEncoding) {
    auto bytes = util::readFile(path, QStringLiteral("a text file"));
    if (!bytes) return bytes.error();
    return decode(bytes.value(), path, declaredEncoding);
}

}  // namespace motor::io
