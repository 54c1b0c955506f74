// Encoding detection, timecodes and RFC 4180 reading: the pieces every importer uses.
#include <gtest/gtest.h>

#include <QStringEncoder>

#include "core/io/CsvReader.h"
#include "core/io/CsvTranscriptReader.h"
#include "core/io/CsvWriter.h"
#include "core/io/TextDecoder.h"
#include "core/io/Timecode.h"

using namespace motor;
using namespace motor::io;

TEST(IoTextDecoder, BomsAndUtf8) {
    const QString fi = QStringLiteral("Hyvä työ, Åke");
    auto plain = TextDecoder::decode(fi.toUtf8(), QStringLiteral("a.txt"));
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->text, fi);
    EXPECT_EQ(plain->encodingName, QStringLiteral("UTF-8"));
    auto bom8 = TextDecoder::decode(QByteArray("\xEF\xBB\xBF") + fi.toUtf8(), QStringLiteral("a.txt"));
    ASSERT_TRUE(bom8.ok());
    EXPECT_EQ(bom8->text, fi);
    QStringEncoder le(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    auto u16 = TextDecoder::decode(le.encode(fi), QStringLiteral("a.txt"));
    ASSERT_TRUE(u16.ok());
    EXPECT_EQ(u16->text, fi);
    EXPECT_EQ(u16->encodingName, QStringLiteral("UTF-16LE"));
    QStringEncoder be32(QStringEncoder::Utf32BE, QStringEncoder::Flag::WriteBom);
    auto u32 = TextDecoder::decode(be32.encode(fi), QStringLiteral("a.txt"));
    ASSERT_TRUE(u32.ok());
    EXPECT_EQ(u32->text, fi);
}

TEST(IoTextDecoder, InvalidUtf8NamesByteAndLine) {
    const QByteArray bytes = QByteArray("line one\nline two \xE4 here\n");  // latin-1 ä
    auto r = TextDecoder::decode(bytes, QStringLiteral("notes.srt"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, QStringLiteral("notes.srt: not valid UTF-8 at byte 18 (line 2); save it as UTF-8 or "
                                                "declare the encoding (e.g. windows-1252)"));
    auto declared =
        TextDecoder::decode(bytes + QByteArray("\x80"), QStringLiteral("notes.srt"), QStringLiteral("windows-1252"));
    ASSERT_TRUE(declared.ok());
    EXPECT_EQ(declared->text, QStringLiteral("line one\nline two ä here\n€"));
    auto unknown = TextDecoder::decode(bytes, QStringLiteral("notes.srt"), QStringLiteral("klingon-8"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(QLatin1String("unknown encoding 'klingon-8'")));
    // Overlong encodings and surrogates are not UTF-8 either.
    EXPECT_FALSE(TextDecoder::decode(QByteArray("\xC0\xAF"), QStringLiteral("x")).ok());
    EXPECT_FALSE(TextDecoder::decode(QByteArray("\xED\xA0\x80"), QStringLiteral("x")).ok());
}

TEST(IoTextDecoder, DeclaredUtf16WithoutBom) {
    const QString fi = QStringLiteral("Öljy");
    QStringEncoder le(QStringEncoder::Utf16LE);
    auto r = TextDecoder::decode(le.encode(fi), QStringLiteral("x.srt"), QStringLiteral("UTF-16LE"));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->text, fi);
    // Without the declaration the NUL bytes are valid UTF-8, so only the caller can know.
    EXPECT_TRUE(TextDecoder::isSupportedEncoding(QStringLiteral("windows-1252")));
    EXPECT_TRUE(TextDecoder::isSupportedEncoding(QStringLiteral("UTF-16BE")));
    EXPECT_FALSE(TextDecoder::isSupportedEncoding(QStringLiteral("klingon-8")));
}

TEST(IoTimecode, Notations) {
    EXPECT_EQ(Timecode::parseSrt(u"01:02:03,456"), 3723456);
    EXPECT_EQ(Timecode::parseSrt(u"00:00:01.5"), 1500);
    EXPECT_FALSE(Timecode::parseSrt(u"00:00:01"));
    EXPECT_FALSE(Timecode::parseSrt(u"00:61:01,000"));
    EXPECT_EQ(Timecode::parseVtt(u"00:16.500"), 16500);
    EXPECT_EQ(Timecode::parseVtt(u"100:00:00.001"), 360000001);
    EXPECT_FALSE(Timecode::parseVtt(u"00:00:1d.890"));
    EXPECT_FALSE(Timecode::parseVtt(u"0:00.000"));
    EXPECT_EQ(Timecode::parseFlexible(u"12.25"), 12250);
    EXPECT_EQ(Timecode::parseFlexible(u"7"), 7000);
    EXPECT_EQ(Timecode::parseFlexible(u"1:05"), 65000);
    EXPECT_EQ(Timecode::parseFlexible(u"00:01:02,5"), 62500);
    EXPECT_FALSE(Timecode::parseFlexible(u"-1"));
    EXPECT_EQ(Timecode::format(3723456), QStringLiteral("01:02:03.456"));
}

TEST(IoCsv, QuotedFieldsWithCommasQuotesAndNewlines) {
    const QString text = QStringLiteral(
        "start,end,speaker,text\r\n"
        "1.0,2.5,Aino,\"Hei, mitä \"\"tässä\"\" on?\"\r\n"
        "\r\n"
        "00:00:03.000,00:00:04.000,\"Ville\",\"kaksi\r\nriviä\"\r\n"
        "5,6,,viimeinen\r\n");
    auto r = CsvTranscriptReader::parse(text, QStringLiteral("t.csv"));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    ASSERT_EQ(r->size(), 3);
    EXPECT_EQ((*r)[0].startMs, 1000);
    EXPECT_EQ((*r)[0].endMs, 2500);
    EXPECT_EQ((*r)[0].text, QStringLiteral("Hei, mitä \"tässä\" on?"));
    EXPECT_EQ((*r)[1].speaker, QStringLiteral("Ville"));
    EXPECT_EQ((*r)[1].text, QStringLiteral("kaksi\nriviä"));
    EXPECT_EQ((*r)[2].startMs, 5000);
    EXPECT_TRUE((*r)[2].speaker.isEmpty());
}

TEST(IoCsv, TsvAndLineNumbersAfterMultilineFields) {
    auto tsv = CsvTranscriptReader::parse(QStringLiteral("text\tend\tstart\nhello\t2\t1\n"), QStringLiteral("t.tsv"));
    ASSERT_TRUE(tsv.ok()) << tsv.error().message.toStdString();
    EXPECT_EQ(tsv->front().endMs, 2000);
    auto bad =
        CsvTranscriptReader::parse(QStringLiteral("start,end,text\n1,2,\"a\nb\"\n3,x,c\n"), QStringLiteral("t.csv"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, QStringLiteral("t.csv:4: field 'end': 'x' is not a time (seconds or HH:MM:SS.mmm)"));
    auto open = CsvReader::parse(QStringLiteral("a,b\n1,\"never closed\n"), QStringLiteral("o.csv"));
    ASSERT_FALSE(open.ok());
    EXPECT_EQ(open.error().message, QStringLiteral("o.csv:2: a quoted field is never closed"));
    auto fields = CsvReader::parseTable(QStringLiteral("a,b\n1,2,3\n"), QStringLiteral("f.csv"));
    ASSERT_FALSE(fields.ok());
    EXPECT_EQ(fields.error().message, QStringLiteral("f.csv:2: 3 fields, but the header has 2"));
    auto header = CsvTranscriptReader::parse(QStringLiteral("begin,stop\n1,2\n"), QStringLiteral("h.csv"));
    ASSERT_FALSE(header.ok());
    EXPECT_TRUE(header.error().message.startsWith(QLatin1String("h.csv:1: header must name")));
}

TEST(IoCsv, WriterQuotesOnlyWhenNeededAndReadsBack) {
    EXPECT_EQ(CsvWriter::quote(QStringLiteral("plain")), QStringLiteral("plain"));
    EXPECT_EQ(CsvWriter::quote(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    EXPECT_EQ(CsvWriter::quote(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    CsvWriter w;
    w.addRow({QStringLiteral("k"), QStringLiteral("v")});
    w.addRow({QStringLiteral("x,y"), QStringLiteral("line\nbreak \"q\"")});
    auto back = CsvReader::parseTable(QString::fromUtf8(w.toUtf8()), QStringLiteral("w.csv"));
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->records.size(), 1);
    EXPECT_EQ(back->records[0].fields, (QStringList{QStringLiteral("x,y"), QStringLiteral("line\nbreak \"q\"")}));
}
